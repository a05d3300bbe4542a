/*
 * Host tests of the VFS: the path walk (symlinks, "..", mounts, chroot, errors), the
 * dcache (negative entries, the unused-entry limit), fd tables, rename's rules, the page
 * cache against a shadow copy (random operations; KTEST_SEED replays), and the initramfs
 * unpacker on archives built here, damaged every way, plain and gzip'd (host gzip).
 * Every case ends with the inode, dentry, file and page counts back where they were.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/wait_bit.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/stat.h>
#include <linux/file.h>
#include <linux/fdtable.h>
#include <linux/fs_struct.h>
#include <linux/init_syscalls.h>
#include <linux/initrd.h>
#include "../../fs/internal.h"
#include "ktest.h"

/* tests/host/host_vfs.c: pages in use, and the running task's fd table. */
extern long host_pages_in_use;
struct files_struct *host_files(void);
void host_set_files(struct files_struct *files);

static long base_inodes, base_dentries, base_files, base_pages;
long _totalram_pages = 1L << 18;	/* 1 GiB, the boot machine's: tmpfs's default size */

/* The VFS once, then a fresh tmpfs at /t for each case. */
static void setup(void)
{
	static bool booted;

	if (!booted) {
		wait_bit_init();	/* sched_init's, which the host does not run */
		vfs_caches_init();
		ASSERT_EQ(shmem_init(), 0);	/* tmpfs */
		booted = true;
	}
	ASSERT_EQ(init_mkdir("/t", 0755), 0);
	ASSERT_EQ(init_mount("none", "/t", "tmpfs", 0, NULL), 0);
	ASSERT_EQ(init_chdir("/t"), 0);
	prune_dcache(0);
	base_inodes = nr_inodes();
	base_dentries = nr_dentries();
	base_files = nr_files();
	base_pages = host_pages_in_use;
}

/* Unmounts /t and checks nothing of the case's is left. */
static void teardown(void)
{
	struct path root;

	EXPECT_EQ(nr_files(), base_files);
	get_fs_root(&init_fs, &root);
	set_fs_pwd(&init_fs, &root);
	path_put(&root);
	EXPECT_EQ(init_umount("/t", 0), 0);
	EXPECT_EQ(init_rmdir("/t"), 0);
	prune_dcache(0);
	EXPECT_EQ(nr_inodes(), base_inodes - 2);	/* /t's mounted root, and /t */
	EXPECT_EQ(host_pages_in_use, base_pages);
}

static int lookup(const char *name, unsigned int flags)
{
	struct path path;
	int err = kern_path(name, flags, &path);

	if (!err)
		path_put(&path);
	return err;
}

static int put_file(const char *name, const char *text)
{
	struct file *f = filp_open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	n = kernel_write(f, text, strlen(text), &pos);
	fput(f);
	return n == (ssize_t)strlen(text) ? 0 : -EIO;
}

static int get_file_text(const char *name, char *buf, size_t size)
{
	struct file *f = filp_open(name, O_RDONLY, 0);
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	n = kernel_read(f, buf, size - 1, &pos);
	fput(f);
	if (n < 0)
		return (int)n;
	buf[n] = 0;
	return 0;
}

static void try_rename(const char *from, const char *to, unsigned int flags, int want)
{
	int err = do_renameat2(AT_FDCWD, getname_kernel(from), AT_FDCWD, getname_kernel(to), flags);

	if (err != want)
		ktest_fail(__FILE__, __LINE__, "rename %s %s %#x: %d, want %d", from, to, flags,
			   err, want);
}

/*
 *   /t/a/b/c/file          a/up -> ..          abs -> /t/a/b
 *   loop -> loop           dangling -> nothere
 */
