/*
 * Reading, writing and seeking an open file: the checks every path shares (mode, count,
 * position) around the file's read_iter/write_iter, for the kernel (kernel_read,
 * kernel_write) and, through an iov_iter of user segments, for the syscalls.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/uio.h>
#include <linux/file.h>
#include <linux/slab.h>
#include <linux/sched/signal.h>
#include <linux/syscalls.h>
#include <asm/uaccess.h>
#include "internal.h"

/* The most one call moves, as Linux's MAX_RW_COUNT: INT_MAX rounded down to a page. */
#define MAX_RW_COUNT	(INT_MAX & PAGE_MASK)

static int rw_verify_area(struct file *file, const loff_t *ppos, size_t count)
{
	if (ppos && *ppos < 0 && !(file->f_mode & FMODE_STREAM))
		return -EINVAL;
	if (ppos && count && *ppos + (loff_t)count < *ppos)
		return -EINVAL;
	return 0;
}

static ssize_t call_iter(struct file *file, struct iov_iter *iter, loff_t *ppos, bool write)
{
	struct kiocb kiocb = { .ki_filp = file, .ki_pos = ppos ? *ppos : 0 };
	ssize_t ret;

	if (write && (file->f_flags & O_APPEND))
		kiocb.ki_flags |= IOCB_APPEND;
	if (file->f_flags & O_NONBLOCK)
		kiocb.ki_flags |= IOCB_NOWAIT;
	if (file->f_flags & O_DSYNC)
		kiocb.ki_flags |= IOCB_DSYNC;
	if (file->f_flags & __O_SYNC)
		kiocb.ki_flags |= IOCB_SYNC;
	ret = write ? file->f_op->write_iter(&kiocb, iter) : file->f_op->read_iter(&kiocb, iter);
	if (ppos)
		*ppos = kiocb.ki_pos;
	return ret;
}

/* The checks a read or write shares before the file's read_iter or write_iter. */
static ssize_t vfs_iter_rw(struct file *file, struct iov_iter *iter, loff_t *ppos, bool write)
{
	size_t count = iov_iter_count(iter);
	int err;

	if (!(file->f_mode & (write ? FMODE_WRITE : FMODE_READ)))
		return -EBADF;
	if (!file->f_op || !(write ? file->f_op->write_iter : file->f_op->read_iter))
		return -EINVAL;
	err = rw_verify_area(file, ppos, count);
	if (err)
		return err;
	if (!count)
		return 0;
	return call_iter(file, iter, ppos, write);
}

ssize_t vfs_iter_read(struct file *file, struct iov_iter *iter, loff_t *ppos)
{
	return vfs_iter_rw(file, iter, ppos, false);
}

ssize_t vfs_iter_write(struct file *file, struct iov_iter *iter, loff_t *ppos)
{
	return vfs_iter_rw(file, iter, ppos, true);
}

ssize_t kernel_read(struct file *file, void *buf, size_t count, loff_t *pos)
{
	struct kvec iov = { .iov_base = buf, .iov_len = min_t(size_t, count, MAX_RW_COUNT) };
	struct iov_iter iter;

	iov_iter_kvec(&iter, READ, &iov, 1, iov.iov_len);
	return vfs_iter_read(file, &iter, pos);
}

ssize_t kernel_write(struct file *file, const void *buf, size_t count, loff_t *pos)
{
	struct kvec iov = { .iov_base = (void *)buf,
			    .iov_len = min_t(size_t, count, MAX_RW_COUNT) };
	struct iov_iter iter;

	iov_iter_kvec(&iter, WRITE, &iov, 1, iov.iov_len);
	return vfs_iter_write(file, &iter, pos);
}

static loff_t vfs_setpos(struct file *file, loff_t offset, loff_t maxsize)
{
	if (offset < 0 || offset > maxsize)
		return -EINVAL;
	file->f_pos = offset;
	return offset;
}

