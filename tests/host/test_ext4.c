/*
 * Host tests of fs/ext4 against images made by Debian's mke2fs (-t ext4 defaults, 1 KiB
 * blocks at 64 MiB, 4 KiB at 256 MiB, -d to populate them): the superblock's and the
 * descriptors' checks (bad checksums and unknown features refused, the image left
 * untouched), reading files through deep extent trees, allocating and truncating with
 * e2fsck -fn finding nothing afterwards, and fuzzed metadata giving errors, never a
 * crash. The images live in a temporary directory; KTEST_SEED replays the random cases.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <stdarg.h>
#include <linux/crc32c.h>
#include "ext4.h"
#include "ext4_extents.h"
#include "ext4_jbd2.h"
#include "bdev_image.h"
#include "ext4_host.h"
#include "ktest.h"


/* The directory side (namei.c, dir.c, symlink.c, ialloc.c) and the file side's
 * operation tables are not under test here: inodes only need them to exist. */
const struct inode_operations ext4_dir_inode_operations;
const struct inode_operations ext4_special_inode_operations;
const struct file_operations ext4_dir_operations;
const struct inode_operations ext4_symlink_inode_operations;
const struct inode_operations ext4_fast_symlink_inode_operations;
const struct file_operations ext4_file_operations;
const struct inode_operations ext4_file_inode_operations;

void ext4_free_inode(handle_t *handle, struct inode *inode)
{
	BUG();
}

static char tmpdir[64];
static char img[128];
static char srcdir[128];

/* e2fsck -fn's verdict: 0 when it found nothing (its output shown otherwise). */
static int fsck(void)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "e2fsck -fn %s > %s/fsck.log 2>&1", img, tmpdir);
	if (system(cmd) == 0)
		return 0;
	snprintf(cmd, sizeof(cmd), "cat %s/fsck.log >&2", tmpdir);
	if (system(cmd))
		return -1;
	return -1;
}

static void mkimg(const char *size, const char *args, bool populate)
{
	ktest_sh("rm -f %s && mke2fs -q -F -t ext4 %s %s %s %s %s >/dev/null 2>&1", img, args,
	   populate ? "-d" : "", populate ? srcdir : "", img, size);
}

/* A byte-for-byte copy of the image, to check a refused mount wrote nothing. */
static char *slurp(size_t *len)
{
	FILE *f = fopen(img, "rb");
	char *buf;

	ASSERT_TRUE(f != NULL);
	fseek(f, 0, SEEK_END);
	*len = ftell(f);
	rewind(f);
	buf = malloc(*len);
	ASSERT_TRUE(buf && fread(buf, 1, *len, f) == *len);
	fclose(f);
	return buf;
}

static struct super_block *mount_img(unsigned long flags, int *errp)
{
	struct super_block *sb = calloc(1, sizeof(*sb));

	INIT_LIST_HEAD(&sb->s_inodes);
	spin_lock_init(&sb->s_inode_list_lock);
	sb->s_bdev = bdev_image_open(img);
	ASSERT_TRUE(sb->s_bdev != NULL);
	sb->s_flags = flags;
	strcpy(sb->s_id, "img");
	*errp = ext4_fill_super(sb, NULL, 0);
	if (*errp) {
		EXPECT_EQ(bdev_image_busy(sb->s_bdev), 0);
		bdev_image_close(sb->s_bdev);
		free(sb);
		return NULL;
	}
	return sb;
}

/* The inode number of path in the image, from debugfs. */
static unsigned long ino_of(const char *path)
{
	char cmd[512], line[256];
	unsigned long ino = 0;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "debugfs -R 'stat %s' %s 2>/dev/null", path, img);
	p = popen(cmd, "r");
	ASSERT_TRUE(p != NULL);
	while (fgets(line, sizeof(line), p))
		if (sscanf(line, "Inode: %lu", &ino) == 1)
			break;
	pclose(p);
	ASSERT_TRUE(ino != 0);
	return ino;
}

/* A field of dumpe2fs -h, as a number. */
static unsigned long long dumpe2fs_field(const char *name)
{
	char cmd[512], line[256];
	unsigned long long v = ~0ULL;
	size_t n = strlen(name);
	FILE *p;

	snprintf(cmd, sizeof(cmd), "dumpe2fs -h %s 2>/dev/null", img);
	p = popen(cmd, "r");
	ASSERT_TRUE(p != NULL);
	while (fgets(line, sizeof(line), p))
		if (!strncmp(line, name, n) && line[n] == ':')
			v = strtoull(line + n + 1, NULL, 10);
	pclose(p);
	return v;
}

/* The last word debugfs -R prints for cmd (a block number for bmap). */
static const char *debugfs_out(const char *cmd)
{
	static char word[64];
	char line[512];
	FILE *p;

	snprintf(line, sizeof(line), "debugfs -R '%s' %s 2>/dev/null", cmd, img);
	p = popen(line, "r");
	ASSERT_TRUE(p != NULL);
	word[0] = 0;
	while (fgets(line, sizeof(line), p))
		sscanf(line, "%63s", word);
	pclose(p);
	return word;
}

