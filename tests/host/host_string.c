/*
 * lib/string.c's strscpy for host suites that link lib/vsprintf.c (its %s) but not the
 * rest of the kernel's string library, which libc provides.
 */
#include <string.h>
#include <linux/types.h>
#include <linux/errno.h>

ssize_t strscpy(char *dst, const char *src, size_t size)
{
	size_t len = strnlen(src, size);

	if (!size)
		return -E2BIG;
	if (len == size) {
		memcpy(dst, src, size - 1);
		dst[size - 1] = 0;
		return -E2BIG;
	}
	memcpy(dst, src, len + 1);
	return (ssize_t)len;
}
