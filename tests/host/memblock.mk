# mm/memblock.c over simulated physical memory (tests/host/sim_mem.c).
HOST_TESTS += memblock
memblock_SRCS := mm/memblock.c tests/host/sim_mem.c tests/host/memblock_handover.c
