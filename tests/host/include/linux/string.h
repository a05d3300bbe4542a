/*
 * Host build of include/linux/string.h: libc's string functions first, then the kernel's
 * header, whose declarations of the same functions agree with libc's and which adds
 * strscpy and friends. The klib suite builds lib/ freestanding (__KERNEL__), without libc.
 */
#ifndef __KERNEL__
#include <string.h>
#endif
#include_next <linux/string.h>
