# fs/binfmt_script.c: the #! line parser, against Linux's rules for what the line may be.
HOST_TESTS += exec
exec_SRCS := fs/binfmt_script.c
