/*
 * A pipe (fs/pipe.c): a ring of up to ring_size page buffers between writers and
 * readers. mutex covers everything below it; rd_wait and wr_wait are where readers
 * wait for data and writers for room (and pollers for both).
 */
#ifndef _LINUX_PIPE_FS_I_H
#define _LINUX_PIPE_FS_I_H

#include <linux/types.h>
#include <linux/mutex.h>
#include <linux/wait.h>

#define PIPE_DEF_BUFFERS	16
/* Writes up to PIPE_BUF bytes are atomic: never split, never mixed with another's. */
#define PIPE_BUF		4096

struct page;

struct pipe_buffer {
	struct page *page;
	unsigned int offset, len;
};

struct pipe_inode_info {
	struct mutex mutex;
	wait_queue_head_t rd_wait, wr_wait;
	unsigned int head;		/* the next buffer to fill */
	unsigned int tail;		/* the next buffer to read; head - tail in use */
	unsigned int ring_size;		/* a power of two */
	unsigned int readers, writers;	/* open ends */
	unsigned int files;		/* struct files on the pipe (both ends) */
	unsigned int r_counter, w_counter;	/* opens so far, for fifo open waits */
	struct page *tmp_page;		/* a spare page, kept from the last emptied buffer */
	struct pipe_buffer *bufs;
};

/* Whether the ring is empty or full (head and tail run freely, masked on use). */
static inline bool pipe_empty(unsigned int head, unsigned int tail)
{
	return head == tail;
}

static inline bool pipe_full(unsigned int head, unsigned int tail, unsigned int limit)
{
	return head - tail >= limit;
}

#endif
