# lib/vsprintf.c and tests/host/host_task.c for every host suite (no suite of their own):
# the task the tests run as, and the kernel's scnprintf and
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

# The task host tests run as (get_current), freestanding too: see tests/host/host_task.c.
$(O)/host/kernel/host_task.o: tests/host/host_task.c $(wildcard include/linux/*.h include/asm/*.h)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) $(KLIB_CFLAGS) -c $< -o $@

$(HOST_KERNEL_LIB): $(O)/host/kernel/vsprintf.o $(O)/host/kernel/host_task.o
	$(Q)rm -f $@ && ar rcs $@ $^
