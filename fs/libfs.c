/*
 * Helpers for file systems that keep everything in the dcache and page cache (ramfs,
 * devtmpfs): lookups that only make negative entries, link counting for link, unlink,
 * rmdir and rename, and directory reading through a cursor dentry kept in the
 * directory's d_subdirs, so entries removed during a readdir do not make it skip others.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/stat.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/string.h>
#include <linux/writeback.h>
#include <linux/buffer_head.h>

int simple_getattr(const struct path *path, struct kstat *stat, u32 request_mask,
		   unsigned int flags)
{
	struct inode *inode = path->dentry->d_inode;

	generic_fillattr(inode, stat);
	/* The pages are the file's storage: they are its blocks (Linux's rule). */
	stat->blocks = inode->i_mapping->nrpages << (PAGE_SHIFT - 9);
	return 0;
}

/* A name the dcache did not know: it does not exist (a negative entry is cached). */
struct dentry *simple_lookup(struct inode *dir, struct dentry *dentry, unsigned int flags)
{
	if (dentry->d_name.len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	d_add(dentry, NULL);
	return NULL;
}

static void touch_dir(struct inode *dir, struct inode *inode)
{
	struct timespec64 now = current_time(dir);

	dir->i_ctime = dir->i_mtime = now;
	if (inode)
		inode->i_ctime = now;
}

int simple_link(struct dentry *old_dentry, struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = old_dentry->d_inode;

	touch_dir(dir, inode);
	inc_nlink(inode);
	ihold(inode);
	dget(dentry);		/* the name lives only in the dcache: pin it */
	d_instantiate(dentry, inode);
	return 0;
}

int simple_empty(struct dentry *dentry)
{
	struct dentry *child;
	int ret = 1;

	spin_lock(&dcache_lock);
	list_for_each_entry(child, &dentry->d_subdirs, d_child) {
		if (child->d_inode && !d_unhashed(child)) {
			ret = 0;
			break;
		}
	}
	spin_unlock(&dcache_lock);
	return ret;
}

int simple_unlink(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = dentry->d_inode;

	touch_dir(dir, inode);
	drop_nlink(inode);
	dput(dentry);		/* simple_link's and the creator's pin */
	return 0;
}

int simple_rmdir(struct inode *dir, struct dentry *dentry)
{
	if (!simple_empty(dentry))
		return -ENOTEMPTY;
	drop_nlink(dentry->d_inode);
	simple_unlink(dir, dentry);
	drop_nlink(dir);
	return 0;
}

static int simple_rename_exchange(struct inode *old_dir, struct dentry *old_dentry,
				  struct inode *new_dir, struct dentry *new_dentry)
{
	bool old_is_dir = d_is_dir(old_dentry), new_is_dir = d_is_dir(new_dentry);

	if (old_dir != new_dir && old_is_dir != new_is_dir) {
		if (old_is_dir) {
			drop_nlink(old_dir);
			inc_nlink(new_dir);
		} else {
			drop_nlink(new_dir);
			inc_nlink(old_dir);
		}
	}
	touch_dir(old_dir, old_dentry->d_inode);
	touch_dir(new_dir, new_dentry->d_inode);
	return 0;
}

int simple_rename(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
		  struct dentry *new_dentry, unsigned int flags)
{
	bool they_are_dirs = d_is_dir(old_dentry);

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE))
		return -EINVAL;
	if (flags & RENAME_EXCHANGE)
		return simple_rename_exchange(old_dir, old_dentry, new_dir, new_dentry);
	if (new_dentry->d_inode) {
		if (they_are_dirs && !simple_empty(new_dentry))
			return -ENOTEMPTY;
		simple_unlink(new_dir, new_dentry);
		if (they_are_dirs) {
			drop_nlink(new_dentry->d_inode);
			drop_nlink(old_dir);
		}
	} else if (they_are_dirs) {
		drop_nlink(old_dir);
		inc_nlink(new_dir);
	}
	touch_dir(old_dir, old_dentry->d_inode);
	touch_dir(new_dir, NULL);
	return 0;
}

int simple_setattr(struct dentry *dentry, struct iattr *iattr)
{
	struct inode *inode = dentry->d_inode;
	int err = setattr_prepare(dentry, iattr);

	if (err)
		return err;
	if (iattr->ia_valid & ATTR_SIZE)
		truncate_setsize(inode, iattr->ia_size);
	setattr_copy(inode, iattr);
	return 0;
}

int dcache_dir_open(struct inode *inode, struct file *file)
{
	static const struct qstr cursor_name = QSTR_INIT(".", 1);

	file->private_data = d_alloc(file->f_path.dentry, &cursor_name);
	return file->private_data ? 0 : -ENOMEM;
}

int dcache_dir_close(struct inode *inode, struct file *file)
{
	dput(file->private_data);
	return 0;
}

/* The first positive, hashed entry after pos in dentry's children, with a reference. */
static struct dentry *scan_positives(struct dentry *dentry, struct list_head *pos)
{
	struct dentry *found = NULL, *child;

	spin_lock(&dcache_lock);
	for (pos = pos->next; pos != &dentry->d_subdirs; pos = pos->next) {
		child = list_entry(pos, struct dentry, d_child);
		if (child->d_inode && !d_unhashed(child)) {
			child->d_count++;
			found = child;
			break;
		}
	}
	spin_unlock(&dcache_lock);
	return found;
}

static void move_cursor(struct dentry *cursor, struct list_head *after)
{
	spin_lock(&dcache_lock);
	list_move(&cursor->d_child, after);
	spin_unlock(&dcache_lock);
}

