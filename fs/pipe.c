/*
 * Pipes and FIFOs, with Linux's semantics: a ring of PIPE_DEF_BUFFERS pages (64 KiB);
 * a write of at most PIPE_BUF bytes lands in one buffer whole (merged into the last one
 * only if it fits there), so it is never interleaved with another; writing with no
 * reader left is SIGPIPE and -EPIPE; reading with no writer left and nothing buffered is
 * end of file. Anonymous pipes (pipe2) live on an internal pipefs mount; FIFOs are
 * inodes of any file system whose i_pipe is made at the first open.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/log2.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/mount.h>
#include <linux/dcache.h>
#include <linux/poll.h>
#include <linux/pipe_fs_i.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/syscalls.h>
#include <asm/uaccess.h>

static struct vfsmount *pipe_mnt;
/* Covers inode->i_pipe of every inode and pipe->files (Linux: the inode's i_lock). */
static DEFINE_SPINLOCK(pipe_files_lock);

static struct pipe_inode_info *alloc_pipe_info(void)
{
	struct pipe_inode_info *pipe = kzalloc(sizeof(*pipe), GFP_KERNEL);

	if (!pipe)
		return NULL;
	pipe->bufs = kcalloc(PIPE_DEF_BUFFERS, sizeof(struct pipe_buffer), GFP_KERNEL);
	if (!pipe->bufs) {
		kfree(pipe);
		return NULL;
	}
	pipe->ring_size = PIPE_DEF_BUFFERS;
	mutex_init(&pipe->mutex);
	init_waitqueue_head(&pipe->rd_wait);
	init_waitqueue_head(&pipe->wr_wait);
	return pipe;
}

static void free_pipe_info(struct pipe_inode_info *pipe)
{
	for (unsigned int i = pipe->tail; i != pipe->head; i++)
		put_page(pipe->bufs[i & (pipe->ring_size - 1)].page);
	if (pipe->tmp_page)
		put_page(pipe->tmp_page);
	kfree(pipe->bufs);
	kfree(pipe);
}

