/*
 * seq_file (Linux's fs/seq_file.c): a /proc file's text made record by record by a
 * start/next/stop/show iterator into a buffer that grows until one record fits, so a
 * file is read in pieces of any size and lseek gives the same bytes as one whole read.
 * single_open is the one-record case; mm/debug.c also prints into a plain buffer.
 */
#ifndef _LINUX_SEQ_FILE_H
#define _LINUX_SEQ_FILE_H

#include <stdarg.h>
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/mutex.h>
#include <linux/list.h>

struct file;
struct inode;
struct kiocb;
struct iov_iter;
struct path;

/*
 * One open file's state; lock serialises read and lseek on it. buf holds count bytes
 * of the current records from offset from; count == size means the last show overflowed
 * (the buffer is then doubled and the record shown again).
 */
struct seq_file {
	char *buf;
	size_t size;
	size_t from;
	size_t count;
	size_t pad_until;
	loff_t index;		/* the iterator's position: which record comes next */
	loff_t read_pos;	/* the file offset buf[from] stands for */
	struct mutex lock;
	const struct seq_operations *op;
	struct file *file;
	void *private;
};

struct seq_operations {
	void *(*start)(struct seq_file *m, loff_t *pos);
	void (*stop)(struct seq_file *m, void *v);
	void *(*next)(struct seq_file *m, void *v, loff_t *pos);
	int (*show)(struct seq_file *m, void *v);
};

/* start's first record of a file with a header; show's return for a record that prints nothing. */
#define SEQ_START_TOKEN ((void *)1)
#define SEQ_SKIP 1

static inline bool seq_has_overflowed(struct seq_file *m)
{
	return m->count == m->size;
}

/*
 * A seq_file over a plain buffer, no file (mm/debug.c's boot printing, self-tests):
 * seq_buf_init keeps a byte for the NUL seq_buf_str adds.
 */
void seq_buf_init(struct seq_file *m, char *buf, size_t size);
const char *seq_buf_str(struct seq_file *m);

int seq_open(struct file *file, const struct seq_operations *op);
ssize_t seq_read_iter(struct kiocb *iocb, struct iov_iter *iter);
loff_t seq_lseek(struct file *file, loff_t offset, int whence);
int seq_release(struct inode *inode, struct file *file);
/* seq_open with a zeroed private state of psize bytes in m->private. */
void *__seq_open_private(struct file *f, const struct seq_operations *ops, int psize);
int seq_open_private(struct file *f, const struct seq_operations *ops, int psize);
int seq_release_private(struct inode *inode, struct file *file);
/* One record made by show(m, data); size: the first buffer's size, for large files. */
int single_open(struct file *file, int (*show)(struct seq_file *, void *), void *data);
int single_open_size(struct file *file, int (*show)(struct seq_file *, void *), void *data,
		     size_t size);
int single_release(struct inode *inode, struct file *file);

void seq_printf(struct seq_file *m, const char *fmt, ...) __printf(2, 3);
void seq_vprintf(struct seq_file *m, const char *fmt, va_list args);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
void seq_write(struct seq_file *m, const void *data, size_t len);
/* delimiter, then num in decimal, right-aligned in width (0: no padding). */
void seq_put_decimal_ull_width(struct seq_file *m, const char *delimiter,
			       unsigned long long num, unsigned int width);
void seq_put_decimal_ull(struct seq_file *m, const char *delimiter, unsigned long long num);
/* delimiter, then v in lower-case hex, zero-padded to width digits. */
void seq_put_hex_ll(struct seq_file *m, const char *delimiter, unsigned long long v,
		    unsigned int width);
void seq_put_decimal_ll(struct seq_file *m, const char *delimiter, long long num);
/* s with each byte of esc written as \ooo (octal), as mount paths are in /proc/mounts. */
void seq_escape(struct seq_file *m, const char *s, const char *esc);
/* path's name seen from the caller's root, with esc escaped; -errno if it has none. */
int seq_path(struct seq_file *m, const struct path *path, const char *esc);
int seq_file_path(struct seq_file *m, struct file *file, const char *esc);
/* Pads with spaces up to the column seq_setwidth set, then writes c (if not 0). */
void seq_setwidth(struct seq_file *m, size_t size);
void seq_pad(struct seq_file *m, char c);

/* A list_head iterator: the pos'th entry of head, the one after v. */
struct list_head *seq_list_start(struct list_head *head, loff_t pos);
struct list_head *seq_list_start_head(struct list_head *head, loff_t pos);
struct list_head *seq_list_next(void *v, struct list_head *head, loff_t *ppos);

#endif
