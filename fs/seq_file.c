/*
 * seq_file, as Linux's fs/seq_file.c: a file's text generated record by record on read.
 * The buffer holds the records not yet copied out (count bytes from from); a read at an
 * offset other than where the last one stopped walks the records again from the start
 * (traverse), so any sequence of reads and seeks sees the bytes of one whole read.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/uio.h>
#include <linux/dcache.h>
#include <linux/fs_struct.h>
#include <linux/sched.h>
#include <linux/seq_file.h>

static void seq_set_overflow(struct seq_file *m)
{
	m->count = m->size;
}

static void *seq_buf_alloc(size_t size)
{
	return kmalloc(size, GFP_KERNEL);
}

/**
 * seq_open - initialise a sequential file
 * @file: the file being opened
 * @op: its iterator
 *
 * Return: 0, or -ENOMEM. file->private_data becomes the struct seq_file.
 */
int seq_open(struct file *file, const struct seq_operations *op)
{
	struct seq_file *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return -ENOMEM;
	file->private_data = p;
	mutex_init(&p->lock);
	p->op = op;
	p->file = file;
	return 0;
}

/* Walks the records up to offset, leaving the one holding it in the buffer. */
static int traverse(struct seq_file *m, loff_t offset)
{
	loff_t pos = 0;
	int error = 0;
	void *p;

	m->index = 0;
	m->count = m->from = 0;
	if (!offset)
		return 0;
	if (!m->buf) {
		m->buf = seq_buf_alloc(m->size = PAGE_SIZE);
		if (!m->buf)
			return -ENOMEM;
	}
	p = m->op->start(m, &m->index);
	while (p) {
		error = PTR_ERR(p);
		if (IS_ERR(p))
			break;
		error = m->op->show(m, p);
		if (error < 0)
			break;
		if (error) {
			error = 0;
			m->count = 0;
		}
		if (seq_has_overflowed(m))
			goto overflow;
		p = m->op->next(m, p, &m->index);
		if (pos + (loff_t)m->count > offset) {
			m->from = (size_t)(offset - pos);
			m->count -= m->from;
			break;
		}
		pos += (loff_t)m->count;
		m->count = 0;
		if (pos == offset)
			break;
	}
	m->op->stop(m, p);
	return error;

overflow:
	m->op->stop(m, p);
	kfree(m->buf);
	m->count = 0;
	m->buf = seq_buf_alloc(m->size <<= 1);
	return !m->buf ? -ENOMEM : -EAGAIN;
}

/* Brings the iterator to the file offset pos; 0 or -errno (the state is then reset). */
static int seq_seek_to(struct seq_file *m, loff_t pos)
{
	int err;

	while ((err = traverse(m, pos)) == -EAGAIN)
		;
	if (err) {
		m->read_pos = 0;
		m->index = 0;
		m->count = 0;
		return err;
	}
	m->read_pos = pos;
	return 0;
}

/* The first non-empty record at m->index into the (grown as needed) buffer, or none. */
static void *seq_first_record(struct seq_file *m, int *err)
{
	void *p = m->op->start(m, &m->index);

	for (;;) {
		*err = PTR_ERR(p);
		if (!p || IS_ERR(p))
			break;
		*err = m->op->show(m, p);
		if (*err < 0)
			break;
		if (*err)
			m->count = 0;
		if (!m->count) {
			p = m->op->next(m, p, &m->index);
			continue;
		}
		if (!seq_has_overflowed(m))
			return p;
		m->op->stop(m, p);
		kfree(m->buf);
		m->count = 0;
		m->buf = seq_buf_alloc(m->size <<= 1);
		if (!m->buf) {
			*err = -ENOMEM;
			return NULL;
		}
		p = m->op->start(m, &m->index);
	}
	m->op->stop(m, p);
	m->count = 0;
	return NULL;
}

/* After the first record: more whole records while the reader wants more bytes. */
static void seq_fill(struct seq_file *m, void *p, size_t want)
{
	for (;;) {
		size_t offs = m->count;
		loff_t pos = m->index;
		int err;

		p = m->op->next(m, p, &m->index);
		if (pos == m->index) {
			pr_info("seq_file: buggy .next function %ps did not update position index\n",
				m->op->next);
			m->index++;
		}
		if (!p || IS_ERR(p))
			break;
		if (m->count >= want)
			break;
		err = m->op->show(m, p);
		if (err > 0) {
			m->count = offs;
		} else if (err || seq_has_overflowed(m)) {
			m->count = offs;
			break;
		}
	}
	m->op->stop(m, p);
}

