/* Integer arithmetic helpers (Linux's math.h, the part we use). */
#ifndef _LINUX_MATH_H
#define _LINUX_MATH_H

/* x * numer / denom without overflowing x * numer. */
#define mult_frac(x, numer, denom)(			\
{							\
	__typeof__(x) quot = (x) / (denom);		\
	__typeof__(x) rem  = (x) % (denom);		\
	(quot * (numer)) + ((rem * (numer)) / (denom));	\
}							\
)

/* The integer square root of x, rounded down (lib/math/int_sqrt.c). */
unsigned long int_sqrt(unsigned long x);

#endif