static void path_walk_components(void)
{
	char name[300];

	setup();
	ASSERT_EQ(init_mkdir("a", 0755), 0);
	ASSERT_EQ(init_mkdir("a/b", 0755), 0);
	ASSERT_EQ(init_mkdir("a/b/c", 0755), 0);
	ASSERT_EQ(put_file("a/b/c/file", "x"), 0);
	EXPECT_EQ(lookup("a/b/c/file", 0), 0);
	EXPECT_EQ(lookup("/t//a///b/./c/../c/file", 0), 0);
	EXPECT_EQ(lookup("a/b/c/", 0), 0);
	EXPECT_EQ(lookup("a/b/c/file/", 0), -ENOTDIR);
	EXPECT_EQ(lookup("a/b/c/file/x", 0), -ENOTDIR);
	EXPECT_EQ(lookup("a/nothere/c", 0), -ENOENT);
	EXPECT_EQ(lookup("", 0), -ENOENT);
	EXPECT_EQ(lookup("/../../..", 0), 0);
	memset(name, 'n', 256);
	name[256] = 0;
	EXPECT_EQ(lookup(name, 0), -ENAMETOOLONG);
	name[255] = 0;
	EXPECT_EQ(lookup(name, 0), -ENOENT);
	teardown();
}

static void path_walk_symlinks(void)
{
	char buf[16], name[16], target[16];
	struct file *f;

	setup();
	ASSERT_EQ(init_mkdir("a", 0755), 0);
	ASSERT_EQ(init_mkdir("a/b", 0755), 0);
	ASSERT_EQ(put_file("a/b/file", "content"), 0);
	ASSERT_EQ(init_symlink("..", "a/b/up"), 0);
	ASSERT_EQ(init_symlink("/t/a/b", "abs"), 0);
	ASSERT_EQ(init_symlink("loop", "loop"), 0);
	ASSERT_EQ(init_symlink("nothere", "dangling"), 0);
	EXPECT_EQ(get_file_text("abs/file", buf, sizeof(buf)), 0);
	EXPECT_STREQ(buf, "content");
	EXPECT_EQ(lookup("a/b/up/b/up/b/file", 0), 0);
	EXPECT_EQ(lookup("loop", LOOKUP_FOLLOW), -ELOOP);
	EXPECT_EQ(lookup("loop", 0), 0);
	EXPECT_EQ(lookup("loop/x", 0), -ELOOP);
	EXPECT_EQ(lookup("dangling", LOOKUP_FOLLOW), -ENOENT);
	EXPECT_TRUE(IS_ERR(filp_open("abs", O_RDONLY | O_NOFOLLOW, 0)) &&
		    PTR_ERR(filp_open("abs", O_RDONLY | O_NOFOLLOW, 0)) == -ELOOP);
	/* O_CREAT through a dangling link makes its target. */
	f = filp_open("dangling", O_WRONLY | O_CREAT, 0600);
	EXPECT_TRUE(!IS_ERR(f));
	if (!IS_ERR(f))
		fput(f);
	EXPECT_EQ(lookup("nothere", 0), 0);
	EXPECT_TRUE(PTR_ERR(filp_open("abs", O_WRONLY | O_CREAT | O_EXCL, 0)) == -EEXIST);
	/* 40 links followed in all is the limit: a chain of 40 resolves, of 41 does not. */
	for (int i = 1; i <= 41; i++) {
		snprintf(name, sizeof(name), "l%d", i);
		snprintf(target, sizeof(target), i == 1 ? "abs/file" : "l%d", i - 1);
		ASSERT_EQ(init_symlink(i == 1 ? "a/b/file" : target, name), 0);
	}
	EXPECT_EQ(lookup("l40", LOOKUP_FOLLOW), 0);
	EXPECT_EQ(lookup("l41", LOOKUP_FOLLOW), -ELOOP);
	teardown();
}