/**
 * seq_read_iter - ->read_iter() of a seq_file
 * @iocb: the file and the offset to read at
 * @iter: where the bytes go
 *
 * Return: bytes copied, 0 at the end, or -errno. Context: may sleep (m->lock).
 */
ssize_t seq_read_iter(struct kiocb *iocb, struct iov_iter *iter)
{
	struct seq_file *m = iocb->ki_filp->private_data;
	ssize_t copied = 0;
	size_t n;
	int err = 0;
	void *p;

	if (!iov_iter_count(iter))
		return 0;
	mutex_lock(&m->lock);
	if (iocb->ki_pos == 0) {
		m->index = 0;
		m->count = 0;
	}
	if (iocb->ki_pos != m->read_pos) {
		err = seq_seek_to(m, iocb->ki_pos);
		if (err)
			goto done;
	}
	if (!m->buf) {
		m->buf = seq_buf_alloc(m->size = PAGE_SIZE);
		if (!m->buf) {
			err = -ENOMEM;
			goto done;
		}
	}
	if (m->count) {
		n = copy_to_iter(m->buf + m->from, m->count, iter);
		m->count -= n;
		m->from += n;
		copied += (ssize_t)n;
		if (m->count)
			goto done;
	}
	m->from = 0;
	p = seq_first_record(m, &err);
	if (!p)
		goto done;
	seq_fill(m, p, iov_iter_count(iter));
	n = copy_to_iter(m->buf, m->count, iter);
	copied += (ssize_t)n;
	m->count -= n;
	m->from = n;
done:
	if (!copied) {
		copied = m->count ? -EFAULT : err;
	} else {
		iocb->ki_pos += copied;
		m->read_pos += copied;
	}
	mutex_unlock(&m->lock);
	return copied;
}

/**
 * seq_lseek - ->llseek() of a seq_file: SEEK_SET and SEEK_CUR
 * Return: the new offset, or -EINVAL (a negative offset, another whence).
 */
loff_t seq_lseek(struct file *file, loff_t offset, int whence)
{
	struct seq_file *m = file->private_data;
	loff_t retval = -EINVAL;

	mutex_lock(&m->lock);
	switch (whence) {
	case SEEK_CUR:
		offset += file->f_pos;
		fallthrough;
	case SEEK_SET:
		if (offset < 0)
			break;
		retval = offset;
		if (offset != m->read_pos) {
			int err = seq_seek_to(m, offset);

			if (err) {
				file->f_pos = 0;
				retval = err;
				break;
			}
		}
		file->f_pos = offset;
	}
	mutex_unlock(&m->lock);
	return retval;
}

int seq_release(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;

	kfree(m->buf);
	kfree(m);
	return 0;
}

void *__seq_open_private(struct file *f, const struct seq_operations *ops, int psize)
{
	void *private = kzalloc((size_t)psize, GFP_KERNEL);

	if (!private)
		return NULL;
	if (seq_open(f, ops)) {
		kfree(private);
		return NULL;
	}
	((struct seq_file *)f->private_data)->private = private;
	return private;
}

int seq_open_private(struct file *f, const struct seq_operations *ops, int psize)
{
	return __seq_open_private(f, ops, psize) ? 0 : -ENOMEM;
}

int seq_release_private(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;

	kfree(m->private);
	m->private = NULL;
	return seq_release(inode, file);
}

/* single_open's iterator: one record, at position 0. */
static void *single_start(struct seq_file *p, loff_t *pos)
{
	return *pos ? NULL : SEQ_START_TOKEN;
}

static void *single_next(struct seq_file *p, void *v, loff_t *pos)
{
	++*pos;
	return NULL;
}

static void single_stop(struct seq_file *p, void *v)
{
}

int single_open(struct file *file, int (*show)(struct seq_file *, void *), void *data)
{
	struct seq_operations *op = kmalloc(sizeof(*op), GFP_KERNEL);
	int res;

	if (!op)
		return -ENOMEM;
	op->start = single_start;
	op->next = single_next;
	op->stop = single_stop;
	op->show = show;
	res = seq_open(file, op);
	if (res) {
		kfree(op);
		return res;
	}
	((struct seq_file *)file->private_data)->private = data;
	return 0;
}

