/*
 * selftest=lockdep: provokes each report of the lock validator on purpose (as Linux's
 * lib/locking-selftest.c does) and checks that exactly the expected one came, and that
 * the patterns that are correct (nesting annotations, irq-safe locking, recursive irq
 * readers, trylocks) bring none. Reports are recorded, not printed (lockdep_expect_begin);
 * debug_locks_verbose=1 prints them too, to see their text. After each case the validator
 * forgets what the test classes learnt, so the next case starts clean (Linux's
 * lib/locking-selftest.c). tests/host/test_lockdep.c runs the same cases on the host.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/selftest.h>
#include <linux/spinlock.h>
#include <linux/rwlock.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/lockdep.h>

#ifdef CONFIG_PROVE_LOCKING

/*
 * The locks of the cases. a and a2 are one class (initialised at one place), m1 and m1b
 * another; b, c, rw, m2 and sem one class each; all are initialised afresh by each case.
 */
struct lockdep_test_locks {
	spinlock_t a, a2, b, c;
	rwlock_t rw;
	struct mutex m1, m1b, m2;
	struct rw_semaphore sem;
};

static struct lockdep_test_locks t;
static bool verbose;

static int __init debug_locks_verbose_setup(char *str)
{
	verbose = str && str[0] == '1';
	return 0;
}
__setup("debug_locks_verbose=", debug_locks_verbose_setup);

static void init_a(spinlock_t *lock)
{
	spin_lock_init(lock);
}

static void init_m1(struct mutex *lock)
{
	mutex_init(lock);
}

static void init_locks(void)
{
	init_a(&t.a);
	init_a(&t.a2);
	init_m1(&t.m1);
	init_m1(&t.m1b);
	spin_lock_init(&t.b);
	spin_lock_init(&t.c);
	rwlock_init(&t.rw);
	mutex_init(&t.m2);
	init_rwsem(&t.sem);
}

/* What the classes learnt goes, so the next case may provoke the same report again. */
static void forget_locks(void)
{
	lockdep_reset_key(t.a.rlock.dep_map.key);
	lockdep_reset_key(t.b.rlock.dep_map.key);
	lockdep_reset_key(t.c.rlock.dep_map.key);
	lockdep_reset_key(t.rw.dep_map.key);
	lockdep_reset_key(t.m1.dep_map.key);
	lockdep_reset_key(t.m2.dep_map.key);
	lockdep_reset_key(t.sem.dep_map.key);
}

/* Runs provoke with fresh classes; true when the reports were exactly want. */
static bool expect_reports(void (*provoke)(void), unsigned int want)
{
	unsigned int got;

	init_locks();
	lockdep_expect_begin(verbose);
	provoke();
	got = lockdep_expect_end();
	forget_locks();
	if (got != want)
		pr_info("# lockdep: reports %#x, expected %#x\n", got, want);
	return got == want;
}

/* A hard interrupt as the validator sees one: the hardirq count up, interrupts off. */
#define HARDIRQ_ENTER(flags)						\
	do { local_irq_save(flags); preempt_count_add(HARDIRQ_OFFSET); } while (0)
#define HARDIRQ_EXIT(flags)						\
	do { preempt_count_sub(HARDIRQ_OFFSET); local_irq_restore(flags); } while (0)

/* Two locks of one class, nested without an annotation. */
static void recursion_same_class(void)
{
	spin_lock(&t.a);
	spin_lock(&t.a2);
	spin_unlock(&t.a2);
	spin_unlock(&t.a);
}

/* The same, with spin_lock_nested saying it is by design. */
static void recursion_nested(void)
{
	spin_lock(&t.a);
	spin_lock_nested(&t.a2, SINGLE_DEPTH_NESTING);
	spin_unlock(&t.a2);
	spin_unlock(&t.a);
}

/* Two mutexes of one class, the second with mutex_lock_nested. */
static void recursion_mutex_nested(void)
{
	mutex_lock(&t.m1);
	mutex_lock_nested(&t.m1b, SINGLE_DEPTH_NESTING);
	mutex_unlock(&t.m1b);
	mutex_unlock(&t.m1);
}

/* One lock twice: told to the validator only, since the lock itself would spin forever. */
static void recursion_same_instance(void)
{
	spin_lock(&t.a);
	spin_acquire(&t.a.rlock.dep_map, 0, 0, _THIS_IP_);
	spin_release(&t.a.rlock.dep_map, _THIS_IP_);
	spin_unlock(&t.a);
}

/* An rwsem's readers queue behind a waiting writer: a read lock taken twice deadlocks. */
static void recursion_rwsem_read(void)
{
	down_read(&t.sem);
	down_read(&t.sem);
	up_read(&t.sem);
	up_read(&t.sem);
}

