# arch/arm64/mm/mmu.c's page-table builder over simulated physical memory (test_mmu.c
# includes mmu.c itself, to reach its static functions).
HOST_TESTS += mmu
mmu_SRCS := mm/memblock.c tests/host/sim_mem.c tests/host/memblock_handover.c
# Not compiled on its own, but a change must rebuild the test.
$(O)/host/test_mmu: arch/arm64/mm/mmu.c
