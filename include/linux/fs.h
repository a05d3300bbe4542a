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
#include <linux/time64.h>
#include <linux/atomic.h>
#include <uapi/linux/stat.h>
#include <uapi/linux/fcntl.h>

struct dentry;
struct vfsmount;
struct page;
struct folio;
struct kstat;
struct poll_table_struct;
struct vm_area_struct;
struct vm_fault;
struct pipe_inode_info;
struct files_struct;
struct fs_struct;
struct task_struct;
struct folio;
struct writeback_control;
struct readahead_control;
struct block_device;
struct backing_dev_info;
struct seq_file;
struct kiocb;

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

/*
 * What a file system does with its page cache (Linux 6.1's address_space_operations).
 * Every folio argument is locked unless said otherwise.
 * @read_folio: fill the folio from the disk and unlock it (at I/O completion).
 * @readahead: start reads of the folios of rac (locked, in the cache), unlocking each.
 * @writepage: write the folio (PG_writeback set, then unlocked); 0 or -errno.
 * @writepages: write the dirty folios wbc selects (write_cache_pages ...).
 * @dirty_folio: mark the folio (and its buffers) dirty; true when it was clean. Unlocked
 *	folio allowed; may not sleep.
 * @write_begin: make the page cache ready for a copy of len bytes at pos: *pagep locked,
 *	with a reference, up to date where the copy will not cover it.
 * @write_end: after copying copied bytes: mark dirty, update i_size, unlock and put the
 *	page; returns the bytes accepted.
 * @bmap: the disk block of a file block (FIBMAP, jbd2's journal inode).
 * @invalidate_folio: part [offset, offset + len) of the folio is going away (truncate).
 * @release_folio: drop the folio's private data so it can be freed; false if busy.
 * @free_folio: told that the folio left the cache (reclaim's __remove_mapping).
 */
struct address_space_operations {
	int (*writepage)(struct page *page, struct writeback_control *wbc);
	int (*read_folio)(struct file *file, struct folio *folio);
	int (*writepages)(struct address_space *mapping, struct writeback_control *wbc);
	bool (*dirty_folio)(struct address_space *mapping, struct folio *folio);
	void (*readahead)(struct readahead_control *rac);
	int (*write_begin)(struct file *file, struct address_space *mapping, loff_t pos,
			   unsigned len, struct page **pagep, void **fsdata);
	int (*write_end)(struct file *file, struct address_space *mapping, loff_t pos,
			 unsigned len, unsigned copied, struct page *page, void *fsdata);
	sector_t (*bmap)(struct address_space *mapping, sector_t block);
	void (*invalidate_folio)(struct folio *folio, size_t offset, size_t len);
	bool (*release_folio)(struct folio *folio, gfp_t gfp);
	void (*free_folio)(struct folio *folio);
	int (*direct_IO)(struct kiocb *iocb, struct iov_iter *iter);
	int (*migrate_folio)(struct address_space *mapping, struct folio *dst,
			     struct folio *src, int mode);
	int (*launder_folio)(struct folio *folio);
	bool (*is_partially_uptodate)(struct folio *folio, size_t from, size_t count);
	int (*error_remove_page)(struct address_space *mapping, struct page *page);
};

/*
 * The page cache of one inode: its pages by index, under i_pages.xa_lock (which also
 * covers the pages' PAGECACHE_TAG_* marks and nrpages); i_mmap: the VMAs mapping it
 * (vma->shared), under i_mmap_rwsem (taken inside mmap_lock). invalidate_lock keeps
 * page cache fills (reads, faults) out while a file system punches or truncates.
 * private_lock covers the buffers of the mapping's folios (folio->private) and
 * private_list: buffers of other mappings (the block device's) that fsync of this one
 * must write (mark_buffer_dirty_inode).
 */
