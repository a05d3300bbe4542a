/*
 * Host build of include/linux/ctype.h: libc's character classes, which the host's own
 * headers may already have pulled in as macros. The klib suite builds lib/ freestanding
 * (__KERNEL__), against the kernel's header.
 */
#ifdef __KERNEL__
#include_next <linux/ctype.h>
#else
#ifndef _LINUX_CTYPE_H
#define _LINUX_CTYPE_H
#include <ctype.h>
#endif
#endif
