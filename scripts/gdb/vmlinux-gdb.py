# gdb helpers for this kernel, in the spirit of Linux's scripts/gdb: `source` this file in
# gdb-multiarch with vmlinux loaded (make debug does), then `help user-defined` lists them:
# lx-dmesg, lx-ps, lx-cpus, lx-memblock, lx-buddyinfo, lx-pagetypeinfo, lx-zoneinfo,
# lx-page, lx-pcplist, lx-slabinfo.
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import linux.dmesg  # noqa: E402,F401  (each module registers its commands)
import linux.tasks  # noqa: E402,F401
import linux.mm  # noqa: E402,F401
import linux.slab  # noqa: E402,F401
