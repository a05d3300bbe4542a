/*
 * Directory operations on an ext4 file system from user space: create, lookup and
 * readdir of thousands of names (an htree directory), mkdir/rmdir, link/unlink, fast
 * and slow symlinks, mknod, and rename (same directory, across directories with "..",
 * over an existing target, RENAME_NOREPLACE, RENAME_EXCHANGE). As init it mounts
 * /dev/vda on /mnt, works in /mnt/t, unmounts and powers off (the host then runs
 * e2fsck on the image); given a directory argument it works there instead. KTAP out.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include "ktap.h"

#define NFILES 3000

static char base[256];

static const char *path(const char *fmt, ...)
{
	static char bufs[4][512];
	static int next;
	char *buf = bufs[next++ % 4];
	int n = snprintf(buf, sizeof(bufs[0]), "%s/", base);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf + n, sizeof(bufs[0]) - n, fmt, ap);
	va_end(ap);
	return buf;
}

static int touch(const char *p)
{
	int fd = open(p, O_WRONLY | O_CREAT | O_EXCL, 0644);

	if (fd < 0)
		return -1;
	return close(fd);
}

static ino_t ino_of(const char *p)
{
	struct stat st;

	return lstat(p, &st) ? 0 : st.st_ino;
}

static nlink_t nlink_of(const char *p)
{
	struct stat st;

	return lstat(p, &st) ? 0 : st.st_nlink;
}

/*
 * Reads directory d with getdents64 and counts how often each "f<N>" name appears in
 * seen[]; returns the number of other names than "." and "..", or -1 on error.
 * With unlink_odd, unlinks every odd-numbered file while reading.
 */
static int scan_dir(const char *d, unsigned char *seen, int n, int unlink_odd)
{
	int others = 0, i;
	struct dirent *de;
	DIR *dir = opendir(d);

	if (!dir)
		return -1;
	memset(seen, 0, n);
	while ((de = readdir(dir))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (de->d_name[0] != 'f' || (i = atoi(de->d_name + 1)) < 0 || i >= n) {
			others++;
			continue;
		}
		if (seen[i] < 255)
			seen[i]++;
		if (unlink_odd && (i & 1))
			unlinkat(dirfd(dir), de->d_name, 0);
		if (de->d_type != DT_REG)
			others++;
	}
	closedir(dir);
	return others;
}

static void big_directory(void)
{
	static unsigned char seen[NFILES];
	int i, bad = 0, once = 0;

	CHECK("big_mkdir", mkdir(path("big"), 0755) == 0, "errno %d", errno);
	for (i = 0; i < NFILES && !bad; i++)
		bad = touch(path("big/f%d-with-a-longer-name-%d", i, i * 7919)) != 0;
	CHECK("big_create_all", !bad, "failed at %d errno %d", i, errno);
	for (i = 0, bad = 0; i < NFILES; i++)
		bad += ino_of(path("big/f%d-with-a-longer-name-%d", i, i * 7919)) == 0;
	CHECK("big_lookup_all", bad == 0, "%d names not found", bad);
	CHECK_ERR("big_lookup_absent", open(path("big/f%d-absent", NFILES), O_RDONLY), ENOENT);
	CHECK_ERR("big_create_existing_eexist",
		  open(path("big/f7-with-a-longer-name-%d", 7 * 7919), O_CREAT | O_EXCL | O_RDWR, 0644),
		  EEXIST);
	CHECK("big_readdir_others", scan_dir(path("big"), seen, NFILES, 0) == 0, "");
	for (i = 0; i < NFILES; i++)
		once += seen[i] == 1;
	CHECK("big_readdir_each_once", once == NFILES, "%d of %d seen exactly once", once, NFILES);
	/* names removed while a reader walks the directory: the rest still come once */
	scan_dir(path("big"), seen, NFILES, 1);
	for (i = 0, once = 0; i < NFILES; i += 2)
		once += seen[i] == 1;
	CHECK("big_readdir_while_unlinking", once == NFILES / 2, "%d of %d even names once",
	      once, NFILES / 2);
	scan_dir(path("big"), seen, NFILES, 0);
	for (i = 0, bad = 0; i < NFILES; i++)
		bad += seen[i] != !(i & 1);
	CHECK("big_readdir_after_unlink", bad == 0, "%d names wrong", bad);
	for (i = 0, bad = 0; i < NFILES; i += 2)
		bad += unlink(path("big/f%d-with-a-longer-name-%d", i, i * 7919)) != 0;
	CHECK("big_unlink_all", bad == 0, "%d unlinks failed", bad);
	CHECK("big_empty_readdir", scan_dir(path("big"), seen, NFILES, 0) == 0, "");
	CHECK("big_rmdir", rmdir(path("big")) == 0, "errno %d", errno);
}

