/*
 * Host tests of ext4's directory side (fs/ext4/hash.c, namei.c, dir.c, symlink.c,
 * ialloc.c) on images made by Debian's mke2fs (-t ext4 at 64 MiB: 1 KiB blocks,
 * metadata_csum, dir_index, flex_bg), with answers from e2fsprogs: the htree hashes
 * from debugfs, lookups and readdir in directories mke2fs -d made and e2fsck -D
 * indexed, and every operation (create, mkdir, rmdir, unlink, link, symlink, mknod,
 * rename) followed by e2fsck -fn finding nothing. KTEST_SEED replays the random names.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ktest.h"
#include "ext4.h"
#include "bdev_image.h"
#include "ext4_host.h"

#define E2FS_PATH "PATH=/sbin:/usr/sbin:$PATH "


/* The file side's tables (fs/ext4/file.c): regular files only need them to exist here. */
const struct file_operations ext4_file_operations;
const struct inode_operations ext4_file_inode_operations;

static char tmpdir[64], img[256], srcdir[128];

/* ext4 reported no error and e2fsck -fn finds nothing wrong (what it said to stderr). */
static void expect_fsck_clean(const char *when)
{
	char cmd[512];

	if (ktest_log_contains("EXT4-fs error"))
		ktest_fail(__FILE__, __LINE__, "ext4 reported an error %s", when);
	snprintf(cmd, sizeof(cmd), E2FS_PATH "e2fsck -fn %s > %s/fsck.log 2>&1", img, tmpdir);
	if (system(cmd) == 0)
		return;
	snprintf(cmd, sizeof(cmd), "cat %s/fsck.log >&2", tmpdir);
	if (system(cmd))
		ktest_fail(__FILE__, __LINE__, "no fsck log");
	ktest_fail(__FILE__, __LINE__, "e2fsck -fn found errors %s", when);
}

/* The source tree for mke2fs -d: "small" with a few names, "big" with BIG_NAMES. */
#define BIG_NAMES 6000

static const char *big_name(int i)
{
	static char name[64];

	/* lengths from 6 to 40: leaves fill unevenly, as real directories do */
	snprintf(name, sizeof(name), "f%05d%.*s", i, (i * 7) % 35, "-abcdefghijklmnopqrstuvwxyz0123456789");
	return name;
}

static void setup(void)
{
	FILE *f;
	int i;

	if (tmpdir[0])
		return;
	strcpy(tmpdir, "/tmp/ext4-dir-XXXXXX");
	ASSERT_TRUE(mkdtemp(tmpdir) != NULL);
	snprintf(img, sizeof(img), "%s/img", tmpdir);
	snprintf(srcdir, sizeof(srcdir), "%s/src", tmpdir);
	ktest_sh("mkdir -p %s/small %s/big && touch %s/small/a %s/small/bb %s/small/ccc",
	   srcdir, srcdir, srcdir, srcdir, srcdir);
	snprintf(img, sizeof(img), "%s/big/list", srcdir);
	f = fopen(img, "w");
	ASSERT_TRUE(f != NULL);
	for (i = 0; i < BIG_NAMES; i++)
		fprintf(f, "%s\n", big_name(i));
	fclose(f);
	ktest_sh("cd %s/big && xargs touch < list && rm list", srcdir);
	snprintf(img, sizeof(img), "%s/img", tmpdir);
}

/* A fresh image: populated from srcdir (big indexed by e2fsck -D) or empty. */
static void mkimg(bool populate)
{
	setup();
	ktest_sh("rm -f %s && " E2FS_PATH "mke2fs -q -F -t ext4 %s %s %s 64M >/dev/null 2>&1",
	   img, populate ? "-d" : "", populate ? srcdir : "", img);
	if (populate)	/* -D rebuilds the directories as htrees; exit 1: it changed them */
		ktest_sh(E2FS_PATH "e2fsck -fyD %s >/dev/null 2>&1; [ $? -le 1 ]", img);
}

static struct super_block *mount_img(void)
{
	struct super_block *sb = calloc(1, sizeof(*sb));

	ASSERT_TRUE(sb != NULL);
	INIT_LIST_HEAD(&sb->s_inodes);
	spin_lock_init(&sb->s_inode_list_lock);
	sb->s_bdev = bdev_image_open(img);
	ASSERT_TRUE(sb->s_bdev != NULL);
	strcpy(sb->s_id, "img");
	ASSERT_EQ(ext4_fill_super(sb, NULL, 0), 0);
	return sb;
}

/* A negative dentry for name under parent, as the VFS hands to ->lookup and ->create. */
static struct dentry *dentry_of(struct dentry *parent, const char *name)
{
	size_t len = strlen(name);
	struct dentry *d = calloc(1, sizeof(*d) + len + 1);

