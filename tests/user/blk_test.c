/*
 * /dev/vda from user space, as init, on the disk image tests/boot/cases.py writes: reads
 * of what the host put there (aligned, unaligned, across pages, at and past the end), a
 * written pattern read back and fsynced for the host to find, and seek limits. With the
 * argument "eio" the disk fails every write (QEMU's blkdebug): write and fsync give EIO.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include "ktap.h"

#define DISK_SIZE	(64LL << 20)
#define PAT_OFF		(1 << 20)	/* the host's pattern: byte i is (i * 7) & 0xff */
#define PAT_LEN		8192
#define WR_OFF		((2 << 20) + 3)	/* the guest's pattern: byte i is (i * 13 + 1) & 0xff */
#define WR_LEN		6000
#define FAULT_OFF	(3 << 20)	/* whole blocks of 0xc3 from a buffer running into a hole */
#define HEADER		"virtio-blk test image\n"
#define TAIL		"last sector"

static char buf[16384];

static void test_reads(int fd)
{
	int same = 1;
	ssize_t n;

	n = pread(fd, buf, sizeof(HEADER) - 1, 0);
	CHECK("read_header", n == sizeof(HEADER) - 1 && !memcmp(buf, HEADER, (size_t)n),
	      "read %zd", n);
	n = pread(fd, buf, 5000, PAT_OFF + 100);
	for (int i = 0; i < 5000 && n == 5000; i++)
		same &= (unsigned char)buf[i] == (((i + 100) * 7) & 0xff);
	CHECK("read_unaligned_across_pages", n == 5000 && same, "read %zd, bytes %s", n,
	      same ? "right" : "wrong");
	n = pread(fd, buf, sizeof(buf), DISK_SIZE - 512);
	CHECK("read_last_sector_short", n == 512 && !memcmp(buf, TAIL, sizeof(TAIL)),
	      "read %zd", n);
	n = pread(fd, buf, 100, DISK_SIZE - 10);
	CHECK("read_across_end_short", n == 10, "read %zd", n);
	n = pread(fd, buf, 100, DISK_SIZE);
	CHECK("read_at_end_zero", n == 0, "read %zd", n);
	n = pread(fd, buf, 100, DISK_SIZE + 4096);
	CHECK("read_past_end_zero", n == 0, "read %zd", n);
}

/* The copy from user space stops at an unmapped page: only whole blocks reach the disk. */
static void test_write_fault(int fd)
{
	char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ssize_t n;

	munmap(p + 4096, 4096);
	memset(p + 4096 - 1000, 0xc3, 1000);
	n = pwrite(fd, p + 4096 - 1000, 2048, FAULT_OFF);
	CHECK("write_stops_at_hole_whole_blocks", n == 512, "wrote %zd errno %d", n, errno);
	munmap(p, 4096);
}

static void test_writes(int fd)
{
	int same = 1;
	ssize_t n;

	for (int i = 0; i < WR_LEN; i++)
		buf[i] = (char)((i * 13 + 1) & 0xff);
	n = pwrite(fd, buf, WR_LEN, WR_OFF);
	CHECK("write_unaligned", n == WR_LEN, "wrote %zd errno %d", n, errno);
	memset(buf, 0, WR_LEN);
	CHECK("lseek_set", lseek(fd, WR_OFF, SEEK_SET) == WR_OFF, "errno %d", errno);
	n = read(fd, buf, WR_LEN);
	for (int i = 0; i < WR_LEN && n == WR_LEN; i++)
		same &= (unsigned char)buf[i] == ((i * 13 + 1) & 0xff);
	CHECK("read_back_written", n == WR_LEN && same, "read %zd", n);
	CHECK("lseek_cur_after_read", lseek(fd, 0, SEEK_CUR) == WR_OFF + WR_LEN, "errno %d", errno);
	n = pwrite(fd, "ENDSENDS", 8, DISK_SIZE - 4);
	CHECK("write_across_end_short", n == 4, "wrote %zd", n);
	CHECK_ERR("write_at_end_enospc", pwrite(fd, "x", 1, DISK_SIZE), ENOSPC);
	test_write_fault(fd);
	CHECK("fsync", fsync(fd) == 0, "errno %d", errno);
}

static void test_device(int fd)
{
	struct stat st;

	CHECK("fstat_block_254_0", !fstat(fd, &st) && S_ISBLK(st.st_mode) &&
	      major(st.st_rdev) == 254 && minor(st.st_rdev) == 0, "mode %o rdev %lx",
	      st.st_mode, (unsigned long)st.st_rdev);
	CHECK("lseek_end_is_size", lseek(fd, 0, SEEK_END) == DISK_SIZE, "errno %d", errno);
	CHECK_ERR("lseek_past_end_einval", lseek(fd, DISK_SIZE + 1, SEEK_SET), EINVAL);
}

static void test_eio(int fd)
{
	ssize_t n = pread(fd, buf, sizeof(HEADER) - 1, 0);

	CHECK("eio_read_still_works", n == sizeof(HEADER) - 1 && !memcmp(buf, HEADER, (size_t)n),
	      "read %zd errno %d", n, errno);
	CHECK_ERR("eio_write_aligned", pwrite(fd, buf, 512, 4096), EIO);
	CHECK_ERR("eio_write_partial_block", pwrite(fd, buf, 100, 4196), EIO);
}

int main(int argc, char **argv)
{
	int fd;

	ktap_suite = "blk";
	CHECK("mount_devtmpfs", !mount("devtmpfs", "/dev", "devtmpfs", 0, NULL), "errno %d", errno);
	fd = open("/dev/vda", O_RDWR);
	CHECK("open_vda", fd >= 0, "errno %d", errno);
	if (fd < 0)
		return ktap_done();
	test_device(fd);
	test_reads(fd);
	if (argc > 1 && !strcmp(argv[1], "eio"))
		test_eio(fd);
	else
		test_writes(fd);
	CHECK("close", close(fd) == 0, "errno %d", errno);
	return ktap_done();
}
