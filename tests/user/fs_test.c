/*
 * The file system calls from user space, each with its errors: run as init
 * (rdinit=/bin/fs_test) on the test initramfs, KTAP out, power-off at the end.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <sys/auxv.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <limits.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <linux/close_range.h>
#include <sys/sendfile.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysinfo.h>
#include <sys/vfs.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include "ktap.h"

#define BAD_PTR		((void *)1)
#define KERNEL_PTR	((void *)0xffff000000000000UL)

static void files_and_errors(void)
{
	char buf[64];
	int fd;

	CHECK_ERR("open_enoent", open("/nothere", O_RDONLY), ENOENT);
	CHECK_ERR("open_efault", syscall(SYS_openat, AT_FDCWD, BAD_PTR, O_RDONLY), EFAULT);
	CHECK_ERR("open_kernel_ptr_efault", syscall(SYS_openat, AT_FDCWD, KERNEL_PTR, O_RDONLY),
		  EFAULT);
	fd = open("/tmp/f", O_RDWR | O_CREAT | O_EXCL, 0640);
	CHECK("open_creat", fd >= 0, "fd %d errno %d", fd, errno);
	CHECK_ERR("open_eexist", open("/tmp/f", O_RDWR | O_CREAT | O_EXCL, 0640), EEXIST);
	CHECK_ERR("open_dir_for_write_eisdir", open("/tmp", O_WRONLY), EISDIR);
	CHECK_ERR("open_through_file_enotdir", open("/tmp/f/x", O_RDONLY), ENOTDIR);
	CHECK("write", write(fd, "hello world", 11) == 11, "errno %d", errno);
	CHECK("lseek_end", lseek(fd, 0, SEEK_END) == 11, "");
	CHECK_ERR("lseek_bad_whence", lseek(fd, 0, 99), EINVAL);
	CHECK("pread", pread(fd, buf, 5, 6) == 5 && !memcmp(buf, "world", 5), "");
	CHECK_ERR("pread_efault", syscall(SYS_pread64, fd, BAD_PTR, 4, 0), EFAULT);
	CHECK_ERR("read_kernel_ptr_efault", syscall(SYS_pread64, fd, KERNEL_PTR, 4, 0), EFAULT);
	CHECK_ERR("read_ebadf", read(999, buf, 4), EBADF);
	CHECK("close", close(fd) == 0, "");
	CHECK_ERR("close_twice_ebadf", close(fd), EBADF);
	fd = open("/tmp/f", O_RDONLY);
	CHECK_ERR("write_rdonly_ebadf", write(fd, "x", 1), EBADF);
	CHECK_ERR("ioctl_file_enotty", ioctl(fd, TIOCGPGRP, buf), ENOTTY);
	close(fd);
}

static void vectors_and_fds(void)
{
	struct iovec iov[2] = { { "ab", 2 }, { "cde", 3 } };
	char a[2], b[3];
	struct iovec rio[2] = { { a, 2 }, { b, 3 } };
	int fd = open("/tmp/v", O_RDWR | O_CREAT | O_TRUNC, 0600), fd2;

	CHECK("writev", writev(fd, iov, 2) == 5, "");
	CHECK("readv", preadv(fd, rio, 2, 0) == 5 && !memcmp(a, "ab", 2) && !memcmp(b, "cde", 3),
	      "");
	CHECK_ERR("writev_efault", syscall(SYS_writev, fd, BAD_PTR, 2), EFAULT);
	CHECK_ERR("dup3_same_einval", dup3(fd, fd, 0), EINVAL);
	fd2 = dup3(fd, 50, O_CLOEXEC);
	CHECK("dup3_cloexec", fd2 == 50 && fcntl(50, F_GETFD) == FD_CLOEXEC, "");
	CHECK("fcntl_dupfd_min", fcntl(fd, F_DUPFD, 60) == 60, "");
	CHECK("fcntl_setfl_nonblock", fcntl(fd, F_SETFL, O_NONBLOCK) == 0 &&
	      (fcntl(fd, F_GETFL) & O_NONBLOCK), "");
	CHECK_ERR("fcntl_bad_cmd", fcntl(fd, 12345), EINVAL);
	CHECK("close_range", syscall(SYS_close_range, 50, 60, 0) == 0 && fcntl(50, F_GETFD) < 0 &&
	      fcntl(60, F_GETFD) < 0, "");
	close(fd);
}

static void names(void)
{
	struct stat st;
	struct statx stx;
	char buf[64];
	struct timespec ts[2] = { { 1000, 5 }, { 2000, 7 } };
	int fd;

	CHECK("mkdir", mkdir("/tmp/d", 0750) == 0, "");
	CHECK_ERR("mkdir_eexist", mkdir("/tmp/d", 0750), EEXIST);
	close(open("/tmp/d/f", O_CREAT | O_WRONLY, 0600));
	CHECK_ERR("rmdir_enotempty", rmdir("/tmp/d"), ENOTEMPTY);
	CHECK_ERR("unlink_dir_eisdir", unlink("/tmp/d"), EISDIR);
	CHECK("symlink_readlink", symlink("d/f", "/tmp/l") == 0 &&
	      readlink("/tmp/l", buf, sizeof(buf)) == 3 && !memcmp(buf, "d/f", 3), "");
	CHECK_ERR("readlink_not_link_einval", readlink("/tmp/d", buf, sizeof(buf)), EINVAL);
	CHECK("link", link("/tmp/d/f", "/tmp/hard") == 0 && stat("/tmp/hard", &st) == 0 &&
	      st.st_nlink == 2, "");
	CHECK("rename", rename("/tmp/hard", "/tmp/d/g") == 0 && access("/tmp/hard", F_OK) < 0, "");
	CHECK("stat_dir", stat("/tmp/d", &st) == 0 && st.st_mode == (S_IFDIR | 0750), "%o",
	      st.st_mode);
	CHECK("lstat_link", lstat("/tmp/l", &st) == 0 && S_ISLNK(st.st_mode) && st.st_size == 3, "");
	CHECK("statx", statx(AT_FDCWD, "/tmp/d/f", 0, STATX_BASIC_STATS, &stx) == 0 &&
	      stx.stx_nlink == 2 && (stx.stx_mode & 0777) == 0600, "");
	CHECK("chmod", chmod("/tmp/d/f", 0444) == 0 && stat("/tmp/d/f", &st) == 0 &&
	      (st.st_mode & 0777) == 0444, "");
	CHECK("chown", chown("/tmp/d/f", 12, 34) == 0 && stat("/tmp/d/f", &st) == 0 &&
	      st.st_uid == 12 && st.st_gid == 34, "");
	CHECK("utimensat", utimensat(AT_FDCWD, "/tmp/d/f", ts, 0) == 0 && stat("/tmp/d/f", &st) == 0 &&
	      st.st_mtim.tv_sec == 2000 && st.st_mtim.tv_nsec == 7 && st.st_atim.tv_sec == 1000, "");
	CHECK("truncate", truncate("/tmp/d/f", 12345) == 0 && stat("/tmp/d/f", &st) == 0 &&
	      st.st_size == 12345, "");
	CHECK_ERR("truncate_dir_eisdir", truncate("/tmp/d", 0), EISDIR);
	CHECK_ERR("access_enoent", access("/tmp/nothere", F_OK), ENOENT);
	CHECK("chdir_getcwd", chdir("/tmp/d") == 0 && getcwd(buf, sizeof(buf)) &&
	      !strcmp(buf, "/tmp/d"), "%s", buf);
	CHECK_ERR("getcwd_erange", syscall(SYS_getcwd, buf, 3), ERANGE);
	fd = open("/", O_RDONLY | O_DIRECTORY);
	CHECK("fchdir", fchdir(fd) == 0 && getcwd(buf, sizeof(buf)) && !strcmp(buf, "/"), "");
	close(fd);
	CHECK_ERR("chdir_file_enotdir", chdir("/tmp/l"), ENOTDIR);
	CHECK("unlinkat_removedir", unlink("/tmp/d/f") == 0 && unlink("/tmp/d/g") == 0 &&
	      unlinkat(AT_FDCWD, "/tmp/d", AT_REMOVEDIR) == 0, "");
}

static void directories(void)
{
	DIR *d;
	struct dirent *e;
	int n = 0, found = 0;

	mkdir("/tmp/ls", 0755);
	for (int i = 0; i < 40; i++) {
		char name[32];

		snprintf(name, sizeof(name), "/tmp/ls/entry%d", i);
		close(open(name, O_CREAT | O_WRONLY, 0644));
	}
	d = opendir("/tmp/ls");
	while ((e = readdir(d))) {
		n++;
		found += !strcmp(e->d_name, "entry39") && e->d_type == DT_REG;
	}
	closedir(d);
	CHECK("getdents64_all_entries", n == 42 && found == 1, "n %d", n);
	/* Removing while reading: every entry still seen once. */
	d = opendir("/tmp/ls");
	n = 0;
	while ((e = readdir(d))) {
		char name[300];

		if (e->d_name[0] == '.')
			continue;
		snprintf(name, sizeof(name), "/tmp/ls/%s", e->d_name);
		n += unlink(name) == 0;
	}
	closedir(d);
	CHECK("readdir_while_unlinking", n == 40 && rmdir("/tmp/ls") == 0, "n %d", n);
}

