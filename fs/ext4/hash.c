/*
 * The hashes of ext4's directory index (htree): the legacy hash, a cut-down MD4 and TEA,
 * each over signed or unsigned chars, as Linux's fs/ext4/hash.c and e2fsprogs compute them.
 */
#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/printk.h>
#include <linux/string.h>
#include "ext4.h"

#define TEA_DELTA 0x9E3779B9

/* 16 rounds of TEA over the block in[4], added into buf[0..1]. */
static void TEA_transform(u32 buf[4], const u32 in[4])
{
	u32 sum = 0, b0 = buf[0], b1 = buf[1];
	int n;

	for (n = 0; n < 16; n++) {
		sum += TEA_DELTA;
		b0 += ((b1 << 4) + in[0]) ^ (b1 + sum) ^ ((b1 >> 5) + in[1]);
		b1 += ((b0 << 4) + in[2]) ^ (b0 + sum) ^ ((b0 >> 5) + in[3]);
	}
	buf[0] += b0;
	buf[1] += b1;
}

/* MD4's selection, majority and parity functions. */
#define F(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))
#define G(x, y, z) (((x) & (y)) + (((x) ^ (y)) & (z)))
#define H(x, y, z) ((x) ^ (y) ^ (z))
#define ROUND(f, a, b, c, d, x, s) (a += f(b, c, d) + (x), a = rol32(a, s))
#define K2 013240474631UL
#define K3 015666365641UL

/* MD4 cut to three rounds of eight steps over in[8], added into buf[4]. */
static void half_md4_transform(u32 buf[4], const u32 in[8])
{
	static const u8 r2[8] = { 1, 3, 5, 7, 0, 2, 4, 6 };
	static const u8 r3[8] = { 3, 7, 2, 6, 1, 5, 0, 4 };
	u32 a = buf[0], b = buf[1], c = buf[2], d = buf[3];
	int i;

	for (i = 0; i < 8; i += 4) {
		ROUND(F, a, b, c, d, in[i], 3);
		ROUND(F, d, a, b, c, in[i + 1], 7);
		ROUND(F, c, d, a, b, in[i + 2], 11);
		ROUND(F, b, c, d, a, in[i + 3], 19);
	}
	for (i = 0; i < 8; i += 4) {
		ROUND(G, a, b, c, d, in[r2[i]] + K2, 3);
		ROUND(G, d, a, b, c, in[r2[i + 1]] + K2, 5);
		ROUND(G, c, d, a, b, in[r2[i + 2]] + K2, 9);
		ROUND(G, b, c, d, a, in[r2[i + 3]] + K2, 13);
	}
	for (i = 0; i < 8; i += 4) {
		ROUND(H, a, b, c, d, in[r3[i]] + K3, 3);
		ROUND(H, d, a, b, c, in[r3[i + 1]] + K3, 9);
		ROUND(H, c, d, a, b, in[r3[i + 2]] + K3, 11);
		ROUND(H, b, c, d, a, in[r3[i + 3]] + K3, 15);
	}
	buf[0] += a;
	buf[1] += b;
	buf[2] += c;
	buf[3] += d;
}

#undef F
#undef G
#undef H
#undef ROUND
#undef K2
#undef K3

/* The byte at p as the hash version reads it: a signed or an unsigned char. */
static inline int hash_char(const char *p, bool unsigned_chars)
{
	return unsigned_chars ? (int)*(const unsigned char *)p : (int)*(const signed char *)p;
}

/* The original htree hash: 32 bits, no seed. */
static u32 dx_hack_hash(const char *name, int len, bool unsigned_chars)
{
	u32 hash, hash0 = 0x12a3fe2d, hash1 = 0x37abe8f9;

	while (len--) {
		hash = hash1 + (hash0 ^ (u32)(hash_char(name++, unsigned_chars) * 7152373));
		if (hash & 0x80000000)
			hash -= 0x7fffffff;
		hash1 = hash0;
		hash0 = hash;
	}
	return hash0 << 1;
}

/*
 * Packs up to num*4 bytes of msg into num words, big-endian within a word, and pads
 * with the length repeated in every byte, so names of different lengths differ.
 */
static void str2hashbuf(const char *msg, int len, u32 *buf, int num, bool unsigned_chars)
{
	u32 pad, val;
	int i;

	pad = (u32)len | ((u32)len << 8);
	pad |= pad << 16;
	val = pad;
	if (len > num * 4)
		len = num * 4;
	for (i = 0; i < len; i++) {
		val = (u32)hash_char(msg + i, unsigned_chars) + (val << 8);
		if (i % 4 == 3) {
			*buf++ = val;
			val = pad;
			num--;
		}
	}
	if (--num >= 0)
		*buf++ = val;
	while (--num >= 0)
		*buf++ = pad;
}

/* Runs the name through half-MD4 (32-byte blocks) or TEA (16-byte blocks) into buf. */
static void dirhash_blocks(const char *p, int len, u32 buf[4], bool tea, bool unsigned_chars)
{
	int words = tea ? 4 : 8;
	u32 in[8];

	for (; len > 0; len -= words * 4, p += words * 4) {
		str2hashbuf(p, len, in, words, unsigned_chars);
		if (tea)
			TEA_transform(buf, in);
		else
			half_md4_transform(buf, in);
	}
}

static void dirhash_seed(u32 buf[4], const u32 *seed)
{
	int i;

	buf[0] = 0x67452301;
	buf[1] = 0xefcdab89;
	buf[2] = 0x98badcfe;
	buf[3] = 0x10325476;
	if (!seed)
		return;
	for (i = 0; i < 4; i++) {
		if (seed[i]) {
			memcpy(buf, seed, 4 * sizeof(u32));
			return;
		}
	}
}

/*
 * Computes the hash of name in hinfo->hash_version, seeded with hinfo->seed (the default
 * seed when it is NULL or all zero). The low bit of hash is always clear (htree uses it
 * to flag collisions), and the end-of-directory hash is never returned.
 */
int ext4fs_dirhash(const struct inode *dir, const char *name, int len,
		   struct dx_hash_info *hinfo)
{
	int version = hinfo->hash_version;
	bool unsigned_chars = version >= DX_HASH_LEGACY_UNSIGNED;
	u32 buf[4], hash, minor_hash = 0;

	dirhash_seed(buf, hinfo->seed);
	switch (version) {
	case DX_HASH_LEGACY:
	case DX_HASH_LEGACY_UNSIGNED:
		hash = dx_hack_hash(name, len, unsigned_chars);
		break;
	case DX_HASH_HALF_MD4:
	case DX_HASH_HALF_MD4_UNSIGNED:
		dirhash_blocks(name, len, buf, false, unsigned_chars);
		hash = buf[1];
		minor_hash = buf[2];
		break;
	case DX_HASH_TEA:
	case DX_HASH_TEA_UNSIGNED:
		dirhash_blocks(name, len, buf, true, unsigned_chars);
		hash = buf[0];
		minor_hash = buf[1];
		break;
	default:
		hinfo->hash = 0;
		hinfo->minor_hash = 0;
		pr_warn("EXT4-fs: invalid/unsupported hash tree version %u\n", version);
		return -EINVAL;
	}
	hash &= ~1u;
	if (hash == (EXT4_HTREE_EOF_32BIT << 1))
		hash = (EXT4_HTREE_EOF_32BIT - 1) << 1;
	hinfo->hash = hash;
	hinfo->minor_hash = minor_hash;
	return 0;
}
