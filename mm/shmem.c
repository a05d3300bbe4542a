/*
 * Shared memory files (Linux's mm/shmem.c): tmpfs, and the unlinked files on its internal
 * mount that MAP_SHARED | MAP_ANONYMOUS maps, marked swap-backed (counted in
 * MM_SHMEMPAGES). There is no swap: a page, once made, stays until truncated or its file
 * goes. A tmpfs mount is ramfs's directories and files (fs/ramfs) with Linux's limits:
 * size= pages (default half of RAM) charged as a file gains them, nr_inodes= inodes.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/file.h>
#include <linux/mount.h>
#include <linux/dcache.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/seq_file.h>
#include <linux/shmem_fs.h>

static struct vfsmount *shm_mnt;

/*
 * The page at the fault's offset, made (zeroed, swap-backed: counted in MM_SHMEMPAGES
 * once mapped) when missing. Past the object's size is SIGBUS, as for any file.
 */
static unsigned int shmem_fault(struct vm_fault *vmf)
{
	struct inode *inode = file_inode(vmf->vma->vm_file);
	struct address_space *mapping = inode->i_mapping;
	loff_t size = i_size_read(inode);
	struct folio *folio;
	int err;

	if (vmf->pgoff >= (unsigned long)DIV_ROUND_UP(size, (loff_t)PAGE_SIZE))
		return VM_FAULT_SIGBUS;
	while (!(folio = filemap_get_folio(mapping, vmf->pgoff))) {
		/*
		 * By the VMA's policy, for Linux's shared policy of the object (whose
		 * mappings are one VMA and its fork copies, with the same policy).
		 */
		struct page *page = alloc_page_vma(GFP_HIGHUSER_MOVABLE | __GFP_ZERO, vmf->vma,
						   vmf->address);

		if (!page)
			return VM_FAULT_OOM;
		folio = page_folio(page);
		/* Before the folio is visible: a mapping counts it by PG_swapbacked. */
		__folio_set_swapbacked(folio);
		__folio_mark_uptodate(folio);
		err = filemap_add_folio(mapping, folio, vmf->pgoff, GFP_HIGHUSER_MOVABLE);
		if (!err) {
			folio_unlock(folio);
			break;	/* the allocation's reference is the fault's */
		}
		folio_put(folio);
		if (err != -EEXIST)
			return VM_FAULT_OOM;
	}
	vmf->page = &folio->page;
	return 0;
}

static const struct vm_operations_struct shmem_vm_ops = {
	.fault		= shmem_fault,
	.map_pages	= filemap_map_pages,
};

static int shmem_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &shmem_vm_ops;
	return 0;
}

static const struct file_operations shmem_file_operations = {
	.mmap		= shmem_mmap,
	.read_iter	= generic_file_read_iter,
	.llseek		= generic_file_llseek,
};

/* An open (read-write) unlinked shmem file of size bytes; ERR_PTR on failure. */
struct file *shmem_file_setup(const char *name, loff_t size)
{
	struct qstr qname = QSTR_INIT(name, strlen(name));
	struct inode *inode;
	struct file *file;
	struct path path;

	if (IS_ERR_OR_NULL(shm_mnt))
		return ERR_PTR(-ENODEV);
	inode = new_inode(shm_mnt->mnt_sb);
	if (!inode)
		return ERR_PTR(-ENOSPC);
	inode->i_mode = S_IFREG | S_IRWXUGO;
	inode->i_fop = &shmem_file_operations;
	inode->i_mapping->a_ops = &ram_aops;
	inode->i_nlink = 0;
	i_size_write(inode, size);
	path.dentry = d_alloc(shm_mnt->mnt_root, &qname);
	if (!path.dentry) {
		iput(inode);
		return ERR_PTR(-ENOMEM);
	}
	d_instantiate(path.dentry, inode);
	path.mnt = mntget(shm_mnt);
	file = alloc_empty_file(O_RDWR);
	if (!IS_ERR(file)) {
		file->f_path = path;
		path_get(&path);
		file->f_inode = inode;
		file->f_mapping = inode->i_mapping;
		file->f_op = &shmem_file_operations;
	}
	path_put(&path);
	return file;
}

/* MAP_SHARED | MAP_ANONYMOUS: the VMA becomes a mapping of a new shmem file of its size. */
int shmem_zero_setup(struct vm_area_struct *vma)
{
	struct file *file = shmem_file_setup("dev/zero", (loff_t)(vma->vm_end - vma->vm_start));

	if (IS_ERR(file))
		return (int)PTR_ERR(file);
	if (vma->vm_file)
		fput(vma->vm_file);
	vma->vm_file = file;
	vma->vm_ops = &shmem_vm_ops;
	return 0;
}

static unsigned long shmem_default_max_blocks(void)
{
	return totalram_pages() / 2;
}

/* Linux's min(totalram - highmem, totalram / 2); there is no highmem on arm64. */
static unsigned long shmem_default_max_inodes(void)
{
	return totalram_pages() / 2;
}

