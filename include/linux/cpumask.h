/*
 * Sets of cpus and the cpu states: possible (the device tree lists it), present, online
 * (running and taking interrupts). One word of bits: NR_CPUS is at most 64.
 */
#ifndef _LINUX_CPUMASK_H
#define _LINUX_CPUMASK_H

#include <linux/types.h>
#include <linux/arch_numa.h>	/* NR_CPUS */

typedef struct cpumask {
	unsigned long bits[1];
} cpumask_t;

_Static_assert(NR_CPUS <= 64, "cpumask_t holds one word");

/*
 * possible and present are written at boot (setup_arch) only; online changes as cpus come
 * up, with atomic bit operations, and is read locklessly.
 */
extern struct cpumask __cpu_possible_mask, __cpu_present_mask, __cpu_online_mask;
#define cpu_possible_mask	((const struct cpumask *)&__cpu_possible_mask)
#define cpu_present_mask	((const struct cpumask *)&__cpu_present_mask)
#define cpu_online_mask		((const struct cpumask *)&__cpu_online_mask)

/* One more than the highest possible cpu; NR_CPUS until setup_arch has read the cpus. */
extern unsigned int nr_cpu_ids;

static inline bool cpumask_test_cpu(int cpu, const struct cpumask *m)
{
	return __atomic_load_n(&m->bits[0], __ATOMIC_RELAXED) >> cpu & 1;
}

static inline void cpumask_set_cpu(int cpu, struct cpumask *m)
{
	__atomic_fetch_or(&m->bits[0], 1UL << cpu, __ATOMIC_RELAXED);
}

static inline void cpumask_clear_cpu(int cpu, struct cpumask *m)
{
	__atomic_fetch_and(&m->bits[0], ~(1UL << cpu), __ATOMIC_RELAXED);
}

static inline void cpumask_clear(struct cpumask *m) { m->bits[0] = 0; }
static inline void cpumask_copy(struct cpumask *d, const struct cpumask *s) { *d = *s; }
static inline bool cpumask_empty(const struct cpumask *m) { return !m->bits[0]; }

/* Set bits, counted without __builtin_popcount: it would call libgcc, which is not linked. */
static inline unsigned int cpumask_weight(const struct cpumask *m)
{
	unsigned long w = __atomic_load_n(&m->bits[0], __ATOMIC_RELAXED);
	unsigned int n = 0;

	for (; w; w &= w - 1)
		n++;
	return n;
}

/* The first cpu of m after n (n = -1 for the first), or nr_cpu_ids. */
static inline unsigned int cpumask_next(int n, const struct cpumask *m)
{
	unsigned long rest = __atomic_load_n(&m->bits[0], __ATOMIC_RELAXED);

	rest = n + 1 >= NR_CPUS ? 0 : rest >> (n + 1) << (n + 1);
	return rest ? (unsigned int)__builtin_ctzl(rest) : nr_cpu_ids;
}

#define cpumask_first(m)	cpumask_next(-1, m)
#define cpumask_bits(m)		((m)->bits)

#define for_each_cpu(cpu, mask)						\
	for ((cpu) = cpumask_first(mask); (unsigned int)(cpu) < nr_cpu_ids;	\
	     (cpu) = cpumask_next((cpu), mask))
#define for_each_possible_cpu(cpu)	for_each_cpu((cpu), cpu_possible_mask)
#define for_each_present_cpu(cpu)	for_each_cpu((cpu), cpu_present_mask)
#define for_each_online_cpu(cpu)	for_each_cpu((cpu), cpu_online_mask)

#define num_possible_cpus()	cpumask_weight(cpu_possible_mask)
#define num_present_cpus()	cpumask_weight(cpu_present_mask)
#define num_online_cpus()	cpumask_weight(cpu_online_mask)
#define cpu_possible(cpu)	cpumask_test_cpu((cpu), cpu_possible_mask)
#define cpu_present(cpu)	cpumask_test_cpu((cpu), cpu_present_mask)
#define cpu_online(cpu)		cpumask_test_cpu((cpu), cpu_online_mask)

void set_cpu_possible(unsigned int cpu, bool possible);
void set_cpu_present(unsigned int cpu, bool present);
void set_cpu_online(unsigned int cpu, bool online);

#endif
