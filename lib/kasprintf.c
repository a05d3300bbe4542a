/* Formatted strings in kmalloc'd memory (Linux's lib/kasprintf.c). */
#include <stdarg.h>
#include <linux/kernel.h>
#include <linux/slab.h>

/* The formatted text in a new allocation (kfree it), or NULL without memory. */
char *kvasprintf(gfp_t gfp, const char *fmt, va_list ap)
{
	unsigned int first, second;
	char *p;
	va_list aq;

	va_copy(aq, ap);
	first = (unsigned int)vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	p = kmalloc(first + 1, gfp);
	if (!p)
		return NULL;
	second = (unsigned int)vsnprintf(p, first + 1, fmt, ap);
	WARN_ON_ONCE(first != second);	/* an argument changed between the two passes */
	return p;
}

char *kasprintf(gfp_t gfp, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = kvasprintf(gfp, fmt, ap);
	va_end(ap);
	return p;
}
