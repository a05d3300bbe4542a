/*
 * The dentry cache: dentries hashed by (parent, name) for lookup, kept after their last
 * user on an LRU of unused entries (negative ones too: a failed lookup costs nothing the
 * second time) until prune_dcache or the LRU's limit frees the oldest. Locking: one
 * spinlock, dcache_lock, over everything (see include/linux/dcache.h); inodes are put
 * outside it, since iput may sleep.
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/buffer_head.h>
#include <linux/dcache.h>
#include <linux/sysctl.h>
#include <linux/mount.h>
#include "internal.h"

#define D_HASHBITS	10
#define D_HASHSIZE	(1U << D_HASHBITS)
/* Unused dentries kept beyond this are pruned, oldest first. */
#define DENTRY_LRU_MAX	4096

DEFINE_SPINLOCK(dcache_lock);
static struct list_head *dentry_hashtable;	/* D_HASHSIZE buckets, from dcache_init */
static LIST_HEAD(dentry_unused);
static struct kmem_cache *dentry_cache;
static long dentries_alive;		/* under dcache_lock */
static long dentries_unused;		/* on dentry_unused, under dcache_lock */

/* FNV-1a over the bytes, mixed with the salt (the parent dentry). */
u32 full_name_hash(const void *salt, const char *name, unsigned int len)
{
	u64 h = 0xcbf29ce484222325ULL ^ (unsigned long)salt;

	while (len--) {
		h ^= (unsigned char)*name++;
		h *= 0x100000001b3ULL;
	}
	return (u32)(h ^ (h >> 32));
}

static struct list_head *d_hash(u32 hash)
{
	return &dentry_hashtable[hash & (D_HASHSIZE - 1)];
}

bool d_is_dir(const struct dentry *dentry)
{
	return dentry->d_inode && S_ISDIR(dentry->d_inode->i_mode);
}

bool d_is_symlink(const struct dentry *dentry)
{
	return dentry->d_inode && S_ISLNK(dentry->d_inode->i_mode);
}

bool d_is_reg(const struct dentry *dentry)
{
	return dentry->d_inode && S_ISREG(dentry->d_inode->i_mode);
}

/* A copy of name for a dentry: inline when short, else kmalloc'd. */
static unsigned char *alloc_name(struct dentry *dentry, const struct qstr *name)
{
	unsigned char *p = dentry->d_iname;

	if (name->len >= DNAME_INLINE_LEN) {
		p = kmalloc(name->len + 1, GFP_KERNEL);
		if (!p)
			return NULL;
	}
	memcpy(p, name->name, name->len);
	p[name->len] = 0;
	return p;
}

static void free_name(struct dentry *dentry, const unsigned char *name)
{
	if (name != dentry->d_iname)
		kfree(name);
}

struct dentry *d_alloc(struct dentry *parent, const struct qstr *name)
{
	struct dentry *dentry = kmem_cache_zalloc(dentry_cache, GFP_KERNEL);

	if (!dentry)
		return NULL;
	dentry->d_name.name = alloc_name(dentry, name);
	if (!dentry->d_name.name) {
		kmem_cache_free(dentry_cache, dentry);
		return NULL;
	}
	dentry->d_name.len = name->len;
	dentry->d_name.hash = name->hash;
	dentry->d_count = 1;
	dentry->d_flags = DCACHE_UNHASHED;
	INIT_LIST_HEAD(&dentry->d_hash);
	INIT_LIST_HEAD(&dentry->d_lru);
	INIT_LIST_HEAD(&dentry->d_subdirs);
	INIT_LIST_HEAD(&dentry->d_child);
	spin_lock(&dcache_lock);
	dentries_alive++;
	if (parent) {
		parent->d_count++;
		dentry->d_parent = parent;
		dentry->d_sb = parent->d_sb;
		list_add(&dentry->d_child, &parent->d_subdirs);
	} else {
		dentry->d_parent = dentry;
	}
	spin_unlock(&dcache_lock);
	return dentry;
}

struct dentry *d_make_root(struct inode *inode)
{
	static const struct qstr slash = QSTR_INIT("/", 1);
	struct dentry *root;