/* SEEK_SET/CUR/END, and SEEK_DATA/SEEK_HOLE as if the file had no holes. */
loff_t generic_file_llseek(struct file *file, loff_t offset, int whence)
{
	loff_t size = i_size_read(file_inode(file));

	switch (whence) {
	case SEEK_SET:
		break;
	case SEEK_END:
		offset += size;
		break;
	case SEEK_CUR:
		if (!offset)
			return file->f_pos;
		offset += file->f_pos;
		break;
	case SEEK_DATA:
		if (offset < 0 || offset >= size)
			return -ENXIO;
		break;
	case SEEK_HOLE:
		if (offset < 0 || offset >= size)
			return -ENXIO;
		offset = size;
		break;
	default:
		return -EINVAL;
	}
	return vfs_setpos(file, offset, MAX_LFS_FILESIZE);
}

/* For files where position means nothing (null, zero): every seek succeeds at 0. */
loff_t noop_llseek(struct file *file, loff_t offset, int whence)
{
	return file->f_pos;
}

loff_t no_llseek(struct file *file, loff_t offset, int whence)
{
	return -ESPIPE;
}

/* SEEK_SET and SEEK_CUR anywhere, for devices without a size. */
loff_t default_llseek(struct file *file, loff_t offset, int whence)
{
	if (whence == SEEK_CUR)
		offset += file->f_pos;
	else if (whence != SEEK_SET)
		return -EINVAL;
	return vfs_setpos(file, offset, MAX_LFS_FILESIZE);
}

loff_t vfs_llseek(struct file *file, loff_t offset, int whence)
{
	if (!(file->f_mode & FMODE_LSEEK))
		return -ESPIPE;
	if (!file->f_op || !file->f_op->llseek)
		return default_llseek(file, offset, whence);
	return file->f_op->llseek(file, offset, whence);
}

int iterate_dir(struct file *file, struct dir_context *ctx)
{
	struct inode *inode = file_inode(file);
	int err = -ENOTDIR;

	if (!file->f_op || !file->f_op->iterate_shared)
		return err;
	inode_lock_shared(inode);
	err = -ENOENT;
	if (!IS_DEADDIR(inode)) {
		ctx->pos = file->f_pos;
		err = file->f_op->iterate_shared(file, ctx);
		file->f_pos = ctx->pos;
	}
	inode_unlock_shared(inode);
	return err;
}

/* ---- the syscalls ------------------------------------------------------------------ */

/*
 * The user's iovec array into *iovp (kmalloc'd beyond fast, which holds small arrays)
 * and iter over it: -EINVAL for too many segments or a total past SSIZE_MAX, -EFAULT.
 */
static ssize_t import_iovec(int type, const struct iovec __user *uvec, unsigned long nr_segs,
			    struct iovec *fast, unsigned int fast_segs, struct iovec **iovp,
			    struct iov_iter *i)
{
	struct iovec *iov = fast;
	size_t total = 0;

	*iovp = NULL;
	if (nr_segs > UIO_MAXIOV)
		return -EINVAL;
	if (nr_segs > fast_segs) {
		iov = kmalloc_array(nr_segs, sizeof(*iov), GFP_KERNEL);
		if (!iov)
			return -ENOMEM;
		*iovp = iov;
	}
	if (copy_from_user(iov, uvec, nr_segs * sizeof(*iov)))
		goto fault;
	for (unsigned long seg = 0; seg < nr_segs; seg++) {
		size_t len = iov[seg].iov_len;

		if ((ssize_t)len < 0)
			goto inval;
		if (!access_ok(iov[seg].iov_base, len))
			goto fault;
		if (len > MAX_RW_COUNT - total)
			iov[seg].iov_len = len = MAX_RW_COUNT - total;
		total += len;
	}
	iov_iter_init(i, type, iov, nr_segs, total);
	return (ssize_t)total;
fault:
	kfree(*iovp);
	*iovp = NULL;
	return -EFAULT;
inval:
	kfree(*iovp);
	*iovp = NULL;
	return -EINVAL;
}