int single_open_size(struct file *file, int (*show)(struct seq_file *, void *), void *data,
		     size_t size)
{
	char *buf = seq_buf_alloc(size);
	int ret;

	if (!buf)
		return -ENOMEM;
	ret = single_open(file, show, data);
	if (ret) {
		kfree(buf);
		return ret;
	}
	((struct seq_file *)file->private_data)->buf = buf;
	((struct seq_file *)file->private_data)->size = size;
	return 0;
}

int single_release(struct inode *inode, struct file *file)
{
	const struct seq_operations *op = ((struct seq_file *)file->private_data)->op;
	int res = seq_release(inode, file);

	kfree(op);
	return res;
}

/* ---- output --------------------------------------------------------------------------- */

void seq_vprintf(struct seq_file *m, const char *fmt, va_list args)
{
	int len;

	if (m->count < m->size) {
		len = vsnprintf(m->buf + m->count, m->size - m->count, fmt, args);
		if (len >= 0 && m->count + (size_t)len < m->size) {
			m->count += (size_t)len;
			return;
		}
	}
	seq_set_overflow(m);
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	seq_vprintf(m, fmt, args);
	va_end(args);
}

void seq_write(struct seq_file *m, const void *data, size_t len)
{
	if (m->count + len < m->size) {
		memcpy(m->buf + m->count, data, len);
		m->count += len;
		return;
	}
	seq_set_overflow(m);
}

void seq_puts(struct seq_file *m, const char *s)
{
	seq_write(m, s, strlen(s));
}

void seq_putc(struct seq_file *m, char c)
{
	seq_write(m, &c, 1);
}

void seq_put_decimal_ull_width(struct seq_file *m, const char *delimiter,
			       unsigned long long num, unsigned int width)
{
	seq_puts(m, delimiter);
	seq_printf(m, "%*llu", (int)width, num);
}

void seq_put_decimal_ull(struct seq_file *m, const char *delimiter, unsigned long long num)
{
	seq_put_decimal_ull_width(m, delimiter, num, 0);
}

void seq_put_hex_ll(struct seq_file *m, const char *delimiter, unsigned long long v,
		    unsigned int width)
{
	if (delimiter)
		seq_puts(m, delimiter);
	seq_printf(m, "%0*llx", (int)width, v);
}

void seq_put_decimal_ll(struct seq_file *m, const char *delimiter, long long num)
{
	seq_puts(m, delimiter);
	seq_printf(m, "%lld", num);
}

void seq_escape(struct seq_file *m, const char *s, const char *esc)
{
	for (; *s; s++) {
		if (strchr(esc, *s))
			seq_printf(m, "\\%03o", (unsigned char)*s);
		else
			seq_putc(m, *s);
	}
}

int seq_path(struct seq_file *m, const struct path *path, const char *esc)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	char *s;

	if (!buf)
		return -ENOMEM;
	s = d_path(path, buf, PATH_MAX);
	if (!IS_ERR(s))
		seq_escape(m, s, esc);
	kfree(buf);
	return IS_ERR(s) ? (int)PTR_ERR(s) : 0;
}

int seq_file_path(struct seq_file *m, struct file *file, const char *esc)
{
	return seq_path(m, &file->f_path, esc);
}

void seq_setwidth(struct seq_file *m, size_t size)
{
	m->pad_until = m->count + size;
}

void seq_pad(struct seq_file *m, char c)
{
	size_t size = m->pad_until - m->count;

	if (m->pad_until > m->count && size < m->size - m->count) {
		memset(m->buf + m->count, ' ', size);
		m->count += size;
	}
	if (c)
		seq_putc(m, c);
}

void seq_buf_init(struct seq_file *m, char *buf, size_t size)
{
	memset(m, 0, sizeof(*m));
	m->buf = buf;
	m->size = size - 1;
}

const char *seq_buf_str(struct seq_file *m)
{
	m->buf[m->count] = '\0';
	return m->buf;
}

/* ---- list iterators ------------------------------------------------------------------- */

struct list_head *seq_list_start(struct list_head *head, loff_t pos)
{
	struct list_head *lh;

	list_for_each(lh, head)
		if (pos-- == 0)
			return lh;
	return NULL;
}

struct list_head *seq_list_start_head(struct list_head *head, loff_t pos)
{
	if (!pos)
		return head;
	return seq_list_start(head, pos - 1);
}

struct list_head *seq_list_next(void *v, struct list_head *head, loff_t *ppos)
{
	struct list_head *lh = ((struct list_head *)v)->next;

	++*ppos;
	return lh == head ? NULL : lh;
}
