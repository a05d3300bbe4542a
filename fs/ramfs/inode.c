/*
 * ramfs: a file system that is only the dcache and the page cache. Every name is a
 * dentry pinned by an extra reference while it exists, every file's data pages live in
 * its page cache and nowhere else. It is the rootfs the initramfs unpacks into, and
 * tmpfs (mm/shmem.c) builds its directories and files with it, adding its own limits.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/dcache.h>
#include <linux/stat.h>
#include <linux/shmem_fs.h>

#define RAMFS_MAGIC		0x858458f6
#define RAMFS_DEFAULT_MODE	0755

static const struct inode_operations ramfs_dir_inode_operations;

static const struct file_operations ramfs_file_operations = {
	.read_iter	= generic_file_read_iter,
	.write_iter	= generic_file_write_iter,
	.llseek		= generic_file_llseek,
	.mmap		= generic_file_mmap,
	.fsync		= noop_fsync,
};

static const struct inode_operations ramfs_file_inode_operations = {
	.setattr	= simple_setattr,
	.getattr	= simple_getattr,
};

struct inode *ramfs_get_inode(struct super_block *sb, const struct inode *dir, umode_t mode,
			      dev_t dev)
{
	struct inode *inode = new_inode(sb);

	if (!inode)
		return NULL;
	inode_init_owner(inode, dir, mode);
	inode->i_mapping->a_ops = &ram_aops;
	/* Its pages are the only copy of the data: reclaim must never drop them. */
	mapping_set_unevictable(inode->i_mapping);
	switch (mode & S_IFMT) {
	case S_IFREG:
		inode->i_op = &ramfs_file_inode_operations;
		inode->i_fop = &ramfs_file_operations;
		if (sb->s_magic == TMPFS_MAGIC) {	/* its pages count against size= */
			inode->i_op = &shmem_file_inode_operations;
			inode->i_mapping->a_ops = &shmem_aops;
		}
		break;
	case S_IFDIR:
		inode->i_op = &ramfs_dir_inode_operations;
		inode->i_fop = &simple_dir_operations;
		inc_nlink(inode);	/* "." */
		break;
	case S_IFLNK:
		inode->i_op = &simple_symlink_inode_operations;
		break;
	default:
		inode->i_op = &ramfs_file_inode_operations;
		init_special_inode(inode, mode, dev);
		break;
	}
	return inode;
}

static int ramfs_mknod(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev)
{
	struct inode *inode = ramfs_get_inode(dir->i_sb, dir, mode, dev);

	if (!inode)
		return -ENOSPC;
	d_instantiate(dentry, inode);
	dget(dentry);		/* the name exists only here: pin it */
	dir->i_mtime = dir->i_ctime = current_time(dir);
	return 0;
}

static int ramfs_mkdir(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	int err = ramfs_mknod(dir, dentry, mode | S_IFDIR, 0);

	if (!err)
		inc_nlink(dir);
	return err;
}

static int ramfs_create(struct inode *dir, struct dentry *dentry, umode_t mode, bool excl)
{
	return ramfs_mknod(dir, dentry, mode | S_IFREG, 0);
}

static int ramfs_symlink(struct inode *dir, struct dentry *dentry, const char *symname)
{
	size_t len = strlen(symname);
	struct inode *inode;
	char *link;

	if (len >= PAGE_SIZE)
		return -ENAMETOOLONG;
	link = kmalloc(len + 1, GFP_KERNEL);
	if (!link)
		return -ENOSPC;
	memcpy(link, symname, len + 1);
	inode = ramfs_get_inode(dir->i_sb, dir, S_IFLNK | S_IRWXUGO, 0);
	if (!inode) {
		kfree(link);
		return -ENOSPC;
	}
	inode->i_link = link;
	i_size_write(inode, (loff_t)len);
	d_instantiate(dentry, inode);
	dget(dentry);
	dir->i_mtime = dir->i_ctime = current_time(dir);
	return 0;
}

static const struct inode_operations ramfs_dir_inode_operations = {
	.create		= ramfs_create,
	.lookup		= simple_lookup,
	.link		= simple_link,
	.unlink		= simple_unlink,
	.symlink	= ramfs_symlink,
	.mkdir		= ramfs_mkdir,
	.rmdir		= simple_rmdir,
	.mknod		= ramfs_mknod,
	.rename		= simple_rename,
	.setattr	= simple_setattr,
	.getattr	= simple_getattr,
};

void ramfs_evict_inode(struct inode *inode)
{
	truncate_inode_pages_final(&inode->i_data);
	clear_inode(inode);
	if (S_ISLNK(inode->i_mode))
		kfree(inode->i_link);
}

static const struct super_operations ramfs_ops = {
	.statfs		= simple_statfs,
	.evict_inode	= ramfs_evict_inode,
};

/* The root's mode from a "mode=OCTAL" option; other options (size=...) are accepted. */
static umode_t ramfs_parse_mode(const char *data)
{
	umode_t mode = RAMFS_DEFAULT_MODE;

	for (const char *p = data; p && *p; ) {
		if (!strncmp(p, "mode=", 5)) {
			mode = 0;
			for (p += 5; *p >= '0' && *p <= '7'; p++)
				mode = (umode_t)(mode * 8 + (*p - '0'));
			mode &= S_IALLUGO;
		}
		p = strchr(p, ',');
		if (p)
			p++;
	}
	return mode;
}

/* The root directory, of mode, of an in-memory sb whose s_magic and s_op are set. */
int ramfs_fill_root(struct super_block *sb, umode_t mode)
{
	struct inode *inode = ramfs_get_inode(sb, NULL, S_IFDIR | mode, 0);

	sb->s_root = d_make_root(inode);
	return sb->s_root ? 0 : -ENOMEM;
}

int ramfs_fill_super(struct super_block *sb, void *data, int silent)
{
	sb->s_magic = RAMFS_MAGIC;
	sb->s_op = &ramfs_ops;
	return ramfs_fill_root(sb, ramfs_parse_mode(data));
}

static struct dentry *ramfs_mount(struct file_system_type *fs_type, int flags,
				  const char *dev_name, void *data)
{
	return mount_nodev(fs_type, flags, data, ramfs_fill_super);
}

static struct file_system_type ramfs_fs_type = {
	.name		= "ramfs",
	.mount		= ramfs_mount,
	.kill_sb	= kill_litter_super,
};

int __init init_ramfs_fs(void)
{
	return register_filesystem(&ramfs_fs_type);
}
