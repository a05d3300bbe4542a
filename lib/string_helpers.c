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

/*
 * Linux's string_get_size: size blocks of blk_size bytes as "67.1 MB" (units 10) or
 * "64.0 MiB" (units 2), three significant digits, the last one rounded.
 */
void string_get_size(u64 size, u64 blk_size, enum string_size_units units, char *buf, int len)
{
	static const char *const names[2][9] = {
		{ "B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB" },
		{ "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB" },
	};
	const u32 divisor = units == STRING_UNITS_10 ? 1000 : 1024;
	u32 rem = 0, frac, scale;
	unsigned int i = 0, digits;

	/* size * blk_size may not fit in 64 bits: divide whichever is larger first. */
	while (blk_size >= divisor && !(blk_size % divisor) && i < 8) {
		blk_size /= divisor;
		i++;
	}
	while (size >= (1ULL << 54) / (blk_size ? blk_size : 1) && i < 8) {
		size /= divisor;
		i++;
	}
	size *= blk_size;
	for (; size >= divisor && i < 8; i++) {
		rem = (u32)(size % divisor);
		size /= divisor;
	}
	digits = i == 0 ? 0 : size < 10 ? 2 : size < 100 ? 1 : 0;
	scale = digits == 2 ? 100 : digits == 1 ? 10 : 1;
	frac = (rem * scale + divisor / 2) / divisor;
	if (frac == scale) {
		size++;
		frac = 0;
	}
	if (digits)
		snprintf(buf, (size_t)len, "%llu.%0*u %s", (unsigned long long)size, digits, frac,
			 names[units][i]);
	else
		snprintf(buf, (size_t)len, "%llu %s", (unsigned long long)size,
			 names[units][i]);
}