static void pipes(void)
{
	int p[2], n = 0, status;
	char buf[4096];
	struct pollfd pfd;
	pid_t child;

	CHECK("pipe2", pipe2(p, O_NONBLOCK) == 0, "");
	CHECK_ERR("pipe_lseek_espipe", lseek(p[0], 0, SEEK_SET), ESPIPE);
	CHECK_ERR("pipe_empty_eagain", read(p[0], buf, 1), EAGAIN);
	memset(buf, 'x', sizeof(buf));
	while (write(p[1], buf, sizeof(buf)) == sizeof(buf))
		n += sizeof(buf);
	CHECK("pipe_capacity_64k", n == 65536 && errno == EAGAIN, "n %d", n);
	pfd = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	CHECK("poll_full_not_writable", poll(&pfd, 1, 0) == 0, "");
	pfd = (struct pollfd){ .fd = p[0], .events = POLLIN };
	CHECK("poll_readable", poll(&pfd, 1, 1000) == 1 && pfd.revents == POLLIN, "");
	close(p[1]);
	while (read(p[0], buf, sizeof(buf)) > 0)
		;
	CHECK("pipe_eof", read(p[0], buf, 1) == 0, "");
	CHECK("poll_hup", poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLHUP), "");
	close(p[0]);
	pfd = (struct pollfd){ .fd = 999, .events = POLLIN };
	CHECK("poll_nval", poll(&pfd, 1, 0) == 1 && pfd.revents == POLLNVAL, "");
	pipe(p);
	close(p[0]);
	signal(SIGPIPE, SIG_IGN);
	CHECK_ERR("pipe_no_reader_epipe", write(p[1], "x", 1), EPIPE);
	signal(SIGPIPE, SIG_DFL);
	child = fork();
	if (!child) {
		write(p[1], "x", 1);
		_exit(0);
	}
	waitpid(child, &status, 0);
	CHECK("pipe_no_reader_sigpipe", WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE,
	      "status %#x", status);
	close(p[1]);
	/* A reader blocked in read wakes when the child writes. */
	pipe(p);
	child = fork();
	if (!child) {
		usleep(20000);
		write(p[1], "late", 4);
		_exit(0);
	}
	CHECK("pipe_blocking_read", read(p[0], buf, 4) == 4 && !memcmp(buf, "late", 4), "");
	waitpid(child, &status, 0);
	close(p[0]);
	close(p[1]);
}

static void select_and_mounts(void)
{
	struct statfs sfs;
	struct stat st;
	int nonzero;
	fd_set rd;
	struct timespec ts = { 0, 10000000 };
	char buf[4096];
	int p[2], fd;
	ssize_t n;

	pipe(p);
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	CHECK("pselect_timeout", pselect(p[0] + 1, &rd, NULL, NULL, &ts, NULL) == 0, "");
	write(p[1], "y", 1);
	FD_SET(p[0], &rd);
	CHECK("pselect_ready", pselect(p[0] + 1, &rd, NULL, NULL, NULL, NULL) == 1 &&
	      FD_ISSET(p[0], &rd), "");
	close(p[0]);
	close(p[1]);
	mkdir("/proc", 0555);
	CHECK("mount_proc", mount("proc", "/proc", "proc", 0, NULL) == 0, "errno %d", errno);
	n = readlink("/proc/self", buf, sizeof(buf) - 1);
	CHECK("proc_self", n > 0 && atoi(buf) == getpid(), "");
	CHECK("stat_proc_file", stat("/proc/mounts", &st) == 0 && S_ISREG(st.st_mode), "");
	fd = open("/proc/mounts", O_RDONLY);
	n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	CHECK("proc_mounts", n > 0 && strstr(buf, "proc /proc proc"), "%s", buf);
	close(fd);
	mkdir("/dev2", 0755);
	CHECK("mount_devtmpfs", mount("devtmpfs", "/dev2", "devtmpfs", 0, NULL) == 0, "");
	fd = open("/dev2/zero", O_RDONLY);
	CHECK("dev_zero", read(fd, buf, 16) == 16 && !buf[0] && !buf[15], "");
	close(fd);
	fd = open("/dev2/urandom", O_RDONLY);
	memset(buf, 0, 64);
	n = read(fd, buf, 64);
	nonzero = 0;
	for (int i = 0; i < 64; i++)
		nonzero += buf[i] != 0;
	CHECK("dev_urandom", n == 64 && nonzero > 48, "n %zd, %d nonzero", n, nonzero);
	CHECK_ERR("dev_urandom_efault", syscall(SYS_read, fd, KERNEL_PTR, 8), EFAULT);
	close(fd);
	CHECK_ERR("umount_busy", (fd = open("/dev2/null", O_WRONLY), umount("/dev2")), EBUSY);
	close(fd);
	CHECK("umount", umount("/dev2") == 0, "errno %d", errno);
	CHECK_ERR("statfs_enoent", statfs("/nothere", &sfs), ENOENT);
	CHECK_ERR("umount_not_mount_einval", umount("/dev2"), EINVAL);
}

#define TMPFS_MAGIC	0x01021994
#define PROC_MAGIC	0x9fa0
#define ST_VALID	0x0020	/* Linux: f_flags is filled in */

/* What statfs says of path now: free blocks and inodes, -1 if it fails or is not tmpfs. */
static long tmpfs_free(const char *path, long *ffree)
{
	struct statfs sfs;

	if (statfs(path, &sfs) || sfs.f_type != TMPFS_MAGIC)
		return -1;
	*ffree = (long)sfs.f_ffree;
	return (long)sfs.f_bfree;
}

/* /proc/meminfo's Shmem in kB, the cpus' counter diffs folded first; -1 if unreadable. */
static long shmem_kb(void)
{
	int fd = open("/proc/sys/vm/stat_refresh", O_WRONLY);
	bool folded = fd >= 0 && write(fd, "1", 1) == 1;
	const char *p;

	if (fd >= 0)
		close(fd);
	if (!folded)
		return -1;
	p = strstr(read_small("/proc/meminfo"), "\nShmem:");
	return p ? strtol(p + strlen("\nShmem:"), NULL, 10) : -1;
}

/*
 * A tmpfs of size=64k (16 pages) and nr_inodes=4 (the root and three more): statfs
 * follows the pages its files hold and the inodes they use, writes past 16 pages and a
 * fourth file get ENOSPC, truncation and unlink give them back.
 */
