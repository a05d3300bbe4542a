# mm/rmap.c: anon_vma chains through fork trees, the rmap walk, mapcounts and the node's
# mapped counts, over plain VMAs and pages with counted stand-in slab caches.
HOST_TESTS += rmap
rmap_SRCS := mm/rmap.c tests/host/host_rwsem.c tests/host/host_folio.c
