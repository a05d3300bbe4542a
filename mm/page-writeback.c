/*
 * Dirty pages and their writeback (Linux 6.1's mm/page-writeback.c).
 *
 * A page cache folio of a mapping that can be written back (its bdi has
 * BDI_CAP_WRITEBACK) goes clean -> dirty (folio_mark_dirty: PG_dirty, the DIRTY tag,
 * NR_FILE_DIRTY and NR_DIRTIED counted, its inode I_DIRTY_PAGES) -> being written
 * (folio_clear_dirty_for_io, then folio_start_writeback: PG_writeback, the WRITEBACK
 * tag, NR_WRITEBACK) -> clean (folio_end_writeback: NR_WRITTEN counted, waiters woken).
 * A folio dirtied again while under writeback is both dirty and under writeback.
 *
 * The limits: of the memory that could hold page cache (global_dirtyable_memory),
 * vm.dirty_background_ratio percent (or dirty_background_bytes) may be dirty before the
 * flushers start writing in the background, vm.dirty_ratio (dirty_bytes) before writers
 * are made to wait in balance_dirty_pages.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/vmstat.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/pagemap.h>
#include <linux/rmap.h>
#include <linux/writeback.h>
#include <linux/backing-dev.h>
#include <linux/blkdev.h>
#include <linux/sysctl.h>
#include <linux/jiffies.h>
#include <linux/log2.h>
#include <linux/percpu.h>
#include <linux/flex_proportions.h>

int vm_dirty_ratio = 20;
int dirty_background_ratio = 10;
unsigned long vm_dirty_bytes;
unsigned long dirty_background_bytes;
/* Centiseconds between the flushers' periodic passes, and the age that makes data old. */
unsigned int dirty_writeback_interval = 5 * 100;
unsigned int dirty_expire_interval = 30 * 100;
int laptop_mode;


extern unsigned long totalreserve_pages;

/* ---- the limits ------------------------------------------------------------------- */

/*
 * Free pages above the reserves plus the page cache: what the page cache could grow
 * into. Linux counts the file LRU; page cache pages are not all on it here, so the
 * larger of the two counts.
 */
static unsigned long global_dirtyable_memory(void)
{
	unsigned long x = global_zone_page_state(NR_FREE_PAGES);
	unsigned long lru = global_node_page_state(NR_INACTIVE_FILE) +
			    global_node_page_state(NR_ACTIVE_FILE);

	x -= min(x, totalreserve_pages);
	x += max(lru, global_node_page_state(NR_FILE_PAGES));
	return x + 1;	/* never 0, as in Linux */
}

void global_dirty_limits(unsigned long *pbackground, unsigned long *pdirty)
{
	unsigned long available_memory = global_dirtyable_memory();
	unsigned long thresh, bg_thresh;

	if (vm_dirty_bytes)
		thresh = DIV_ROUND_UP(vm_dirty_bytes, PAGE_SIZE);
	else
		thresh = (unsigned long)vm_dirty_ratio * available_memory / 100;
	if (dirty_background_bytes)
		bg_thresh = DIV_ROUND_UP(dirty_background_bytes, PAGE_SIZE);
	else
		bg_thresh = (unsigned long)dirty_background_ratio * available_memory / 100;
	if (bg_thresh >= thresh)
		bg_thresh = thresh / 2;
	*pbackground = bg_thresh;
	*pdirty = thresh;
}

/* Setting a ratio clears its bytes twin and the other way round, as Linux's handlers do. */
int dirty_ratio_handler(struct ctl_table *table, int write, void *buffer, size_t *lenp,
			loff_t *ppos)
{
	int ret = proc_dointvec_minmax(table, write, buffer, lenp, ppos);

	if (!ret && write)
		vm_dirty_bytes = 0;
	return ret;
}

int dirty_bytes_handler(struct ctl_table *table, int write, void *buffer, size_t *lenp,
			loff_t *ppos)
{
	int ret = proc_doulongvec_minmax(table, write, buffer, lenp, ppos);

	if (!ret && write)
		vm_dirty_ratio = 0;
	return ret;
}

int dirty_background_ratio_handler(struct ctl_table *table, int write, void *buffer,
				   size_t *lenp, loff_t *ppos)
{
	int ret = proc_dointvec_minmax(table, write, buffer, lenp, ppos);

	if (!ret && write)
		dirty_background_bytes = 0;
	return ret;
}

int dirty_background_bytes_handler(struct ctl_table *table, int write, void *buffer,
				   size_t *lenp, loff_t *ppos)
{
	int ret = proc_doulongvec_minmax(table, write, buffer, lenp, ppos);

	if (!ret && write)
		dirty_background_ratio = 0;
	return ret;
}

/* A new interval takes effect now: the flushers re-arm their periodic pass. */
int dirty_writeback_centisecs_handler(struct ctl_table *table, int write, void *buffer,
				      size_t *lenp, loff_t *ppos)
{
	int ret = proc_dointvec_minmax(table, write, buffer, lenp, ppos);

	if (!ret && write)
		wakeup_flusher_threads(WB_REASON_PERIODIC);
	return ret;
}

/* ---- each device's share: bdi min_ratio and max_ratio -------------------------------- */

/* The sum of the bdis' min_ratio: under bdi_lock, below 100. */
static unsigned int bdi_min_ratio;

