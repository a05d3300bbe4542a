/* ext4's in-memory and on-disk structures, shared by the files of fs/ext4 (Linux's ext4.h). */
#ifndef _EXT4_H
#define _EXT4_H

#include <linux/types.h>

/* ---- ext4-dir: directories (namei.c, dir.c, hash.c, symlink.c) and inode allocation (ialloc.c) ---- */

/* Hash versions of a directory index (s_def_hash_version, dx_root_info.hash_version). */
#define DX_HASH_LEGACY			0
#define DX_HASH_HALF_MD4		1
#define DX_HASH_TEA			2
#define DX_HASH_LEGACY_UNSIGNED		3
#define DX_HASH_HALF_MD4_UNSIGNED	4
#define DX_HASH_TEA_UNSIGNED		5
#define DX_HASH_SIPHASH			6

/* The hash readdir reports past the last entry: 31 bits for 32-bit callers, 63 for 64. */
#define EXT4_HTREE_EOF_32BIT	((1UL << (32 - 1)) - 1)
#define EXT4_HTREE_EOF_64BIT	((1ULL << (64 - 1)) - 1)

/* What a name hashes to: the input (version, seed) and the result (hash, minor_hash). */
struct dx_hash_info {
	u32 hash;
	u32 minor_hash;
	int hash_version;
	u32 *seed;		/* s_hash_seed, four words; all zero means the default */
};

struct inode;
/* Fills hinfo->hash and minor_hash for name; -EINVAL for an unknown hash_version. */
int ext4fs_dirhash(const struct inode *dir, const char *name, int len,
		   struct dx_hash_info *hinfo);

#endif
