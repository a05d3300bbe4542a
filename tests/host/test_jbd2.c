/*
 * Host tests of fs/jbd2 on ext4 images made by Debian's mke2fs, whose journal (inode 8)
 * is reached through its extents as debugfs lists them:
 *  - recovery of transactions debugfs wrote (journal_open/journal_write/journal_close),
 *    with and without checksums, escaped blocks, revokes and a torn transaction with no
 *    commit block, must leave the image exactly as e2fsck's own replay
 *    (e2fsck -E journal_only) does;
 *  - what this jbd2 commits (handles, revokes, enough transactions to wrap the log and
 *    make it checkpoint) is replayed alike by e2fsck and by this jbd2 from a copy of the
 *    image taken as if the power failed;
 *  - a journal with an unknown incompat feature or a corrupt commit block is refused.
 * Scratch images live in a temporary directory; KTEST_SEED replays the random case.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/jbd2.h>
#include <linux/ktime.h>
#include "bdev_image.h"
#include "host_jbd2.h"
#include "ktest.h"

#define BS		4096
#define FREE_BASE	12000	/* free blocks of the 64 MiB image: the tests' targets */
#define NFREE		1000

static char tmpdir[64];
static char img[128], ref[128];

/* The journal file's extents: log block logical[i] + k is disk block physical[i] + k. */
static struct {
	unsigned long logical, physical, len;
} jext[16];
static int njext;
static unsigned long jlen;

/* Reads the journal inode's extents ("debugfs -R 'ex <8>'"). */
static void read_journal_extents(void)
{
	char cmd[256], line[256];
	unsigned long l0, l1, p0, p1, len;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "debugfs -R 'ex <8>' %s 2>/dev/null", img);
	f = popen(cmd, "r");
	njext = 0;
	jlen = 0;
	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, " %*d/ %*d %*d/ %*d %lu - %lu %lu - %lu %lu", &l0, &l1, &p0, &p1,
			   &len) != 5 || njext == 16)
			continue;
		jext[njext].logical = l0;
		jext[njext].physical = p0;
		jext[njext++].len = len;
		jlen = l1 + 1;
	}
	if (f)
		pclose(f);
	if (!njext)
		ktest_abort(__FILE__, __LINE__, "no journal extents in %s", img);
}

static int test_bmap(journal_t *journal, sector_t *block)
{
	for (int i = 0; i < njext; i++) {
		if (*block >= jext[i].logical && *block < jext[i].logical + jext[i].len) {
			*block = jext[i].physical + *block - jext[i].logical;
			return 0;
		}
	}
	return -EIO;
}

/* A 64 MiB ext4 image with 4 KiB blocks, its journal 1024 blocks in three extents. */
static void mkimg(void)
{
	ktest_sh("rm -f %s && truncate -s 64M %s && mke2fs -q -F -t ext4 -b %d %s", img, img, BS, img);
	ktest_sh("debugfs -R 'testb %d %d' %s 2>/dev/null | grep -qv 'not in use' && exit 1 || true",
	   FREE_BASE, NFREE, img);
	read_journal_extents();
}

/* Opens path's journal: loaded (replayed), kjournald2 running. */
static journal_t *open_journal(struct block_device *bdev, int *err)
{
	journal_t *journal = jbd2_journal_init_dev(bdev, bdev, jext[0].physical, jlen, BS);

	if (!journal)
		ktest_abort(__FILE__, __LINE__, "jbd2_journal_init_dev failed");
	journal->j_bmap = test_bmap;
	journal->j_flags |= JBD2_BARRIER;
	*err = jbd2_journal_load(journal);
	return journal;
}

/* This jbd2's replay of path: load and destroy the journal. Its load's result. */
static int replay(const char *path)
{
	struct block_device *bdev = bdev_image_open(path);
	journal_t *journal;
	int err;

	if (!bdev)
		ktest_abort(__FILE__, __LINE__, "cannot open %s", path);
	journal = open_journal(bdev, &err);
	jbd2_journal_destroy(journal);
	if (bdev_image_sync(bdev))
		ktest_fail(__FILE__, __LINE__, "writing %s failed", path);
	if (bdev_image_busy(bdev))
		ktest_fail(__FILE__, __LINE__, "%ld buffers still held", bdev_image_busy(bdev));
	bdev_image_close(bdev);
	return err;
}