loff_t dcache_dir_lseek(struct file *file, loff_t offset, int whence)
{
	struct dentry *dentry = file->f_path.dentry, *cursor = file->private_data, *next;
	struct list_head *pos = &dentry->d_subdirs;

	if (whence == SEEK_CUR)
		offset += file->f_pos;
	else if (whence != SEEK_SET)
		return -EINVAL;
	if (offset < 0)
		return -EINVAL;
	inode_lock_shared(dentry->d_inode);
	for (loff_t n = offset - 2; n > 0; n--) {
		next = scan_positives(dentry, pos);
		if (!next)
			break;
		pos = &next->d_child;
		dput(next);
	}
	move_cursor(cursor, pos);
	inode_unlock_shared(dentry->d_inode);
	file->f_pos = offset;
	return offset;
}

static bool dir_emit_dots(struct file *file, struct dir_context *ctx)
{
	struct dentry *dentry = file->f_path.dentry;

	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", 1, dentry->d_inode->i_ino, DT_DIR))
			return false;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		struct dentry *parent = dget_parent(dentry);
		bool ok = dir_emit(ctx, "..", 2, parent->d_inode->i_ino, DT_DIR);

		dput(parent);
		if (!ok)
			return false;
		ctx->pos = 2;
	}
	return true;
}

int dcache_readdir(struct file *file, struct dir_context *ctx)
{
	struct dentry *dentry = file->f_path.dentry, *cursor = file->private_data, *next;

	if (!dir_emit_dots(file, ctx))
		return 0;
	if (ctx->pos == 2)
		move_cursor(cursor, &dentry->d_subdirs);
	while ((next = scan_positives(dentry, &cursor->d_child))) {
		struct inode *inode = next->d_inode;
		bool ok = dir_emit(ctx, (const char *)next->d_name.name, (int)next->d_name.len,
				   inode->i_ino, fs_umode_to_dtype(inode->i_mode));

		if (ok) {
			move_cursor(cursor, &next->d_child);
			ctx->pos++;
		}
		dput(next);
		if (!ok)
			break;
	}
	return 0;
}

ssize_t generic_read_dir(struct kiocb *iocb, struct iov_iter *to)
{
	return -EISDIR;
}

/* ->statfs of a file system with no size of its own: its magic, the page, NAME_MAX. */
int simple_statfs(struct dentry *dentry, struct kstatfs *buf)
{
	buf->f_type = (long)dentry->d_sb->s_magic;
	buf->f_bsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;
	return 0;
}

int noop_fsync(struct file *file, loff_t start, loff_t end, int datasync)
{
	return 0;
}

/* A page of a file held only in the page cache that was never written: zeroes. */
static int simple_read_folio(struct file *file, struct folio *folio)
{
	memset(folio_address(folio), 0, folio_size(folio));
	folio_mark_uptodate(folio);
	folio_unlock(folio);
	return 0;
}

int simple_write_begin(struct file *file, struct address_space *mapping, loff_t pos,
		       unsigned len, struct page **pagep, void **fsdata)
{
	struct page *page = grab_cache_page_write_begin(mapping, (pgoff_t)(pos >> PAGE_SHIFT));

	if (!page)
		return -ENOMEM;
	*pagep = page;
	/*
	 * A new page is zeroed, a hole's content: up to date now, so a fault on it (the
	 * copy's source may be a mapping of this very page) does not wait for our lock.
	 */
	if (!PageUptodate(page))
		folio_mark_uptodate(page_folio(page));
	return 0;
}

int simple_write_end(struct file *file, struct address_space *mapping, loff_t pos,
		     unsigned len, unsigned copied, struct page *page, void *fsdata)
{
	struct inode *inode = page->mapping->host;
	loff_t last_pos = pos + copied;

	/* i_rwsem held: no one else changes i_size now. */
	if (last_pos > inode->i_size)
		i_size_write(inode, last_pos);
	set_page_dirty(page);
	unlock_page(page);
	put_page(page);
	return (int)copied;
}

const struct address_space_operations ram_aops = {
	.read_folio	= simple_read_folio,
	.write_begin	= simple_write_begin,
	.write_end	= simple_write_end,
	.dirty_folio	= noop_dirty_folio,
};

/*
 * __generic_file_fsync - fsync for simple disk file systems
 * Writes and waits for the range's pages, then the inode (all of it for fsync, what
 * fdatasync needs otherwise). Return: 0 or the first error.
 */
int __generic_file_fsync(struct file *file, loff_t start, loff_t end, int datasync)
{
	struct inode *inode = file->f_mapping->host;
	int err, ret;

	err = file_write_and_wait_range(file, start, end);
	if (err)
		return err;
	inode_lock(inode);
	ret = sync_mapping_buffers(inode->i_mapping);
	if (!(inode->i_state & I_DIRTY_ALL))
		goto out;
	if (datasync && !(inode->i_state & I_DIRTY_DATASYNC))
		goto out;
	err = sync_inode_metadata(inode, 1);
	if (!ret)
		ret = err;
out:
	inode_unlock(inode);
	err = filemap_check_errors(inode->i_mapping);
	return ret ? ret : err;
}

const struct file_operations simple_dir_operations = {
	.open		= dcache_dir_open,
	.release	= dcache_dir_close,
	.llseek		= dcache_dir_lseek,
	.read_iter	= generic_read_dir,
	.iterate_shared	= dcache_readdir,
	.fsync		= noop_fsync,
};

const char *simple_get_link(struct dentry *dentry, struct inode *inode)
{
	return inode->i_link;
}

const struct inode_operations simple_symlink_inode_operations = {
	.get_link	= simple_get_link,
};
