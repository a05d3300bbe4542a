/*
 * The lock validator (Linux's kernel/locking/lockdep.c, much smaller; what it checks is
 * in linux/lockdep.h). Lock classes, each task's held locks, the dependency graph of
 * classes, the hardirq usage of each class, and the reports in Linux's wording.
 *
 * Classes are lock_classes[1..nr_lock_classes - 1] (index 0 means none), found by their
 * key byte through classhash_table; a published class never changes key, so lookups
 * take no lock. The graph is two bit matrices: lock_after[a] has bit b once b was taken
 * with a held (both in the same context, task or hardirq), lock_before[b] has bit a;
 * list_entries records where each dependency was first seen, for the reports. Usage
 * bits (enum lock_usage_bit) only ever grow. lockdep_lock, an arch lock taken with irqs
 * off, serialises every change to classes, graph and usage; the bits are read without it
 * first, so a dependency or usage already known costs no lock.
 */
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/bitmap.h>
#include <linux/irqflags.h>
#include <linux/preempt.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <asm/spinlock.h>
#include <asm/stacktrace.h>

#include <linux/sched.h>
#include <asm/sections.h>

#ifdef CONFIG_PROVE_LOCKING
#ifndef __KERNEL__
/* Host tests: the kernel's release string comes from the kernel build only. */
#define UTS_RELEASE		"host"
#endif

#define lockdep_curr()		(&current->lockdep)
#define curr_comm()		(current->comm)
#define curr_pid()		(current->pid)

#define MAX_LOCKDEP_KEYS	512
#define MAX_LOCKDEP_ENTRIES	4096
#define CLASSHASH_SIZE		256
#define DEP_LONGS		BITS_TO_LONGS(MAX_LOCKDEP_KEYS)

/* Linux's bits: bit 0 says read, bit 1 says direction (in irq / with irqs on). */
enum lock_usage_bit {
	LOCK_USED_IN_HARDIRQ,
	LOCK_USED_IN_HARDIRQ_READ,
	LOCK_ENABLED_HARDIRQ,
	LOCK_ENABLED_HARDIRQ_READ,
	LOCK_USAGE_STATES
};
#define LOCK_USAGE_READ_MASK	1
#define LOCK_USAGE_DIR_MASK	2
#define LOCKF_USED_IN_HARDIRQ_ANY						\
	((1U << LOCK_USED_IN_HARDIRQ) | (1U << LOCK_USED_IN_HARDIRQ_READ))

static const char *const usage_str[LOCK_USAGE_STATES] = {
	"IN-HARDIRQ-W", "IN-HARDIRQ-R", "HARDIRQ-ON-W", "HARDIRQ-ON-R",
};

struct lock_class {
	const void *key;		/* the key byte: the class's identity */
	struct lock_class *hash_next;
	const char *name;
	u8 subclass;
	u8 wait_type_inner;
	unsigned int usage_mask;	/* 1 << enum lock_usage_bit */
	s32 usage_ip[LOCK_USAGE_STATES];	/* where each usage was first seen (ip_pack) */
};

/* A dependency from -> to: to was taken at to_ip with from held (taken at from_ip). */
struct lock_list {
	u16 from, to;
	s32 from_ip, to_ip;		/* ip_pack'ed */
};

/* lockdep_task.expecting: a self-test provokes reports; they are recorded, and printed? */
enum { EXPECT_NONE, EXPECT_QUIET, EXPECT_PRINT };

int debug_locks = 1;
static arch_spinlock_t lockdep_lock = __ARCH_SPIN_LOCK_UNLOCKED;
static struct lock_class lock_classes[MAX_LOCKDEP_KEYS];
static unsigned int nr_lock_classes = 1;
static struct lock_class *classhash_table[CLASSHASH_SIZE];
static unsigned long lock_after[MAX_LOCKDEP_KEYS][DEP_LONGS];
static unsigned long lock_before[MAX_LOCKDEP_KEYS][DEP_LONGS];
static struct lock_list list_entries[MAX_LOCKDEP_ENTRIES];
static unsigned int nr_list_entries;
/* Breadth-first search state, under lockdep_lock. */
static u16 bfs_queue[MAX_LOCKDEP_KEYS];
static u16 bfs_parent[MAX_LOCKDEP_KEYS];
static unsigned long bfs_seen[DEP_LONGS];

