/*
 * The console tty from user space, run as init (rdinit=/bin/tty_test) with keys typed on
 * the serial line by the boot case (tests/boot/cases.py TTY_DIALOG): before each check
 * that needs input it prints "# ready NAME" and the case types that step's keys. The
 * first keys come before init even runs and must still be there. KTAP out; power-off.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <termios.h>
#include <time.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "ktap.h"

static struct termios cooked;
static volatile int got_sig;

static void on_sig(int sig)
{
	got_sig = sig;
}

static void ready(const char *step)
{
	printf("# ready %s\n", step);
	fflush(stdout);
}

/* Raw mode (no ICANON, ECHO, ISIG) with the given VMIN and VTIME. */
static void set_raw(int vmin, int vtime)
{
	struct termios t = cooked;

	t.c_lflag &= ~(ICANON | ECHO | ISIG);
	t.c_cc[VMIN] = (cc_t)vmin;
	t.c_cc[VTIME] = (cc_t)vtime;
	tcsetattr(0, TCSANOW, &t);
}

static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static ssize_t read_str(char *buf, size_t size)
{
	ssize_t n = read(0, buf, size - 1);

	buf[n > 0 ? n : 0] = 0;
	return n;
}

/* Keys typed while the kernel was still booting wait for the first reader. */
static void early_input(void)
{
	struct timespec t0;
	char buf[64];
	int n;

	CHECK("typed_before_init_kept", read_str(buf, sizeof(buf)) == 6 && !strcmp(buf, "early\n"),
	      "'%s'", buf);
	ready("while-switching");
	/*
	 * The keys come while the mode flips between canonical and raw as fast as it can:
	 * every byte must come out once, in order, whichever mode it arrived in.
	 */
	memset(buf, 0, sizeof(buf));
	n = 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (n < 26 && ms_since(&t0) < 10000) {
		ssize_t r;

		set_raw(0, 0);
		r = read(0, buf + n, sizeof(buf) - 1 - n);
		n += r > 0 ? (int)r : 0;
		tcsetattr(0, TCSANOW, &cooked);
	}
	CHECK("typed_while_switching_modes_kept", n == 26 &&
	      !strcmp(buf, "abcdefghijklmnopqrstuvwxyz"), "n %d '%s'", n, buf);
}

static void canonical(void)
{
	char buf[64];

	ready("eof");
	CHECK("veof_ends_line_without_newline", read_str(buf, sizeof(buf)) == 3 &&
	      !strcmp(buf, "abc"), "'%s'", buf);
	CHECK("veof_alone_is_end_of_file", read_str(buf, sizeof(buf)) == 0, "'%s'", buf);
	ready("edit");
	CHECK("verase", read_str(buf, sizeof(buf)) == 3 && !strcmp(buf, "ac\n"), "'%s'", buf);
	CHECK("vkill", read_str(buf, sizeof(buf)) == 5 && !strcmp(buf, "good\n"), "'%s'", buf);
	CHECK("vwerase", read_str(buf, sizeof(buf)) == 10 && !strcmp(buf, "one three\n"), "'%s'",
	      buf);
	CHECK("icrnl", read_str(buf, sizeof(buf)) == 3 && !strcmp(buf, "cr\n"), "'%s'", buf);
	CHECK("line_per_read", read_str(buf, 3) == 2 && !strcmp(buf, "li") &&
	      read_str(buf, sizeof(buf)) == 3 && !strcmp(buf, "ne\n") &&
	      read_str(buf, sizeof(buf)) == 5 && !strcmp(buf, "next\n"), "'%s'", buf);
}

