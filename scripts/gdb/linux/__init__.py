# The modules behind scripts/gdb/vmlinux-gdb.py's commands.
