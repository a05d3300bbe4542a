/* vsnprintf and friends: the kernel's printf, with Linux's semantics and its %p extensions
 * (%pS symbols, %pa physical addresses, %*pb/%*pbl bitmaps, %px raw pointers, ...). */
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/kallsyms.h>
#include <linux/mm.h>
#include <linux/page-flags.h>

/*
 * Differences from C99 that follow Linux, on purpose:
 *  - %#x of 0 prints "0x0", an integer 0 with precision 0 prints "0", "%.d" with no digits
 *    means no precision, a negative '*' precision means 0, and the '0' flag pads with
 *    zeros even when a precision is given;
 *  - %#o always puts its '0' before the digits, even with a precision;
 *  - %s of NULL prints "(null)", of an address in the first page or an error pointer
 *    "(efault)", both cut to 16 characters unless a precision says otherwise;
 *  - %n and unknown conversions end the output there: the arguments would be out of step.
 * The qualifier j (intmax_t) is accepted although Linux 6.1 lacks it.
 */

/* printf_spec.flags: Linux's values. */
#define SIGN		1	/* signed conversion */
#define LEFT		2	/* '-' */
#define PLUS		4	/* '+' */
#define SPACE		8	/* ' ' */
#define ZEROPAD		16	/* '0' */
#define SMALL		32	/* lower-case hex digits, must be 0x20 */
#define SPECIAL		64	/* '#': 0x or 0 prefix */

#define FIELD_WIDTH_MAX	((1 << 23) - 1)
#define PRECISION_MAX	((1 << 15) - 1)

#ifndef BITS_PER_LONG
#define BITS_PER_LONG	(8 * (int)sizeof(long))
#endif

/* No object lives in the first page, so a pointer there is a bug, not a string. */
#define FIRST_VALID_ADDR	4096UL

struct printf_spec {
	int field_width;	/* -1 when none was given */
	int precision;		/* -1 when none was given */
	unsigned int flags;
	unsigned int base;	/* 8, 10 or 16 */
	char qualifier;		/* 0, 'H' (hh), 'h', 'l', 'L' (ll), 'z', 't' or 'j' */
};

/* The output: bytes from size on are counted in pos but not stored. */
struct printbuf {
	char *buf;
	size_t size;
	size_t pos;
};

static const char hex_asc_upper[] = "0123456789ABCDEF";

static const struct printf_spec dec_spec = {
	.field_width = -1, .precision = -1, .base = 10,
};

static inline void put_char(struct printbuf *out, char c)
{
	if (out->pos < out->size)
		out->buf[out->pos] = c;
	out->pos++;
}

static void put_repeat(struct printbuf *out, char c, long n)
{
	for (; n > 0; n--)
		put_char(out, c);
}

static void put_mem(struct printbuf *out, const char *s, size_t n)
{
	if (out->pos < out->size)
		memcpy(out->buf + out->pos, s, min(n, out->size - out->pos));
	out->pos += n;
}

/* Writes num's digits into tmp, least significant first; returns how many. */
static int put_digits(char *tmp, unsigned long long num, unsigned int base, char locase)
{
	int i = 0;

	if (base == 10) {
		do {
			tmp[i++] = '0' + num % 10;
			num /= 10;
		} while (num);
		return i;
	}
	do {
		tmp[i++] = hex_asc_upper[num & (base - 1)] | locase;
		num >>= base == 16 ? 4 : 3;
	} while (num);
	return i;
}

