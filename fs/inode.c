/*
 * Inodes and the inode cache (Linux 6.1's fs/inode.c): allocation (new_inode, or a file
 * system's ->alloc_inode), references (ihold, igrab, iput), and for disk file systems
 * the cache of inodes by (super block, number): iget_locked finds one or hands back a
 * new I_NEW inode for the caller to read, unlock_new_inode publishes it. The last iput
 * of a hashed inode with links keeps it, unused, on its super block's LRU until
 * drop_caches or umount evicts it (prune_icache_sb, evict_inodes); other inodes are
 * evicted at once: the file system's ->evict_inode drops the page cache
 * (truncate_inode_pages_final) and its own state, then clear_inode.
 *
 * Locks, outermost first: inode_hash_lock (the hash chains), sb->s_inode_list_lock
 * (s_inodes), a wb's list_lock (fs-writeback.c), inode->i_lock (i_state, i_lru
 * membership), sb->s_inode_lru_lock (s_inode_lru, s_nr_inodes_unused). The LRU walk
 * takes i_lock with a trylock, the only place going the other way.
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/ktime.h>
#include <linux/fs.h>
#include <linux/hash.h>
#include <linux/pagemap.h>
#include <linux/wait_bit.h>
#include <linux/writeback.h>
#include <linux/backing-dev.h>
#include <linux/blkdev.h>
#include "internal.h"

#define I_HASH_BITS	12

static struct kmem_cache *inode_cachep;
static long inodes_alive;	/* atomic */
static struct hlist_head *inode_hashtable;	/* 1 << I_HASH_BITS buckets, from inode_init */
static DEFINE_SPINLOCK(inode_hash_lock);

long nr_inodes(void)
{
	return __atomic_load_n(&inodes_alive, __ATOMIC_RELAXED);
}

void address_space_init_once(struct address_space *mapping)
{
	memset(mapping, 0, sizeof(*mapping));
	xa_init(&mapping->i_pages);
	init_rwsem(&mapping->invalidate_lock);
	init_rwsem(&mapping->i_mmap_rwsem);
	INIT_LIST_HEAD(&mapping->i_mmap);
	spin_lock_init(&mapping->private_lock);
	INIT_LIST_HEAD(&mapping->private_list);
}

static int no_open(struct inode *inode, struct file *file)
{
	return -ENXIO;
}

/* Files nothing here can open (block devices, sockets), and a new inode's default. */
static const struct file_operations no_open_fops = {
	.open = no_open,
};

/* What an inode has until its file system says otherwise: no operations. */
static const struct inode_operations empty_iops;
/* A page cache with nothing behind it: dirty pages stay in memory (noop_dirty_folio). */
static const struct address_space_operations empty_aops = {
	.dirty_folio	= noop_dirty_folio,
};

void inode_init_once(struct inode *inode)
{
	memset(inode, 0, sizeof(*inode));
	INIT_HLIST_NODE(&inode->i_hash);
	INIT_LIST_HEAD(&inode->i_io_list);
	INIT_LIST_HEAD(&inode->i_lru);
	INIT_LIST_HEAD(&inode->i_sb_list);
	address_space_init_once(&inode->i_data);
}

int inode_init_always(struct super_block *sb, struct inode *inode)
{
	struct address_space *mapping = &inode->i_data;

	inode->i_sb = sb;
	inode->i_blkbits = sb->s_blocksize_bits ? sb->s_blocksize_bits : PAGE_SHIFT;
	inode->i_flags = 0;
	atomic_set(&inode->i_count, 1);
	inode->i_op = &empty_iops;
	inode->i_fop = &no_open_fops;
	inode->i_nlink = 1;
	inode->i_state = 0;
	inode->i_size = 0;
	inode->i_blocks = 0;
	inode->i_bytes = 0;
	inode->i_generation = 0;
	inode->i_rdev = 0;
	inode->i_pipe = NULL;
	inode->i_link = NULL;
	inode->i_private = NULL;
	inode->dirtied_when = 0;
	atomic_set(&inode->i_writecount, 0);
	spin_lock_init(&inode->i_lock);
	init_rwsem(&inode->i_rwsem);
	mapping->a_ops = &empty_aops;
	mapping->host = inode;
	mapping->flags = 0;
	mapping->gfp_mask = GFP_HIGHUSER_MOVABLE;
	mapping->private_data = NULL;
	inode->i_mapping = mapping;
	return 0;
}