static void lock_pair(spinlock_t *x, spinlock_t *y)
{
	spin_lock(x);
	spin_lock(y);
	spin_unlock(y);
	spin_unlock(x);
}

/* a then b on one path, b then a on another. */
static void inversion_ab_ba(void)
{
	lock_pair(&t.a, &t.b);
	lock_pair(&t.b, &t.a);
}

/* a -> b -> c -> a: the cycle closes on the third pair. */
static void inversion_abc(void)
{
	lock_pair(&t.a, &t.b);
	lock_pair(&t.b, &t.c);
	lock_pair(&t.c, &t.a);
}

static void inversion_mutex(void)
{
	mutex_lock(&t.m1);
	mutex_lock(&t.m2);
	mutex_unlock(&t.m2);
	mutex_unlock(&t.m1);
	mutex_lock(&t.m2);
	mutex_lock(&t.m1);
	mutex_unlock(&t.m1);
	mutex_unlock(&t.m2);
}

/* a then b by trylock: no wait on b, so no a -> b, and b then a closes nothing. */
static void trylock_no_dependency(void)
{
	spin_lock(&t.a);
	if (spin_trylock(&t.b))
		spin_unlock(&t.b);
	spin_unlock(&t.a);
	lock_pair(&t.b, &t.a);
}

/* Taken with interrupts on, then in an interrupt. */
static void irq_unsafe_in_irq(void)
{
	unsigned long flags;

	spin_lock(&t.a);
	spin_unlock(&t.a);
	HARDIRQ_ENTER(flags);
	spin_lock(&t.a);
	spin_unlock(&t.a);
	HARDIRQ_EXIT(flags);
}

/* Taken in an interrupt, then with interrupts on. */
static void irq_safe_irqs_on(void)
{
	unsigned long flags;

	HARDIRQ_ENTER(flags);
	spin_lock(&t.a);
	spin_unlock(&t.a);
	HARDIRQ_EXIT(flags);
	spin_lock(&t.a);
	spin_unlock(&t.a);
}

/* Taken with interrupts off but held while they came back on, then in an interrupt. */
static void irq_enabled_while_held(void)
{
	unsigned long flags;

	spin_lock_irq(&t.a);
	local_irq_enable();
	spin_unlock(&t.a);
	HARDIRQ_ENTER(flags);
	spin_lock(&t.a);
	spin_unlock(&t.a);
	HARDIRQ_EXIT(flags);
}

/* Always with interrupts off outside interrupts: correct. */
static void irq_safe_consistent(void)
{
	unsigned long flags, irq;

	spin_lock_irqsave(&t.a, flags);
	spin_unlock_irqrestore(&t.a, flags);
	HARDIRQ_ENTER(irq);
	spin_lock(&t.a);
	spin_unlock(&t.a);
	HARDIRQ_EXIT(irq);
}

/* a is irq-safe, b irq-unsafe, and a is held while b is taken. */
static void irq_safe_to_unsafe(void)
{
	unsigned long flags;

	HARDIRQ_ENTER(flags);
	spin_lock(&t.a);
	spin_unlock(&t.a);
	HARDIRQ_EXIT(flags);
	spin_lock(&t.b);
	spin_unlock(&t.b);
	spin_lock_irqsave(&t.a, flags);
	spin_lock(&t.b);
	spin_unlock(&t.b);
	spin_unlock_irqrestore(&t.a, flags);
}

/* a took b (interrupts off), b is irq-unsafe, then a turns irq-safe: an inversion. */
static void irq_inversion(void)
{
	unsigned long flags;

	spin_lock_irqsave(&t.a, flags);
	spin_lock(&t.b);
	spin_unlock(&t.b);
	spin_unlock_irqrestore(&t.a, flags);
	spin_lock(&t.b);
	spin_unlock(&t.b);
	HARDIRQ_ENTER(flags);
	spin_lock(&t.a);
	spin_unlock(&t.a);
	HARDIRQ_EXIT(flags);
}

/* Readers in interrupts and with interrupts on are fine (an irq reader passes writers). */
static void rwlock_readers_in_irq(void)
{
	unsigned long flags;

	read_lock(&t.rw);
	read_unlock(&t.rw);
	HARDIRQ_ENTER(flags);
	read_lock(&t.rw);
	read_unlock(&t.rw);
	HARDIRQ_EXIT(flags);
}

/* A writer with interrupts on, though readers come from interrupts. */
static void rwlock_writer_irqs_on(void)
{
	rwlock_readers_in_irq();
	write_lock(&t.rw);
	write_unlock(&t.rw);
}

static void sleep_in_atomic(void)
{
	spin_lock(&t.a);
	might_sleep();
	spin_unlock(&t.a);
}