/* Formats an integer: Linux's number(), padding, sign, prefix, precision and all. */
static void number(struct printbuf *out, unsigned long long num, struct printf_spec spec)
{
	char tmp[3 * sizeof(num)];
	char sign = 0, locase = spec.flags & SMALL;
	bool need_pfx = (spec.flags & SPECIAL) && spec.base != 10;
	bool is_zero = num == 0;
	long width = spec.field_width, precision = spec.precision;
	int i;

	if (spec.flags & LEFT)
		spec.flags &= ~ZEROPAD;
	if (spec.flags & SIGN) {
		if ((long long)num < 0) {
			sign = '-';
			num = -num;
		} else if (spec.flags & PLUS) {
			sign = '+';
		} else if (spec.flags & SPACE) {
			sign = ' ';
		}
		width -= sign != 0;
	}
	if (need_pfx)
		width -= spec.base == 16 ? 2 : !is_zero;
	i = put_digits(tmp, num, spec.base, locase);
	if (i > precision)
		precision = i;
	width -= precision;
	if (!(spec.flags & (ZEROPAD | LEFT))) {
		put_repeat(out, ' ', width);
		width = 0;
	}
	if (sign)
		put_char(out, sign);
	if (need_pfx && (spec.base == 16 || !is_zero))
		put_char(out, '0');
	if (need_pfx && spec.base == 16)
		put_char(out, 'X' | locase);
	if (!(spec.flags & LEFT)) {
		put_repeat(out, '0', width);
		width = 0;
	}
	put_repeat(out, '0', precision - i);
	while (--i >= 0)
		put_char(out, tmp[i]);
	put_repeat(out, ' ', width);
}

/* "0x" and size*2 hex digits, whatever the caller's width: %pa, and %pS without kallsyms. */
static void special_hex_number(struct printbuf *out, unsigned long long num, int size)
{
	struct printf_spec spec = {
		.field_width = 2 + 2 * size, .precision = -1, .base = 16,
		.flags = SPECIAL | SMALL | ZEROPAD,
	};

	number(out, num, spec);
}

/* A string known to be readable, cut to the precision and padded to the width. */
static void string_nocheck(struct printbuf *out, const char *s, struct printf_spec spec)
{
	size_t len = spec.precision < 0 ? strlen(s) : strnlen(s, spec.precision);
	long pad = len < (size_t)spec.field_width ? spec.field_width - (long)len : 0;

	if (!(spec.flags & LEFT))
		put_repeat(out, ' ', pad);
	put_mem(out, s, len);
	if (spec.flags & LEFT)
		put_repeat(out, ' ', pad);
}

/* Prints "(null)" or "(efault)" and returns true when ptr cannot be dereferenced. */
static bool check_pointer(struct printbuf *out, const void *ptr, struct printf_spec spec)
{
	const char *msg;

	if (!ptr)
		msg = "(null)";
	else if ((unsigned long)ptr < FIRST_VALID_ADDR || IS_ERR(ptr))
		msg = "(efault)";
	else
		return false;
	if (spec.precision == -1)
		spec.precision = 2 * sizeof(void *);
	string_nocheck(out, msg, spec);
	return true;
}

static void string(struct printbuf *out, const char *s, struct printf_spec spec)
{
	if (!check_pointer(out, s, spec))
		string_nocheck(out, s, spec);
}

static void format_char(struct printbuf *out, char c, struct printf_spec spec)
{
	if (!(spec.flags & LEFT))
		put_repeat(out, ' ', spec.field_width - 1L);
	put_char(out, c);
	if (spec.flags & LEFT)
		put_repeat(out, ' ', spec.field_width - 1L);
}

/* %px (and %p, %pK: we do not hash): 16 hex digits, or the caller's width with spaces. */
static void pointer_string(struct printbuf *out, const void *ptr, struct printf_spec spec)
{
	spec.base = 16;
	spec.flags |= SMALL;
	if (spec.field_width == -1) {
		spec.field_width = 2 * sizeof(ptr);
		spec.flags |= ZEROPAD;
	}
	number(out, (unsigned long)ptr, spec);
}

/*
 * Linux's __sprint_symbol: "name+0xoff/0xsize [module]" into buf (KSYM_SYMBOL_LEN bytes),
 * or "0x<addr>" when no symbol covers addr. A backtrace (%pB) passes symbol_offset -1 so a
 * return address just past a noreturn call still names the caller.
 */