	ASSERT_TRUE(d != NULL);
	memcpy(d + 1, name, len);
	d->d_name.name = (const unsigned char *)(d + 1);
	d->d_name.len = len;
	d->d_parent = parent;
	d->d_sb = parent->d_sb;
	d->d_count = 1;
	return d;
}

/* ->lookup of name in parent: the dentry (positive or negative), or NULL on an error. */
static struct dentry *lookup(struct dentry *parent, const char *name, int *errp)
{
	struct inode *dir = d_inode(parent);
	struct dentry *d = dentry_of(parent, name), *ret;

	ret = dir->i_op->lookup(dir, d, 0);
	*errp = IS_ERR(ret) ? (int)PTR_ERR(ret) : 0;
	if (*errp) {
		dput(d);
		return NULL;
	}
	return d;
}

/* The inode number name has in parent; 0 when absent, -1 on an error. */
static long ino_in(struct dentry *parent, const char *name)
{
	struct dentry *d;
	long ino;
	int err;

	d = lookup(parent, name, &err);
	if (!d)
		return -1;
	ino = d->d_inode ? (long)d->d_inode->i_ino : 0;
	dput(d);
	return ino;
}

/* The inode number of path in the image, from debugfs (the image synced first). */
static long debugfs_ino(const char *path)
{
	char cmd[512], line[256];
	long ino = 0;
	FILE *p;

	snprintf(cmd, sizeof(cmd), E2FS_PATH "debugfs -R 'stat %s' %s 2>/dev/null", path, img);
	p = popen(cmd, "r");
	ASSERT_TRUE(p != NULL);
	while (fgets(line, sizeof(line), p))
		if (sscanf(line, "Inode: %ld", &ino) == 1)
			break;
	pclose(p);
	return ino;
}

/* ---- readdir through ->iterate_shared, a few names per call as a small buffer would ---- */

struct names {
	struct dir_context ctx;
	int per_call, this_call;
	int count[BIG_NAMES + 1];	/* by big_name index; the last slot: other names */
	int dots, total;
	loff_t last_pos;
	bool pos_repeated;
};

static int big_index(const char *name, int len)
{
	char buf[64];
	int i;

	if (len <= 0 || len >= (int)sizeof(buf) || name[0] != 'f')
		return -1;
	memcpy(buf, name, len);
	buf[len] = 0;
	i = atoi(buf + 1);
	return i >= 0 && i < BIG_NAMES && !strcmp(big_name(i), buf) ? i : -1;
}

static bool fill_names(struct dir_context *ctx, const char *name, int len, loff_t pos,
		       u64 ino, unsigned int type)
{
	struct names *n = container_of(ctx, struct names, ctx);
	int i;

	if (n->this_call == n->per_call)
		return false;
	n->this_call++;
	n->total++;
	if (ino == 0)
		n->pos_repeated = true;
	if ((len == 1 && name[0] == '.') || (len == 2 && !memcmp(name, "..", 2))) {
		n->dots++;
		return true;
	}
	i = big_index(name, len);
	n->count[i < 0 ? BIG_NAMES : i]++;
	return true;
}

/*
 * Reads dir to its end through a struct file, per_call names per ->iterate_shared call;
 * calls between(dir, call) after each call (to change the directory under the reader).
 */
static int read_names(struct inode *dir, struct names *n, int per_call,
		      void (*between)(struct inode *dir, int call))
{
	struct file f = { .f_inode = dir, .f_op = dir->i_fop };
	int call, err = 0;

	memset(n, 0, sizeof(*n));
	n->ctx.actor = fill_names;
	n->per_call = per_call;
	for (call = 0; call < 100000; call++) {
		n->this_call = 0;
		n->ctx.pos = f.f_pos;
		err = dir->i_fop->iterate_shared(&f, &n->ctx);
		f.f_pos = n->ctx.pos;
		if (err || !n->this_call)
			break;
		if (between)
			between(dir, call);
	}
	if (dir->i_fop->release)
		dir->i_fop->release(dir, &f);
	return err;
}
/* A name of 1..maxlen bytes that debugfs's command parser keeps whole: no blanks or quotes. */
static int random_name(char *name, int maxlen)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-+=";
	int len = (int)ktest_rand_range(1, maxlen), i;

	for (i = 0; i < len; i++) {
		if (ktest_rand() % 4 == 0)
			name[i] = (char)ktest_rand_range(0x80, 0xff);
		else
			name[i] = plain[ktest_rand() % (sizeof(plain) - 1)];
	}
	name[len] = 0;
	return len;
}

#define HASH_NAMES 64
#define HASH_VERSIONS 6

/*
 * 64 random names (a quarter of their bytes above 0x7f, where signed and unsigned
 * hashes part, lengths up to 255 so MD4 and TEA run several blocks) in each of the
 * six hash versions, with a random seed and with none: every hash and minor hash
 * equals what debugfs's dx_hash computes.
 */