static void mkdir_rmdir(void)
{
	nlink_t n0 = nlink_of(base);

	CHECK("mkdir", mkdir(path("d"), 0755) == 0, "errno %d", errno);
	CHECK("mkdir_nlink_2", nlink_of(path("d")) == 2, "nlink %lu", (unsigned long)nlink_of(path("d")));
	CHECK("mkdir_parent_nlink", nlink_of(base) == n0 + 1, "");
	CHECK("mkdir_dot", ino_of(path("d/.")) == ino_of(path("d")), "");
	CHECK("mkdir_dotdot", ino_of(path("d/..")) == ino_of(base), "");
	CHECK_ERR("mkdir_eexist", mkdir(path("d"), 0755), EEXIST);
	CHECK("mkdir_sub", mkdir(path("d/e"), 0755) == 0, "errno %d", errno);
	CHECK_ERR("rmdir_notempty", rmdir(path("d")), ENOTEMPTY);
	CHECK("rmdir_sub", rmdir(path("d/e")) == 0, "errno %d", errno);
	CHECK("rmdir_sub_nlink", nlink_of(path("d")) == 2, "");
	CHECK("rmdir", rmdir(path("d")) == 0, "errno %d", errno);
	CHECK("rmdir_parent_nlink", nlink_of(base) == n0, "");
	CHECK_ERR("rmdir_gone", rmdir(path("d")), ENOENT);
}

static void links_and_nodes(void)
{
	char buf[512], target[300];
	int fd;

	fd = open(path("a"), O_RDWR | O_CREAT | O_EXCL, 0644);
	CHECK("link_src", fd >= 0 && write(fd, "data", 4) == 4, "errno %d", errno);
	close(fd);
	CHECK("link", link(path("a"), path("b")) == 0, "errno %d", errno);
	CHECK("link_nlink", nlink_of(path("a")) == 2 && ino_of(path("a")) == ino_of(path("b")), "");
	CHECK_ERR("link_eexist", link(path("a"), path("b")), EEXIST);
	CHECK("unlink_first", unlink(path("a")) == 0 && nlink_of(path("b")) == 1, "");
	fd = open(path("b"), O_RDONLY);
	CHECK("link_data", fd >= 0 && read(fd, buf, 4) == 4 && !memcmp(buf, "data", 4), "");
	close(fd);
	CHECK("unlink_last", unlink(path("b")) == 0, "errno %d", errno);
	CHECK_ERR("unlink_gone", unlink(path("b")), ENOENT);

	CHECK("symlink_fast", symlink("short/target", path("s1")) == 0, "errno %d", errno);
	memset(buf, 0, sizeof(buf));
	CHECK("readlink_fast", readlink(path("s1"), buf, sizeof(buf)) == 12 &&
	      !strcmp(buf, "short/target"), "got '%s'", buf);
	memset(target, 'x', sizeof(target) - 1);
	target[sizeof(target) - 1] = 0;
	memcpy(target, "long/", 5);
	CHECK("symlink_slow", symlink(target, path("s2")) == 0, "errno %d", errno);
	memset(buf, 0, sizeof(buf));
	CHECK("readlink_slow", readlink(path("s2"), buf, sizeof(buf)) == (ssize_t)strlen(target) &&
	      !strcmp(buf, target), "len %zu", strlen(buf));
	CHECK("symlink_follow", symlink("a", path("s3")) == 0 &&
	      touch(path("a")) == 0 && ino_of(path("a")) == ({ struct stat st;
	      stat(path("s3"), &st) ? 0 : st.st_ino; }), "");
	CHECK("mknod_fifo", mknod(path("p"), S_IFIFO | 0600, 0) == 0, "errno %d", errno);
	CHECK("mknod_chr", mknod(path("c"), S_IFCHR | 0600, makedev(1, 3)) == 0, "errno %d", errno);
	CHECK("unlink_nodes", !unlink(path("s1")) && !unlink(path("s2")) && !unlink(path("s3")) &&
	      !unlink(path("a")) && !unlink(path("p")) && !unlink(path("c")), "errno %d", errno);
}

