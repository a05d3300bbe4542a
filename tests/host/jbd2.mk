# fs/jbd2 on ext4 images made by Debian's mke2fs and journals written by its debugfs
# (tests/host/test_jbd2.c): replay compared with e2fsck's, commits, revokes, checkpoints,
# refused journals. kjournald2 runs as a thread (tests/host/host_jbd2.c) and sleeps on
# kernel/sched/wait.c's wait queues.
HOST_TESTS += jbd2
jbd2_SRCS := $(wildcard fs/jbd2/*.c) lib/libcrc32c.c tests/host/bdev_image.c \
	kernel/sched/wait.c tests/host/host_jbd2.c tests/host/host_slab.c tests/host/host_mutex.c
jbd2_CFLAGS := -Itests/host/ext4/include -pthread