static struct inode *alloc_inode(struct super_block *sb)
{
	const struct super_operations *ops = sb->s_op;
	struct inode *inode;

	if (ops && ops->alloc_inode) {
		inode = ops->alloc_inode(sb);
	} else {
		inode = kmem_cache_alloc(inode_cachep, GFP_KERNEL);
		if (inode)
			inode_init_once(inode);
	}
	if (!inode)
		return NULL;
	inode_init_always(sb, inode);
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time(inode);
	__atomic_fetch_add(&inodes_alive, 1, __ATOMIC_RELAXED);
	return inode;
}

static void destroy_inode(struct inode *inode)
{
	const struct super_operations *ops = inode->i_sb->s_op;

	BUG_ON(!list_empty(&inode->i_lru));
	__atomic_fetch_sub(&inodes_alive, 1, __ATOMIC_RELAXED);
	if (ops && ops->destroy_inode) {
		ops->destroy_inode(inode);
		if (!ops->free_inode)
			return;
	}
	if (ops && ops->free_inode)
		ops->free_inode(inode);
	else
		kmem_cache_free(inode_cachep, inode);
}

void inode_sb_list_add(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;

	spin_lock(&sb->s_inode_list_lock);
	list_add(&inode->i_sb_list, &sb->s_inodes);
	spin_unlock(&sb->s_inode_list_lock);
}

static void inode_sb_list_del(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;

	if (list_empty(&inode->i_sb_list))
		return;
	spin_lock(&sb->s_inode_list_lock);
	list_del_init(&inode->i_sb_list);
	spin_unlock(&sb->s_inode_list_lock);
}

struct inode *new_inode_pseudo(struct super_block *sb)
{
	return alloc_inode(sb);
}

/* Numbered from the super block's counter, as the in-memory file systems want. */
struct inode *new_inode(struct super_block *sb)
{
	struct inode *inode = new_inode_pseudo(sb);

	if (!inode)
		return NULL;
	spin_lock(&sb->s_inode_list_lock);
	inode->i_ino = ++sb->s_next_ino;
	list_add(&inode->i_sb_list, &sb->s_inodes);
	spin_unlock(&sb->s_inode_list_lock);
	return inode;
}

/* ---- the LRU of unused inodes ---------------------------------------------------- */

/* Puts the unused inode on its super block's LRU (i_lock held). */
static void inode_add_lru_locked(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;

	if (inode->i_state & (I_FREEING | I_WILL_FREE) || atomic_read(&inode->i_count))
		return;
	spin_lock(&sb->s_inode_lru_lock);
	if (list_empty(&inode->i_lru)) {
		list_add(&inode->i_lru, &sb->s_inode_lru);
		sb->s_nr_inodes_unused++;
	}
	spin_unlock(&sb->s_inode_lru_lock);
}

/* The writeback of a cached unused inode finished: it may be pruned now. */
void inode_add_lru(struct inode *inode)
{
	if (inode->i_sb->s_flags & SB_ACTIVE)
		inode_add_lru_locked(inode);
}

static void inode_lru_list_del(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;

	spin_lock(&sb->s_inode_lru_lock);
	if (!list_empty(&inode->i_lru)) {
		list_del_init(&inode->i_lru);
		sb->s_nr_inodes_unused--;
	}
	spin_unlock(&sb->s_inode_lru_lock);
}

/* ---- the hash ------------------------------------------------------------------------- */

static struct hlist_head *inode_hash(struct super_block *sb, unsigned long hashval)
{
	return &inode_hashtable[hash_long((unsigned long)sb ^ hashval * 31, I_HASH_BITS)];
}

void __insert_inode_hash(struct inode *inode, unsigned long hashval)
{
	struct hlist_head *b = inode_hash(inode->i_sb, hashval);

	spin_lock(&inode_hash_lock);
	spin_lock(&inode->i_lock);
	hlist_add_head(&inode->i_hash, b);
	spin_unlock(&inode->i_lock);
	spin_unlock(&inode_hash_lock);
}