/* One more inode on sb: -ENOSPC past nr_inodes= (Linux's shmem_reserve_inode). */
static int shmem_reserve_inode(struct super_block *sb)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(sb);
	int err = 0;

	if (!sbinfo->max_inodes)
		return 0;
	spin_lock(&sbinfo->stat_lock);
	if (sbinfo->free_inodes)
		sbinfo->free_inodes--;
	else
		err = -ENOSPC;
	spin_unlock(&sbinfo->stat_lock);
	return err;
}

static void shmem_free_inode(struct super_block *sb)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(sb);

	if (!sbinfo->max_inodes)
		return;
	spin_lock(&sbinfo->stat_lock);
	sbinfo->free_inodes++;
	spin_unlock(&sbinfo->stat_lock);
}

/* Charges one more page of inode's to its mount: -ENOSPC past size=. */
static int shmem_inode_acct_block(struct inode *inode)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(inode->i_sb);

	if (sbinfo->max_blocks &&
	    atomic_long_add_return(1, &sbinfo->used_blocks) > (long)sbinfo->max_blocks) {
		atomic_long_sub(1, &sbinfo->used_blocks);
		return -ENOSPC;
	}
	spin_lock(&inode->i_lock);
	SHMEM_I(inode)->alloced++;
	spin_unlock(&inode->i_lock);
	return 0;
}

/* Uncharges the pages inode was charged for and no longer holds (truncated, evicted). */
static void shmem_recalc_inode(struct inode *inode)
{
	struct shmem_inode_info *info = SHMEM_I(inode);
	struct shmem_sb_info *sbinfo = SHMEM_SB(inode->i_sb);
	long freed;

	spin_lock(&inode->i_lock);
	freed = (long)info->alloced - (long)inode->i_mapping->nrpages;
	if (freed > 0)
		info->alloced -= (unsigned long)freed;
	spin_unlock(&inode->i_lock);
	if (freed > 0 && sbinfo->max_blocks)
		atomic_long_sub(freed, &sbinfo->used_blocks);
}

/* A write into a hole charges the page before it is added: -ENOSPC past size=. */
static int shmem_write_begin(struct file *file, struct address_space *mapping, loff_t pos,
			     unsigned len, struct page **pagep, void **fsdata)
{
	struct folio *folio = filemap_get_folio(mapping, (pgoff_t)(pos >> PAGE_SHIFT));
	int err;

	if (folio) {
		folio_put(folio);
		return simple_write_begin(file, mapping, pos, len, pagep, fsdata);
	}
	err = shmem_inode_acct_block(mapping->host);
	if (err)
		return err;
	err = simple_write_begin(file, mapping, pos, len, pagep, fsdata);
	if (err)
		shmem_recalc_inode(mapping->host);
	return err;
}

/* A read or fault of a hole adds a zeroed page: charged like a written one. */
static int shmem_read_folio(struct file *file, struct folio *folio)
{
	int err = shmem_inode_acct_block(folio->mapping->host);

	if (err) {
		folio_unlock(folio);
		return err;
	}
	return ram_aops.read_folio(file, folio);
}

const struct address_space_operations shmem_aops = {
	.read_folio	= shmem_read_folio,
	.write_begin	= shmem_write_begin,
	.write_end	= simple_write_end,
	.dirty_folio	= noop_dirty_folio,
};

static int shmem_setattr(struct dentry *dentry, struct iattr *attr)
{
	int err = simple_setattr(dentry, attr);

	if (!err && (attr->ia_valid & ATTR_SIZE))
		shmem_recalc_inode(dentry->d_inode);
	return err;
}

const struct inode_operations shmem_file_inode_operations = {
	.setattr	= shmem_setattr,
	.getattr	= simple_getattr,
};

static struct inode *shmem_alloc_inode(struct super_block *sb)
{
	struct shmem_inode_info *info;

	if (shmem_reserve_inode(sb))
		return NULL;
	info = kzalloc(sizeof(*info), GFP_KERNEL);
	if (!info) {
		shmem_free_inode(sb);
		return NULL;
	}
	inode_init_once(&info->vfs_inode);
	return &info->vfs_inode;
}

static void shmem_free_in_core_inode(struct inode *inode)
{
	shmem_free_inode(inode->i_sb);
	kfree(SHMEM_I(inode));
}

static void shmem_evict_inode(struct inode *inode)
{
	ramfs_evict_inode(inode);
	shmem_recalc_inode(inode);
}

static int shmem_statfs(struct dentry *dentry, struct kstatfs *buf)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(dentry->d_sb);

	buf->f_type = TMPFS_MAGIC;
	buf->f_bsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;
	if (sbinfo->max_blocks) {
		buf->f_blocks = sbinfo->max_blocks;
		buf->f_bavail = buf->f_bfree = sbinfo->max_blocks -
			(unsigned long)atomic_long_read(&sbinfo->used_blocks);
	}
	if (sbinfo->max_inodes) {
		buf->f_files = sbinfo->max_inodes;
		buf->f_ffree = sbinfo->free_inodes;
	}
	/* else 0, as simple_statfs */
	return 0;
}

