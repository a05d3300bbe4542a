/*
 * struct file: allocation (alloc_empty_file), references (get_file, fput), and the
 * release at the last fput (__fput: the driver's release, then the path put).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/dcache.h>
#include "internal.h"

static struct kmem_cache *filp_cachep;
static long files_alive;	/* atomic */

long nr_files(void)
{
	return __atomic_load_n(&files_alive, __ATOMIC_RELAXED);
}

struct file *alloc_empty_file(int flags)
{
	struct file *f = kmem_cache_zalloc(filp_cachep, GFP_KERNEL);

	if (!f)
		return ERR_PTR(-ENFILE);
	f->f_count = 1;
	f->f_flags = (unsigned int)flags;
	f->f_mode = open_flags_to_fmode(flags);
	mutex_init(&f->f_pos_lock);
	__atomic_fetch_add(&files_alive, 1, __ATOMIC_RELAXED);
	return f;
}

struct file *get_file(struct file *f)
{
	WARN_ON(__atomic_fetch_add(&f->f_count, 1, __ATOMIC_RELAXED) < 1);
	return f;
}

static void __fput(struct file *file)
{
	struct inode *inode = file->f_inode;

	if (file->f_op && file->f_op->release)
		file->f_op->release(inode, file);
	path_put(&file->f_path);
	__atomic_fetch_sub(&files_alive, 1, __ATOMIC_RELAXED);
	kmem_cache_free(filp_cachep, file);
}

/* The last reference releases the file at once: there is no deferred (task_work) fput. */
void fput(struct file *file)
{
	if (__atomic_sub_fetch(&file->f_count, 1, __ATOMIC_ACQ_REL) == 0)
		__fput(file);
}

void __init files_init(void)
{
	filp_cachep = kmem_cache_create("filp", sizeof(struct file), 8, SLAB_PANIC, NULL);
}
