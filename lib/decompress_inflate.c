/*
 * gunzip: the gzip container (RFC 1952) around lib/zlib_inflate's deflate decoder:
 * header (with its optional extra field, name, comment and header CRC), the raw
 * stream, then the trailer's CRC-32 and length, both checked.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/decompress/inflate.h>

#define FTEXT		0x01
#define FHCRC		0x02
#define FEXTRA		0x04
#define FNAME		0x08
#define FCOMMENT	0x10
#define FRESERVED	0xe0

static u32 crc_table[256];

static void crc32_init(void)
{
	for (u32 n = 0; n < 256; n++) {
		u32 c = n;

		for (int k = 0; k < 8; k++)
			c = (c & 1) ? 0xedb88320U ^ (c >> 1) : c >> 1;
		crc_table[n] = c;
	}
}

u32 crc32_le_gzip(u32 crc, const u8 *buf, size_t n)
{
	if (!crc_table[1])
		crc32_init();
	crc = ~crc;
	while (n--)
		crc = crc_table[(crc ^ *buf++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

struct gunzip_out {
	long (*flush)(void *, unsigned long);
	u32 crc;
	u64 size;
};

static bool gunzip_flush(void *arg, const u8 *buf, size_t n)
{
	struct gunzip_out *o = arg;

	o->crc = crc32_le_gzip(o->crc, buf, n);
	o->size += n;
	return o->flush((void *)buf, n) == (long)n;
}

/* Past the header: the offset of the deflate data, or 0 when the header is bad. */
static size_t skip_header(const u8 *in, size_t len, const char **msg)
{
	size_t pos = 10;
	u8 flags;

	if (len < 18 || in[0] != 0x1f || in[1] != 0x8b) {
		*msg = "not a gzip stream";
		return 0;
	}
	flags = in[3];
	if (in[2] != 8 || (flags & FRESERVED)) {
		*msg = "unknown compression method or flags";
		return 0;
	}
	if (flags & FEXTRA)
		pos += 2 + (in[10] | (in[11] << 8));
	if (flags & FNAME)
		while (pos < len && in[pos++])
			;
	if (flags & FCOMMENT)
		while (pos < len && in[pos++])
			;
	if (flags & FHCRC)
		pos += 2;
	if (pos >= len) {
		*msg = "truncated gzip header";
		return 0;
	}
	return pos;
}

static u32 get_le32(const u8 *p)
{
	return p[0] | (p[1] << 8) | (p[2] << 16) | ((u32)p[3] << 24);
}

int gunzip(unsigned char *inbuf, long len, long (*fill)(void *, unsigned long),
	   long (*flush)(void *, unsigned long), unsigned char *outbuf, long *posp,
	   void (*error)(char *x))
{
	struct gunzip_out o = { .flush = flush };
	const char *msg = NULL;
	size_t start, used;

	*posp = 0;
	if (fill || !flush || outbuf || len <= 0) {
		error("gunzip: only whole-buffer input with a flush callback");
		return -1;
	}
	start = skip_header(inbuf, (size_t)len, &msg);
	if (!start)
		goto bad;
	if (zlib_inflate_raw(inbuf + start, (size_t)len - start, &used, gunzip_flush, &o, &msg))
		goto bad;
	start += used;
	if (start + 8 > (size_t)len) {
		msg = "truncated gzip trailer";
		goto bad;
	}
	if (get_le32(inbuf + start) != o.crc) {
		msg = "crc error";
		goto bad;
	}
	if (get_le32(inbuf + start + 4) != (u32)o.size) {
		msg = "length error";
		goto bad;
	}
	*posp = (long)(start + 8);
	return 0;
bad:
	error((char *)msg);
	return -1;
}
