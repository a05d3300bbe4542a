/* Completions: waiting for an event another task or an interrupt signals (linux/completion.h). */
#include <linux/kernel.h>
#include <linux/completion.h>
#include <linux/sched/debug.h>

void complete(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	if (x->done != UINT_MAX)
		x->done++;
	__wake_up_locked(&x->wait, TASK_NORMAL, 1);
	spin_unlock_irqrestore(&x->wait.lock, flags);
}

void complete_all(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	x->done = UINT_MAX;
	__wake_up_locked(&x->wait, TASK_NORMAL, 0);
	spin_unlock_irqrestore(&x->wait.lock, flags);
}

/* Sleeps (wait.lock dropped) until done or timeout; returns what is left, 0 on timeout. */
static long __sched do_wait_for_common(struct completion *x, long timeout)
{
	DECLARE_WAITQUEUE(wait, current);

	if (x->done)
		goto consume;
	wait.flags |= WQ_FLAG_EXCLUSIVE;
	list_add_tail(&wait.entry, &x->wait.head);
	do {
		__set_current_state(TASK_UNINTERRUPTIBLE);
		spin_unlock_irq(&x->wait.lock);
		timeout = schedule_timeout(timeout);
		spin_lock_irq(&x->wait.lock);
	} while (!x->done && timeout);
	list_del_init(&wait.entry);
	if (!x->done)
		return timeout;
consume:
	if (x->done != UINT_MAX)
		x->done--;
	return timeout ? timeout : 1;
}

static long __sched wait_for_common(struct completion *x, long timeout)
{
	might_sleep();
	spin_lock_irq(&x->wait.lock);
	timeout = do_wait_for_common(x, timeout);
	spin_unlock_irq(&x->wait.lock);
	return timeout;
}

void __sched wait_for_completion(struct completion *x)
{
	wait_for_common(x, MAX_SCHEDULE_TIMEOUT);
}

unsigned long __sched wait_for_completion_timeout(struct completion *x, unsigned long timeout)
{
	return (unsigned long)wait_for_common(x, (long)timeout);
}

bool completion_done(struct completion *x)
{
	unsigned long flags;
	bool ret;

	spin_lock_irqsave(&x->wait.lock, flags);
	ret = x->done != 0;
	spin_unlock_irqrestore(&x->wait.lock, flags);
	return ret;
}
