/* Which decompressor a compressed image needs, from its magic bytes (Linux's decompress_method). */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/decompress/generic.h>
#include <linux/decompress/inflate.h>

static const struct compress_format {
	unsigned char magic[2];
	const char *name;
	decompress_fn *decompressor;
} compressed_formats[] = {
	{ { 0x1f, 0x8b }, "gzip", gunzip },
};

decompress_fn *decompress_method(const unsigned char *inbuf, long len, const char **name)
{
	if (len < 2)
		return NULL;
	for (unsigned int i = 0; i < ARRAY_SIZE(compressed_formats); i++) {
		const struct compress_format *cf = &compressed_formats[i];

		if (!memcmp(inbuf, cf->magic, 2)) {
			if (name)
				*name = cf->name;
			return cf->decompressor;
		}
	}
	return NULL;
}
