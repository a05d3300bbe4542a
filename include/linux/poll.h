/*
 * poll: a file's poll method reports its ready events and, given a poll_table, puts the
 * caller on its wait queues with poll_wait, so a wake-up there restarts the poll loop
 * (fs/select.c). The event bits are Linux's (uapi poll.h / eventpoll.h).
 */
#ifndef _LINUX_POLL_H
#define _LINUX_POLL_H

#include <linux/types.h>
#include <linux/wait.h>
#include <linux/fs.h>

#define EPOLLIN		0x00000001
#define EPOLLPRI	0x00000002
#define EPOLLOUT	0x00000004
#define EPOLLERR	0x00000008
#define EPOLLHUP	0x00000010
#define EPOLLNVAL	0x00000020
#define EPOLLRDNORM	0x00000040
#define EPOLLRDBAND	0x00000080
#define EPOLLWRNORM	0x00000100
#define EPOLLWRBAND	0x00000200
#define EPOLLRDHUP	0x00002000

/* What a file without a poll method is: always ready both ways. */
#define DEFAULT_POLLMASK (EPOLLIN | EPOLLOUT | EPOLLRDNORM | EPOLLWRNORM)

typedef struct poll_table_struct poll_table;
typedef void (*poll_queue_proc)(struct file *, wait_queue_head_t *, poll_table *);

struct poll_table_struct {
	poll_queue_proc _qproc;		/* NULL: report events only, queue nothing */
};

static inline void poll_wait(struct file *filp, wait_queue_head_t *wait_address, poll_table *p)
{
	if (p && p->_qproc && wait_address)
		p->_qproc(filp, wait_address, p);
}

static inline unsigned int vfs_poll(struct file *file, poll_table *pt)
{
	if (!file->f_op || !file->f_op->poll)
		return DEFAULT_POLLMASK;
	return file->f_op->poll(file, pt);
}

#endif
