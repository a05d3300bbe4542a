# Host test of lib/{string,vsprintf,kstrtox,cmdline}.c: each is built as kernel code
# (-D__KERNEL__ -fno-builtin) and every function it defines is renamed with a k_ prefix
# (k_memcpy, k_vsnprintf, ...), so the test compares it against libc in one binary.
HOST_TESTS += klib

KLIB_SRCS := lib/string.c lib/string_helpers.c lib/vsprintf.c lib/kstrtox.c lib/cmdline.c
KLIB_RAW := $(patsubst lib/%.c,$(O)/host/klib/%.raw.o,$(KLIB_SRCS))
KLIB_OBJS := $(patsubst lib/%.c,$(O)/host/klib/%.o,$(KLIB_SRCS))
KLIB_SYMS := $(O)/host/klib/redefine.syms
HOST_NM ?= nm
HOST_OBJCOPY ?= objcopy

klib_SRCS := $(KLIB_OBJS)

# Freestanding like the kernel build: the compiler's own stdint.h and friends, no libc
# header, so nothing of libc's can clash with ours; the sanitizers still instrument it.
KLIB_CFLAGS := -D__KERNEL__ -ffreestanding -fno-builtin -nostdinc \
	-isystem $(shell $(HOSTCC) -print-file-name=include)

$(KLIB_RAW): $(O)/host/klib/%.raw.o: lib/%.c tests/host/klib.mk $(wildcard include/linux/*.h)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) $(KLIB_CFLAGS) -c $< -o $@

# One list for all four objects, so a call from vsprintf.c to memcpy becomes k_memcpy too.
$(KLIB_SYMS): $(KLIB_RAW)
	$(Q)$(HOST_NM) --defined-only $^ | awk '$$2 == "T" { print $$3, "k_" $$3 }' | sort -u > $@

$(KLIB_OBJS): $(O)/host/klib/%.o: $(O)/host/klib/%.raw.o $(KLIB_SYMS)
	$(Q)$(HOST_OBJCOPY) --redefine-syms=$(KLIB_SYMS) $< $@