int bdi_set_min_ratio(struct backing_dev_info *bdi, unsigned int min_ratio)
{
	int ret = 0;

	spin_lock(&bdi_lock);
	if (min_ratio > bdi->max_ratio)
		ret = -EINVAL;
	else if (min_ratio < bdi->min_ratio)
		bdi_min_ratio -= bdi->min_ratio - min_ratio;
	else if (bdi_min_ratio + min_ratio - bdi->min_ratio < 100)
		bdi_min_ratio += min_ratio - bdi->min_ratio;
	else
		ret = -EINVAL;
	if (!ret)
		bdi->min_ratio = min_ratio;
	spin_unlock(&bdi_lock);
	return ret;
}

int bdi_set_max_ratio(struct backing_dev_info *bdi, unsigned int max_ratio)
{
	int ret = 0;

	if (max_ratio > 100)
		return -EINVAL;
	spin_lock(&bdi_lock);
	if (bdi->min_ratio > max_ratio) {
		ret = -EINVAL;
	} else {
		bdi->max_ratio = max_ratio;
		bdi->max_prop_frac = (FPROP_FRAC_BASE * max_ratio) / 100;
	}
	spin_unlock(&bdi_lock);
	return ret;
}

/* ---- each device's share of the limit (Linux's wb_domain) --------------------------- */

/* How often the bandwidth and ratelimit estimates are updated. */
#define BANDWIDTH_INTERVAL	max(HZ / 5, 1)
/* The longest a writer sleeps at once. */
#define MAX_PAUSE		max(HZ / 5, 1)
/* Writers look at the limits at least every DIRTY_POLL_THRESH pages when pauses grow. */
#define DIRTY_POLL_THRESH	(128 >> (PAGE_SHIFT - 10))
/* pos_ratio and the ratelimits are fixed point with this many fraction bits. */
#define RATELIMIT_CALC_SHIFT	10
/* Completions of each period count twice as much as those of the one before. */
#define VM_COMPLETIONS_PERIOD_LEN	(3 * HZ)

/*
 * struct wb_domain - the machine's dirty limit shared among the devices
 * @lock: covers dirty_limit and dirty_limit_tstamp
 * @completions: the pages written, all devices together (each wb's own in its completions)
 * @period_time: when the current completion period ends (jiffies); Linux ages with a
 *	timer, here the next completion or look ages by the periods passed
 * @dirty_limit: the hard limit, following thresh down slowly so a lowered limit does
 *	not stop every writer at once
 */
struct wb_domain {
	spinlock_t lock;
	struct fprop_global completions;
	unsigned long period_time;
	unsigned long dirty_limit_tstamp;
	unsigned long dirty_limit;
};

static struct wb_domain global_wb_domain = {
	.lock = __SPIN_LOCK_UNLOCKED(global_wb_domain.lock),
	.completions = {
		.lock = __SPIN_LOCK_UNLOCKED(global_wb_domain.completions.lock),
		.events = 1,
	},
};

/*
 * struct dirty_throttle_control - one look at the limits (Linux's, global domain only)
 * @avail, @dirty, @thresh, @bg_thresh: the machine's dirtyable, dirty and writeback
 *	pages and its limits; @wb_*: the same for the writer's wb
 * @pos_ratio: how much faster (> 1 << RATELIMIT_CALC_SHIFT) or slower than the wb's
 *	dirty_ratelimit the writer may go
 */
struct dirty_throttle_control {
	struct bdi_writeback *wb;
	unsigned long avail, dirty, thresh, bg_thresh;
	unsigned long wb_dirty, wb_thresh, wb_bg_thresh;
	unsigned long pos_ratio;
};

/* Pages all writers may dirty between two looks at the limits (32 until the first). */
static unsigned long ratelimit_pages = 32;
/* Pages dirtied on each cpu since its last look, whichever task dirtied them. */
static DEFINE_PER_CPU(int, bdp_ratelimits);

/* Ages the completions by the periods that have passed since the last look. */
static void writeout_period(struct wb_domain *dom)
{
	unsigned long now = jiffies, end = READ_ONCE(dom->period_time);
	int miss_periods;

	if (!end) {
		WRITE_ONCE(dom->period_time, now + VM_COMPLETIONS_PERIOD_LEN);
		return;
	}
	if (time_before(now, end))
		return;
	miss_periods = (int)((now - end) / VM_COMPLETIONS_PERIOD_LEN);
	if (fprop_new_period(&dom->completions, miss_periods + 1))
		WRITE_ONCE(dom->period_time, end + (unsigned long)(miss_periods + 1) *
			   VM_COMPLETIONS_PERIOD_LEN);
	else
		WRITE_ONCE(dom->period_time, 0);
}

/* A page of wb written: counted, and in wb's share unless it is over its max_ratio. */
static void __wb_writeout_add(struct bdi_writeback *wb)
{
	wb_stat_mod(wb, WB_WRITTEN, 1);
	writeout_period(&global_wb_domain);
	__fprop_inc_single_max(&global_wb_domain.completions, &wb->completions,
			       wb->bdi->max_prop_frac);
}

void wb_writeout_inc(struct bdi_writeback *wb)
{
	unsigned long flags;

	local_irq_save(flags);
	__wb_writeout_add(wb);
	local_irq_restore(flags);
}

static void domain_dirty_limits(struct dirty_throttle_control *dtc)
{
	global_dirty_limits(&dtc->bg_thresh, &dtc->thresh);
}