/* Sleeps on wq until ready(pipe) (read without the mutex), or a signal: -ERESTARTSYS. */
static int pipe_wait(struct pipe_inode_info *pipe, wait_queue_head_t *wq,
		     bool (*ready)(struct pipe_inode_info *pipe))
{
	DEFINE_WAIT(wait);
	int ret = 0;

	for (;;) {
		prepare_to_wait(wq, &wait, TASK_INTERRUPTIBLE);
		if (ready(pipe))
			break;
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(wq, &wait);
	return ret;
}

static bool pipe_readable(struct pipe_inode_info *pipe)
{
	return !pipe_empty(READ_ONCE(pipe->head), READ_ONCE(pipe->tail)) ||
	       !READ_ONCE(pipe->writers);
}

static bool pipe_writable(struct pipe_inode_info *pipe)
{
	return !pipe_full(READ_ONCE(pipe->head), READ_ONCE(pipe->tail), pipe->ring_size) ||
	       !READ_ONCE(pipe->readers);
}

/* Copies out of the buffers at the tail; the mutex is held. Returns bytes or -EFAULT. */
static ssize_t pipe_copy_out(struct pipe_inode_info *pipe, struct iov_iter *to)
{
	ssize_t done = 0;

	while (iov_iter_count(to) && !pipe_empty(pipe->head, pipe->tail)) {
		struct pipe_buffer *buf = &pipe->bufs[pipe->tail & (pipe->ring_size - 1)];
		size_t chars = min_t(size_t, buf->len, iov_iter_count(to));
		size_t copied = copy_page_to_iter(buf->page, buf->offset, chars, to);

		done += (ssize_t)copied;
		buf->offset += (unsigned int)copied;
		buf->len -= (unsigned int)copied;
		if (copied < chars)
			return done ? done : -EFAULT;
		if (!buf->len) {
			if (pipe->tmp_page)
				put_page(buf->page);
			else
				pipe->tmp_page = buf->page;
			buf->page = NULL;
			pipe->tail++;
		}
	}
	return done;
}

static ssize_t pipe_read(struct kiocb *iocb, struct iov_iter *to)
{
	struct pipe_inode_info *pipe = iocb->ki_filp->private_data;
	ssize_t ret = 0;

	mutex_lock(&pipe->mutex);
	for (;;) {
		bool was_full = pipe_full(pipe->head, pipe->tail, pipe->ring_size);

		ret = pipe_copy_out(pipe, to);
		if (was_full && ret > 0)
			wake_up_all(&pipe->wr_wait);
		if (ret)
			break;
		if (!pipe->writers)
			break;
		if (iocb->ki_flags & IOCB_NOWAIT) {
			ret = -EAGAIN;
			break;
		}
		mutex_unlock(&pipe->mutex);
		ret = pipe_wait(pipe, &pipe->rd_wait, pipe_readable);
		if (ret)
			return ret;
		mutex_lock(&pipe->mutex);
	}
	mutex_unlock(&pipe->mutex);
	return ret;
}

/* A write that fits in the last buffer's page joins it (whole, for PIPE_BUF's sake). */
static ssize_t pipe_merge(struct pipe_inode_info *pipe, struct iov_iter *from)
{
	struct pipe_buffer *buf;
	size_t chars = iov_iter_count(from);

	if (pipe_empty(pipe->head, pipe->tail))
		return 0;
	buf = &pipe->bufs[(pipe->head - 1) & (pipe->ring_size - 1)];
	if (buf->offset + buf->len + chars > PAGE_SIZE)
		return 0;
	chars = copy_page_from_iter(buf->page, buf->offset + buf->len, chars, from);
	buf->len += (unsigned int)chars;
	return chars ? (ssize_t)chars : -EFAULT;
}

/* Fills a new buffer at the head with up to a page; -ENOMEM or -EFAULT. */
static ssize_t pipe_fill_new(struct pipe_inode_info *pipe, struct iov_iter *from)
{
	struct pipe_buffer *buf = &pipe->bufs[pipe->head & (pipe->ring_size - 1)];
	struct page *page = pipe->tmp_page;
	size_t chars;

	if (!page) {
		page = alloc_page(GFP_HIGHUSER);
		if (!page)
			return -ENOMEM;
	}
	pipe->tmp_page = NULL;
	chars = copy_page_from_iter(page, 0, min_t(size_t, PAGE_SIZE, iov_iter_count(from)), from);
	if (!chars) {
		pipe->tmp_page = page;
		return -EFAULT;
	}
	buf->page = page;
	buf->offset = 0;
	buf->len = (unsigned int)chars;
	pipe->head++;
	return (ssize_t)chars;
}

static ssize_t pipe_write(struct kiocb *iocb, struct iov_iter *from)
{
	struct pipe_inode_info *pipe = iocb->ki_filp->private_data;
	ssize_t done = 0, ret = 0;

	mutex_lock(&pipe->mutex);
	if (iov_iter_count(from) <= PIPE_BUF && pipe->readers)
		done = ret = pipe_merge(pipe, from);
	while (ret >= 0 && iov_iter_count(from)) {
		if (!pipe->readers) {
			send_sig(SIGPIPE, current, 0);
			ret = -EPIPE;
			break;
		}
		if (!pipe_full(pipe->head, pipe->tail, pipe->ring_size)) {
			bool was_empty = pipe_empty(pipe->head, pipe->tail);

			ret = pipe_fill_new(pipe, from);
			if (ret > 0)
				done += ret;
			if (was_empty && ret > 0)
				wake_up_all(&pipe->rd_wait);
			continue;
		}
		if (iocb->ki_flags & IOCB_NOWAIT) {
			ret = -EAGAIN;
			break;
		}
		mutex_unlock(&pipe->mutex);
		wake_up_all(&pipe->rd_wait);
		ret = pipe_wait(pipe, &pipe->wr_wait, pipe_writable);
		mutex_lock(&pipe->mutex);
	}
	mutex_unlock(&pipe->mutex);
	if (done > 0)
		wake_up_all(&pipe->rd_wait);
	return done > 0 ? done : ret;
}

static unsigned int pipe_poll(struct file *filp, poll_table *wait)
{
	struct pipe_inode_info *pipe = filp->private_data;
	unsigned int mask = 0, head, tail;

	poll_wait(filp, &pipe->rd_wait, wait);
	poll_wait(filp, &pipe->wr_wait, wait);
	head = READ_ONCE(pipe->head);
	tail = READ_ONCE(pipe->tail);
	if (filp->f_mode & FMODE_READ) {
		if (!pipe_empty(head, tail))
			mask |= EPOLLIN | EPOLLRDNORM;
		if (!pipe->writers)
			mask |= EPOLLHUP;
	}
	if (filp->f_mode & FMODE_WRITE) {
		if (!pipe_full(head, tail, pipe->ring_size))
			mask |= EPOLLOUT | EPOLLWRNORM;
		if (!pipe->readers)
			mask |= EPOLLERR;
	}
	return mask;
}

#define FIONREAD	0x541B

static long pipe_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe = filp->private_data;
	int count = 0;

	if (cmd != FIONREAD)
		return -ENOIOCTLCMD;
	mutex_lock(&pipe->mutex);
	for (unsigned int i = pipe->tail; i != pipe->head; i++)
		count += (int)pipe->bufs[i & (pipe->ring_size - 1)].len;
	mutex_unlock(&pipe->mutex);
	return put_user(count, (int __user *)arg);
}