static void renames(void)
{
	ino_t ia, ib, id;

	touch(path("r1"));
	ia = ino_of(path("r1"));
	CHECK("rename_same_dir", rename(path("r1"), path("r2")) == 0 &&
	      ino_of(path("r2")) == ia && ino_of(path("r1")) == 0, "errno %d", errno);
	mkdir(path("x"), 0755);
	mkdir(path("y"), 0755);
	mkdir(path("x/sub"), 0755);
	id = ino_of(path("x/sub"));
	CHECK("rename_dir_across", rename(path("x/sub"), path("y/sub")) == 0 &&
	      ino_of(path("y/sub")) == id, "errno %d", errno);
	CHECK("rename_dir_dotdot", ino_of(path("y/sub/..")) == ino_of(path("y")), "");
	CHECK("rename_dir_nlinks", nlink_of(path("x")) == 2 && nlink_of(path("y")) == 3, "x %lu y %lu",
	      (unsigned long)nlink_of(path("x")), (unsigned long)nlink_of(path("y")));
	touch(path("r3"));
	ib = ino_of(path("r3"));
	CHECK("rename_overwrite", rename(path("r2"), path("r3")) == 0 &&
	      ino_of(path("r3")) == ia && ino_of(path("r2")) == 0, "errno %d", errno);
	CHECK("rename_overwrite_target_gone", ib != ia, "");
	touch(path("r4"));
	CHECK_ERR("rename_noreplace_eexist",
		  renameat2(AT_FDCWD, path("r3"), AT_FDCWD, path("r4"), RENAME_NOREPLACE), EEXIST);
	CHECK("rename_noreplace", renameat2(AT_FDCWD, path("r4"), AT_FDCWD, path("r5"),
					    RENAME_NOREPLACE) == 0, "errno %d", errno);
	ib = ino_of(path("r5"));
	CHECK("rename_exchange_files", renameat2(AT_FDCWD, path("r3"), AT_FDCWD, path("r5"),
						 RENAME_EXCHANGE) == 0 &&
	      ino_of(path("r3")) == ib && ino_of(path("r5")) == ia, "errno %d", errno);
	CHECK("rename_exchange_dir_file", renameat2(AT_FDCWD, path("y/sub"), AT_FDCWD, path("r5"),
						    RENAME_EXCHANGE) == 0 &&
	      ino_of(path("r5")) == id && ino_of(path("r5/..")) == ino_of(base) &&
	      ino_of(path("y/sub")) == ia && nlink_of(path("y")) == 2, "errno %d", errno);
	mkdir(path("y/full"), 0755);
	touch(path("y/full/f"));
	CHECK_ERR("rename_over_nonempty_dir", rename(path("r5"), path("y/full")), ENOTEMPTY);
	CHECK("rename_over_empty_dir", rmdir(path("x")) == 0 && mkdir(path("x"), 0755) == 0 &&
	      rename(path("r5"), path("x")) == 0 && ino_of(path("x")) == id &&
	      ino_of(path("x/..")) == ino_of(base), "errno %d", errno);
	CHECK("rename_cleanup", !unlink(path("y/full/f")) && !rmdir(path("y/full")) &&
	      !unlink(path("y/sub")) && !rmdir(path("y")) && !rmdir(path("x")) &&
	      !unlink(path("r3")), "errno %d", errno);
}

int main(int argc, char **argv)
{
	bool as_init = getpid() == 1;

	ktap_suite = "ext4_dir";
	if (argc > 1) {
		snprintf(base, sizeof(base), "%s", argv[1]);
	} else {
		mkdir("/dev", 0755);
		mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
		mkdir("/mnt", 0755);
		CHECK("mount", mount("/dev/vda", "/mnt", "ext4", 0, NULL) == 0, "errno %d", errno);
		snprintf(base, sizeof(base), "/mnt/t");
	}
	mkdir(base, 0755);
	big_directory();
	mkdir_rmdir();
	links_and_nodes();
	renames();
	CHECK("base_empty_rmdir", rmdir(base) == 0, "errno %d", errno);
	if (as_init && argc <= 1)
		CHECK("umount", umount("/mnt") == 0, "errno %d", errno);
	return ktap_done();
}