/* One block of an image file. */
static void read_block(const char *path, unsigned long block, unsigned char *buf)
{
	FILE *f = fopen(path, "rb");

	if (!f || fseek(f, (long)block * BS, SEEK_SET) || fread(buf, BS, 1, f) != 1)
		ktest_abort(__FILE__, __LINE__, "cannot read block %lu of %s", block, path);
	fclose(f);
}

/*
 * Whether img (replayed here) and ref (replayed by e2fsck) hold the same blocks, but
 * for the two superblocks: the file system's (e2fsck clears needs_recovery and counts
 * the mount) and the journal's (the next sequence number is a matter of taste).
 */
static void same_as_e2fsck(void)
{
	static unsigned char a[BS], b[BS];
	FILE *fa = fopen(img, "rb"), *fb = fopen(ref, "rb");
	unsigned long block = 0, diffs = 0;

	while (fa && fb && fread(a, BS, 1, fa) == 1 && fread(b, BS, 1, fb) == 1) {
		if (block != 0 && block != jext[0].physical && memcmp(a, b, BS)) {
			if (diffs++ < 5)
				ktest_fail(__FILE__, __LINE__, "block %lu differs from e2fsck's replay",
					   block);
		}
		block++;
	}
	if (fa)
		fclose(fa);
	if (fb)
		fclose(fb);
	if (block != (64 << 20) / BS)
		ktest_fail(__FILE__, __LINE__, "compared %lu blocks", block);
}

/* Both replays: e2fsck's of a copy (ref), then this jbd2's of img; must be equal. */
static void replay_both(int want_err)
{
	int err;

	ktest_sh("cp %s %s && e2fsck -E journal_only -y %s >/dev/null 2>&1", img, ref, ref);
	err = replay(img);
	if (err != want_err)
		ktest_fail(__FILE__, __LINE__, "jbd2_journal_load: %d, expected %d", err, want_err);
	same_as_e2fsck();
	ktest_sh("debugfs -w -R 'feature -needs_recovery' %s >/dev/null 2>&1", img);
	ktest_sh("e2fsck -fn %s >/dev/null 2>&1", img);
}

/* A file of n blocks: block i is filled with byte fill + i, its first word set. */
static void block_file(const char *name, int n, int fill, unsigned int first_word)
{
	char path[160];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "wb");
	for (int i = 0; i < n; i++) {
		unsigned char buf[BS];

		memset(buf, fill + i, BS);
		if (first_word) {
			buf[0] = first_word >> 24;
			buf[1] = first_word >> 16;
			buf[2] = first_word >> 8;
			buf[3] = first_word;
		}
		fwrite(buf, BS, 1, f);
	}
	fclose(f);
}

static void expect_fill(unsigned long block, int fill, const char *why)
{
	unsigned char buf[BS];

	read_block(img, block, buf);
	if (buf[BS - 1] != (unsigned char)fill)
		ktest_fail(__FILE__, __LINE__, "block %lu: byte %#x, expected %#x (%s)", block,
			   buf[BS - 1], fill & 0xff, why);
}

/*
 *   T1: FREE_BASE, +1 (0x11, 0x12)     T2: +2 = a block starting with the jbd2 magic
 *   T3: revokes +1                     T4: +3 (0x44), no commit block
 * Replayed: +0 = 0x11, +1 untouched (0), +2 with its magic back, +3 untouched (0).
 */
static void debugfs_transactions(const char *open_flags)
{
	block_file("t1", 2, 0x11, 0);
	block_file("t2", 1, 0x33, JBD2_MAGIC_NUMBER);
	block_file("t4", 1, 0x44, 0);
	ktest_sh("printf 'jo %s\\njw -b %d,%d %s/t1\\njw -b %d %s/t2\\njw -r %d\\n"
	   "jw -b %d -c %s/t4\\njc\\n' > %s/cmds && debugfs -w -f %s/cmds %s >/dev/null 2>&1",
	   open_flags, FREE_BASE, FREE_BASE + 1, tmpdir, FREE_BASE + 2, tmpdir, FREE_BASE + 1,
	   FREE_BASE + 3, tmpdir, tmpdir, tmpdir, img);
}