/* The hard limit, between thresh and where the dirty pages are (Linux's update_dirty_limit). */
static void update_dirty_limit(struct dirty_throttle_control *dtc)
{
	struct wb_domain *dom = &global_wb_domain;
	unsigned long thresh = max(dtc->thresh, dtc->dirty);

	if (dom->dirty_limit < dtc->thresh)
		dom->dirty_limit = dtc->thresh;
	else if (dom->dirty_limit > thresh)
		dom->dirty_limit -= (dom->dirty_limit - thresh) >> 5;
}

/* Linux's writeback_set_ratelimit: each cpu's writers look about 32 times to the limit. */
static void writeback_set_ratelimit(unsigned long dirty_limit)
{
	WRITE_ONCE(ratelimit_pages, max(dirty_limit / (num_online_cpus() * 32), 16UL));
}

static void domain_update_dirty_limit(struct dirty_throttle_control *dtc, unsigned long now)
{
	struct wb_domain *dom = &global_wb_domain;

	if (time_before(now, dom->dirty_limit_tstamp + BANDWIDTH_INTERVAL))
		return;
	spin_lock(&dom->lock);
	if (time_after_eq(now, dom->dirty_limit_tstamp + BANDWIDTH_INTERVAL)) {
		update_dirty_limit(dtc);
		dom->dirty_limit_tstamp = now;
		writeback_set_ratelimit(dom->dirty_limit);
	}
	spin_unlock(&dom->lock);
}

static unsigned long hard_dirty_limit(unsigned long thresh)
{
	return max(thresh, READ_ONCE(global_wb_domain.dirty_limit));
}

/* Below the midpoint of the two limits writers are not slowed at all. */
static unsigned long dirty_freerun_ceiling(unsigned long thresh, unsigned long bg_thresh)
{
	return (thresh + bg_thresh) / 2;
}

/*
 * wb's share of the limit: thresh less what the min_ratios keep, in proportion to wb's
 * share of recent writeout, plus its own min_ratio, at most its max_ratio.
 */
static unsigned long __wb_calc_thresh(struct dirty_throttle_control *dtc)
{
	struct backing_dev_info *bdi = dtc->wb->bdi;
	unsigned long thresh = dtc->thresh, numerator, denominator;
	u64 wb_thresh;

	writeout_period(&global_wb_domain);
	fprop_fraction_single(&global_wb_domain.completions, &dtc->wb->completions,
			      &numerator, &denominator);
	wb_thresh = (u64)thresh * (100 - READ_ONCE(bdi_min_ratio)) / 100;
	wb_thresh = wb_thresh * numerator / denominator;
	wb_thresh += (u64)thresh * bdi->min_ratio / 100;
	return (unsigned long)min_t(u64, wb_thresh, (u64)thresh * bdi->max_ratio / 100);
}

unsigned long wb_calc_thresh(struct bdi_writeback *wb, unsigned long thresh)
{
	struct dirty_throttle_control dtc = { .wb = wb, .thresh = thresh };

	return __wb_calc_thresh(&dtc);
}

bool wb_over_bg_thresh(struct bdi_writeback *wb)
{
	unsigned long bg_thresh, thresh;

	global_dirty_limits(&bg_thresh, &thresh);
	if (global_node_page_state(NR_FILE_DIRTY) > bg_thresh)
		return true;
	return wb_stat(wb, WB_RECLAIMABLE) > wb_calc_thresh(wb, bg_thresh);
}

static void wb_dirty_limits(struct dirty_throttle_control *dtc)
{
	struct bdi_writeback *wb = dtc->wb;

	dtc->wb_thresh = __wb_calc_thresh(dtc);
	dtc->wb_bg_thresh = dtc->thresh ? (unsigned long)((u64)dtc->wb_thresh * dtc->bg_thresh /
							    dtc->thresh) : 0;
	dtc->wb_dirty = wb_stat(wb, WB_RECLAIMABLE) + wb_stat(wb, WB_WRITEBACK);
}

/* 1 at the setpoint, 2 at the freerun end, 0 at the limit: a cubic through them. */
static long long pos_ratio_polynom(unsigned long setpoint, unsigned long dirty,
				   unsigned long limit)
{
	long long x = (((long long)setpoint - (long long)dirty) << RATELIMIT_CALC_SHIFT) /
		      (long long)((limit - setpoint) | 1);
	long long pos_ratio = x;

	pos_ratio = pos_ratio * x >> RATELIMIT_CALC_SHIFT;
	pos_ratio = pos_ratio * x >> RATELIMIT_CALC_SHIFT;
	pos_ratio += 1 << RATELIMIT_CALC_SHIFT;
	return clamp(pos_ratio, 0LL, 2LL << RATELIMIT_CALC_SHIFT);
}

/*
 * The global control line (pos_ratio_polynom) scaled by wb's own: a line through wb's
 * share of the setpoint, falling to 0 a few seconds of its writeback past it, so a
 * device over its share slows while one under it may go faster (Linux's
 * wb_position_ratio without BDI_CAP_STRICTLIMIT).
 */
