/*
 * Copies between kernel buffers and an iov_iter's segments (include/linux/uio.h). Each
 * copy walks the segments from iov_offset on, moves min(bytes, count) at most, and
 * advances the iterator by what it moved.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <linux/uio.h>
#include <asm/uaccess.h>

void iov_iter_kvec(struct iov_iter *i, unsigned int direction, const struct kvec *kvec,
		   unsigned long nr_segs, size_t count)
{
	*i = (struct iov_iter){ .iter_type = ITER_KVEC, .data_source = direction,
				.kvec = kvec, .nr_segs = nr_segs, .count = count };
}

void iov_iter_init(struct iov_iter *i, unsigned int direction, const struct iovec *iov,
		   unsigned long nr_segs, size_t count)
{
	*i = (struct iov_iter){ .iter_type = ITER_IOVEC, .data_source = direction,
				.iov = iov, .nr_segs = nr_segs, .count = count };
}

/* The current segment's base and length (kvec and iovec have the same layout). */
static void cur_seg(const struct iov_iter *i, char **base, size_t *len)
{
	const struct kvec *seg = i->iter_type == ITER_KVEC ? i->kvec :
				 (const struct kvec *)i->iov;

	*base = seg->iov_base;
	*len = seg->iov_len;
}

void iov_iter_advance(struct iov_iter *i, size_t bytes)
{
	bytes = min(bytes, i->count);
	i->count -= bytes;
	while (bytes || (i->nr_segs && i->count)) {
		char *base;
		size_t len, step;

		cur_seg(i, &base, &len);
		step = min(bytes, len - i->iov_offset);
		i->iov_offset += step;
		bytes -= step;
		if (i->iov_offset < len)
			break;
		i->iov_offset = 0;
		i->nr_segs--;
		if (i->iter_type == ITER_KVEC)
			i->kvec++;
		else
			i->iov++;
		if (!i->nr_segs)
			break;
	}
}

/*
 * Steps back over the last bytes advanced (a copy the caller did not keep). iov_offset 0
 * means the start of the current segment, so a step back first enters the previous one.
 */
void iov_iter_revert(struct iov_iter *i, size_t bytes)
{
	i->count += bytes;
	while (bytes) {
		size_t step;

		if (!i->iov_offset) {
			char *base;
			size_t len;

			if (i->iter_type == ITER_KVEC)
				i->kvec--;
			else
				i->iov--;
			i->nr_segs++;
			cur_seg(i, &base, &len);
			i->iov_offset = len;
		}
		step = min(bytes, i->iov_offset);
		i->iov_offset -= step;
		bytes -= step;
	}
}

/* How a copy moves one piece: returns the bytes it could not move (a user fault). */
typedef size_t (*seg_step_t)(char *seg, char *buf, size_t len, bool user);

/* Runs step over up to bytes of the segments, buf advancing alongside; returns bytes done. */
static size_t iterate(struct iov_iter *i, char *buf, size_t bytes, seg_step_t step)
{
	size_t done = 0;

	bytes = min(bytes, i->count);
	while (done < bytes) {
		char *base;
		size_t len, n, left;

		cur_seg(i, &base, &len);
		n = min(bytes - done, len - i->iov_offset);
		left = step(base + i->iov_offset, buf ? buf + done : NULL, n,
			    i->iter_type == ITER_IOVEC);
		iov_iter_advance(i, n - left);
		done += n - left;
		if (left)
			break;
	}
	return done;
}

static size_t step_to_seg(char *seg, char *buf, size_t len, bool user)
{
	if (user)
		return copy_to_user((void __user *)seg, buf, len);
	memcpy(seg, buf, len);
	return 0;
}

static size_t step_from_seg(char *seg, char *buf, size_t len, bool user)
{
	if (user)
		return copy_from_user(buf, (const void __user *)seg, len);
	memcpy(buf, seg, len);
	return 0;
}

static size_t step_zero_seg(char *seg, char *buf, size_t len, bool user)
{
	if (user)
		return clear_user((void __user *)seg, len);
	memset(seg, 0, len);
	return 0;
}

size_t copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i)
{
	if (WARN_ON(i->data_source))
		return 0;
	return iterate(i, (char *)addr, bytes, step_to_seg);
}

size_t copy_from_iter(void *addr, size_t bytes, struct iov_iter *i)
{
	if (WARN_ON(!i->data_source))
		return 0;
	return iterate(i, addr, bytes, step_from_seg);
}

size_t iov_iter_zero(size_t bytes, struct iov_iter *i)
{
	return iterate(i, NULL, bytes, step_zero_seg);
}

size_t copy_page_to_iter(struct page *page, size_t offset, size_t bytes, struct iov_iter *i)
{
	return copy_to_iter((char *)page_address(page) + offset, bytes, i);
}

size_t copy_page_from_iter(struct page *page, size_t offset, size_t bytes, struct iov_iter *i)
{
	return copy_from_iter((char *)page_address(page) + offset, bytes, i);
}
