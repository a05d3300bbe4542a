/* The freestanding string and memory routines of lib/string.c. */
#ifndef _LINUX_STRING_H
#define _LINUX_STRING_H

#include <linux/types.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
char *strsep(char **s, const char *delim);

/* Copies at most size-1 bytes and always terminates; -E2BIG when truncated. */
ssize_t strscpy(char *dst, const char *src, size_t size);
/* Skips leading white space. */
char *skip_spaces(const char *s);
/* Returns s with trailing white space removed and leading white space skipped. */
char *strim(char *s);
enum string_size_units {
	STRING_UNITS_10,	/* use powers of 10^3 (standard SI) */
	STRING_UNITS_2,		/* use binary powers of 2^10 */
};
void string_get_size(u64 size, u64 blk_size, enum string_size_units units, char *buf, int len);

#endif
