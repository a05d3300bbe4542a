/*
 * selftest=vfs: the VFS from inside the kernel, after populate_rootfs. The boot test
 * passes a two-part initramfs (a gzip'd archive, then a plain one; tests/boot/cases.py
 * vfs_initramfs) whose files are read back here through filp_open and kernel_read; then
 * path walks (symlinks, "..", mounts), creation and removal, devices, the fd table and
 * the caches' counters back at their baseline.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/stat.h>
#include <linux/file.h>
#include <linux/fdtable.h>
#include <linux/sched.h>
#include <linux/init_syscalls.h>
#include <linux/selftest.h>
#include <linux/shmem_fs.h>
#include "internal.h"

#define BIG_SIZE	300000
#define ARCHIVE_MTIME	1700000000

#define CHECK(cond) ({								\
	bool __ok = (cond);							\
	if (!__ok)								\
		pr_err("vfs selftest: %s:%d: %s\n", __FILE__, __LINE__, #cond);	\
	__ok;									\
})

/* The first size bytes of path into buf; the count read or -errno. */
static long read_file(const char *path, int flags, void *buf, size_t size)
{
	struct file *f = filp_open(path, O_RDONLY | flags, 0);
	loff_t pos = 0;
	long n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_read(f, buf, size, &pos);
	fput(f);
	return n;
}

static bool file_is(const char *path, const char *want)
{
	char buf[64] = "";
	long n = read_file(path, 0, buf, sizeof(buf) - 1);

	return CHECK(n == (long)strlen(want)) && CHECK(!memcmp(buf, want, (size_t)n));
}

static int stat_path(const char *path, struct kstat *st, int flags)
{
	return init_stat(path, st, flags);
}

static bool initramfs_files(void)
{
	struct kstat st;

	return file_is("/vfstest/hello", "hello, initramfs\n") &&
	       file_is("/vfstest/sub/deep", "deep\n") &&
	       file_is("/vfstest/second", "from the plain second archive\n") &&
	       CHECK(!stat_path("/vfstest/hello", &st, 0)) &&
	       CHECK(st.mode == (S_IFREG | 0644)) && CHECK(st.size == 17) &&
	       CHECK(st.mtime.tv_sec == ARCHIVE_MTIME);
}

static bool initramfs_big_file(void)
{
	u8 *buf = kmalloc(BIG_SIZE + 1, GFP_KERNEL);
	struct kstat st;
	bool ok;
	long n;

	if (!CHECK(buf))
		return false;
	n = read_file("/vfstest/big", 0, buf, BIG_SIZE + 1);
	ok = CHECK(n == BIG_SIZE);
	for (long i = 0; ok && i < n; i++)
		ok = CHECK(buf[i] == (u8)(i * 7 % 251));
	kfree(buf);
	return ok && CHECK(!stat_path("/vfstest/big", &st, 0)) &&
	       CHECK(st.mode == (S_IFREG | 0600)) && CHECK(st.uid == 1000) && CHECK(st.gid == 100);
}

static bool initramfs_links(void)
{
	struct kstat a, b, l;
	char buf[8];

	return CHECK(!stat_path("/vfstest/hello", &a, 0)) &&
	       CHECK(!stat_path("/vfstest/hard", &b, 0)) &&
	       CHECK(a.ino == b.ino) && CHECK(a.nlink == 2) &&
	       CHECK(!stat_path("/vfstest/link", &l, AT_SYMLINK_NOFOLLOW)) &&
	       CHECK(S_ISLNK(l.mode)) && CHECK(l.size == 5) &&
	       file_is("/vfstest/link", "hello, initramfs\n") &&
	       file_is("/vfstest/abs", "hello, initramfs\n") &&
	       file_is("/vfstest/sub/up", "hello, initramfs\n") &&
	       CHECK(read_file("/vfstest/link", O_NOFOLLOW, buf, 8) == -ELOOP) &&
	       CHECK(read_file("/vfstest/loop1", 0, buf, 8) == -ELOOP);
}

static bool rootfs_default_entries(void)
{
	struct kstat st;

	return CHECK(!stat_path("/dev/console", &st, 0)) &&
	       CHECK(st.mode == (S_IFCHR | 0600)) && CHECK(st.rdev == MKDEV(5, 1)) &&
	       CHECK(!stat_path("/root", &st, 0)) && CHECK(st.mode == (S_IFDIR | 0700));
}