struct address_space {
	struct inode *host;
	struct xarray i_pages;
	struct rw_semaphore invalidate_lock;
	gfp_t gfp_mask;				/* for allocating the cache's folios */
	unsigned long nrpages;			/* pages in i_pages, under its xa_lock */
	unsigned long writeback_index;		/* where cyclic writeback resumes */
	const struct address_space_operations *a_ops;
	unsigned long flags;			/* AS_EIO, AS_ENOSPC: atomic bits */
	struct rw_semaphore i_mmap_rwsem;
	struct list_head i_mmap;
	spinlock_t private_lock;
	struct list_head private_list;
	void *private_data;
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
 * it and other holders); the last iput either keeps the inode hashed and unused on its
 * super block's LRU (s_inode_lru: a disk file system's, found again by iget_locked) or
 * evicts it. i_lock covers i_state, i_hash's membership and i_lru; i_io_list (the
 * inode's place on its bdi_writeback's dirty lists) and dirtied_when are under that
 * wb's list_lock. i_rwsem: see the top of this file.
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
	unsigned short i_bytes;			/* bytes in the last 512-byte unit */
	u8 i_blkbits;				/* log2 of the file system's block size */
	u32 i_generation;
	atomic_t i_count;
	spinlock_t i_lock;
	unsigned long i_state;			/* I_* below, under i_lock */
	struct hlist_node i_hash;		/* on inode_hashtable, under inode_hash_lock */
	struct list_head i_io_list;		/* on a wb's b_dirty/b_io/b_more_io */
	struct list_head i_lru;			/* on i_sb->s_inode_lru while unused */
	unsigned long dirtied_when;		/* jiffies of the first dirtying */
	atomic_t i_writecount;
	u64 i_version;
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
};

/*
 * inode->i_state (Linux 6.1's bits): I_DIRTY_SYNC, I_DIRTY_DATASYNC: the inode itself
 * must be written (->write_inode), for fsync or fdatasync; I_DIRTY_PAGES: its mapping
 * has dirty pages; I_NEW: being set up after iget_locked, waiters sleep until
 * unlock_new_inode; I_WILL_FREE, I_FREEING: on its way out, iget must wait and retry;
 * I_CLEAR: evicted; I_SYNC: writeback of it is running; I_REFERENCED: used since it
 * went on the LRU; I_DIRTY_TIME: only timestamps changed (lazytime).
 */
#define I_DIRTY_SYNC		(1 << 0)
#define I_DIRTY_DATASYNC	(1 << 1)
#define I_DIRTY_PAGES		(1 << 2)
#define __I_NEW			3
#define I_NEW			(1 << __I_NEW)
#define I_WILL_FREE		(1 << 4)
#define I_FREEING		(1 << 5)
#define I_CLEAR			(1 << 6)
#define __I_SYNC		7
#define I_SYNC			(1 << __I_SYNC)
#define I_REFERENCED		(1 << 8)
#define I_LINKABLE		(1 << 10)
#define I_DIRTY_TIME		(1 << 11)
#define I_DONTCACHE		(1 << 16)
#define I_SYNC_QUEUED		(1 << 17)
#define I_DIRTY_INODE		(I_DIRTY_SYNC | I_DIRTY_DATASYNC)
#define I_DIRTY			(I_DIRTY_INODE | I_DIRTY_PAGES)
#define I_DIRTY_ALL		(I_DIRTY | I_DIRTY_TIME)

/* inode->i_flags */
#define S_SYNC		1	/* writes are synchronous */
#define S_NOATIME	2
#define S_APPEND	4
#define S_IMMUTABLE	8
#define S_DEAD		16	/* a removed directory: nothing may be created in it */
#define S_NOQUOTA	32
#define S_DIRSYNC	64
#define S_NOCMTIME	128
#define S_SWAPFILE	256
#define S_PRIVATE	512
#define S_IMA		1024
#define S_AUTOMOUNT	2048
#define S_NOSEC		4096
#define S_DAX		0
#define S_ENCRYPTED	16384
#define S_CASEFOLD	32768
#define S_VERITY	65536
#define IS_SYNC(inode)		((inode)->i_flags & S_SYNC)
#define IS_APPEND(inode)	((inode)->i_flags & S_APPEND)
#define IS_IMMUTABLE(inode)	((inode)->i_flags & S_IMMUTABLE)
#define IS_NOQUOTA(inode)	((inode)->i_flags & S_NOQUOTA)
#define IS_SWAPFILE(inode)	((inode)->i_flags & S_SWAPFILE)
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
#define IOCB_DSYNC	(1 << 4)	/* O_DSYNC: the write is fdatasync'd before it returns */
#define IOCB_SYNC	(1 << 5)	/* O_SYNC: and fsync'd */
#define IOCB_NOWAIT	(1 << 7)
#define IOCB_NOIO	(1 << 20)

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
	/* Allocates or frees [offset, offset + len) (FALLOC_FL_*): 0 or -errno. */
	long (*fallocate)(struct file *file, int mode, loff_t offset, loff_t len);
};