/*
 * The source tree for -d: small (100 bytes), big (3 MiB of random bytes), sparse (one
 * block in two over 4000 KiB: 2000 extents, a tree of depth 2 with 1 KiB blocks), and
 * empty (for the write tests).
 */
static void make_srcdir(void)
{
	unsigned char buf[1024];
	FILE *f;

	ktest_sh("rm -rf %s && mkdir -p %s", srcdir, srcdir);
	ktest_sh("head -c 100 /dev/urandom > %s/small && head -c 3145728 /dev/urandom > %s/big"
	   " && touch %s/empty", srcdir, srcdir, srcdir);
	snprintf((char *)buf, sizeof(buf), "%s/sparse", srcdir);
	f = fopen((char *)buf, "wb");
	ASSERT_TRUE(f != NULL);
	for (int i = 0; i < 2000; i++) {
		memset(buf, 'a' + i % 26, sizeof(buf));
		buf[0] = i & 0xff;
		ASSERT_EQ(pwrite(fileno(f), buf, sizeof(buf), (off_t)i * 2048),
			  (ssize_t)sizeof(buf));
	}
	ASSERT_EQ(ftruncate(fileno(f), 2000 * 2048), 0);
	fclose(f);
}

/* Reads file ino block by block through ext4_map_blocks; 0 if it equals the source. */
static int compare_file(struct super_block *sb, unsigned long ino, const char *src)
{
	char path[256];
	struct inode *inode = ext4_iget(sb, ino, EXT4_IGET_NORMAL);
	unsigned int bs = sb->s_blocksize;
	char *want = malloc(bs);
	int fd, bad = 0;
	loff_t size;
	FILE *f;

	ASSERT_TRUE(!IS_ERR(inode));
	snprintf(path, sizeof(path), "%s/%s", srcdir, src);
	f = fopen(path, "rb");
	ASSERT_TRUE(f != NULL);
	fd = fileno(f);
	size = lseek(fd, 0, SEEK_END);
	EXPECT_EQ(inode->i_size, size);
	for (ext4_lblk_t b = 0; (loff_t)b * bs < size && !bad; b++) {
		struct ext4_map_blocks map = { .m_lblk = b, .m_len = 1 };
		ssize_t n = pread(fd, want, bs, (off_t)b * bs);
		int ret = ext4_map_blocks(NULL, inode, &map, 0);

		ASSERT_TRUE(n > 0);
		if (ret < 0) {
			bad = ret;
		} else if (ret == 0) {
			for (ssize_t i = 0; i < n; i++)
				bad |= want[i] != 0;
		} else {
			struct buffer_head *bh = sb_bread(sb, map.m_pblk);

			ASSERT_TRUE(bh != NULL);
			bad = memcmp(bh->b_data, want, n) ? -1 : 0;
			brelse(bh);
		}
	}
	fclose(f);
	free(want);
	iput(inode);
	return bad;
}

static void setup(void)
{
	if (!tmpdir[0]) {
		/* e2fsprogs live in /sbin, which a user's PATH may lack */
		char path[4096];

		snprintf(path, sizeof(path), "%s:/sbin:/usr/sbin", getenv("PATH") ?: "/bin");
		setenv("PATH", path, 1);
		strcpy(tmpdir, "/tmp/ext4-host-XXXXXX");
		ASSERT_TRUE(mkdtemp(tmpdir) != NULL);
		snprintf(img, sizeof(img), "%s/img", tmpdir);
		snprintf(srcdir, sizeof(srcdir), "%s/src", tmpdir);
		make_srcdir();
	}
}

/* A default 64 MiB image (mke2fs's "small" type below 512 MiB): 1 KiB blocks, 64bit, flex_bg, metadata_csum, a journal. */
static void mount_default_small(void)
{
	struct super_block *sb;
	struct kstatfs st;
	int err;

	setup();
	mkimg("64M", "", false);
	sb = mount_img(0, &err);
	ASSERT_EQ(err, 0);
	EXPECT_EQ(sb->s_blocksize, 1024);
	EXPECT_TRUE(ext4_has_metadata_csum(sb) && ext4_has_feature_64bit(sb));
	EXPECT_EQ(EXT4_SB(sb)->s_groups_count, 8);
	EXPECT_TRUE(S_ISDIR(sb->s_root->d_inode->i_mode));
	EXPECT_EQ(sb->s_op->statfs(sb->s_root, &st), 0);
	EXPECT_EQ(st.f_bfree, dumpe2fs_field("Free blocks"));
	EXPECT_EQ(st.f_ffree, dumpe2fs_field("Free inodes"));
	EXPECT_EQ(st.f_files, dumpe2fs_field("Inode count"));
	umount_img(sb);
	EXPECT_EQ(fsck(), 0);
}

