/*
 * A dynamically linked program for file_mmap_test: glibc's ld.so must have mapped libc
 * (file mappings, MAP_FIXED, RELRO mprotect) for it to print and to use its data. Exits
 * with a distinct code for each thing the loader got wrong: the bss, the data, where
 * the PIE went (ELF_ET_DYN_BASE aligned to its 64 KiB segments, unrandomised), AT_BASE.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

static char bss_buf[8192];		/* the bss after the data: zeroed by the loader */
static int data_word = 42;		/* in the data segment, written below */

int main(int argc, char **argv)
{
	char *heap = malloc(100000);	/* brk or mmap through libc */

	unsigned long base = getauxval(AT_BASE), phdr = getauxval(AT_PHDR);

	for (size_t i = 0; i < sizeof(bss_buf); i++)
		if (bss_buf[i])
			return 2;
	if ((phdr & ~0xffffUL) != 0xaaaaaaaa0000UL)
		return 4;
	/* ld.so's own ELF header is at AT_BASE, below the stack and above the program. */
	if (!base || base < phdr || (base & 0xfff) || memcmp((void *)base, "\177ELF", 4))
		return 5;
	data_word++;
	if (!heap || argc != 2 || data_word != 43)
		return 3;
	strcpy(heap, argv[1]);
	printf("dyn_hello: %s ok\n", heap);
	free(heap);
	return 0;
}
