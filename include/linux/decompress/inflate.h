/* gzip (RFC 1952) over raw deflate (RFC 1951): lib/decompress_inflate.c, lib/zlib_inflate/. */
#ifndef _LINUX_DECOMPRESS_INFLATE_H
#define _LINUX_DECOMPRESS_INFLATE_H

#include <linux/types.h>
#include <linux/decompress/generic.h>

decompress_fn gunzip;

/* The deflate window: output the back-references may reach. */
#define INFLATE_WSIZE	32768

/*
 * A raw deflate stream from in[0..in_len): output in runs of at most INFLATE_WSIZE bytes
 * to out(arg, buf, n), which returns false to stop. Returns 0 and the input used in
 * *in_used, or a negative code with a message in *msg.
 */
int zlib_inflate_raw(const u8 *in, size_t in_len, size_t *in_used,
		     bool (*out)(void *arg, const u8 *buf, size_t n), void *arg,
		     const char **msg);

/* CRC-32 (IEEE 802.3, as gzip's trailer) of n bytes continuing from crc (0 to start). */
u32 crc32_le_gzip(u32 crc, const u8 *buf, size_t n);

#endif
