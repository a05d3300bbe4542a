# lib/rbtree.c: random insertions and erasures, red-black rules and an augmented
# subtree maximum checked after every step.
HOST_TESTS += rbtree
rbtree_SRCS := lib/rbtree.c
