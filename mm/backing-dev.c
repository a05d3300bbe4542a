/*
 * Backing devices (Linux 6.1's mm/backing-dev.c): the registry of bdis (bdi_list), each
 * with its flusher thread, and noop_backing_dev_info for file systems with nothing to
 * write back. A block device registers its bdi when its disk is added; its super blocks
 * point at it (sb->s_bdi) and their dirty inodes queue on its wb.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/kthread.h>
#include <linux/string.h>
#include <linux/backing-dev.h>

/* Readahead's largest window by default: 128 KiB, as Linux's VM_READAHEAD_PAGES. */
#define VM_READAHEAD_PAGES	(SZ_128K / PAGE_SIZE)

LIST_HEAD(bdi_list);
DEFINE_SPINLOCK(bdi_lock);

static void wb_init(struct bdi_writeback *wb, struct backing_dev_info *bdi)
{
	wb->bdi = bdi;
	spin_lock_init(&wb->list_lock);
	INIT_LIST_HEAD(&wb->b_dirty);
	INIT_LIST_HEAD(&wb->b_io);
	INIT_LIST_HEAD(&wb->b_more_io);
	INIT_LIST_HEAD(&wb->b_dirty_time);
	spin_lock_init(&wb->work_lock);
	INIT_LIST_HEAD(&wb->work_list);
	init_waitqueue_head(&wb->wait);
}

struct backing_dev_info noop_backing_dev_info = {
	.ra_pages = VM_READAHEAD_PAGES,
	.io_pages = VM_READAHEAD_PAGES,
	.dev_name = "noop",
	.refcnt = 1,
	.wb = {
		.bdi = &noop_backing_dev_info,
		.list_lock = __SPIN_LOCK_UNLOCKED(noop_backing_dev_info.wb.list_lock),
		.b_dirty = LIST_HEAD_INIT(noop_backing_dev_info.wb.b_dirty),
		.b_io = LIST_HEAD_INIT(noop_backing_dev_info.wb.b_io),
		.b_more_io = LIST_HEAD_INIT(noop_backing_dev_info.wb.b_more_io),
		.b_dirty_time = LIST_HEAD_INIT(noop_backing_dev_info.wb.b_dirty_time),
		.work_lock = __SPIN_LOCK_UNLOCKED(noop_backing_dev_info.wb.work_lock),
		.work_list = LIST_HEAD_INIT(noop_backing_dev_info.wb.work_list),
		.wait = __WAIT_QUEUE_HEAD_INITIALIZER(noop_backing_dev_info.wb.wait),
	},
};

struct backing_dev_info *bdi_alloc(int node_id)
{
	struct backing_dev_info *bdi = kzalloc(sizeof(*bdi), GFP_KERNEL);

	if (!bdi)
		return NULL;
	bdi->refcnt = 1;
	bdi->ra_pages = VM_READAHEAD_PAGES;
	bdi->io_pages = VM_READAHEAD_PAGES;
	bdi->capabilities = BDI_CAP_WRITEBACK | BDI_CAP_WRITEBACK_ACCT;
	bdi->max_ratio = 100;
	INIT_LIST_HEAD(&bdi->bdi_list);
	wb_init(&bdi->wb, bdi);
	return bdi;
}

int bdi_register(struct backing_dev_info *bdi, const char *fmt, ...)
{
	struct task_struct *task;
	va_list args;

	va_start(args, fmt);
	vsnprintf(bdi->dev_name, sizeof(bdi->dev_name), fmt, args);
	va_end(args);
	task = kthread_run(wb_thread, &bdi->wb, "flush-%s", bdi->dev_name);
	if (IS_ERR(task))
		return (int)PTR_ERR(task);
	bdi->wb.task = task;
	set_bit(WB_registered, &bdi->wb.state);
	spin_lock(&bdi_lock);
	list_add_tail(&bdi->bdi_list, &bdi_list);
	spin_unlock(&bdi_lock);
	return 0;
}

void bdi_unregister(struct backing_dev_info *bdi)
{
	if (!test_and_clear_bit(WB_registered, &bdi->wb.state))
		return;
	spin_lock(&bdi_lock);
	list_del_init(&bdi->bdi_list);
	spin_unlock(&bdi_lock);
	kthread_stop(bdi->wb.task);
	bdi->wb.task = NULL;
}

void bdi_put(struct backing_dev_info *bdi)
{
	if (__atomic_sub_fetch(&bdi->refcnt, 1, __ATOMIC_ACQ_REL))
		return;
	bdi_unregister(bdi);
	kfree(bdi);
}

void wb_wakeup(struct bdi_writeback *wb)
{
	if (!test_bit(WB_registered, &wb->state))
		return;
	__atomic_fetch_add(&wb->wakeups, 1, __ATOMIC_RELEASE);
	wake_up(&wb->wait);
}

void wb_start_background_writeback(struct bdi_writeback *wb)
{
	/* The flusher checks the threshold itself (wb_do_writeback). */
	if (!test_bit(WB_writeback_running, &wb->state))
		wb_wakeup(wb);
}

void wb_writeback_done(struct bdi_writeback *wb)
{
	__atomic_fetch_add(&wb->written, 1, __ATOMIC_RELAXED);
}