/* F_SETPIPE_SZ's rounding, as Linux: at least a page, a power of two; 0 when too big. */
static unsigned long round_pipe_size(unsigned long size)
{
	if (size > (1UL << 31))
		return 0;
	if (size < PAGE_SIZE)
		return PAGE_SIZE;
	return roundup_pow_of_two(size);
}

/* Moves the buffers in use to a new ring of nr_slots; -EBUSY when they do not fit. */
static int pipe_resize_ring(struct pipe_inode_info *pipe, unsigned int nr_slots)
{
	unsigned int n = pipe->head - pipe->tail;
	struct pipe_buffer *bufs;

	if (nr_slots < n)
		return -EBUSY;
	bufs = kcalloc(nr_slots, sizeof(*bufs), GFP_KERNEL);
	if (!bufs)
		return -ENOMEM;
	for (unsigned int i = 0; i < n; i++)
		bufs[i] = pipe->bufs[(pipe->tail + i) & (pipe->ring_size - 1)];
	kfree(pipe->bufs);
	pipe->bufs = bufs;
	pipe->ring_size = nr_slots;
	pipe->tail = 0;
	pipe->head = n;
	return 0;
}

/*
 * The capacity in bytes, got or set (rounded, returned). Everyone is root here, so
 * Linux's -EPERM beyond /proc/sys/fs/pipe-max-size for the unprivileged never applies.
 */
long pipe_fcntl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe = file->private_data;
	unsigned long size;
	long ret = 0;

	if (file->f_op != &pipefifo_fops)
		return -EBADF;
	mutex_lock(&pipe->mutex);
	if (cmd == F_SETPIPE_SZ) {
		size = round_pipe_size(arg);
		ret = size ? pipe_resize_ring(pipe, (unsigned int)(size >> PAGE_SHIFT)) : -EINVAL;
	}
	if (!ret)
		ret = (long)pipe->ring_size * PAGE_SIZE;
	mutex_unlock(&pipe->mutex);
	/* A bigger ring has room for writers that were waiting. */
	if (cmd == F_SETPIPE_SZ && ret > 0)
		wake_up_all(&pipe->wr_wait);
	return ret;
}

/* Drops a file's count on pipe (a release, or an open that failed); the last frees it. */
static void pipe_drop_file(struct inode *inode, struct pipe_inode_info *pipe)
{
	bool free;

	spin_lock(&pipe_files_lock);
	free = !--pipe->files;
	if (free)
		inode->i_pipe = NULL;
	spin_unlock(&pipe_files_lock);
	if (free)
		free_pipe_info(pipe);
}

