/* The block device ioctls of Linux's uapi/linux/fs.h. */
#ifndef _UAPI_LINUX_FS_H
#define _UAPI_LINUX_FS_H

#include <uapi/asm-generic/ioctl.h>

#define BLKROGET	_IO(0x12, 94)	/* int: read-only? */
#define BLKGETSIZE	_IO(0x12, 96)	/* unsigned long: size in 512-byte sectors */
#define BLKFLSBUF	_IO(0x12, 97)	/* write back and drop the device's cached blocks */
#define BLKSSZGET	_IO(0x12, 104)	/* int: logical block size */
#define BLKGETSIZE64	_IOR(0x12, 114, size_t)	/* u64: size in bytes */
#define BLKDISCARD	_IO(0x12, 119)	/* u64[2]: discard [start, start + len) in bytes */
#define BLKPBSZGET	_IO(0x12, 123)	/* unsigned int: physical block size */

#endif