static void wb_position_ratio(struct dirty_throttle_control *dtc)
{
	unsigned long write_bw = READ_ONCE(dtc->wb->avg_write_bandwidth);
	unsigned long freerun = dirty_freerun_ceiling(dtc->thresh, dtc->bg_thresh);
	unsigned long limit = hard_dirty_limit(dtc->thresh);
	unsigned long wb_thresh = dtc->wb_thresh, setpoint, wb_setpoint, span, x_intercept;
	long long pos_ratio;
	u64 x;

	dtc->pos_ratio = 0;
	if (unlikely(dtc->dirty >= limit))
		return;
	setpoint = (freerun + limit) / 2;
	pos_ratio = pos_ratio_polynom(setpoint, dtc->dirty, limit);
	wb_thresh = min(wb_thresh, dtc->thresh);
	/* A device that just started has no share yet: give it an eighth of the room. */
	wb_thresh = max(wb_thresh, (limit - dtc->dirty) / 8);
	x = ((u64)wb_thresh << 16) / (dtc->thresh | 1);
	wb_setpoint = (unsigned long)(setpoint * x >> 16);
	span = (unsigned long)((dtc->thresh - wb_thresh + 8 * write_bw) * x >> 16);
	x_intercept = wb_setpoint + span;
	if (dtc->wb_dirty < x_intercept - span / 4)
		pos_ratio = pos_ratio * (long long)(x_intercept - dtc->wb_dirty) /
			    (long long)((x_intercept - wb_setpoint) | 1);
	else
		pos_ratio /= 4;
	/* Far under its share, the device's writers may go up to 8 times faster. */
	x_intercept = wb_thresh / 2;
	if (dtc->wb_dirty < x_intercept) {
		if (dtc->wb_dirty > x_intercept / 8)
			pos_ratio = pos_ratio * (long long)x_intercept / (long long)dtc->wb_dirty;
		else
			pos_ratio *= 8;
	}
	dtc->pos_ratio = (unsigned long)pos_ratio;
}

/* The write rate of the last interval, smoothed over about 3 s (pages/s). */
static void wb_update_write_bandwidth(struct bdi_writeback *wb, unsigned long elapsed,
				      unsigned long written)
{
	const unsigned long period = roundup_pow_of_two(3 * HZ);
	unsigned long avg = wb->avg_write_bandwidth, old = wb->write_bandwidth;
	u64 bw = (u64)(written - min(written, wb->written_stamp)) * HZ;

	if (unlikely(elapsed > period)) {
		bw /= elapsed;
		avg = (unsigned long)bw;
	} else {
		bw += (u64)wb->write_bandwidth * (period - elapsed);
		bw >>= ilog2(period);
		/* avg moves an eighth of the way, and only toward both old and bw. */
		if (avg > old && old >= (unsigned long)bw)
			avg -= (avg - old) >> 3;
		if (avg < old && old <= (unsigned long)bw)
			avg += (old - avg) >> 3;
	}
	wb->write_bandwidth = (unsigned long)bw;
	WRITE_ONCE(wb->avg_write_bandwidth, max(avg, 1UL));
}

/*
 * The rate at which the writers of wb, together, dirty as fast as wb writes:
 * balanced_dirty_ratelimit = task_ratelimit * write_bw / dirty_rate; dirty_ratelimit
 * steps toward it, only when pos_ratio agrees, by a fraction of the gap.
 */
static void wb_update_dirty_ratelimit(struct dirty_throttle_control *dtc, unsigned long dirtied,
				      unsigned long elapsed)
{
	struct bdi_writeback *wb = dtc->wb;
	unsigned long freerun = dirty_freerun_ceiling(dtc->thresh, dtc->bg_thresh);
	unsigned long setpoint = (freerun + hard_dirty_limit(dtc->thresh)) / 2;
	unsigned long write_bw = wb->avg_write_bandwidth, dirty_ratelimit = wb->dirty_ratelimit;
	unsigned long dirty_rate, task_ratelimit, balanced_dirty_ratelimit, step = 0, x, shift;

	dirty_rate = (dirtied - wb->dirtied_stamp) * HZ / elapsed;
	task_ratelimit = (unsigned long)((u64)dirty_ratelimit * dtc->pos_ratio >>
					 RATELIMIT_CALC_SHIFT);
	task_ratelimit++;	/* so a tiny dirty_ratelimit can grow */
	balanced_dirty_ratelimit = (unsigned long)((u64)task_ratelimit * write_bw /
						   (dirty_rate | 1));
	balanced_dirty_ratelimit = min(balanced_dirty_ratelimit, write_bw);
	if (dtc->dirty < setpoint) {
		x = min3(wb->balanced_dirty_ratelimit, balanced_dirty_ratelimit, task_ratelimit);
		if (dirty_ratelimit < x)
			step = x - dirty_ratelimit;
	} else {
		x = max3(wb->balanced_dirty_ratelimit, balanced_dirty_ratelimit, task_ratelimit);
		if (dirty_ratelimit > x)
			step = dirty_ratelimit - x;
	}
	/* Large steps when the gap is large for the rate, tiny ones near it. */
	shift = dirty_ratelimit / (2 * step + 1);
	step = shift < BITS_PER_LONG ? DIV_ROUND_UP(step >> shift, 8) : 0;
	if (dirty_ratelimit < balanced_dirty_ratelimit)
		dirty_ratelimit += step;
	else
		dirty_ratelimit -= step;
	WRITE_ONCE(wb->dirty_ratelimit, max(dirty_ratelimit, 1UL));
	wb->balanced_dirty_ratelimit = balanced_dirty_ratelimit;
}