/*
 * The tables sit in the image, so each byte counts against the memory the machine
 * manages: a lock's ip is kept as its 32-bit distance from the validator's own code (the
 * kernel's text is a few MiB; a host test's, one executable). An ip out of that reach
 * (none is expected) is kept as 0 and printed as such.
 */
static s32 ip_pack(unsigned long ip)
{
	long d = (long)(ip - (unsigned long)&lock_acquire);

	return d == (s32)d ? (s32)d : 0;
}

static void *ip_unpack(s32 d)
{
	return d ? (void *)((unsigned long)&lock_acquire + d) : NULL;
}

static void graph_lock(void)
{
	arch_spin_lock(&lockdep_lock);
}

static void graph_unlock(void)
{
	arch_spin_unlock(&lockdep_lock);
}

static struct lock_class *hlock_class(const struct held_lock *hlock)
{
	return &lock_classes[hlock->class_idx];
}

static unsigned int class_idx(const struct lock_class *class)
{
	return (unsigned int)(class - lock_classes);
}

/* ---- reports ---------------------------------------------------------------------- */

bool lockdep_report(unsigned int kind)
{
	struct lockdep_task *curr = lockdep_curr();

	if (!curr->expecting)
		return true;
	curr->reported |= kind;
	return curr->expecting == EXPECT_PRINT;
}

/*
 * Whether to print a lockdep report: once, as Linux, which then turns the checks off
 * (the state after a bug is suspect, and one report is what matters). An expected
 * report is recorded and leaves the checks on.
 */
static bool lockdep_report_start(unsigned int kind)
{
	if (lockdep_curr()->expecting)
		return lockdep_report(kind);
	return __atomic_exchange_n(&debug_locks, 0, __ATOMIC_RELAXED) != 0;
}

static void print_usage_chars(char *buf, const struct lock_class *class)
{
	for (int i = 0; i < 2; i++) {
		unsigned int in = class->usage_mask & (1U << (LOCK_USED_IN_HARDIRQ + i));
		unsigned int on = class->usage_mask & (1U << (LOCK_ENABLED_HARDIRQ + i));

		buf[i] = on ? (in ? '?' : '+') : (in ? '-' : '.');
	}
	/* No softirqs here: Linux's two softirq columns stay '.'. */
	buf[2] = buf[3] = '.';
	buf[4] = '\0';
}

/* "name/subclass" as Linux prints a class. */
static const char *class_name(const struct lock_class *class, char *buf, size_t size)
{
	if (!class->subclass)
		return class->name;
	snprintf(buf, size, "%s/%u", class->name, class->subclass);
	return buf;
}

/* " (name){usage}-{wait:wait}" */
static void format_class(char *buf, size_t size, const struct lock_class *class)
{
	char usage[5], name[64];

	print_usage_chars(usage, class);
	snprintf(buf, size, " (%s){%s}-{%d:%d}", class_name(class, name, sizeof(name)), usage,
		 class->wait_type_inner, class->wait_type_inner);
}

static void print_lock(const struct held_lock *hlock)
{
	char cls[96];

	format_class(cls, sizeof(cls), hlock_class(hlock));
	pr_warn("%px%s, at: %pS\n", hlock->instance, cls, (void *)hlock->acquire_ip);
}

static void print_held_locks(const struct lockdep_task *curr)
{
	if (!curr->depth) {
		pr_warn("no locks held by %s/%d.\n", curr_comm(), curr_pid());
		return;
	}
	pr_warn("%d lock%s held by %s/%d:\n", curr->depth, curr->depth > 1 ? "s" : "",
		curr_comm(), curr_pid());
	for (int i = 0; i < curr->depth; i++) {
		char cls[96];
		const struct held_lock *hlock = &curr->held_locks[i];

		format_class(cls, sizeof(cls), hlock_class(hlock));
		pr_warn(" #%d: %px%s, at: %pS\n", i, hlock->instance, cls,
			(void *)hlock->acquire_ip);
	}
}

void lockdep_print_held_locks(void)
{
	struct lockdep_task *curr = lockdep_curr();

	curr->recursion++;
	print_held_locks(curr);
	curr->recursion--;
}

static void print_header(const char *title)
{
	size_t n = strlen(title);
	char line[80];

	n = n < sizeof(line) - 1 ? n : sizeof(line) - 1;
	memset(line, '=', n);
	line[n] = '\0';
	pr_warn("\n");
	pr_warn("%s\n", line);
	pr_warn("%s\n", title);
	pr_warn("%s Not tainted\n", UTS_RELEASE);
	memset(line, '-', n);
	pr_warn("%s\n", line);
}

