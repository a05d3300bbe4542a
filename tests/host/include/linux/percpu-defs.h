/*
 * Host build of include/linux/percpu-defs.h: the kernel's, except that per-cpu variables
 * all go to one section, "host_percpu", whose bounds the linker gives as
 * __start_host_percpu/__stop_host_percpu, so tests/host/percpu_emul.c can copy it for
 * each cpu (the host has no linker script to gather .data..percpu*).
 */
#ifndef _HOST_LINUX_PERCPU_DEFS_H
#define _HOST_LINUX_PERCPU_DEFS_H

#include_next <linux/percpu-defs.h>

#undef DECLARE_PER_CPU_SECTION
#undef DEFINE_PER_CPU_SECTION
#define DECLARE_PER_CPU_SECTION(type, name, sec)	extern __typeof__(type) name
#define DEFINE_PER_CPU_SECTION(type, name, sec)					\
	__attribute__((__section__("host_percpu"))) __typeof__(type) name

#endif