/* 256 MiB with 4 KiB blocks: two groups. Mounted read-only, nothing is written. */
static void mount_4k_readonly(void)
{
	struct super_block *sb;
	size_t len1, len2;
	char *before, *after;
	int err;

	setup();
	mkimg("256M", "-b 4096", false);
	before = slurp(&len1);
	sb = mount_img(SB_RDONLY, &err);
	ASSERT_EQ(err, 0);
	EXPECT_EQ(sb->s_blocksize, 4096);
	EXPECT_EQ(EXT4_SB(sb)->s_groups_count, 2);
	umount_img(sb);
	after = slurp(&len2);
	EXPECT_TRUE(len1 == len2 && !memcmp(before, after, len1));
	free(before);
	free(after);
}

/* Changes the superblock at byte 1024 with fix(), and its checksum if fix_csum. */
static void patch_super(void (*fix)(struct ext4_super_block *), bool fix_csum)
{
	struct ext4_super_block es;
	FILE *f = fopen(img, "r+b");
	int fd;

	ASSERT_TRUE(f != NULL);
	fd = fileno(f);
	ASSERT_EQ(pread(fd, &es, sizeof(es), 1024), (ssize_t)sizeof(es));
	fix(&es);
	if (fix_csum)
		es.s_checksum = cpu_to_le32(crc32c(~0U, &es, offsetof(struct ext4_super_block,
								      s_checksum)));
	ASSERT_EQ(pwrite(fd, &es, sizeof(es), 1024), (ssize_t)sizeof(es));
	fclose(f);
}

static void rename_volume(struct ext4_super_block *es)
{
	es->s_volume_name[0] ^= 0x55;
}

static void unknown_incompat(struct ext4_super_block *es)
{
	es->s_feature_incompat |= cpu_to_le32(0x80000000);
}

static void unknown_ro_compat(struct ext4_super_block *es)
{
	es->s_feature_ro_compat |= cpu_to_le32(0x80000000);
}

/* Expects the mount (flags) to fail with want, printing msg, and the image untouched. */
static void expect_refused(unsigned long flags, int want, const char *msg)
{
	size_t len1, len2;
	char *before = slurp(&len1), *after;
	int err;

	EXPECT_TRUE(mount_img(flags, &err) == NULL);
	EXPECT_EQ(err, want);
	EXPECT_TRUE(ktest_log_contains(msg));
	after = slurp(&len2);
	EXPECT_TRUE(len1 == len2 && !memcmp(before, after, len1));
	free(before);
	free(after);
}

/* A superblock whose checksum does not match is refused, read-only as read-write. */
static void bad_superblock_csum_refused(void)
{
	setup();
	mkimg("64M", "", false);
	patch_super(rename_volume, false);
	expect_refused(0, -EFSBADCRC, "invalid superblock checksum");
	expect_refused(SB_RDONLY, -EFSBADCRC, "invalid superblock checksum");
}

/* An incompat feature this kernel does not know: no mount at all. */
static void unknown_incompat_refused(void)
{
	setup();
	mkimg("64M", "", false);
	patch_super(unknown_incompat, true);
	expect_refused(SB_RDONLY, -EINVAL, "unsupported optional features (80000000)");
}

/* An unknown ro_compat feature: read-only works, read-write is refused. */
static void unknown_ro_compat_readonly(void)
{
	struct super_block *sb;
	int err;

	setup();
	mkimg("64M", "", false);
	patch_super(unknown_ro_compat, true);
	expect_refused(0, -EINVAL, "couldn't mount RDWR because of unsupported optional");
	sb = mount_img(SB_RDONLY, &err);
	ASSERT_EQ(err, 0);
	umount_img(sb);
}

/* A group descriptor changed behind its checksum's back. */
static void bad_group_desc_csum_refused(void)
{
	FILE *f;
	int fd;
	u8 b;

	setup();
	mkimg("64M", "", false);
	f = fopen(img, "r+b");
	ASSERT_TRUE(f != NULL);
	fd = fileno(f);
	/* group 3's descriptor (1 KiB blocks: the table is block 2), its free inode count */
	ASSERT_EQ(pread(fd, &b, 1, 2048 + 3 * 64 + 14), 1);
	b ^= 1;
	ASSERT_EQ(pwrite(fd, &b, 1, 2048 + 3 * 64 + 14), 1);
	fclose(f);
	expect_refused(0, -EFSBADCRC, "Checksum for group 3 failed");
}

/* Files made by mke2fs -d read back equal, the sparse one through a depth-2 tree. */
static void read_populated(void)
{
	struct super_block *sb;
	struct inode *inode;
	int err;

	setup();
	mkimg("64M", "", true);
	sb = mount_img(SB_RDONLY, &err);
	ASSERT_EQ(err, 0);
	EXPECT_EQ(compare_file(sb, ino_of("/small"), "small"), 0);
	EXPECT_EQ(compare_file(sb, ino_of("/big"), "big"), 0);
	EXPECT_EQ(compare_file(sb, ino_of("/sparse"), "sparse"), 0);
	inode = ext4_iget(sb, ino_of("/sparse"), EXT4_IGET_NORMAL);
	ASSERT_TRUE(!IS_ERR(inode));
	EXPECT_EQ(ext_depth(inode), 2);
	iput(inode);
	umount_img(sb);
}

