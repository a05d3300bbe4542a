/* Fixed-width types, shared by the kernel build and the host test build. */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

typedef long ssize_t;
typedef int pid_t;
typedef int clockid_t;
typedef u64 phys_addr_t;
typedef u64 resource_size_t;
typedef unsigned int gfp_t;

/*
 * The file and process types of Linux's ABI (arm64 sizes). dev_t and loff_t are spelt
 * as the host's C library spells them, so host tests can include both.
 */
typedef unsigned short umode_t;
typedef unsigned long dev_t;
typedef long loff_t;
typedef long off_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int fmode_t;
typedef unsigned long ino_t;
/* A 512-byte sector of a block device, or a block of a file system. */
typedef u64 sector_t;

/* A 512-byte sector of a block device, or a block of a file system. */
typedef u64 sector_t;
/* An index in a file's page cache, in pages. */
typedef unsigned long pgoff_t;

/* Device-tree cells and other big-endian data, as stored in memory. */
typedef u16 __be16;
typedef u32 __be32;
typedef u64 __be64;

/* On-disk and on-wire fields (ext4, virtio): the uapi spellings; asm/byteorder.h converts. */
typedef u8 __u8;
typedef u16 __u16;
typedef u32 __u32;
typedef u64 __u64;
typedef s16 __s16;
typedef s32 __s32;
typedef s64 __s64;
typedef u16 __le16;
typedef u32 __le32;
typedef u64 __le64;

#endif
