/*
 * The VFS's objects, as Linux names them: super_block (a mounted file system instance),
 * inode (a file), address_space (an inode's pages in the page cache), file (an open
 * file), and the operation tables a file system fills in; file_system_type registers one.
 * The dentry (a name) is in dcache.h, vfsmount in mount.h, the fd table in fdtable.h.
 *
 * Locks, kernel-wide (as early Linux 2.6, before RCU walks): dcache_lock (fs/dcache.c)
 * covers the dentry hash, d_count, d_inode and the d_subdirs lists; inode->i_rwsem
 * serialises changes to a directory's entries and to a file's size and contents; the
 * page cache's xa_lock covers the pages of one mapping.
 */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/xarray.h>
#include <linux/path.h>
#include <linux/uio.h>
#include <uapi/linux/stat.h>
#include <uapi/linux/fcntl.h>

struct dentry;
struct vfsmount;
struct page;
struct kstat;
struct poll_table_struct;
struct vm_area_struct;
struct vm_fault;
struct pipe_inode_info;
struct files_struct;
struct fs_struct;
struct task_struct;

#define MINORBITS	20
#define MINORMASK	((1U << MINORBITS) - 1)
#define MAJOR(dev)	((unsigned int)((dev) >> MINORBITS))
#define MINOR(dev)	((unsigned int)((dev) & MINORMASK))
#define MKDEV(ma, mi)	(((ma) << MINORBITS) | (mi))
/* dev_t to and from the user's encoding (new_encode_dev), which stat and mknod use. */
static inline u32 new_encode_dev(dev_t dev)
{
	unsigned int major = MAJOR(dev), minor = MINOR(dev);

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffU) << 12);
}

static inline dev_t new_decode_dev(u32 dev)
{
	unsigned int major = (dev & 0xfff00) >> 8;
	unsigned int minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);

	return MKDEV(major, minor);
}

/* The 16-bit dev_t of old file systems (ext2's i_block[0]). */
static inline dev_t old_decode_dev(u16 val)
{
	return MKDEV((val >> 8) & 255, val & 255);
}

#define MAY_EXEC	0x00000001
#define MAY_WRITE	0x00000002
#define MAY_READ	0x00000004

/* file->f_mode */
#define FMODE_READ	((fmode_t)0x1)
#define FMODE_WRITE	((fmode_t)0x2)
#define FMODE_LSEEK	((fmode_t)0x4)
#define FMODE_PREAD	((fmode_t)0x8)
#define FMODE_PWRITE	((fmode_t)0x10)
#define FMODE_EXEC	((fmode_t)0x20)
#define FMODE_ATOMIC_POS ((fmode_t)0x8000)
#define FMODE_PATH	((fmode_t)0x4000)
#define FMODE_STREAM	((fmode_t)0x200000)

#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#define SEEK_DATA	3
#define SEEK_HOLE	4

#define MAX_LFS_FILESIZE	((loff_t)LLONG_MAX)

/* d_type values getdents64 reports (fs_umode_to_dtype). */
#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

static inline unsigned char fs_umode_to_dtype(umode_t mode)
{
	return (mode & S_IFMT) >> 12;
}

struct timespec64 {
	s64 tv_sec;
	long tv_nsec;
};

/*
 * The page cache of one inode: its pages by index, under i_pages.xa_lock; i_mmap: the
 * VMAs mapping it (vma->shared), under i_mmap_rwsem (taken inside mmap_lock).
 */
struct address_space {
	struct inode *host;
	struct xarray i_pages;
	unsigned long nrpages;			/* pages in i_pages, under its xa_lock */
	struct rw_semaphore i_mmap_rwsem;
	struct list_head i_mmap;
};

/* fs/inode.c: *block, a block of the file, becomes its disk block (0: a hole). 0 or -EINVAL. */
int bmap(struct inode *inode, sector_t *block);

