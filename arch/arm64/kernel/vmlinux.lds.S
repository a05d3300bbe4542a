/*
 * The kernel image, linked at KIMAGE_VADDR. Segments start on 64 KiB boundaries so that
 * paging_init can map text RX, rodata R, init and data RW with the right permissions.
 */
#include <asm/memory.h>
#include <asm/pgtable-hwdef.h>

#define SEGMENT_ALIGN	0x10000

OUTPUT_ARCH(aarch64)
ENTRY(_text)

/* Boot page tables: level 0 plus up to two tables at each of levels 1 and 2 (the image
 * may straddle a 1 GiB or a 512 GiB boundary). */
#define INIT_DIR_SIZE	(PAGE_SIZE * 5)

SECTIONS
{
	/DISCARD/ : { *(.discard) *(.discard.*) *(.note.GNU-stack) *(.eh_frame) *(.comment) }

	. = KIMAGE_VADDR;

	.head.text : {
		_text = .;
		KEEP(*(.head.text))
	}
	.text : ALIGN(SEGMENT_ALIGN) {
		_stext = .;
		*(.text.hot .text.hot.*)
		*(.text .text.*)
		/* The scheduler's functions (__sched), which get_wchan looks past. */
		__sched_text_start = .;
		*(.sched.text)
		__sched_text_end = .;
		*(.fixup)
		_etext_code = .;
	}
	. = ALIGN(SEGMENT_ALIGN);
	_etext = .;

	.rodata : {
		__start_rodata = .;
		*(.rodata .rodata.*)
	}
	/* Where a fault in a uaccess routine resumes (arch/arm64/mm/extable.c). */
	__ex_table : ALIGN(8) {
		__start___ex_table = .;
		KEEP(*(__ex_table))
		__stop___ex_table = .;
	}
	. = ALIGN(PAGE_SIZE);
	/* Zero-filled tables in the image: TTBR0 (and TTBR1 while switching) when empty. */
	reserved_pg_dir = .;
	. += PAGE_SIZE;
	swapper_pg_dir = .;
	. += PAGE_SIZE;
	/* entry.S finds reserved_pg_dir as the page below TTBR1's swapper_pg_dir. */
	ASSERT(swapper_pg_dir - reserved_pg_dir == PAGE_SIZE, "reserved_pg_dir must precede swapper_pg_dir")
	. = ALIGN(SEGMENT_ALIGN);
	__end_rodata = .;

	/* Init text (RX) and init data (RW) are separate segments, as in Linux. */
	__init_begin = .;
	__inittext_begin = .;
	.init.text : {
		_sinittext = .;
		*(.init.text .init.text.*)
		_einittext = .;
	}
	. = ALIGN(SEGMENT_ALIGN);
	__inittext_end = .;
	__initdata_begin = .;
	.init.data : ALIGN(16) {
		*(.init.rodata .init.rodata.*)
		. = ALIGN(16);
		__setup_start = .;
		KEEP(*(.init.setup))
		__setup_end = .;
		. = ALIGN(16);
		__initcall_start = .;
		KEEP(*(.initcallearly.init))
		__initcall7_start = .;
		KEEP(*(.initcall7.init))
		__initcall_end = .;
		__selftests_start = .;
		KEEP(*(.init.selftests))
		__selftests_end = .;
		__benchmarks_start = .;
		KEEP(*(.init.benchmarks))
		__benchmarks_end = .;
		*(.init.data .init.data.*)
	}
	/*
	 * The static per-cpu variables: only a template once setup_per_cpu_areas has copied
	 * it into every cpu's unit, so it sits in init data as in Linux. Placed before .data,
	 * whose .data.* would otherwise take its input sections.
	 */
	.data..percpu : ALIGN(PAGE_SIZE) {
		__per_cpu_start = .;
		*(.data..percpu..first)
		. = ALIGN(PAGE_SIZE);
		*(.data..percpu..page_aligned)
		. = ALIGN(64);
		*(.data..percpu..read_mostly)
		. = ALIGN(64);
		*(.data..percpu)
		*(.data..percpu..shared_aligned)
		__per_cpu_end = .;
	}
	. = ALIGN(SEGMENT_ALIGN);
	__initdata_end = .;
	__init_end = .;

	_data = .;
	_sdata = .;
	.data : {
		*(.data .data.*)
		*(.got .got.*)
	}
	/* Last of the loaded image: its size may change between the two links. */
	.kallsyms : ALIGN(8) {
		KEEP(*(.kallsyms))
	}
	. = ALIGN(PAGE_SIZE);
	_edata = .;

	.bss (NOLOAD) : ALIGN(16) {
		__bss_start = .;
		*(.bss .bss.*)
		*(COMMON)
		. = ALIGN(16);
		__bss_stop = .;
	}
	. = ALIGN(PAGE_SIZE);
	init_idmap_pg_dir = .;
	. += INIT_DIR_SIZE;
	init_idmap_pg_end = .;
	init_pg_dir = .;
	. += INIT_DIR_SIZE;
	init_pg_end = .;
	/*
	 * Page aligned, not SEGMENT_ALIGN as in Linux: the last segment is mapped by pages
	 * either way, and padding here would stay reserved for good (up to 60K of RAM).
	 */
	_end = .;

	/DISCARD/ : { *(.interp) *(.dynamic) *(.dynsym) *(.dynstr) *(.hash) *(.gnu.hash) }
}

/* Image header fields (head.S), little endian. Flags: 4K pages (bit 1), anywhere (bit 3). */
_kernel_size_le = _end - _text;
_kernel_flags_le = (1 << 1) | (1 << 3);

ASSERT(_text == KIMAGE_VADDR, "the image must start at KIMAGE_VADDR")

/*
 * What map_range (head.S) takes from the pool after each level 0 table, to map the image
 * in 2 MiB blocks at any 2 MiB aligned address: a table per 512 GiB and per 1 GiB spanned,
 * one more at each level for a boundary the image may straddle (Linux's EARLY_PAGES).
 * head.S still checks the pool, but a build that can overrun it stops here.
 */
#define EARLY_TABLES(shift)	(((ALIGN(_end, SWAPPER_BLOCK_SIZE) - _text - 1) >> (shift)) + 2)
ASSERT(INIT_DIR_SIZE >= PAGE_SIZE * (1 + EARLY_TABLES(PGDIR_SHIFT) + EARLY_TABLES(PUD_SHIFT)),
       "INIT_DIR_SIZE: too few boot page tables for the image")