	if (!inode)
		return NULL;
	root = d_alloc(NULL, &slash);
	if (!root) {
		iput(inode);
		return NULL;
	}
	root->d_sb = inode->i_sb;
	d_instantiate(root, inode);
	return root;
}

void d_instantiate(struct dentry *dentry, struct inode *inode)
{
	spin_lock(&dcache_lock);
	WARN_ON(dentry->d_inode);
	dentry->d_inode = inode;
	spin_unlock(&dcache_lock);
}

/* d_instantiate of a new inode (I_NEW), which then becomes visible to iget's waiters. */
void d_instantiate_new(struct dentry *dentry, struct inode *inode)
{
	d_instantiate(dentry, inode);
	unlock_new_inode(inode);
}

static void __d_rehash(struct dentry *dentry)
{
	if (!d_unhashed(dentry))
		return;
	list_add(&dentry->d_hash, d_hash(dentry->d_name.hash));
	dentry->d_flags &= ~DCACHE_UNHASHED;
}

void d_rehash(struct dentry *dentry)
{
	spin_lock(&dcache_lock);
	__d_rehash(dentry);
	spin_unlock(&dcache_lock);
}

void d_add(struct dentry *dentry, struct inode *inode)
{
	spin_lock(&dcache_lock);
	dentry->d_inode = inode;
	__d_rehash(dentry);
	spin_unlock(&dcache_lock);
}

static void __d_drop(struct dentry *dentry)
{
	if (d_unhashed(dentry))
		return;
	list_del_init(&dentry->d_hash);
	dentry->d_flags |= DCACHE_UNHASHED;
}

void d_drop(struct dentry *dentry)
{
	spin_lock(&dcache_lock);
	__d_drop(dentry);
	spin_unlock(&dcache_lock);
}

struct dentry *d_lookup(const struct dentry *parent, const struct qstr *name)
{
	struct list_head *head = d_hash(name->hash);
	struct dentry *dentry, *found = NULL;

	spin_lock(&dcache_lock);
	list_for_each_entry(dentry, head, d_hash) {
		if (dentry->d_parent != parent || dentry->d_name.hash != name->hash ||
		    dentry->d_name.len != name->len ||
		    memcmp(dentry->d_name.name, name->name, name->len))
			continue;
		if (dentry->d_flags & DCACHE_LRU_LIST) {
			list_del_init(&dentry->d_lru);
			dentry->d_flags &= ~DCACHE_LRU_LIST;
			dentries_unused--;
		}
		dentry->d_count++;
		found = dentry;
		break;
	}
	spin_unlock(&dcache_lock);
	return found;
}

struct dentry *dget(struct dentry *dentry)
{
	if (dentry) {
		spin_lock(&dcache_lock);
		WARN_ON(dentry->d_count <= 0);
		dentry->d_count++;
		spin_unlock(&dcache_lock);
	}
	return dentry;
}

struct dentry *dget_parent(struct dentry *dentry)
{
	struct dentry *parent;

	spin_lock(&dcache_lock);
	parent = dentry->d_parent;
	parent->d_count++;
	spin_unlock(&dcache_lock);
	return parent;
}

/*
 * Frees dentry (d_count 0, unhashed, no children), dcache_lock held and dropped; returns
 * its parent, whose reference the caller must put.
 */
static struct dentry *dentry_kill(struct dentry *dentry)
{
	struct dentry *parent = IS_ROOT(dentry) ? NULL : dentry->d_parent;
	struct inode *inode = dentry->d_inode;

	if (dentry->d_flags & DCACHE_LRU_LIST) {
		list_del_init(&dentry->d_lru);
		dentries_unused--;
	}
	list_del_init(&dentry->d_child);
	dentry->d_inode = NULL;
	dentries_alive--;
	spin_unlock(&dcache_lock);
	if (inode)
		iput(inode);
	free_name(dentry, dentry->d_name.name);
	kmem_cache_free(dentry_cache, dentry);
	return parent;
}

void dput(struct dentry *dentry)
{
	bool prune = false;

	while (dentry) {
		spin_lock(&dcache_lock);
		WARN_ON(dentry->d_count <= 0);
		if (--dentry->d_count) {
			spin_unlock(&dcache_lock);
			break;
		}
		if (d_unhashed(dentry)) {
			dentry = dentry_kill(dentry);
			continue;
		}
		list_add_tail(&dentry->d_lru, &dentry_unused);
		dentry->d_flags |= DCACHE_LRU_LIST;
		prune = ++dentries_unused > DENTRY_LRU_MAX;
		spin_unlock(&dcache_lock);
		break;
	}
	if (prune)
		prune_dcache(dentries_unused - DENTRY_LRU_MAX);
}

