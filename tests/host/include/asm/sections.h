/*
 * Host build of include/asm/sections.h: the image's section symbols under names of
 * their own, "host_image" + the kernel's name, since the host's linker script defines
 * _edata, __bss_start and _end for the test binary itself. tests/host/sim_boot.c lays
 * them out; test_mmu.c defines its own.
 */
#ifndef _ASM_SECTIONS_H
#define _ASM_SECTIONS_H

#define __host_image_symbol(name)	extern char name[] __asm__("host_image" #name)

__host_image_symbol(_text);
__host_image_symbol(_stext);
__host_image_symbol(_etext);
__host_image_symbol(__start_rodata);
__host_image_symbol(__end_rodata);
__host_image_symbol(__init_begin);
__host_image_symbol(__init_end);
__host_image_symbol(_sinittext);
__host_image_symbol(_einittext);
__host_image_symbol(_sdata);
__host_image_symbol(_edata);
__host_image_symbol(__bss_start);
__host_image_symbol(__bss_stop);
__host_image_symbol(_end);
/* The static per-cpu section, which test_percpu.c places. */
extern char __per_cpu_start[], __per_cpu_end[];

#endif
