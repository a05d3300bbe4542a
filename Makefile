# Build, run and test the kernel. `make` builds arch/arm64/boot/Image; `make run` boots it;
# `make test` runs the host unit tests and the QEMU boot tests; see README.md.

CROSS_COMPILE	?= aarch64-linux-gnu-
CC		:= $(CROSS_COMPILE)gcc
LD		:= $(CROSS_COMPILE)ld
OBJCOPY		:= $(CROSS_COMPILE)objcopy
NM		:= $(CROSS_COMPILE)nm
HOSTCC		?= cc
O		:= build
# uname -r: a Linux release number, because static glibc refuses kernels it thinks too old.
UTS_RELEASE	:= 6.1.0-mmlab

# CONFIG_DEBUG_VM: the VM_BUG_ON checks; `make bench` builds without them.
DEBUG_VM	?= 1
# CONFIG_PROVE_LOCKING: the lock validator (kernel/locking/lockdep.c), with the debug build.
PROVE_LOCKING	?= $(DEBUG_VM)
# CONFIG_ARM64_SW_TTBR0_PAN: on cpus without PAN (cortex-a57), keep user memory out of
# the kernel's reach outside uaccess by switching TTBR0 (Linux's option, default n there).
# On in the debug builds, so the tests check it; `make bench` measures without it, as the
# lean Linux it is compared with, and once more with it (Documentation/build-run-test.md).
SW_TTBR0_PAN	?= $(DEBUG_VM)
# CONFIG_SELFTESTS: link in the boot self-tests and benchmarks (Linux's CONFIG_TEST_* and
# KUnit). `make test` and `make bench` build with it, each in a build directory of its
# own; a plain `make` links none of them.
CONFIG_SELFTESTS ?= 0

KCFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	-ffreestanding -fno-common -fno-stack-protector -fno-pic -fno-pie \
	-mgeneral-regs-only -mno-outline-atomics -fno-omit-frame-pointer \
	-mno-omit-leaf-frame-pointer -fno-optimize-sibling-calls -fno-strict-aliasing -fno-delete-null-pointer-checks \
	-nostdinc -isystem $(shell $(CC) -print-file-name=include 2>/dev/null) \
	-Iinclude -D__KERNEL__ -DUTS_RELEASE='"$(UTS_RELEASE)"' \
	$(if $(filter 1,$(DEBUG_VM)),-DCONFIG_DEBUG_VM) \
	$(if $(filter 1,$(PROVE_LOCKING)),-DCONFIG_PROVE_LOCKING) \
	$(if $(filter 1,$(SW_TTBR0_PAN)),-DCONFIG_ARM64_SW_TTBR0_PAN)
KAFLAGS := $(filter-out -std=gnu11 -Wno-unused-parameter,$(KCFLAGS)) -D__ASSEMBLY__
KLDFLAGS := -nostdlib -z noexecstack --no-warn-rwx-segments -z max-page-size=4096

# The self-tests' runner, then the suites and benchmarks in the order their initcalls run
# (link order, as in Linux's lib/Makefile).
SELFTEST_SRC := lib/selftest.c lib/test_irq.c lib/test_page_alloc.c lib/test_slub.c \
	lib/test_smp.c lib/test_vmalloc.c lib/test_percpu.c lib/test_sched.c lib/test_lockdep.c \
	fs/vfs_selftest.c lib/test_filemap.c block/blk_selftest.c lib/test_writeback.c lib/page_alloc_benchmark.c lib/vmalloc_benchmark.c lib/slub_benchmark.c
KSRC := $(filter-out %.lds.S $(SELFTEST_SRC),$(wildcard arch/arm64/kernel/*.c arch/arm64/kernel/*.S \
	arch/arm64/mm/*.c arch/arm64/lib/*.S init/*.c kernel/*.c kernel/*/*.c mm/*.c lib/*.c lib/*/*.c fs/*.c fs/*/*.c \
	drivers/*/*.c drivers/*/*/*.c block/*.c block/*/*.c)) $(if $(filter 1,$(CONFIG_SELFTESTS)),$(SELFTEST_SRC))
KOBJ := $(patsubst %,$(O)/%.o,$(basename $(KSRC)))
# The switches a build in $(O) was made with, rewritten when they change: objects and the
# link depend on it, so a plain `make` after `make CONFIG_SELFTESTS=1` (or DEBUG_VM=0) in
# the same directory rebuilds instead of keeping the other build's objects and vmlinux.
BUILD_CONFIG := $(O)/.config
BUILD_SWITCHES := DEBUG_VM=$(DEBUG_VM) CONFIG_SELFTESTS=$(CONFIG_SELFTESTS) \
	PROVE_LOCKING=$(PROVE_LOCKING) SW_TTBR0_PAN=$(SW_TTBR0_PAN)
