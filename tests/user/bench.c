/*
 * User-space benchmarks for `make bench` (not a test): system calls, process and
 * memory operations per second, measured inside QEMU, printed as "bench: ..." lines.
 * `bench NAME` runs only the benchmarks whose names start with NAME (tools/bench's
 * second kernel runs getpid; tools/profile one, for longer); `bench exit` is the program
 * fork+execve+wait runs. After each rate, the guest-side work per operation that does not
 * depend on the host's load: context switches, reschedule and function-call IPIs, and
 * interrupts in all (from /proc/stat and /proc/interrupts, mounted here when bench is init).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define FAULT_CHUNK	(4UL << 20)	/* first-touch faults: pages per mmap, 4 KiB each */
#define MMAP_LEN	(64UL << 10)
#define BRK_STEP	(1UL << 20)
#define FORK_TOUCHED	(16UL << 20)

static double seconds = 1.0;	/* how long each benchmark runs */
static long ops;		/* operations the last benchmark ran */

/* The kernel's event counts, summed over cpus. */
struct counts {
	unsigned long long ctxt, resched_ipi, call_ipi, intr;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Runs op in batches for about `seconds`; operations per second. */
static double rate(void (*op)(void), int batch)
{
	double start = now(), t;
	long n = 0;

	do {
		for (int i = 0; i < batch; i++)
			op();
		n += batch;
		t = now() - start;
	} while (t < seconds);
	ops = n;
	return n / t;
}

static void op_getpid(void)
{
	syscall(SYS_getpid);
}

static void op_fork(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
}

static void op_fork_exec(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		execl("/bin/bench", "bench", "exit", (char *)NULL);
		_exit(1);
	}
	waitpid(pid, NULL, 0);
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

/*
 * First-touch anonymous write faults: one write per 4 KiB page of a fresh mapping; the
 * munmap is outside the timed part (its share is under 1 in 100 of a chunk's faults).
 */
static double fault_rate(void)
{
	double spent = 0;
	long n = 0;

	while (spent < seconds) {
		char *p = mmap(NULL, FAULT_CHUNK, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		double start;

		if (p == MAP_FAILED)
			die("bench: mmap");
		start = now();
		for (unsigned long off = 0; off < FAULT_CHUNK; off += 4096)
			p[off] = 1;
		spent += now() - start;
		n += FAULT_CHUNK / 4096;
		munmap(p, FAULT_CHUNK);
	}
	ops = n;
	return n / spent;
}

static void op_mmap_munmap(void)
{
	void *p = mmap(NULL, MMAP_LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("bench: mmap");
	if (munmap(p, MMAP_LEN))
		die("bench: munmap");
}

/* brk up by 1 MiB and back (both calls are one operation), as the figure. */
static void op_brk(void)
{
	char *cur = sbrk(0);

	if (brk(cur + BRK_STEP) || brk(cur))
		die("bench: brk");
}

static char *touched;

static void op_fork16m(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(touched[0]);
	waitpid(pid, NULL, 0);
}

static double fork16m_rate(void)
{
	touched = mmap(NULL, FORK_TOUCHED, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (touched == MAP_FAILED)
		die("bench: mmap");
	memset(touched, 1, FORK_TOUCHED);
	return rate(op_fork16m, 5);
}

static double getpid_rate(void)
{
	return rate(op_getpid, 10000);
}

static double fork_rate(void)
{
	return rate(op_fork, 20);
}

static double fork_exec_rate(void)
{
	return rate(op_fork_exec, 10);
}

static double mmap_rate(void)
{
	return rate(op_mmap_munmap, 100);
}

static double brk_rate(void)
{
	return rate(op_brk, 100);
}

/* The sum of the per-cpu columns of an IPI row of /proc/interrupts ("IPI0: 1 2 ... name"). */
static unsigned long long ipi_row_sum(const char *line)
{
	unsigned long long sum = 0;
	const char *p = strchr(line, ':') + 1;
	char *end;

	for (;;) {
		unsigned long long v = strtoull(p, &end, 10);

		if (end == p)
			return sum;
		sum += v;
		p = end;
	}
}

/* Zero counts when /proc cannot be read: the per-op line then says nothing useful. */
static void read_counts(struct counts *c)
{
	char line[512];
	FILE *f;

	memset(c, 0, sizeof(*c));
	f = fopen("/proc/stat", "r");
	if (f) {
		while (fgets(line, sizeof(line), f)) {
			sscanf(line, "ctxt %llu", &c->ctxt);
			sscanf(line, "intr %llu", &c->intr);
		}
		fclose(f);
	}
	f = fopen("/proc/interrupts", "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line + strspn(line, " "), "IPI0:", 5))
			c->resched_ipi = ipi_row_sum(line);
		else if (!strncmp(line + strspn(line, " "), "IPI1:", 5))
			c->call_ipi = ipi_row_sum(line);
	}
	fclose(f);
}

static void print_per_op(const char *name, const struct counts *a, const struct counts *b)
{
	double n = ops ? ops : 1;

	printf("bench: %s per op: %.2f context switches, %.2f reschedule IPIs, "
	       "%.2f call IPIs, %.2f interrupts\n", name, (b->ctxt - a->ctxt) / n,
	       (b->resched_ipi - a->resched_ipi) / n, (b->call_ipi - a->call_ipi) / n,
	       (b->intr - a->intr) / n);
}

static const struct {
	const char *name;
	double (*run)(void);
} benches[] = {
	{ "getpid", getpid_rate },
	{ "fork+exit+wait", fork_rate },
	{ "fork+execve+wait", fork_exec_rate },
	{ "anonymous first-touch faults", fault_rate },
	{ "mmap+munmap 64K", mmap_rate },
	{ "brk grow+shrink 1M", brk_rate },
	{ "fork16m+exit+wait", fork16m_rate },
};

/*
 * No argument: every benchmark; else only those whose names start with argv[1], for
 * argv[2] seconds each if given.
 */
int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "exit"))
		return 0;
	if (argc > 2)
		seconds = atof(argv[2]);
	if (getpid() == 1) {
		mkdir("/proc", 0555);
		mount("proc", "/proc", "proc", 0, NULL);
	}
	for (unsigned int i = 0; i < sizeof(benches) / sizeof(benches[0]); i++) {
		struct counts before, after;
		double r;

		if (argc > 1 && strncmp(benches[i].name, argv[1], strlen(argv[1])))
			continue;
		read_counts(&before);
		r = benches[i].run();
		read_counts(&after);
		printf("bench: %s %.0f ops/s\n", benches[i].name, r);
		print_per_op(benches[i].name, &before, &after);
		fflush(stdout);
	}
	if (getpid() == 1)
		reboot(RB_POWER_OFF);
	return 0;
}