static void print_footer(const struct lockdep_task *curr)
{
	pr_warn("\n");
	print_held_locks(curr);
	pr_warn("\nstack backtrace:\n");
	dump_stack();
}

static void print_scenario_pair(const char *a, const char *b)
{
	pr_warn(" Possible unsafe locking scenario:\n\n");
	pr_warn("       CPU0                    CPU1\n");
	pr_warn("       ----                    ----\n");
	pr_warn("  lock(%s);\n", a);
	pr_warn("                               lock(%s);\n", b);
	pr_warn("                               lock(%s);\n", a);
	pr_warn("  lock(%s);\n", b);
	pr_warn("\n *** DEADLOCK ***\n\n");
}

/* One cpu takes cls twice, the second time from an interrupt when irq says so. */
static void print_scenario_single(const struct lock_class *class, bool irq)
{
	char name[64];
	const char *cls = class_name(class, name, sizeof(name));

	pr_warn("\nother info that might help us debug this:\n");
	pr_warn(" Possible unsafe locking scenario:\n\n");
	pr_warn("       CPU0\n");
	pr_warn("       ----\n");
	pr_warn("  lock(%s);\n", cls);
	if (irq)
		pr_warn("  <Interrupt>\n    lock(%s);\n", cls);
	else
		pr_warn("  lock(%s);\n", cls);
	pr_warn("\n *** DEADLOCK ***\n\n");
}

static void print_acquire_pair(const struct held_lock *prev, const struct held_lock *next)
{
	pr_warn("%s/%d is trying to acquire lock:\n", curr_comm(), curr_pid());
	print_lock(next);
	pr_warn("\nbut task is already holding lock:\n");
	print_lock(prev);
}

static void print_deadlock_bug(struct lockdep_task *curr, const struct held_lock *prev,
			       const struct held_lock *next)
{
	if (!lockdep_report_start(LOCKDEP_RECURSIVE))
		return;
	print_header("WARNING: possible recursive locking detected");
	print_acquire_pair(prev, next);
	print_scenario_single(hlock_class(next), false);
	pr_warn(" May be due to missing lock nesting notation\n");
	print_footer(curr);
}

/* The recorded dependency between a and b, either way (one per bit of the graph). */
static const struct lock_list *find_dependency(unsigned int a, unsigned int b)
{
	for (unsigned int i = 0; i < nr_list_entries; i++) {
		const struct lock_list *e = &list_entries[i];

		if ((e->from == a && e->to == b) || (e->from == b && e->to == a))
			return e;
	}
	return NULL;
}

/*
 * The path bfs_parent leads from target back to the search's start, printed as Linux's
 * "existing dependency chain": each class with where it was taken under the one before.
 */
static void print_dependency_chain(unsigned int target, unsigned int start)
{
	unsigned int depth = 0;

	for (unsigned int idx = target; idx != start; idx = bfs_parent[idx])
		depth++;
	for (unsigned int idx = target;; idx = bfs_parent[idx], depth--) {
		char cls[96];
		const struct lock_list *dep = idx == start ? NULL :
			find_dependency(bfs_parent[idx], idx);

		format_class(cls, sizeof(cls), &lock_classes[idx]);
		pr_warn("\n-> #%u%s:\n", depth, cls);
		if (dep)
			pr_warn("       %pS\n       %pS\n", ip_unpack(dep->to_ip), ip_unpack(dep->from_ip));
		if (idx == start)
			break;
	}
}

/* next's class already leads to prev's (bfs_parent holds the path): next -> prev closes it. */
static void print_circular_bug(struct lockdep_task *curr, const struct held_lock *prev,
			       const struct held_lock *next)
{
	char a[64], b[64];

	if (!lockdep_report_start(LOCKDEP_CIRCULAR))
		return;
	print_header("WARNING: possible circular locking dependency detected");
	print_acquire_pair(prev, next);
	pr_warn("\nwhich lock already depends on the new lock.\n\n");
	pr_warn("\nthe existing dependency chain (in reverse order) is:\n");
	print_dependency_chain(prev->class_idx, next->class_idx);
	pr_warn("       %pS\n", (void *)next->acquire_ip);
	pr_warn("\nother info that might help us debug this:\n\n");
	print_scenario_pair(class_name(hlock_class(prev), a, sizeof(a)),
			    class_name(hlock_class(next), b, sizeof(b)));
	print_footer(curr);
}