$(shell mkdir -p $(O) && { [ "$$(cat $(BUILD_CONFIG) 2>/dev/null)" = "$(BUILD_SWITCHES)" ] || \
	echo "$(BUILD_SWITCHES)" > $(BUILD_CONFIG); })
LDS := $(O)/arch/arm64/kernel/vmlinux.lds
# Where the linked kernel goes: Linux's places by default; the bench build keeps its own.
VMLINUX ?= vmlinux
SYSMAP ?= System.map
IMAGE ?= arch/arm64/boot/Image

# The banner's build facts, only where the banner is compiled.
# The build date is read once, so the command saved in .main.o.cmd is the one that ran.
BUILD_DATE := $(shell date -u)
$(O)/init/main.o: KCFLAGS += -DLINUX_COMPILE_BY='"$(shell whoami)@$(shell hostname)"' \
	-DLINUX_COMPILER='"$(shell $(CC) --version | head -1), $(shell $(LD) --version | head -1)"' \
	-DUTS_VERSION='"\#1 SMP $(BUILD_DATE)"'

# The self-test build (`make test`, `make boot-test`): its own directory and Image, which
# tests/boot boots; the plain build stays in $(O) and arch/arm64/boot/Image.
TEST_O := build-test
TEST_BUILD := CONFIG_SELFTESTS=1 O=$(TEST_O) VMLINUX=$(TEST_O)/vmlinux \
	SYSMAP=$(TEST_O)/System.map IMAGE=$(TEST_O)/Image
SELFTEST_OBJS := $(patsubst %.c,$(TEST_O)/%.o,$(SELFTEST_SRC))

.PHONY: all run disk test host-test boot-test bench bench-storage debug deps clean selftest-objs user tags fuzz \
	compile_commands.json
all: $(IMAGE)

# V=1 shows the commands.
Q := $(if $(filter 1,$(V)),,@)

# Each object's command is saved beside it in .NAME.o.cmd, as Linux's Kbuild does, for
# tools/gen_compile_commands.py; the objects depend on this Makefile, where their flags live,
# and on the build's switches.
cmd_cc = $(CC) $(KCFLAGS) -MMD -MP -c $< -o $@
cmd_as = $(CC) $(KAFLAGS) -MMD -MP -c $< -o $@
squote := '
escsq = $(subst $(squote),'\$(squote)',$1)
savecmd = printf '%s\n' 'cmd_$@ := $(call escsq,$(cmd_$(1)))' > $(dir $@).$(notdir $@).cmd

$(O)/%.o: %.c Makefile $(BUILD_CONFIG)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(cmd_cc)
	@$(call savecmd,cc)

$(O)/%.o: %.S Makefile $(BUILD_CONFIG)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  AS      $<")
	$(Q)$(cmd_as)
	@$(call savecmd,as)

$(LDS): arch/arm64/kernel/vmlinux.lds.S
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(KAFLAGS) -E -P -MMD -MP -MT $@ -x assembler-with-cpp $< -o $@

# Two links: the first gives the symbol addresses, the second adds the kallsyms table in
# a section placed after everything it describes, so no described address moves.
$(O)/.tmp_vmlinux: $(KOBJ) $(LDS) $(O)/kallsyms_empty.o $(BUILD_CONFIG)
	$(Q)$(LD) $(KLDFLAGS) -T $(LDS) -o $@ $(KOBJ) $(O)/kallsyms_empty.o

$(O)/kallsyms_empty.o: tools/kallsyms.py
	@mkdir -p $(O)
	$(Q)python3 tools/kallsyms.py --empty > $(O)/kallsyms_empty.S
	$(Q)$(CC) $(KAFLAGS) -c $(O)/kallsyms_empty.S -o $@

$(O)/kallsyms.o: $(O)/.tmp_vmlinux tools/kallsyms.py
	$(Q)$(NM) -n $< | python3 tools/kallsyms.py > $(O)/kallsyms.S
	$(Q)$(CC) $(KAFLAGS) -c $(O)/kallsyms.S -o $@

$(VMLINUX): $(KOBJ) $(LDS) $(O)/kallsyms.o $(BUILD_CONFIG)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(LD) $(KLDFLAGS) -T $(LDS) -Map $(O)/System.map.full -o $@ $(KOBJ) $(O)/kallsyms.o
	$(Q)$(NM) -n $@ > $(SYSMAP)
	@cmp -s <($(NM) -n $(O)/.tmp_vmlinux | grep -i ' t ') <(grep -i ' t ' $(SYSMAP)) \
		|| { echo "kallsyms: text moved between links"; rm -f $@; exit 1; }