static void dirhash_matches_debugfs(void)
{
	static char names[HASH_NAMES][256];
	char himg[160], cmds[160], cmd[1024], line[1024];
	u32 seed[4], zero[4] = { 0 };
	unsigned char *sb = (unsigned char *)seed;
	int n, v, s, checked = 0;
	FILE *f, *out;

	setup();
	snprintf(himg, sizeof(himg), "%s/hash.img", tmpdir);
	snprintf(cmds, sizeof(cmds), "%s/hash.cmd", tmpdir);
	for (n = 0; n < 4; n++)
		seed[n] = (u32)ktest_rand();
	f = fopen(cmds, "w");
	ASSERT_TRUE(f);
	for (s = 0; s < 2; s++)
		for (v = 0; v < HASH_VERSIONS; v++)
			for (n = 0; n < HASH_NAMES; n++) {
				if (s == 0 && v == 0)
					random_name(names[n], n < 8 ? 8 : 255);
				fprintf(f, "dx_hash -h %d", v);
				if (s)
					fprintf(f, " -s %02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
						"%02x%02x%02x%02x%02x%02x", sb[0], sb[1], sb[2], sb[3],
						sb[4], sb[5], sb[6], sb[7], sb[8], sb[9], sb[10], sb[11],
						sb[12], sb[13], sb[14], sb[15]);
				fprintf(f, " %s\n", names[n]);
			}
	fclose(f);
	snprintf(cmd, sizeof(cmd), E2FS_PATH "mke2fs -q -F -t ext4 %s 1M >/dev/null 2>&1 && "
		 E2FS_PATH "debugfs -f %s %s 2>/dev/null", himg, cmds, himg);
	out = popen(cmd, "r");
	ASSERT_TRUE(out);
	for (s = 0; s < 2; s++)
		for (v = 0; v < HASH_VERSIONS; v++)
			for (n = 0; n < HASH_NAMES; n++) {
				struct dx_hash_info hinfo = { .hash_version = v, .seed = s ? seed : zero };
				unsigned int hash, minor;
				const char *p;

				do {	/* debugfs echoes each command before its answer */
					if (!fgets(line, sizeof(line), out))
						ktest_abort(__FILE__, __LINE__, "debugfs ended early");
				} while (strncmp(line, "Hash of ", 8));
				p = strstr(line, " is 0x");
				ASSERT_TRUE(p && sscanf(p, " is 0x%x (minor 0x%x)", &hash, &minor) == 2);
				EXPECT_EQ(ext4fs_dirhash(NULL, names[n], (int)strlen(names[n]), &hinfo), 0);
				if (hinfo.hash != hash || hinfo.minor_hash != minor)
					ktest_fail(__FILE__, __LINE__, "version %d seed %d name %d (%s): "
						   "0x%x/0x%x, debugfs 0x%x/0x%x", v, s, n, names[n],
						   hinfo.hash, hinfo.minor_hash, hash, minor);
				checked++;
			}
	EXPECT_EQ(pclose(out), 0);
	EXPECT_EQ(checked, 2 * HASH_VERSIONS * HASH_NAMES);
}

/* A hash version ext4 does not know is refused with -EINVAL and a zero hash. */
static void dirhash_rejects_unknown_version(void)
{
	struct dx_hash_info hinfo = { .hash_version = 7, .hash = 5 };

	EXPECT_EQ(ext4fs_dirhash(NULL, "a", 1, &hinfo), -EINVAL);
	EXPECT_EQ(hinfo.hash, 0);
	EXPECT_TRUE(ktest_log_contains("unsupported hash tree version 7"));
}


/* ---- lookups and readdir in what mke2fs and e2fsck -D made ---- */

static struct inode *dx_dir_inode(struct super_block *sb, const char *name)
{
	struct dentry *d;
	struct inode *inode;
	int err;

	d = lookup(sb->s_root, name, &err);
	ASSERT_TRUE(d && d->d_inode);
	inode = d->d_inode;
	ihold(inode);
	dput(d);
	return inode;
}

/*
 * Every one of BIG_NAMES names found in the indexed directory, with the inode number
 * debugfs gives for a sample; absent names, "." and "..", a name too long.
 */