/* Locks f_pos for files whose position readers and writers share. */
static loff_t *file_pos_lock(struct file *f, loff_t *pos_copy)
{
	if (f->f_mode & FMODE_STREAM)
		return NULL;
	if (f->f_mode & FMODE_ATOMIC_POS)
		mutex_lock(&f->f_pos_lock);
	*pos_copy = f->f_pos;
	return pos_copy;
}

static void file_pos_unlock(struct file *f, loff_t *ppos)
{
	if (!ppos)
		return;
	f->f_pos = *ppos;
	if (f->f_mode & FMODE_ATOMIC_POS)
		mutex_unlock(&f->f_pos_lock);
}

/* read/write/readv/writev at the file position (pos NULL) or pread/pwrite at *pos. */
static ssize_t do_iter_rw(unsigned int fd, struct iov_iter *iter, loff_t *pos, bool write)
{
	struct file *f = fget(fd);
	loff_t tmp, *ppos = pos;
	ssize_t ret;

	if (!f)
		return -EBADF;
	if (pos && !(f->f_mode & (write ? FMODE_PWRITE : FMODE_PREAD))) {
		fput(f);
		return -ESPIPE;
	}
	if (!pos)
		ppos = file_pos_lock(f, &tmp);
	ret = write ? vfs_iter_write(f, iter, ppos) : vfs_iter_read(f, iter, ppos);
	if (!pos)
		file_pos_unlock(f, ppos);
	fput(f);
	return ret;
}

static ssize_t do_rw(unsigned int fd, char __user *buf, size_t count, loff_t *pos, bool write)
{
	struct iovec iov = { .iov_base = buf, .iov_len = min_t(size_t, count, MAX_RW_COUNT) };
	struct iov_iter iter;

	if ((ssize_t)count < 0)
		return -EINVAL;
	if (!access_ok(buf, iov.iov_len))
		return -EFAULT;
	iov_iter_init(&iter, write ? WRITE : READ, &iov, 1, iov.iov_len);
	return do_iter_rw(fd, &iter, pos, write);
}

static ssize_t do_rwv(unsigned long fd, const struct iovec __user *vec, unsigned long vlen,
		      loff_t *pos, bool write)
{
	struct iovec fast[8], *iov;
	struct iov_iter iter;
	ssize_t ret;

	ret = import_iovec(write ? WRITE : READ, vec, vlen, fast, ARRAY_SIZE(fast), &iov, &iter);
	if (ret < 0)
		return ret;
	ret = do_iter_rw((unsigned int)fd, &iter, pos, write);
	kfree(iov);
	return ret;
}

SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf, size_t, count)
{
	return do_rw(fd, buf, count, NULL, false);
}

SYSCALL_DEFINE3(write, unsigned int, fd, const char __user *, buf, size_t, count)
{
	return do_rw(fd, (char __user *)buf, count, NULL, true);
}

SYSCALL_DEFINE4(pread64, unsigned int, fd, char __user *, buf, size_t, count, loff_t, pos)
{
	if (pos < 0)
		return -EINVAL;
	return do_rw(fd, buf, count, &pos, false);
}

SYSCALL_DEFINE4(pwrite64, unsigned int, fd, const char __user *, buf, size_t, count,
		loff_t, pos)
{
	if (pos < 0)
		return -EINVAL;
	return do_rw(fd, (char __user *)buf, count, &pos, true);
}

SYSCALL_DEFINE3(readv, unsigned long, fd, const struct iovec __user *, vec,
		unsigned long, vlen)
{
	return do_rwv(fd, vec, vlen, NULL, false);
}

SYSCALL_DEFINE3(writev, unsigned long, fd, const struct iovec __user *, vec,
		unsigned long, vlen)
{
	return do_rwv(fd, vec, vlen, NULL, true);
}

SYSCALL_DEFINE4(preadv, unsigned long, fd, const struct iovec __user *, vec,
		unsigned long, vlen, loff_t, pos)
{
	if (pos < 0)
		return -EINVAL;
	return do_rwv(fd, vec, vlen, &pos, false);
}