/* The options /proc/mounts shows: those that differ from a plain mount's. */
static int shmem_show_options(struct seq_file *seq, struct dentry *root)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(root->d_sb);

	if (sbinfo->max_blocks != shmem_default_max_blocks())
		seq_printf(seq, ",size=%luk", sbinfo->max_blocks << (PAGE_SHIFT - 10));
	if (sbinfo->max_inodes != shmem_default_max_inodes())
		seq_printf(seq, ",nr_inodes=%lu", sbinfo->max_inodes);
	if (sbinfo->mode != (S_IRWXUGO | S_ISVTX))
		seq_printf(seq, ",mode=%03o", (unsigned int)sbinfo->mode);
	return 0;
}

static void shmem_put_super(struct super_block *sb)
{
	kfree(sb->s_fs_info);
	sb->s_fs_info = NULL;
}

static const struct super_operations shmem_ops = {
	.alloc_inode	= shmem_alloc_inode,
	.free_inode	= shmem_free_in_core_inode,
	.evict_inode	= shmem_evict_inode,
	.put_super	= shmem_put_super,
	.statfs		= shmem_statfs,
	.show_options	= shmem_show_options,
};

/* size= in bytes with K/M/G..., or N% of RAM; rounded up to pages. 0 means no limit. */
static int shmem_parse_size(const char *val, unsigned long *blocks)
{
	char *rest;
	unsigned long long size = memparse(val, &rest);

	if (*rest == '%') {
		size <<= PAGE_SHIFT;
		size *= totalram_pages();
		size /= 100;
		rest++;
	}
	if (*rest || rest == val)
		return -EINVAL;
	*blocks = (unsigned long)DIV_ROUND_UP(size, PAGE_SIZE);
	return 0;
}

/* One "key=value" of a tmpfs mount (Linux's shmem_parse_one): -EINVAL if unknown or bad. */
static int shmem_parse_one(struct shmem_sb_info *sbinfo, char *opt)
{
	char *val = strchr(opt, '=');
	char *rest;
	unsigned int mode;

	if (!val)
		return -EINVAL;
	*val++ = '\0';
	if (!strcmp(opt, "size"))
		return shmem_parse_size(val, &sbinfo->max_blocks);
	if (!strcmp(opt, "nr_inodes")) {
		sbinfo->max_inodes = (unsigned long)memparse(val, &rest);
		return *rest || rest == val ? -EINVAL : 0;
	}
	if (!strcmp(opt, "mode")) {
		if (kstrtouint(val, 8, &mode))
			return -EINVAL;
		sbinfo->mode = (umode_t)(mode & S_IALLUGO);
		return 0;
	}
	pr_err("tmpfs: Unknown parameter '%s'\n", opt);
	return -EINVAL;
}

static int shmem_parse_options(struct shmem_sb_info *sbinfo, const char *data)
{
	char *copy, *p, *opt;
	size_t len;
	int err = 0;

	if (!data)
		return 0;
	len = strlen(data) + 1;
	copy = kmalloc(len, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, data, len);
	for (p = copy; !err && (opt = strsep(&p, ",")); )
		if (*opt)
			err = shmem_parse_one(sbinfo, opt);
	kfree(copy);
	return err;
}

static int shmem_fill_super(struct super_block *sb, void *data, int silent)
{
	struct shmem_sb_info *sbinfo = kzalloc(sizeof(*sbinfo), GFP_KERNEL);
	int err;

	if (!sbinfo)
		return -ENOMEM;
	spin_lock_init(&sbinfo->stat_lock);
	sbinfo->mode = S_IRWXUGO | S_ISVTX;
	sbinfo->max_blocks = shmem_default_max_blocks();
	sbinfo->max_inodes = shmem_default_max_inodes();
	err = shmem_parse_options(sbinfo, data);
	if (err)
		goto out_free;
	sbinfo->free_inodes = sbinfo->max_inodes;
	sb->s_fs_info = sbinfo;
	sb->s_magic = TMPFS_MAGIC;
	sb->s_op = &shmem_ops;
	err = ramfs_fill_root(sb, sbinfo->mode);
	if (!err)
		return 0;
	sb->s_fs_info = NULL;	/* d_make_root put the root inode back already */
out_free:
	kfree(sbinfo);
	return err;
}

static struct dentry *shmem_mount(struct file_system_type *fs_type, int flags,
				  const char *dev_name, void *data)
{
	return mount_nodev(fs_type, flags, data, shmem_fill_super);
}

static struct file_system_type shmem_fs_type = {
	.name		= "tmpfs",
	.mount		= shmem_mount,
	.kill_sb	= kill_litter_super,
};

/* tmpfs, and its internal mount, which has no limits (as Linux's kern_mount of it). */
int __init shmem_init(void)
{
	static char no_limits[] = "size=0,nr_inodes=0";
	int err = register_filesystem(&shmem_fs_type);

	if (err)
		return err;
	shm_mnt = vfs_kern_mount(&shmem_fs_type, 0, shmem_fs_type.name, no_limits);
	return IS_ERR(shm_mnt) ? (int)PTR_ERR(shm_mnt) : 0;
}
