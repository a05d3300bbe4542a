/*
 * Scheduler wake-ups, as init: eight threads of one process map, fault and unmap
 * memory at once, so they queue on mmap_lock (a sleeping rw_semaphore) and must each be
 * woken when it is handed to them. The checks are about correctness, not speed: every
 * thread finishes, and no iteration (a few lock round trips) takes longer than a bound
 * far above its normal cost, which a lost or late wake-up exceeds.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"

#define NR_THREADS	8
#define ITERATIONS	200
#define PAGES		4
#define PG		4096UL
/* An iteration takes well under a millisecond; a lost wake-up waits for the next tick's
 * chance event or forever. 2 s is generous even on a loaded TCG host. */
#define MAX_ITER_NS	2000000000LL

struct worker {
	pthread_t thread;
	int done;
	int errors;
	long long worst_ns;
};

static atomic_int started;

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* One iteration: mmap (write lock), fault each page (read lock), munmap (write lock). */
static int map_touch_unmap(void)
{
	char *p = mmap(NULL, PAGES * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	if (p == MAP_FAILED)
		return 1;
	for (unsigned long i = 0; i < PAGES; i++)
		p[i * PG] = (char)i;
	return munmap(p, PAGES * PG) != 0;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;

	atomic_fetch_add(&started, 1);
	while (atomic_load(&started) < NR_THREADS)
		;
	for (int i = 0; i < ITERATIONS; i++) {
		long long t = now_ns();

		w->errors += map_touch_unmap();
		t = now_ns() - t;
		if (t > w->worst_ns)
			w->worst_ns = t;
	}
	w->done = 1;
	return NULL;
}

static void test_mmap_threads(void)
{
	struct worker w[NR_THREADS] = { 0 };
	long long worst = 0, t = now_ns();
	int done = 0, errors = 0;

	for (int i = 0; i < NR_THREADS; i++)
		if (pthread_create(&w[i].thread, NULL, worker_main, &w[i]))
			w[i].errors++;
	for (int i = 0; i < NR_THREADS; i++) {
		if (!w[i].errors)
			pthread_join(w[i].thread, NULL);
		done += w[i].done;
		errors += w[i].errors;
		if (w[i].worst_ns > worst)
			worst = w[i].worst_ns;
	}
	t = now_ns() - t;
	printf("# mmap threads: round %lld ms, worst iteration %lld us\n", t / 1000000,
	       worst / 1000);
	CHECK("mmap threads all finish", done == NR_THREADS && !errors,
	      "%d of %d threads finished, %d errors", done, NR_THREADS, errors);
	CHECK("mmap threads no late wake-up", worst < MAX_ITER_NS,
	      "worst iteration %lld us (bound %lld us), round %lld ms", worst / 1000,
	      MAX_ITER_NS / 1000, t / 1000000);
}

int main(void)
{
	ktap_suite = "sched";
	for (int round = 0; round < 3; round++)
		test_mmap_threads();
	return ktap_done();
}
