# The percpu allocator (mm/percpu.c): its first chunk from memblock over simulated
# memory on four nodes, further chunks from an emulated backend in the test (mmap'd
# address space), checked against brute-force scans of the area maps.
HOST_TESTS += percpu
percpu_SRCS := mm/percpu.c mm/memblock.c tests/host/sim_mem.c tests/host/memblock_handover.c tests/host/host_mutex.c
