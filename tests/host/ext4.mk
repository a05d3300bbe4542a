# fs/ext4 on images made by Debian's mke2fs (tests/host/test_ext4.c): mount checks,
# checksums, extent trees, block allocation and truncate, e2fsck -fn after every change.
HOST_TESTS += ext4
ext4_SRCS := fs/ext4/super.c fs/ext4/inode.c fs/ext4/extents.c fs/ext4/balloc.c \
	fs/ext4/mballoc.c fs/ext4/bitmap.c fs/ext4/ext4_jbd2.c fs/ext4/orphan.c $(wildcard fs/jbd2/*.c) fs/attr.c lib/libcrc32c.c \
	tests/host/bdev_image.c tests/host/ext4_host.c kernel/sched/wait.c tests/host/host_jbd2.c tests/host/host_ext4_bmap.c \
	lib/string_helpers.c tests/host/host_slab.c \
	tests/host/host_mutex.c tests/host/host_rwsem.c
ext4_CFLAGS := -Itests/host/ext4/include -Ifs/ext4
