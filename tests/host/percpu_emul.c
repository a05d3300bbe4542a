/*
 * Host stand-in for the percpu allocator and the cpu masks, for suites of code that uses
 * per-cpu data (the page allocator, SLUB) without testing mm/percpu.c itself: every
 * cpu is possible, each gets a copy of the per-cpu section (setup_per_cpu_areas), and
 * each alloc_percpu is its own zeroed mapping with a copy per cpu, HOST_UNIT_SIZE apart
 * as the static copies are, so per_cpu_ptr works the same for both.
 */
#include <string.h>
#include <sys/mman.h>
#include <linux/kernel.h>
#include <linux/bug.h>
#include <linux/cpumask.h>
#include <linux/percpu.h>

#define HOST_UNIT_SIZE	(1UL << 20)	/* bytes between two cpus' copies */
#define HOST_AREA_SIZE	(NR_CPUS * HOST_UNIT_SIZE)

struct cpumask __cpu_possible_mask = { { (1UL << NR_CPUS) - 1 } };
struct cpumask __cpu_present_mask = { { (1UL << NR_CPUS) - 1 } };
struct cpumask __cpu_online_mask = { { 1 } };
unsigned int nr_cpu_ids = NR_CPUS;
unsigned long __per_cpu_offset[NR_CPUS];

/* The host per-cpu section (asm/percpu.h); weak, for a suite that defines no variable. */
extern char __start_host_percpu[] __attribute__((weak));
extern char __stop_host_percpu[] __attribute__((weak));

/* A zeroed area with a HOST_UNIT_SIZE copy per cpu. */
static char *host_area(void)
{
	void *area = mmap(NULL, HOST_AREA_SIZE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	BUG_ON(area == MAP_FAILED);
	return area;
}

/* Copies the per-cpu section for every cpu, once per process (later boots reuse it). */
void setup_per_cpu_areas(void)
{
	size_t size = __stop_host_percpu - __start_host_percpu;
	static char *units;

	if (units)
		return;
	BUG_ON(size > HOST_UNIT_SIZE);
	units = host_area();
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		memcpy(units + cpu * HOST_UNIT_SIZE, __start_host_percpu, size);
		__per_cpu_offset[cpu] = (unsigned long)(units - __start_host_percpu) +
					cpu * HOST_UNIT_SIZE;
	}
}

/* The pointer whose per_cpu_ptr for cpu 0 is @area, and back. */
static void __percpu *area_to_ptr(char *area)
{
	return (void *)((unsigned long)area - __per_cpu_offset[0]);
}

void __percpu *__alloc_percpu(size_t size, size_t align)
{
	BUG_ON(!__per_cpu_offset[0] || size > HOST_UNIT_SIZE || align > PAGE_SIZE);
	return area_to_ptr(host_area());
}

void free_percpu(void __percpu *ptr)
{
	if (ptr)
		munmap((void *)((unsigned long)ptr + __per_cpu_offset[0]), HOST_AREA_SIZE);
}
