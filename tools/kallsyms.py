#!/usr/bin/env python3
"""Make the kernel's symbol table (kernel/kallsyms.c reads it) from `nm -n vmlinux`.

Only text symbols are listed (as Linux without KALLSYMS_ALL): backtraces, %pS and
/proc/kallsyms need nothing else; each keeps nm's type letter. The table goes in the
.kallsyms section, which the linker script places after everything it describes.
Usage: nm -n vmlinux | kallsyms.py > kallsyms.S    or    kallsyms.py --empty > kallsyms.S
"""
import sys


def text_symbols(lines):
	"""One symbol per address: of aliases, the one with the fewest leading underscores
	(a function over a linker-script marker such as __end_rodata, as Linux's
	scripts/kallsyms prefers), the first of equals."""
	best = {}
	for line in lines:
		parts = line.split()
		if len(parts) != 3 or parts[1] not in 'tTwW':
			continue
		addr, name = int(parts[0], 16), parts[2]
		if name.startswith(('$', '.L', '__kstrtab')):
			continue
		rank = len(name) - len(name.lstrip('_'))
		if addr not in best or rank < best[addr][0]:
			best[addr] = (rank, name, parts[1])
	for addr in sorted(best):
		yield addr, best[addr][1], best[addr][2]


def emit(symbols):
	out = ['\t.section .kallsyms, "a"', '\t.balign 8', '\t.globl kallsyms_num_syms',
	       'kallsyms_num_syms:', f'\t.quad {len(symbols)}', '\t.globl kallsyms_addresses',
	       'kallsyms_addresses:']
	out += [f'\t.quad 0x{a:016x}' for a, _, _ in symbols]
	out += ['\t.globl kallsyms_name_offsets', 'kallsyms_name_offsets:']
	offset = 0
	for _, name, _ in symbols:
		out.append(f'\t.long {offset}')
		offset += len(name) + 1
	out += ['\t.globl kallsyms_names', 'kallsyms_names:']
	out += [f'\t.asciz "{name}"' for _, name, _ in symbols]
	out.append('\t.byte 0')
	out += ['\t.globl kallsyms_types', 'kallsyms_types:']
	out += [f'\t.byte {ord(t)}' for _, _, t in symbols]
	return '\n'.join(out) + '\n'


def main():
	symbols = [] if '--empty' in sys.argv else list(text_symbols(sys.stdin))
	sys.stdout.write(emit(symbols))


if __name__ == '__main__':
	main()
