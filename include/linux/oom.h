/* The OOM killer's per-process bias range (Linux's uapi/linux/oom.h). */
#ifndef _LINUX_OOM_H
#define _LINUX_OOM_H

#define OOM_SCORE_ADJ_MIN	(-1000)	/* never chosen */
#define OOM_SCORE_ADJ_MAX	1000

#endif
