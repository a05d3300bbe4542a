/* crc32c (lib/libcrc32c.c): the running value in, the running value out, no inversion. */
#ifndef _LINUX_CRC32C_H
#define _LINUX_CRC32C_H

#include <linux/types.h>

u32 crc32c(u32 crc, const void *address, unsigned int length);

#endif