static void lookup_populated(void)
{
	struct super_block *sb;
	struct dentry *big;
	long ino;
	int i, found = 0, err;
	char name[300];

	mkimg(true);
	sb = mount_img();
	big = lookup(sb->s_root, "big", &err);
	ASSERT_TRUE(big && big->d_inode);
	EXPECT_TRUE(EXT4_I(big->d_inode)->i_flags & EXT4_INDEX_FL);
	for (i = 0; i < BIG_NAMES; i++) {
		ino = ino_in(big, big_name(i));
		found += ino > 0;
		if (i % 997 == 0) {
			snprintf(name, sizeof(name), "/big/%s", big_name(i));
			EXPECT_EQ(ino, debugfs_ino(name));
		}
	}
	EXPECT_EQ(found, BIG_NAMES);
	EXPECT_EQ(ino_in(big, "absent"), 0);
	snprintf(name, sizeof(name), "%sx", big_name(17));
	EXPECT_EQ(ino_in(big, name), 0);
	EXPECT_EQ(ino_in(big, ".."), EXT4_ROOT_INO);
	EXPECT_EQ(ino_in(sb->s_root, "small"), debugfs_ino("/small"));
	memset(name, 'n', 256);
	name[256] = 0;
	EXPECT_TRUE(lookup(big, name, &err) == NULL && err == -ENAMETOOLONG);
	dput(big);
	umount_img(sb);
}

/* readdir of the indexed and the linear directory: each name exactly once. */
static void readdir_populated_each_once(void)
{
	static struct names n;
	static const int per_call[] = { 1, 7, 1000 };
	struct super_block *sb;
	struct inode *big, *small;
	int i, k, once;

	mkimg(true);
	sb = mount_img();
	big = dx_dir_inode(sb, "big");
	small = dx_dir_inode(sb, "small");
	for (k = 0; k < 3; k++) {
		EXPECT_EQ(read_names(big, &n, per_call[k], NULL), 0);
		for (i = 0, once = 0; i < BIG_NAMES; i++)
			once += n.count[i] == 1;
		EXPECT_EQ(once, BIG_NAMES);
		EXPECT_EQ(n.count[BIG_NAMES], 0);
		EXPECT_EQ(n.dots, 2);
		EXPECT_FALSE(n.pos_repeated);
	}
	EXPECT_EQ(read_names(small, &n, 2, NULL), 0);
	EXPECT_EQ(n.total, 5);
	EXPECT_EQ(n.dots, 2);
	iput(big);
	iput(small);
	umount_img(sb);
}

/* ---- creating and removing ---- */

static int do_create(struct dentry *parent, const char *name, umode_t mode)
{
	struct dentry *d = dentry_of(parent, name);
	struct inode *dir = d_inode(parent);
	int err;

	if (S_ISDIR(mode))
		err = dir->i_op->mkdir(dir, d, mode & 07777);
	else if (S_ISREG(mode))
		err = dir->i_op->create(dir, d, mode, true);
	else
		err = dir->i_op->mknod(dir, d, mode, 0);
	dput(d);
	return err;
}

/* ->unlink or ->rmdir of name, looked up first as the VFS does. */
static int do_remove(struct dentry *parent, const char *name, bool is_dir)
{
	struct inode *dir = d_inode(parent);
	struct dentry *d;
	int err;

	d = lookup(parent, name, &err);
	if (!d)
		return err;
	if (!d->d_inode)
		err = -ENOENT;
	else
		err = is_dir ? dir->i_op->rmdir(dir, d) : dir->i_op->unlink(dir, d);
	dput(d);
	return err;
}

static unsigned int dx_indirect_levels(struct inode *dir)
{
	struct buffer_head *bh = ext4_bread(NULL, dir, 0, 0);
	unsigned int levels;

	ASSERT_TRUE(!IS_ERR_OR_NULL(bh));
	levels = (u8)bh->b_data[30];	/* dx_root: dot, dotdot, then dx_root_info */
	brelse(bh);
	return levels;
}

static int count_found(struct dentry *d, int from, int step)
{
	int i, found = 0;

	for (i = from; i < BIG_NAMES; i += step)
		found += ino_in(d, big_name(i)) > 0;
	return found;
}

/*
 * BIG_NAMES files created one by one in a new directory: the first block fills, becomes
 * an index, leaves split, the root fills and the index grows a level with node splits.
 * Each name found and read once, before and after a remount; then half removed, then
 * the rest and the directory; e2fsck -fn clean at every step.
 */