static void check_debugfs_replay(void)
{
	unsigned char buf[BS];

	expect_fill(FREE_BASE, 0x11, "logged by T1");
	expect_fill(FREE_BASE + 1, 0, "revoked by T3");
	expect_fill(FREE_BASE + 3, 0, "T4 has no commit block");
	read_block(img, FREE_BASE + 2, buf);
	if (buf[0] != 0xc0 || buf[1] != 0x3b || buf[2] != 0x39 || buf[3] != 0x98 ||
	    buf[BS - 1] != 0x33)
		ktest_fail(__FILE__, __LINE__, "the escaped block came back as %02x%02x%02x%02x",
			   buf[0], buf[1], buf[2], buf[3]);
	if (!ktest_log_contains("transactions 1 to 3, 2 blocks replayed, 1 revoked"))
		ktest_fail(__FILE__, __LINE__, "no recovery report of 3 transactions, 2 blocks "
			   "replayed, 1 revoked");
}

static void replay_debugfs_csum_v3(void)
{
	mkimg();
	debugfs_transactions("-c");
	replay_both(0);
	check_debugfs_replay();
}

static void replay_debugfs_no_checksums(void)
{
	mkimg();
	debugfs_transactions("");
	replay_both(0);
	check_debugfs_replay();
}

/* A revoke hides only older copies: T1 logs X, T2 revokes it, T3 logs it again. */
static void replay_revoke_then_relog(void)
{
	mkimg();
	block_file("a", 1, 0x21, 0);
	block_file("b", 1, 0x23, 0);
	ktest_sh("printf 'jo -c\\njw -b %d %s/a\\njw -r %d\\njw -b %d %s/b\\njc\\n' > %s/cmds && "
	   "debugfs -w -f %s/cmds %s >/dev/null 2>&1", FREE_BASE, tmpdir, FREE_BASE, FREE_BASE,
	   tmpdir, tmpdir, tmpdir, img);
	replay_both(0);
	expect_fill(FREE_BASE, 0x23, "logged again after the revoke");
}

/* Writes a 32-bit big-endian value at byte off of the image. */
static void poke_be32(unsigned long long off, unsigned int v)
{
	unsigned char b[4] = { v >> 24, v >> 16, v >> 8, v };
	FILE *f = fopen(img, "r+b");

	if (!f || fseeko(f, off, SEEK_SET) || fwrite(b, 4, 1, f) != 1)
		ktest_abort(__FILE__, __LINE__, "cannot patch %s", img);
	fclose(f);
}

/* An incompat feature bit nobody knows: refused by name, the image not touched. */
static void unknown_incompat_refused(void)
{
	mkimg();
	debugfs_transactions("");
	poke_be32((unsigned long long)jext[0].physical * BS +
		  offsetof(journal_superblock_t, s_feature_incompat),
		  JBD2_FEATURE_INCOMPAT_REVOKE | JBD2_FEATURE_INCOMPAT_64BIT | 0x100);
	ktest_sh("cp %s %s", img, ref);
	if (replay(img) != -EINVAL)
		ktest_fail(__FILE__, __LINE__, "a journal with incompat 0x100 was loaded");
	if (!ktest_log_contains("Unrecognised features on journal"))
		ktest_fail(__FILE__, __LINE__, "no message naming the features");
	ktest_sh("cmp -s %s %s", img, ref);
}

/* A whole commit block that fails its checksum: a corrupt log, not a torn write. */
static void bad_commit_checksum_refused(void)
{
	unsigned long long commit;

	mkimg();
	block_file("a", 1, 0x21, 0);
	ktest_sh("printf 'jo -c\\njw -b %d %s/a\\njc\\n' > %s/cmds && debugfs -w -f %s/cmds %s "
	   ">/dev/null 2>&1", FREE_BASE, tmpdir, tmpdir, tmpdir, img);
	/* Log blocks 1, 2, 3: descriptor, the copy, commit (the superblock is block 0). */
	commit = jext[0].physical + 3;
	poke_be32(commit * BS + offsetof(struct commit_header, h_commit_nsec), 12345);
	if (replay(img) != -EFSCORRUPTED)
		ktest_fail(__FILE__, __LINE__, "a commit block with a bad checksum was accepted");
	if (!ktest_log_contains("is corrupt"))
		ktest_fail(__FILE__, __LINE__, "no corrupt-transaction message");
	expect_fill(FREE_BASE, 0, "its transaction is not replayed");
}