void __remove_inode_hash(struct inode *inode)
{
	spin_lock(&inode_hash_lock);
	spin_lock(&inode->i_lock);
	hlist_del_init(&inode->i_hash);
	spin_unlock(&inode->i_lock);
	spin_unlock(&inode_hash_lock);
}

static void __iget(struct inode *inode)
{
	atomic_inc(&inode->i_count);
}

/*
 * The inode is being freed: sleep until evict() has taken it out of the hash, then let
 * the caller search again. Both locks held on entry; inode_hash_lock held on return.
 */
static void __wait_on_freeing_inode(struct inode *inode)
{
	wait_queue_head_t *wq = bit_waitqueue(&inode->i_state, __I_NEW);
	struct wait_bit_queue_entry wait = {
		.key = { .flags = &inode->i_state, .bit_nr = __I_NEW },
		.wq_entry = { .private = current, .func = wake_bit_function,
			      .entry = LIST_HEAD_INIT(wait.wq_entry.entry) },
	};

	prepare_to_wait(wq, &wait.wq_entry, TASK_UNINTERRUPTIBLE);
	spin_unlock(&inode->i_lock);
	spin_unlock(&inode_hash_lock);
	schedule();
	finish_wait(wq, &wait.wq_entry);
	spin_lock(&inode_hash_lock);
}

/*
 * The hashed inode of sb matching (hashval, test), with a reference taken; NULL if
 * none. Waits for a freeing one to go. inode_hash_lock held.
 */
static struct inode *find_inode(struct super_block *sb, struct hlist_head *head,
				unsigned long ino, int (*test)(struct inode *, void *),
				void *data)
{
	struct inode *inode;

repeat:
	hlist_for_each_entry(inode, head, i_hash) {
		if (inode->i_sb != sb)
			continue;
		if (test ? !test(inode, data) : inode->i_ino != ino)
			continue;
		spin_lock(&inode->i_lock);
		if (inode->i_state & (I_FREEING | I_WILL_FREE)) {
			__wait_on_freeing_inode(inode);
			goto repeat;
		}
		__iget(inode);
		spin_unlock(&inode->i_lock);
		return inode;
	}
	return NULL;
}

/* Sleeps while the inode is I_NEW (being read by whoever created it). */
static void wait_on_new_inode(struct inode *inode)
{
	wait_on_bit(&inode->i_state, __I_NEW, TASK_UNINTERRUPTIBLE);
}

/* A found inode, once it is set up; NULL (reference dropped) if its reading failed. */
static struct inode *inode_ready(struct inode *inode)
{
	wait_on_new_inode(inode);
	if (unlikely(hlist_unhashed(&inode->i_hash))) {
		iput(inode);
		return NULL;
	}
	return inode;
}

/* Hashes the new inode unless a match is there: then the match (ref'd) is returned. */
static struct inode *inode_insert5(struct inode *inode, unsigned long hashval,
				   int (*test)(struct inode *, void *),
				   int (*set)(struct inode *, void *), void *data)
{
	struct hlist_head *head = inode_hash(inode->i_sb, hashval);
	struct inode *old;

	spin_lock(&inode_hash_lock);
	old = find_inode(inode->i_sb, head, hashval, test, data);
	if (old) {
		spin_unlock(&inode_hash_lock);
		return inode_ready(old) ? old : ERR_PTR(-EAGAIN);
	}
	if (set && set(inode, data)) {
		spin_unlock(&inode_hash_lock);
		return ERR_PTR(-EINVAL);
	}
	spin_lock(&inode->i_lock);
	inode->i_state |= I_NEW;
	hlist_add_head(&inode->i_hash, head);
	spin_unlock(&inode->i_lock);
	spin_unlock(&inode_hash_lock);
	/* iget's new inode joins s_inodes here; new_inode's (insert_inode_locked) is on it. */
	if (list_empty(&inode->i_sb_list))
		inode_sb_list_add(inode);
	return inode;
}

