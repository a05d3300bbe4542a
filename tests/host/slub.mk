# SLUB (mm/slub.c, mm/slab_common.c) on top of the page allocator over simulated memory:
# caches, kmalloc classes, merging, slub_debug reports, partial lists; one simulated boot.
HOST_TESTS += slub
slub_SRCS := mm/slub.c mm/slab_common.c mm/memblock.c mm/page_alloc.c mm/mm_init.c \
	mm/sparse.c mm/vmstat.c mm/mmzone.c fs/seq_file.c arch/arm64/mm/init.c lib/fdt.c lib/cmdline.c lib/math/int_sqrt.c \
	lib/kstrtox.c tests/host/sim_mem.c tests/host/sim_boot.c lib/string_helpers.c \
	tests/host/host_smp.c tests/host/percpu_emul.c tests/host/stub_workqueue.c \
	tests/host/host_mutex.c tests/host/host_kthread.c mm/page-writeback.c lib/flex_proportions.c tests/host/stub_writeback.c \
	tests/host/stub_proc.c lib/iov_iter.c tests/host/stub_d_path.c tests/host/stub_reclaim.c \
	tests/host/stub_page_owner.c