/* "..": at the root it stays; across a mount it leaves through the mount point. */
static void path_walk_dotdot_mounts_chroot(void)
{
	struct path a, b, old_root;

	setup();
	ASSERT_EQ(init_mkdir("m", 0755), 0);
	ASSERT_EQ(init_mkdir("m/under", 0755), 0);
	ASSERT_EQ(init_mount("none", "m", "tmpfs", 0, NULL), 0);
	EXPECT_EQ(lookup("m/under", 0), -ENOENT);
	ASSERT_EQ(init_mkdir("m/inside", 0755), 0);
	ASSERT_EQ(kern_path("/t/m/inside/../..", 0, &a), 0);
	ASSERT_EQ(kern_path("/t", 0, &b), 0);
	EXPECT_TRUE(path_equal(&a, &b));
	path_put(&a);
	path_put(&b);
	EXPECT_EQ(init_umount("m/inside", 0), -EINVAL);
	/* chroot into the mount: "/" and ".." stop there. */
	get_fs_root(&init_fs, &old_root);
	ASSERT_EQ(init_chroot("/t/m"), 0);
	EXPECT_EQ(lookup("/../../inside", 0), 0);
	EXPECT_EQ(lookup("/t", 0), -ENOENT);
	set_fs_root(&init_fs, &old_root);
	path_put(&old_root);
	EXPECT_EQ(init_rmdir("m/inside"), 0);
	EXPECT_EQ(init_umount("m", 0), 0);
	EXPECT_EQ(lookup("m/under", 0), 0);
	teardown();
}

static void dcache_negative_entries(void)
{
	char name[32];
	long before;

	setup();
	EXPECT_EQ(lookup("absent", 0), -ENOENT);
	before = nr_dentries();
	EXPECT_EQ(lookup("absent", 0), -ENOENT);
	EXPECT_EQ(nr_dentries(), before);
	ASSERT_EQ(put_file("absent", "now"), 0);	/* the negative entry turns positive */
	EXPECT_EQ(nr_dentries(), before);
	EXPECT_EQ(init_unlink("absent"), 0);
	/* Unused entries stay cached up to the limit, then the oldest go. */
	for (int i = 0; i < 5000; i++) {
		snprintf(name, sizeof(name), "miss%d", i);
		EXPECT_EQ(lookup(name, 0), -ENOENT);
	}
	EXPECT_TRUE(nr_unused_dentries() <= 4096);
	EXPECT_TRUE(nr_unused_dentries() >= 4000);
	prune_dcache(0);
	EXPECT_EQ(nr_unused_dentries(), 0);
	teardown();
}

static void fd_table_grows_and_copies(void)
{
	struct files_struct *saved = host_files(), *copy;
	struct file *f;
	int fd, err;

	setup();
	ASSERT_EQ(put_file("f", "x"), 0);
	f = filp_open("f", O_RDONLY, 0);
	ASSERT_TRUE(!IS_ERR(f));
	host_set_files(dup_fd(saved, &err));
	ASSERT_TRUE(host_files());
	for (int i = 0; i < INR_OPEN_CUR; i++) {
		fd = get_unused_fd_flags(i % 3 ? 0 : O_CLOEXEC);
		ASSERT_EQ(fd, i);
		fd_install((unsigned int)fd, get_file(f));
	}
	EXPECT_EQ(get_unused_fd_flags(0), -EMFILE);
	EXPECT_EQ(f_dupfd(5, f, 0), -EMFILE);
	EXPECT_EQ(host_files()->fdt->max_fds, 1024);
	copy = dup_fd(host_files(), &err);
	ASSERT_TRUE(copy);
	EXPECT_EQ(files_count_open(copy), INR_OPEN_CUR);
	EXPECT_EQ(f->f_count, 1 + 2 * INR_OPEN_CUR);
	do_close_on_exec(copy);
	EXPECT_EQ(files_count_open(copy), INR_OPEN_CUR - (INR_OPEN_CUR + 2) / 3);
	put_files_struct(copy);
	EXPECT_EQ(close_fd(700), 0);
	EXPECT_EQ(close_fd(700), -EBADF);
	EXPECT_EQ(get_unused_fd_flags(0), 700);		/* reserved, not installed */
	EXPECT_EQ(replace_fd(700, f, 0), -EBUSY);
	put_unused_fd(700);
	EXPECT_EQ(replace_fd(700, f, 0), 700);
	EXPECT_EQ(__close_range(10, 20, CLOSE_RANGE_CLOEXEC), 0);
	EXPECT_TRUE(get_close_on_exec(11));
	EXPECT_EQ(__close_range(0, ~0U, 0), 0);
	EXPECT_EQ(files_count_open(host_files()), 0);
	put_files_struct(host_files());
	host_set_files(saved);
	EXPECT_EQ(f->f_count, 1);
	fput(f);
	teardown();
}