/*
 * A file's read-ahead window (Linux's file_ra_state): the last window read was [start,
 * start + size), and reaching its page start + size - async_size (marked PG_readahead)
 * starts the next. ra_pages is the largest window; prev_pos the last byte read, which
 * tells a sequential reader from a random one. Under the file's f_pos_lock, or racy
 * (a lost update only changes how much is read ahead).
 */
struct file_ra_state {
	pgoff_t start;
	unsigned int size;
	unsigned int async_size;
	unsigned int ra_pages;
	unsigned int mmap_miss;
	loff_t prev_pos;
};

/* The read-ahead window of a new open file: the mapping's device's largest. */
void file_ra_state_init(struct file_ra_state *ra, struct address_space *mapping);

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
	struct file_ra_state f_ra;
	u64 f_version;
	void *private_data;
};

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}

struct kstatfs;

/*
 * A file system's operations on its super block and inodes (Linux 6.1's names).
 * @alloc_inode, @free_inode: the file system's larger inode (embedding struct inode).
 * @dirty_inode: the inode was dirtied (flags: I_DIRTY_*); ext4 journals it here.
 * @write_inode: write the inode out (wbc->sync_mode WB_SYNC_ALL: and wait).
 * @drop_inode: whether the last iput evicts now rather than keeping it cached.
 * @evict_inode: the file system's part of evicting inode; it must truncate the page
 *	cache (truncate_inode_pages_final) and clear_inode().
 * @sync_fs: write the file system's own metadata (wait: and wait for it).
 */