/* Which fields setattr changes (iattr.ia_valid). */
#define ATTR_MODE	(1 << 0)
#define ATTR_UID	(1 << 1)
#define ATTR_GID	(1 << 2)
#define ATTR_SIZE	(1 << 3)
#define ATTR_ATIME	(1 << 4)
#define ATTR_MTIME	(1 << 5)
#define ATTR_CTIME	(1 << 6)
#define ATTR_ATIME_SET	(1 << 7)
#define ATTR_MTIME_SET	(1 << 8)
#define ATTR_FORCE	(1 << 9)
#define ATTR_TOUCH	(1 << 17)

struct iattr {
	unsigned int ia_valid;
	umode_t ia_mode;
	uid_t ia_uid;
	gid_t ia_gid;
	loff_t ia_size;
	struct timespec64 ia_atime;
	struct timespec64 ia_mtime;
	struct timespec64 ia_ctime;
};

/*
 * An inode: one file of a file system. i_count counts references (dentries pointing at
 * it and other holders), atomic; the last iput evicts it (there is no cache of unused
 * inodes: every file system here keeps its inodes pinned by dentries or rebuilds them).
 * i_rwsem: see the top of this file.
 */
struct inode {
	umode_t i_mode;
	uid_t i_uid;
	gid_t i_gid;
	unsigned int i_nlink;
	unsigned int i_flags;			/* S_DEAD, under i_rwsem */
	dev_t i_rdev;
	unsigned long i_ino;
	loff_t i_size;				/* under i_rwsem for writers */
	struct timespec64 i_atime, i_mtime, i_ctime;
	u64 i_blocks;				/* 512-byte units */
	int i_count;
	struct rw_semaphore i_rwsem;
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;
	struct super_block *i_sb;
	struct address_space *i_mapping;	/* &i_data */
	struct address_space i_data;
	struct list_head i_sb_list;		/* on i_sb->s_inodes, under sb->s_inode_list_lock */
	const char *i_link;			/* a symlink's target, when kept in memory */
	struct pipe_inode_info *i_pipe;
	void *i_private;
	unsigned long i_state;			/* I_NEW until the file system filled it */
	u8 i_blkbits;				/* log2 of the file system's block size */
	u32 i_generation;
	u64 i_version;				/* changes of a directory's entries, iversion.h */
};

/* inode->i_state */
#define I_NEW		(1 << 3)

/* inode->i_flags */
#define S_DEAD		16	/* a removed directory: nothing may be created in it */
#define IS_DEADDIR(inode)	((inode)->i_flags & S_DEAD)

struct inode_operations {
	struct dentry *(*lookup)(struct inode *dir, struct dentry *dentry, unsigned int flags);
	const char *(*get_link)(struct dentry *dentry, struct inode *inode);
	int (*create)(struct inode *dir, struct dentry *dentry, umode_t mode, bool excl);
	int (*link)(struct dentry *old, struct inode *dir, struct dentry *dentry);
	int (*unlink)(struct inode *dir, struct dentry *dentry);
	int (*symlink)(struct inode *dir, struct dentry *dentry, const char *target);
	int (*mkdir)(struct inode *dir, struct dentry *dentry, umode_t mode);
	int (*rmdir)(struct inode *dir, struct dentry *dentry);
	int (*mknod)(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev);
	int (*rename)(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
		      struct dentry *new_dentry, unsigned int flags);
	int (*setattr)(struct dentry *dentry, struct iattr *attr);
	int (*getattr)(const struct path *path, struct kstat *stat, u32 request_mask,
		       unsigned int flags);
};

/* What getdents64 and readdir fill: actor returns false when the buffer is full. */
struct dir_context;
typedef bool (*filldir_t)(struct dir_context *ctx, const char *name, int namelen,
			  loff_t pos, u64 ino, unsigned int d_type);
struct dir_context {
	filldir_t actor;
	loff_t pos;
};

