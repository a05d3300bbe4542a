/*
 * Boot self-test of the percpu allocator on the real machine, under selftest=percpu:
 * static per-cpu variables and this_cpu ops, alloc_percpu of many sizes and alignments
 * with every cpu's copy distinct, enough allocations to need a second chunk, and every
 * page back once all is freed. (Bad input is tested on the host: it warns.)
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/selftest.h>
#include <linux/string.h>
#include <linux/cpumask.h>
#include <linux/smp.h>
#include <linux/percpu.h>

static DEFINE_PER_CPU(unsigned long, selftest_counter);

/* A per-cpu pattern: distinct for each (cpu, allocation, byte). */
static u8 pattern(unsigned int cpu, int i, size_t byte)
{
	return (u8)(cpu * 61 + i * 7 + byte);
}

/* per_cpu(x, cpu) written for every cpu reads back distinct, at distinct addresses. */
static bool test_static_distinct(void)
{
	unsigned int cpu, other;
	bool ok = true;

	for_each_possible_cpu(cpu)
		per_cpu(selftest_counter, cpu) = 0x1000 + cpu;
	for_each_possible_cpu(cpu) {
		ok &= per_cpu(selftest_counter, cpu) == 0x1000 + cpu;
		ok &= per_cpu(cpu_number, cpu) == (int)cpu;
		for_each_possible_cpu(other)
			ok &= other == cpu || per_cpu_ptr(&selftest_counter, other) !=
					      per_cpu_ptr(&selftest_counter, cpu);
	}
	return ok && this_cpu_ptr(&selftest_counter) ==
		     per_cpu_ptr(&selftest_counter, smp_processor_id());
}

/* this_cpu ops change this cpu's copy only. */
static bool test_this_cpu_ops(void)
{
	unsigned int cpu, me = smp_processor_id();
	bool ok = true;

	for_each_possible_cpu(cpu)
		per_cpu(selftest_counter, cpu) = 100 + cpu;
	this_cpu_write(selftest_counter, 5);
	this_cpu_inc(selftest_counter);
	this_cpu_add(selftest_counter, 10);
	this_cpu_dec(selftest_counter);
	ok &= this_cpu_read(selftest_counter) == 15;
	__this_cpu_sub(selftest_counter, 5);
	ok &= __this_cpu_read(selftest_counter) == 10;
	for_each_possible_cpu(cpu)
		ok &= cpu == me || per_cpu(selftest_counter, cpu) == 100 + cpu;
	return ok;
}

/* Zeroed, aligned in every unit; fills each cpu's copy with its own pattern. */
static bool check_and_fill(void __percpu *p, size_t size, size_t align, int i)
{
	unsigned int cpu;
	bool ok = p != NULL;

	for_each_possible_cpu(cpu) {
		u8 *q = per_cpu_ptr((u8 *)p, cpu);

		if (!ok)
			break;
		ok &= !((unsigned long)q & (align - 1));
		for (size_t b = 0; b < size; b++) {
			ok &= q[b] == 0;
			q[b] = pattern(cpu, i, b);
		}
	}
	return ok;
}

static bool check_pattern(void __percpu *p, size_t size, int i)
{
	unsigned int cpu;
	bool ok = true;

	for_each_possible_cpu(cpu) {
		u8 *q = per_cpu_ptr((u8 *)p, cpu);

		for (size_t b = 0; b < size; b++)
			ok &= q[b] == pattern(cpu, i, b);
	}
	return ok;
}

static const size_t sizes[] = { 1, 4, 8, 12, 16, 24, 60, 64, 100, 128, 256, 1000, 4096 };
static const size_t aligns[] = { 1, 4, 8, 16, 64, 256, 4096 };

/* Every size with every alignment at once, each cpu's copy distinct; all freed. */
static bool test_alloc_sizes_aligns(void)
{
	enum { N = ARRAY_SIZE(sizes) * ARRAY_SIZE(aligns) };
	static void __percpu *ptrs[N];
	unsigned long pages = pcpu_nr_pages();
	bool ok = true;

	for (int i = 0; i < N; i++) {
		size_t size = sizes[i % ARRAY_SIZE(sizes)], align = aligns[i / ARRAY_SIZE(sizes)];

		ptrs[i] = __alloc_percpu(size, align);
		ok &= check_and_fill(ptrs[i], size, align, i);
	}
	for (int i = 0; i < N; i++) {
		if (ptrs[i])
			ok &= check_pattern(ptrs[i], sizes[i % ARRAY_SIZE(sizes)], i);
		free_percpu(ptrs[i]);
	}
	return ok && pcpu_nr_pages() == pages;
}

/* 4 KiB blocks until a chunk beyond the first is populated; all pages back after. */
static bool test_second_chunk(void)
{
	enum { N = 64 };
	static void __percpu *ptrs[N];
	unsigned long pages = pcpu_nr_pages();
	int n = 0;
	bool ok = true;

	while (n < N && pcpu_nr_pages() == pages) {
		ptrs[n] = __alloc_percpu(PAGE_SIZE, PAGE_SIZE);
		ok &= check_and_fill(ptrs[n], PAGE_SIZE, PAGE_SIZE, n);
		n++;
	}
	ok &= pcpu_nr_pages() > pages;
	for (int i = 0; i < n; i++) {
		if (ptrs[i])
			ok &= check_pattern(ptrs[i], PAGE_SIZE, i);
		free_percpu(ptrs[i]);
	}
	return ok && pcpu_nr_pages() == pages;
}

/* alloc_percpu(type): sized and aligned for the type; free_percpu(NULL) is fine. */
static bool test_alloc_percpu_type(void)
{
	struct pair { u64 a, b; } __percpu *p = alloc_percpu(struct pair);
	unsigned int cpu;
	bool ok = true;

	if (!p)
		return false;
	for_each_possible_cpu(cpu)
		per_cpu_ptr(p, cpu)->b = cpu;
	for_each_possible_cpu(cpu)
		ok &= per_cpu_ptr(p, cpu)->a == 0 && per_cpu_ptr(p, cpu)->b == cpu &&
		      !((unsigned long)per_cpu_ptr(p, cpu) & 7);
	free_percpu(p);
	free_percpu(NULL);
	return ok;
}

static const struct ktap_case cases[] = {
	{ test_static_distinct, "percpu_static_distinct" },
	{ test_this_cpu_ops, "percpu_this_cpu_ops" },
	{ test_alloc_sizes_aligns, "percpu_alloc_sizes_aligns" },
	{ test_second_chunk, "percpu_second_chunk" },
	{ test_alloc_percpu_type, "percpu_alloc_percpu_type" },
};

/* Runs the suite when selftest=percpu; after vmalloc_init. */
static void __init percpu_selftest(void)
{
	ktap_run_suite("percpu", cases, ARRAY_SIZE(cases));
}
selftest_initcall("percpu", percpu_selftest);