static void create_many_then_remove(void)
{
	static struct names n;
	struct super_block *sb;
	struct dentry *d;
	int i, bad = 0, once, err;

	mkimg(false);
	sb = mount_img();
	ASSERT_EQ(do_create(sb->s_root, "d", S_IFDIR | 0755), 0);
	d = lookup(sb->s_root, "d", &err);
	ASSERT_TRUE(d && d->d_inode);
	for (i = 0; i < BIG_NAMES; i++)
		bad += do_create(d, big_name(i), S_IFREG | 0644) != 0;
	EXPECT_EQ(bad, 0);
	EXPECT_EQ(do_create(d, big_name(5), S_IFREG | 0644), -EEXIST);
	EXPECT_TRUE(EXT4_I(d->d_inode)->i_flags & EXT4_INDEX_FL);
	EXPECT_EQ(dx_indirect_levels(d->d_inode), 1);
	EXPECT_EQ(count_found(d, 0, 1), BIG_NAMES);
	EXPECT_EQ(read_names(d->d_inode, &n, 13, NULL), 0);
	for (i = 0, once = 0; i < BIG_NAMES; i++)
		once += n.count[i] == 1;
	EXPECT_EQ(once, BIG_NAMES);
	dput(d);
	umount_img(sb);
	expect_fsck_clean("after creating");

	sb = mount_img();
	d = lookup(sb->s_root, "d", &err);
	ASSERT_TRUE(d && d->d_inode);
	EXPECT_EQ(count_found(d, 0, 1), BIG_NAMES);
	for (i = 1, bad = 0; i < BIG_NAMES; i += 2)
		bad += do_remove(d, big_name(i), false) != 0;
	EXPECT_EQ(bad, 0);
	EXPECT_EQ(count_found(d, 1, 2), 0);
	EXPECT_EQ(count_found(d, 0, 2), BIG_NAMES / 2);
	EXPECT_EQ(do_remove(sb->s_root, "d", true), -ENOTEMPTY);
	dput(d);
	umount_img(sb);
	expect_fsck_clean("after removing half");

	sb = mount_img();
	d = lookup(sb->s_root, "d", &err);
	ASSERT_TRUE(d && d->d_inode);
	for (i = 0, bad = 0; i < BIG_NAMES; i += 2)
		bad += do_remove(d, big_name(i), false) != 0;
	EXPECT_EQ(bad, 0);
	EXPECT_EQ(read_names(d->d_inode, &n, 100, NULL), 0);
	EXPECT_EQ(n.total, 2);
	dput(d);
	EXPECT_EQ(do_remove(sb->s_root, "d", true), 0);
	EXPECT_EQ(ino_in(sb->s_root, "d"), 0);
	umount_img(sb);
	expect_fsck_clean("after removing all");
}

/* Between readdir calls: odd names ahead of the reader removed, new names added. */
static int churn_next;

static void churn(struct inode *dir, int call)
{
	struct dentry *parent = d_make_root(dir);
	char name[32];
	int k;

	ihold(dir);
	for (k = 0; k < 20 && churn_next < BIG_NAMES; k++, churn_next += 2)
		EXPECT_EQ(do_remove(parent, big_name(churn_next), false), 0);
	for (k = 0; k < 20; k++) {
		snprintf(name, sizeof(name), "new-%d-%d", call, k);
		EXPECT_EQ(do_create(parent, name, S_IFREG | 0644), 0);
	}
	dput(parent);
}

/*
 * readdir in hash order while names are removed and added (leaves split under the
 * reader): every name that stays is returned exactly once, none twice.
 */
static void readdir_while_changing(void)
{
	static struct names n;
	struct super_block *sb;
	struct inode *big;
	int i, even_once = 0, odd_twice = 0;

	mkimg(true);
	sb = mount_img();
	big = dx_dir_inode(sb, "big");
	churn_next = 1;
	EXPECT_EQ(read_names(big, &n, 50, churn), 0);
	for (i = 0; i < BIG_NAMES; i++) {
		if (i % 2 == 0)
			even_once += n.count[i] == 1;
		else
			odd_twice += n.count[i] > 1;
	}
	EXPECT_EQ(even_once, BIG_NAMES / 2);
	EXPECT_EQ(odd_twice, 0);
	iput(big);
	umount_img(sb);
	expect_fsck_clean("after readdir with changes");
}


/* ---- the other operations ---- */

static struct dentry *must_lookup(struct dentry *parent, const char *name)
{
	struct dentry *d;
	int err;

	d = lookup(parent, name, &err);
	ASSERT_TRUE(d && d->d_inode);
	return d;
}

static int do_rename(struct dentry *op, const char *on, struct dentry *np, const char *nn,
		     unsigned int flags)
{
	struct dentry *od, *nd;
	int err;

	od = lookup(op, on, &err);
	if (!od)
		return err;
	nd = lookup(np, nn, &err);
	if (!nd) {
		dput(od);
		return err;
	}
	err = od->d_inode ? d_inode(op)->i_op->rename(d_inode(op), od, d_inode(np), nd, flags) :
			    -ENOENT;
	dput(od);
	dput(nd);
	return err;
}

static unsigned int nlink_in(struct dentry *parent, const char *name)
{
	struct dentry *d = must_lookup(parent, name);
	unsigned int n = d->d_inode->i_nlink;

	dput(d);
	return n;
}

