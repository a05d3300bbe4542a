/*
 * A deflate (RFC 1951) decoder for whole-buffer input: stored, fixed-Huffman and
 * dynamic-Huffman blocks, output through a 32 KiB circular window that is handed to the
 * caller each time it fills (and at the end). Input goes through a 64-bit buffer refilled
 * a byte at a time. Huffman codes are canonical: a table indexed by the next FASTBITS
 * input bits decodes the short (frequent) codes in one step, as Linux's lib/zlib_inflate
 * does, and the longer ones are walked from how many codes each length has and the
 * symbols in code order. Every malformed stream ends in an error code and a message, never
 * a read or write outside the buffers.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/decompress/inflate.h>

#define MAXBITS		15
#define MAXLCODES	286
#define MAXDCODES	30
#define MAXCODES	(MAXLCODES + MAXDCODES)
#define FIXLCODES	288
#define FASTBITS	9	/* most literal/length and distance codes are this short */

struct huffman {
	short count[MAXBITS + 1];	/* codes of each length; count[0]: unused symbols */
	short symbol[FIXLCODES];	/* symbols in canonical code order */
	/*
	 * fast[the next FASTBITS input bits]: symbol << 4 | code length, for codes of at
	 * most FASTBITS bits; 0 where the code is longer or there is none (decode_slow()).
	 */
	u16 fast[1 << FASTBITS];
};

struct inflate_state {
	const u8 *in;
	size_t in_len, in_pos;		/* in_pos: bytes moved into bitbuf */
	u64 bitbuf;			/* bitcnt input bits not used yet, the next lowest */
	unsigned int bitcnt;
	u8 *win;			/* INFLATE_WSIZE bytes, circular */
	size_t wpos;			/* next write in win */
	u64 total;			/* bytes produced */
	bool (*out)(void *arg, const u8 *buf, size_t n);
	void *arg;
	const char *msg;		/* the first error */
};

static int fail(struct inflate_state *s, const char *msg)
{
	if (!s->msg)
		s->msg = msg;
	return -EINVAL;
}

/* Tops bitbuf up to more than 56 bits, or to all the input left. */
static inline void refill(struct inflate_state *s)
{
	while (s->bitcnt <= 56 && s->in_pos < s->in_len) {
		s->bitbuf |= (u64)s->in[s->in_pos++] << s->bitcnt;
		s->bitcnt += 8;
	}
}

/* need (<= 16) bits, least significant first; past the end sets an error, gives 0. */
static inline u32 bits(struct inflate_state *s, unsigned int need)
{
	u32 val;

	if (s->bitcnt < need) {
		refill(s);
		if (s->bitcnt < need) {
			fail(s, "unexpected end of compressed data");
			return 0;
		}
	}
	val = (u32)s->bitbuf & ((1U << need) - 1);
	s->bitbuf >>= need;
	s->bitcnt -= need;
	return val;
}

/* Input bytes used: the whole bytes still in bitbuf were not. */
static size_t input_used(const struct inflate_state *s)
{
	return s->in_pos - (s->bitcnt >> 3);
}

static int flush_window(struct inflate_state *s, size_t n)
{
	if (n && !s->out(s->arg, s->win, n))
		return fail(s, "write error");
	return 0;
}

static inline int put_byte(struct inflate_state *s, u8 b)
{
	s->win[s->wpos++] = b;
	s->total++;
	if (s->wpos == INFLATE_WSIZE) {
		s->wpos = 0;
		return flush_window(s, INFLATE_WSIZE);
	}
	return 0;
}

static int stored(struct inflate_state *s)
{
	unsigned int len;

	s->in_pos = input_used(s);	/* to a byte boundary */
	s->bitbuf = 0;
	s->bitcnt = 0;
	if (s->in_pos + 4 > s->in_len)
		return fail(s, "unexpected end of compressed data");
	len = s->in[s->in_pos] | (s->in[s->in_pos + 1] << 8);
	if (s->in[s->in_pos + 2] != (u8)~len || s->in[s->in_pos + 3] != (u8)(~len >> 8))
		return fail(s, "stored block length check failed");
	s->in_pos += 4;
	if (s->in_pos + len > s->in_len)
		return fail(s, "unexpected end of compressed data");
	while (len--)
		if (put_byte(s, s->in[s->in_pos++]))
			return -EINVAL;
	return 0;
}

/* Fills h->fast from h->count and h->symbol (a code that is not over-subscribed). */
static void build_fast(struct huffman *h)
{
	unsigned int code = 0, index = 0;

	for (unsigned int len = 1; len <= FASTBITS; len++) {
		for (int i = 0; i < h->count[len]; i++, code++) {
			/* Codes are sent from their top bit: the table sees them reversed. */
			unsigned int rev = 0;
			u16 entry = (u16)(h->symbol[index++] << 4 | len);

			for (unsigned int b = 0; b < len; b++)
				rev |= ((code >> b) & 1) << (len - 1 - b);
			for (; rev < (1U << FASTBITS); rev += 1U << len)
				h->fast[rev] = entry;
		}
		code <<= 1;
	}
}

