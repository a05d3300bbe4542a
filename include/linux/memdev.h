/* drivers/char/mem.c: the memory devices (null, zero, full, random, urandom). */
#ifndef _LINUX_MEMDEV_H
#define _LINUX_MEMDEV_H

/* Registers them and makes their /dev nodes; after devtmpfs_init. */
int chr_dev_init(void);

#endif