static void sprint_symbol_into(char *buf, unsigned long addr, int symbol_offset,
			       bool add_offset)
{
	unsigned long size = 0, offset = 0;
	char *modname = NULL;
	const char *name;
	size_t len;

	addr += symbol_offset;
	name = kallsyms_lookup(addr, &size, &offset, &modname, buf);
	if (!name) {
		snprintf(buf, KSYM_SYMBOL_LEN, "0x%lx", addr - symbol_offset);
		return;
	}
	if (name != buf)
		strscpy(buf, name, KSYM_NAME_LEN);
	len = strnlen(buf, KSYM_NAME_LEN - 1);
	buf[len] = '\0';
	offset -= symbol_offset;
	if (add_offset)
		len += scnprintf(buf + len, KSYM_SYMBOL_LEN - len, "+%#lx/%#lx", offset, size);
	if (modname)
		scnprintf(buf + len, KSYM_SYMBOL_LEN - len, " [%s]", modname);
}

/* %pS "name+0x10/0x40", %ps "name", %pB like %pS for a return address. */
static void symbol_string(struct printbuf *out, void *ptr, struct printf_spec spec,
			  const char *fmt)
{
	char sym[KSYM_SYMBOL_LEN];
	unsigned long value = (unsigned long)ptr;

	if (*fmt == 'B')
		sprint_symbol_into(sym, value, -1, true);
	else
		sprint_symbol_into(sym, value, 0, *fmt != 's');
	string_nocheck(out, sym, spec);
}

/* %pa, %pap: *(phys_addr_t *)ptr; %pad: a dma_addr_t (64 bits here too). */
static void address_val(struct printbuf *out, const void *ptr, struct printf_spec spec)
{
	if (check_pointer(out, ptr, spec))
		return;
	special_hex_number(out, *(const phys_addr_t *)ptr, sizeof(phys_addr_t));
}

/* The first bit at or after start that is set (or clear, when set is false); nbits if none. */
static int next_bit(const unsigned long *bitmap, int nbits, int start, bool set)
{
	while (start < nbits) {
		unsigned long word = bitmap[start / BITS_PER_LONG];

		word = (set ? word : ~word) >> (start % BITS_PER_LONG);
		if (word)
			return min(start + __builtin_ctzl(word), nbits);
		start = (start / BITS_PER_LONG + 1) * BITS_PER_LONG;
	}
	return nbits;
}

/* %*pbl: the set bits of a field_width-bit bitmap as ranges, "0-3,5,8-9". */
static void bitmap_list_string(struct printbuf *out, const unsigned long *bitmap,
			       struct printf_spec spec)
{
	int nbits = max(spec.field_width, 0);
	int first = next_bit(bitmap, nbits, 0, true);
	int end;

	while (first < nbits) {
		end = next_bit(bitmap, nbits, first + 1, false);
		number(out, first, dec_spec);
		if (end - 1 > first) {
			put_char(out, '-');
			number(out, end - 1, dec_spec);
		}
		first = next_bit(bitmap, nbits, end, true);
		if (first < nbits)
			put_char(out, ',');
	}
}

/* %*pb: a field_width-bit bitmap as comma-separated 32-bit hex chunks, highest first. */
static void bitmap_string(struct printbuf *out, const unsigned long *bitmap,
			  struct printf_spec spec)
{
	const int chunk_bits = 32;
	int nbits = max(spec.field_width, 0);
	int chunksz = nbits % chunk_bits ? nbits % chunk_bits : chunk_bits;
	int i = ALIGN(nbits, chunk_bits) - chunk_bits;
	struct printf_spec hex = { .precision = -1, .base = 16, .flags = SMALL | ZEROPAD };

	for (; i >= 0; i -= chunk_bits) {
		u32 mask = (1ULL << chunksz) - 1;
		u32 val = (bitmap[i / BITS_PER_LONG] >> (i % BITS_PER_LONG)) & mask;

		if (i != ALIGN(nbits, chunk_bits) - chunk_bits)
			put_char(out, ',');
		hex.field_width = DIV_ROUND_UP(chunksz, 4);
		number(out, val, hex);
		chunksz = chunk_bits;
	}
}

