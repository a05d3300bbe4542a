/*
 * struct iov_iter: a read's destination or a write's source as a list of segments, in
 * kernel memory (ITER_KVEC, kernel_read/kernel_write) or user memory (ITER_IOVEC, the
 * read/write syscalls). File systems copy through copy_to_iter/copy_from_iter and never
 * see which; the user side goes through the uaccess helpers and stops at a fault.
 */
#ifndef _LINUX_UIO_H
#define _LINUX_UIO_H

#include <linux/types.h>

struct page;

struct iovec {
	void __user *iov_base;
	size_t iov_len;
};

struct kvec {
	void *iov_base;
	size_t iov_len;
};

enum iter_type {
	ITER_IOVEC,
	ITER_KVEC,
};

/* Directions, as Linux's: a read fills the iterator (READ), a write drains it (WRITE). */
#define READ	0
#define WRITE	1

#define UIO_MAXIOV	1024

struct iov_iter {
	u8 iter_type;
	bool data_source;		/* WRITE: data flows out of the segments */
	size_t iov_offset;		/* into the current segment */
	size_t count;			/* bytes left in all segments */
	union {
		const struct iovec *iov;
		const struct kvec *kvec;
	};
	unsigned long nr_segs;		/* segments left, the current one included */
};

static inline size_t iov_iter_count(const struct iov_iter *i)
{
	return i->count;
}

static inline bool user_backed_iter(const struct iov_iter *i)
{
	return i->iter_type == ITER_IOVEC;
}

void iov_iter_kvec(struct iov_iter *i, unsigned int direction, const struct kvec *kvec,
		   unsigned long nr_segs, size_t count);
void iov_iter_init(struct iov_iter *i, unsigned int direction, const struct iovec *iov,
		   unsigned long nr_segs, size_t count);
void iov_iter_advance(struct iov_iter *i, size_t bytes);
/* Undoes the advance of the last bytes (at most what was advanced). */
void iov_iter_revert(struct iov_iter *i, size_t bytes);
/* Each copies up to bytes and returns how many it copied (short at a user fault). */
size_t copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i);
size_t copy_from_iter(void *addr, size_t bytes, struct iov_iter *i);
size_t copy_page_to_iter(struct page *page, size_t offset, size_t bytes, struct iov_iter *i);
size_t copy_page_from_iter(struct page *page, size_t offset, size_t bytes, struct iov_iter *i);
size_t iov_iter_zero(size_t bytes, struct iov_iter *i);

#endif
