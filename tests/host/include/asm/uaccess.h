/*
 * Host build of include/asm/uaccess.h: a host test's "user memory" is its own heap, so
 * the copies are memcpy; a NULL user pointer faults (-EFAULT), as an unmapped page would.
 */
#ifndef _ASM_UACCESS_H
#define _ASM_UACCESS_H

#include <linux/types.h>
#include <linux/string.h>
#include <linux/errno.h>

#define access_ok(ptr, size)	((ptr) != NULL || (size) == 0)

static inline unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	if (!from)
		return n;
	memcpy(to, from, n);
	return 0;
}

static inline unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (!to)
		return n;
	memcpy(to, from, n);
	return 0;
}

static inline unsigned long clear_user(void __user *to, unsigned long n)
{
	if (!to)
		return n;
	memset(to, 0, n);
	return 0;
}

#define get_user(x, ptr)	((ptr) ? ((x) = *(ptr), 0) : -EFAULT)
#define put_user(x, ptr)	((ptr) ? (*(ptr) = (x), 0) : -EFAULT)

long strncpy_from_user(char *dst, const char __user *src, long count);

#endif
