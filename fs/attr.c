/* Changing an inode's attributes (chmod, chown, truncate, utimes) through notify_change. */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/dcache.h>

int setattr_prepare(struct dentry *dentry, struct iattr *attr)
{
	struct inode *inode = dentry->d_inode;

	if ((attr->ia_valid & ATTR_SIZE) && !S_ISREG(inode->i_mode))
		return S_ISDIR(inode->i_mode) ? -EISDIR : -EINVAL;
	if ((attr->ia_valid & ATTR_SIZE) && attr->ia_size < 0)
		return -EINVAL;
	return 0;
}

void setattr_copy(struct inode *inode, const struct iattr *attr)
{
	unsigned int valid = attr->ia_valid;

	if (valid & ATTR_UID)
		inode->i_uid = attr->ia_uid;
	if (valid & ATTR_GID)
		inode->i_gid = attr->ia_gid;
	if (valid & ATTR_ATIME)
		inode->i_atime = attr->ia_atime;
	if (valid & ATTR_MTIME)
		inode->i_mtime = attr->ia_mtime;
	if (valid & ATTR_CTIME)
		inode->i_ctime = attr->ia_ctime;
	if (valid & ATTR_MODE)
		inode->i_mode = (inode->i_mode & S_IFMT) | (attr->ia_mode & S_IALLUGO);
}

/*
 * Applies attr to dentry's inode, whose i_rwsem the caller holds. The change time is
 * always now; ATTR_ATIME/ATTR_MTIME without their _SET mean now as well.
 */
int notify_change(struct dentry *dentry, struct iattr *attr)
{
	struct inode *inode = dentry->d_inode;
	struct timespec64 now = current_time(inode);

	attr->ia_ctime = now;
	attr->ia_valid |= ATTR_CTIME;
	if ((attr->ia_valid & ATTR_ATIME) && !(attr->ia_valid & ATTR_ATIME_SET))
		attr->ia_atime = now;
	if ((attr->ia_valid & ATTR_MTIME) && !(attr->ia_valid & ATTR_MTIME_SET))
		attr->ia_mtime = now;
	if ((attr->ia_valid & ATTR_SIZE) && attr->ia_size != i_size_read(inode))
		attr->ia_valid |= ATTR_MTIME | ATTR_CTIME;
	if ((attr->ia_valid & ATTR_SIZE) && !(attr->ia_valid & ATTR_MTIME_SET))
		attr->ia_mtime = now;
	if (inode->i_op->setattr)
		return inode->i_op->setattr(dentry, attr);
	return simple_setattr(dentry, attr);
}