static bool path_walk_errors(void)
{
	struct path path;
	char buf[4];

	return CHECK(kern_path("/vfstest/nothere", 0, &path) == -ENOENT) &&
	       CHECK(kern_path("/vfstest/hello/x", 0, &path) == -ENOTDIR) &&
	       CHECK(kern_path("/vfstest/hello/", 0, &path) == -ENOTDIR) &&
	       CHECK(read_file("/vfstest", O_WRONLY, buf, 4) == -EISDIR) &&
	       CHECK(read_file("/vfstest/hello", O_DIRECTORY, buf, 4) == -ENOTDIR) &&
	       CHECK(read_file("", 0, buf, 4) == -ENOENT);
}

static bool path_walk_dotdot(void)
{
	struct path a, b;
	bool ok;

	if (!CHECK(!kern_path("/vfstest/sub/../sub/./deep", 0, &a)))
		return false;
	ok = CHECK(!kern_path("/../../vfstest/sub/deep", 0, &b));
	if (ok) {
		ok = CHECK(path_equal(&a, &b));
		path_put(&b);
	}
	path_put(&a);
	return ok;
}

static bool negative_dentries_cached(void)
{
	struct path path;
	long before;

	kern_path("/vfstest/absent", 0, &path);
	before = nr_dentries();
	return CHECK(kern_path("/vfstest/absent", 0, &path) == -ENOENT) &&
	       CHECK(nr_dentries() == before);
}

/* Creates, writes, reads, truncates, renames and removes under /tmp (a tmpfs mount). */
static bool create_write_truncate(void)
{
	static const char text[] = "0123456789abcdef";
	struct file *f;
	loff_t pos = 0;
	char buf[20] = "";
	struct kstat st;
	bool ok = true;

	f = filp_open("/vfstmp/t/file", O_RDWR | O_CREAT | O_EXCL, 0640);
	if (!CHECK(!IS_ERR(f)))
		return false;
	for (int i = 0; ok && i < 1000; i++)
		ok = CHECK(kernel_write(f, text, 16, &pos) == 16);
	pos = 8190;
	ok = ok && CHECK(kernel_read(f, buf, 4, &pos) == 4) && CHECK(!memcmp(buf, "ef01", 4));
	pos = 16000;
	ok = ok && CHECK(kernel_read(f, buf, 4, &pos) == 0);
	fput(f);
	ok = ok && CHECK(IS_ERR(filp_open("/vfstmp/t/file", O_RDWR | O_CREAT | O_EXCL, 0)));
	f = filp_open("/vfstmp/t/file", O_WRONLY | O_TRUNC, 0);
	ok = ok && CHECK(!IS_ERR(f));
	if (!IS_ERR(f))
		fput(f);
	return ok && CHECK(!stat_path("/vfstmp/t/file", &st, 0)) && CHECK(st.size == 0) &&
	       CHECK(st.mode == (S_IFREG | 0640));
}

static bool rename_unlink_rmdir(void)
{
	struct kstat st;

	return CHECK(!init_mkdir("/vfstmp/t/d", 0755)) &&
	       CHECK(init_mkdir("/vfstmp/t/d", 0755) == -EEXIST) &&
	       CHECK(!init_symlink("file", "/vfstmp/t/d/sym")) &&
	       CHECK(init_rmdir("/vfstmp/t/d") == -ENOTEMPTY) &&
	       CHECK(init_unlink("/vfstmp/t/d") == -EISDIR) &&
	       CHECK(init_rmdir("/vfstmp/t/file") == -ENOTDIR) &&
	       CHECK(!init_link("/vfstmp/t/file", "/vfstmp/t/d/hard")) &&
	       CHECK(init_link("/vfstmp/t/file", "/vfstest/x") == -EXDEV) &&
	       CHECK(!do_renameat2(AT_FDCWD, getname_kernel("/vfstmp/t/d/hard"), AT_FDCWD,
				   getname_kernel("/vfstmp/t/moved"), 0)) &&
	       CHECK(do_renameat2(AT_FDCWD, getname_kernel("/vfstmp/t"), AT_FDCWD,
				  getname_kernel("/vfstmp/t/d/inside"), 0) == -EINVAL) &&
	       CHECK(!stat_path("/vfstmp/t/moved", &st, 0)) && CHECK(st.nlink == 2) &&
	       CHECK(!init_unlink("/vfstmp/t/moved")) &&
	       CHECK(!init_unlink("/vfstmp/t/d/sym")) &&
	       CHECK(!init_rmdir("/vfstmp/t/d")) &&
	       CHECK(!init_unlink("/vfstmp/t/file")) &&
	       CHECK(stat_path("/vfstmp/t/file", &st, 0) == -ENOENT);
}