static void rename_rules(void)
{
	char buf[8];

	setup();
	ASSERT_EQ(put_file("f1", "one"), 0);
	ASSERT_EQ(put_file("f2", "two"), 0);
	ASSERT_EQ(init_mkdir("d1", 0755), 0);
	ASSERT_EQ(init_mkdir("d2", 0755), 0);
	ASSERT_EQ(init_mkdir("d2/sub", 0755), 0);
	try_rename("f1", "f2", RENAME_NOREPLACE, -EEXIST);
	try_rename("f1", "f2", RENAME_EXCHANGE, 0);
	EXPECT_EQ(get_file_text("f1", buf, sizeof(buf)), 0);
	EXPECT_STREQ(buf, "two");
	try_rename("f1", "f2", 0, 0);
	EXPECT_EQ(lookup("f1", 0), -ENOENT);
	try_rename("f2", "d1", 0, -EISDIR);
	try_rename("d1", "f2", 0, -ENOTDIR);
	try_rename("d1", "d2", 0, -ENOTEMPTY);
	try_rename("d2", "d2/sub/x", 0, -EINVAL);
	try_rename("d2/sub", "d2", 0, -ENOTEMPTY);
	try_rename("d1", "d2/sub", 0, 0);
	try_rename("d2", "d3", 0, 0);
	EXPECT_EQ(lookup("d3/sub", 0), 0);
	try_rename("nothere", "x", 0, -ENOENT);
	try_rename("f2", "f2/", 0, -ENOTDIR);
	try_rename(".", "x", 0, -EBUSY);
	EXPECT_EQ(init_rmdir("d3/sub"), 0);
	EXPECT_EQ(init_rmdir("d3"), 0);
	EXPECT_EQ(init_unlink("f2"), 0);
	teardown();
}

/* Random writes, truncates and reads against a shadow copy of the file. */
static void page_cache_against_shadow(void)
{
	enum { MAX = 5 * 4096 + 123 };
	static unsigned char shadow[MAX], buf[MAX];
	loff_t size = 0;
	struct file *f;

	setup();
	f = filp_open("data", O_RDWR | O_CREAT, 0600);
	ASSERT_TRUE(!IS_ERR(f));
	for (int step = 0; step < 3000; step++) {
		loff_t pos = (loff_t)ktest_rand_range(0, MAX - 1);
		size_t len = ktest_rand_range(0, MAX - (size_t)pos);
		int op = (int)ktest_rand_range(0, 9);

		if (op < 5) {
			for (size_t i = 0; i < len; i++)
				buf[i] = (unsigned char)ktest_rand();
			if (len && pos > size)
				memset(shadow + size, 0, (size_t)(pos - size));
			ASSERT_EQ(kernel_write(f, buf, len, &pos), (long)len);
			memcpy(shadow + pos - len, buf, len);
			if (len && pos > size)
				size = pos;
		} else if (op < 6) {
			ASSERT_EQ(do_truncate(f->f_path.dentry, pos, 0, f), 0);
			if (pos > size)
				memset(shadow + size, 0, (size_t)(pos - size));
			else
				memset(shadow + pos, 0, (size_t)(size - pos));
			size = pos;
		} else {
			loff_t at = pos;
			long want = pos >= size ? 0 : (long)min((loff_t)len, size - pos);

			ASSERT_EQ(kernel_read(f, buf, len, &at), want);
			if (memcmp(buf, shadow + pos, (size_t)want))
				ktest_abort(__FILE__, __LINE__, "step %d: read at %ld differs", step,
					    (long)pos);
		}
		ASSERT_EQ(i_size_read(file_inode(f)), size);
	}
	fput(f);
	EXPECT_EQ(init_unlink("data"), 0);
	teardown();
}