static void print_irq_state(const struct lockdep_task *curr, bool irqs_on)
{
	int hc = !!in_hardirq();

	pr_warn("%s/%d [HC%d[%d]:SC0[0]:HE%d:SE1] ", curr_comm(), curr_pid(), hc, hc,
		irqs_on);
}

static void print_usage_bug(struct lockdep_task *curr, const struct held_lock *this,
			    enum lock_usage_bit prev_bit, enum lock_usage_bit new_bit,
			    bool irqs_on)
{
	struct lock_class *class = hlock_class(this);

	if (!lockdep_report_start(LOCKDEP_INCONSISTENT))
		return;
	print_header("WARNING: inconsistent lock state");
	pr_warn("inconsistent {%s} -> {%s} usage.\n", usage_str[prev_bit], usage_str[new_bit]);
	print_irq_state(curr, irqs_on);
	pr_cont("takes:\n");
	print_lock(this);
	pr_warn("{%s} state was registered at:\n", usage_str[prev_bit]);
	pr_warn("  %pS\n", ip_unpack(class->usage_ip[prev_bit]));
	print_scenario_single(class, true);
	print_footer(curr);
}

/* safe (taken in hardirq) and unsafe (taken with irqs on) are linked by dependencies. */
static void print_irq_order_bug(struct lockdep_task *curr, const struct held_lock *this,
				unsigned int safe, unsigned int unsafe)
{
	struct lock_class *s = &lock_classes[safe], *u = &lock_classes[unsafe];
	enum lock_usage_bit safe_bit = s->usage_mask & (1U << LOCK_USED_IN_HARDIRQ) ?
		LOCK_USED_IN_HARDIRQ : LOCK_USED_IN_HARDIRQ_READ;
	char cls[96], sbuf[64], ubuf[64];
	const char *sname = class_name(s, sbuf, sizeof(sbuf));
	const char *uname = class_name(u, ubuf, sizeof(ubuf));

	if (!lockdep_report_start(LOCKDEP_IRQ_ORDER))
		return;
	print_header("WARNING: HARDIRQ-safe -> HARDIRQ-unsafe lock order detected");
	print_irq_state(curr, !irqs_disabled());
	pr_cont("is trying to acquire:\n");
	print_lock(this);
	pr_warn("\nbut this new dependency connects a HARDIRQ-irq-safe lock:\n");
	format_class(cls, sizeof(cls), s);
	pr_warn("%s\n", cls);
	pr_warn("\n... which became HARDIRQ-irq-safe at:\n  %pS\n", ip_unpack(s->usage_ip[safe_bit]));
	pr_warn("\nto a HARDIRQ-irq-unsafe lock:\n");
	format_class(cls, sizeof(cls), u);
	pr_warn("%s\n", cls);
	pr_warn("\n... which became HARDIRQ-irq-unsafe at:\n  %pS\n",
		ip_unpack(u->usage_ip[LOCK_ENABLED_HARDIRQ]));
	pr_warn("\nother info that might help us debug this:\n\n");
	pr_warn(" Possible interrupt unsafe locking scenario:\n\n");
	pr_warn("       CPU0                    CPU1\n");
	pr_warn("       ----                    ----\n");
	pr_warn("  lock(%s);\n", uname);
	pr_warn("                               local_irq_disable();\n");
	pr_warn("                               lock(%s);\n", sname);
	pr_warn("                               lock(%s);\n", uname);
	pr_warn("  <Interrupt>\n");
	pr_warn("    lock(%s);\n", sname);
	pr_warn("\n *** DEADLOCK ***\n\n");
	print_footer(curr);
}

/*
 * this's class just became irq-safe (forwards: it took an irq-unsafe class other before)
 * or irq-unsafe (backwards: an irq-safe class other took it before).
 */
