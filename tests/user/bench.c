/*
 * User-space benchmarks for `make bench` (not a test): system calls and process
 * operations per second, measured inside QEMU, printed as "bench: ..." lines.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Runs op in batches for about a second; operations per second. */
static double rate(void (*op)(void), int batch)
{
	double start = now(), t;
	long n = 0;

	do {
		for (int i = 0; i < batch; i++)
			op();
		n += batch;
		t = now() - start;
	} while (t < 1.0);
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

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "exit"))
		return 0;
	printf("bench: getpid %.0f ops/s\n", rate(op_getpid, 10000));
	printf("bench: fork+exit+wait %.0f ops/s\n", rate(op_fork, 20));
	printf("bench: fork+execve+wait %.0f ops/s\n", rate(op_fork_exec, 10));
	fflush(stdout);
	if (getpid() == 1)
		reboot(RB_POWER_OFF);
	return 0;
}
