/* Size constants. */
#ifndef _LINUX_SIZES_H
#define _LINUX_SIZES_H

#include <linux/const.h>

#define SZ_1K	_AC(0x00000400, UL)
#define SZ_4K	_AC(0x00001000, UL)
#define SZ_8K	_AC(0x00002000, UL)
#define SZ_16K	_AC(0x00004000, UL)
#define SZ_32K	_AC(0x00008000, UL)
#define SZ_64K	_AC(0x00010000, UL)
#define SZ_128K	_AC(0x00020000, UL)
#define SZ_256K	_AC(0x00040000, UL)
#define SZ_512K	_AC(0x00080000, UL)
#define SZ_1M	_AC(0x00100000, UL)
#define SZ_2M	_AC(0x00200000, UL)
#define SZ_4M	_AC(0x00400000, UL)
#define SZ_8M	_AC(0x00800000, UL)
#define SZ_16M	_AC(0x01000000, UL)
#define SZ_32M	_AC(0x02000000, UL)
#define SZ_64M	_AC(0x04000000, UL)
#define SZ_128M	_AC(0x08000000, UL)
#define SZ_256M	_AC(0x10000000, UL)
#define SZ_512M	_AC(0x20000000, UL)
#define SZ_1G	_AC(0x40000000, UL)
#define SZ_2G	_AC(0x80000000, UL)
#define SZ_4G	_AC(0x100000000, UL)

#endif