static void print_irq_inversion_bug(struct lockdep_task *curr, const struct held_lock *this,
				    unsigned int other, bool forwards)
{
	char cls[96];

	if (!lockdep_report_start(LOCKDEP_IRQ_ORDER))
		return;
	print_header("WARNING: possible irq lock inversion dependency detected");
	print_irq_state(curr, !irqs_disabled());
	pr_cont("just changed the state of lock:\n");
	print_lock(this);
	if (forwards)
		pr_warn("but this lock took another, HARDIRQ-unsafe lock in the past:\n");
	else
		pr_warn("but this lock was taken by another, HARDIRQ-safe lock in the past:\n");
	format_class(cls, sizeof(cls), &lock_classes[other]);
	pr_warn("%s\n", cls);
	pr_warn("\n\nand interrupts could create inverse lock ordering between them.\n\n");
	print_dependency_chain(other, this->class_idx);
	print_footer(curr);
}

static void print_unlock_imbalance_bug(struct lockdep_task *curr, struct lockdep_map *map,
				       unsigned long ip)
{
	if (!lockdep_report_start(LOCKDEP_BAD_UNLOCK))
		return;
	print_header("WARNING: bad unlock balance detected!");
	pr_warn("%s/%d is trying to release lock (%s) at:\n", curr_comm(), curr_pid(),
		map->name);
	pr_warn("%pS\n", (void *)ip);
	pr_warn("but there are no more locks to release!\n");
	pr_warn("\nother info that might help us debug this:\n");
	print_footer(curr);
}

/* A table is full or a key is not static: the validator can go no further. */
static void lockdep_limit(const char *what, struct lockdep_map *map)
{
	if (!lockdep_report_start(LOCKDEP_LIMIT))
		return;
	pr_err("BUG: %s (lock %s)\n", what, map->name);
	pr_err("turning off the locking correctness validator.\n");
	dump_stack();
}

/* ---- classes -------------------------------------------------------------------------- */

/*
 * Statically allocated (in the image, so for good): a lock there may be its own key. A
 * host test's image is not the kernel's: there every lock passes.
 */
static bool static_obj(const void *obj)
{
#ifdef __KERNEL__
	return (const char *)obj >= _stext && (const char *)obj < _end;
#else
	return obj != NULL;
#endif
}

static struct lock_class **classhash_bucket(const void *key)
{
	unsigned long k = (unsigned long)key;

	return &classhash_table[(k >> 3 ^ k >> 11) % CLASSHASH_SIZE];
}

static struct lock_class *look_up_lock_class(const void *key)
{
	struct lock_class *class = __atomic_load_n(classhash_bucket(key), __ATOMIC_ACQUIRE);

	for (; class; class = class->hash_next)
		if (class->key == key)
			return class;
	return NULL;
}

static struct lock_class *register_lock_class(struct lockdep_map *map, unsigned int subclass)
{
	const void *key;
	struct lock_class *class;

	if (!subclass && map->class_cache)
		return map->class_cache;
	if (subclass >= MAX_LOCKDEP_SUBCLASSES) {
		lockdep_limit("looking up invalid subclass", map);
		return NULL;
	}
	if (!map->key && !static_obj(map)) {
		lockdep_limit("trying to register non-static key", map);
		return NULL;
	}
	key = map->key ? (const void *)&map->key->subkeys[subclass] : (const char *)map + subclass;
	class = look_up_lock_class(key);
	if (!class) {
		graph_lock();
		class = look_up_lock_class(key);
		if (!class && nr_lock_classes < MAX_LOCKDEP_KEYS) {
			class = &lock_classes[nr_lock_classes++];
			class->key = key;
			class->name = map->name;
			class->subclass = (u8)subclass;
			class->wait_type_inner = map->wait_type_inner;
			class->hash_next = *classhash_bucket(key);
			__atomic_store_n(classhash_bucket(key), class, __ATOMIC_RELEASE);
		}
		graph_unlock();
		if (!class) {
			lockdep_limit("MAX_LOCKDEP_KEYS too low!", map);
			return NULL;
		}
	}
	if (!subclass)
		map->class_cache = class;
	return class;
}

void lockdep_init_map(struct lockdep_map *map, const char *name, struct lock_class_key *key,
		      int wait_type)
{
	map->key = key;
	map->class_cache = NULL;
	map->name = name;
	map->wait_type_inner = (u8)wait_type;
}

/* ---- the dependency graph ------------------------------------------------------------- */

/*
 * Breadth-first from class src along graph (lock_after: forwards; lock_before: back) to
 * the first class other than src whose usage has a bit of mask; returns it, or 0.
 * bfs_parent leads from it back to src. Under lockdep_lock.
 */
