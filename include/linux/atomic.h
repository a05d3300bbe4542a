/*
 * atomic_t and atomic_long_t (Linux's atomic.h), on the compiler's __atomic builtins:
 * the plain operations are relaxed; those returning a value are fully ordered, as
 * Linux's are.
 */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <linux/types.h>

typedef struct {
	int counter;
} atomic_t;

typedef struct {
	long counter;
} atomic_long_t;

#define ATOMIC_INIT(i)		{ (i) }
#define ATOMIC_LONG_INIT(i)	{ (i) }

#define __ATOMIC_OPS(pfx, t, v)						\
static inline v pfx##_read(const t *a)					\
{ return __atomic_load_n(&a->counter, __ATOMIC_RELAXED); }		\
static inline void pfx##_set(t *a, v i)					\
{ __atomic_store_n(&a->counter, i, __ATOMIC_RELAXED); }			\
static inline void pfx##_add(v i, t *a)					\
{ __atomic_fetch_add(&a->counter, i, __ATOMIC_RELAXED); }		\
static inline void pfx##_sub(v i, t *a)					\
{ __atomic_fetch_sub(&a->counter, i, __ATOMIC_RELAXED); }		\
static inline void pfx##_inc(t *a) { pfx##_add(1, a); }			\
static inline void pfx##_dec(t *a) { pfx##_sub(1, a); }			\
static inline v pfx##_add_return(v i, t *a)				\
{ return __atomic_add_fetch(&a->counter, i, __ATOMIC_SEQ_CST); }	\
static inline v pfx##_sub_return(v i, t *a)				\
{ return __atomic_sub_fetch(&a->counter, i, __ATOMIC_SEQ_CST); }	\
static inline v pfx##_inc_return(t *a) { return pfx##_add_return(1, a); } \
static inline v pfx##_dec_return(t *a) { return pfx##_sub_return(1, a); } \
static inline bool pfx##_dec_and_test(t *a) { return !pfx##_dec_return(a); } \
static inline bool pfx##_sub_and_test(v i, t *a) { return !pfx##_sub_return(i, a); } \
static inline v pfx##_xchg(t *a, v i)					\
{ return __atomic_exchange_n(&a->counter, i, __ATOMIC_SEQ_CST); }	\
static inline v pfx##_cmpxchg(t *a, v old, v new)			\
{									\
	__atomic_compare_exchange_n(&a->counter, &old, new, false,	\
				    __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);	\
	return old;							\
}

__ATOMIC_OPS(atomic, atomic_t, int)
__ATOMIC_OPS(atomic_long, atomic_long_t, long)
#undef __ATOMIC_OPS

/* Adds a to v unless v is u; true when it added (Linux's atomic_add_unless). */
static inline bool atomic_add_unless(atomic_t *v, int a, int u)
{
	int c = atomic_read(v);

	do {
		if (c == u)
			return false;
	} while (!__atomic_compare_exchange_n(&v->counter, &c, c + a, false,
					      __ATOMIC_SEQ_CST, __ATOMIC_RELAXED));
	return true;
}

#define atomic_inc_not_zero(v)	atomic_add_unless((v), 1, 0)

#endif