static inline bool dir_emit(struct dir_context *ctx, const char *name, int namelen,
			    u64 ino, unsigned int type)
{
	return ctx->actor(ctx, name, namelen, ctx->pos, ino, type);
}

/* The I/O state of one read or write: the file and where it goes (ki_pos). */
struct kiocb {
	struct file *ki_filp;
	loff_t ki_pos;
	int ki_flags;
};

#define IOCB_APPEND	(1 << 1)
#define IOCB_NOWAIT	(1 << 7)

struct file_operations {
	loff_t (*llseek)(struct file *file, loff_t offset, int whence);
	ssize_t (*read_iter)(struct kiocb *iocb, struct iov_iter *to);
	ssize_t (*write_iter)(struct kiocb *iocb, struct iov_iter *from);
	int (*iterate_shared)(struct file *file, struct dir_context *ctx);
	unsigned int (*poll)(struct file *file, struct poll_table_struct *wait);
	long (*unlocked_ioctl)(struct file *file, unsigned int cmd, unsigned long arg);
	int (*mmap)(struct file *file, struct vm_area_struct *vma);
	int (*open)(struct inode *inode, struct file *file);
	int (*flush)(struct file *file);
	int (*release)(struct inode *inode, struct file *file);
	int (*fsync)(struct file *file, loff_t start, loff_t end, int datasync);
};

/*
 * An open file. f_count counts references (fd table slots, fget callers), atomic; the
 * last fput releases it. f_pos_lock serialises reads and writes that use f_pos.
 */
struct file {
	struct path f_path;
	struct inode *f_inode;
	const struct file_operations *f_op;
	unsigned int f_flags;			/* O_* as opened, O_APPEND etc. by F_SETFL */
	fmode_t f_mode;
	long f_count;
	struct mutex f_pos_lock;
	loff_t f_pos;
	struct address_space *f_mapping;
	void *private_data;
	u64 f_version;				/* i_version when a directory reader last looked */
};

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}

struct kstatfs;
struct writeback_control;
struct super_operations {
	/* The file system's part of evicting inode (its pages are already gone). */
	void (*evict_inode)(struct inode *inode);
	void (*put_super)(struct super_block *sb);
	/* A file system whose inodes live inside a bigger structure allocates them itself. */
	struct inode *(*alloc_inode)(struct super_block *sb);
	void (*free_inode)(struct inode *inode);
	int (*write_inode)(struct inode *inode, struct writeback_control *wbc);
	int (*statfs)(struct dentry *dentry, struct kstatfs *buf);
	int (*sync_fs)(struct super_block *sb, int wait);
};

/* What ->statfs fills (Linux's struct kstatfs). */
struct kstatfs {
	long f_type;
	long f_bsize;
	u64 f_blocks;
	u64 f_bfree;
	u64 f_bavail;
	u64 f_files;
	u64 f_ffree;
	u64 f_fsid;
	long f_namelen;
	long f_frsize;
	long f_flags;
};

/* sb->s_flags */
#define SB_RDONLY	1
#define SB_SILENT	32768

/*
 * A mounted instance of a file system. s_active counts mounts of it; the last
 * deactivate_super kills it (kill_sb). s_inodes: every inode, under s_inode_list_lock.
 */
struct super_block {
	struct list_head s_list;		/* on super_blocks, under sb_lock */
	dev_t s_dev;
	unsigned long s_magic;
	unsigned long s_blocksize;
	struct file_system_type *s_type;
	const struct super_operations *s_op;
	struct dentry *s_root;
	int s_active;
	struct mutex s_vfs_rename_mutex;	/* one cross-directory rename at a time */
	spinlock_t s_inode_list_lock;
	struct list_head s_inodes;
	unsigned long s_next_ino;		/* for new_inode's i_ino, under s_inode_list_lock */
	void *s_fs_info;
	unsigned long s_flags;			/* SB_RDONLY ... */
	unsigned char s_blocksize_bits;
	loff_t s_maxbytes;			/* the largest file size */
	struct block_device *s_bdev;		/* the device of a FS_REQUIRES_DEV file system */
	char s_id[32];				/* the device's name, for messages */
	u32 s_time_gran;			/* timestamp granularity, ns */
};