struct inode *iget5_locked(struct super_block *sb, unsigned long hashval,
			   int (*test)(struct inode *, void *),
			   int (*set)(struct inode *, void *), void *data)
{
	struct inode *inode, *new;

again:
	inode = ilookup5(sb, hashval, test, data);
	if (inode)
		return inode;
	new = alloc_inode(sb);
	if (!new)
		return NULL;
	if (!test)
		new->i_ino = hashval;
	inode = inode_insert5(new, hashval, test, set, data);
	if (inode == new)
		return inode;
	destroy_inode(new);
	if (IS_ERR(inode)) {
		if (PTR_ERR(inode) == -EAGAIN)
			goto again;
		return NULL;
	}
	return inode;
}

struct inode *iget_locked(struct super_block *sb, unsigned long ino)
{
	return iget5_locked(sb, ino, NULL, NULL, NULL);
}

struct inode *ilookup5(struct super_block *sb, unsigned long hashval,
		       int (*test)(struct inode *, void *), void *data)
{
	struct hlist_head *head = inode_hash(sb, hashval);
	struct inode *inode;

again:
	spin_lock(&inode_hash_lock);
	inode = find_inode(sb, head, hashval, test, data);
	spin_unlock(&inode_hash_lock);
	if (inode && !inode_ready(inode))
		goto again;
	return inode;
}

struct inode *ilookup(struct super_block *sb, unsigned long ino)
{
	return ilookup5(sb, ino, NULL, NULL);
}

struct inode *find_inode_nowait(struct super_block *sb, unsigned long hashval,
				int (*match)(struct inode *, unsigned long, void *),
				void *data)
{
	struct inode *inode, *found = NULL;

	spin_lock(&inode_hash_lock);
	hlist_for_each_entry(inode, inode_hash(sb, hashval), i_hash) {
		if (inode->i_sb != sb)
			continue;
		if (match(inode, hashval, data)) {
			found = inode;
			break;
		}
	}
	spin_unlock(&inode_hash_lock);
	return found;
}

int insert_inode_locked(struct inode *inode)
{
	struct inode *old;

	old = inode_insert5(inode, inode->i_ino, NULL, NULL, NULL);
	if (old == inode)
		return 0;
	if (!IS_ERR(old))
		iput(old);
	return -EBUSY;
}

void unlock_new_inode(struct inode *inode)
{
	spin_lock(&inode->i_lock);
	WARN_ON(!(inode->i_state & I_NEW));
	inode->i_state &= ~I_NEW;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	wake_up_bit(&inode->i_state, __I_NEW);
	spin_unlock(&inode->i_lock);
}

/*
 * bmap - the disk block of file block *block of inode, through ->bmap (0: a hole)
 * Return: 0, or -EINVAL when the file system cannot say (no ->bmap).
 */
int bmap(struct inode *inode, sector_t *block)
{
	if (!inode->i_mapping->a_ops || !inode->i_mapping->a_ops->bmap)
		return -EINVAL;
	*block = inode->i_mapping->a_ops->bmap(inode->i_mapping, *block);
	return 0;
}

void discard_new_inode(struct inode *inode)
{
	unlock_new_inode(inode);
	iput(inode);
}

void iget_failed(struct inode *inode)
{
	make_bad_inode(inode);
	remove_inode_hash(inode);
	unlock_new_inode(inode);
	iput(inode);
}

/* ---- bad inodes ------------------------------------------------------------------- */

static int bad_inode_open(struct inode *inode, struct file *filp)
{
	return -EIO;
}

static const struct file_operations bad_file_ops = {
	.open = bad_inode_open,
};

static const struct inode_operations bad_inode_ops;

/* An inode that could not be read: every operation fails with -EIO. */
void make_bad_inode(struct inode *inode)
{
	remove_inode_hash(inode);
	inode->i_mode = S_IFREG;
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time(inode);
	inode->i_op = &bad_inode_ops;
	inode->i_fop = &bad_file_ops;
}

bool is_bad_inode(struct inode *inode)
{
	return inode->i_op == &bad_inode_ops;
}

/* ---- the end of an inode ---------------------------------------------------------- */

void clear_inode(struct inode *inode)
{
	xa_lock_irq(&inode->i_data.i_pages);
	BUG_ON(inode->i_data.nrpages);
	xa_unlock_irq(&inode->i_data.i_pages);
	BUG_ON(!list_empty(&inode->i_data.private_list));
	BUG_ON(!(inode->i_state & I_FREEING));
	BUG_ON(inode->i_state & I_CLEAR);
	inode->i_state = I_FREEING | I_CLEAR;
}

