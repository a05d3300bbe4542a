# mm/vmalloc.c's address-space layer (busy, free and lazily freed vmap areas) over the
# real vmalloc range, with the page allocator stubbed and the kernel's tables empty
# (test_vmalloc.c includes vmalloc.c itself, to check its trees).
HOST_TESTS += vmalloc
vmalloc_SRCS := lib/rbtree.c tests/host/host_mutex.c tests/host/sim_mem.c tests/host/stub_proc.c
$(O)/host/test_vmalloc: mm/vmalloc.c
