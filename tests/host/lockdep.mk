# The lock validator's own tests: the cases of its boot self-test (lib/test_lockdep.c,
# included by test_lockdep.c), each provoking a report on purpose, run on the host.
HOST_TESTS += lockdep
lockdep_SRCS := tests/host/host_mutex.c tests/host/host_rwsem.c
# Not compiled on its own, but a change must rebuild the test.
$(O)/host/test_lockdep: lib/test_lockdep.c
