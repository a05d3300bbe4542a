/* String to integer conversion for the kernel (Linux's lib/kstrtox.c): the strict kstrto*
 * family for parameters and sysfs-style input, and the lenient, obsolete simple_strto*. */
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/errno.h>

/* Set in the count _parse_integer returns when the value did not fit 64 bits. */
#define KSTRTOX_OVERFLOW	(1U << 31)

/*
 * Base 0 becomes 16 for "0x" followed by a hex digit, 8 for a leading '0', else 10.
 * With base 16 (given or found) a "0x" prefix is skipped. Returns where the digits start.
 */
static const char *parse_integer_fixup_radix(const char *s, unsigned int *base)
{
	if (*base == 0) {
		if (s[0] == '0') {
			if (tolower(s[1]) == 'x' && isxdigit(s[2]))
				*base = 16;
			else
				*base = 8;
		} else {
			*base = 10;
		}
	}
	if (*base == 16 && s[0] == '0' && tolower(s[1]) == 'x')
		s += 2;
	return s;
}

/*
 * Converts the digits of base at s (no sign, no prefix) into *res, wrapping on overflow.
 * Returns the number of digits read, with KSTRTOX_OVERFLOW set when the value wrapped.
 */
static unsigned int parse_integer(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long value = 0;
	unsigned int rv = 0;

	for (;; s++) {
		unsigned int c = (unsigned char)*s, val;

		if (c >= '0' && c <= '9')
			val = c - '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			val = (c | 0x20) - 'a' + 10;
		else
			break;
		if (val >= base)
			break;
		if (value > (~0ULL - val) / base)
			rv |= KSTRTOX_OVERFLOW;
		value = value * base + val;
		rv++;
	}
	*res = value;
	return rv;
}

static int kstrtoull_nosign(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long value;
	unsigned int rv;

	s = parse_integer_fixup_radix(s, &base);
	rv = parse_integer(s, base, &value);
	if (rv & KSTRTOX_OVERFLOW)
		return -ERANGE;
	if (rv == 0)
		return -EINVAL;
	s += rv;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	*res = value;
	return 0;
}

/*
 * kstrtoull - parses s, an optional '+', digits of base (0: by prefix) and at most one
 * trailing newline. Return: 0 and *res set, -ERANGE on overflow, -EINVAL otherwise
 * (*res untouched on error).
 */
int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	if (s[0] == '+')
		s++;
	return kstrtoull_nosign(s, base, res);
}

/* Like kstrtoull, with an optional '-' too; -ERANGE outside long long. */
int kstrtoll(const char *s, unsigned int base, long long *res)
{
	unsigned long long tmp;
	int rv;

	if (s[0] == '-') {
		rv = kstrtoull_nosign(s + 1, base, &tmp);
		if (rv < 0)
			return rv;
		if (tmp > (unsigned long long)LLONG_MAX + 1)
			return -ERANGE;
		*res = tmp ? -(long long)(tmp - 1) - 1 : 0;
	} else {
		rv = kstrtoull(s, base, &tmp);
		if (rv < 0)
			return rv;
		if (tmp > LLONG_MAX)
			return -ERANGE;
		*res = tmp;
	}
	return 0;
}

/* kstrtoull for an unsigned long. */
int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long long tmp;
	int rv = kstrtoull(s, base, &tmp);

	if (rv < 0)
		return rv;
	if (tmp != (unsigned long)tmp)
		return -ERANGE;
	*res = tmp;
	return 0;
}

/* kstrtoll for a long. */
int kstrtol(const char *s, unsigned int base, long *res)
{
	long long tmp;
	int rv = kstrtoll(s, base, &tmp);

	if (rv < 0)
		return rv;
	if (tmp != (long)tmp)
		return -ERANGE;
	*res = tmp;
	return 0;
}

/* kstrtoull for an unsigned int. */
int kstrtouint(const char *s, unsigned int base, unsigned int *res)
{
	unsigned long long tmp;
	int rv = kstrtoull(s, base, &tmp);

	if (rv < 0)
		return rv;
	if (tmp > UINT_MAX)
		return -ERANGE;
	*res = tmp;
	return 0;
}

/* kstrtoll for an int. */
int kstrtoint(const char *s, unsigned int base, int *res)
{
	long long tmp;
	int rv = kstrtoll(s, base, &tmp);

	if (rv < 0)
		return rv;
	if (tmp < INT_MIN || tmp > INT_MAX)
		return -ERANGE;
	*res = tmp;
	return 0;
}

/*
 * kstrtobool - "y", "Y", "1", "on" are true; "n", "N", "0", "off" false; only the first
 * one or two characters are looked at. Return: 0 and *res set, or -EINVAL.
 */
int kstrtobool(const char *s, bool *res)
{
	if (!s)
		return -EINVAL;
	switch (s[0]) {
	case 'y':
	case 'Y':
	case '1':
		*res = true;
		return 0;
	case 'n':
	case 'N':
	case '0':
		*res = false;
		return 0;
	case 'o':
	case 'O':
		if (tolower(s[1]) == 'n') {
			*res = true;
			return 0;
		}
		if (tolower(s[1]) == 'f') {
			*res = false;
			return 0;
		}
		break;
	}
	return -EINVAL;
}

/*
 * simple_strtoull - converts as many digits as there are, wrapping on overflow; base 0
 * goes by prefix. Sets *endp (if endp) just past them. Obsolete: prefer kstrtoull.
 */
unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base)
{
	unsigned long long result;
	unsigned int rv;

	cp = parse_integer_fixup_radix(cp, &base);
	rv = parse_integer(cp, base, &result);
	cp += rv & ~KSTRTOX_OVERFLOW;
	if (endp)
		*endp = (char *)cp;
	return result;
}

/* simple_strtoull for an unsigned long. */
unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base)
{
	return simple_strtoull(cp, endp, base);
}

/* simple_strtoull with an optional leading '-'. */
long simple_strtol(const char *cp, char **endp, unsigned int base)
{
	if (*cp == '-')
		return -simple_strtoul(cp + 1, endp, base);
	return simple_strtoul(cp, endp, base);
}