/* %*ph: up to 64 bytes as hex, separated by ' ' (%phC ':', %phD '-', %phN none). */
static void hex_string(struct printbuf *out, const u8 *addr, struct printf_spec spec,
		       const char *fmt)
{
	char sep = fmt[1] == 'C' ? ':' : fmt[1] == 'D' ? '-' : fmt[1] == 'N' ? 0 : ' ';
	int i, len = spec.field_width > 0 ? min(spec.field_width, 64) : 1;

	if (spec.field_width == 0 || check_pointer(out, addr, spec))
		return;
	for (i = 0; i < len; i++) {
		if (i && sep)
			put_char(out, sep);
		put_char(out, hex_asc_upper[addr[i] >> 4] | 0x20);
		put_char(out, hex_asc_upper[addr[i] & 0xf] | 0x20);
	}
}

static const struct {
	unsigned long mask;
	const char *name;
} pageflag_names[] = {
#define PAGEFLAG_NAME(flag, name)	{ 1UL << PG_##flag, name }
	PAGEFLAG_NAME(locked, "locked"), PAGEFLAG_NAME(waiters, "waiters"),
	PAGEFLAG_NAME(error, "error"), PAGEFLAG_NAME(referenced, "referenced"),
	PAGEFLAG_NAME(uptodate, "uptodate"), PAGEFLAG_NAME(dirty, "dirty"),
	PAGEFLAG_NAME(lru, "lru"), PAGEFLAG_NAME(active, "active"),
	PAGEFLAG_NAME(workingset, "workingset"), PAGEFLAG_NAME(slab, "slab"),
	PAGEFLAG_NAME(owner_priv_1, "owner_priv_1"), PAGEFLAG_NAME(arch_1, "arch_1"),
	PAGEFLAG_NAME(reserved, "reserved"), PAGEFLAG_NAME(private, "private"),
	PAGEFLAG_NAME(private_2, "private_2"), PAGEFLAG_NAME(writeback, "writeback"),
	PAGEFLAG_NAME(head, "head"), PAGEFLAG_NAME(mappedtodisk, "mappedtodisk"),
	PAGEFLAG_NAME(reclaim, "reclaim"), PAGEFLAG_NAME(swapbacked, "swapbacked"),
	PAGEFLAG_NAME(unevictable, "unevictable"), PAGEFLAG_NAME(mlocked, "mlocked"),
#undef PAGEFLAG_NAME
};

/*
 * %pGp: *(unsigned long *)ptr, a page's flags, as Linux's format_page_flags:
 * "0x...(name|name|node=N|zone=Z)"; bits without a name in hex.
 */
static void page_flags_string(struct printbuf *out, const unsigned long *ptr,
			      struct printf_spec spec)
{
	static const struct printf_spec hex = { .field_width = -1, .precision = -1,
						.base = 16, .flags = SPECIAL | SMALL };
	unsigned long flags, main_flags;

	if (check_pointer(out, ptr, spec))
		return;
	flags = *ptr;
	main_flags = flags & __PG_FLAGS_MASK;
	number(out, flags, hex);
	put_char(out, '(');
	for (size_t i = 0; i < ARRAY_SIZE(pageflag_names) && main_flags; i++) {
		if (!(main_flags & pageflag_names[i].mask))
			continue;
		string_nocheck(out, pageflag_names[i].name, dec_spec);
		main_flags &= ~pageflag_names[i].mask;
		put_char(out, '|');
	}
	if (main_flags) {
		number(out, main_flags, hex);
		put_char(out, '|');
	}
	string_nocheck(out, "node=", dec_spec);
	number(out, (flags >> NODES_PGOFF) & NODES_MASK, dec_spec);
	string_nocheck(out, "|zone=", dec_spec);
	number(out, (flags >> ZONES_PGOFF) & ZONES_MASK, dec_spec);
	put_char(out, ')');
}