/* The I_FREEING inode goes: off the lists, the file system's part, the memory. */
static void evict(struct inode *inode)
{
	const struct super_operations *op = inode->i_sb->s_op;

	BUG_ON(!(inode->i_state & I_FREEING));
	BUG_ON(!list_empty(&inode->i_lru));
	inode_io_list_del(inode);
	inode_sb_list_del(inode);
	/* A flusher writing it (I_SYNC) finishes first. */
	inode_wait_for_writeback(inode);
	if (op && op->evict_inode) {
		op->evict_inode(inode);
	} else {
		truncate_inode_pages_final(&inode->i_data);
		clear_inode(inode);
	}
	remove_inode_hash(inode);
	spin_lock(&inode->i_lock);
	wake_up_bit(&inode->i_state, __I_NEW);
	BUG_ON(inode->i_state != (I_FREEING | I_CLEAR));
	spin_unlock(&inode->i_lock);
	destroy_inode(inode);
}

int generic_drop_inode(struct inode *inode)
{
	return !inode->i_nlink || hlist_unhashed(&inode->i_hash);
}

/* The last reference went (i_lock held): cache the inode or evict it. */
static void iput_final(struct inode *inode)
{
	const struct super_operations *op = inode->i_sb->s_op;
	int drop;

	if (op && op->drop_inode)
		drop = op->drop_inode(inode);
	else
		drop = generic_drop_inode(inode);
	if (!drop && !(inode->i_state & I_DONTCACHE) && (inode->i_sb->s_flags & SB_ACTIVE)) {
		inode_add_lru_locked(inode);
		spin_unlock(&inode->i_lock);
		return;
	}
	inode->i_state |= I_FREEING;
	spin_unlock(&inode->i_lock);
	inode_lru_list_del(inode);
	evict(inode);
}

void iput(struct inode *inode)
{
	if (!inode)
		return;
	WARN_ON(atomic_read(&inode->i_count) <= 0);
	if (atomic_add_unless(&inode->i_count, -1, 1))
		return;
	spin_lock(&inode->i_lock);
	if (!atomic_dec_and_test(&inode->i_count)) {
		spin_unlock(&inode->i_lock);
		return;
	}
	iput_final(inode);
}

void ihold(struct inode *inode)
{
	WARN_ON(atomic_inc_return(&inode->i_count) < 2);
}

struct inode *igrab(struct inode *inode)
{
	spin_lock(&inode->i_lock);
	if (inode->i_state & (I_FREEING | I_WILL_FREE)) {
		spin_unlock(&inode->i_lock);
		return NULL;
	}
	__iget(inode);
	spin_unlock(&inode->i_lock);
	return inode;
}

static void dispose_list(struct list_head *head)
{
	while (!list_empty(head)) {
		struct inode *inode = list_first_entry(head, struct inode, i_lru);

		list_del_init(&inode->i_lru);
		evict(inode);
	}
}

void evict_inodes(struct super_block *sb)
{
	struct inode *inode;
	LIST_HEAD(dispose);

	spin_lock(&sb->s_inode_list_lock);
	list_for_each_entry(inode, &sb->s_inodes, i_sb_list) {
		if (atomic_read(&inode->i_count))
			continue;
		spin_lock(&inode->i_lock);
		if (inode->i_state & (I_NEW | I_FREEING | I_WILL_FREE)) {
			spin_unlock(&inode->i_lock);
			continue;
		}
		inode->i_state |= I_FREEING;
		spin_unlock(&inode->i_lock);
		inode_lru_list_del(inode);
		list_add(&inode->i_lru, &dispose);
	}
	spin_unlock(&sb->s_inode_list_lock);
	dispose_list(&dispose);
}

/*
 * Frees up to nr_to_scan unused inodes from sb's LRU (all: 0). Inodes used again or
 * dirty leave the LRU (writeback puts a clean unused one back); pages of the freed ones
 * go with them (clean: a dirty page keeps its inode dirty).
 */