static inline bool sb_rdonly(const struct super_block *sb)
{
	return sb->s_flags & SB_RDONLY;
}

#define FS_REQUIRES_DEV	1

struct file_system_type {
	const char *name;
	int fs_flags;
	/* A new mount's root dentry (with a reference) or ERR_PTR. */
	struct dentry *(*mount)(struct file_system_type *fs_type, int flags,
				const char *dev_name, void *data);
	void (*kill_sb)(struct super_block *sb);
	struct file_system_type *next;
};

/* fs/char_dev.c: the registered character devices, for /proc/devices. */
struct seq_file;
void chrdev_show(struct seq_file *f);

/* fs/drop_caches.c: vm.drop_caches */
struct ctl_table;
extern int sysctl_drop_caches;
int drop_caches_sysctl_handler(struct ctl_table *table, int write, void *buffer,
			       size_t *lenp, loff_t *ppos);

/* fs/filesystems.c */
int register_filesystem(struct file_system_type *fs);
struct file_system_type *get_fs_type(const char *name);

/* fs/super.c */
/* A super block for a nodev file system, filled by fill_super; returns its root (ref'd). */
struct dentry *mount_nodev(struct file_system_type *fs_type, int flags, void *data,
			   int (*fill_super)(struct super_block *, void *, int));
/* The same, but one instance shared by every mount (devtmpfs). */
struct dentry *mount_single(struct file_system_type *fs_type, int flags, void *data,
			    int (*fill_super)(struct super_block *, void *, int));
void kill_litter_super(struct super_block *sb);
/* block/bdev.c: the block size of a device file system; the size set, or 0 if it cannot be. */
int sb_set_blocksize(struct super_block *sb, int size);
int sb_min_blocksize(struct super_block *sb, int size);
void deactivate_super(struct super_block *sb);
void get_super_active(struct super_block *sb);

/* fs/inode.c */
struct inode *new_inode(struct super_block *sb);
void iput(struct inode *inode);
struct inode *igrab(struct inode *inode);
void ihold(struct inode *inode);
void inc_nlink(struct inode *inode);
void drop_nlink(struct inode *inode);
void clear_nlink(struct inode *inode);
void set_nlink(struct inode *inode, unsigned int nlink);
void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev);
struct timespec64 current_time(struct inode *inode);
/* Gives uid/gid/mode to an inode made in dir (setgid directories pass their group on). */
void inode_init_owner(struct inode *inode, const struct inode *dir, umode_t mode);
/* Inodes alive, all super blocks (for leak checks). */
long nr_inodes(void);

/*
 * The order in which i_rwsems of one class nest, for the lock validator (Linux's names):
 * a directory being changed (PARENT) before the inode it changes (NORMAL); the second
 * directory of a rename (PARENT2), or the one below the other (CHILD); the second
 * non-directory of a rename (NONDIR2).
 */
enum inode_i_mutex_lock_class {
	I_MUTEX_NORMAL,
	I_MUTEX_PARENT,
	I_MUTEX_CHILD,
	I_MUTEX_XATTR,
	I_MUTEX_NONDIR2,
	I_MUTEX_PARENT2,
};

static inline void inode_lock(struct inode *inode) { down_write(&inode->i_rwsem); }
static inline void inode_lock_nested(struct inode *inode, unsigned int subclass)
{
	down_write_nested(&inode->i_rwsem, subclass);
}
static inline void inode_unlock(struct inode *inode) { up_write(&inode->i_rwsem); }
static inline void inode_lock_shared(struct inode *inode) { down_read(&inode->i_rwsem); }
static inline void inode_unlock_shared(struct inode *inode) { up_read(&inode->i_rwsem); }

static inline void i_size_write(struct inode *inode, loff_t size)
{
	WRITE_ONCE(inode->i_size, size);
}

