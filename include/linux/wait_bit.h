/*
 * Waiting for a bit of a word to clear (Linux's wait_bit.h): the waiters of every
 * (word, bit) share a small table of hashed wait queues, so a flag word (a buffer head's
 * b_state, an inode's i_state) needs no queue of its own. The waker clears the bit, then
 * calls wake_up_bit, which wakes only the waiters of that word and bit.
 */
#ifndef _LINUX_WAIT_BIT_H
#define _LINUX_WAIT_BIT_H

#include <linux/wait.h>
#include <linux/bitmap.h>

struct wait_bit_key {
	void *flags;
	int bit_nr;
};

struct wait_bit_queue_entry {
	struct wait_bit_key key;
	struct wait_queue_entry wq_entry;
};

/* The hashed queues, before the first wait (sched_init). */
void wait_bit_init(void);
/* The hashed queue the waiters of (word, bit) sleep on. */
wait_queue_head_t *bit_waitqueue(void *word, int bit);
/* Wakes the waiters of (word, bit): after the bit was cleared. Context: any. */
void wake_up_bit(void *word, int bit);
/* Sleeps (mode: TASK_UNINTERRUPTIBLE or TASK_KILLABLE) until bit clears; 0 or -EINTR. */
int out_of_line_wait_on_bit(void *word, int bit, unsigned int mode);
/* Sleeps until it can set bit itself (a bit lock); 0 or -EINTR. */
int out_of_line_wait_on_bit_lock(void *word, int bit, unsigned int mode);
/* wake_up_bit's key matching, for hashed waiters with their own wake function. */
int wake_bit_function(struct wait_queue_entry *wq_entry, unsigned int mode, int sync,
		      void *key);

static inline int wait_on_bit(unsigned long *word, int bit, unsigned int mode)
{
	might_sleep();
	if (!test_bit(bit, word))
		return 0;
	return out_of_line_wait_on_bit(word, bit, mode);
}

/* The same, the sleep counted as waiting for I/O. */
static inline int wait_on_bit_io(unsigned long *word, int bit, unsigned int mode)
{
	return wait_on_bit(word, bit, mode);
}

static inline int wait_on_bit_lock_io(unsigned long *word, int bit, unsigned int mode)
{
	might_sleep();
	if (!test_and_set_bit(bit, word))
		return 0;
	return out_of_line_wait_on_bit_lock(word, bit, mode);
}

static inline int wait_on_bit_lock(unsigned long *word, int bit, unsigned int mode)
{
	return wait_on_bit_lock_io(word, bit, mode);
}

/* Clears bit with release ordering and wakes its waiters (a bit unlock). */
static inline void clear_and_wake_up_bit(int bit, void *word)
{
	clear_bit_unlock(bit, word);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	wake_up_bit(word, bit);
}

#endif
