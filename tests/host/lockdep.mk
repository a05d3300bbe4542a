# The lock validator's own tests: the cases of its boot self-test
# (kernel/locking/lockdep_selftest.c), each provoking a report on purpose, run on the host.
HOST_TESTS += lockdep
lockdep_SRCS := kernel/locking/lockdep_selftest.c tests/host/host_mutex.c tests/host/host_rwsem.c
