/*
 * Host tests only: the writeback calls of Linux 6.1 that fs/jbd2's ordered mode makes,
 * for a build without the page cache branch; tests/host/host_jbd2.c has them. The
 * kernel's include/linux/pagemap.h, once there, comes first and this file is not read.
 */
#ifndef _LINUX_PAGEMAP_H
#define _LINUX_PAGEMAP_H

#include <linux/fs.h>

int filemap_fdatawrite_range(struct address_space *mapping, loff_t start, loff_t end);
int filemap_fdatawait_range(struct address_space *mapping, loff_t start_byte, loff_t end_byte);

#endif