static bool mount_and_umount(void)
{
	struct file *f;
	struct path p;
	bool ok;

	if (!CHECK(!init_mkdir("/vfstmp/t/m", 0755)) ||
	    !CHECK(!init_mount("none", "/vfstmp/t/m", "tmpfs", 0, NULL)))
		return false;
	ok = CHECK(!init_mkdir("/vfstmp/t/m/inner", 0755));
	ok = ok && CHECK(!kern_path("/vfstmp/t/m/inner/../../m/inner/..", 0, &p));
	if (ok) {
		ok = CHECK(p.dentry == p.mnt->mnt_root) && CHECK(p.mnt->mnt_sb->s_magic == TMPFS_MAGIC);
		path_put(&p);
	}
	f = filp_open("/vfstmp/t/m/inner", O_RDONLY | O_DIRECTORY, 0);
	ok = ok && CHECK(!IS_ERR(f)) && CHECK(init_umount("/vfstmp/t/m", 0) == -EBUSY);
	if (!IS_ERR(f))
		fput(f);
	ok = ok && CHECK(init_rmdir("/vfstmp/t/m") == -EBUSY) &&
	     CHECK(!init_umount("/vfstmp/t/m", 0)) &&
	     CHECK(kern_path("/vfstmp/t/m/inner", 0, &p) == -ENOENT);
	return ok && CHECK(!init_rmdir("/vfstmp/t/m"));
}

/* Through a devtmpfs mount, as /init will mount it on /dev. */
static bool devtmpfs_devices(void)
{
	struct kstat st;
	char buf[16];
	struct file *f;
	loff_t pos = 0;
	bool ok;

	if (!CHECK(!init_mkdir("/vfstmp/t/dev", 0755)) ||
	    !CHECK(!init_mount("devtmpfs", "/vfstmp/t/dev", "devtmpfs", 0, NULL)))
		return false;
	memset(buf, 0x55, sizeof(buf));
	ok = CHECK(read_file("/vfstmp/t/dev/zero", 0, buf, sizeof(buf)) == sizeof(buf)) &&
	     CHECK(!memchr(buf, 0x55, sizeof(buf))) &&
	     CHECK(read_file("/vfstmp/t/dev/null", 0, buf, sizeof(buf)) == 0) &&
	     CHECK(read_file("/vfstest/null", 0, buf, sizeof(buf)) == 0);
	f = filp_open("/vfstmp/t/dev/full", O_WRONLY, 0);
	if (CHECK(!IS_ERR(f))) {
		ok = ok && CHECK(kernel_write(f, buf, 4, &pos) == -ENOSPC);
		fput(f);
	}
	f = filp_open("/vfstmp/t/dev/null", O_WRONLY, 0);
	if (CHECK(!IS_ERR(f))) {
		ok = ok && CHECK(kernel_write(f, buf, 4, &pos) == 4) &&
		     CHECK(kernel_read(f, buf, 4, &pos) == -EBADF);
		fput(f);
	}
	ok = ok && CHECK(!stat_path("/vfstmp/t/dev/ttyAMA0", &st, 0)) &&
	     CHECK(st.rdev == MKDEV(204, 64));
	return CHECK(!init_umount("/vfstmp/t/dev", 0)) && CHECK(!init_rmdir("/vfstmp/t/dev")) && ok;
}