SYSCALL_DEFINE4(pwritev, unsigned long, fd, const struct iovec __user *, vec,
		unsigned long, vlen, loff_t, pos)
{
	if (pos < 0)
		return -EINVAL;
	return do_rwv(fd, vec, vlen, &pos, true);
}

/* ---- sendfile and copy_file_range: a page of kernel memory between two files ------- */

/*
 * Moves up to len bytes from in at *ppos to out at *opos (NULL: a pipe, which has no
 * position), a page at a time, as Linux's splice through its internal pipe: what out
 * took is what counts, and *ppos advances by it. The bytes moved, or the first error
 * when none were (-EAGAIN from a full O_NONBLOCK pipe, a signal's restart).
 */
static ssize_t copy_through_page(struct file *in, loff_t *ppos, struct file *out, loff_t *opos,
				 size_t len)
{
	char *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	ssize_t done = 0, ret = 0;

	if (!buf)
		return -ENOMEM;
	while (len) {
		loff_t rpos = *ppos;
		ssize_t n = kernel_read(in, buf, min_t(size_t, len, PAGE_SIZE), &rpos);

		ret = n;
		if (n <= 0)
			break;
		ret = kernel_write(out, buf, (size_t)n, opos);
		if (ret <= 0)
			break;
		*ppos += ret;
		done += ret;
		len -= (size_t)ret;
		if (ret < n || signal_pending(current))
			break;
	}
	kfree(buf);
	return done ? done : ret;
}

/*
 * sendfile: in must be a regular file (Linux splices only from files with splice_read:
 * -EINVAL for a pipe, a device, a directory); out any writable file but an O_APPEND one.
 * The position used is *ppos (in's own is left alone) or in's f_pos.
 */
static ssize_t do_sendfile(int out_fd, int in_fd, loff_t *ppos, size_t count)
{
	struct file *in = fget((unsigned int)in_fd), *out;
	loff_t pos, out_pos, *opos = NULL;
	ssize_t ret = -EBADF;

	if (!in)
		return -EBADF;
	if (!(in->f_mode & FMODE_READ))
		goto put_in;
	ret = -ESPIPE;
	if (ppos && !(in->f_mode & FMODE_PREAD))
		goto put_in;
	pos = ppos ? *ppos : in->f_pos;
	ret = rw_verify_area(in, &pos, count);
	if (ret)
		goto put_in;
	count = min_t(size_t, count, MAX_RW_COUNT);
	ret = -EBADF;
	out = fget((unsigned int)out_fd);
	if (!out)
		goto put_in;
	if (!(out->f_mode & FMODE_WRITE))
		goto put_out;
	ret = -EINVAL;
	if (!S_ISREG(file_inode(in)->i_mode))
		goto put_out;
	if (out->f_op != &pipefifo_fops) {
		if (out->f_flags & O_APPEND)
			goto put_out;
		out_pos = out->f_pos;
		ret = rw_verify_area(out, &out_pos, count);
		if (ret)
			goto put_out;
		opos = &out_pos;
	}
	ret = copy_through_page(in, &pos, out, opos, count);
	if (ret > 0) {
		if (ppos)
			*ppos = pos;
		else
			in->f_pos = pos;
		if (opos)
			out->f_pos = out_pos;
	}
put_out:
	fput(out);
put_in:
	fput(in);
	return ret;
}

SYSCALL_DEFINE4(sendfile64, int, out_fd, int, in_fd, loff_t __user *, offset, size_t, count)
{
	loff_t pos;
	ssize_t ret;

	if (!offset)
		return do_sendfile(out_fd, in_fd, NULL, count);
	if (copy_from_user(&pos, offset, sizeof(pos)))
		return -EFAULT;
	ret = do_sendfile(out_fd, in_fd, &pos, count);
	if (put_user(pos, offset))
		return -EFAULT;
	return ret;
}

