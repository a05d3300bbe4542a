/* /proc (fs/proc): so far the minimal one busybox needs (self, PID directories, mounts). */
#ifndef _LINUX_PROC_FS_H
#define _LINUX_PROC_FS_H

/* Registers the proc file system (mounted by init); kernel_init, before /init runs. */
int proc_root_init(void);

#endif