/* The estimates, from what wb dirtied and wrote since the last update; gdtc NULL: bandwidth only. */
static void __wb_update_bandwidth(struct bdi_writeback *wb, struct dirty_throttle_control *gdtc)
{
	unsigned long now = jiffies, elapsed, dirtied, written;

	spin_lock(&wb->list_lock);
	elapsed = max(now - wb->bw_time_stamp, 1UL);
	dirtied = wb_stat(wb, WB_DIRTIED);
	written = wb_stat(wb, WB_WRITTEN);
	if (gdtc) {
		domain_update_dirty_limit(gdtc, now);
		wb_update_dirty_ratelimit(gdtc, dirtied, elapsed);
	}
	wb_update_write_bandwidth(wb, elapsed, written);
	wb->dirtied_stamp = dirtied;
	wb->written_stamp = written;
	WRITE_ONCE(wb->bw_time_stamp, now);
	spin_unlock(&wb->list_lock);
}

/* ---- throttling writers ------------------------------------------------------------ */

/* Pages until the next look: about the square root of the room left under the limit. */
static unsigned long dirty_poll_interval(unsigned long dirty, unsigned long thresh)
{
	if (thresh > dirty)
		return 1UL << (ilog2(thresh - dirty) >> 1);
	return 1;
}

/* A pause short enough that wb's writeback does not run dry meanwhile. */
static unsigned long wb_max_pause(struct bdi_writeback *wb, unsigned long wb_dirty)
{
	unsigned long bw = READ_ONCE(wb->avg_write_bandwidth);
	unsigned long t = wb_dirty / (1 + bw / roundup_pow_of_two(1 + HZ / 8)) + 1;

	return min_t(unsigned long, t, MAX_PAUSE);
}

/*
 * The shortest pause worth sleeping, and (*nr_dirtied_pause) the pages to dirty before
 * the next look, so that pauses are neither too short to be precise nor too long.
 */
static long wb_min_pause(struct bdi_writeback *wb, long max_pause, unsigned long task_ratelimit,
			 unsigned long dirty_ratelimit, int *nr_dirtied_pause)
{
	long hi = ilog2(READ_ONCE(wb->avg_write_bandwidth));
	long lo = ilog2(READ_ONCE(wb->dirty_ratelimit));
	long t = max(1, HZ / 100), pause;
	int pages;

	/* Longer pauses when several writers share the bandwidth. */
	if (hi > lo)
		t += (hi - lo) * (10 * HZ) / 1024;
	t = min(t, 1 + max_pause / 2);
	pages = (int)(dirty_ratelimit * (unsigned long)t / roundup_pow_of_two(HZ));
	if (pages < DIRTY_POLL_THRESH) {
		t = max_pause;
		pages = (int)(dirty_ratelimit * (unsigned long)t / roundup_pow_of_two(HZ));
		if (pages > DIRTY_POLL_THRESH) {
			pages = DIRTY_POLL_THRESH;
			t = (long)(HZ * DIRTY_POLL_THRESH / dirty_ratelimit);
		}
	}
	pause = (long)(HZ * (unsigned long)pages / (task_ratelimit + 1));
	if (pause > max_pause) {
		t = max_pause;
		pages = (int)(task_ratelimit * (unsigned long)t / roundup_pow_of_two(HZ));
	}
	*nr_dirtied_pause = pages;
	return pages >= DIRTY_POLL_THRESH ? 1 + t / 2 : t;
}

/* One look at the limits: the machine's, then wb's share; false below the free-run ceiling. */
static bool balance_dirty_look(struct dirty_throttle_control *dtc)
{
	dtc->dirty = global_node_page_state(NR_FILE_DIRTY) + global_node_page_state(NR_WRITEBACK);
	domain_dirty_limits(dtc);
	if (dtc->dirty <= dirty_freerun_ceiling(dtc->thresh, dtc->bg_thresh)) {
		current->dirty_paused_when = jiffies;
		current->nr_dirtied = 0;
		current->nr_dirtied_pause = (int)dirty_poll_interval(dtc->dirty, dtc->thresh);
		return false;
	}
	if (!test_bit(WB_writeback_running, &dtc->wb->state))
		wb_start_background_writeback(dtc->wb);
	wb_dirty_limits(dtc);
	WRITE_ONCE(dtc->wb->dirty_exceeded,
		   dtc->wb_dirty > dtc->wb_thresh && dtc->dirty > dtc->thresh);
	if (time_is_before_jiffies(READ_ONCE(dtc->wb->bw_time_stamp) + BANDWIDTH_INTERVAL))
		__wb_update_bandwidth(dtc->wb, dtc);
	wb_position_ratio(dtc);
	return true;
}

/*
 * Sleeps so that the task dirties at task_ratelimit: the wb's dirty_ratelimit scaled by
 * pos_ratio, which falls as the machine nears its limit and as wb goes over its share.
 * A writer on a device under its share therefore goes on at full speed while another
 * device's dirty pages hold the machine near the limit.
 */