/* Reserved inodes and numbers out of range are refused, with a report. */
static void iget_bad_numbers(void)
{
	struct super_block *sb;
	int err;

	setup();
	mkimg("64M", "", false);
	sb = mount_img(SB_RDONLY, &err);
	ASSERT_EQ(err, 0);
	EXPECT_EQ(PTR_ERR(ext4_iget(sb, EXT4_JOURNAL_INO, EXT4_IGET_NORMAL)), -EFSCORRUPTED);
	EXPECT_EQ(PTR_ERR(ext4_iget(sb, 1u << 30, EXT4_IGET_NORMAL)), -EFSCORRUPTED);
	EXPECT_TRUE(ktest_log_contains("illegal inode"));
	/* never used: all zeros, so a bad checksum; through a file handle, stale */
	EXPECT_EQ(PTR_ERR(ext4_iget(sb, 20, EXT4_IGET_NORMAL)), -EFSBADCRC);
	EXPECT_EQ(PTR_ERR(ext4_iget(sb, 20, EXT4_IGET_HANDLE)), -ESTALE);
	umount_img(sb);
}

/* A pattern for file block lblk of inode ino: what the write tests put and expect. */
static void fill_block(char *buf, unsigned int bs, unsigned long ino, ext4_lblk_t lblk)
{
	for (unsigned int i = 0; i < bs; i += 8)
		snprintf(buf + i, 8, "%03lx%04x", ino & 0xfff, lblk & 0xffff);
}

/* Allocates file block lblk of inode and writes its pattern: its device block, or 0. */
static ext4_fsblk_t write_block(struct inode *inode, ext4_lblk_t lblk)
{
	struct ext4_map_blocks map = { .m_lblk = lblk, .m_len = 1 };
	struct buffer_head *bh;
	int ret = ext4_map_blocks(NULL, inode, &map, EXT4_GET_BLOCKS_CREATE);

	if (ret != 1 || !(map.m_flags & EXT4_MAP_NEW))
		return 0;
	bh = sb_getblk(inode->i_sb, map.m_pblk);
	fill_block(bh->b_data, bh->b_size, inode->i_ino, lblk);
	set_buffer_uptodate(bh);
	mark_buffer_dirty(bh);
	brelse(bh);
	return map.m_pblk;
}

/* Checks blocks [0, nblocks) of inode: written ones (in `written`) hold their pattern. */
static int check_blocks(struct inode *inode, const bool *written, ext4_lblk_t nblocks)
{
	unsigned int bs = inode->i_sb->s_blocksize;
	char *want = malloc(bs);
	int bad = 0;

	for (ext4_lblk_t b = 0; b < nblocks && !bad; b++) {
		struct ext4_map_blocks map = { .m_lblk = b, .m_len = 1 };
		int ret = ext4_map_blocks(NULL, inode, &map, 0);
		struct buffer_head *bh;

		if (ret != (written[b] ? 1 : 0)) {
			bad = 1;
			break;
		}
		if (!ret)
			continue;
		bh = sb_bread(inode->i_sb, map.m_pblk);
		fill_block(want, bs, inode->i_ino, b);
		bad = !bh || memcmp(bh->b_data, want, bs);
		brelse(bh);
	}
	free(want);
	return bad;
}

/* Block lblk holds its pattern up to keep bytes, zeros after (a truncated tail). */
static int check_tail_zeroed(struct inode *inode, ext4_lblk_t lblk, unsigned int keep)
{
	struct ext4_map_blocks map = { .m_lblk = lblk, .m_len = 1 };
	unsigned int bs = inode->i_sb->s_blocksize;
	struct buffer_head *bh;
	char *want = calloc(1, bs);
	int bad;

	if (ext4_map_blocks(NULL, inode, &map, 0) != 1)
		return -1;
	fill_block(want, bs, inode->i_ino, lblk);
	memset(want + keep, 0, bs - keep);
	bh = sb_bread(inode->i_sb, map.m_pblk);
	bad = !bh || memcmp(bh->b_data, want, bs);
	brelse(bh);
	free(want);
	return bad;
}

static void set_size(struct inode *inode, loff_t size)
{
	inode->i_size = size;
	EXT4_I(inode)->i_disksize = size;
	EXPECT_EQ(ext4_mark_inode_dirty(NULL, inode), 0);
}

#define SPARSE_SPAN	6000

/*
 * Every other block of 6000 written in random order: 3000 extents that cannot merge,
 * so leaves split and the tree grows to depth 2. e2fsck finds nothing, a remount reads
 * every block back, then truncating to 2501 blocks and 100 bytes (the tail of the
 * last block zeroed) and to 0 frees what lies past (e2fsck after each) and the empty tree is a leaf in the inode again.
 */
