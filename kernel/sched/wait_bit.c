/*
 * Hashed bit waits (see linux/wait_bit.h): WAIT_TABLE_SIZE queues shared by every word
 * and bit, each waiter carrying its (word, bit) key so that a wake-up of one bit leaves
 * the other sleepers of the same queue asleep.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/wait_bit.h>
#include <linux/hash.h>

#define WAIT_TABLE_BITS	8
#define WAIT_TABLE_SIZE	(1 << WAIT_TABLE_BITS)

static wait_queue_head_t bit_wait_table[WAIT_TABLE_SIZE];

void __init wait_bit_init(void)
{
	for (int i = 0; i < WAIT_TABLE_SIZE; i++)
		init_waitqueue_head(&bit_wait_table[i]);
}

wait_queue_head_t *bit_waitqueue(void *word, int bit)
{
	unsigned long val = (unsigned long)word << 6 | (unsigned long)bit;

	return &bit_wait_table[hash_long(val, WAIT_TABLE_BITS)];
}

int wake_bit_function(struct wait_queue_entry *wq_entry, unsigned int mode, int sync,
		      void *arg)
{
	struct wait_bit_key *key = arg;
	struct wait_bit_queue_entry *wait_bit =
		container_of(wq_entry, struct wait_bit_queue_entry, wq_entry);

	if (wait_bit->key.flags != key->flags || wait_bit->key.bit_nr != key->bit_nr ||
	    test_bit(key->bit_nr, key->flags))
		return 0;
	return autoremove_wake_function(wq_entry, mode, sync, key);
}

void wake_up_bit(void *word, int bit)
{
	struct wait_bit_key key = { .flags = word, .bit_nr = bit };
	wait_queue_head_t *wq_head = bit_waitqueue(word, bit);

	/* Pairs with the waiter's queueing before its test of the bit (prepare_to_wait). */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (waitqueue_active(wq_head))
		__wake_up(wq_head, TASK_NORMAL, 1, &key);
}

/* Sleeps on (word, bit)'s queue until the bit is clear; lock: then sets it. */
static int __wait_on_bit(void *word, int bit, unsigned int mode, bool lock)
{
	wait_queue_head_t *wq_head = bit_waitqueue(word, bit);
	struct wait_bit_queue_entry wbq = {
		.key = { .flags = word, .bit_nr = bit },
		.wq_entry = { .private = current, .func = wake_bit_function,
			      .entry = LIST_HEAD_INIT(wbq.wq_entry.entry) },
	};
	int ret = 0;

	for (;;) {
		prepare_to_wait(wq_head, &wbq.wq_entry, mode);
		if (!test_bit(bit, word)) {
			if (!lock || !test_and_set_bit(bit, word))
				break;
			continue;
		}
		if ((mode & TASK_KILLABLE) == TASK_KILLABLE && fatal_signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		schedule();
	}
	finish_wait(wq_head, &wbq.wq_entry);
	return ret;
}

int out_of_line_wait_on_bit(void *word, int bit, unsigned int mode)
{
	return __wait_on_bit(word, bit, mode, false);
}

int out_of_line_wait_on_bit_lock(void *word, int bit, unsigned int mode)
{
	return __wait_on_bit(word, bit, mode, true);
}