static void tmpfs_limits(void)
{
	static char page[16 * 4096];
	char buf[4096];
	long bfree, ffree, shmem;
	int fd, n;

	mkdir("/tmp/sz", 0755);
	CHECK_ERR("tmpfs_bad_option_einval", mount("tmpfs", "/tmp/sz", "tmpfs", 0, "sise=1m"),
		  EINVAL);
	CHECK("tmpfs_mount_size", mount("tmpfs", "/tmp/sz", "tmpfs", 0,
					"size=64k,nr_inodes=4,mode=700") == 0, "errno %d", errno);
	bfree = tmpfs_free("/tmp/sz", &ffree);
	CHECK("statfs_tmpfs_empty", bfree == 16 && ffree == 3, "bfree %ld ffree %ld", bfree, ffree);
	shmem = shmem_kb();
	fd = open("/tmp/sz/a", O_RDWR | O_CREAT, 0600);
	n = (int)write(fd, page, 5 * 4096);
	CHECK("tmpfs_pages_are_shmem", shmem >= 0 && shmem_kb() == shmem + 20, "%ld kB, then %ld",
	      shmem, shmem_kb());
	bfree = tmpfs_free("/tmp/sz", &ffree);
	CHECK("statfs_tmpfs_charges_pages", n == 5 * 4096 && bfree == 11 && ffree == 2,
	      "wrote %d, bfree %ld ffree %ld", n, bfree, ffree);
	n = (int)write(fd, page, sizeof(page));
	CHECK("tmpfs_write_stops_at_size", n == 11 * 4096, "wrote %d", n);
	CHECK_ERR("tmpfs_write_full_enospc", write(fd, page, 1), ENOSPC);
	bfree = tmpfs_free("/tmp/sz", &ffree);
	CHECK("statfs_tmpfs_full", bfree == 0, "bfree %ld", bfree);
	CHECK("tmpfs_ftruncate_uncharges", ftruncate(fd, 4096) == 0 &&
	      tmpfs_free("/tmp/sz", &ffree) == 15, "bfree %ld", tmpfs_free("/tmp/sz", &ffree));
	for (n = 0; n < 2; n++) {
		snprintf(buf, sizeof(buf), "/tmp/sz/f%d", n);
		close(open(buf, O_RDWR | O_CREAT, 0600));
	}
	CHECK_ERR("tmpfs_nr_inodes_enospc", open("/tmp/sz/f2", O_RDWR | O_CREAT, 0600), ENOSPC);
	close(fd);
	fd = open("/proc/mounts", O_RDONLY);
	n = (int)read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	close(fd);
	CHECK("proc_mounts_tmpfs_options",
	      strstr(buf, "tmpfs /tmp/sz tmpfs rw,size=64k,nr_inodes=4,mode=700 0 0\n"), "%s", buf);
	unlink("/tmp/sz/a");
	unlink("/tmp/sz/f0");
	unlink("/tmp/sz/f1");
	bfree = tmpfs_free("/tmp/sz", &ffree);
	CHECK("statfs_tmpfs_unlink_frees", bfree == 16 && ffree == 3, "bfree %ld ffree %ld",
	      bfree, ffree);
	CHECK("tmpfs_unlink_frees_shmem", shmem_kb() == shmem, "%ld kB, was %ld", shmem_kb(), shmem);
	CHECK("tmpfs_umount_size", umount("/tmp/sz") == 0, "errno %d", errno);
}

/* statfs and fstatfs: each file system's own ->statfs, the mount's flags. */
static void statfs_calls(void)
{
	struct statfs sfs, fsfs;
	struct statvfs vfs;
	struct sysinfo si;
	int fd;

	sysinfo(&si);
	CHECK("statfs_tmpfs", statfs("/tmp", &sfs) == 0 && sfs.f_type == TMPFS_MAGIC &&
	      sfs.f_namelen == 255 && sfs.f_bsize == 4096 && sfs.f_frsize == 4096 &&
	      sfs.f_blocks == si.totalram * si.mem_unit / 4096 / 2 &&
	      sfs.f_files == sfs.f_blocks && sfs.f_bfree <= sfs.f_blocks &&
	      sfs.f_ffree < sfs.f_files, "type %lx blocks %lu files %lu totalram %lu",
	      (long)sfs.f_type, (unsigned long)sfs.f_blocks, (unsigned long)sfs.f_files,
	      si.totalram);
	fd = open("/tmp", O_RDONLY | O_DIRECTORY);
	CHECK("fstatfs_tmpfs", fstatfs(fd, &fsfs) == 0 && fsfs.f_type == TMPFS_MAGIC &&
	      fsfs.f_blocks == sfs.f_blocks, "");
	close(fd);
	CHECK("statfs_proc_simple", statfs("/proc", &sfs) == 0 && sfs.f_type == PROC_MAGIC &&
	      sfs.f_bsize == 4096 && !sfs.f_blocks && !sfs.f_files && sfs.f_namelen == 255 &&
	      (sfs.f_flags & ST_VALID), "type %lx flags %lx", (long)sfs.f_type, (long)sfs.f_flags);
	CHECK("statvfs_tmpfs", statvfs("/tmp", &vfs) == 0 && vfs.f_bsize == 4096 &&
	      !(vfs.f_flag & ST_RDONLY), "");
	CHECK_ERR("statfs_efault", syscall(SYS_statfs, "/tmp", KERNEL_PTR), EFAULT);
	CHECK_ERR("fstatfs_ebadf", fstatfs(999, &sfs), EBADF);
	tmpfs_limits();
}

/* ---- execveat and #! scripts: the program run is fs_test itself in "interp" mode ---- */

/* What the exec'd program saw: its argv joined by '|', AT_EXECFN and comm; exit 7. */
static int interp_main(int argc, char **argv)
{
	char comm[17] = "";

	prctl(PR_GET_NAME, comm);
	for (int i = 0; i < argc; i++)
		printf("%s%s", i ? "|" : "", argv[i]);
	printf(" execfn=%s comm=%s\n", (char *)getauxval(AT_EXECFN), comm);
	fflush(stdout);
	_exit(7);
}

static char *const interp_argv[] = { "fs_test", "interp", "x", NULL };
static char *const no_env[] = { NULL };

/*
 * Runs execveat(dirfd, path, argv, flags) in a child with stdout to a pipe: out gets what
 * the program printed, or "errno N" when the exec failed. Returns the exit status.
 */
static int run_execveat(int dirfd, const char *path, char *const argv[], int flags, char *out,
			size_t size)
{
	int p[2], status, n, len = 0;
	pid_t child;

	pipe(p);
	child = fork();
	if (!child) {
		dup2(p[1], 1);
		syscall(SYS_execveat, dirfd, path, argv, no_env, flags);
		printf("errno %d", errno);
		fflush(stdout);
		_exit(99);
	}
	close(p[1]);
	while ((n = read(p[0], out + len, size - 1 - len)) > 0)
		len += n;
	out[len] = 0;
	close(p[0]);
	waitpid(child, &status, 0);
	return status;
}

/* An exec that must fail with e, in the caller itself: a success would replace us. */
static int exec_errno(int dirfd, const char *path, int flags)
{
	char out[256];
	int e;

	run_execveat(dirfd, path, interp_argv, flags, out, sizeof(out));
	return sscanf(out, "errno %d", &e) == 1 ? e : -1;
}

static void write_file(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	write(fd, text, strlen(text));
	close(fd);
}

