# The VFS on the host: path walk, the dcache, fd tables, ramfs and the page cache, and
# the initramfs unpacker (init/initramfs.c) fed good and damaged archives.
HOST_TESTS += vfs
vfs_SRCS := mm/system_hash.c fs/dcache.c fs/inode.c fs/namei.c fs/namespace.c fs/super.c fs/filesystems.c \
	fs/file.c fs/file_table.c fs/fs_struct.c fs/libfs.c fs/attr.c fs/stat.c fs/open.c \
	fs/read_write.c fs/d_path.c fs/init.c fs/char_dev.c fs/utimes.c fs/ramfs/inode.c mm/shmem.c lib/cmdline.c lib/string_helpers.c \
	mm/filemap.c mm/truncate.c mm/readahead.c mm/page-writeback.c mm/backing-dev.c lib/flex_proportions.c \
	fs/sysfs/sysfs.c fs/debugfs/inode.c drivers/base/core.c lib/kobject.c lib/kasprintf.c \
	fs/fs-writeback.c fs/sync.c fs/buffer.c kernel/sched/wait_bit.c tests/host/host_kthread.c \
	tests/host/percpu_emul.c \
	lib/xarray.c lib/iov_iter.c init/initramfs.c init/do_mounts.c \
	lib/decompress.c lib/decompress_inflate.c lib/zlib_inflate/inflate.c lib/kstrtox.c \
	fs/seq_file.c tests/host/stub_blk.c drivers/base/devtmpfs.c tests/host/stub_proc.c \
	tests/host/host_vfs.c tests/host/host_slab.c tests/host/host_mutex.c tests/host/host_rwsem.c tests/host/sim_mem.c
