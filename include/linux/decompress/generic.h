/*
 * The decompressors' common shape (Linux's decompress_fn): inbuf holds the whole input
 * (fill is for streaming input and unused here: NULL); each stretch of output goes to
 * flush, which returns how much it took (less stops the decompressor); *posp receives
 * how many input bytes the compressed stream used; error gets a message on bad input.
 * Returns 0, or -1 after calling error.
 */
#ifndef _LINUX_DECOMPRESS_GENERIC_H
#define _LINUX_DECOMPRESS_GENERIC_H

typedef int decompress_fn(unsigned char *inbuf, long len, long (*fill)(void *, unsigned long),
			  long (*flush)(void *, unsigned long), unsigned char *outbuf,
			  long *posp, void (*error)(char *x));

/* The decompressor for the format whose magic starts inbuf, and its name; NULL if none. */
decompress_fn *decompress_method(const unsigned char *inbuf, long len, const char **name);

#endif