/* mkdir: ".", ".." and link counts; rmdir of a full and an empty directory. */
static void mkdir_rmdir_links(void)
{
	struct super_block *sb;
	struct dentry *root, *a;
	unsigned int root_links;

	mkimg(false);
	sb = mount_img();
	root = sb->s_root;
	root_links = root->d_inode->i_nlink;
	EXPECT_EQ(do_create(root, "a", S_IFDIR | 0755), 0);
	EXPECT_EQ(do_create(root, "a", S_IFDIR | 0755), -EEXIST);
	EXPECT_EQ(root->d_inode->i_nlink, root_links + 1);
	a = must_lookup(root, "a");
	EXPECT_EQ(a->d_inode->i_nlink, 2);
	EXPECT_EQ(ino_in(a, ".."), EXT4_ROOT_INO);
	EXPECT_EQ(do_create(a, "sub", S_IFDIR | 0700), 0);
	EXPECT_EQ(a->d_inode->i_nlink, 3);
	EXPECT_EQ(do_create(a, "f", S_IFREG | 0644), 0);
	EXPECT_EQ(do_remove(root, "a", true), -ENOTEMPTY);
	EXPECT_EQ(do_remove(a, "sub", true), 0);
	EXPECT_EQ(a->d_inode->i_nlink, 2);
	EXPECT_EQ(do_remove(a, "f", false), 0);
	EXPECT_EQ(do_remove(a, "f", false), -ENOENT);
	dput(a);
	EXPECT_EQ(do_remove(root, "a", true), 0);
	EXPECT_EQ(root->d_inode->i_nlink, root_links);
	EXPECT_EQ(do_create(root, "fifo", S_IFIFO | 0600), 0);
	a = must_lookup(root, "fifo");
	EXPECT_TRUE(S_ISFIFO(a->d_inode->i_mode));
	dput(a);
	umount_img(sb);
	expect_fsck_clean("after mkdir, rmdir, mknod");
}

/* A hard link, then its first name removed: the inode lives on under the second. */
static void link_unlink(void)
{
	struct super_block *sb;
	struct dentry *f, *nd;
	struct inode *dir;

	mkimg(false);
	sb = mount_img();
	dir = sb->s_root->d_inode;
	EXPECT_EQ(do_create(sb->s_root, "f", S_IFREG | 0644), 0);
	f = must_lookup(sb->s_root, "f");
	nd = dentry_of(sb->s_root, "g");
	EXPECT_EQ(dir->i_op->link(f, dir, nd), 0);
	EXPECT_EQ(f->d_inode->i_nlink, 2);
	EXPECT_EQ(ino_in(sb->s_root, "g"), (long)f->d_inode->i_ino);
	dput(nd);
	nd = dentry_of(sb->s_root, "g");
	EXPECT_EQ(dir->i_op->link(f, dir, nd), -EEXIST);
	EXPECT_EQ(f->d_inode->i_nlink, 2);
	dput(nd);
	dput(f);
	EXPECT_EQ(do_remove(sb->s_root, "f", false), 0);
	EXPECT_EQ(nlink_in(sb->s_root, "g"), 1);
	umount_img(sb);
	expect_fsck_clean("after link and unlink");
	sb = mount_img();
	EXPECT_EQ(ino_in(sb->s_root, "f"), 0);
	EXPECT_EQ(do_remove(sb->s_root, "g", false), 0);
	umount_img(sb);
	expect_fsck_clean("after the last unlink");
}

/* A target that fits i_block (59 bytes) is a fast symlink; one more byte, a slow one. */
static void symlinks_fast_and_slow(void)
{
	static const int lens[] = { 1, 59, 60, 1000 };
	struct super_block *sb;
	struct inode *dir;
	char target[1001], name[16];
	int k;

	mkimg(false);
	sb = mount_img();
	dir = sb->s_root->d_inode;
	for (k = 0; k < 4; k++) {
		struct dentry *d;
		const char *got;

		memset(target, 'a' + k, lens[k]);
		target[lens[k]] = 0;
		snprintf(name, sizeof(name), "l%d", lens[k]);
		d = dentry_of(sb->s_root, name);
		EXPECT_EQ(dir->i_op->symlink(dir, d, target), 0);
		dput(d);
		d = must_lookup(sb->s_root, name);
		EXPECT_TRUE(S_ISLNK(d->d_inode->i_mode));
		EXPECT_EQ(d->d_inode->i_size, lens[k]);
		EXPECT_EQ(d->d_inode->i_blocks != 0, lens[k] > 59);
		got = d->d_inode->i_link ? d->d_inode->i_link :
		      d->d_inode->i_op->get_link(d, d->d_inode);
		EXPECT_TRUE(!IS_ERR_OR_NULL(got) && !strcmp(got, target));
		dput(d);
	}
	memset(target, 'x', sizeof(target) - 1);
	target[sizeof(target) - 1] = 0;
	umount_img(sb);
	expect_fsck_clean("after symlinks");
	sb = mount_img();
	for (k = 0; k < 4; k++) {
		struct dentry *d;
		const char *got;

		snprintf(name, sizeof(name), "l%d", lens[k]);
		d = must_lookup(sb->s_root, name);
		got = d->d_inode->i_link ? d->d_inode->i_link :
		      d->d_inode->i_op->get_link(d, d->d_inode);
		EXPECT_TRUE(!IS_ERR_OR_NULL(got) && (int)strlen(got) == lens[k] &&
			    got[0] == 'a' + k);
		dput(d);
		EXPECT_EQ(do_remove(sb->s_root, name, false), 0);
	}
	umount_img(sb);
	expect_fsck_clean("after removing symlinks");
}