unsigned long prune_dcache(unsigned long count)
{
	unsigned long freed = 0;

	while (!count || freed < count) {
		struct dentry *dentry;

		spin_lock(&dcache_lock);
		dentry = list_first_entry_or_null(&dentry_unused, struct dentry, d_lru);
		if (!dentry) {
			spin_unlock(&dcache_lock);
			break;
		}
		__d_drop(dentry);
		dput(dentry_kill(dentry));
		freed++;
	}
	return freed;
}

void d_delete(struct dentry *dentry)
{
	struct inode *inode = NULL;

	spin_lock(&dcache_lock);
	if (dentry->d_count == 1) {
		inode = dentry->d_inode;
		dentry->d_inode = NULL;
	} else {
		__d_drop(dentry);
	}
	spin_unlock(&dcache_lock);
	if (inode)
		iput(inode);
}

/* The next dentry of a depth-first walk of root's subtree after this, or NULL. */
static struct dentry *d_walk_next(struct dentry *root, struct dentry *this)
{
	if (!list_empty(&this->d_subdirs))
		return list_first_entry(&this->d_subdirs, struct dentry, d_child);
	while (this != root) {
		if (this->d_child.next != &this->d_parent->d_subdirs)
			return list_entry(this->d_child.next, struct dentry, d_child);
		this = this->d_parent;
	}
	return NULL;
}

/*
 * Frees the unused dentries below root, deepest first: freeing a child may leave its
 * parent unused, so it repeats until a pass frees nothing.
 */
void shrink_dcache_parent(struct dentry *root)
{
	for (;;) {
		struct dentry *victim = NULL, *d;

		spin_lock(&dcache_lock);
		for (d = d_walk_next(root, root); d; d = d_walk_next(root, d)) {
			if (!d->d_count && list_empty(&d->d_subdirs)) {
				victim = d;
				break;
			}
		}
		if (!victim) {
			spin_unlock(&dcache_lock);
			return;
		}
		__d_drop(victim);
		dput(dentry_kill(victim));
	}
}

/*
 * ramfs's umount: drops the reference every positive dentry below root holds on itself,
 * so shrink_dcache_parent can free them.
 */
void d_genocide(struct dentry *root)
{
	spin_lock(&dcache_lock);
	for (struct dentry *d = d_walk_next(root, root); d; d = d_walk_next(root, d)) {
		/* Unhashed ones were unlinked: their pin went then. */
		if (!d->d_inode || d_unhashed(d) || d->d_count <= 0)
			continue;
		if (!--d->d_count) {
			list_add_tail(&d->d_lru, &dentry_unused);
			d->d_flags |= DCACHE_LRU_LIST;
			dentries_unused++;
		}
	}
	spin_unlock(&dcache_lock);
}

/* Gives dentry target's name (the storage is made before dcache_lock is taken). */
static void copy_name(struct dentry *dentry, const struct dentry *target,
		      unsigned char *storage)
{
	memcpy(storage, target->d_name.name, target->d_name.len + 1);
	dentry->d_name.name = storage;
	dentry->d_name.len = target->d_name.len;
	dentry->d_name.hash = target->d_name.hash;
}

/* Moves dentry under new_parent in the lists and hash; dcache_lock held. */
static void d_reparent(struct dentry *dentry, struct dentry *new_parent)
{
	list_del(&dentry->d_child);
	dentry->d_parent = new_parent;
	list_add(&dentry->d_child, &new_parent->d_subdirs);
}

void d_move(struct dentry *dentry, struct dentry *target)
{
	unsigned char *storage = dentry->d_iname;
	const unsigned char *old_name = dentry->d_name.name;
	struct dentry *old_parent;

	if (target->d_name.len >= DNAME_INLINE_LEN)
		storage = kmalloc(target->d_name.len + 1, GFP_KERNEL | __GFP_NOFAIL);
	else if (old_name == dentry->d_iname)
		old_name = NULL;
	spin_lock(&dcache_lock);
	__d_drop(dentry);
	__d_drop(target);
	copy_name(dentry, target, storage);
	old_parent = dentry->d_parent;
	target->d_parent->d_count++;
	d_reparent(dentry, target->d_parent);
	__d_rehash(dentry);
	spin_unlock(&dcache_lock);
	if (old_name)
		free_name(dentry, old_name);
	dput(old_parent);
}