/*
 * The %p family; fmt points just past the 'p'. Returns fmt past the extension's letters
 * (all alphanumerics, as Linux skips them: "%pfoo" prints a pointer and eats "foo").
 */
static const char *pointer(struct printbuf *out, const char *fmt, void *ptr,
			   struct printf_spec spec)
{
	switch (*fmt) {
	case 'S':
	case 's':
	case 'B':
		symbol_string(out, ptr, spec, fmt);
		break;
	case 'a':
		address_val(out, ptr, spec);
		break;
	case 'G':
		/* %pGg is format_gfp_flags (mm/page_alloc.c), outside this library. */
		if (fmt[1] == 'p')
			page_flags_string(out, ptr, spec);
		else
			pointer_string(out, ptr, spec);
		break;
	case 'b':
		if (check_pointer(out, ptr, spec))
			break;
		if (fmt[1] == 'l')
			bitmap_list_string(out, ptr, spec);
		else
			bitmap_string(out, ptr, spec);
		break;
	case 'h':
		hex_string(out, ptr, spec, fmt);
		break;
	case 'e':
		if (IS_ERR(ptr)) {
			/* Linux without CONFIG_SYMBOLIC_ERRNAME: the number, "-12". */
			spec.flags |= SIGN;
			spec.base = 10;
			number(out, (long long)PTR_ERR(ptr), spec);
			break;
		}
		fallthrough;
	default:
		pointer_string(out, ptr, spec);
	}
	while (isalnum(*fmt))
		fmt++;
	return fmt;
}

/* Reads a decimal width or precision, saturating far above any limit. */
static int skip_atoi(const char **s)
{
	int i = 0;

	for (; isdigit(**s); (*s)++)
		if (i <= FIELD_WIDTH_MAX)
			i = i * 10 + (**s - '0');
	return i;
}

static unsigned int flag_bit(char c)
{
	switch (c) {
	case '-': return LEFT;
	case '+': return PLUS;
	case ' ': return SPACE;
	case '#': return SPECIAL;
	case '0': return ZEROPAD;
	default: return 0;
	}
}

static char decode_qualifier(const char **fmtp)
{
	const char *fmt = *fmtp;
	char q = *fmt;

	if (q != 'h' && q != 'l' && q != 'L' && q != 'z' && q != 't' && q != 'j')
		return 0;
	if ((q == 'h' || q == 'l') && fmt[1] == q) {
		q = q == 'h' ? 'H' : 'L';
		fmt++;
	}
	*fmtp = fmt + 1;
	return q;
}

/*
 * Decodes flags, width, precision and qualifier of one conversion; fmt points past the
 * '%'. Takes the '*' arguments from ap. Returns the address of the conversion character.
 */
static const char *decode_spec(const char *fmt, struct printf_spec *spec, va_list *ap)
{
	unsigned int flag;

	spec->flags = 0;
	for (; (flag = flag_bit(*fmt)); fmt++)
		spec->flags |= flag;

	spec->field_width = -1;
	if (isdigit(*fmt)) {
		spec->field_width = min(skip_atoi(&fmt), FIELD_WIDTH_MAX);
	} else if (*fmt == '*') {
		int width = clamp(va_arg(*ap, int), -FIELD_WIDTH_MAX, FIELD_WIDTH_MAX);

		fmt++;
		if (width < 0) {
			spec->flags |= LEFT;
			width = -width;
		}
		spec->field_width = width;
	}

	spec->precision = -1;
	if (*fmt == '.') {
		fmt++;
		if (isdigit(*fmt)) {
			spec->precision = min(skip_atoi(&fmt), PRECISION_MAX);
		} else if (*fmt == '*') {
			spec->precision = clamp(va_arg(*ap, int), 0, PRECISION_MAX);
			fmt++;
		}
	}
	spec->qualifier = decode_qualifier(&fmt);
	return fmt;
}