static inline loff_t i_size_read(const struct inode *inode)
{
	return READ_ONCE(inode->i_size);
}

/* fs/bad_inode.c: an inode a file system could not read; every operation fails -EIO. */
void make_bad_inode(struct inode *inode);
bool is_bad_inode(struct inode *inode);

/* fs/inode.c: the inode cache of disk file systems */
/* The inode ino of sb with a reference; a new one (I_NEW set, locked) to fill if absent. */
struct inode *iget_locked(struct super_block *sb, unsigned long ino);
/* A filled I_NEW inode made visible to others waiting on it. */
void unlock_new_inode(struct inode *inode);
/* An I_NEW inode that could not be filled: made bad, unlocked and put. */
void iget_failed(struct inode *inode);
/* Hashes a new inode under its i_ino, I_NEW (locked); -EBUSY if that number is in use. */
int insert_inode_locked(struct inode *inode);

/* fs/attr.c */
int setattr_prepare(struct dentry *dentry, struct iattr *attr);
void setattr_copy(struct inode *inode, const struct iattr *attr);
int notify_change(struct dentry *dentry, struct iattr *attr);

/* fs/namei.c: the vfs_* operations on a locked parent directory. */
int vfs_create(struct inode *dir, struct dentry *dentry, umode_t mode, bool want_excl);
int vfs_mkdir(struct inode *dir, struct dentry *dentry, umode_t mode);
int vfs_mknod(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev);
int vfs_symlink(struct inode *dir, struct dentry *dentry, const char *oldname);
int vfs_link(struct dentry *old_dentry, struct inode *dir, struct dentry *new_dentry);
int vfs_rmdir(struct inode *dir, struct dentry *dentry);
int vfs_unlink(struct inode *dir, struct dentry *dentry);
int vfs_rename(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
	       struct dentry *new_dentry, unsigned int flags);
/* 0 when mask (MAY_*) is allowed on inode for the caller (root: everything but exec). */
int inode_permission(struct inode *inode, int mask);

/* fs/open.c and fs/file_table.c */
struct file *filp_open(const char *filename, int flags, umode_t mode);
struct file *file_open_root(const struct path *root, const char *filename, int flags,
			    umode_t mode);
struct file *dentry_open(const struct path *path, int flags);
int filp_close(struct file *filp, struct files_struct *id);
int vfs_truncate(const struct path *path, loff_t length);
int do_truncate(struct dentry *dentry, loff_t length, unsigned int time_attrs,
		struct file *filp);
/* A struct file with one reference and nothing opened yet, or ERR_PTR(-ENFILE). */
struct file *alloc_empty_file(int flags);
void fput(struct file *file);
struct file *get_file(struct file *f);
/* Open struct files (for leak checks). */
long nr_files(void);
int nonseekable_open(struct inode *inode, struct file *filp);
int stream_open(struct inode *inode, struct file *filp);

/* fs/read_write.c */
ssize_t kernel_read(struct file *file, void *buf, size_t count, loff_t *pos);
ssize_t kernel_write(struct file *file, const void *buf, size_t count, loff_t *pos);
ssize_t vfs_iter_read(struct file *file, struct iov_iter *iter, loff_t *ppos);
ssize_t vfs_iter_write(struct file *file, struct iov_iter *iter, loff_t *ppos);
loff_t vfs_llseek(struct file *file, loff_t offset, int whence);
loff_t generic_file_llseek(struct file *file, loff_t offset, int whence);
loff_t no_llseek(struct file *file, loff_t offset, int whence);
loff_t noop_llseek(struct file *file, loff_t offset, int whence);
loff_t default_llseek(struct file *file, loff_t offset, int whence);
int iterate_dir(struct file *file, struct dir_context *ctx);
int vfs_fsync(struct file *file, int datasync);

/* fs/libfs.c: helpers for in-memory file systems */
int simple_getattr(const struct path *path, struct kstat *stat, u32 request_mask,
		   unsigned int flags);
