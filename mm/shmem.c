/*
 * Shared memory files (Linux's mm/shmem.c, the part MAP_SHARED | MAP_ANONYMOUS needs):
 * an unlinked file on the internal shm mount whose pages live only in its page cache,
 * marked swap-backed (counted in MM_SHMEMPAGES). There is no swap: a page, once made by
 * a fault, stays until the file goes (its last mapping, fork children included).
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

static struct dentry *shmem_mount(struct file_system_type *fs_type, int flags,
				  const char *dev_name, void *data)
{
	return mount_nodev(fs_type, flags, data, ramfs_fill_super);
}

/*
 * Only the internal mount, never registered: user mounts of "tmpfs" are ramfs's
 * (fs/ramfs), and /proc/filesystems lists that one.
 */
static struct file_system_type shmem_fs_type = {
	.name		= "tmpfs",
	.mount		= shmem_mount,
	.kill_sb	= kill_litter_super,
};

int __init shmem_init(void)
{
	shm_mnt = kern_mount(&shmem_fs_type);
	return IS_ERR(shm_mnt) ? (int)PTR_ERR(shm_mnt) : 0;
}