$(IMAGE): $(VMLINUX)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  OBJCOPY $@")
	$(Q)$(OBJCOPY) -O binary -R .note -R .note.gnu.build-id -R .comment -S $< $@

SHELL := /bin/bash

# ---- tests ------------------------------------------------------------------------------
deps:
	@tools/install-deps

HOSTCFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
	-Itests/host/include -Iinclude -DCONFIG_DEBUG_VM -DCONFIG_PROVE_LOCKING
# Every suite checks its locking: the validator, and what it needs from a host.
HOST_LOCKDEP_SRCS := kernel/locking/lockdep.c kernel/locking/spinlock_debug.c \
	tests/host/host_lockdep.c
HOST_TESTS :=
include $(wildcard tests/host/*.mk)
HOST_BINS := $(patsubst %,$(O)/host/test_%,$(HOST_TESTS))

# Each tests/host/NAME.mk adds NAME to HOST_TESTS and lists NAME_SRCS (kernel sources);
# every suite links tests/host/ktest.c and HOST_KERNEL_LIB (tests/host/kernel_lib.mk).
define host_test_rule
$(O)/host/test_$(1): tests/host/test_$(1).c $$($(1)_SRCS) tests/host/ktest.c $$(HOST_LOCKDEP_SRCS) $$(HOST_KERNEL_LIB) $$(wildcard tests/host/include/*/*.h include/*/*.h)
	@mkdir -p $$(dir $$@)
	@$$(if $$(Q),echo "  HOSTCC  $$@")
	$$(Q)$$(HOSTCC) $$(HOSTCFLAGS) $$($(1)_CFLAGS) -o $$@ tests/host/test_$(1).c tests/host/ktest.c \
		$$(HOST_LOCKDEP_SRCS) $$($(1)_SRCS) $$(HOST_KERNEL_LIB)
endef
$(foreach t,$(HOST_TESTS),$(eval $(call host_test_rule,$(t))))

host-test: $(HOST_BINS)
	@tools/run-host-tests $(HOST_BINS)

# Static arm64 test programs for the test initramfs (tests/boot/cases.py packs them).
USER_CC		:= aarch64-linux-gnu-gcc
USER_CFLAGS	:= -static -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter -pthread
# tests/user/dyn_*.c: dynamically linked (PIE, ld-linux-aarch64.so.1), against the cross
# glibc; at run time they get Debian's libc6:arm64 of the same release (tools/install-deps).
$(O)/user/dyn_%: USER_CFLAGS := $(filter-out -static,$(USER_CFLAGS))
USER_BINS	:= $(patsubst tests/user/%.c,$(O)/user/%,$(wildcard tests/user/*.c))

$(O)/user/%: tests/user/%.c tests/user/ktap.h tests/user/faults.h
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  USERCC  $@")
	$(Q)$(USER_CC) $(USER_CFLAGS) -o $@ $<

# Linux's tools/vm/page-types, unchanged, static, from Debian's linux-source-6.1
# (tools/install-deps unpacks it): the procps boot case runs it from /bin.
LINUX_TOOLS	:= build/deps/linux-source-6.1/tools
USER_BINS	+= $(O)/user/page-types
$(O)/user/page-types: $(LINUX_TOOLS)/vm/page-types.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  USERCC  $@")
	$(Q)$(USER_CC) -static -O2 -I$(LINUX_TOOLS)/lib -I$(LINUX_TOOLS)/lib/api -I$(LINUX_TOOLS)/include \
		-o $@ $< $(LINUX_TOOLS)/lib/api/fs/fs.c $(LINUX_TOOLS)/lib/api/debug.c

# Linux's tools/vm/page_owner_sort, unchanged, static: the page_owner boot case sorts
# /sys/kernel/debug/page_owner with it.
USER_BINS	+= $(O)/user/page_owner_sort
$(O)/user/page_owner_sort: $(LINUX_TOOLS)/vm/page_owner_sort.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  USERCC  $@")
	$(Q)$(USER_CC) -static -O2 -o $@ $<

user: $(USER_BINS)

boot-test: $(USER_BINS)
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory $(TEST_BUILD) all
	@tools/run-tests

test: deps
	@$(MAKE) --no-print-directory all $(HOST_BINS) $(USER_BINS)
	@$(MAKE) --no-print-directory $(TEST_BUILD) all
	@tools/run-tests $(HOST_BINS)

# The system call fuzzer's long run (tests/user/fuzz.c as init): FUZZ_CALLS calls, the
# seed FUZZ_SEED if given (each run prints its own); make test runs a short one.
FUZZ_CALLS	?= 1000000
fuzz: deps
	@$(MAKE) --no-print-directory $(USER_BINS)
	@$(MAKE) --no-print-directory $(TEST_BUILD) all
	@FUZZ_CALLS=$(FUZZ_CALLS) FUZZ_SEED=$(FUZZ_SEED) python3 tests/boot/run.py -k fuzz-long -v

# make run's initramfs: Debian's static busybox (tools/install-deps) and usr/init.
INITRAMFS := $(O)/initramfs.cpio.gz
$(INITRAMFS): usr/initramfs_list usr/init usr/gen_init_cpio.py build/deps/busybox/bin/busybox
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CPIO    $@")
	$(Q)python3 usr/gen_init_cpio.py -z usr/initramfs_list $@

# make disk: the same busybox tree as an ext4 image (tools/mkdisk, Debian's mke2fs -d), which
# `make run DISK=build/disk.img` boots as its root (root=/dev/vda, no initramfs).
DISK_IMG := $(O)/disk.img
$(DISK_IMG): usr/initramfs_list usr/init tools/mkdisk build/deps/busybox/bin/busybox
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  MKDISK  $@")
	$(Q)python3 tools/mkdisk usr/initramfs_list $@

disk: deps
	@$(MAKE) --no-print-directory $(DISK_IMG)

run: deps
	@$(MAKE) --no-print-directory all $(if $(DISK),,$(INITRAMFS))
	$(if $(DISK),DISK=$(DISK),INITRD=$(INITRAMFS)) tools/run

debug: deps
	@$(MAKE) --no-print-directory all
	tools/debug

bench: deps
	@$(MAKE) --no-print-directory DEBUG_VM=0 CONFIG_SELFTESTS=1 O=build-bench \
		VMLINUX=build-bench/vmlinux SYSMAP=build-bench/System.map IMAGE=build-bench/Image all
	@$(MAKE) --no-print-directory DEBUG_VM=0 SW_TTBR0_PAN=1 O=build-bench-swpan \
		VMLINUX=build-bench-swpan/vmlinux SYSMAP=build-bench-swpan/System.map \
		IMAGE=build-bench-swpan/Image all
	tools/bench build-bench/Image build-bench-swpan/Image
	@$(MAKE) --no-print-directory bench-storage

# The storage benchmarks, ours beside Linux 6.1's (tools/linux-lean builds it once, with
# what `tools/install-deps bench` installs: make test needs none of it).
bench-storage: deps
	@tools/install-deps bench
	@$(MAKE) --no-print-directory DEBUG_VM=0 CONFIG_SELFTESTS=1 O=build-bench \
		VMLINUX=build-bench/vmlinux SYSMAP=build-bench/System.map IMAGE=build-bench/Image all
	tools/bench-storage build-bench/Image $$(tools/linux-lean)

# For tools/check-plain-build: the objects a plain build must not link.
selftest-objs:
	@echo $(SELFTEST_OBJS)

# The compilation database clangd and other tools read, from the commands the build ran
# (always rewritten: it is cheap, and a .cmd file may be newer than it).
# The self-tests are in it too, as the self-test build compiles them.
compile_commands.json: $(KOBJ) tools/gen_compile_commands.py
	@$(MAKE) --no-print-directory $(TEST_BUILD) $(SELFTEST_OBJS)
	@$(if $(Q),echo "  GEN     $@")
	$(Q)python3 tools/gen_compile_commands.py -o $@ $(KOBJ) $(SELFTEST_OBJS)

# ctags and cscope indexes of the kernel sources and headers (not the tests).
TAG_SRCS = $(sort $(KSRC) $(SELFTEST_SRC)) $(wildcard include/*/*.h arch/arm64/*/*.h mm/*.h kernel/*/*.h)
tags:
	@tools/install-deps tags
	$(Q)ctags -o tags --languages=C,Asm --langmap=C:+.h $(TAG_SRCS)
	$(Q)printf '%s\n' $(TAG_SRCS) > cscope.files
	$(Q)cscope -b -q -k -i cscope.files

clean:
	rm -rf $(O) $(TEST_O) build-bench build-bench-swpan vmlinux System.map arch/arm64/boot/Image compile_commands.json \
		tags cscope.files cscope.out cscope.in.out cscope.po.out

-include $(KOBJ:.o=.d) $(LDS:.lds=.d)