static void signals(void)
{
	struct timespec wait = { 10, 0 };
	struct termios t = cooked;
	sigset_t intr;
	char buf[64];

	/* Blocked, so it stays pending whenever the key comes: nothing assumed on timing. */
	sigemptyset(&intr);
	sigaddset(&intr, SIGINT);
	sigprocmask(SIG_BLOCK, &intr, NULL);
	ready("intr");
	CHECK("vintr_sends_sigint", sigtimedwait(&intr, NULL, &wait) == SIGINT, "errno %d", errno);
	sigprocmask(SIG_UNBLOCK, &intr, NULL);
	ready("after-intr");
	CHECK("vintr_flushes_line", read_str(buf, sizeof(buf)) == 5 && !strcmp(buf, "kept\n"),
	      "'%s'", buf);
	t.c_lflag &= ~ISIG;
	tcsetattr(0, TCSANOW, &t);
	got_sig = 0;
	signal(SIGINT, on_sig);
	ready("noisig");
	CHECK("isig_off_keeps_intr_char", read_str(buf, sizeof(buf)) == 2 &&
	      !strcmp(buf, "\003\n") && !got_sig, "'%s' sig %d", buf, got_sig);
	tcsetattr(0, TCSANOW, &cooked);
	signal(SIGINT, SIG_DFL);
}

/* A child that sends us SIGUSR1 every 300 ms (3 VTIMEs of 1) until it is killed. */
static pid_t nag(void)
{
	pid_t parent = getpid(), child = fork();

	if (!child) {
		for (;;) {
			usleep(300000);
			kill(parent, SIGUSR1);
		}
	}
	return child;
}

static void raw_reads(void)
{
	struct sigaction sa = { .sa_handler = on_sig };
	struct pollfd pfd = { .fd = 0, .events = POLLIN };
	struct timespec t0;
	char buf[64];
	pid_t child;
	int n = -1;

	set_raw(0, 0);
	CHECK("vmin0_vtime0_returns_at_once", read(0, buf, sizeof(buf)) == 0, "");
	set_raw(0, 2);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK("vmin0_vtime_times_out", read(0, buf, sizeof(buf)) == 0 && ms_since(&t0) >= 190, "");
	/* VMIN with VTIME: the timer runs between bytes only; before the first, none. */
	set_raw(2, 1);
	sigaction(SIGUSR1, &sa, NULL);
	child = nag();
	CHECK_ERR("vmin_vtime_waits_for_first_byte", read(0, buf, sizeof(buf)), EINTR);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	signal(SIGUSR1, SIG_DFL);
	ready("one-byte");
	CHECK("vmin_vtime_interbyte_timer", read_str(buf, sizeof(buf)) == 1 && !strcmp(buf, "q"),
	      "'%s'", buf);
	set_raw(3, 0);
	ready("three");
	CHECK("vmin_waits_for_three", read_str(buf, sizeof(buf)) == 3 && !strcmp(buf, "xyz"),
	      "'%s'", buf);
	/* Raw with VMIN 4 and no VTIME: poll says readable once there are 4 bytes. */
	set_raw(4, 0);
	ready("four");
	CHECK("poll_waits_for_vmin_bytes", poll(&pfd, 1, -1) == 1 && ioctl(0, FIONREAD, &n) == 0 &&
	      n == 4, "n %d", n);
	tcsetattr(0, TCSAFLUSH, &cooked);
	CHECK("tcsetsf_flushes_input", ioctl(0, FIONREAD, &n) == 0 && n == 0, "n %d", n);
	fcntl(0, F_SETFL, O_NONBLOCK);
	CHECK_ERR("nonblock_read_eagain", read(0, buf, sizeof(buf)), EAGAIN);
	fcntl(0, F_SETFL, 0);
	tcsetattr(0, TCSANOW, &cooked);
}

/* A child running fn in a process group of its own: in the background. */
static pid_t child_in_own_group(void (*fn)(void))
{
	pid_t child = fork();

	if (!child) {
		setpgid(0, 0);
		fn();
		_exit(0);
	}
	setpgid(child, child);
	return child;
}

static void read_one(void)
{
	char c;

	signal(SIGTTIN, SIG_DFL);
	read(0, &c, 1);
}

static void read_ignoring_ttin(void)
{
	char c;

	signal(SIGTTIN, SIG_IGN);
	_exit(read(0, &c, 1) < 0 && errno == EIO ? 0 : 1);
}

static void write_with_tostop(void)
{
	signal(SIGTTOU, SIG_DFL);
	write(1, "# background write\n", 19);
}

