/* String helpers libc does not have (strscpy, skip_spaces, strim): the same code serves
 * the kernel and the host tests, which link it next to libc. */
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/string.h>

/*
 * Copies src into dst of size bytes and always NUL-terminates it when size > 0.
 * Returns the length copied, or -E2BIG when src did not fit (dst then holds the first
 * size-1 bytes) or size is 0. A size above INT_MAX is a caller's bug: WARN, -E2BIG,
 * nothing written.
 */
ssize_t strscpy(char *dst, const char *src, size_t size)
{
	size_t i;

	if (size == 0 || WARN_ON_ONCE(size > INT_MAX))
		return -E2BIG;
	for (i = 0; i < size; i++) {
		dst[i] = src[i];
		if (!src[i])
			return i;
	}
	dst[size - 1] = '\0';
	return -E2BIG;
}

/* Returns s past its leading white space. */
char *skip_spaces(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return (char *)s;
}

/* Cuts trailing white space off s in place; returns s past its leading white space. */
char *strim(char *s)
{
	size_t size = strlen(s), len = size;

	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (len < size)
		s[len] = '\0';
	return skip_spaces(s);
}