static bool lstat_is_link(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void execveat_calls(void)
{
	char out[512], want[128];
	int dirfd = open("/bin", O_RDONLY | O_DIRECTORY), fd = open("/bin/fs_test", O_RDONLY);
	int st;

	st = run_execveat(dirfd, "fs_test", interp_argv, 0, out, sizeof(out));
	snprintf(want, sizeof(want), "fs_test|interp|x execfn=/dev/fd/%d/fs_test comm=fs_test\n",
		 dirfd);
	CHECK("execveat_dirfd_relative", WIFEXITED(st) && WEXITSTATUS(st) == 7 &&
	      !strcmp(out, want), "status %#x out '%s'", st, out);
	st = run_execveat(fd, "", interp_argv, AT_EMPTY_PATH, out, sizeof(out));
	snprintf(want, sizeof(want), "fs_test|interp|x execfn=/dev/fd/%d comm=%d\n", fd, fd);
	CHECK("execveat_empty_path_fd", WIFEXITED(st) && WEXITSTATUS(st) == 7 &&
	      !strcmp(out, want), "status %#x out '%s'", st, out);
	st = run_execveat(AT_FDCWD, "/bin/fs_test", interp_argv, 0, out, sizeof(out));
	CHECK("execveat_absolute", WEXITSTATUS(st) == 7 &&
	      !strcmp(out, "fs_test|interp|x execfn=/bin/fs_test comm=fs_test\n"), "out '%s'", out);
	symlink("/bin/fs_test", "/tmp/fst");
	st = run_execveat(AT_FDCWD, "/tmp/fst", interp_argv, 0, out, sizeof(out));
	CHECK("execveat_follows_symlink", WEXITSTATUS(st) == 7 && strstr(out, "comm=fst"), "'%s'", out);
	CHECK("execveat_symlink_nofollow_eloop",
	      exec_errno(AT_FDCWD, "/tmp/fst", AT_SYMLINK_NOFOLLOW) == ELOOP, "");
	CHECK("execveat_empty_without_flag_enoent", exec_errno(fd, "", 0) == ENOENT, "");
	CHECK("execveat_bad_flags_einval", exec_errno(dirfd, "fs_test", 0x10000) == EINVAL, "");
	CHECK("execveat_bad_dirfd_ebadf", exec_errno(999, "fs_test", 0) == EBADF, "");
	CHECK("execveat_file_dirfd_enotdir", exec_errno(fd, "fs_test", 0) == ENOTDIR, "");
	CHECK("execveat_dir_eacces", exec_errno(AT_FDCWD, "/tmp", 0) == EACCES, "");
	CHECK("execveat_dir_fd_eacces", exec_errno(dirfd, "", AT_EMPTY_PATH) == EACCES, "");
	write_file("/tmp/noexec", "#!/bin/fs_test\n", 0644);
	CHECK("execveat_no_exec_bit_eacces", exec_errno(AT_FDCWD, "/tmp/noexec", 0) == EACCES, "");
	CHECK("execveat_enoent", exec_errno(AT_FDCWD, "/tmp/none", 0) == ENOENT, "");
	CHECK("execveat_path_efault", exec_errno(AT_FDCWD, BAD_PTR, 0) == EFAULT, "");
	CHECK_ERR("execve_argv_efault", syscall(SYS_execve, "/bin/fs_test", KERNEL_PTR, no_env),
		  EFAULT);
	close(fd);
	close(dirfd);
}

static void scripts(void)
{
	char out[512], want[128];
	char *const argv[] = { "s", "a", NULL };
	int fd, st;

	write_file("/tmp/s2", "#!/bin/fs_test interp\n", 0755);
	st = run_execveat(AT_FDCWD, "/tmp/s2", argv, 0, out, sizeof(out));
	CHECK("script_argv", WEXITSTATUS(st) == 7 &&
	      !strcmp(out, "/bin/fs_test|interp|/tmp/s2|a execfn=/tmp/s2 comm=s2\n"), "'%s'", out);
	/* A script whose interpreter is a script: each level names the file it opened. */
	write_file("/tmp/s1", "#! /tmp/s2  one \n", 0755);
	st = run_execveat(AT_FDCWD, "/tmp/s1", argv, 0, out, sizeof(out));
	CHECK("script_nested", WEXITSTATUS(st) == 7 &&
	      !strcmp(out, "/bin/fs_test|interp|/tmp/s2|one|/tmp/s1|a execfn=/tmp/s1 comm=s1\n"),
	      "'%s'", out);
	fd = open("/tmp/s2", O_RDONLY);
	st = run_execveat(fd, "", argv, AT_EMPTY_PATH, out, sizeof(out));
	snprintf(want, sizeof(want), "/bin/fs_test|interp|/dev/fd/%d|a execfn=/dev/fd/%d comm=%d\n",
		 fd, fd, fd);
	CHECK("script_through_fd", WEXITSTATUS(st) == 7 && !strcmp(out, want), "'%s'", out);
	close(fd);
	fd = open("/tmp/s2", O_RDONLY | O_CLOEXEC);
	CHECK("script_through_cloexec_fd_enoent", exec_errno(fd, "", AT_EMPTY_PATH) == ENOENT, "");
	close(fd);
	write_file("/tmp/loop", "#!/tmp/loop\n", 0755);
	CHECK("script_loop_eloop", exec_errno(AT_FDCWD, "/tmp/loop", 0) == ELOOP, "");
	write_file("/tmp/noint", "#!/tmp/nointerp\n", 0755);
	CHECK("script_missing_interpreter_enoent", exec_errno(AT_FDCWD, "/tmp/noint", 0) == ENOENT,
	      "");
}

/* ---- sendfile and copy_file_range ---------------------------------------------------- */

static int file_with(const char *path, const char *text)
{
	write_file(path, text, 0644);
	return open(path, O_RDWR);
}

static void sendfile_calls(void)
{
	int in = file_with("/tmp/sf_in", "0123456789"), out = file_with("/tmp/sf_out", "");
	int p[2], n = 0, big, rd;
	off_t off = 2;
	char buf[4096];

	CHECK("sendfile_offset", sendfile(out, in, &off, 5) == 5 && off == 7 &&
	      lseek(in, 0, SEEK_CUR) == 0 && lseek(out, 0, SEEK_CUR) == 5 &&
	      pread(out, buf, 16, 0) == 5 && !memcmp(buf, "23456", 5), "off %ld", (long)off);
	lseek(in, 8, SEEK_SET);
	CHECK("sendfile_file_position_to_eof", sendfile(out, in, NULL, 100) == 2 &&
	      lseek(in, 0, SEEK_CUR) == 10 && pread(out, buf, 16, 0) == 7 &&
	      !memcmp(buf, "2345689", 7), "");
	CHECK("sendfile_at_eof", sendfile(out, in, NULL, 100) == 0, "");
	pipe2(p, O_NONBLOCK);
	off = 0;
	CHECK("sendfile_to_pipe", sendfile(p[1], in, &off, 10) == 10 && off == 10 &&
	      read(p[0], buf, sizeof(buf)) == 10 && !memcmp(buf, "0123456789", 10), "");
	big = open("/tmp/sf_big", O_RDWR | O_CREAT | O_TRUNC, 0644);
	ftruncate(big, 100000);
	off = 0;
	n = sendfile(p[1], big, &off, 100000);
	CHECK("sendfile_fills_pipe", n == 65536 && off == 65536, "n %d", n);
	CHECK_ERR("sendfile_full_pipe_eagain", sendfile(p[1], big, &off, 1000), EAGAIN);
	CHECK_ERR("sendfile_bad_in_ebadf", sendfile(out, 999, NULL, 1), EBADF);
	CHECK_ERR("sendfile_bad_out_ebadf", sendfile(999, in, NULL, 1), EBADF);
	rd = open("/tmp/sf_in", O_RDONLY);
	CHECK_ERR("sendfile_out_not_writable_ebadf", sendfile(rd, in, NULL, 1), EBADF);
	CHECK_ERR("sendfile_in_not_readable_ebadf", sendfile(out, p[1], NULL, 1), EBADF);
	CHECK_ERR("sendfile_pipe_in_einval", sendfile(out, p[0], NULL, 1), EINVAL);
	CHECK_ERR("sendfile_pipe_in_offset_espipe", sendfile(out, p[0], &off, 1), ESPIPE);
	off = -1;
	CHECK_ERR("sendfile_negative_offset_einval", sendfile(out, in, &off, 1), EINVAL);
	CHECK_ERR("sendfile_offset_efault", sendfile(out, in, BAD_PTR, 1), EFAULT);
	fcntl(out, F_SETFL, O_APPEND);
	CHECK_ERR("sendfile_append_out_einval", sendfile(out, in, NULL, 1), EINVAL);
	close(rd);
	close(big);
	close(p[0]);
	close(p[1]);
	close(in);
	close(out);
}

static void copy_file_range_calls(void)
{
	int in = file_with("/tmp/cf_in", "abcdefghij"), out = file_with("/tmp/cf_out", "");
	int root = file_with("/cf_root", ""), dir = open("/tmp", O_RDONLY | O_DIRECTORY), p[2];
	loff_t oin = 3, oout = 1;
	char buf[32];

	CHECK("copy_file_range_offsets", copy_file_range(in, &oin, out, &oout, 4, 0) == 4 &&
	      oin == 7 && oout == 5 && lseek(in, 0, SEEK_CUR) == 0 &&
	      pread(out, buf, sizeof(buf), 0) == 5 && !memcmp(buf, "\0defg", 5), "");
	CHECK("copy_file_range_positions_to_eof", lseek(in, 8, SEEK_SET) == 8 &&
	      copy_file_range(in, NULL, out, NULL, 100, 0) == 2 && lseek(in, 0, SEEK_CUR) == 10 &&
	      lseek(out, 0, SEEK_CUR) == 2, "");
	CHECK_ERR("copy_file_range_flags_einval", copy_file_range(in, NULL, out, NULL, 1, 1), EINVAL);
	oin = 0;
	oout = 2;
	CHECK_ERR("copy_file_range_overlap_einval", copy_file_range(in, &oin, in, &oout, 4, 0),
		  EINVAL);
	oout = 0;
	CHECK_ERR("copy_file_range_cross_fs_exdev", copy_file_range(in, &oin, root, &oout, 4, 0),
		  EXDEV);
	CHECK_ERR("copy_file_range_dir_eisdir", copy_file_range(dir, NULL, out, NULL, 4, 0), EISDIR);
	pipe(p);
	CHECK_ERR("copy_file_range_pipe_einval", copy_file_range(in, &oin, p[1], NULL, 4, 0),
		  EINVAL);
	CHECK_ERR("copy_file_range_ebadf", copy_file_range(in, &oin, 999, NULL, 4, 0), EBADF);
	fcntl(out, F_SETFL, O_APPEND);
	CHECK_ERR("copy_file_range_append_ebadf", copy_file_range(in, &oin, out, NULL, 4, 0), EBADF);
	close(p[0]);
	close(p[1]);
	close(dir);
	close(root);
	unlink("/cf_root");
	close(in);
	close(out);
}

/* ---- the rest of the file calls, each with the errors Linux gives ---------------------- */

static void fd_calls(void)
{
	struct rlimit old, low = { 16, 16 };
	int fd = open("/tmp/fdc", O_RDWR | O_CREAT | O_TRUNC, 0600), n = 0, last = -1, p[2];
	struct iovec iov = { "x", 1 };

	CHECK("close_range_cloexec", dup2(fd, 40) == 40 && dup2(fd, 41) == 41 &&
	      syscall(SYS_close_range, 40, 41, CLOSE_RANGE_CLOEXEC) == 0 &&
	      fcntl(40, F_GETFD) == FD_CLOEXEC && fcntl(41, F_GETFD) == FD_CLOEXEC &&
	      fcntl(fd, F_GETFD) == 0, "");
	CHECK_ERR("close_range_bad_flags_einval", syscall(SYS_close_range, 40, 41, 0x80), EINVAL);
	CHECK_ERR("close_range_reversed_einval", syscall(SYS_close_range, 41, 40, 0), EINVAL);
	CHECK("close_range_unshare_all", syscall(SYS_close_range, 40, ~0U, CLOSE_RANGE_UNSHARE) == 0 &&
	      fcntl(40, F_GETFD) < 0 && fcntl(41, F_GETFD) < 0, "");
	CHECK("dup_lowest", dup(fd) == fd + 1 && close(fd + 1) == 0, "");
	CHECK_ERR("dup_ebadf", dup(999), EBADF);
	CHECK("dup2_same_fd", dup2(fd, fd) == fd, "");
	CHECK_ERR("dup3_bad_flags_einval", dup3(fd, 42, O_NONBLOCK), EINVAL);
	CHECK("fcntl_dupfd_cloexec", fcntl(fd, F_DUPFD_CLOEXEC, 45) == 45 &&
	      fcntl(45, F_GETFD) == FD_CLOEXEC && fcntl(45, F_SETFD, 0) == 0 &&
	      fcntl(45, F_GETFD) == 0 && close(45) == 0, "");
	CHECK("fcntl_getfl_access_mode", (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR, "");
	CHECK("fcntl_setfl_keeps_access_mode", fcntl(fd, F_SETFL, O_WRONLY | O_APPEND) == 0 &&
	      (fcntl(fd, F_GETFL) & (O_ACCMODE | O_APPEND)) == (O_RDWR | O_APPEND), "");
	CHECK_ERR("fcntl_ebadf", fcntl(999, F_GETFD), EBADF);
	CHECK_ERR("pwrite_negative_offset_einval", pwrite(fd, "x", 1, -1), EINVAL);
	CHECK_ERR("readv_too_many_einval", syscall(SYS_readv, fd, &iov, 1025), EINVAL);
	CHECK_ERR("write_kernel_ptr_efault", write(fd, KERNEL_PTR, 1), EFAULT);
	CHECK_ERR("ioctl_ebadf", ioctl(999, FIONREAD, &n), EBADF);
	pipe(p);
	CHECK_ERR("pread_pipe_espipe", pread(p[0], &n, 1, 0), ESPIPE);
	CHECK_ERR("fsync_pipe_einval", fsync(p[1]), EINVAL);
	close(p[0]);
	close(p[1]);
	CHECK("sync_fsync_fdatasync", (sync(), fsync(fd) == 0 && fdatasync(fd) == 0), "");
	CHECK_ERR("fsync_ebadf", fsync(999), EBADF);
	getrlimit(RLIMIT_NOFILE, &old);
	setrlimit(RLIMIT_NOFILE, &low);
	while ((n = open("/tmp/fdc", O_RDONLY)) >= 0)
		last = n;
	CHECK("open_emfile_at_rlimit_nofile", errno == EMFILE && last == 15, "errno %d last %d",
	      errno, last);
	CHECK_ERR("dup2_past_rlimit_ebadf", dup2(fd, 16), EBADF);
	CHECK_ERR("fcntl_dupfd_past_rlimit_einval", fcntl(fd, F_DUPFD, 16), EINVAL);
	CHECK_ERR("pipe_emfile", pipe(p), EMFILE);
	syscall(SYS_close_range, fd + 1, ~0U, 0);
	setrlimit(RLIMIT_NOFILE, &old);
	close(fd);
}

static void seek_and_size(void)
{
	int fd = open("/tmp/sk", O_RDWR | O_CREAT | O_TRUNC, 0600), ro;
	char buf[16];

	write(fd, "abcdefgh", 8);
	CHECK("lseek_cur", lseek(fd, -3, SEEK_CUR) == 5 && read(fd, buf, 3) == 3 &&
	      !memcmp(buf, "fgh", 3), "");
	CHECK("lseek_end_negative", lseek(fd, -2, SEEK_END) == 6, "");
	CHECK_ERR("lseek_before_start_einval", lseek(fd, -9, SEEK_END), EINVAL);
	CHECK("lseek_data", lseek(fd, 3, SEEK_DATA) == 3, "");
	CHECK("lseek_hole_at_eof", lseek(fd, 3, SEEK_HOLE) == 8, "");
	CHECK_ERR("lseek_data_past_eof_enxio", lseek(fd, 8, SEEK_DATA), ENXIO);
	CHECK("lseek_past_end_then_write", lseek(fd, 12, SEEK_SET) == 12 && write(fd, "z", 1) == 1 &&
	      pread(fd, buf, 16, 0) == 13 && buf[9] == 0 && buf[12] == 'z', "");
	CHECK("ftruncate_shrink", ftruncate(fd, 3) == 0 && pread(fd, buf, 16, 0) == 3, "");
	CHECK("ftruncate_grow_zeroes", ftruncate(fd, 6) == 0 && pread(fd, buf, 16, 0) == 6 &&
	      !memcmp(buf, "abc\0\0\0", 6), "");
	CHECK_ERR("ftruncate_negative_einval", ftruncate(fd, -1), EINVAL);
	CHECK_ERR("truncate_enoent", truncate("/tmp/nothere", 0), ENOENT);
	ro = open("/tmp/sk", O_RDONLY);
	CHECK_ERR("ftruncate_rdonly_einval", ftruncate(ro, 0), EINVAL);
	close(ro);
	close(fd);
}

static void stat_calls(void)
{
	struct stat st;
	struct statx stx;
	int fd = open("/tmp/st", O_RDWR | O_CREAT | O_TRUNC, 0640);

	symlink("/tmp/st", "/tmp/stl");
	CHECK("fstatat_nofollow", fstatat(AT_FDCWD, "/tmp/stl", &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	      S_ISLNK(st.st_mode), "");
	CHECK("fstatat_empty_path", fstatat(fd, "", &st, AT_EMPTY_PATH) == 0 && S_ISREG(st.st_mode) &&
	      (st.st_mode & 0777) == 0640, "");
	CHECK_ERR("fstatat_empty_enoent", fstatat(fd, "", &st, 0), ENOENT);
	CHECK_ERR("fstatat_bad_flags_einval", fstatat(AT_FDCWD, "/tmp", &st, 0x40000000), EINVAL);
	CHECK_ERR("fstat_ebadf", fstat(999, &st), EBADF);
	CHECK_ERR("stat_buf_efault", stat("/tmp", KERNEL_PTR), EFAULT);
	CHECK("statx_empty_path", statx(fd, "", AT_EMPTY_PATH, STATX_ALL, &stx) == 0 &&
	      (stx.stx_mask & STATX_BASIC_STATS) == STATX_BASIC_STATS && stx.stx_size == 0, "");
	CHECK_ERR("statx_reserved_mask_einval", statx(fd, "", AT_EMPTY_PATH, STATX__RESERVED, &stx),
		  EINVAL);
	CHECK("faccessat2_symlink_nofollow", syscall(SYS_faccessat2, AT_FDCWD, "/tmp/stl", R_OK,
						     AT_SYMLINK_NOFOLLOW) == 0, "");
	CHECK_ERR("faccessat_bad_mode_einval", faccessat(AT_FDCWD, "/tmp/st", 0100, 0), EINVAL);
	CHECK_ERR("faccessat2_bad_flags_einval", syscall(SYS_faccessat2, AT_FDCWD, "/tmp/st", R_OK,
							 0x1), EINVAL);
	CHECK_ERR("access_exec_no_bit_eacces", access("/tmp/st", X_OK), EACCES);
	close(fd);
}

static void name_errors(void)
{
	char name[300], *path = malloc(5000);
	int dfd = open("/tmp", O_RDONLY | O_DIRECTORY);

	memset(name, 'n', 256);
	name[256] = 0;
	snprintf(path, 5000, "/tmp/%s", name);
	CHECK_ERR("open_long_component_enametoolong", open(path, O_RDONLY), ENAMETOOLONG);
	memset(path, 'p', 4999);
	for (int i = 0; i < 4999; i += 100)
		path[i] = '/';
	path[4999] = 0;
	CHECK_ERR("open_long_path_enametoolong", open(path, O_RDONLY), ENAMETOOLONG);
	free(path);
	symlink("/tmp/lp2", "/tmp/lp1");
	symlink("/tmp/lp1", "/tmp/lp2");
	CHECK_ERR("open_symlink_loop_eloop", open("/tmp/lp1", O_RDONLY), ELOOP);
	CHECK_ERR("open_nofollow_eloop", open("/tmp/lp1", O_RDONLY | O_NOFOLLOW), ELOOP);
	CHECK("mkdirat_relative", mkdirat(dfd, "md", 0700) == 0 && access("/tmp/md", F_OK) == 0, "");
	CHECK_ERR("mkdirat_missing_parent_enoent", mkdirat(dfd, "no/md", 0700), ENOENT);
	CHECK_ERR("mkdirat_bad_dirfd_ebadf", mkdirat(999, "md", 0700), EBADF);
	CHECK("mknodat_fifo", mknodat(dfd, "fifo", S_IFIFO | 0600, 0) == 0 &&
	      access("/tmp/fifo", F_OK) == 0, "");
	CHECK("mknod_regular", mknod("/tmp/reg", S_IFREG | 0600, 0) == 0, "");
	CHECK_ERR("mknod_eexist", mknod("/tmp/reg", S_IFREG | 0600, 0), EEXIST);
	CHECK_ERR("mknod_dir_eperm", mknod("/tmp/mdir", S_IFDIR | 0700, 0), EPERM);
	CHECK_ERR("mknod_bad_type_einval", mknod("/tmp/mbad", 0170000 | 0700, 0), EINVAL);
	CHECK_ERR("unlinkat_bad_flags_einval", unlinkat(dfd, "reg", 0x1), EINVAL);
	CHECK_ERR("rmdir_file_enotdir", unlinkat(dfd, "reg", AT_REMOVEDIR), ENOTDIR);
	CHECK_ERR("unlink_enoent", unlink("/tmp/nothere"), ENOENT);
	CHECK_ERR("symlink_eexist", symlink("x", "/tmp/reg"), EEXIST);
	CHECK_ERR("readlink_zero_size_einval", readlink("/tmp/lp1", name, 0), EINVAL);
	CHECK("readlinkat_relative_truncates", readlinkat(dfd, "lp1", name, 4) == 4 &&
	      !memcmp(name, "/tmp", 4), "");
	CHECK_ERR("link_dir_eperm", link("/tmp/md", "/tmp/mdl"), EPERM);
	CHECK_ERR("link_eexist", link("/tmp/reg", "/tmp/fifo"), EEXIST);
	CHECK("linkat_symlink_follow", linkat(AT_FDCWD, "/tmp/stl", AT_FDCWD, "/tmp/lf",
					      AT_SYMLINK_FOLLOW) == 0 &&
	      !lstat_is_link("/tmp/lf"), "");
	CHECK("linkat_symlink_itself", linkat(dfd, "stl", dfd, "lnk2", 0) == 0 &&
	      lstat_is_link("/tmp/lnk2"), "");
	CHECK_ERR("linkat_bad_flags_einval", linkat(dfd, "reg", dfd, "x", 0x1), EINVAL);
	CHECK_ERR("link_across_mounts_exdev", link("/tmp/reg", "/reg_root"), EXDEV);
	close(dfd);
}

static void rename_calls(void)
{
	char buf[8] = "";
	int fd;

	write_file("/tmp/ra", "A", 0600);
	write_file("/tmp/rb", "B", 0600);
	mkdir("/tmp/rd", 0700);
	mkdir("/tmp/rd/sub", 0700);
	mkdir("/tmp/re", 0700);
	CHECK_ERR("renameat2_noreplace_eexist", renameat2(AT_FDCWD, "/tmp/ra", AT_FDCWD, "/tmp/rb",
							   RENAME_NOREPLACE), EEXIST);
	CHECK("renameat2_noreplace_new", renameat2(AT_FDCWD, "/tmp/ra", AT_FDCWD, "/tmp/rc",
					       RENAME_NOREPLACE) == 0 && access("/tmp/ra", F_OK) < 0, "");
	CHECK("renameat2_exchange", renameat2(AT_FDCWD, "/tmp/rc", AT_FDCWD, "/tmp/rb",
					  RENAME_EXCHANGE) == 0 &&
	      (fd = open("/tmp/rb", O_RDONLY)) >= 0 && read(fd, buf, 1) == 1 && buf[0] == 'A' &&
	      close(fd) == 0, "");
	CHECK("renameat2_exchange_file_and_dir", renameat2(AT_FDCWD, "/tmp/rb", AT_FDCWD, "/tmp/re",
						       RENAME_EXCHANGE) == 0 &&
	      is_dir("/tmp/rb") && !is_dir("/tmp/re"), "");
	CHECK_ERR("renameat2_exchange_missing_enoent", renameat2(AT_FDCWD, "/tmp/rc", AT_FDCWD,
								 "/tmp/nothere", RENAME_EXCHANGE),
		  ENOENT);
	CHECK_ERR("renameat2_both_flags_einval", renameat2(AT_FDCWD, "/tmp/rc", AT_FDCWD, "/tmp/re",
							   RENAME_EXCHANGE | RENAME_NOREPLACE), EINVAL);
	CHECK_ERR("rename_into_own_subdir_einval", rename("/tmp/rd", "/tmp/rd/sub/x"), EINVAL);
	CHECK_ERR("rename_dir_over_nonempty_enotempty", rename("/tmp/rb", "/tmp/rd"), ENOTEMPTY);
	CHECK_ERR("rename_file_over_dir_eisdir", rename("/tmp/rc", "/tmp/rd"), EISDIR);
	CHECK_ERR("rename_dir_over_file_enotdir", rename("/tmp/rd", "/tmp/rc"), ENOTDIR);
	CHECK_ERR("rename_across_mounts_exdev", rename("/tmp/rc", "/rc_root"), EXDEV);
}

static void attr_calls(void)
{
	struct stat st;
	struct timespec now, now_omit[2] = { { 0, UTIME_NOW }, { 0, UTIME_OMIT } };
	struct timespec bad[2] = { { 0, 1000000000 }, { 0, 0 } };
	int fd = open("/tmp/at", O_RDWR | O_CREAT | O_TRUNC, 0600);
	struct timespec set[2] = { { 100, 0 }, { 200, 0 } };

	CHECK("fchmod", fchmod(fd, 0604) == 0 && fstat(fd, &st) == 0 && (st.st_mode & 07777) == 0604,
	      "");
	CHECK("fchmodat_relative", fchmodat(AT_FDCWD, "/tmp/at", 04711, 0) == 0 &&
	      stat("/tmp/at", &st) == 0 && (st.st_mode & 07777) == 04711, "");
	CHECK_ERR("fchmod_ebadf", fchmod(999, 0600), EBADF);
	CHECK("fchown", fchown(fd, 5, 6) == 0 && fstat(fd, &st) == 0 && st.st_uid == 5 &&
	      st.st_gid == 6, "");
	CHECK("fchown_keeps_minus_one", fchown(fd, -1, 7) == 0 && fstat(fd, &st) == 0 &&
	      st.st_uid == 5 && st.st_gid == 7, "");
	symlink("/tmp/at", "/tmp/atl");
	CHECK("fchownat_nofollow", fchownat(AT_FDCWD, "/tmp/atl", 9, 9, AT_SYMLINK_NOFOLLOW) == 0 &&
	      lstat("/tmp/atl", &st) == 0 && st.st_uid == 9 && stat("/tmp/at", &st) == 0 &&
	      st.st_uid == 5, "");
	CHECK_ERR("fchownat_bad_flags_einval", fchownat(AT_FDCWD, "/tmp/at", 0, 0, 0x2), EINVAL);
	futimens(fd, set);
	clock_gettime(CLOCK_REALTIME, &now);
	CHECK("utimensat_now_omit", utimensat(AT_FDCWD, "/tmp/at", now_omit, 0) == 0 &&
	      stat("/tmp/at", &st) == 0 && st.st_atim.tv_sec >= now.tv_sec &&
	      st.st_mtim.tv_sec == 200, "atime %ld now %ld", (long)st.st_atim.tv_sec,
	      (long)now.tv_sec);
	CHECK("futimens_fd", futimens(fd, set) == 0 && fstat(fd, &st) == 0 &&
	      st.st_atim.tv_sec == 100 && st.st_mtim.tv_sec == 200, "");
	CHECK("utimensat_null_is_now", utimensat(AT_FDCWD, "/tmp/at", NULL, 0) == 0 &&
	      stat("/tmp/at", &st) == 0 && st.st_mtim.tv_sec >= now.tv_sec, "");
	CHECK_ERR("utimensat_bad_nsec_einval", utimensat(AT_FDCWD, "/tmp/at", bad, 0), EINVAL);
	CHECK_ERR("utimensat_enoent", utimensat(AT_FDCWD, "/tmp/nothere", NULL, 0), ENOENT);
	CHECK("utimensat_nofollow_link", utimensat(AT_FDCWD, "/tmp/atl", set, AT_SYMLINK_NOFOLLOW) == 0 &&
	      lstat("/tmp/atl", &st) == 0 && st.st_mtim.tv_sec == 200, "");
	close(fd);
}

static void dir_calls(void)
{
	char buf[256];
	int fd = open("/tmp", O_RDONLY | O_DIRECTORY), file = open("/tmp/at", O_RDONLY), status;
	pid_t child;

	CHECK_ERR("getdents64_small_buffer_einval", syscall(SYS_getdents64, fd, buf, 8), EINVAL);
	CHECK_ERR("getdents64_file_enotdir", syscall(SYS_getdents64, file, buf, sizeof(buf)), ENOTDIR);
	CHECK_ERR("getdents64_ebadf", syscall(SYS_getdents64, 999, buf, sizeof(buf)), EBADF);
	CHECK_ERR("getdents64_efault", syscall(SYS_getdents64, fd, KERNEL_PTR, sizeof(buf)), EFAULT);
	CHECK_ERR("chdir_enoent", chdir("/tmp/nothere"), ENOENT);
	CHECK_ERR("fchdir_file_enotdir", fchdir(file), ENOTDIR);
	CHECK_ERR("fchdir_ebadf", fchdir(999), EBADF);
	CHECK_ERR("getcwd_efault", syscall(SYS_getcwd, KERNEL_PTR, sizeof(buf)), EFAULT);
	CHECK_ERR("chroot_file_enotdir", chroot("/tmp/at"), ENOTDIR);
	CHECK_ERR("chroot_enoent", chroot("/tmp/nothere"), ENOENT);
	mkdir("/tmp/jail", 0755);
	write_file("/tmp/jail/inside", "", 0644);
	child = fork();
	if (!child) {
		int ok = chroot("/tmp/jail") == 0 && chdir("/") == 0 && access("/inside", F_OK) == 0 &&
			 access("/tmp", F_OK) < 0 && access("/../../tmp", F_OK) < 0 &&
			 getcwd(buf, sizeof(buf)) && !strcmp(buf, "/");

		_exit(ok ? 0 : 1);
	}
	waitpid(child, &status, 0);
	CHECK("chroot_confines", WIFEXITED(status) && WEXITSTATUS(status) == 0, "%#x", status);
	CHECK_ERR("mount_unknown_type_enodev", mount("x", "/tmp/jail", "nofs", 0, NULL), ENODEV);
	CHECK_ERR("mount_on_file_enotdir", mount("tmpfs", "/tmp/at", "tmpfs", 0, NULL), ENOTDIR);
	CHECK_ERR("umount2_bad_flags_einval", umount2("/tmp", 0x80000000), EINVAL);
	CHECK("umount2_detach", mount("tmpfs", "/tmp/jail", "tmpfs", 0, NULL) == 0 &&
	      access("/tmp/jail/inside", F_OK) < 0 && umount2("/tmp/jail", MNT_DETACH) == 0 &&
	      access("/tmp/jail/inside", F_OK) == 0, "");
	close(file);
	close(fd);
}

/* ---- pipes: PIPE_BUF atomicity, capacity, poll states; ppoll/pselect6 and signals ---- */

/* Reads exactly n bytes unless end of file comes first; the bytes read. */
static size_t read_full(int fd, char *buf, size_t n)
{
	size_t done = 0;
	ssize_t r;

	while (done < n && (r = read(fd, buf + done, n - done)) > 0)
		done += (size_t)r;
	return done;
}

/*
 * Four writers put 64 records of rec bytes each (their own letter) in one pipe at once;
 * writes of at most PIPE_BUF never interleave, so the stream is whole records.
 */
static bool records_whole(size_t rec)
{
	static char buf[4096];
	int p[2], counts[4] = { 0 }, bad = 0;

	pipe(p);
	for (int w = 0; w < 4; w++) {
		if (fork())
			continue;
		close(p[0]);
		memset(buf, 'a' + w, rec);
		for (int i = 0; i < 64; i++)
			write(p[1], buf, rec);
		_exit(0);
	}
	close(p[1]);
	while (read_full(p[0], buf, rec) == rec) {
		for (size_t i = 1; i < rec; i++)
			bad += buf[i] != buf[0];
		if (buf[0] >= 'a' && buf[0] < 'a' + 4)
			counts[buf[0] - 'a']++;
	}
	close(p[0]);
	while (wait(NULL) > 0)
		;
	if (bad || counts[0] != 64 || counts[1] != 64 || counts[2] != 64 || counts[3] != 64)
		printf("# rec %zu: %d mixed bytes, counts %d %d %d %d\n", rec, bad, counts[0],
		       counts[1], counts[2], counts[3]);
	return !bad && counts[0] == 64 && counts[1] == 64 && counts[2] == 64 && counts[3] == 64;
}

static void pipe_more(void)
{
	int p[2], n = 0, file = open("/tmp/at", O_RDONLY);
	char buf[8192];
	struct pollfd pfd[2];

	CHECK("pipe_buf_writes_atomic_4096", records_whole(PIPE_BUF), "");
	CHECK("pipe_small_writes_atomic_700", records_whole(700), "");
	CHECK("pipe2_cloexec_nonblock", pipe2(p, O_CLOEXEC | O_NONBLOCK) == 0 &&
	      fcntl(p[0], F_GETFD) == FD_CLOEXEC && fcntl(p[1], F_GETFD) == FD_CLOEXEC &&
	      (fcntl(p[0], F_GETFL) & O_NONBLOCK) && (fcntl(p[1], F_GETFL) & O_NONBLOCK), "");
	CHECK("pipe_getpipe_sz_default", fcntl(p[1], F_GETPIPE_SZ) == 65536, "");
	pfd[0] = (struct pollfd){ .fd = p[0], .events = POLLIN | POLLOUT };
	pfd[1] = (struct pollfd){ .fd = p[1], .events = POLLIN | POLLOUT };
	CHECK("poll_empty_pipe", poll(pfd, 2, 0) == 1 && pfd[0].revents == 0 &&
	      pfd[1].revents == POLLOUT, "%#x %#x", pfd[0].revents, pfd[1].revents);
	write(p[1], "0123456789", 10);
	write(p[1], "abcde", 5);
	CHECK("fionread_pipe", ioctl(p[0], FIONREAD, &n) == 0 && n == 15, "n %d", n);
	CHECK("setpipe_sz_rounds_up", fcntl(p[1], F_SETPIPE_SZ, 100000) == 131072 &&
	      fcntl(p[0], F_GETPIPE_SZ) == 131072, "");
	CHECK("setpipe_sz_keeps_data", read(p[0], buf, sizeof(buf)) == 15 &&
	      !memcmp(buf, "0123456789abcde", 15), "");
	CHECK("setpipe_sz_zero_is_a_page", fcntl(p[1], F_SETPIPE_SZ, 0) == 4096, "");
	memset(buf, 'x', sizeof(buf));
	CHECK("setpipe_sz_limits_capacity", write(p[1], buf, 8192) == 4096 &&
	      write(p[1], buf, 1) < 0 && errno == EAGAIN, "");
	pfd[1].revents = 0;
	CHECK("poll_full_pipe", poll(&pfd[1], 1, 0) == 0, "%#x", pfd[1].revents);
	CHECK("setpipe_sz_grow_while_full", fcntl(p[1], F_SETPIPE_SZ, 8192) == 8192 &&
	      write(p[1], buf, 8192) == 4096, "");
	CHECK_ERR("setpipe_sz_below_contents_ebusy", fcntl(p[1], F_SETPIPE_SZ, 4096), EBUSY);
	CHECK_ERR("setpipe_sz_too_big_einval", fcntl(p[1], F_SETPIPE_SZ, 1UL << 33), EINVAL);
	CHECK_ERR("getpipe_sz_file_ebadf", fcntl(file, F_GETPIPE_SZ), EBADF);
	close(p[0]);
	pfd[1].revents = 0;
	CHECK("poll_no_reader_pollerr", poll(&pfd[1], 1, 0) == 1 && (pfd[1].revents & POLLERR), "%#x",
	      pfd[1].revents);
	close(p[1]);
	CHECK_ERR("pipe2_bad_flags_einval", pipe2(p, O_APPEND), EINVAL);
	CHECK_ERR("pipe2_efault", syscall(SYS_pipe2, KERNEL_PTR, 0), EFAULT);
	close(file);
}

static volatile int got_usr1;

static void on_usr1(int sig)
{
	got_usr1 = sig;
}

static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/*
 * A child that sends us SIGUSR1 every 10 ms, times times (forever if negative: the
 * caller kills it), then writes a byte to fd. Repeating makes no assumption on when we
 * block: a signal that comes before is handled, the next one finds us blocked.
 */
static pid_t signal_repeatedly(int times, int fd)
{
	pid_t parent = getpid(), child = fork();

	if (!child) {
		for (int i = 0; times < 0 || i < times; i++) {
			kill(parent, SIGUSR1);
			usleep(10000);
		}
		write(fd, "r", 1);
		_exit(0);
	}
	return child;
}

static void waits_and_signals(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	struct timespec ts = { 0, 50000000 }, t0;
	sigset_t usr1, none, old;
	struct pollfd pfd;
	fd_set rd;
	pid_t child;
	int p[2];
	char c;

	pipe(p);
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&none);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	pfd = (struct pollfd){ .fd = p[0], .events = POLLIN };
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK("ppoll_timeout", ppoll(&pfd, 1, &ts, NULL) == 0 && ms_since(&t0) >= 50, "");
	sigprocmask(SIG_BLOCK, &usr1, &old);
	kill(getpid(), SIGUSR1);
	got_usr1 = 0;
	CHECK("ppoll_mask_keeps_blocked", ppoll(&pfd, 1, &ts, &usr1) == 0 && !got_usr1, "");
	CHECK_ERR("ppoll_mask_unblocks_eintr", ppoll(&pfd, 1, &ts, &none), EINTR);
	CHECK("ppoll_handler_ran_mask_restored", got_usr1 == SIGUSR1 &&
	      sigprocmask(SIG_BLOCK, NULL, &old) == 0 && sigismember(&old, SIGUSR1), "");
	kill(getpid(), SIGUSR1);
	got_usr1 = 0;
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	CHECK_ERR("pselect6_mask_unblocks_eintr", pselect(p[0] + 1, &rd, NULL, NULL, &ts, &none),
		  EINTR);
	CHECK("pselect6_handler_ran", got_usr1 == SIGUSR1, "");
	sigprocmask(SIG_UNBLOCK, &usr1, NULL);
	CHECK_ERR("ppoll_bad_timeout_einval", ppoll(&pfd, 1, &(struct timespec){ 0, -1 }, NULL),
		  EINVAL);
	CHECK_ERR("poll_efault", poll(KERNEL_PTR, 1, 0), EFAULT);
	CHECK_ERR("poll_more_than_rlimit_nofile_einval", syscall(SYS_ppoll, &pfd, 4096, NULL, NULL, 8), EINVAL);
	ts = (struct timespec){ 0, 0 };
	CHECK("pselect6_n_past_fd_table", pselect(5000, NULL, NULL, NULL, &ts, NULL) == 0,
	      "errno %d", errno);
	/* Without SA_RESTART a blocked read ends with EINTR; with it the read goes on. */
	child = signal_repeatedly(-1, p[1]);
	CHECK_ERR("read_pipe_eintr", read(p[0], &c, 1), EINTR);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	got_usr1 = 0;
	child = signal_repeatedly(5, p[1]);
	CHECK("read_pipe_sa_restart", read(p[0], &c, 1) == 1 && c == 'r' && got_usr1, "");
	waitpid(child, NULL, 0);
	signal(SIGUSR1, SIG_DFL);
	close(p[0]);
	close(p[1]);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "interp"))
		return interp_main(argc, argv);
	ktap_suite = "fs";
	printf("KTAP version 1\n");
	mkdir("/tmp", 01777);
	if (mount("tmpfs", "/tmp", "tmpfs", 0, NULL))
		printf("# mount /tmp failed: %d\n", errno);
	files_and_errors();
	vectors_and_fds();
	names();
	directories();
	pipes();
	select_and_mounts();
	statfs_calls();
	execveat_calls();
	scripts();
	sendfile_calls();
	copy_file_range_calls();
	fd_calls();
	seek_and_size();
	stat_calls();
	name_errors();
	rename_calls();
	attr_calls();
	dir_calls();
	pipe_more();
	waits_and_signals();
	return ktap_done();
}