static void write_random_sparse_truncate(void)
{
	static bool written[SPARSE_SPAN];
	ext4_lblk_t order[SPARSE_SPAN / 2];
	struct super_block *sb;
	struct inode *inode;
	unsigned long ino;
	int err;

	setup();
	mkimg("64M", "", true);
	ino = ino_of("/empty");
	for (unsigned int i = 0; i < ARRAY_SIZE(order); i++)
		order[i] = 2 * i + 1;
	for (unsigned int i = ARRAY_SIZE(order) - 1; i > 0; i--) {
		unsigned int j = ktest_rand_range(0, i);
		ext4_lblk_t t = order[i];

		order[i] = order[j];
		order[j] = t;
	}
	memset(written, 0, sizeof(written));
	sb = mount_img(0, &err);
	ASSERT_EQ(err, 0);
	inode = ext4_iget(sb, ino, EXT4_IGET_NORMAL);
	ASSERT_TRUE(!IS_ERR(inode));
	for (unsigned int i = 0; i < ARRAY_SIZE(order); i++) {
		ASSERT_TRUE(write_block(inode, order[i]) != 0);
		written[order[i]] = true;
	}
	set_size(inode, (loff_t)SPARSE_SPAN * sb->s_blocksize);
	EXPECT_EQ(ext_depth(inode), 2);
	EXPECT_EQ(check_blocks(inode, written, SPARSE_SPAN), 0);
	iput(inode);
	umount_img(sb);
	EXPECT_EQ(fsck(), 0);

	sb = mount_img(0, &err);
	ASSERT_EQ(err, 0);
	inode = ext4_iget(sb, ino, EXT4_IGET_NORMAL);
	ASSERT_TRUE(!IS_ERR(inode));
	EXPECT_EQ(check_blocks(inode, written, SPARSE_SPAN), 0);
	inode->i_size = 2501 * sb->s_blocksize + 100;
	EXPECT_EQ(ext4_truncate(inode), 0);
	for (unsigned int b = 2502; b < SPARSE_SPAN; b++)
		written[b] = false;
	EXPECT_EQ(check_blocks(inode, written, 2501), 0);
	EXPECT_EQ(check_tail_zeroed(inode, 2501, 100), 0);
	for (unsigned int b = 2502; b < SPARSE_SPAN; b++) {
		struct ext4_map_blocks map = { .m_lblk = b, .m_len = 1 };

		EXPECT_EQ(ext4_map_blocks(NULL, inode, &map, 0), 0);
	}
	iput(inode);
	umount_img(sb);
	EXPECT_EQ(fsck(), 0);

	sb = mount_img(0, &err);
	ASSERT_EQ(err, 0);
	inode = ext4_iget(sb, ino, EXT4_IGET_NORMAL);
	ASSERT_TRUE(!IS_ERR(inode));
	inode->i_size = 0;
	EXPECT_EQ(ext4_truncate(inode), 0);
	EXPECT_EQ(ext_depth(inode), 0);
	EXPECT_EQ(inode->i_blocks, 0);
	iput(inode);
	umount_img(sb);
	EXPECT_EQ(fsck(), 0);
}

/*
 * A large file written front to back in requests of up to 1000 blocks: extents as long
 * as the free runs allow, across groups; the free count falls by what was taken, and a
 * file as large as the free space ends in -ENOSPC with e2fsck still content.
 */
static void write_large_until_full(void)
{
	struct super_block *sb;
	struct inode *inode;
	struct kstatfs st0, st1;
	ext4_lblk_t lblk = 0;
	int err, ret;

	setup();
	mkimg("64M", "-b 4096", true);
	sb = mount_img(0, &err);
	ASSERT_EQ(err, 0);
	inode = ext4_iget(sb, ino_of("/empty"), EXT4_IGET_NORMAL);
	ASSERT_TRUE(!IS_ERR(inode));
	sb->s_op->statfs(sb->s_root, &st0);
	do {
		struct ext4_map_blocks map = { .m_lblk = lblk, .m_len = 1000 };

		ret = ext4_map_blocks(NULL, inode, &map, EXT4_GET_BLOCKS_CREATE);
		if (ret > 0)
			lblk += ret;
	} while (ret > 0);
	EXPECT_EQ(ret, -ENOSPC);
	sb->s_op->statfs(sb->s_root, &st1);
	EXPECT_EQ(st1.f_bfree, 0);
	/* the extent tree's own blocks are the difference */
	EXPECT_TRUE(st0.f_bfree - lblk < 20);
	set_size(inode, (loff_t)lblk * sb->s_blocksize);
	EXPECT_EQ(inode->i_blocks, (st0.f_bfree - st1.f_bfree) * 8);
	iput(inode);
	umount_img(sb);
	EXPECT_EQ(fsck(), 0);
}

/* How many extents map blocks [0, nblocks) of inode (each extent ends a lookup). */
static unsigned int count_extents(struct inode *inode, ext4_lblk_t nblocks)
{
	unsigned int n = 0;

	for (ext4_lblk_t b = 0; b < nblocks; n++) {
		struct ext4_map_blocks map = { .m_lblk = b, .m_len = nblocks - b };
		int ret = ext4_map_blocks(NULL, inode, &map, 0);

		ASSERT_TRUE(ret > 0);
		b += ret;
	}
	return n;
}

#define INTERLEAVED_BLOCKS	3000

/*
 * Two files written a block at a time in turn, as two writers appending together: each
 * file's preallocation keeps the other out of the run after its blocks, so each file
 * lies in a few extents (a dozen at most: one per preallocation, 16 KiB growing to 2
 * MiB chunks) rather than 3000. Both read back; after the unmount (the preallocations
 * dropped as the inodes go) e2fsck finds every block accounted for.
 */