/* ---- initramfs archives built here ---- */

struct cpio {
	unsigned char buf[1 << 16];
	size_t len;
};

static void cpio_entry(struct cpio *c, const char *name, unsigned int mode, unsigned int nlink,
		       unsigned int ino, const void *body, size_t body_len)
{
	size_t namesize = strlen(name) + 1;

	c->len += (size_t)sprintf((char *)c->buf + c->len,
		"070701%08X%08X%08X%08X%08X%08X%08zX%08X%08X%08X%08X%08zX%08X",
		ino, mode, 0, 0, nlink, 1600000000, body_len, 0, 0, 1, 3, namesize, 0);
	memcpy(c->buf + c->len, name, namesize);
	c->len += namesize;
	while (c->len % 4)
		c->buf[c->len++] = 0;
	if (body_len)
		memcpy(c->buf + c->len, body, body_len);
	c->len += body_len;
	while (c->len % 4)
		c->buf[c->len++] = 0;
}

static void sample_archive(struct cpio *c)
{
	c->len = 0;
	cpio_entry(c, "t/in", S_IFDIR | 0750, 2, 1, NULL, 0);
	cpio_entry(c, "t/in/file", S_IFREG | 0604, 2, 2, NULL, 0);
	cpio_entry(c, "t/in/hard", S_IFREG | 0604, 2, 2, "linked\n", 7);
	cpio_entry(c, "t/in/sym", S_IFLNK | 0777, 1, 3, "file", 4);
	cpio_entry(c, "t/in/null", S_IFCHR | 0666, 1, 4, NULL, 0);
	cpio_entry(c, "TRAILER!!!", 0, 1, 0, NULL, 0);
}

static void remove_sample(void)
{
	init_unlink("/t/in/file");
	init_unlink("/t/in/hard");
	init_unlink("/t/in/sym");
	init_unlink("/t/in/null");
	init_rmdir("/t/in");
}

static void check_sample(void)
{
	struct kstat st;
	char buf[16];

	EXPECT_EQ(get_file_text("/t/in/sym", buf, sizeof(buf)), 0);
	EXPECT_STREQ(buf, "linked\n");
	EXPECT_EQ(init_stat("/t/in/file", &st, 0), 0);
	EXPECT_EQ(st.nlink, 2);
	EXPECT_EQ(st.mode, S_IFREG | 0604);
	EXPECT_EQ(st.mtime.tv_sec, 1600000000);
	EXPECT_EQ(init_stat("/t/in/null", &st, 0), 0);
	EXPECT_EQ(st.rdev, MKDEV(1, 3));
	EXPECT_EQ(init_stat("/t/in", &st, 0), 0);
	EXPECT_EQ(st.mode, S_IFDIR | 0750);
	EXPECT_EQ(st.mtime.tv_sec, 1600000000);
}

static void cpio_unpacks_entries(void)
{
	static struct cpio c;

	setup();
	init_chdir("/");
	sample_archive(&c);
	EXPECT_TRUE(unpack_to_rootfs((char *)c.buf, c.len) == NULL);
	check_sample();
	/* Again over what is there: files are replaced, nothing breaks. */
	EXPECT_TRUE(unpack_to_rootfs((char *)c.buf, c.len) == NULL);
	check_sample();
	remove_sample();
	teardown();
}

