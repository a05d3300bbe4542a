# The page allocator (mm/page_alloc.c and its boot set-up) over simulated memory and a
# malloc'd vmemmap: zones, buddy, pcp lists, fallbacks, watermarks, /proc printers.
HOST_TESTS += page_alloc
page_alloc_SRCS := mm/memblock.c mm/page_alloc.c mm/mm_init.c mm/sparse.c mm/vmstat.c \
	mm/mmzone.c fs/seq_file.c arch/arm64/mm/init.c lib/fdt.c lib/cmdline.c lib/math/int_sqrt.c lib/kstrtox.c \
	tests/host/sim_mem.c tests/host/sim_boot.c \
	tests/host/percpu_emul.c lib/string_helpers.c \
	tests/host/host_smp.c tests/host/stub_workqueue.c tests/host/host_kthread.c \
	mm/page-writeback.c lib/flex_proportions.c tests/host/stub_writeback.c tests/host/host_slab.c tests/host/stub_proc.c \
	tests/host/host_mutex.c lib/iov_iter.c tests/host/stub_d_path.c tests/host/stub_reclaim.c \
	tests/host/stub_page_owner.c
