/*
 * The out-of-memory killer (mm/oom_kill.c): the allocator's last resort, and
 * oom_score_adj's range and setter for /proc/PID/oom_score_adj.
 */
#ifndef _LINUX_OOM_H
#define _LINUX_OOM_H

#include <linux/types.h>
#include <linux/gfp.h>

#define OOM_SCORE_ADJ_MIN	(-1000)
#define OOM_SCORE_ADJ_MAX	1000

struct task_struct;
struct mutex;

/* Held around out_of_memory. */
extern struct mutex oom_lock;

bool out_of_memory(gfp_t gfp_mask, int order);
void pagefault_out_of_memory(void);
long oom_badness(struct task_struct *p, unsigned long totalpages);
int set_oom_score_adj(struct task_struct *p, int adj);
void oom_init(void);

#endif
