/* Random bytes for the kernel (drivers/char/random.c): AT_RANDOM, getrandom. */
#ifndef _LINUX_RANDOM_H
#define _LINUX_RANDOM_H

#include <linux/types.h>

/* Fills buf; any context. Not cryptographic (see random.c). */
void get_random_bytes(void *buf, size_t len);
u64 get_random_u64(void);

#endif