/*
 * Builds h from n code lengths. Returns 0 for a complete code, > 0 for an incomplete
 * one (codes left unused), < 0 for an over-subscribed one.
 */
static int construct(struct huffman *h, const short *length, int n)
{
	short offs[MAXBITS + 1];
	int left = 1;

	memset(h->count, 0, sizeof(h->count));
	memset(h->fast, 0, sizeof(h->fast));
	for (int sym = 0; sym < n; sym++)
		h->count[length[sym]]++;
	if (h->count[0] == n)
		return 0;	/* no codes: complete, but decode will fail */
	for (int len = 1; len <= MAXBITS; len++) {
		left <<= 1;
		left -= h->count[len];
		if (left < 0)
			return left;
	}
	offs[1] = 0;
	for (int len = 1; len < MAXBITS; len++)
		offs[len + 1] = (short)(offs[len] + h->count[len]);
	for (int sym = 0; sym < n; sym++)
		if (length[sym])
			h->symbol[offs[length[sym]]++] = (short)sym;
	build_fast(h);
	return left;
}

/*
 * decode() for codes not in h->fast: walks the code a bit at a time, counting the codes
 * of each length, over the bits already in bitbuf (refilled by decode()).
 */
static int decode_slow(struct inflate_state *s, const struct huffman *h)
{
	int code = 0, first = 0, index = 0;

	for (unsigned int len = 1; len <= MAXBITS; len++) {
		int count;

		if (len > s->bitcnt) {
			fail(s, "unexpected end of compressed data");
			return -1;
		}
		code |= (int)(s->bitbuf >> (len - 1)) & 1;
		count = h->count[len];
		if (code - count < first) {
			s->bitbuf >>= len;
			s->bitcnt -= len;
			return h->symbol[index + (code - first)];
		}
		index += count;
		first += count;
		first <<= 1;
		code <<= 1;
	}
	fail(s, "invalid code");
	return -1;
}

/* The next symbol coded with h, or < 0 (an error is set) when no code matches. */
static inline int decode(struct inflate_state *s, const struct huffman *h)
{
	unsigned int entry, len;

	if (s->bitcnt < MAXBITS)
		refill(s);
	entry = h->fast[s->bitbuf & ((1U << FASTBITS) - 1)];
	len = entry & 15;
	if (!len || len > s->bitcnt)
		return decode_slow(s, h);
	s->bitbuf >>= len;
	s->bitcnt -= len;
	return (int)(entry >> 4);
}

