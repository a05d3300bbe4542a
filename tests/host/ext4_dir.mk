# fs/ext4's directory side on images made by Debian's mke2fs (tests/host/test_ext4_dir.c):
# the htree hashes against debugfs's, lookups, readdir, every directory operation with
# e2fsck -fn after it. Built over the ext4 suite's sources and host stand-ins.
HOST_TESTS += ext4_dir
ext4_dir_SRCS := fs/ext4/hash.c fs/ext4/namei.c fs/ext4/dir.c fs/ext4/symlink.c \
	fs/ext4/ialloc.c lib/rbtree.c tests/host/ext4_dir_host.c $(ext4_SRCS)
ext4_dir_CFLAGS := $(ext4_CFLAGS)