/* A release of a lock not held: told to the validator only. */
static void bad_unlock(void)
{
	spin_release(&t.a.rlock.dep_map, _THIS_IP_);
}

/* Not __init: 7K of cases would push the init text past the 64K the boot tests expect. */
#define LOCKDEP_CASE(fn, want)						\
	static bool test_##fn(void) { return expect_reports(fn, want); }

LOCKDEP_CASE(recursion_same_class, LOCKDEP_RECURSIVE)
LOCKDEP_CASE(recursion_nested, 0)
LOCKDEP_CASE(recursion_mutex_nested, 0)
LOCKDEP_CASE(recursion_same_instance, LOCKDEP_RECURSIVE)
LOCKDEP_CASE(recursion_rwsem_read, LOCKDEP_RECURSIVE)
LOCKDEP_CASE(inversion_ab_ba, LOCKDEP_CIRCULAR)
LOCKDEP_CASE(inversion_abc, LOCKDEP_CIRCULAR)
LOCKDEP_CASE(inversion_mutex, LOCKDEP_CIRCULAR)
LOCKDEP_CASE(trylock_no_dependency, 0)
LOCKDEP_CASE(irq_unsafe_in_irq, LOCKDEP_INCONSISTENT)
LOCKDEP_CASE(irq_safe_irqs_on, LOCKDEP_INCONSISTENT)
LOCKDEP_CASE(irq_enabled_while_held, LOCKDEP_INCONSISTENT)
LOCKDEP_CASE(irq_safe_consistent, 0)
LOCKDEP_CASE(irq_safe_to_unsafe, LOCKDEP_IRQ_ORDER)
LOCKDEP_CASE(irq_inversion, LOCKDEP_IRQ_ORDER)
LOCKDEP_CASE(rwlock_readers_in_irq, 0)
LOCKDEP_CASE(rwlock_writer_irqs_on, LOCKDEP_INCONSISTENT)
LOCKDEP_CASE(sleep_in_atomic, LOCKDEP_SLEEP)
LOCKDEP_CASE(bad_unlock, LOCKDEP_BAD_UNLOCK)

/* Locks initialised at one place are one class; at another place, another. */
static bool test_class_per_init_site(void)
{
	bool ok;

	init_locks();
	lock_pair(&t.a, &t.b);
	lock_pair(&t.a2, &t.c);
	ok = t.a.rlock.dep_map.class_cache == t.a2.rlock.dep_map.class_cache &&
	     t.a.rlock.dep_map.class_cache != t.b.rlock.dep_map.class_cache &&
	     t.b.rlock.dep_map.class_cache != t.c.rlock.dep_map.class_cache;
	forget_locks();
	return ok;
}

static const struct ktap_case cases[] __initconst = {
	{ test_recursion_same_class, "lockdep_recursion_same_class" },
	{ test_recursion_nested, "lockdep_recursion_nested_annotation" },
	{ test_recursion_mutex_nested, "lockdep_recursion_mutex_nested" },
	{ test_recursion_same_instance, "lockdep_recursion_same_instance" },
	{ test_recursion_rwsem_read, "lockdep_recursion_rwsem_read" },
	{ test_inversion_ab_ba, "lockdep_inversion_ab_ba" },
	{ test_inversion_abc, "lockdep_inversion_abc" },
	{ test_inversion_mutex, "lockdep_inversion_mutex" },
	{ test_trylock_no_dependency, "lockdep_trylock_no_dependency" },
	{ test_irq_unsafe_in_irq, "lockdep_irq_unsafe_in_irq" },
	{ test_irq_safe_irqs_on, "lockdep_irq_safe_irqs_on" },
	{ test_irq_enabled_while_held, "lockdep_irq_enabled_while_held" },
	{ test_irq_safe_consistent, "lockdep_irq_safe_consistent" },
	{ test_irq_safe_to_unsafe, "lockdep_irq_safe_to_unsafe" },
	{ test_irq_inversion, "lockdep_irq_inversion" },
	{ test_rwlock_readers_in_irq, "lockdep_rwlock_readers_in_irq" },
	{ test_rwlock_writer_irqs_on, "lockdep_rwlock_writer_irqs_on" },
	{ test_sleep_in_atomic, "lockdep_sleep_in_atomic" },
	{ test_bad_unlock, "lockdep_bad_unlock" },
	{ test_class_per_init_site, "lockdep_class_per_init_site" },
};

/* Runs the suite when selftest=lockdep; from a task that holds no lock, interrupts on. */
static void __init locking_selftest(void)
{
	ktap_run_suite("lockdep", cases, ARRAY_SIZE(cases));
}
selftest_initcall("lockdep", locking_selftest);
#endif /* CONFIG_PROVE_LOCKING */