/* A buffer of the image with write access for handle, filled with fill (first word w). */
static void log_block(handle_t *handle, struct block_device *bdev, unsigned long block,
		      int fill, unsigned int first_word)
{
	struct buffer_head *bh = __bread_gfp(bdev, block, BS, 0);

	if (!bh)
		ktest_abort(__FILE__, __LINE__, "cannot read block %lu", block);
	if (jbd2_journal_get_write_access(handle, bh))
		ktest_abort(__FILE__, __LINE__, "no write access to block %lu", block);
	memset(bh->b_data, fill, BS);
	if (first_word)
		*(__be32 *)bh->b_data = cpu_to_be32(first_word);
	if (jbd2_journal_dirty_metadata(handle, bh))
		ktest_abort(__FILE__, __LINE__, "dirty_metadata of block %lu failed", block);
	brelse(bh);
}

/* A journal as ext4 mounts it: loaded, then 64bit and csum v3 turned on. */
static journal_t *mount_journal(struct block_device *bdev)
{
	journal_t *journal;
	int err;

	journal = open_journal(bdev, &err);
	if (err)
		ktest_abort(__FILE__, __LINE__, "jbd2_journal_load: %d", err);
	if (!jbd2_journal_set_features(journal, 0, 0, JBD2_FEATURE_INCOMPAT_64BIT) ||
	    !jbd2_journal_set_features(journal, 0, 0, JBD2_FEATURE_INCOMPAT_CSUM_V3))
		ktest_abort(__FILE__, __LINE__, "cannot set the journal's features");
	return journal;
}

/*
 * The power fails now: img's current bytes are what a crash leaves (bdev_image writes
 * through). The copy becomes img once the live journal is shut down, and needs recovery.
 */
static void crash_copy(void)
{
	ktest_sh("cp %s %s/crash", img, tmpdir);
}

static void boot_crash_copy(void)
{
	ktest_sh("cp %s/crash %s && debugfs -w -R 'feature needs_recovery' %s >/dev/null 2>&1",
	   tmpdir, img, img);
}

static void unmount_journal(struct block_device *bdev, journal_t *journal)
{
	if (jbd2_journal_destroy(journal))
		ktest_fail(__FILE__, __LINE__, "jbd2_journal_destroy failed");
	bdev_image_sync(bdev);
	if (bdev_image_busy(bdev))
		ktest_fail(__FILE__, __LINE__, "%ld buffers still held", bdev_image_busy(bdev));
	bdev_image_close(bdev);
}

/*
 *   T1 (handle of 4): +0 starting with the jbd2 magic (0x50), +1 .. +3 (0x51 .. 0x53)
 *   T2 (handle with revokes): revokes +1 (its buffer forgotten), +4 (0x54), +2 (0x62)
 * committed each with a flush before and FUA on the commit block; a crash then. Both
 * replays give +0 with its magic, +1 as before (0), +2 0x62, +3 0x53, +4 0x54, and
 * nothing was written home before its commit.
 */
static void commit_replay_matches_e2fsck(void)
{
	struct block_device *bdev;
	journal_t *journal;
	handle_t *handle;
	long fua, flushes;
	unsigned char buf[BS];

	mkimg();
	bdev = bdev_image_open(img);
	journal = mount_journal(bdev);
	fua = host_fua_writes;
	flushes = host_flushes;
	handle = jbd2_journal_start(journal, 4);
	if (IS_ERR(handle))
		ktest_abort(__FILE__, __LINE__, "jbd2_journal_start: %ld", PTR_ERR(handle));
	log_block(handle, bdev, FREE_BASE, 0x50, JBD2_MAGIC_NUMBER);
	for (int i = 1; i < 4; i++)
		log_block(handle, bdev, FREE_BASE + i, 0x50 + i, 0);
	if (jbd2_journal_stop(handle) || jbd2_journal_force_commit(journal))
		ktest_fail(__FILE__, __LINE__, "T1 did not commit");
	if (host_fua_writes - fua != 1 || host_flushes - flushes != 1)
		ktest_fail(__FILE__, __LINE__, "T1's commit: %ld FUA writes, %ld flushes, not 1, 1",
			   host_fua_writes - fua, host_flushes - flushes);
	read_block(img, FREE_BASE + 3, buf);
	if (buf[BS - 1])
		ktest_fail(__FILE__, __LINE__, "block %d written home before a checkpoint",
			   FREE_BASE + 3);
	handle = jbd2__journal_start(journal, 4, 0, 2, GFP_NOFS, 0, __LINE__);
	if (IS_ERR(handle))
		ktest_abort(__FILE__, __LINE__, "jbd2__journal_start: %ld", PTR_ERR(handle));
	if (jbd2_journal_revoke(handle, FREE_BASE + 1, __bread_gfp(bdev, FREE_BASE + 1, BS, 0)))
		ktest_fail(__FILE__, __LINE__, "jbd2_journal_revoke failed");
	log_block(handle, bdev, FREE_BASE + 4, 0x54, 0);
	log_block(handle, bdev, FREE_BASE + 2, 0x62, 0);
	if (jbd2_journal_stop(handle) || jbd2_journal_force_commit(journal))
		ktest_fail(__FILE__, __LINE__, "T2 did not commit");
	crash_copy();
	unmount_journal(bdev, journal);
	expect_fill(FREE_BASE + 3, 0x53, "written home at unmount");
	expect_fill(FREE_BASE + 1, 0, "freed: never written home");
	boot_crash_copy();
	replay_both(0);
	read_block(img, FREE_BASE, buf);
	if (be32_to_cpu(*(__be32 *)buf) != JBD2_MAGIC_NUMBER || buf[BS - 1] != 0x50)
		ktest_fail(__FILE__, __LINE__, "the escaped block came back wrong");
	expect_fill(FREE_BASE + 1, 0, "revoked by T2");
	expect_fill(FREE_BASE + 2, 0x62, "T2's copy");
	expect_fill(FREE_BASE + 3, 0x53, "T1's copy");
	expect_fill(FREE_BASE + 4, 0x54, "T2's copy");
}