static const short length_base[29] = {
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
	35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
static const short length_extra[29] = {
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
static const short dist_base[30] = {
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
	257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577 };
static const short dist_extra[30] = {
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12,
	13, 13 };

/*
 * Copies len bytes from dist back in the output, in runs that wrap neither the source
 * nor the destination around the window: a memcpy() when they do not overlap, else
 * forwards a byte at a time, which repeats the last dist bytes as deflate means.
 */
static int copy_match(struct inflate_state *s, unsigned int len, unsigned int dist)
{
	if (dist > s->total || dist > INFLATE_WSIZE)
		return fail(s, "invalid distance too far back");
	s->total += len;
	while (len) {
		size_t from = (s->wpos + INFLATE_WSIZE - dist) % INFLATE_WSIZE;
		size_t n = min3((size_t)len, INFLATE_WSIZE - s->wpos, INFLATE_WSIZE - from);
		u8 *dst = s->win + s->wpos;
		const u8 *src = s->win + from;

		if (src + n <= dst || dst + n <= src)
			memcpy(dst, src, n);
		else
			for (size_t i = 0; i < n; i++)
				dst[i] = src[i];
		s->wpos += n;
		len -= (unsigned int)n;
		if (s->wpos == INFLATE_WSIZE) {
			s->wpos = 0;
			if (flush_window(s, INFLATE_WSIZE))
				return -EINVAL;
		}
	}
	return 0;
}

/* Decodes literal/length and distance codes until the end-of-block code. */
static int codes(struct inflate_state *s, const struct huffman *lencode,
		 const struct huffman *distcode)
{
	for (;;) {
		int symbol = decode(s, lencode);
		unsigned int len, dist;

		if (symbol < 0)
			return -EINVAL;
		if (symbol < 256) {
			if (put_byte(s, (u8)symbol))
				return -EINVAL;
			continue;
		}
		if (symbol == 256)
			return 0;
		symbol -= 257;
		if (symbol >= 29)
			return fail(s, "invalid literal/length code");
		len = (unsigned int)length_base[symbol] + bits(s, length_extra[symbol]);
		symbol = decode(s, distcode);
		if (symbol < 0)
			return -EINVAL;
		if (symbol >= 30)
			return fail(s, "invalid distance code");
		dist = (unsigned int)dist_base[symbol] + bits(s, dist_extra[symbol]);
		if (s->msg || copy_match(s, len, dist))
			return -EINVAL;
	}
}

/* The codes of fixed-Huffman blocks, built once. */
static struct huffman fixed_len, fixed_dist;
static bool fixed_built;

static int fixed(struct inflate_state *s)
{
	if (!fixed_built) {
		short lengths[FIXLCODES];
		int sym;

		for (sym = 0; sym < 144; sym++)
			lengths[sym] = 8;
		for (; sym < 256; sym++)
			lengths[sym] = 9;
		for (; sym < 280; sym++)
			lengths[sym] = 7;
		for (; sym < FIXLCODES; sym++)
			lengths[sym] = 8;
		construct(&fixed_len, lengths, FIXLCODES);
		for (sym = 0; sym < MAXDCODES; sym++)
			lengths[sym] = 5;
		construct(&fixed_dist, lengths, MAXDCODES);
		fixed_built = true;
	}
	return codes(s, &fixed_len, &fixed_dist);
}

/* The literal/length and distance code lengths of a dynamic block, into lengths. */
static int dynamic_lengths(struct inflate_state *s, short *lengths, int nlen, int ndist)
{
	static const short order[19] = {
		16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };
	int ncode = (int)bits(s, 4) + 4, index;
	struct huffman lencode;

	for (index = 0; index < ncode; index++)
		lengths[order[index]] = (short)bits(s, 3);
	for (; index < 19; index++)
		lengths[order[index]] = 0;
	if (s->msg)
		return -EINVAL;
	if (construct(&lencode, lengths, 19) != 0)
		return fail(s, "invalid code lengths set");
	for (index = 0; index < nlen + ndist; ) {
		int symbol = decode(s, &lencode), len = 0, repeat;

		if (symbol < 0)
			return -EINVAL;
		if (symbol < 16) {
			lengths[index++] = (short)symbol;
			continue;
		}
		if (symbol == 16) {
			if (index == 0)
				return fail(s, "invalid bit length repeat");
			len = lengths[index - 1];
			repeat = 3 + (int)bits(s, 2);
		} else if (symbol == 17) {
			repeat = 3 + (int)bits(s, 3);
		} else {
			repeat = 11 + (int)bits(s, 7);
		}
		if (index + repeat > nlen + ndist)
			return fail(s, "invalid bit length repeat");
		while (repeat--)
			lengths[index++] = (short)len;
	}
	if (s->msg)
		return -EINVAL;
	if (lengths[256] == 0)
		return fail(s, "invalid code -- missing end-of-block");
	return 0;
}

static int dynamic(struct inflate_state *s)
{
	short lengths[MAXCODES];
	struct huffman *lencode, *distcode;
	int nlen, ndist, err;

	nlen = (int)bits(s, 5) + 257;
	ndist = (int)bits(s, 5) + 1;
	if (s->msg)
		return -EINVAL;
	if (nlen > MAXLCODES || ndist > MAXDCODES)
		return fail(s, "too many length or distance symbols");
	err = dynamic_lengths(s, lengths, nlen, ndist);
	if (err)
		return err;
	lencode = kmalloc(2 * sizeof(*lencode), GFP_KERNEL);
	if (!lencode)
		return fail(s, "out of memory");
	distcode = lencode + 1;
	/* Incomplete codes are allowed only when they have a single code (of length 1). */
	err = construct(lencode, lengths, nlen);
	if (err < 0 || (err > 0 && nlen != lencode->count[0] + lencode->count[1])) {
		err = fail(s, "invalid literal/lengths set");
		goto out;
	}
	err = construct(distcode, lengths + nlen, ndist);
	if (err < 0 || (err > 0 && ndist != distcode->count[0] + distcode->count[1])) {
		err = fail(s, "invalid distances set");
		goto out;
	}
	err = codes(s, lencode, distcode);
out:
	kfree(lencode);
	return err;
}

int zlib_inflate_raw(const u8 *in, size_t in_len, size_t *in_used,
		     bool (*out)(void *arg, const u8 *buf, size_t n), void *arg,
		     const char **msg)
{
	struct inflate_state s = { .in = in, .in_len = in_len, .out = out, .arg = arg };
	int last, type, err = 0;

	s.win = kmalloc(INFLATE_WSIZE, GFP_KERNEL);
	if (!s.win) {
		*msg = "out of memory";
		return -ENOMEM;
	}
	do {
		last = (int)bits(&s, 1);
		type = (int)bits(&s, 2);
		if (s.msg)
			err = -EINVAL;
		else if (type == 0)
			err = stored(&s);
		else if (type == 1)
			err = fixed(&s);
		else if (type == 2)
			err = dynamic(&s);
		else
			err = fail(&s, "invalid block type");
	} while (!err && !last);
	if (!err)
		err = flush_window(&s, s.wpos);
	kfree(s.win);
	*in_used = input_used(&s);
	*msg = s.msg;
	return err;
}
