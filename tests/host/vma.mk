# The VMA layer (mm/mmap.c, mremap.c, mprotect.c, madvise.c, mlock.c, gup.c, util.c)
# against a page-by-page model, with the page tables stubbed by one flat table of the
# test's address window (test_vma.c).
HOST_TESTS += vma
vma_SRCS := mm/mmap.c mm/mremap.c mm/mprotect.c mm/madvise.c mm/mlock.c mm/gup.c mm/util.c \
	mm/rmap.c lib/rbtree.c tests/host/host_slab.c tests/host/host_rwsem.c tests/host/host_folio.c