/* The last file of an end closes that end; the last file of all frees the pipe. */
static int pipe_release(struct inode *inode, struct file *file)
{
	struct pipe_inode_info *pipe = file->private_data;

	mutex_lock(&pipe->mutex);
	if (file->f_mode & FMODE_READ)
		pipe->readers--;
	if (file->f_mode & FMODE_WRITE)
		pipe->writers--;
	if (pipe->readers || pipe->writers) {
		wake_up_all(&pipe->rd_wait);
		wake_up_all(&pipe->wr_wait);
	}
	mutex_unlock(&pipe->mutex);
	pipe_drop_file(inode, pipe);
	return 0;
}

static bool fifo_has_reader(struct pipe_inode_info *pipe)
{
	return READ_ONCE(pipe->readers) != 0;
}

static bool fifo_has_writer(struct pipe_inode_info *pipe)
{
	return READ_ONCE(pipe->writers) != 0;
}

/* An end of an anonymous pipe: a file on path opened with flags, the pipe already there. */
static struct file *open_pipe_end(const struct path *path, int flags)
{
	struct file *f = alloc_empty_file(flags);

	if (IS_ERR(f))
		return f;
	f->f_path = *path;
	path_get(path);
	f->f_inode = path->dentry->d_inode;
	f->f_mapping = f->f_inode->i_mapping;
	f->f_op = &pipefifo_fops;
	f->private_data = f->f_inode->i_pipe;
	stream_open(f->f_inode, f);
	return f;
}

/* ---- FIFOs ---------------------------------------------------------------------------- */

/*
 * Opens a FIFO as Linux does: a reader waits for a writer unless O_NONBLOCK; a writer
 * waits for a reader, or gets -ENXIO with O_NONBLOCK; O_RDWR never waits.
 */
static int fifo_open(struct inode *inode, struct file *filp)
{
	struct pipe_inode_info *pipe, *fresh = NULL;
	int ret = 0;

	spin_lock(&pipe_files_lock);
	while (!(pipe = inode->i_pipe)) {
		spin_unlock(&pipe_files_lock);
		fresh = alloc_pipe_info();
		if (!fresh)
			return -ENOMEM;
		spin_lock(&pipe_files_lock);
		if (!inode->i_pipe) {
			inode->i_pipe = fresh;
			fresh = NULL;
		}
	}
	pipe->files++;
	spin_unlock(&pipe_files_lock);
	if (fresh)
		free_pipe_info(fresh);
	filp->private_data = pipe;
	filp->f_op = &pipefifo_fops;
	stream_open(inode, filp);
	mutex_lock(&pipe->mutex);
	if (filp->f_mode & FMODE_READ) {
		pipe->readers++;
		pipe->r_counter++;
		wake_up_all(&pipe->wr_wait);
	}
	if (filp->f_mode & FMODE_WRITE) {
		if (!(filp->f_mode & FMODE_READ) && (filp->f_flags & O_NONBLOCK) &&
		    !pipe->readers) {
			ret = -ENXIO;
			goto out;
		}
		pipe->writers++;
		pipe->w_counter++;
		wake_up_all(&pipe->rd_wait);
	}
	if ((filp->f_mode & (FMODE_READ | FMODE_WRITE)) == FMODE_READ &&
	    !(filp->f_flags & O_NONBLOCK) && !pipe->writers) {
		mutex_unlock(&pipe->mutex);
		ret = pipe_wait(pipe, &pipe->rd_wait, fifo_has_writer);
		mutex_lock(&pipe->mutex);
		if (ret)
			pipe->readers--;
	}
	if (!ret && (filp->f_mode & (FMODE_READ | FMODE_WRITE)) == FMODE_WRITE && !pipe->readers) {
		mutex_unlock(&pipe->mutex);
		ret = pipe_wait(pipe, &pipe->wr_wait, fifo_has_reader);
		mutex_lock(&pipe->mutex);
		if (ret)
			pipe->writers--;
	}
out:
	mutex_unlock(&pipe->mutex);
	if (ret)
		pipe_drop_file(inode, pipe);
	return ret;
}

