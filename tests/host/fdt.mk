# Host tests of the device-tree reader (lib/fdt.c) and the early scanning layer
# (drivers/of); the trees come from QEMU's virt machine, dumped by tests/host/dtb/make-dtbs.sh.
HOST_TESTS += fdt
fdt_SRCS := lib/fdt.c lib/string_helpers.c drivers/of/fdt.c drivers/of/of_numa.c
fdt_DTB_DIR := $(O)/host/dtb
fdt_CFLAGS := -DDTB_DIR='"$(fdt_DTB_DIR)"'

$(fdt_DTB_DIR)/.stamp: tests/host/dtb/make-dtbs.sh
	$(Q)tests/host/dtb/make-dtbs.sh $(fdt_DTB_DIR)
	@touch $@

$(O)/host/test_fdt: $(fdt_DTB_DIR)/.stamp