static void balance_dirty_pages(struct bdi_writeback *wb, unsigned long pages_dirtied)
{
	struct dirty_throttle_control dtc = { .wb = wb };
	unsigned long task_ratelimit, now;
	long period, pause, max_pause, min_pause;
	int nr_dirtied_pause;

	for (;;) {
		now = jiffies;
		if (!balance_dirty_look(&dtc))
			break;
		task_ratelimit = (unsigned long)((u64)wb->dirty_ratelimit * dtc.pos_ratio >>
						 RATELIMIT_CALC_SHIFT);
		max_pause = (long)wb_max_pause(wb, dtc.wb_dirty);
		min_pause = wb_min_pause(wb, max_pause, task_ratelimit, wb->dirty_ratelimit,
					 &nr_dirtied_pause);
		if (unlikely(task_ratelimit == 0)) {
			period = pause = max_pause;
		} else {
			period = (long)(HZ * pages_dirtied / task_ratelimit);
			pause = period;
			if (current->dirty_paused_when)
				pause -= (long)(now - current->dirty_paused_when);
			/* Too short to sleep: carry the time over to the next look. */
			if (pause < min_pause) {
				if (pause < -HZ) {
					current->dirty_paused_when = now;
					current->nr_dirtied = 0;
				} else if (period) {
					current->dirty_paused_when += (unsigned long)period;
					current->nr_dirtied = 0;
				} else if (current->nr_dirtied_pause <= (int)pages_dirtied) {
					current->nr_dirtied_pause += (int)pages_dirtied;
				}
				break;
			}
			if (pause > max_pause) {
				now += min(pause - max_pause, max_pause);
				pause = max_pause;
			}
		}
		set_current_state(TASK_KILLABLE);
		schedule_timeout(pause);
		current->dirty_paused_when = now + (unsigned long)pause;
		current->nr_dirtied = 0;
		current->nr_dirtied_pause = nr_dirtied_pause;
		/* At a positive rate one pause is the whole payment; at 0, wait for writeback. */
		if (task_ratelimit || dtc.wb_dirty <= 1 || fatal_signal_pending(current))
			break;
	}
}

void balance_dirty_pages_ratelimited(struct address_space *mapping)
{
	struct bdi_writeback *wb;
	int ratelimit, *p;

	if (!mapping_can_writeback(mapping))
		return;
	wb = inode_to_wb(mapping->host);
	ratelimit = current->nr_dirtied_pause;
	/* Over its share: look often, to stop before going further over. */
	if (READ_ONCE(wb->dirty_exceeded))
		ratelimit = min(ratelimit, 32 >> (PAGE_SHIFT - 10));
	preempt_disable();
	/* Many tasks each dirtying a little still make this cpu's writers look. */
	p = this_cpu_ptr(&bdp_ratelimits);
	if (unlikely(current->nr_dirtied >= ratelimit)) {
		*p = 0;
	} else if (unlikely(*p >= (int)READ_ONCE(ratelimit_pages))) {
		*p = 0;
		ratelimit = 0;
	}
	preempt_enable();
	if (unlikely(current->nr_dirtied >= ratelimit))
		balance_dirty_pages(wb, (unsigned long)current->nr_dirtied);
}

/* ---- dirtying ------------------------------------------------------------------- */

/* Counts a folio that became dirty in a mapping that writes back. */
static void folio_account_dirtied(struct folio *folio, struct address_space *mapping)
{
	struct bdi_writeback *wb;

	if (!mapping_can_writeback(mapping))
		return;
	wb = inode_to_wb(mapping->host);
	mod_node_page_state(folio_pgdat(folio), NR_FILE_DIRTY, 1);
	mod_node_page_state(folio_pgdat(folio), NR_DIRTIED, 1);
	wb_stat_mod(wb, WB_RECLAIMABLE, 1);
	wb_stat_mod(wb, WB_DIRTIED, 1);
	current->nr_dirtied++;
	this_cpu_inc(bdp_ratelimits);
}

/* The dirty folio is clean again (being written, truncated, cancelled). */
static void folio_account_cleaned(struct folio *folio, struct bdi_writeback *wb)
{
	mod_node_page_state(folio_pgdat(folio), NR_FILE_DIRTY, -1);
	wb_stat_mod(wb, WB_RECLAIMABLE, -1);
}

void __folio_mark_dirty(struct folio *folio, struct address_space *mapping, int warn)
{
	unsigned long flags;

	xa_lock_irqsave(&mapping->i_pages, flags);
	if (folio->mapping) {	/* Not truncated meanwhile */
		WARN_ON_ONCE(warn && !folio_test_uptodate(folio));
		folio_account_dirtied(folio, mapping);
		__xa_set_mark(&mapping->i_pages, folio_index(folio), PAGECACHE_TAG_DIRTY);
	}
	xa_unlock_irqrestore(&mapping->i_pages, flags);
}

bool filemap_dirty_folio(struct address_space *mapping, struct folio *folio)
{
	if (folio_test_set_dirty(folio))
		return false;
	__folio_mark_dirty(folio, mapping, !folio_test_private(folio));
	if (mapping->host)
		__mark_inode_dirty(mapping->host, I_DIRTY_PAGES);
	return true;
}

bool noop_dirty_folio(struct address_space *mapping, struct folio *folio)
{
	if (!folio_test_dirty(folio))
		return !folio_test_set_dirty(folio);
	return false;
}

bool folio_mark_dirty(struct folio *folio)
{
	struct address_space *mapping = folio_mapping(folio);

	if (mapping && mapping->a_ops->dirty_folio)
		return mapping->a_ops->dirty_folio(mapping, folio);
	return noop_dirty_folio(mapping, folio);
}

bool set_page_dirty(struct page *page)
{
	return folio_mark_dirty(page_folio(page));
}

bool set_page_dirty_lock(struct page *page)
{
	bool ret;

	lock_page(page);
	ret = set_page_dirty(page);
	unlock_page(page);
	return ret;
}