/*
 * Linux's generic_copy_file_checks for file systems without a copy_file_range of their
 * own (none here): regular files on one super block, in readable, out writable and not
 * O_APPEND, len cut at in's end, and no overlap within one file.
 */
static int copy_file_checks(struct file *in, loff_t pos_in, struct file *out, loff_t pos_out,
			    size_t *len)
{
	struct inode *inode_in = file_inode(in), *inode_out = file_inode(out);
	loff_t size_in = i_size_read(inode_in);
	u64 count = *len;

	if (S_ISDIR(inode_in->i_mode) || S_ISDIR(inode_out->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode_in->i_mode) || !S_ISREG(inode_out->i_mode))
		return -EINVAL;
	if (!(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE) ||
	    (out->f_flags & O_APPEND))
		return -EBADF;
	if (inode_in->i_sb != inode_out->i_sb)
		return -EXDEV;
	if ((loff_t)(pos_in + count) < pos_in || (loff_t)(pos_out + count) < pos_out)
		return -EOVERFLOW;
	count = pos_in >= size_in ? 0 : min(count, (u64)(size_in - pos_in));
	if (inode_in == inode_out && pos_out + (loff_t)count > pos_in &&
	    pos_out < pos_in + (loff_t)count)
		return -EINVAL;
	*len = (size_t)count;
	return 0;
}

static ssize_t vfs_copy_file_range(struct file *in, loff_t *pos_in, struct file *out,
				   loff_t *pos_out, size_t len)
{
	ssize_t ret = copy_file_checks(in, *pos_in, out, *pos_out, &len);

	if (!ret)
		ret = rw_verify_area(in, pos_in, len);
	if (!ret)
		ret = rw_verify_area(out, pos_out, len);
	if (ret || !len)
		return ret;
	return copy_through_page(in, pos_in, out, pos_out, min_t(size_t, len, MAX_RW_COUNT));
}

/* A position from user memory (off) or the file's; written back where it came from. */
static int get_copy_pos(struct file *f, const loff_t __user *off, loff_t *pos)
{
	if (!off) {
		*pos = f->f_pos;
		return 0;
	}
	return copy_from_user(pos, off, sizeof(*pos)) ? -EFAULT : 0;
}

static int put_copy_pos(struct file *f, loff_t __user *off, loff_t pos)
{
	if (!off) {
		f->f_pos = pos;
		return 0;
	}
	return put_user(pos, off);
}

SYSCALL_DEFINE6(copy_file_range, int, fd_in, loff_t __user *, off_in, int, fd_out,
		loff_t __user *, off_out, size_t, len, unsigned int, flags)
{
	struct file *in = fget((unsigned int)fd_in), *out;
	loff_t pos_in, pos_out;
	ssize_t ret = -EBADF;

	if (!in)
		return -EBADF;
	out = fget((unsigned int)fd_out);
	if (!out)
		goto put_in;
	ret = get_copy_pos(in, off_in, &pos_in);
	if (!ret)
		ret = get_copy_pos(out, off_out, &pos_out);
	if (!ret && flags)
		ret = -EINVAL;
	if (!ret)
		ret = vfs_copy_file_range(in, &pos_in, out, &pos_out, len);
	if (ret > 0 && (put_copy_pos(in, off_in, pos_in) || put_copy_pos(out, off_out, pos_out)))
		ret = -EFAULT;
	fput(out);
put_in:
	fput(in);
	return ret;
}

SYSCALL_DEFINE3(lseek, unsigned int, fd, off_t, offset, unsigned int, whence)
{
	struct file *f;
	loff_t ret;

	if (whence > SEEK_HOLE)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	if (f->f_mode & FMODE_ATOMIC_POS)
		mutex_lock(&f->f_pos_lock);
	ret = vfs_llseek(f, offset, (int)whence);
	if (f->f_mode & FMODE_ATOMIC_POS)
		mutex_unlock(&f->f_pos_lock);
	fput(f);
	return ret;
}
