# lib/vsprintf.c for every host suite (no suite of its own): the kernel's scnprintf and
# vscnprintf, which libc lacks, with the kernel's formats. vsnprintf, snprintf and sprintf,
# which libc has too, stay inside the object (localized), so libc's serve the rest of the
# binary; %pS's kallsyms_lookup becomes ktest.c's host_kallsyms_lookup. Built freestanding
# like the klib suite's objects, and put in an archive, so a suite links it only if it
# calls it.
HOST_KERNEL_LIB := $(O)/host/kernel/libkernel.a
HOST_VSPRINTF_LOCAL := vsnprintf snprintf sprintf

$(O)/host/kernel/vsprintf.raw.o: lib/vsprintf.c tests/host/kernel_lib.mk $(wildcard include/linux/*.h)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) $(KLIB_CFLAGS) -c $< -o $@

$(O)/host/kernel/vsprintf.o: $(O)/host/kernel/vsprintf.raw.o
	$(Q)$(HOST_OBJCOPY) $(addprefix --localize-symbol=,$(HOST_VSPRINTF_LOCAL)) \
		--redefine-sym kallsyms_lookup=host_kallsyms_lookup $< $@

$(HOST_KERNEL_LIB): $(O)/host/kernel/vsprintf.o
	$(Q)rm -f $@ && ar rcs $@ $^