static void job_control(void)
{
	pid_t me = getpgrp(), pg = -1, child;
	struct termios t = cooked;
	int status;

	CHECK("tiocgpgrp_is_ours", ioctl(0, TIOCGPGRP, &pg) == 0 && pg == me, "%d %d", pg, me);
	child = child_in_own_group(read_one);
	waitpid(child, &status, WUNTRACED);
	CHECK("background_read_sigttin", WIFSTOPPED(status) && WSTOPSIG(status) == SIGTTIN,
	      "status %#x", status);
	kill(child, SIGKILL);
	waitpid(child, &status, 0);
	child = child_in_own_group(read_ignoring_ttin);
	waitpid(child, &status, 0);
	CHECK("background_read_ignoring_sigttin_eio", WIFEXITED(status) && !WEXITSTATUS(status),
	      "status %#x", status);
	t.c_lflag |= TOSTOP;
	tcsetattr(0, TCSANOW, &t);
	child = child_in_own_group(write_with_tostop);
	waitpid(child, &status, WUNTRACED);
	CHECK("background_write_tostop_sigttou", WIFSTOPPED(status) &&
	      WSTOPSIG(status) == SIGTTOU, "status %#x", status);
	/* We go to the background: with TOSTOP our own output stops us unless ignored. */
	signal(SIGTTOU, SIG_IGN);
	CHECK("tiocspgrp_to_child_group", ioctl(0, TIOCSPGRP, &child) == 0 &&
	      ioctl(0, TIOCGPGRP, &pg) == 0 && pg == child, "pg %d", pg);
	kill(child, SIGCONT);
	waitpid(child, &status, 0);
	CHECK("foreground_write_with_tostop", WIFEXITED(status), "status %#x", status);
	/* Back to our group from the background: allowed with SIGTTOU ignored, as Linux. */
	CHECK("tiocspgrp_back_from_background", ioctl(0, TIOCSPGRP, &me) == 0 &&
	      tcgetpgrp(0) == me, "");
	signal(SIGTTOU, SIG_DFL);
	pg = 99999;
	CHECK_ERR("tiocspgrp_no_such_group_esrch", ioctl(0, TIOCSPGRP, &pg), ESRCH);
	pg = 1;
	CHECK_ERR("tiocspgrp_other_session_eperm", ioctl(0, TIOCSPGRP, &pg), EPERM);
	pg = -2;
	CHECK_ERR("tiocspgrp_negative_einval", ioctl(0, TIOCSPGRP, &pg), EINVAL);
	CHECK_ERR("tiocgpgrp_efault", ioctl(0, TIOCGPGRP, (void *)1), EFAULT);
	tcsetattr(0, TCSANOW, &cooked);
}

static void winsize(void)
{
	struct sigaction sa = { .sa_handler = on_sig };
	struct winsize ws = { .ws_row = 40, .ws_col = 100 }, got;

	sigaction(SIGWINCH, &sa, NULL);
	got_sig = 0;
	CHECK("tiocswinsz_sigwinch", ioctl(0, TIOCSWINSZ, &ws) == 0 && got_sig == SIGWINCH &&
	      ioctl(0, TIOCGWINSZ, &got) == 0 && got.ws_row == 40 && got.ws_col == 100, "");
	signal(SIGWINCH, SIG_DFL);
}

/* The checks, in a session of their own with the console as controlling tty. */
static int session(void)
{
	int fd;

	setsid();
	fd = open("/dev/ttyAMA0", O_RDWR);
	if (fd < 0) {
		printf("# open /dev/ttyAMA0: %s\n", strerror(errno));
		return 1;
	}
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	close(fd);
	tcgetattr(0, &cooked);
	early_input();
	canonical();
	signals();
	raw_reads();
	job_control();
	winsize();
	return ktap_done();
}

int main(void)
{
	pid_t child;

	ktap_suite = "tty";
	printf("KTAP version 1\n");
	mkdir("/dev", 0755);
	if (mount("devtmpfs", "/dev", "devtmpfs", 0, NULL))
		printf("# mount devtmpfs: %s\n", strerror(errno));
	fflush(stdout);
	child = fork();
	if (!child)
		_exit(session());
	waitpid(child, NULL, 0);
	sync();
	reboot(RB_POWER_OFF);
	return 1;
}
