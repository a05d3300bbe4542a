/*
 * /proc/sys (Linux's sysctl.h): tables of named kernel variables, each read and written
 * as text through its proc_handler (proc_dointvec and friends). The tables live in
 * kernel/sysctl.c; fs/proc/proc_sysctl.c makes their files.
 */
#ifndef _LINUX_SYSCTL_H
#define _LINUX_SYSCTL_H

#include <linux/types.h>

struct ctl_table;

/*
 * write 0: the value as text into buffer (*lenp bytes of room), *lenp set to its length.
 * write 1: buffer (*lenp bytes, NUL-terminated) parsed into the value. 0 or -errno.
 */
typedef int proc_handler(struct ctl_table *table, int write, void *buffer, size_t *lenp,
			 loff_t *ppos);

struct ctl_table {
	const char *procname;
	void *data;
	int maxlen;			/* bytes of data */
	umode_t mode;
	proc_handler *proc_handler;
	void *extra1, *extra2;		/* proc_dointvec_minmax's bounds */
};

extern int sysctl_vals[];
#define SYSCTL_ZERO	((void *)&sysctl_vals[0])
#define SYSCTL_ONE	((void *)&sysctl_vals[1])
#define SYSCTL_INT_MAX	((void *)&sysctl_vals[2])

int proc_dostring(struct ctl_table *table, int write, void *buffer, size_t *lenp,
		  loff_t *ppos);
int proc_dointvec(struct ctl_table *table, int write, void *buffer, size_t *lenp,
		  loff_t *ppos);
int proc_doulongvec_minmax(struct ctl_table *table, int write, void *buffer, size_t *lenp,
			   loff_t *ppos);
int proc_dointvec_minmax(struct ctl_table *table, int write, void *buffer, size_t *lenp,
			 loff_t *ppos);
/* An int of jiffies, shown and set in seconds. */
int proc_dointvec_jiffies(struct ctl_table *table, int write, void *buffer, size_t *lenp,
			  loff_t *ppos);

/* kernel/sysctl.c: the tables of /proc/sys/kernel and /proc/sys/vm, ending in an empty entry. */
extern struct ctl_table kern_table[];
extern struct ctl_table vm_table[];
extern struct ctl_table fs_table[];

int proc_nr_dentry(struct ctl_table *table, int write, void *buffer, size_t *lenp,
		   loff_t *ppos);

#endif