void folio_cancel_dirty(struct folio *folio)
{
	struct address_space *mapping = folio_mapping(folio);
	unsigned long flags;

	/* Clean already, the common case (reclaim's release of buffers): no lock taken. */
	if (!folio_test_dirty(folio))
		return;
	if (!mapping || !mapping_can_writeback(mapping)) {
		folio_clear_dirty(folio);
		return;
	}
	xa_lock_irqsave(&mapping->i_pages, flags);
	if (folio_test_clear_dirty(folio)) {
		folio_account_cleaned(folio, inode_to_wb(mapping->host));
		if (folio->mapping)
			__xa_clear_mark(&mapping->i_pages, folio_index(folio), PAGECACHE_TAG_DIRTY);
	}
	xa_unlock_irqrestore(&mapping->i_pages, flags);
}

/*
 * The DIRTY tag stays until folio_start_writeback, so the folio is still found by a
 * tagged walk in between (Linux's order). Shared mappings are write-protected first
 * (folio_mkclean): a store made through one before counts now, and the next one
 * faults (->page_mkwrite) and dirties the folio again.
 */
bool folio_clear_dirty_for_io(struct folio *folio)
{
	struct address_space *mapping = folio_mapping(folio);

	VM_BUG_ON_PAGE(!folio_test_locked(folio), &folio->page);
	if (mapping && mapping_can_writeback(mapping)) {
		if (folio_mkclean(folio))
			folio_mark_dirty(folio);
		if (folio_test_clear_dirty(folio)) {
			folio_account_cleaned(folio, inode_to_wb(mapping->host));
			return true;
		}
		return false;
	}
	return folio_test_clear_dirty(folio);
}

bool clear_page_dirty_for_io(struct page *page)
{
	return folio_clear_dirty_for_io(page_folio(page));
}

void folio_account_redirty(struct folio *folio)
{
	struct address_space *mapping = folio->mapping;

	if (mapping && mapping_can_writeback(mapping)) {
		mod_node_page_state(folio_pgdat(folio), NR_DIRTIED, -1);
		wb_stat_mod(inode_to_wb(mapping->host), WB_DIRTIED, -1);
		current->nr_dirtied--;
	}
}

bool folio_redirty_for_writepage(struct writeback_control *wbc, struct folio *folio)
{
	bool ret;

	wbc->pages_skipped++;
	ret = folio_mark_dirty(folio);
	folio_account_redirty(folio);
	return ret;
}

bool redirty_page_for_writepage(struct writeback_control *wbc, struct page *page)
{
	return folio_redirty_for_writepage(wbc, page_folio(page));
}

/* ---- the writeback bit --------------------------------------------------------------- */

bool __folio_start_writeback(struct folio *folio, bool keep_write)
{
	struct address_space *mapping = folio_mapping(folio);
	unsigned long flags;
	bool ret;

	VM_BUG_ON_PAGE(!folio_test_locked(folio), &folio->page);
	if (!mapping)
		return folio_test_set_writeback(folio);
	xa_lock_irqsave(&mapping->i_pages, flags);
	ret = folio_test_set_writeback(folio);
	if (!ret) {
		__xa_set_mark(&mapping->i_pages, folio_index(folio), PAGECACHE_TAG_WRITEBACK);
		if (mapping_can_writeback(mapping)) {
			mod_node_page_state(folio_pgdat(folio), NR_WRITEBACK, 1);
			wb_stat_mod(inode_to_wb(mapping->host), WB_WRITEBACK, 1);
		}
	}
	if (!folio_test_dirty(folio))
		__xa_clear_mark(&mapping->i_pages, folio_index(folio), PAGECACHE_TAG_DIRTY);
	if (!keep_write)
		__xa_clear_mark(&mapping->i_pages, folio_index(folio), PAGECACHE_TAG_TOWRITE);
	xa_unlock_irqrestore(&mapping->i_pages, flags);
	return ret;
}

/* Clears PG_writeback and its tag and counts the page written; whether it was set. */
static bool __folio_end_writeback(struct folio *folio)
{
	struct address_space *mapping = folio_mapping(folio);
	unsigned long flags;
	bool ret;

	if (!mapping)
		return TestClearPageWriteback(&folio->page);
	xa_lock_irqsave(&mapping->i_pages, flags);
	ret = TestClearPageWriteback(&folio->page);
	if (ret) {
		__xa_clear_mark(&mapping->i_pages, folio_index(folio), PAGECACHE_TAG_WRITEBACK);
		if (mapping_can_writeback(mapping)) {
			struct bdi_writeback *wb = inode_to_wb(mapping->host);

			mod_node_page_state(folio_pgdat(folio), NR_WRITEBACK, -1);
			mod_node_page_state(folio_pgdat(folio), NR_WRITTEN, 1);
			wb_stat_mod(wb, WB_WRITEBACK, -1);
			__wb_writeout_add(wb);
		}
	}
	xa_unlock_irqrestore(&mapping->i_pages, flags);
	return ret;
}

void folio_end_writeback(struct folio *folio)
{
	if (folio_test_reclaim(folio))
		folio_clear_reclaim(folio);
	/* Our reference keeps the folio while the waiters are woken after the bit clears. */
	folio_get(folio);
	if (!__folio_end_writeback(folio))
		BUG();
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	folio_wake_bit(folio, PG_writeback);
	folio_put(folio);
}

void end_page_writeback(struct page *page)
{
	folio_end_writeback(page_folio(page));
}

