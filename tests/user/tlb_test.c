/*
 * TLB invalidation, as init: the kernel flushes a change to a process's page tables
 * only on this cpu when no other cpu can hold the mm's entries, and broadcasts it
 * otherwise (arch/arm64/mm/context.c). Every check here has a cpu that did hold an
 * entry (QEMU keeps a vCPU's translations until told to drop them) and must see the
 * change: munmap and mprotect seen by threads on every cpu, a process that moved between
 * cpus, and fork's write-protection seen by a thread writing on another cpu. Last, the
 * munmap batch (mmu_gather) filling at a page table's end.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "ktap.h"

#define PG		4096UL
#define NR_CPUS		4

static __thread sigjmp_buf fault_jmp;
static __thread int fault_code;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	fault_code = si->si_code;
	siglongjmp(fault_jmp, 1);
}

/* The si_code of the SIGSEGV touching p raised, or 0 if it did not fault. */
static int touch(volatile char *p, int write)
{
	fault_code = 0;
	if (sigsetjmp(fault_jmp, 1))
		return fault_code;
	if (write)
		*p = 2;
	else
		(void)*p;
	return 0;
}

static int pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set);
}

/* The threads' steps: each loads a TLB entry, waits for the change, then touches again. */
static volatile char *shared_page;
static atomic_int loaded, changed;
static int seen[NR_CPUS];
static int touch_write;

static void *toucher(void *arg)
{
	int cpu = (int)(long)arg;

	if (pin(cpu))
		return (void *)1;
	touch(shared_page, touch_write);
	atomic_fetch_add(&loaded, 1);
	while (!atomic_load(&changed))
		touch(shared_page, touch_write);	/* keeps the entry hot */
	seen[cpu] = touch(shared_page, touch_write);
	return NULL;
}

/*
 * Threads on cpus 1..3 hold an entry for the page; cpu 0 applies change; each thread's
 * next access must fault with code.
 */
static void on_every_cpu(const char *name, int write, void (*change)(void), int code)
{
	pthread_t threads[NR_CPUS];
	char desc[96];

	atomic_store(&loaded, 0);
	atomic_store(&changed, 0);
	touch_write = write;
	shared_page = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	shared_page[0] = 1;
	pin(0);
	for (long cpu = 1; cpu < NR_CPUS; cpu++)
		pthread_create(&threads[cpu], NULL, toucher, (void *)cpu);
	while (atomic_load(&loaded) < NR_CPUS - 1)
		sched_yield();
	change();
	atomic_store(&changed, 1);
	for (int cpu = 1; cpu < NR_CPUS; cpu++) {
		void *ret;

		pthread_join(threads[cpu], &ret);
		snprintf(desc, sizeof(desc), "%s seen on cpu %d", name, cpu);
		CHECK(desc, !ret && seen[cpu] == code, "si_code %d, expected %d%s", seen[cpu], code,
		      ret ? " (could not pin)" : "");
	}
	munmap((void *)shared_page, PG);
}

static void do_munmap(void)
{
	munmap((void *)shared_page, PG);
}

static void do_mprotect(void)
{
	mprotect((void *)shared_page, PG, PROT_READ);
}

/* A process that ran on two cpus: a flush from the second must reach the first. */
static void test_migrated(void)
{
	volatile char *p = mmap(NULL, PG, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	pin(1);
	p[0] = 1;
	pin(2);
	munmap((void *)p, PG);
	pin(1);
	CHECK("munmap on cpu 2 seen on cpu 1", touch(p, 0) == SEGV_MAPERR, "si_code %d", fault_code);
	pin(0);
}

static atomic_int writer_ready, fork_done;

/* Writes 1 (loading a writable entry), then 42 once the fork is done. */
static void *writer(void *arg)
{
	volatile char *p = arg;

	pin(1);
	p[0] = 1;
	atomic_store(&writer_ready, 1);
	while (!atomic_load(&fork_done))
		p[0] = 1;
	p[0] = 42;
	atomic_store(&writer_ready, 2);
	return NULL;
}

/*
 * fork write-protects the parent's private pages: a thread on another cpu that wrote
 * before must fault (copy-on-write) on its next write, not write into the child's page.
 */
static void test_fork_wrprotect(void)
{
	volatile char *p = mmap(NULL, PG, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int go[2], status = -1;
	pthread_t thread;
	char c;
	pid_t pid;

	pin(0);
	pipe(go);
	pthread_create(&thread, NULL, writer, (void *)p);
	while (atomic_load(&writer_ready) != 1)
		sched_yield();
	pid = fork();
	if (pid == 0) {
		read(go[0], &c, 1);
		_exit(p[0]);
	}
	atomic_store(&fork_done, 1);
	while (atomic_load(&writer_ready) != 2)
		sched_yield();
	write(go[1], "x", 1);
	waitpid(pid, &status, 0);
	pthread_join(thread, NULL);
	CHECK("fork's write-protect seen by a writer on cpu 1",
	      WIFEXITED(status) && WEXITSTATUS(status) == 1 && p[0] == 42,
	      "child saw %d, parent %d", WEXITSTATUS(status), p[0]);
	munmap((void *)p, PG);
}

/*
 * munmap's mmu_gather holds 63 pages a batch: 63 present pages that end exactly at a pte
 * table's last entry fill it there, and the next table's pages must go into a new batch.
 */
static void test_gather_full_at_table_end(void)
{
	unsigned long table = 2UL << 20, batch = 63;
	char *map = mmap(NULL, 3 * table, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *base = (char *)(((unsigned long)map + table - 1) & ~(table - 1));
	char *first = base + table - batch * PG;
	int faulted = 0;

	for (char *p = first; p < base + table + 8 * PG; p += PG)
		*p = 1;
	CHECK("munmap_batch_full_at_table_end", munmap(map, 3 * table) == 0, "errno %d", errno);
	for (char *p = first; p < base + table + 8 * PG; p += 16 * PG)
		faulted += touch(p, 0) == SEGV_MAPERR;
	CHECK("munmap_batch_pages_gone", faulted == 5, "%d of 5 faulted", faulted);
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO | SA_NODEFER };

	ktap_suite = "tlb";
	sigaction(SIGSEGV, &sa, NULL);
	on_every_cpu("munmap", 0, do_munmap, SEGV_MAPERR);
	on_every_cpu("mprotect read-only", 1, do_mprotect, SEGV_ACCERR);
	test_migrated();
	test_fork_wrprotect();
	test_gather_full_at_table_end();
	return ktap_done();
}