const struct file_operations pipefifo_fops = {
	.open		= fifo_open,
	.llseek		= no_llseek,
	.read_iter	= pipe_read,
	.write_iter	= pipe_write,
	.poll		= pipe_poll,
	.unlocked_ioctl	= pipe_ioctl,
	.release	= pipe_release,
};

/* ---- anonymous pipes ---------------------------------------------------------------- */

static struct dentry *pipefs_mount(struct file_system_type *fs_type, int flags,
				   const char *dev_name, void *data)
{
	return mount_nodev(fs_type, flags, data, ramfs_fill_super);
}

static struct file_system_type pipe_fs_type = {
	.name		= "pipefs",
	.mount		= pipefs_mount,
	.kill_sb	= kill_litter_super,
};

/* The two ends on one new pipe inode: res[0] reads, res[1] writes. */
static int create_pipe_files(struct file **res, int flags)
{
	struct inode *inode = new_inode(pipe_mnt->mnt_sb);
	struct pipe_inode_info *pipe = alloc_pipe_info();
	struct qstr name = QSTR_INIT("pipe:", 5);
	struct path path;
	int err = -ENFILE;

	if (!inode || !pipe)
		goto fail;
	inode->i_mode = S_IFIFO | S_IRUSR | S_IWUSR;
	inode->i_fop = &pipefifo_fops;
	inode->i_pipe = pipe;
	pipe->files = 2;
	pipe->readers = pipe->writers = 1;
	path.mnt = mntget(pipe_mnt);
	path.dentry = d_alloc(pipe_mnt->mnt_root, &name);
	if (!path.dentry) {
		mntput(path.mnt);
		goto fail;
	}
	d_instantiate(path.dentry, inode);
	inode = NULL;
	pipe = NULL;
	res[0] = open_pipe_end(&path, O_RDONLY | (flags & O_NONBLOCK));
	res[1] = open_pipe_end(&path, O_WRONLY | (flags & (O_NONBLOCK | O_DIRECT)));
	path_put(&path);
	if (!IS_ERR(res[0]) && !IS_ERR(res[1]))
		return 0;
	err = (int)PTR_ERR(IS_ERR(res[0]) ? res[0] : res[1]);
	if (!IS_ERR(res[0]))
		fput(res[0]);
	if (!IS_ERR(res[1]))
		fput(res[1]);
	return err;
fail:
	iput(inode);
	if (pipe)
		free_pipe_info(pipe);
	return err;
}

static int do_pipe2(int __user *fildes, int flags)
{
	struct file *files[2];
	int fd[2], err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	err = create_pipe_files(files, flags);
	if (err)
		return err;
	fd[0] = get_unused_fd_flags((unsigned int)flags);
	fd[1] = fd[0] < 0 ? fd[0] : get_unused_fd_flags((unsigned int)flags);
	err = fd[1] < 0 ? fd[1] : 0;
	if (!err && copy_to_user(fildes, fd, sizeof(fd)))
		err = -EFAULT;
	if (err) {
		if (fd[0] >= 0)
			put_unused_fd((unsigned int)fd[0]);
		if (fd[1] >= 0 && fd[1] != fd[0])
			put_unused_fd((unsigned int)fd[1]);
		fput(files[0]);
		fput(files[1]);
		return err;
	}
	fd_install((unsigned int)fd[0], files[0]);
	fd_install((unsigned int)fd[1], files[1]);
	return 0;
}

SYSCALL_DEFINE2(pipe2, int __user *, fildes, int, flags)
{
	return do_pipe2(fildes, flags);
}

int __init init_pipe_fs(void)
{
	int err = register_filesystem(&pipe_fs_type);

	if (err)
		return err;
	pipe_mnt = kern_mount(&pipe_fs_type);
	return IS_ERR(pipe_mnt) ? (int)PTR_ERR(pipe_mnt) : 0;
}