static unsigned int bfs_find(unsigned int src, unsigned long (*graph)[DEP_LONGS],
			     unsigned int mask, unsigned int target)
{
	unsigned int head = 0, tail = 0;

	memset(bfs_seen, 0, sizeof(bfs_seen));
	__set_bit(src, bfs_seen);
	bfs_queue[tail++] = (u16)src;
	while (head < tail) {
		unsigned int idx = bfs_queue[head++];

		if (idx != src && (idx == target || (lock_classes[idx].usage_mask & mask)))
			return idx;
		for (unsigned long n = find_next_bit(graph[idx], MAX_LOCKDEP_KEYS, 0);
		     n < MAX_LOCKDEP_KEYS; n = find_next_bit(graph[idx], MAX_LOCKDEP_KEYS, n + 1)) {
			if (test_bit(n, bfs_seen))
				continue;
			__set_bit(n, bfs_seen);
			bfs_parent[n] = (u16)idx;
			bfs_queue[tail++] = (u16)n;
		}
	}
	return 0;
}

/* A class that reaches (forwards) or is reached by (backwards) idx, with usage in mask. */
static unsigned int find_usage(unsigned int idx, bool forwards, unsigned int mask)
{
	if (lock_classes[idx].usage_mask & mask)
		return idx;
	return bfs_find(idx, forwards ? lock_after : lock_before, mask, 0);
}

/* Adds prev -> next, unless it closes a cycle or links an irq-safe to an irq-unsafe class. */
static void check_prev_add(struct lockdep_task *curr, const struct held_lock *prev,
			   const struct held_lock *next)
{
	unsigned int p = prev->class_idx, n = next->class_idx, safe, unsafe;
	struct lock_list *entry;

	if (test_bit(n, lock_after[p]))
		return;
	graph_lock();
	if (test_bit(n, lock_after[p]))
		goto out_unlock;
	if (n == p || bfs_find(n, lock_after, 0, p)) {
		graph_unlock();
		print_circular_bug(curr, prev, next);
		return;
	}
	unsafe = find_usage(n, true, 1U << LOCK_ENABLED_HARDIRQ);
	safe = unsafe ? find_usage(p, false, LOCKF_USED_IN_HARDIRQ_ANY) : 0;
	if (safe) {
		graph_unlock();
		print_irq_order_bug(curr, next, safe, unsafe);
		return;
	}
	if (nr_list_entries == MAX_LOCKDEP_ENTRIES) {
		graph_unlock();
		lockdep_limit("MAX_LOCKDEP_ENTRIES too low!", next->instance);
		return;
	}
	entry = &list_entries[nr_list_entries++];
	*entry = (struct lock_list){ .from = (u16)p, .to = (u16)n,
				     .from_ip = ip_pack(prev->acquire_ip),
				     .to_ip = ip_pack(next->acquire_ip) };
	__set_bit(p, lock_before[n]);
	__set_bit(n, lock_after[p]);
out_unlock:
	graph_unlock();
}

/*
 * next depends on the held locks of its context: on the most recent, and on those below
 * it down to the first that was not a trylock (a trylock's holder could not have waited
 * for the lock below it). Recursive readers add nothing, as in Linux.
 */
static void check_prevs_add(struct lockdep_task *curr, const struct held_lock *next)
{
	for (int i = curr->depth - 1; i >= 0; i--) {
		const struct held_lock *prev = &curr->held_locks[i];

		if (prev->hardirq != next->hardirq)
			break;
		if (prev->read == 2)
			continue;
		check_prev_add(curr, prev, next);
		if (!prev->trylock)
			break;
	}
}

/* The same class already held: a deadlock, unless both are recursive readers. */
static bool check_deadlock(struct lockdep_task *curr, const struct held_lock *next)
{
	for (int i = 0; i < curr->depth; i++) {
		const struct held_lock *prev = &curr->held_locks[i];

		if (prev->class_idx != next->class_idx)
			continue;
		if (next->read == 2 && prev->read)
			continue;
		print_deadlock_bug(curr, prev, next);
		return false;
	}
	return true;
}

/* ---- irq usage ------------------------------------------------------------------------ */

/* The usage that conflicts with new_bit: the other direction, unless both are reads. */
static bool usage_conflicts(unsigned int mask, enum lock_usage_bit new_bit,
			    enum lock_usage_bit *bad)
{
	unsigned int excl = (new_bit & ~LOCK_USAGE_READ_MASK) ^ LOCK_USAGE_DIR_MASK;

