# fs/ext4's directories against Debian's e2fsprogs: the htree hashes checked against
# debugfs's dx_hash.
HOST_TESTS += ext4_dir
ext4_dir_SRCS := fs/ext4/hash.c
ext4_dir_CFLAGS := -Itests/host/ext4/include