struct dentry *simple_lookup(struct inode *dir, struct dentry *dentry, unsigned int flags);
int simple_link(struct dentry *old_dentry, struct inode *dir, struct dentry *dentry);
int simple_unlink(struct inode *dir, struct dentry *dentry);
int simple_rmdir(struct inode *dir, struct dentry *dentry);
int simple_rename(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
		  struct dentry *new_dentry, unsigned int flags);
int simple_setattr(struct dentry *dentry, struct iattr *attr);
int simple_empty(struct dentry *dentry);
int dcache_dir_open(struct inode *inode, struct file *file);
int dcache_dir_close(struct inode *inode, struct file *file);
loff_t dcache_dir_lseek(struct file *file, loff_t offset, int whence);
int dcache_readdir(struct file *file, struct dir_context *ctx);
ssize_t generic_read_dir(struct kiocb *iocb, struct iov_iter *to);
int noop_fsync(struct file *file, loff_t start, loff_t end, int datasync);
const char *simple_get_link(struct dentry *dentry, struct inode *inode);
extern const struct file_operations simple_dir_operations;
extern const struct inode_operations simple_symlink_inode_operations;

/* mm/filemap.c: the page cache */
ssize_t generic_file_read_iter(struct kiocb *iocb, struct iov_iter *to);
ssize_t generic_file_write_iter(struct kiocb *iocb, struct iov_iter *from);
void truncate_inode_pages(struct address_space *mapping, loff_t lstart);
void truncate_setsize(struct inode *inode, loff_t newsize);
/* Unmaps the pages past newsize from every mapping, then drops them from the cache. */
void truncate_pagecache(struct inode *inode, loff_t newsize);
/* ->mmap of a file system whose pages are all in the page cache (vm_ops: filemap_fault). */
int generic_file_mmap(struct file *file, struct vm_area_struct *vma);
/* The page at index with a reference, or NULL. */
struct page *find_get_page(struct address_space *mapping, unsigned long index);
/* find_or_create_page, a new page getting the page flags page_flags (PG_swapbacked). */
struct page *__find_or_create_page(struct address_space *mapping, unsigned long index,
				   gfp_t gfp, unsigned long page_flags);
/*
 * The page at index with a reference, made if missing: zeroed, which is its content for
 * file systems whose pages exist only in the cache (ramfs). NULL when out of memory.
 */
static inline struct page *find_or_create_page(struct address_space *mapping,
					       unsigned long index, gfp_t gfp)
{
	return __find_or_create_page(mapping, index, gfp, 0);
}
/* Puts page (a reference taken for the cache) at index; -EBUSY when one is there. */
int add_to_page_cache(struct page *page, struct address_space *mapping, unsigned long index,
		      gfp_t gfp);
void address_space_init_once(struct address_space *mapping);

/* fs/char_dev.c */
int register_chrdev(unsigned int major, unsigned int minor, const char *name,
		    const struct file_operations *fops);
extern const struct file_operations def_chr_fops;
extern const struct file_operations pipefifo_fops;

/* fs/pipe.c: the internal mount anonymous pipes live on. */
int init_pipe_fs(void);
/* F_SETPIPE_SZ and F_GETPIPE_SZ on a pipe or FIFO; -EBADF on any other file. */
long pipe_fcntl(struct file *file, unsigned int cmd, unsigned long arg);

/* fs/ramfs */
int init_ramfs_fs(void);
struct inode *ramfs_get_inode(struct super_block *sb, const struct inode *dir, umode_t mode,
			      dev_t dev);
int ramfs_fill_super(struct super_block *sb, void *data, int silent);

/* The dcache, inode and file caches and the rootfs mount; start_kernel, after the scheduler. */
void vfs_caches_init(void);
/* init/do_mounts.c: registers rootfs, the file system of the tree's root. */
void init_rootfs(void);

#endif