/* fds: lowest free first, growth past the embedded 64, dup, close-on-exec, close. */
static bool fd_table(void)
{
	struct file *f = filp_open("/vfstest/hello", O_RDONLY, 0);
	int fds[100], n = 0, base;
	bool ok = true;

	if (!CHECK(!IS_ERR(f)))
		return false;
	base = get_unused_fd_flags(0);
	put_unused_fd((unsigned int)base);
	for (; ok && n < 100; n++) {
		fds[n] = get_unused_fd_flags(n % 2 ? O_CLOEXEC : 0);
		ok = CHECK(fds[n] == base + n);
		if (ok)
			fd_install((unsigned int)fds[n], get_file(f));
	}
	ok = ok && CHECK(get_close_on_exec((unsigned int)fds[1])) &&
	     CHECK(!get_close_on_exec((unsigned int)fds[2]));
	ok = ok && CHECK(!close_fd((unsigned int)fds[10])) &&
	     CHECK(close_fd((unsigned int)fds[10]) == -EBADF) &&
	     CHECK(f_dupfd(0, f, 0) == fds[10]) &&
	     CHECK(replace_fd((unsigned int)fds[20], f, O_CLOEXEC) == fds[20]) &&
	     CHECK(get_close_on_exec((unsigned int)fds[20]));
	do_close_on_exec(current->files);
	ok = ok && CHECK(!fget((unsigned int)fds[1])) && CHECK(!fget((unsigned int)fds[20]));
	ok = ok && CHECK(!__close_range((unsigned int)base, ~0U, 0)) &&
	     CHECK(files_count_open(current->files) == (unsigned int)base);
	fput(f);
	return ok;
}

struct names_seen {
	struct dir_context ctx;
	int count;
	bool saw_deep, saw_dotdot;
};

static bool count_names(struct dir_context *ctx, const char *name, int len, loff_t pos,
			u64 ino, unsigned int type)
{
	struct names_seen *n = container_of(ctx, struct names_seen, ctx);

	n->count++;
	n->saw_deep |= len == 4 && !memcmp(name, "deep", 4) && type == DT_REG;
	n->saw_dotdot |= len == 2 && !memcmp(name, "..", 2) && type == DT_DIR;
	return true;
}

/* /vfstest/sub holds ".", "..", "deep" and "up". */
static bool readdir_lists(void)
{
	struct names_seen n = { .ctx.actor = count_names };
	struct file *f = filp_open("/vfstest/sub", O_RDONLY | O_DIRECTORY, 0);

	if (!CHECK(!IS_ERR(f)))
		return false;
	iterate_dir(f, &n.ctx);
	fput(f);
	return CHECK(n.count == 4) && CHECK(n.saw_deep) && CHECK(n.saw_dotdot);
}

static long base_files, base_inodes, base_mounts;

static bool no_leaks(void)
{
	prune_dcache(0);
	return CHECK(nr_files() == base_files) && CHECK(nr_inodes() == base_inodes) &&
	       CHECK(nr_mounts() == base_mounts);
}

static bool setup_tmp(void)
{
	prune_dcache(0);
	base_files = nr_files();
	if (!CHECK(!init_mkdir("/vfstmp", 0755)) ||
	    !CHECK(!init_mount("tmpfs", "/vfstmp", "tmpfs", 0, "mode=1777")))
		return false;
	base_mounts = nr_mounts();
	base_inodes = nr_inodes();
	return CHECK(!init_mkdir("/vfstmp/t", 0755));
}

static bool teardown_tmp(void)
{
	return CHECK(!init_rmdir("/vfstmp/t")) && no_leaks() &&
	       CHECK(!init_umount("/vfstmp", 0)) && CHECK(!init_rmdir("/vfstmp"));
}

static const struct ktap_case vfs_cases[] = {
	{ rootfs_default_entries, "rootfs_default_entries" },
	{ initramfs_files, "initramfs_files" },
	{ initramfs_big_file, "initramfs_big_file" },
	{ initramfs_links, "initramfs_links" },
	{ path_walk_errors, "path_walk_errors" },
	{ path_walk_dotdot, "path_walk_dotdot" },
	{ negative_dentries_cached, "negative_dentries_cached" },
	{ setup_tmp, "tmpfs_mounted" },
	{ create_write_truncate, "create_write_truncate" },
	{ rename_unlink_rmdir, "rename_unlink_rmdir" },
	{ mount_and_umount, "mount_and_umount" },
	{ devtmpfs_devices, "devtmpfs_devices" },
	{ fd_table, "fd_table" },
	{ readdir_lists, "readdir_lists" },
	{ teardown_tmp, "no_leaks_after_umount" },
};

static void __init vfs_selftest(void)
{
	ktap_run_suite("vfs", vfs_cases, ARRAY_SIZE(vfs_cases));
}
selftest_initcall("vfs", vfs_selftest);