static void cpio_damaged_archives(void)
{
	static struct cpio c, bad;
	const char *err;

	setup();
	init_chdir("/");
	sample_archive(&c);
	bad = c;
	memcpy(bad.buf, "070707", 6);
	EXPECT_STREQ(unpack_to_rootfs((char *)bad.buf, bad.len),
		     "incorrect cpio method used: use -H newc option");
	bad = c;
	bad.buf[20] = 'x';			/* not hex */
	EXPECT_STREQ(unpack_to_rootfs((char *)bad.buf, bad.len), "bad cpio header");
	bad = c;
	memcpy(bad.buf + 94, "00100000", 8);	/* namesize past PATH_MAX */
	EXPECT_STREQ(unpack_to_rootfs((char *)bad.buf, bad.len), "bad cpio name length");
	bad = c;
	bad.buf[110 + 3] = 'X';			/* "t/inX": no NUL where namesize says */
	bad.buf[110 + 4] = 'X';
	EXPECT_STREQ(unpack_to_rootfs((char *)bad.buf, bad.len), "cpio name not NUL-terminated");
	bad = c;
	bad.buf[c.len] = 0;
	bad.buf[c.len + 1] = 'J';		/* junk after the trailer's padding */
	EXPECT_TRUE(unpack_to_rootfs((char *)bad.buf, c.len + 2) != NULL);
	remove_sample();
	/* Cut anywhere: an error or a clean stop, never a crash or a leak. */
	for (size_t cut = 1; cut < c.len; cut++) {
		/* Cut between two entries, the archive is merely shorter. */
		bool boundary = !memcmp(c.buf + cut, "070701", 6);

		err = unpack_to_rootfs((char *)c.buf, cut);
		if (!err != boundary)
			ktest_fail(__FILE__, __LINE__, "cut at %zu of %zu: %s", cut, c.len,
				   err ? err : "no error");
		remove_sample();
	}
	teardown();
}

static void cpio_gzip_and_concatenated(void)
{
	static struct cpio c;
	static unsigned char both[1 << 17];
	char tmp[] = "/tmp/vfs-cpio-XXXXXX", cmd[96];
	size_t gz_len, total;
	int fd;
	FILE *p;

	setup();
	init_chdir("/");
	sample_archive(&c);
	fd = mkstemp(tmp);
	ASSERT_TRUE(fd >= 0);
	ASSERT_EQ(write(fd, c.buf, c.len), (long)c.len);
	close(fd);
	snprintf(cmd, sizeof(cmd), "gzip -n -9 -c %s", tmp);
	p = popen(cmd, "r");
	ASSERT_TRUE(p);
	gz_len = fread(both, 1, sizeof(both), p);
	pclose(p);
	unlink(tmp);
	total = (gz_len + 3) & ~3UL;
	memset(both + gz_len, 0, total - gz_len);
	/* A plain archive after the gzip'd one, making one more file. */
	c.len = 0;
	cpio_entry(&c, "t/plain", S_IFREG | 0644, 1, 9, "p", 1);
	cpio_entry(&c, "TRAILER!!!", 0, 1, 0, NULL, 0);
	memcpy(both + total, c.buf, c.len);
	EXPECT_TRUE(unpack_to_rootfs((char *)both, total + c.len) == NULL);
	check_sample();
	EXPECT_EQ(lookup("/t/plain", 0), 0);
	both[gz_len - 5] ^= 1;			/* the CRC's last byte */
	EXPECT_STREQ(unpack_to_rootfs((char *)both, total), "crc error");
	EXPECT_EQ(init_unlink("/t/plain"), 0);
	remove_sample();
	teardown();
}

KTEST_MAIN("vfs",
	   KTEST_CASE(path_walk_components),
	   KTEST_CASE(path_walk_symlinks),
	   KTEST_CASE(path_walk_dotdot_mounts_chroot),
	   KTEST_CASE(dcache_negative_entries),
	   KTEST_CASE(fd_table_grows_and_copies),
	   KTEST_CASE(rename_rules),
	   KTEST_CASE(page_cache_against_shadow),
	   KTEST_CASE(cpio_unpacks_entries),
	   KTEST_CASE(cpio_damaged_archives),
	   KTEST_CASE(cpio_gzip_and_concatenated))