	if (mask & (1U << excl)) {
		*bad = (enum lock_usage_bit)excl;
		return true;
	}
	if (!(new_bit & LOCK_USAGE_READ_MASK) && (mask & (1U << (excl | LOCK_USAGE_READ_MASK)))) {
		*bad = (enum lock_usage_bit)(excl | LOCK_USAGE_READ_MASK);
		return true;
	}
	return false;
}

/*
 * Records that hlock's class was used as new_bit says; a conflict with its own usage is
 * an inconsistent lock state, one through the graph an irq lock inversion.
 */
static void mark_lock(struct lockdep_task *curr, const struct held_lock *hlock,
		      enum lock_usage_bit new_bit, bool irqs_on)
{
	struct lock_class *class = hlock_class(hlock);
	unsigned int idx = hlock->class_idx, other = 0;
	enum lock_usage_bit bad;

	if (__atomic_load_n(&class->usage_mask, __ATOMIC_RELAXED) & (1U << new_bit))
		return;
	graph_lock();
	if (class->usage_mask & (1U << new_bit)) {
		graph_unlock();
		return;
	}
	if (usage_conflicts(class->usage_mask, new_bit, &bad)) {
		/* Recorded all the same, so an expected report comes once, not at each use. */
		__atomic_fetch_or(&class->usage_mask, 1U << new_bit, __ATOMIC_RELAXED);
		graph_unlock();
		print_usage_bug(curr, hlock, bad, new_bit, irqs_on);
		return;
	}
	if (new_bit == LOCK_USED_IN_HARDIRQ || new_bit == LOCK_USED_IN_HARDIRQ_READ)
		other = bfs_find(idx, lock_after, 1U << LOCK_ENABLED_HARDIRQ, 0);
	else if (new_bit == LOCK_ENABLED_HARDIRQ)
		other = bfs_find(idx, lock_before, LOCKF_USED_IN_HARDIRQ_ANY, 0);
	class->usage_ip[new_bit] = ip_pack(hlock->acquire_ip);
	__atomic_fetch_or(&class->usage_mask, 1U << new_bit, __ATOMIC_RELAXED);
	graph_unlock();
	if (other)
		print_irq_inversion_bug(curr, hlock, other, new_bit != LOCK_ENABLED_HARDIRQ);
}

/* held, held from task context, is held with interrupts on. */
static void mark_held_irqs_on(struct lockdep_task *curr, const struct held_lock *held)
{
	mark_lock(curr, held, LOCK_ENABLED_HARDIRQ + (held->read ? LOCK_USAGE_READ_MASK : 0),
		  true);
}

/*
 * The usage of hlock, just taken: in hardirq context, or with interrupts on. Locks held
 * from task context while interrupts are on now are also held with interrupts on (Linux
 * marks them when interrupts come on; here, when the next lock is taken or one released).
 */
static void mark_usage(struct lockdep_task *curr, const struct held_lock *hlock, bool irqs_on)
{
	if (hlock->hardirq) {
		mark_lock(curr, hlock, LOCK_USED_IN_HARDIRQ +
			  (hlock->read ? LOCK_USAGE_READ_MASK : 0), irqs_on);
		return;
	}
	if (!irqs_on)
		return;
	mark_held_irqs_on(curr, hlock);
	for (int i = curr->depth - 1; i >= 0 && debug_locks; i--)
		mark_held_irqs_on(curr, &curr->held_locks[i]);
}

/* ---- acquire and release -------------------------------------------------------------- */

static void __lock_acquire(struct lockdep_task *curr, struct lockdep_map *map,
			   unsigned int subclass, int trylock, int read, unsigned long ip,
			   bool irqs_on)
{
	struct lock_class *class = register_lock_class(map, subclass);
	struct held_lock *hlock;

	if (!class)
		return;
	if (curr->depth == MAX_LOCK_DEPTH) {
		lockdep_limit("MAX_LOCK_DEPTH too low!", map);
		return;
	}
	hlock = &curr->held_locks[curr->depth];
	*hlock = (struct held_lock){ .instance = map, .acquire_ip = ip,
				     .class_idx = (u16)class_idx(class), .read = (u8)read,
				     .trylock = (u8)trylock, .hardirq = !!in_hardirq() };
	if (debug_locks)
		mark_usage(curr, hlock, irqs_on);
	if (debug_locks && !trylock && check_deadlock(curr, hlock))
		check_prevs_add(curr, hlock);
	curr->depth++;
}

