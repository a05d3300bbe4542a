/* What the files of fs/ share among themselves and with init/ and drivers that mount. */
#ifndef _FS_INTERNAL_H
#define _FS_INTERNAL_H

#include <linux/fs.h>
#include <linux/dcache.h>

struct nameidata;
struct filename;

/* fs/dcache.c */
void dcache_init(void);
void d_genocide(struct dentry *root);
/* fs/inode.c */
void inode_init(void);
/* fn(inode, arg) on each inode of sb with pages or dirty, referenced, no lock held. */
void iterate_sb_inodes(struct super_block *sb, void (*fn)(struct inode *, void *), void *arg);
/* A clean unused cached inode may be pruned again (after its writeback). */
void inode_add_lru(struct inode *inode);
/* fs/super.c: the super blocks, for sync(2) and drop_caches: fn on each active one. */
void iterate_supers(void (*f)(struct super_block *, void *), void *arg);
/* fs/file_table.c */
void files_init(void);
/* fs/open.c: opens path (already walked) as file with the O_* and FMODE_* of flags. */
int vfs_open(const struct path *path, struct file *file);
/* Open flags to FMODE_* and the MAY_* an open needs. */
fmode_t open_flags_to_fmode(int flags);
/* fs/namei.c */
struct file *do_filp_open(int dfd, struct filename *pathname, int flags, umode_t mode);
int do_mknodat(int dfd, struct filename *name, umode_t mode, unsigned int dev);
int do_mkdirat(int dfd, struct filename *name, umode_t mode);
int do_symlinkat(struct filename *from, int newdfd, struct filename *to);
int do_linkat(int olddfd, struct filename *old, int newdfd, struct filename *new, int flags);
int do_rmdir(int dfd, struct filename *name);
int do_unlinkat(int dfd, struct filename *name);
int do_renameat2(int olddfd, struct filename *from, int newdfd, struct filename *to,
		 unsigned int flags);
/* fs/open.c: chmod, chown and utimes of a walked path. */
int chmod_common(const struct path *path, umode_t mode);
int chown_common(const struct path *path, uid_t user, gid_t group);
int vfs_utimes(const struct path *path, struct timespec64 *times);
/* fs/namespace.c: mount(2) and umount2(2) on a walked path (umount puts path). */
int path_mount(const char *dev_name, const struct path *path, const char *type_page,
	       unsigned long flags, void *data_page);
int path_umount(struct path *path, int flags);
/* fs/namespace.c */
struct vfsmount *lookup_mnt(const struct path *path);
long nr_mounts(void);

#endif