static void interleaved_writers_stay_contiguous(void)
{
	static bool written[INTERLEAVED_BLOCKS];
	struct inode *a, *b;
	struct super_block *sb;
	int err;

	setup();
	mkimg("64M", "", true);
	sb = mount_img(0, &err);
	ASSERT_EQ(err, 0);
	a = ext4_iget(sb, ino_of("/empty"), EXT4_IGET_NORMAL);
	b = ext4_iget(sb, ino_of("/small"), EXT4_IGET_NORMAL);
	ASSERT_TRUE(!IS_ERR(a) && !IS_ERR(b));
	b->i_size = 0;
	ASSERT_EQ(ext4_truncate(b), 0);
	for (ext4_lblk_t i = 0; i < INTERLEAVED_BLOCKS; i++) {
		ASSERT_TRUE(write_block(a, i) != 0);
		ASSERT_TRUE(write_block(b, i) != 0);
		written[i] = true;
	}
	set_size(a, (loff_t)INTERLEAVED_BLOCKS * sb->s_blocksize);
	set_size(b, (loff_t)INTERLEAVED_BLOCKS * sb->s_blocksize);
	printf("# extents: %u and %u\n", count_extents(a, INTERLEAVED_BLOCKS),
	       count_extents(b, INTERLEAVED_BLOCKS));
	EXPECT_TRUE(count_extents(a, INTERLEAVED_BLOCKS) <= 12);
	EXPECT_TRUE(count_extents(b, INTERLEAVED_BLOCKS) <= 12);
	EXPECT_EQ(check_blocks(a, written, INTERLEAVED_BLOCKS), 0);
	EXPECT_EQ(check_blocks(b, written, INTERLEAVED_BLOCKS), 0);
	iput(a);
	iput(b);
	umount_img(sb);
	EXPECT_EQ(fsck(), 0);
}

/*
 * The journal at mount (read-write, or read-only with flags SB_RDONLY): debugfs logs a
 * new copy of /small's block (and, in a transaction without its commit block, of
 * /big's first block); the mount replays the first, not the second, says "recovery
 * complete", and leaves what e2fsck's own replay of a copy leaves; the unmount leaves
 * a clean file system, no longer needing recovery.
 */
static void replay_at_mount(unsigned long flags)
{
	unsigned long long small_blk, big_blk;
	struct super_block *sb;
	char cmd[512];
	int err;

	setup();
	mkimg("64M", "", true);
	small_blk = strtoull(debugfs_out("bmap /small 0"), NULL, 10);
	big_blk = strtoull(debugfs_out("bmap /big 0"), NULL, 10);
	ktest_sh("head -c 100 /dev/urandom > %s/small.new && head -c 1024 /dev/zero >> %s/small.new && "
	   "head -c 1024 %s/small.new > %s/small.blk && head -c 100 %s/small.new > %s/small2",
	   srcdir, srcdir, srcdir, tmpdir, srcdir, srcdir);
	ktest_sh("head -c 1024 /dev/urandom > %s/big.blk", tmpdir);
	snprintf(cmd, sizeof(cmd), "jo -c\\njw -b %llu %s/small.blk\\njw -b %llu -c %s/big.blk\\njc\\n",
		 small_blk, tmpdir, big_blk, tmpdir);
	ktest_sh("printf '%s' > %s/cmds && debugfs -w -f %s/cmds %s >/dev/null 2>&1", cmd, tmpdir,
	   tmpdir, img);
	ktest_sh("cp %s %s/ref && e2fsck -E journal_only -y %s/ref >/dev/null 2>&1", img, tmpdir, tmpdir);
	sb = mount_img(flags, &err);
	ASSERT_EQ(err, 0);
	EXPECT_TRUE(ktest_log_contains("recovery complete"));
	EXPECT_EQ(compare_file(sb, ino_of("/small"), "small2"), 0);
	EXPECT_EQ(compare_file(sb, ino_of("/big"), "big"), 0);
	umount_img(sb);
	ktest_sh("cmp -s -i %llu:%llu -n 1024 %s %s/ref", small_blk * 1024, small_blk * 1024, img, tmpdir);
	ktest_sh("dumpe2fs -h %s 2>/dev/null | grep '^Filesystem features' | grep -vq needs_recovery", img);
	EXPECT_EQ(fsck(), 0);
}

static void mount_replays_journal(void)
{
	replay_at_mount(0);
}

static void readonly_mount_replays_journal(void)
{
	replay_at_mount(SB_RDONLY);
}

/* Allocates file block lblk inside handle and writes its pattern through to the disk. */
static void write_block_journaled(handle_t *handle, struct inode *inode, ext4_lblk_t lblk)
{
	struct ext4_map_blocks map = { .m_lblk = lblk, .m_len = 1 };
	struct buffer_head *bh;

	ASSERT_EQ(ext4_map_blocks(handle, inode, &map, EXT4_GET_BLOCKS_CREATE), 1);
	bh = sb_getblk(inode->i_sb, map.m_pblk);
	fill_block(bh->b_data, bh->b_size, inode->i_ino, lblk);
	set_buffer_uptodate(bh);
	mark_buffer_dirty(bh);
	/* The data before the commit block, as ordered mode has it. */
	EXPECT_EQ(sync_dirty_buffer(bh), 0);
	brelse(bh);
}