/*
 * Enters the validator with interrupts off (its state is the task's, which an interrupt
 * would change too); NULL from inside it, whose own locks (printk's) are not tracked.
 */
static struct lockdep_task *lockdep_enter(unsigned long *flags)
{
	struct lockdep_task *curr = lockdep_curr();

	if (curr->recursion)
		return NULL;
	local_irq_save(*flags);
	curr->recursion++;
	return curr;
}

static void lockdep_exit(struct lockdep_task *curr, unsigned long flags)
{
	curr->recursion--;
	local_irq_restore(flags);
}

void lock_acquire(struct lockdep_map *map, unsigned int subclass, int trylock, int read,
		  unsigned long ip)
{
	bool irqs_on = !irqs_disabled();
	struct lockdep_task *curr;
	unsigned long flags;

	curr = lockdep_enter(&flags);
	if (!curr)
		return;
	__lock_acquire(curr, map, subclass, trylock, read, ip, irqs_on);
	lockdep_exit(curr, flags);
}

static void __lock_release(struct lockdep_task *curr, struct lockdep_map *map,
			   unsigned long ip, bool irqs_on)
{
	int i = curr->depth - 1;

	while (i >= 0 && curr->held_locks[i].instance != map)
		i--;
	if (i < 0) {
		if (debug_locks)
			print_unlock_imbalance_bug(curr, map, ip);
		return;
	}
	/* Released with interrupts on: it was held with them on. */
	if (debug_locks && irqs_on && !curr->held_locks[i].hardirq)
		mark_held_irqs_on(curr, &curr->held_locks[i]);
	curr->depth--;
	memmove(&curr->held_locks[i], &curr->held_locks[i + 1],
		(curr->depth - i) * sizeof(curr->held_locks[0]));
}

void lock_release(struct lockdep_map *map, unsigned long ip)
{
	bool irqs_on = !irqs_disabled();
	struct lockdep_task *curr;
	unsigned long flags;

	curr = lockdep_enter(&flags);
	if (!curr)
		return;
	__lock_release(curr, map, ip, irqs_on);
	lockdep_exit(curr, flags);
}

/* ---- self-test support ---------------------------------------------------------------- */

void lockdep_expect_begin(bool print)
{
	struct lockdep_task *curr = lockdep_curr();

	curr->reported = 0;
	curr->expecting = print ? EXPECT_PRINT : EXPECT_QUIET;
}

unsigned int lockdep_expect_end(void)
{
	struct lockdep_task *curr = lockdep_curr();

	curr->expecting = 0;
	return curr->reported;
}

/* Clears class idx's usage and dependencies. Under lockdep_lock. */
static void zap_class(unsigned int idx)
{
	struct lock_class *class = &lock_classes[idx];
	unsigned int j = 0;

	class->usage_mask = 0;
	memset(class->usage_ip, 0, sizeof(class->usage_ip));
	for (unsigned int i = 1; i < nr_lock_classes; i++) {
		__clear_bit(idx, lock_after[i]);
		__clear_bit(idx, lock_before[i]);
	}
	memset(lock_after[idx], 0, sizeof(lock_after[idx]));
	memset(lock_before[idx], 0, sizeof(lock_before[idx]));
	for (unsigned int i = 0; i < nr_list_entries; i++)
		if (list_entries[i].from != idx && list_entries[i].to != idx)
			list_entries[j++] = list_entries[i];
	nr_list_entries = j;
}

void lockdep_reset_key(struct lock_class_key *key)
{
	unsigned long flags;

	local_irq_save(flags);
	graph_lock();
	for (int sub = 0; sub < MAX_LOCKDEP_SUBCLASSES; sub++) {
		struct lock_class *class = look_up_lock_class(&key->subkeys[sub]);

		if (class)
			zap_class(class_idx(class));
	}
	graph_unlock();
	local_irq_restore(flags);
}

void lockdep_reset(void)
{
	struct lockdep_task *curr = lockdep_curr();

	curr->depth = 0;
	curr->expecting = 0;
	curr->reported = 0;
	debug_locks = 1;
}
#endif /* CONFIG_PROVE_LOCKING */