long prune_icache_sb(struct super_block *sb, unsigned long nr_to_scan)
{
	struct inode *inode, *next;
	LIST_HEAD(freeable);
	long freed = 0;

	spin_lock(&sb->s_inode_lru_lock);
	list_for_each_entry_safe(inode, next, &sb->s_inode_lru, i_lru) {
		if (nr_to_scan && !nr_to_scan--)
			break;
		if (!spin_trylock(&inode->i_lock))
			continue;
		list_del_init(&inode->i_lru);
		sb->s_nr_inodes_unused--;
		if (atomic_read(&inode->i_count) || (inode->i_state & ~I_REFERENCED) ||
		    mapping_tagged(&inode->i_data, PAGECACHE_TAG_WRITEBACK)) {
			spin_unlock(&inode->i_lock);
			continue;
		}
		inode->i_state |= I_FREEING;
		spin_unlock(&inode->i_lock);
		list_add(&inode->i_lru, &freeable);
		freed++;
	}
	spin_unlock(&sb->s_inode_lru_lock);
	dispose_list(&freeable);
	return freed;
}

/*
 * Calls fn on each inode of sb that has pages or is dirty, with a reference held and no
 * lock (Linux's wait_sb_inodes walk): the reference keeps the inode, and so the walk's
 * place, on s_inodes while the list lock is dropped.
 */
void iterate_sb_inodes(struct super_block *sb, void (*fn)(struct inode *, void *), void *arg)
{
	struct inode *inode, *old = NULL;

	spin_lock(&sb->s_inode_list_lock);
	list_for_each_entry(inode, &sb->s_inodes, i_sb_list) {
		spin_lock(&inode->i_lock);
		if ((inode->i_state & (I_FREEING | I_WILL_FREE | I_NEW)) ||
		    (!inode->i_mapping->nrpages && !(inode->i_state & I_DIRTY_ALL))) {
			spin_unlock(&inode->i_lock);
			continue;
		}
		__iget(inode);
		spin_unlock(&inode->i_lock);
		spin_unlock(&sb->s_inode_list_lock);
		iput(old);
		fn(inode, arg);
		old = inode;
		spin_lock(&sb->s_inode_list_lock);
	}
	spin_unlock(&sb->s_inode_list_lock);
	iput(old);
}

/* ---- attributes ----------------------------------------------------------------------- */

void inc_nlink(struct inode *inode)
{
	inode->i_nlink++;
}

void drop_nlink(struct inode *inode)
{
	WARN_ON(inode->i_nlink == 0);
	inode->i_nlink--;
}

void clear_nlink(struct inode *inode)
{
	inode->i_nlink = 0;
}

void set_nlink(struct inode *inode, unsigned int nlink)
{
	inode->i_nlink = nlink;
}

/* Wall-clock time (CLOCK_REALTIME, from the RTC at boot), as Linux stamps inodes. */
struct timespec64 current_time(struct inode *inode)
{
	u64 ns = ktime_get_real_ns();

	return (struct timespec64){ .tv_sec = ns / NSEC_PER_SEC, .tv_nsec = ns % NSEC_PER_SEC };
}

void inode_init_owner(struct inode *inode, const struct inode *dir, umode_t mode)
{
	inode->i_uid = 0;
	inode->i_gid = 0;
	if (dir && (dir->i_mode & S_ISGID)) {
		inode->i_gid = dir->i_gid;
		if (S_ISDIR(mode))
			mode |= S_ISGID;
	}
	inode->i_mode = mode;
}


void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev)
{
	inode->i_mode = mode;
	if (S_ISCHR(mode)) {
		inode->i_fop = &def_chr_fops;
		inode->i_rdev = rdev;
	} else if (S_ISBLK(mode)) {
		inode->i_fop = &def_blk_fops;
		inode->i_rdev = rdev;
	} else if (S_ISFIFO(mode)) {
		inode->i_fop = &pipefifo_fops;
	} else {
		inode->i_fop = &no_open_fops;
		inode->i_rdev = rdev;
	}
}

void __init inode_init(void)
{
	/* Zeroed: every bucket an empty hlist. */
	inode_hashtable = alloc_large_system_hash("Inode-cache", sizeof(struct hlist_head),
						  1 << I_HASH_BITS, 14, 0, NULL, NULL, 0, 0);
	inode_cachep = kmem_cache_create("inode_cache", sizeof(struct inode), 8, SLAB_PANIC,
					 NULL);
}
