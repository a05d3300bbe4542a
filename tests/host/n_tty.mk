# The n_tty line discipline (drivers/tty/n_tty.c) fed bytes, with its echo captured.
HOST_TESTS += n_tty
n_tty_SRCS := drivers/tty/n_tty.c
