/*
 * Host tests of ext4's directory code (fs/ext4/hash.c, namei.c, dir.c, ialloc.c) against
 * file systems and answers from Debian's e2fsprogs (mke2fs, debugfs, e2fsck).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ktest.h"
#include "../../fs/ext4/ext4.h"

#define E2FS_PATH "PATH=/sbin:/usr/sbin:$PATH "

/* A scratch file under /tmp, removed by the caller; aborts the case when none can be made. */
static char *scratch_file(const char *tag)
{
	static char paths[4][64];
	static int next;
	char *path = paths[next++ % 4];
	int fd;

	snprintf(path, sizeof(paths[0]), "/tmp/ext4_dir_%s_XXXXXX", tag);
	fd = mkstemp(path);
	if (fd < 0)
		ktest_abort(__FILE__, __LINE__, "mkstemp %s", path);
	close(fd);
	return path;
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
	char *img = scratch_file("img"), *cmds = scratch_file("cmd"), cmd[256], line[1024];
	u32 seed[4], zero[4] = { 0 };
	unsigned char *sb = (unsigned char *)seed;
	int n, v, s, checked = 0;
	FILE *f, *out;

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
		 E2FS_PATH "debugfs -f %s %s 2>/dev/null", img, cmds, img);
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
	unlink(img);
	unlink(cmds);
}

/* A hash version ext4 does not know is refused with -EINVAL and a zero hash. */
static void dirhash_rejects_unknown_version(void)
{
	struct dx_hash_info hinfo = { .hash_version = 7, .hash = 5 };

	EXPECT_EQ(ext4fs_dirhash(NULL, "a", 1, &hinfo), -EINVAL);
	EXPECT_EQ(hinfo.hash, 0);
	EXPECT_TRUE(ktest_log_contains("unsupported hash tree version 7"));
}

KTEST_MAIN("ext4_dir",
	KTEST_CASE(dirhash_matches_debugfs),
	KTEST_CASE(dirhash_rejects_unknown_version));