/*
 * rename in one directory, a directory across directories (its ".." and both parents'
 * link counts follow), over an existing file and an empty directory, and
 * RENAME_EXCHANGE of a file and a directory in different directories.
 */
static void renames(void)
{
	struct super_block *sb;
	struct dentry *root, *x, *y;
	long ia, ib, id;

	mkimg(false);
	sb = mount_img();
	root = sb->s_root;
	EXPECT_EQ(do_create(root, "r1", S_IFREG | 0644), 0);
	ia = ino_in(root, "r1");
	EXPECT_EQ(do_rename(root, "r1", root, "r2", 0), 0);
	EXPECT_EQ(ino_in(root, "r1"), 0);
	EXPECT_EQ(ino_in(root, "r2"), ia);
	EXPECT_EQ(do_create(root, "x", S_IFDIR | 0755), 0);
	EXPECT_EQ(do_create(root, "y", S_IFDIR | 0755), 0);
	x = must_lookup(root, "x");
	y = must_lookup(root, "y");
	EXPECT_EQ(do_create(x, "sub", S_IFDIR | 0755), 0);
	id = ino_in(x, "sub");
	EXPECT_EQ(do_rename(x, "sub", y, "sub", 0), 0);
	EXPECT_EQ(ino_in(y, "sub"), id);
	EXPECT_EQ(x->d_inode->i_nlink, 2);
	EXPECT_EQ(y->d_inode->i_nlink, 3);
	{
		struct dentry *sub = must_lookup(y, "sub");

		EXPECT_EQ(ino_in(sub, ".."), (long)y->d_inode->i_ino);
		dput(sub);
	}
	EXPECT_EQ(do_create(root, "r3", S_IFREG | 0644), 0);
	ib = ino_in(root, "r3");
	EXPECT_EQ(do_rename(root, "r2", root, "r3", 0), 0);
	EXPECT_EQ(ino_in(root, "r3"), ia);
	EXPECT_EQ(ino_in(root, "r2"), 0);
	EXPECT_NE(ib, ia);
	/* exchange: the file r3 goes to y/sub, the directory y/sub to r3 */
	EXPECT_EQ(do_rename(y, "sub", root, "r3", RENAME_EXCHANGE), 0);
	EXPECT_EQ(ino_in(root, "r3"), id);
	EXPECT_EQ(ino_in(y, "sub"), ia);
	EXPECT_EQ(y->d_inode->i_nlink, 2);
	{
		struct dentry *r3 = must_lookup(root, "r3");

		EXPECT_EQ(ino_in(r3, ".."), EXT4_ROOT_INO);
		dput(r3);
	}
	/* a directory over an empty directory, then over a full one */
	EXPECT_EQ(do_rename(root, "r3", root, "x", 0), 0);
	EXPECT_EQ(ino_in(root, "x"), id);
	EXPECT_EQ(do_create(y, "d2", S_IFDIR | 0755), 0);
	EXPECT_EQ(do_create(root, "z", S_IFDIR | 0755), 0);
	EXPECT_EQ(do_rename(root, "z", root, "y", 0), -ENOTEMPTY);
	dput(x);
	dput(y);
	umount_img(sb);
	expect_fsck_clean("after renames");
}

/*
 * A leaf whose record chain is broken (its checksum resealed, so only the check of the
 * records can find it) and a leaf whose checksum is wrong: errors, reports, no crash.
 */
static void damaged_leaves(void)
{
	struct super_block *sb;
	struct dentry *big;
	struct buffer_head *bh, *bh2;
	struct ext4_dir_entry_2 *de;
	int i, errs = 0, err;

	mkimg(true);
	sb = mount_img();
	big = must_lookup(sb->s_root, "big");
	bh = ext4_bread(NULL, big->d_inode, 5, 0);
	ASSERT_TRUE(!IS_ERR_OR_NULL(bh));
	de = (struct ext4_dir_entry_2 *)bh->b_data;
	de->rec_len = cpu_to_le16(6);		/* shorter than any record */
	ext4_handle_dirty_dirblock(NULL, big->d_inode, bh);
	brelse(bh);
	bh2 = ext4_bread(NULL, big->d_inode, 9, 0);
	ASSERT_TRUE(!IS_ERR_OR_NULL(bh2));
	bh2->b_data[100] ^= 0x55;		/* the checksum no longer matches */
	mark_buffer_dirty(bh2);
	brelse(bh2);
	dput(big);
	umount_img(sb);

	sb = mount_img();
	big = must_lookup(sb->s_root, "big");
	for (i = 0; i < BIG_NAMES; i++) {
		struct dentry *d = lookup(big, big_name(i), &err);

		if (!d) {
			errs++;
			EXPECT_TRUE(err == -EUCLEAN || err == -EBADMSG);
		}
		dput(d);
	}
	EXPECT_TRUE(errs > 0 && errs < BIG_NAMES / 4);
	EXPECT_TRUE(ktest_log_contains("bad entry in directory"));
	EXPECT_TRUE(ktest_log_contains("failed checksum"));
	dput(big);
	umount_img(sb);
}


