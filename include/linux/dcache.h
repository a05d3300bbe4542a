/*
 * Dentries: the names of the tree, cached. A dentry names one entry of its parent
 * directory; a positive one points at the inode, a negative one (d_inode NULL) remembers
 * that the name does not exist. Dentries are hashed by (parent, name) for d_lookup.
 *
 * dcache_lock (fs/dcache.c) covers the hash chains, d_count, d_inode, d_flags, the
 * d_subdirs/d_child lists and the unused (LRU) list. An unused dentry (d_count 0) stays
 * cached on the LRU until it is pruned or its parent goes; file systems whose names live
 * only in the dcache (ramfs) hold an extra reference on every positive dentry.
 */
#ifndef _LINUX_DCACHE_H
#define _LINUX_DCACHE_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>

struct inode;
struct path;
struct super_block;

#define DNAME_INLINE_LEN	40
#define NAME_MAX		255
#define PATH_MAX		4096

struct qstr {
	const unsigned char *name;
	u32 len;
	u32 hash;
};

#define QSTR_INIT(n, l)	{ .name = (const unsigned char *)(n), .len = (l) }

/* d_flags */
#define DCACHE_MOUNTED		0x00010000	/* a mount point: look in the mount hash */
#define DCACHE_UNHASHED		0x00020000	/* not on a hash chain (d_drop'd) */
#define DCACHE_LRU_LIST		0x00080000	/* on the unused list */
#define DCACHE_DISCONNECTED	0x00100000	/* not in its parent's d_subdirs */

struct dentry {
	unsigned int d_flags;
	int d_count;
	struct list_head d_hash;		/* on a dentry_hashtable chain */
	struct dentry *d_parent;		/* itself for a root */
	struct qstr d_name;
	struct inode *d_inode;			/* NULL: negative */
	struct super_block *d_sb;
	struct list_head d_lru;			/* on dentry_unused while d_count is 0 */
	struct list_head d_child;		/* on d_parent->d_subdirs */
	struct list_head d_subdirs;		/* our children */
	void *d_fsdata;
	unsigned char d_iname[DNAME_INLINE_LEN];
};

extern spinlock_t dcache_lock;

/* The name hash: full_name_hash over len bytes, and a qstr's hash filled in. */
u32 full_name_hash(const void *salt, const char *name, unsigned int len);

static inline bool d_unhashed(const struct dentry *dentry)
{
	return dentry->d_flags & DCACHE_UNHASHED;
}

static inline bool d_mountpoint(const struct dentry *dentry)
{
	return dentry->d_flags & DCACHE_MOUNTED;
}

static inline bool d_is_negative(const struct dentry *dentry)
{
	return !dentry->d_inode;
}

static inline bool IS_ROOT(const struct dentry *dentry)
{
	return dentry == dentry->d_parent;
}

static inline struct inode *d_inode(const struct dentry *dentry)
{
	return dentry->d_inode;
}

static inline struct inode *d_backing_inode(const struct dentry *dentry)
{
	return dentry->d_inode;
}

bool d_is_dir(const struct dentry *dentry);
bool d_is_symlink(const struct dentry *dentry);
bool d_is_reg(const struct dentry *dentry);

/* A new unhashed negative child of parent named name, with one reference; NULL: no memory. */
struct dentry *d_alloc(struct dentry *parent, const struct qstr *name);
/* A root dentry (its own parent) for inode; drops inode's reference on failure. */
struct dentry *d_make_root(struct inode *inode);
/* Fills a negative dentry with inode (the caller's reference passes to the dentry). */
void d_instantiate(struct dentry *dentry, struct inode *inode);
void d_instantiate_new(struct dentry *dentry, struct inode *inode);
/* d_instantiate (inode may be NULL: a negative entry) and hashes it. */
void d_add(struct dentry *dentry, struct inode *inode);
void d_rehash(struct dentry *dentry);
/* Unhashes dentry: lookups no longer find it. */
void d_drop(struct dentry *dentry);
/* After unlink or rmdir: dentry becomes negative (or is dropped if others use it). */
void d_delete(struct dentry *dentry);
/* The child of parent named name with a reference, or NULL; name's hash must be set. */
struct dentry *d_lookup(const struct dentry *parent, const struct qstr *name);
/* Moves dentry to target's place (rename); target is dropped. */
void d_move(struct dentry *dentry, struct dentry *target);
/* Swaps the names and places of two dentries (RENAME_EXCHANGE). */
void d_exchange(struct dentry *dentry1, struct dentry *dentry2);
struct dentry *dget(struct dentry *dentry);
struct dentry *dget_parent(struct dentry *dentry);
void dput(struct dentry *dentry);
/* Frees every unused dentry below root, and root's own subtree on umount. */
void shrink_dcache_parent(struct dentry *root);
/* Drops the cache's unused entries (all when count is 0); returns how many it freed. */
unsigned long prune_dcache(unsigned long count);
/* Dentries allocated and not freed, and those unused on the LRU (for tests). */
long nr_dentries(void);
long nr_unused_dentries(void);
/* The path of path relative to root, built at the end of buf; ERR_PTR(-ENAMETOOLONG). */
char *d_path(const struct path *path, char *buf, int buflen);
char *__d_path(const struct path *path, const struct path *root, char *buf, int buflen);
/* dentry's name into buf, NUL-terminated, under dcache_lock (names change on rename). */
void d_name_copy(const struct dentry *dentry, char *buf, size_t size);

#endif