#define POOL	200

/*
 * Forty transactions of 50 random blocks of a pool of 200, each committed: twice the
 * log's 1023 blocks, so it wraps and checkpoints to make room. After a crash both
 * replays give every block its last version. The pool's blocks, KTEST_SEED's order.
 */
static void checkpoint_wraps_log(void)
{
	static unsigned char last[POOL];
	struct block_device *bdev;
	journal_t *journal;

	mkimg();
	memset(last, 0, sizeof(last));
	bdev = bdev_image_open(img);
	journal = mount_journal(bdev);
	for (int t = 1; t <= 40; t++) {
		handle_t *handle = jbd2_journal_start(journal, 50);

		if (IS_ERR(handle))
			ktest_abort(__FILE__, __LINE__, "transaction %d: %ld", t, PTR_ERR(handle));
		for (int i = 0; i < 50; i++) {
			int b = ktest_rand_range(0, POOL - 1);

			last[b] = (t * 5 + i) | 1;
			log_block(handle, bdev, FREE_BASE + b, last[b], 0);
		}
		if (jbd2_journal_stop(handle) || jbd2_journal_force_commit(journal))
			ktest_abort(__FILE__, __LINE__, "transaction %d did not commit", t);
	}
	/* About 2100 log blocks went through a log of 1023: it wrapped twice. */
	if (journal->j_tail_sequence < 20 || journal->j_head >= journal->j_last)
		ktest_fail(__FILE__, __LINE__, "the log tail is still at transaction %u",
			   journal->j_tail_sequence);
	crash_copy();
	unmount_journal(bdev, journal);
	boot_crash_copy();
	replay_both(0);
	for (int b = 0; b < POOL; b++)
		expect_fill(FREE_BASE + b, last[b], "its last version");
}

u64 ktime_get_real_ns(void)
{
	return 1700000000ULL * NSEC_PER_SEC;
}

/* No inodes in this suite: journals are device ranges. */
void iput(struct inode *inode)
{
	BUG();
}

int bmap(struct inode *inode, sector_t *block)
{
	BUG();
}

static const struct ktest_case cases[] = {
	KTEST_CASE(replay_debugfs_csum_v3),
	KTEST_CASE(replay_debugfs_no_checksums),
	KTEST_CASE(replay_revoke_then_relog),
	KTEST_CASE(unknown_incompat_refused),
	KTEST_CASE(bad_commit_checksum_refused),
	KTEST_CASE(commit_replay_matches_e2fsck),
	KTEST_CASE(checkpoint_wraps_log),
};

int main(void)
{
	int ret;

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_jbd2.XXXXXX");
	if (!mkdtemp(tmpdir))
		return 1;
	snprintf(img, sizeof(img), "%s/img", tmpdir);
	snprintf(ref, sizeof(ref), "%s/ref", tmpdir);
	ret = ktest_run("jbd2", cases, sizeof(cases) / sizeof(cases[0]));
	ktest_sh("rm -rf %s", tmpdir);
	return ret;
}
