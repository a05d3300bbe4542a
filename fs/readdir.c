/* getdents64: a directory's entries as struct linux_dirent64 records in the user's buffer. */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <asm/uaccess.h>

struct linux_dirent64 {
	u64 d_ino;
	s64 d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

struct getdents_callback64 {
	struct dir_context ctx;
	struct linux_dirent64 __user *current_dir;
	struct linux_dirent64 __user *prev;
	int count;
	int error;
};

/* Appends one record; false stops the walk (buffer full: -EINVAL if it holds none). */
static bool filldir64(struct dir_context *ctx, const char *name, int namlen, loff_t offset,
		      u64 ino, unsigned int d_type)
{
	struct getdents_callback64 *buf = container_of(ctx, struct getdents_callback64, ctx);
	int reclen = ALIGN(offsetof(struct linux_dirent64, d_name) + namlen + 1, sizeof(u64));
	struct linux_dirent64 rec;
	char __user *dst;

	buf->error = -EINVAL;
	if (reclen > buf->count)
		return false;
	/* d_off of the previous record is where this one is: the position to resume at. */
	if (buf->prev && put_user(offset, &buf->prev->d_off))
		goto fault;
	rec.d_ino = ino;
	rec.d_off = 0;
	rec.d_reclen = (unsigned short)reclen;
	rec.d_type = (unsigned char)d_type;
	dst = (char __user *)buf->current_dir;
	if (copy_to_user(dst, &rec, offsetof(struct linux_dirent64, d_name)) ||
	    copy_to_user(dst + offsetof(struct linux_dirent64, d_name), name, namlen) ||
	    put_user((char)0, dst + offsetof(struct linux_dirent64, d_name) + namlen))
		goto fault;
	buf->prev = buf->current_dir;
	buf->current_dir = (struct linux_dirent64 __user *)(dst + reclen);
	buf->count -= reclen;
	buf->error = 0;
	return true;
fault:
	buf->error = -EFAULT;
	return false;
}

SYSCALL_DEFINE3(getdents64, unsigned int, fd, struct linux_dirent64 __user *, dirent,
		unsigned int, count)
{
	struct getdents_callback64 buf = {
		.ctx.actor = filldir64,
		.count = (int)min(count, (unsigned int)INT_MAX),
		.current_dir = dirent,
	};
	struct file *f;
	int error;

	if (!access_ok(dirent, count))
		return -EFAULT;
	f = fget(fd);
	if (!f)
		return -EBADF;
	mutex_lock(&f->f_pos_lock);
	error = iterate_dir(f, &buf.ctx);
	mutex_unlock(&f->f_pos_lock);
	if (error >= 0)
		error = buf.error;
	if (buf.prev) {
		/* Some records fit: that is the result; the last one's d_off is the position. */
		if (put_user(buf.ctx.pos, &buf.prev->d_off))
			error = -EFAULT;
		else
			error = (int)(min(count, (unsigned int)INT_MAX) - (unsigned int)buf.count);
	}
	fput(f);
	return error;
}