void d_exchange(struct dentry *a, struct dentry *b)
{
	struct dentry tmp_a;
	unsigned char *sa = a->d_iname, *sb = b->d_iname;
	const unsigned char *oa = a->d_name.name, *ob = b->d_name.name;
	struct dentry *pa, *pb;

	if (b->d_name.len >= DNAME_INLINE_LEN)
		sa = kmalloc(b->d_name.len + 1, GFP_KERNEL | __GFP_NOFAIL);
	if (a->d_name.len >= DNAME_INLINE_LEN)
		sb = kmalloc(a->d_name.len + 1, GFP_KERNEL | __GFP_NOFAIL);
	spin_lock(&dcache_lock);
	__d_drop(a);
	__d_drop(b);
	tmp_a.d_name = a->d_name;
	memcpy(tmp_a.d_iname, a->d_iname, sizeof(tmp_a.d_iname));
	if (oa == a->d_iname)
		tmp_a.d_name.name = tmp_a.d_iname;
	copy_name(a, b, sa);
	copy_name(b, &tmp_a, sb);
	pa = a->d_parent;
	pb = b->d_parent;
	d_reparent(a, pb);
	d_reparent(b, pa);
	__d_rehash(a);
	__d_rehash(b);
	spin_unlock(&dcache_lock);
	if (oa != a->d_iname && oa != a->d_name.name)
		kfree(oa);
	if (ob != b->d_iname && ob != b->d_name.name)
		kfree(ob);
}

void d_name_copy(const struct dentry *dentry, char *buf, size_t size)
{
	spin_lock(&dcache_lock);
	strscpy(buf, (const char *)dentry->d_name.name, size);
	spin_unlock(&dcache_lock);
}

long nr_dentries(void)
{
	return READ_ONCE(dentries_alive);
}

long nr_unused_dentries(void)
{
	return READ_ONCE(dentries_unused);
}

/* The unused dentries with no inode (the negative entries lookups left). */
static long nr_negative_unused(void)
{
	struct dentry *dentry;
	long n = 0;

	spin_lock(&dcache_lock);
	list_for_each_entry(dentry, &dentry_unused, d_lru)
		n += !dentry->d_inode;
	spin_unlock(&dcache_lock);
	return n;
}

/*
 * /proc/sys/fs/dentry-state, Linux's six numbers: dentries allocated, unused, the
 * age_limit (45) and want_pages (0) Linux keeps for compatibility, negative dentries
 * (here the unused ones: an entry in use is negative only between lookup and create),
 * and a spare 0.
 */
int proc_nr_dentry(struct ctl_table *table, int write, void *buffer, size_t *lenp,
		   loff_t *ppos)
{
	if (write)
		return -EPERM;
	*lenp = (size_t)scnprintf(buffer, *lenp, "%ld\t%ld\t45\t0\t%ld\t0\n", nr_dentries(),
				  nr_unused_dentries(), nr_negative_unused());
	return 0;
}

void __init dcache_init(void)
{
	dentry_hashtable = alloc_large_system_hash("Dentry cache", sizeof(struct list_head),
						   D_HASHSIZE, 13, 0, NULL, NULL, 0, 0);
	for (unsigned int i = 0; i < D_HASHSIZE; i++)
		INIT_LIST_HEAD(&dentry_hashtable[i]);
	dentry_cache = kmem_cache_create("dentry", sizeof(struct dentry), 8, 0, NULL);
	if (!dentry_cache)
		panic("VFS: cannot make the dentry cache");
}

/* The VFS's caches and the root of the mount tree, from start_kernel. */
void __init vfs_caches_init(void)
{
	dcache_init();
	inode_init();
	buffer_init();
	files_init();
	mnt_init();
	bdev_cache_init();
	if (init_ramfs_fs())
		panic("VFS: cannot register ramfs");
}
