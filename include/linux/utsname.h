/* The system's names (uname(2), /proc/sys/kernel/hostname ...): Linux's utsname.h. */
#ifndef _LINUX_UTSNAME_H
#define _LINUX_UTSNAME_H

#include <linux/types.h>
#include <linux/spinlock.h>

struct new_utsname {
	char sysname[65];
	char nodename[65];
	char release[65];
	char version[65];
	char machine[65];
	char domainname[65];
};

/* The one set of names (no UTS namespaces); uts_lock covers every write and copy. */
extern struct new_utsname init_uts;
extern spinlock_t uts_lock;

struct ctl_table;
/* /proc/sys/kernel/{ostype,osrelease,hostname}: proc_dostring under uts_lock. */
int proc_do_uts_string(struct ctl_table *table, int write, void *buffer, size_t *lenp,
		       loff_t *ppos);

#endif