/* Takes an integer argument of the qualifier's type, sign-extended when signed. */
static unsigned long long fetch_integer(va_list *ap, const struct printf_spec *spec)
{
	bool sign = spec->flags & SIGN;

	switch (spec->qualifier) {
	case 'L':
		return va_arg(*ap, long long);
	case 'l':
		if (sign)
			return va_arg(*ap, long);
		return va_arg(*ap, unsigned long);
	case 'z':
		if (sign)
			return va_arg(*ap, ssize_t);
		return va_arg(*ap, size_t);
	case 't':
		return va_arg(*ap, ptrdiff_t);
	case 'j':
		if (sign)
			return va_arg(*ap, intmax_t);
		return va_arg(*ap, uintmax_t);
	case 'H':
		if (sign)
			return (signed char)va_arg(*ap, int);
		return (unsigned char)va_arg(*ap, int);
	case 'h':
		if (sign)
			return (short)va_arg(*ap, int);
		return (unsigned short)va_arg(*ap, int);
	default:
		if (sign)
			return va_arg(*ap, int);
		return va_arg(*ap, unsigned int);
	}
}

/*
 * Formats one conversion; fmt points at its character. Returns where the format goes on,
 * or NULL to stop (unknown conversion, %n, or a '%' at the very end).
 */
static const char *format_one(struct printbuf *out, const char *fmt,
			      struct printf_spec *spec, va_list *ap)
{
	switch (*fmt) {
	case 'c':
		format_char(out, (unsigned char)va_arg(*ap, int), *spec);
		return fmt + 1;
	case 's':
		string(out, va_arg(*ap, const char *), *spec);
		return fmt + 1;
	case 'p':
		return pointer(out, fmt + 1, va_arg(*ap, void *), *spec);
	case '%':
		put_char(out, '%');
		return fmt + 1;
	case 'o':
		spec->base = 8;
		break;
	case 'x':
		spec->flags |= SMALL;
		fallthrough;
	case 'X':
		spec->base = 16;
		break;
	case 'd':
	case 'i':
		spec->flags |= SIGN;
		fallthrough;
	case 'u':
		spec->base = 10;
		break;
	default:
		return NULL;
	}
	number(out, fetch_integer(ap, spec), *spec);
	return fmt + 1;
}

/*
 * vsnprintf - format into buf, storing at most size bytes including the NUL.
 * Return: the length the whole output has (C99), even when it was cut; 0 and a WARN
 * for a size above INT_MAX. Context: any; takes no locks, does not allocate.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct printbuf out = { .buf = buf, .size = size };
	struct printf_spec spec;
	va_list ap;

	if (WARN_ON_ONCE(size > INT_MAX))
		return 0;
	va_copy(ap, args);
	while (fmt && *fmt) {
		const char *lit = fmt;

		while (*fmt && *fmt != '%')
			fmt++;
		if (fmt != lit) {
			put_mem(&out, lit, fmt - lit);
			continue;
		}
		fmt = decode_spec(fmt + 1, &spec, &ap);
		fmt = format_one(&out, fmt, &spec, &ap);
	}
	va_end(ap);
	if (size)
		buf[min(out.pos, size - 1)] = '\0';
	return out.pos;
}

/* Like vsnprintf but returns the length actually stored (without the NUL); 0 for size 0. */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int len = vsnprintf(buf, size, fmt, args);

	if ((size_t)len < size)
		return len;
	return size ? size - 1 : 0;
}

/* Returns the length the whole output has, like C99's snprintf. */
int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = vsnprintf(buf, size, fmt, args);
	va_end(args);
	return len;
}

/* Returns the length actually stored in buf, without the NUL. */
int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = vscnprintf(buf, size, fmt, args);
	va_end(args);
	return len;
}

/* Formats into buf, which the caller promises is big enough; returns the length. */
int sprintf(char *buf, const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = vsnprintf(buf, INT_MAX, fmt, args);
	va_end(args);
	return len;
}