/* ---- writing a mapping's dirty folios --------------------------------------------- */

void tag_pages_for_writeback(struct address_space *mapping, pgoff_t start, pgoff_t end)
{
	unsigned long index = start;
	unsigned long flags;

	xa_lock_irqsave(&mapping->i_pages, flags);
	while (index <= end &&
	       __xa_find_marked(&mapping->i_pages, &index, end, PAGECACHE_TAG_DIRTY)) {
		__xa_set_mark(&mapping->i_pages, index, PAGECACHE_TAG_TOWRITE);
		if (index++ == end)
			break;
	}
	xa_unlock_irqrestore(&mapping->i_pages, flags);
}

/*
 * Whether the folio (locked, from a tagged walk) is still one to write: still in the
 * mapping, still dirty, and not under writeback (WB_SYNC_ALL waits for that one).
 */
static bool folio_prepare_for_write(struct address_space *mapping, struct folio *folio,
				    struct writeback_control *wbc)
{
	if (unlikely(folio->mapping != mapping) || !folio_test_dirty(folio))
		return false;
	if (folio_test_writeback(folio)) {
		if (wbc->sync_mode == WB_SYNC_NONE)
			return false;
		folio_wait_writeback(folio);
	}
	return folio_clear_dirty_for_io(folio);
}

/* The walk's range and tag, from wbc (Linux's write_cache_pages preamble). */
static xa_mark_t wbc_range(struct address_space *mapping, struct writeback_control *wbc,
			   pgoff_t *index, pgoff_t *end)
{
	if (wbc->range_cyclic) {
		*index = mapping->writeback_index;
		*end = ULONG_MAX;
	} else {
		*index = (pgoff_t)(wbc->range_start >> PAGE_SHIFT);
		*end = (pgoff_t)(wbc->range_end >> PAGE_SHIFT);
	}
	if (wbc->sync_mode == WB_SYNC_ALL || wbc->tagged_writepages) {
		/* Only what is dirty now: pages dirtied during the walk cannot keep it going. */
		tag_pages_for_writeback(mapping, *index, *end);
		return PAGECACHE_TAG_TOWRITE;
	}
	return PAGECACHE_TAG_DIRTY;
}

int write_cache_pages(struct address_space *mapping, struct writeback_control *wbc,
		      writepage_t writepage, void *data)
{
	struct folio_batch fbatch;
	pgoff_t index, end, done_index;
	xa_mark_t tag = wbc_range(mapping, wbc, &index, &end);
	int ret = 0, error;
	bool done = false;

	folio_batch_init(&fbatch);
	done_index = index;
	while (!done && index <= end) {
		unsigned int nr = filemap_get_folios_tag(mapping, &index, end, tag, &fbatch);

		if (!nr)
			break;
		for (unsigned int i = 0; i < nr; i++) {
			struct folio *folio = fbatch.folios[i];

			done_index = folio->index;
			folio_lock(folio);
			if (!folio_prepare_for_write(mapping, folio, wbc)) {
				folio_unlock(folio);
				continue;
			}
			error = writepage(folio, wbc, data);
			if (unlikely(error)) {
				/* The first error is returned; WB_SYNC_ALL goes on with the rest. */
				if (!ret)
					ret = error;
				if (wbc->sync_mode == WB_SYNC_NONE) {
					done_index = folio->index + 1;
					done = true;
					break;
				}
			}
			if (--wbc->nr_to_write <= 0 && wbc->sync_mode == WB_SYNC_NONE) {
				done_index = folio->index + 1;
				done = true;
				break;
			}
		}
		folio_batch_release(&fbatch);
	}
	if (wbc->range_cyclic)
		mapping->writeback_index = done ? done_index : 0;
	return ret;
}

/* write_cache_pages's callback for ->writepage; records the error for fsync. */
static int __writepage(struct folio *folio, struct writeback_control *wbc, void *data)
{
	struct address_space *mapping = data;
	int ret = mapping->a_ops->writepage(&folio->page, wbc);

	mapping_set_error(mapping, ret);
	return ret;
}

int generic_writepages(struct address_space *mapping, struct writeback_control *wbc)
{
	struct blk_plug plug;
	int ret;

	if (!mapping->a_ops->writepage)
		return 0;
	/* Adjacent blocks of consecutive pages reach the disk as one request. */
	blk_start_plug(&plug);
	ret = write_cache_pages(mapping, wbc, __writepage, mapping);
	blk_finish_plug(&plug);
	return ret;
}

int do_writepages(struct address_space *mapping, struct writeback_control *wbc)
{
	struct bdi_writeback *wb;
	int ret;

	if (wbc->nr_to_write <= 0)
		return 0;
	wb = inode_to_wb(mapping->host);
	for (;;) {
		if (mapping->a_ops->writepages)
			ret = mapping->a_ops->writepages(mapping, wbc);
		else
			ret = generic_writepages(mapping, wbc);
		/* Under a steady stream of writeback the bandwidth estimate stays fresh. */
		if (time_is_before_jiffies(READ_ONCE(wb->bw_time_stamp) + BANDWIDTH_INTERVAL))
			__wb_update_bandwidth(wb, NULL);
		/* Out of memory for a WB_SYNC_ALL pass: wait a little and retry it. */
		if (ret != -ENOMEM || wbc->sync_mode != WB_SYNC_ALL)
			break;
		schedule_timeout_uninterruptible(max(1, HZ / 50));
	}
	return ret;
}