#define CRASH_BLOCKS	300

/*
 * Blocks of /empty allocated and its size set inside handles, the journal committed,
 * and the power failing right then (a copy of the image): nothing was checkpointed, so
 * the copy's bitmaps and extent tree are old. Mounting the copy replays the journal:
 * every block reads back, and e2fsck -fn finds nothing.
 */
static void crash_after_commit_replays(void)
{
	static bool written[CRASH_BLOCKS];
	struct super_block *sb;
	struct inode *inode;
	handle_t *handle = NULL;
	unsigned long ino;
	int err;

	setup();
	mkimg("64M", "", true);
	ino = ino_of("/empty");
	sb = mount_img(0, &err);
	ASSERT_EQ(err, 0);
	inode = ext4_iget(sb, ino, EXT4_IGET_NORMAL);
	ASSERT_TRUE(!IS_ERR(inode));
	for (int b = 0; b < CRASH_BLOCKS; b++) {
		written[b] = b % 3 != 1;
		if (b % 50 == 0) {
			handle = ext4_journal_start(inode, EXT4_HT_WRITE_PAGE, 60);
			ASSERT_TRUE(!IS_ERR(handle));
		}
		if (written[b])
			write_block_journaled(handle, inode, b);
		if (b % 50 == 49) {
			inode->i_size = (loff_t)(b + 1) * sb->s_blocksize;
			EXT4_I(inode)->i_disksize = inode->i_size;
			EXPECT_EQ(ext4_mark_inode_dirty(handle, inode), 0);
			EXPECT_EQ(ext4_journal_stop(handle), 0);
		}
	}
	EXPECT_EQ(ext4_force_commit(sb), 0);
	ktest_sh("cp %s %s/crash", img, tmpdir);
	iput(inode);
	umount_img(sb);
	EXPECT_EQ(fsck(), 0);
	ktest_sh("cp %s/crash %s", tmpdir, img);
	/* Before the replay the disk still has the empty file. */
	ktest_sh("debugfs -R 'stat /empty' %s 2>/dev/null | grep -q 'Size: 0$'", img);
	sb = mount_img(0, &err);
	ASSERT_EQ(err, 0);
	EXPECT_TRUE(ktest_log_contains("recovery complete"));
	inode = ext4_iget(sb, ino, EXT4_IGET_NORMAL);
	ASSERT_TRUE(!IS_ERR(inode));
	EXPECT_EQ(inode->i_size, (loff_t)CRASH_BLOCKS * sb->s_blocksize);
	EXPECT_EQ(check_blocks(inode, written, CRASH_BLOCKS), 0);
	iput(inode);
	umount_img(sb);
	EXPECT_EQ(fsck(), 0);
}

/* The crc32c of an extent node, as the inode's blocks carry it. */
static void extent_node_csum(struct inode *inode, struct ext4_extent_header *eh)
{
	find_ext4_extent_tail(eh)->et_checksum =
		cpu_to_le32(crc32c(EXT4_I(inode)->i_csum_seed, eh, EXT4_EXTENT_TAIL_OFFSET(eh)));
}

enum node_damage { BAD_MAGIC, TOO_MANY_ENTRIES, CHILD_PAST_END, UNSORTED, FLIPPED_BYTE };

/*
 * Damages the first index node below sparse's root on disk (with its checksum made
 * right again, but for FLIPPED_BYTE), then reads the whole file: every read of a block
 * below the node fails with want, and the console says so.
 */
static void damaged_extent_node(enum node_damage how, int want)
{
	struct ext4_extent_header *eh;
	struct super_block *sb;
	struct inode *inode;
	ext4_fsblk_t node;
	unsigned int bs;
	FILE *f;
	char *buf;
	int err, errors = 0;

	sb = mount_img(SB_RDONLY, &err);
	ASSERT_EQ(err, 0);
	inode = ext4_iget(sb, ino_of("/sparse"), EXT4_IGET_NORMAL);
	ASSERT_TRUE(!IS_ERR(inode));
	node = ext4_idx_pblock(EXT_FIRST_INDEX(ext_inode_hdr(inode)));
	bs = sb->s_blocksize;
	buf = malloc(bs);
	f = fopen(img, "r+b");
	ASSERT_TRUE(f && pread(fileno(f), buf, bs, (off_t)node * bs) == (ssize_t)bs);
	eh = (struct ext4_extent_header *)buf;
	switch (how) {
	case BAD_MAGIC:
		eh->eh_magic = cpu_to_le16(0x1234);
		break;
	case TOO_MANY_ENTRIES:
		eh->eh_entries = cpu_to_le16(le16_to_cpu(eh->eh_max) + 1);
		break;
	case CHILD_PAST_END:
		ext4_idx_store_pblock(EXT_FIRST_INDEX(eh) + 1, 1ULL << 40);
		break;
	case UNSORTED:
		EXT_FIRST_INDEX(eh)[1].ei_block = cpu_to_le32(0);
		break;
	case FLIPPED_BYTE:
		buf[ktest_rand_range(0, EXT4_EXTENT_TAIL_OFFSET(eh) - 1)] ^= 1 << ktest_rand_range(0, 7);
		break;
	}
	if (how != FLIPPED_BYTE)
		extent_node_csum(inode, eh);
	ASSERT_EQ(pwrite(fileno(f), buf, bs, (off_t)node * bs), (ssize_t)bs);
	fclose(f);
	for (ext4_lblk_t b = 0; b < 4000; b += 2) {
		struct ext4_map_blocks map = { .m_lblk = b, .m_len = 1 };
		int ret = ext4_map_blocks(NULL, inode, &map, 0);

		EXPECT_TRUE(ret == 1 || ret == want);
		errors += ret == want;
	}
	EXPECT_TRUE(errors > 0);
	EXPECT_TRUE(ktest_log_contains("EXT4-fs error (device img)"));
	free(buf);
	iput(inode);
	umount_img(sb);
}