/* Eight top-level directories and four below one of them: where Orlov put them. */
static void orlov_placement(const char *mkfs_args, const char *size, int groups_per_unit,
			    int min_units)
{
	unsigned long seen = 0;
	struct super_block *sb;
	struct dentry *top, *d;
	ext4_group_t g, pg;
	char name[16];
	int i, units = 0;

	setup();
	ktest_sh("rm -f %s && " E2FS_PATH "mke2fs -q -F -t ext4 %s %s %s >/dev/null 2>&1", img,
	   mkfs_args, img, size);
	sb = mount_img();
	for (i = 0; i < 8; i++) {
		snprintf(name, sizeof(name), "top%d", i);
		EXPECT_EQ(do_create(sb->s_root, name, S_IFDIR | 0755), 0);
		d = must_lookup(sb->s_root, name);
		g = EXT4_I(d->d_inode)->i_block_group / groups_per_unit;
		units += !(seen & (1UL << g));
		seen |= 1UL << g;
		dput(d);
	}
	EXPECT_TRUE(units >= min_units);
	top = must_lookup(sb->s_root, "top3");
	pg = EXT4_I(top->d_inode)->i_block_group / groups_per_unit;
	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "sub%d", i);
		EXPECT_EQ(do_create(top, name, S_IFDIR | 0755), 0);
		d = must_lookup(top, name);
		EXPECT_EQ(EXT4_I(d->d_inode)->i_block_group / groups_per_unit, pg);
		dput(d);
	}
	dput(top);
	umount_img(sb);
	expect_fsck_clean("after mkdir in many groups");
}

/*
 * Orlov: top-level directories spread over the groups (no flex_bg, 8 groups of 8 MiB)
 * or the flex groups (4 KiB blocks, 48 groups in 3 flex groups); a subdirectory stays
 * in its parent's (flex) group.
 */
static void orlov_spreads_top_directories(void)
{
	orlov_placement("-O ^flex_bg -b 1024", "64M", 1, 4);
	orlov_placement("-b 4096 -E lazy_itable_init=1", "6G", 16, 2);
}


/*
 * Group 0's inode bitmap fails its checksum: a new file goes to another group, with a
 * report, and the bad bitmap is left as it was.
 */
static void bad_inode_bitmap_skipped(void)
{
	struct super_block *sb;
	struct dentry *d;
	unsigned long long blk;
	unsigned int bs;
	char byte;
	FILE *f;

	mkimg(false);
	sb = mount_img();
	blk = ext4_inode_bitmap(sb, ext4_get_group_desc(sb, 0, NULL));
	bs = sb->s_blocksize;
	umount_img(sb);
	f = fopen(img, "r+b");
	ASSERT_TRUE(f != NULL);
	fseek(f, blk * bs + 100, SEEK_SET);
	byte = (char)(fgetc(f) ^ 0x10);
	fseek(f, blk * bs + 100, SEEK_SET);
	fputc(byte, f);
	fclose(f);

	sb = mount_img();
	EXPECT_EQ(do_create(sb->s_root, "f", S_IFREG | 0644), 0);
	d = must_lookup(sb->s_root, "f");
	EXPECT_NE(EXT4_I(d->d_inode)->i_block_group, 0);
	EXPECT_TRUE(ktest_log_contains("Corrupt inode bitmap - block_group = 0"));
	dput(d);
	umount_img(sb);
}

KTEST_MAIN("ext4_dir",
	KTEST_CASE(dirhash_matches_debugfs),
	KTEST_CASE(dirhash_rejects_unknown_version),
	KTEST_CASE(lookup_populated),
	KTEST_CASE(readdir_populated_each_once),
	KTEST_CASE(create_many_then_remove),
	KTEST_CASE(readdir_while_changing),
	KTEST_CASE(mkdir_rmdir_links),
	KTEST_CASE(link_unlink),
	KTEST_CASE(symlinks_fast_and_slow),
	KTEST_CASE(renames),
	KTEST_CASE(damaged_leaves),
	KTEST_CASE(orlov_spreads_top_directories),
	KTEST_CASE(bad_inode_bitmap_skipped));
