/* devtmpfs: the kernel's own /dev, a ramfs where drivers put their device nodes. */
#ifndef _LINUX_DEVTMPFS_H
#define _LINUX_DEVTMPFS_H

#include <linux/types.h>

/* Registers devtmpfs and mounts its single instance inside the kernel. */
int devtmpfs_init(void);
/* Makes /dev/name (mode with S_IFCHR or S_IFBLK); 0 or -errno (-EEXIST is 0). */
int devtmpfs_create_node(const char *name, umode_t mode, dev_t dev);

#endif
