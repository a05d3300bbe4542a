/* Symbols the linker script defines around the image's sections. */
#ifndef _ASM_SECTIONS_H
#define _ASM_SECTIONS_H

extern char _text[], _stext[], _etext[], __start_rodata[], __end_rodata[];
extern char __init_begin[], __init_end[], _sinittext[], _einittext[];
extern char _sdata[], _edata[], __bss_start[], __bss_stop[], _end[];
/* The static per-cpu section: the template each cpu's unit is copied from. */
extern char __per_cpu_start[], __per_cpu_end[];
/* The scheduler's functions (__sched, linux/sched/debug.h). */
extern char __sched_text_start[], __sched_text_end[];

#endif