struct super_operations {
	struct inode *(*alloc_inode)(struct super_block *sb);
	void (*destroy_inode)(struct inode *inode);
	void (*free_inode)(struct inode *inode);
	void (*dirty_inode)(struct inode *inode, int flags);
	int (*write_inode)(struct inode *inode, struct writeback_control *wbc);
	int (*drop_inode)(struct inode *inode);
	void (*evict_inode)(struct inode *inode);
	void (*put_super)(struct super_block *sb);
	int (*sync_fs)(struct super_block *sb, int wait);
	int (*freeze_fs)(struct super_block *sb);
	int (*unfreeze_fs)(struct super_block *sb);
	int (*statfs)(struct dentry *dentry, struct kstatfs *buf);
	int (*remount_fs)(struct super_block *sb, int *flags, char *data);
	void (*umount_begin)(struct super_block *sb);
	int (*show_options)(struct seq_file *m, struct dentry *root);
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

/* sb->s_flags (the MS_* of mount(2)) */
#define SB_RDONLY	1
#define SB_NOSUID	2
#define SB_NODEV	4
#define SB_NOEXEC	8
#define SB_SYNCHRONOUS	16
#define SB_MANDLOCK	64
#define SB_DIRSYNC	128
#define SB_NOATIME	1024
#define SB_NODIRATIME	2048
#define SB_SILENT	32768
#define SB_POSIXACL	(1 << 16)
#define SB_I_VERSION	(1 << 23)
#define SB_LAZYTIME	(1 << 25)
#define SB_ACTIVE	(1 << 30)
#define SB_BORN		(1 << 29)
#define sb_rdonly(sb)	((sb)->s_flags & SB_RDONLY)
#define IS_RDONLY(inode)	sb_rdonly((inode)->i_sb)

/*
 * A mounted instance of a file system. s_active counts mounts of it; the last
 * deactivate_super kills it (kill_sb). s_inodes: every inode, under s_inode_list_lock.
 */
struct super_block {
	struct list_head s_list;		/* on super_blocks, under sb_lock */
	dev_t s_dev;
	unsigned long s_magic;
	unsigned long s_blocksize;
	unsigned char s_blocksize_bits;
	unsigned long s_flags;			/* SB_* */
	loff_t s_maxbytes;			/* the largest file size */
	struct block_device *s_bdev;		/* a disk file system's device, or NULL */
	fmode_t s_mode;				/* how mount_bdev opened s_bdev */
	struct backing_dev_info *s_bdi;		/* where its dirty inodes are written from */
	struct rw_semaphore s_umount;		/* sync and umount against each other */
	spinlock_t s_inode_lru_lock;
	struct list_head s_inode_lru;		/* unused inodes, under s_inode_lru_lock */
	long s_nr_inodes_unused;		/* on s_inode_lru, under s_inode_lru_lock */
	u32 s_time_gran;
	char s_id[32];				/* the device's name, for messages */
	struct file_system_type *s_type;
	const struct super_operations *s_op;
	struct dentry *s_root;
	int s_active;
	struct mutex s_vfs_rename_mutex;	/* one cross-directory rename at a time */
	spinlock_t s_inode_list_lock;
	struct list_head s_inodes;
	unsigned long s_next_ino;		/* for new_inode's i_ino, under s_inode_list_lock */
	void *s_fs_info;
};

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

/* The super block of the bdev file system, holding every block device's inode. */
extern struct super_block *blockdev_superblock;
static inline bool sb_is_blkdev_sb(struct super_block *sb)
{
	return sb == blockdev_superblock;
}

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
/* The names of the file systems that need a device, NUL-separated in buf: how many. */
int list_bdev_fs_names(char *buf, size_t size);

/* fs/super.c */
/* A super block for a nodev file system, filled by fill_super; returns its root (ref'd). */
struct dentry *mount_nodev(struct file_system_type *fs_type, int flags, void *data,
			   int (*fill_super)(struct super_block *, void *, int));
/* The same, but one instance shared by every mount (devtmpfs). */
struct dentry *mount_single(struct file_system_type *fs_type, int flags, void *data,
			    int (*fill_super)(struct super_block *, void *, int));
void kill_litter_super(struct super_block *sb);
/* A super block on the block device dev_name, filled by fill_super; its root or ERR_PTR. */
struct dentry *mount_bdev(struct file_system_type *fs_type, int flags, const char *dev_name,
			  void *data, int (*fill_super)(struct super_block *, void *, int));
void kill_block_super(struct super_block *sb);
void generic_shutdown_super(struct super_block *sb);
void deactivate_super(struct super_block *sb);
void get_super_active(struct super_block *sb);

/* fs/inode.c */
struct inode *new_inode(struct super_block *sb);
/* The same, not yet on sb->s_inodes (Linux's new_inode_pseudo); i_ino is 0. */
struct inode *new_inode_pseudo(struct super_block *sb);
/* Sets up a freshly allocated inode's fields (alloc_inode's part); 0 or -ENOMEM. */
int inode_init_always(struct super_block *sb, struct inode *inode);
void inode_init_once(struct inode *inode);
void inode_sb_list_add(struct inode *inode);
/*
 * iget_locked - the inode ino of sb from the inode cache, or a new one to fill in
 * Return: the inode with a reference; a new one has I_NEW set and is locked until the
 * caller, having read it from the disk, calls unlock_new_inode (or iget_failed). NULL
 * when out of memory. Context: may sleep (waits for an I_NEW or freeing inode).
 */
struct inode *iget_locked(struct super_block *sb, unsigned long ino);
/* The cached inode ino of sb with a reference, waiting for I_NEW; or NULL. */
struct inode *ilookup(struct super_block *sb, unsigned long ino);
/* The same with a file system's test (Linux's iget5_locked and ilookup5). */
struct inode *iget5_locked(struct super_block *sb, unsigned long hashval,
			   int (*test)(struct inode *, void *),
			   int (*set)(struct inode *, void *), void *data);
struct inode *ilookup5(struct super_block *sb, unsigned long hashval,
		       int (*test)(struct inode *, void *), void *data);
/* A cached inode ino (not I_NEW, not freeing), for the caller's test; no reference. */
struct inode *find_inode_nowait(struct super_block *sb, unsigned long hashval,
				int (*match)(struct inode *, unsigned long, void *),
				void *data);
/* Clears I_NEW and wakes the waiters of iget_locked. */
void unlock_new_inode(struct inode *inode);
void discard_new_inode(struct inode *inode);
/* A new inode that could not be read: unhashed, made bad, unlocked and put. */
void iget_failed(struct inode *inode);
void __insert_inode_hash(struct inode *inode, unsigned long hashval);
static inline void insert_inode_hash(struct inode *inode)
{
	__insert_inode_hash(inode, inode->i_ino);
}
void __remove_inode_hash(struct inode *inode);
static inline void remove_inode_hash(struct inode *inode)
{
	if (!hlist_unhashed(&inode->i_hash))
		__remove_inode_hash(inode);
}
/* Inserts a new inode (I_NEW) under ino unless one is there: -EBUSY (ext4's new inodes). */
int insert_inode_locked(struct inode *inode);
/* The file system's evict_inode calls this last: the inode is I_CLEAR. */
void clear_inode(struct inode *inode);
/* Evicts every unused inode of sb (umount, after the dentries are gone). */
void evict_inodes(struct super_block *sb);
/* Frees the unused cached inodes of every super block (drop_caches=2); how many. */
long prune_icache_sb(struct super_block *sb, unsigned long nr_to_scan);
int generic_drop_inode(struct inode *inode);
void make_bad_inode(struct inode *inode);
bool is_bad_inode(struct inode *inode);
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

/* fs/sync.c */
/* ->fsync of [start, end] of file (datasync: fdatasync's weaker rules); 0 or -errno. */
int vfs_fsync_range(struct file *file, loff_t start, loff_t end, int datasync);
int vfs_fsync(struct file *file, int datasync);
/* Writes sb's dirty inodes, pages and metadata (->sync_fs) and waits: syncfs, umount. */
int sync_filesystem(struct super_block *sb);
/* After a write of count bytes ending at iocb->ki_pos: O_SYNC/O_DSYNC's fsync. */
ssize_t generic_write_sync(struct kiocb *iocb, ssize_t count);

/* fs/fs-writeback.c */
void __mark_inode_dirty(struct inode *inode, int flags);
/* The inode and its data must be written (ext4 journals it in ->dirty_inode). */
static inline void mark_inode_dirty(struct inode *inode)
{
	__mark_inode_dirty(inode, I_DIRTY);
}
/* The inode must be written, but fdatasync need not (timestamps). */
static inline void mark_inode_dirty_sync(struct inode *inode)
{
	__mark_inode_dirty(inode, I_DIRTY_SYNC);
}
static inline bool inode_unhashed(struct inode *inode)
{
	return hlist_unhashed(&inode->i_hash);
}

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
int simple_statfs(struct dentry *dentry, struct kstatfs *buf);
int vfs_statfs(const struct path *path, struct kstatfs *buf);
int dcache_dir_open(struct inode *inode, struct file *file);
int dcache_dir_close(struct inode *inode, struct file *file);
loff_t dcache_dir_lseek(struct file *file, loff_t offset, int whence);
int dcache_readdir(struct file *file, struct dir_context *ctx);
ssize_t generic_read_dir(struct kiocb *iocb, struct iov_iter *to);
int noop_fsync(struct file *file, loff_t start, loff_t end, int datasync);
/* The page cache operations of a file system whose pages are its only copy (ramfs). */
int simple_write_begin(struct file *file, struct address_space *mapping, loff_t pos,
		       unsigned len, struct page **pagep, void **fsdata);
int simple_write_end(struct file *file, struct address_space *mapping, loff_t pos,
		     unsigned len, unsigned copied, struct page *page, void *fsdata);
extern const struct address_space_operations ram_aops;
const char *simple_get_link(struct dentry *dentry, struct inode *inode);
extern const struct file_operations simple_dir_operations;
extern const struct inode_operations simple_symlink_inode_operations;

/* mm/filemap.c: the page cache (the rest is in pagemap.h) */
ssize_t generic_file_read_iter(struct kiocb *iocb, struct iov_iter *to);
ssize_t generic_file_write_iter(struct kiocb *iocb, struct iov_iter *from);
ssize_t __generic_file_write_iter(struct kiocb *iocb, struct iov_iter *from);
ssize_t generic_perform_write(struct kiocb *iocb, struct iov_iter *i);
/* The checks of a write (O_APPEND, limits): the bytes to write, 0, or -errno. */
ssize_t generic_write_checks(struct kiocb *iocb, struct iov_iter *from);
int file_remove_privs(struct file *file);
int file_update_time(struct file *file);
/* fallocate(2)'s checks, then ->fallocate (fs/open.c). */
int vfs_fallocate(struct file *file, int mode, loff_t offset, loff_t len);
/* ->mmap of a file system whose pages are all in the page cache (vm_ops: filemap_fault). */
int generic_file_mmap(struct file *file, struct vm_area_struct *vma);
int generic_file_readonly_mmap(struct file *file, struct vm_area_struct *vma);
/* Writes and waits for the dirty pages of [lstart, lend] of file's mapping; 0 or -EIO. */
int file_write_and_wait_range(struct file *file, loff_t start, loff_t end);
static inline int file_write_and_wait(struct file *file)
{
	return file_write_and_wait_range(file, 0, LLONG_MAX);
}
/* fsync of a simple file system: the pages, then the inode (sync_inode_metadata). */
int __generic_file_fsync(struct file *file, loff_t start, loff_t end, int datasync);
/* mm/truncate.c */
void truncate_inode_pages(struct address_space *mapping, loff_t lstart);
void truncate_inode_pages_range(struct address_space *mapping, loff_t lstart, loff_t lend);
/* The inode is going: every page, waiting for writeback of each. */
void truncate_inode_pages_final(struct address_space *mapping);
void truncate_setsize(struct inode *inode, loff_t newsize);
/* Unmaps the pages past newsize from every mapping, then drops them from the cache. */
void truncate_pagecache(struct inode *inode, loff_t newsize);
void truncate_pagecache_range(struct inode *inode, loff_t lstart, loff_t lend);
void pagecache_isize_extended(struct inode *inode, loff_t from, loff_t to);
/* Drops the clean, unmapped, unlocked pages of [start, end]; how many went. */
unsigned long invalidate_mapping_pages(struct address_space *mapping, unsigned long start,
				       unsigned long end);
int invalidate_inode_pages2(struct address_space *mapping);
int invalidate_inode_pages2_range(struct address_space *mapping, unsigned long start,
				  unsigned long end);
void address_space_init_once(struct address_space *mapping);

/* fs/char_dev.c */
int register_chrdev(unsigned int major, unsigned int minor, const char *name,
		    const struct file_operations *fops);
/* Names count minors from from for /proc/devices: 0, -EBUSY if taken, -EINVAL. */
int register_chrdev_region(dev_t from, unsigned int count, const char *name);
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
int ramfs_fill_root(struct super_block *sb, umode_t mode);
void ramfs_evict_inode(struct inode *inode);

/* The dcache, inode and file caches and the rootfs mount; start_kernel, after the scheduler. */
void vfs_caches_init(void);
/* init/do_mounts.c: registers rootfs, the file system of the tree's root. */
/* The root's file system type: mounted once, never registered (as Linux 6.1). */
extern struct file_system_type rootfs_fs_type;
/* Registers the "bdev" file system of block devices' inodes (vfs_caches_init). */
void bdev_cache_init(void);
/* Mounts the root= device as the root (kernel_init, when the initramfs has no /init). */
void prepare_namespace(void);

#endif