/* Each kind of damage to an extent node is caught, reported and refused. */
static void corrupted_extent_nodes(void)
{
	setup();
	for (int how = BAD_MAGIC; how <= FLIPPED_BYTE; how++) {
		mkimg("64M", "", true);
		damaged_extent_node(how, how == FLIPPED_BYTE ? -EFSBADCRC : -EFSCORRUPTED);
	}
}

/*
 * Random bytes of the inode table and of the block bitmaps changed (seeded): iget and
 * allocation give errors, never a crash; whatever still mounts unmounts cleanly.
 */
static void fuzzed_metadata(void)
{
	struct super_block *sb;
	struct ext4_group_desc gd;
	unsigned int bs = 1024;
	FILE *f;
	int err;

	setup();
	mkimg("64M", "", true);
	f = fopen(img, "r+b");
	ASSERT_TRUE(f != NULL);
	/* group 0's descriptor, in block 2 with 1 KiB blocks */
	ASSERT_EQ(pread(fileno(f), &gd, sizeof(gd), 2 * bs), (ssize_t)sizeof(gd));
	for (int i = 0; i < 64; i++) {
		off_t itable = (off_t)le32_to_cpu(gd.bg_inode_table_lo) * bs;
		off_t bitmap = (off_t)le32_to_cpu(gd.bg_block_bitmap_lo) * bs;
		off_t at = (i & 1) ? bitmap + ktest_rand_range(0, bs - 1) :
			itable + ktest_rand_range(11 * 256, 16 * 256 - 1);
		u8 b = ktest_rand_range(1, 255);

		ASSERT_EQ(pwrite(fileno(f), &b, 1, at), 1);
	}
	fclose(f);
	sb = mount_img(0, &err);
	ASSERT_EQ(err, 0);
	for (unsigned long ino = 11; ino < 16; ino++) {
		struct inode *inode = ext4_iget(sb, ino, EXT4_IGET_NORMAL);

		if (IS_ERR(inode)) {
			EXPECT_TRUE(PTR_ERR(inode) == -EFSBADCRC || PTR_ERR(inode) == -EFSCORRUPTED ||
				    PTR_ERR(inode) == -ESTALE);
			continue;
		}
		if (S_ISREG(inode->i_mode)) {
			struct ext4_map_blocks map = { .m_lblk = 100000, .m_len = 8 };
			int ret = ext4_map_blocks(NULL, inode, &map, EXT4_GET_BLOCKS_CREATE);

			EXPECT_TRUE(ret > 0 || ret == -EFSBADCRC || ret == -EFSCORRUPTED ||
				    ret == -ENOSPC);
		}
		iput(inode);
	}
	EXPECT_TRUE(ktest_log_contains("EXT4-fs error (device img)"));
	umount_img(sb);
}

int main(void)
{
	static const struct ktest_case cases[] = {
		KTEST_CASE(mount_default_small),
		KTEST_CASE(mount_4k_readonly),
		KTEST_CASE(bad_superblock_csum_refused),
		KTEST_CASE(unknown_incompat_refused),
		KTEST_CASE(unknown_ro_compat_readonly),
		KTEST_CASE(bad_group_desc_csum_refused),
		KTEST_CASE(read_populated),
		KTEST_CASE(iget_bad_numbers),
		KTEST_CASE(write_random_sparse_truncate),
		KTEST_CASE(write_large_until_full),
		KTEST_CASE(interleaved_writers_stay_contiguous),
		KTEST_CASE(corrupted_extent_nodes),
		KTEST_CASE(fuzzed_metadata),
		KTEST_CASE(mount_replays_journal),
		KTEST_CASE(readonly_mount_replays_journal),
		KTEST_CASE(crash_after_commit_replays),
	};
	int ret = ktest_run("ext4", cases, ARRAY_SIZE(cases));

	if (tmpdir[0])
		ktest_sh("rm -rf %s", tmpdir);
	return ret;
}
