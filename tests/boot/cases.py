"""The boot test cases: one boot each, what the console must and must not show."""
import os
import random
import re
import shutil
import struct
import subprocess
import time
import uuid
import xml.etree.ElementTree
import zlib

from machine import IMAGE, ROOT, SYSTEM_MAP, DTB_ADDR, disk_args, dump_dtb, machine_args, stub_boot_args

import sys
sys.path.insert(0, os.path.join(ROOT, 'usr'))
import gen_init_cpio  # noqa: E402

APPEND = 'console=ttyAMA0 loglevel=8'
TIMEOUT = 60
# A sleep in atomic context is reported and the kernel goes on: only the log shows it.
ATOMIC_SLEEP = [r'BUG: sleeping function called', r'BUG: scheduling while atomic']
FAILURES = [r'Kernel panic', r'WARNING:', r'Internal error', r'Unhandled .* exception',
	    r'BUG: Bad rss-counter state'] + ATOMIC_SLEEP


def init_section_kib():
	"""The Image's init sections in KiB, from its System.map (__init_begin to __init_end):
	what free_initmem gives back at the end of boot."""
	ends = {}
	with open(SYSTEM_MAP) as f:
		for line in f:
			addr, _, name = line.split()
			if name in ('__init_begin', '__init_end'):
				ends[name] = int(addr, 16)
	return (ends['__init_end'] - ends['__init_begin']) >> 10


BOOTED = [r'Booting Linux on physical CPU 0x0000000000 \[0x411fd070\]',
	  r'Linux version 6\.1\.0-\S+ \(',
	  r'Machine model: linux,dummy-virt',
	  r'psci: PSCIv1\.1 detected in firmware\.',
	  rf'\] Freeing unused kernel memory: {init_section_kib()}K$',
	  r'reboot: Power down']
PANICKED = r'---\[ end Kernel panic - not syncing: .*\]---'


def node_line(nid, start, end):
	return rf'  node +{nid}: \[mem {start:#018x}-{end - 1:#018x}\]'


def nodes_lines(mem_mb, nodes):
	per = (mem_mb << 20) // nodes
	return [node_line(n, 0x40000000 + n * per, 0x40000000 + (n + 1) * per)
		for n in range(nodes)]


USER_BIN = os.path.join(ROOT, 'build/user')
_test_initramfs = {}


def test_initramfs(full=False):
	"""The initramfs every boot gets, gzip'd: /dev/console and /init (tests/user/init.c,
	which powers off); full: also every other program of tests/user in /bin (built by
	make) and a #! script. The small one keeps boots that measure memory undisturbed."""
	if full not in _test_initramfs:
		a = gen_init_cpio.Archive(mtime=1700000000)
		a.dir('/dev')
		a.nod('/dev/console', 0o600, 0, 0, 'c', 5, 1)
		a.dir('/bin')
		for name in sorted(os.listdir(USER_BIN)):
			if name != 'init' and not full:
				continue
			with open(os.path.join(USER_BIN, name), 'rb') as f:
				body = f.read()
			a.file('/init' if name == 'init' else f'/bin/{name}', body, 0o755)
		if full:
			# For proc_test's exec test: an interpreter with one argument.
			a.file('/bin/script.sh', b'#!/bin/proc_test script-arg\nexit 1\n', 0o755)
		a.trailer()
		_test_initramfs[full] = a.bytes(compress=True)
	return _test_initramfs[full]


def concat_archives(*archives):
	"""cpio archives one after another, each starting 4-byte aligned (zeros between), as
	Linux wants an archive after another, compressed or not."""
	out = b''
	for a in archives:
		out += b'\0' * (-len(out) % 4) + a
	return out


def with_test_initramfs(initrd, full=False):
	"""The test initramfs, then a case's own archive after it: the case's files and its
	errors come on top."""
	base = test_initramfs(full)
	if initrd is None:
		return base
	return concat_archives(base, initrd)


class Case:
	"""One boot. stop_on: a line after which the kernel is known to have halted."""

	def __init__(self, name, machine=None, append=APPEND, expect=(), reject=FAILURES,
		     stop_on=None, exit_code=0, checks=(), stub=None, initrd=None, dialog=(),
		     user_programs=False):
		self.name = name
		self.machine = machine or machine_args()
		self.append = append
		self.expect = list(expect)
		self.reject = list(reject)
		self.stop_on = stop_on
		self.exit_code = exit_code
		self.checks = list(checks)
		self.stub = stub
		self.initrd = initrd	# bytes of an initramfs, or None
		# (regex, bytes): once the console shows regex, bytes are typed on the serial line
		self.dialog = list(dialog)
		self.user_programs = user_programs	# the test programs in /bin
		self.timeout = TIMEOUT
		self.extra = []

	def prepare(self, work):
		if self.stub:
			self.extra = self.stub(work, self)
		if not self.stub:
			path = os.path.join(work, f'{self.name}.initrd')
			with open(path, 'wb') as f:
				f.write(with_test_initramfs(self.initrd, self.user_programs))
			self.extra = ['-initrd', path]

	def qemu_args(self, work):
		if self.stub:
			return self.machine + self.extra
		return self.machine + ['-kernel', IMAGE, '-append', self.append] + self.extra


def booted(name, machine=None, append=APPEND, expect=(), **kw):
	return Case(name, machine, append, BOOTED + [rf'Kernel command line: {append}$'] +
		    list(expect), **kw)


def panics(name, why, machine=None, append=APPEND + ' panic=-1', expect=(), reject=(), **kw):
	"""A boot that must panic with why; panic=-1 resets, and -no-reboot ends QEMU."""
	return Case(name, machine, append,
		    [rf'Kernel panic - not syncing: {why}', PANICKED] + list(expect),
		    reject=list(reject), **kw)


def machine_variants():
	return [
		booted('four-node', expect=nodes_lines(1024, 4) + [r'CPU: All CPU\(s\) started at EL1']),
		booted('one-cpu-256m', machine_args(cpus=1, mem_mb=256, nodes=1),
		       expect=nodes_lines(256, 1) + [r'No NUMA configuration found',
			       r'NUMA: Faking a node at \[mem 0x0000000040000000-0x000000004fffffff\]']),
		booted('one-cpu-4g-gicv3', machine_args(cpus=1, mem_mb=4096, nodes=1, gic=3),
		       expect=nodes_lines(4096, 1)),
		booted('two-node-2g-distance', machine_args(cpus=2, mem_mb=2048, nodes=2,
							    dist=[(0, 1, 15), (1, 0, 15)]),
		       expect=nodes_lines(2048, 2) + [r'OF: NUMA: parsing numa-distance-map-v1']),
		booted('four-node-el2', machine_args(el2=True),
		       expect=nodes_lines(1024, 4) + [r'CPU: All CPU\(s\) started at EL2']),
		booted('four-node-4g-gicv3', machine_args(mem_mb=4096, gic=3),
		       expect=nodes_lines(4096, 4)),
	]


def parameter_cases():
	return [
		booted('mem-limit', append=APPEND + ' mem=512M',
		       expect=nodes_lines(1024, 4)[:2] + [r'Memory limited to 512MB'],
		       reject=FAILURES + [r'node +2:']),
		booted('numa-off', append=APPEND + ' numa=off',
		       expect=[r'NUMA: Faking a node at \[mem 0x0000000040000000-0x000000007fffffff\]',
			       node_line(0, 0x40000000, 0x80000000)]),
		booted('earlycon-from-stdout-path', append=APPEND + ' earlycon',
		       expect=[r'printk: bootconsole \[pl11\] enabled',
			       r'printk: console \[ttyAMA0\] enabled',
			       r'printk: bootconsole \[pl11\] disabled']),
		booted('earlycon-address', append=APPEND + ' earlycon=pl011,0x9000000',
		       expect=[r'printk: bootconsole \[pl11\] enabled']),
		Case('loglevel-4', append='console=ttyAMA0 loglevel=4',
		     expect=[r'reboot: Power down'], reject=FAILURES + [r'Machine model']),
		booted('unknown-params', append=APPEND + ' nokaslr foo=bar',
		       expect=[r'Unknown kernel command line parameters "nokaslr foo=bar", '
			       r'will be passed to user space\.']),
		panics('mem-too-small', r'mem=1024K leaves \d+K of free memory, too little to boot '
		       r'\(at least 3072K\)', append=APPEND + ' mem=1M panic=-1'),
		# 6 MB (the debug build's lock validator alone has 204K of tables) do not reach the
		# initrd: no /init, and Linux's panic for that.
		panics('mem-6m-boots', r'No working init found\.', append=APPEND + ' mem=6M panic=-1',
		       expect=[r'Memory limited to 6MB', r'initrd \[0x[0-9a-f]+-0x[0-9a-f]+\] is not '
			       r'in memory; ignored']),
		# Linux 6.1 says "Memory limited to 0MB", then limits nothing.
		booted('mem-zero-refused', append=APPEND + ' mem=0',
		       expect=[r"Malformed early option 'mem'", nodes_lines(1024, 4)[3]],
		       reject=FAILURES + [r'Memory limited']),
		# panic= is an int, as Linux's: kstrtoint refuses what does not fit (-ERANGE).
		booted('panic-out-of-range-refused', append=APPEND + ' panic=2147483648',
		       expect=[r"Malformed early option 'panic'"]),
		# Without console=, stdout-path's UART; console= without a number is refused.
		booted('console-from-stdout-path-alone', append='loglevel=8',
		       expect=[r'printk: console \[ttyAMA0\] enabled']),
		booted('console-without-number', append='console=ttyAMA loglevel=8',
		       expect=[r'console=ttyAMA: not a console name and number, ignored',
			       r'printk: console \[ttyAMA0\] enabled']),
		# "mem", an early parameter too, begins "memblock": not a reason to call it unknown.
		booted('memblock-debug', append=APPEND + ' memblock=debug',
		       expect=[r' memory\.cnt  = 0x4', r' reserved\.cnt  = 0x'],
		       reject=FAILURES + [UNKNOWN_PARAM]),
	]


def crash_cases():
	trace = r'Call trace:'
	return [
		panics('oops-null', 'Oops: Fatal exception', append=APPEND + ' panic=-1 lkdtm=ACCESS_NULL',
		       expect=[r'Unable to handle kernel NULL pointer dereference at virtual address '
			       r'0000000000000000', r'EC = 0x25: DABT \(current EL\), IL = 32 bits',
			       r'FSC = 0x0[4-7]: level [0-3] translation fault', trace,
			       r'pc : lkdtm_access_null\+0x', r'lr : lkdtm_do_action\+0x',
			       r'^\[.*\]  kernel_init\+0x', r'^\[.*\]  ret_from_fork\+0x']),
		panics('oops-undefined', 'Oops - Undefined instruction: Fatal exception',
		       append=APPEND + ' panic=-1 lkdtm=UNDEFINED',
		       expect=[r'EC = 0x00: Unknown/Uncategorized', r'pc : lkdtm_undefined\+0x', trace]),
		panics('bug', 'BUG at drivers/misc/lkdtm\.c', append=APPEND + ' panic=-1 lkdtm=BUG',
		       expect=[r'kernel BUG at drivers/misc/lkdtm\.c:\d+!', trace]),
		booted('warning-continues', append=APPEND + ' lkdtm=WARNING',
		       expect=[r'WARNING: CPU: 0 PID: 1 at drivers/misc/lkdtm\.c:\d+', trace],
		       reject=[r'Kernel panic']),
		panics('oops-null-on-cpu2', 'Oops: Fatal exception',
		       append=APPEND + ' panic=-1 lkdtm=ACCESS_NULL lkdtm_cpu=2',
		       expect=[r'Unable to handle kernel NULL pointer dereference', trace,
			       r'CPU: 2 PID: \d+ Comm: \S+ Not tainted ',
			       r'Hardware name: linux,dummy-virt \(DT\)$',
			       r'pc : lkdtm_access_null\+0x', r'^\[.*\]  ipi_handler\+0x']),
		panics('panic-on-cpu3', 'dumptest', append=APPEND + ' panic=-1 lkdtm=PANIC lkdtm_cpu=3',
		       expect=[r'CPU: 3 PID: \d+ Comm: \S+ Not tainted ', r'^\[.*\]  ipi_handler\+0x']),
		booted('lkdtm-cpu-offline', machine_args(cpus=2, mem_mb=512, nodes=2),
		       append=APPEND + ' lkdtm=PANIC lkdtm_cpu=3',
		       expect=[r'lkdtm: cpu 3 is not online$']),
		booted('atomic-sleep', append=APPEND + ' lkdtm=ATOMIC_SLEEP',
		       expect=[r'BUG: sleeping function called from invalid context at kernel/time/timer\.c:\d+',
			       r'in_atomic\(\): 1, irqs_disabled\(\): 0, non_block: 0, pid: 1, name: swapper/0',
			       r'preempt_count: 1, expected: 0',
			       r'\] 1 lock held by swapper/0/1:\n.*\]  #0: [0-9a-f]{16} \(lock\)\{\+\.\.\.\}'
			       r'-\{2:2\}, at: lkdtm_atomic_sleep\+0x',
			       trace, r'lkdtm_atomic_sleep\+0x',
			       r'BUG: scheduling while atomic: swapper/0/1/0x00000002'],
		       reject=[f for f in FAILURES if f not in ATOMIC_SLEEP]),
		# console_verbose: the report shows whatever the level; the boot before it does not.
		panics('panic-quiet', 'dumptest', append='console=ttyAMA0 quiet panic=-1 lkdtm=PANIC',
		       expect=[r'CPU: 0 PID: 1 Comm: swapper/0 Not tainted ', trace,
			       r'^\[.*\]  lkdtm_do_action\+0x'], reject=[r'Machine model']),
		panics('oops-loglevel-negative', 'Oops: Fatal exception',
		       append='console=ttyAMA0 loglevel=-5 panic=-1 lkdtm=ACCESS_NULL',
		       expect=[r'Unable to handle kernel NULL pointer dereference',
			       r'Internal error: Oops: ', trace], reject=[r'Machine model']),
		# As in Linux, loglevel=0 is a console that prints nothing, not even a panic.
		Case('panic-loglevel-0-silent', append='console=ttyAMA0 loglevel=0 panic=-1 lkdtm=PANIC',
		     reject=[r'\S']),
		Case('panic-halts', append=APPEND + ' lkdtm=PANIC',
		     expect=[r'Kernel panic - not syncing: dumptest', PANICKED],
		     reject=[r'reboot:'], stop_on=PANICKED, exit_code=None),
	]


def dts_edit(path, body):
	"""An edit of dts text: node path ('/cpus/cpu@0') gets body(its lines, the indent of
	its properties), or is deleted when body returns None."""
	def edit(dts):
		lines, stack = dts.split('\n'), []
		for i, line in enumerate(lines):
			m = re.match(r'^\t*(\S+) \{$', line)
			if m:
				stack.append((i, m.group(1)))
			elif re.match(r'^\t*\};$', line) and stack:
				start, _ = stack[-1]
				if '/' + '/'.join(n for _, n in stack[1:]) == path:
					new = body(lines[start + 1:i], '\t' * len(stack))
					return '\n'.join(lines[:start] + ([] if new is None else
									  [lines[start]] + new + [line]) +
							 lines[i + 1:])
				stack.pop()
		raise ValueError(f'no node {path} in the tree')
	return edit


def set_prop(path, prop, value):
	"""Sets (value: '<...>' or '"..."') or, with value None, deletes one property."""
	def body(lines, indent):
		kept = [p for p in lines if not p.startswith(f'{indent}{prop} = ')]
		return ([f'{indent}{prop} = {value};'] if value is not None else []) + kept
	return dts_edit(path, body)


def delete_node(path):
	return dts_edit(path, lambda lines, indent: None)


def stub_prepare(name, margs, kernel_addr, edits=(), corrupt=None, dtb_offset=0):
	"""A Case.stub: QEMU's tree for margs with the case's command line, its source passed
	through edits, its blob through corrupt, loaded with the Image at kernel_addr."""
	def prepare(work, case):
		def edit(dts):
			for e in edits:
				dts = e(dts)
			return dts
		initrd = test_initramfs()
		dtb = dump_dtb(work, name, margs, case.append, edit, len(initrd))
		if corrupt:
			dtb = corrupt(bytearray(dtb))
		return stub_boot_args(work, name, bytes(dtb), kernel_addr, DTB_ADDR + dtb_offset,
				      initrd)
	return prepare


def stub_case(name, kernel_addr, corrupt=None, dtb_offset=0, expect=(), edits=(), **kw):
	"""Boots through the loader stub: the Image at kernel_addr, a QEMU tree whose source
	edits changed or whose blob corrupt damaged."""
	margs = machine_args()
	append = APPEND + (' panic=-1' if corrupt else '')
	prepare = stub_prepare(name, margs, kernel_addr, edits, corrupt, dtb_offset)
	if corrupt or dtb_offset:
		return Case(name, margs, append, expect=[r'Invalid device tree blob at physical address'] +
			    list(expect) + [PANICKED], reject=[], stop_on=PANICKED, exit_code=None,
			    stub=prepare, **kw)
	return Case(name, margs, append, expect=BOOTED + nodes_lines(1024, 4) + list(expect),
		    stub=prepare, **kw)


def set_be32(offset, value):
	def corrupt(dtb):
		dtb[offset:offset + 4] = struct.pack('>I', value)
		return dtb
	return corrupt


def bad_struct_token(dtb):
	off_struct = struct.unpack_from('>I', dtb, 8)[0]
	dtb[off_struct + 8:off_struct + 12] = struct.pack('>I', 0x77)	# inside the root node
	return dtb


def loader_cases():
	console = [r'printk: console \[ttyAMA0\] enabled']
	return [
		# console=ttyAMA0 without a usable stdout-path still gives ttyAMA0, as in Linux.
		stub_case('console-stdout-path-empty', 0x40200000,
			  edits=[set_prop('/chosen', 'stdout-path', '""')], expect=console),
		stub_case('console-stdout-path-bad', 0x40200000,
			  edits=[set_prop('/chosen', 'stdout-path', '"/no-such-uart"')], expect=console),
		# An unusable timer frequency: said, and CNTFRQ_EL0 used instead.
		stub_case('timer-clock-frequency-1hz', 0x40200000,
			  edits=[set_prop('/timer', 'clock-frequency', '<0x01>')],
			  expect=[r'arch_timer: clock-frequency of 1 Hz in the device tree is below '
				  r'1 MHz: ignored, CNTFRQ_EL0 says 62500000 Hz$',
				  r'arch_timer: cp15 timer\(s\) running at 62\.50MHz \(virt\)\.$']),
		stub_case('load-at-0x4be00000', 0x4be00000),
		stub_case('load-at-0x7fc00000', 0x7fc00000),
		stub_case('dtb-bad-magic', 0x40200000, set_be32(0, 0xdeadbeef),
			  expect=[r'no FDT magic']),
		stub_case('dtb-truncated', 0x40200000, set_be32(4, 0x40),
			  expect=[r'runs past the end']),
		stub_case('dtb-bad-version', 0x40200000, set_be32(20, 1),
			  expect=[r'[Vv]ersion']),
		stub_case('dtb-bad-structure', 0x40200000, bad_struct_token),
		stub_case('dtb-misaligned', 0x40200000, None, dtb_offset=4,
			  expect=[r'not 8-byte aligned']),
	]


# ---- kernel page tables (paging_init, ptdump, early_ioremap) ----------------------------
PTDUMP_LINE = (r'^\[[ .0-9]+\] 0x([0-9a-f]{16})-0x([0-9a-f]{16}) +\d+[KMGTPE] '
	       r'(PGD|PUD|PMD|PTE)(.*)$')
WX_PASSED = r'Checked W\+X mappings: passed, no W\+X pages found'
UNKNOWN_PARAM = r'Unknown kernel command line parameters'


def ptdump_runs(log):
	"""The dump's lines as (start, end, level, attributes), in order."""
	runs = []
	for line in log.splitlines():
		m = re.match(PTDUMP_LINE, line)
		if m:
			runs.append((int(m.group(1), 16), int(m.group(2), 16), m.group(3),
				     m.group(4).split()))
	return runs


def system_map():
	"""Symbol name -> address, from the System.map of the Image under test."""
	syms = {}
	with open(SYSTEM_MAP) as f:
		for line in f:
			addr, _, name = line.split()
			syms[name] = int(addr, 16)
	return syms


def check_ptdump_contiguous(log):
	"""Each line starts where the previous ended, from PAGE_OFFSET to the top."""
	runs = ptdump_runs(log)
	if not runs or runs[0][0] != 0xffff000000000000 or runs[-1][1] != 0:
		return f'ptdump does not span PAGE_OFFSET..top: {runs[:1]} .. {runs[-1:]}'
	for prev, cur in zip(runs, runs[1:]):
		if prev[1] != cur[0]:
			return f'ptdump gap or overlap: {prev[1]:#x} then {cur[0]:#x}'
	return None


def check_ptdump_no_wx(log):
	for start, end, level, attrs in ptdump_runs(log):
		if 'RW' in attrs and 'x' in attrs:
			return f'W+X mapping {start:#x}-{end:#x} {level} {attrs}'
	return None


def check_kernel_segments(log):
	"""The image by segment, once init is over (the dump is taken then): text RO+X, rodata
	RO+NX, data RW+NX; init text and init data freed, so unmapped."""
	syms = system_map()
	want = [('_stext', '_etext', ['ro', 'x']), ('__start_rodata', '__inittext_begin', ['ro', 'NX']),
		('__inittext_begin', '__inittext_end', None),
		('__initdata_begin', '__initdata_end', None), ('_data', '_end', ['RW', 'NX'])]
	runs = ptdump_runs(log)
	for first, last, rights in want:
		lo, hi = syms[first], syms[last]
		covered = [r for r in runs if r[0] < hi and r[1] > lo]
		if not covered or covered[0][0] > lo or covered[-1][1] < hi:
			return f'{first}..{last} not wholly covered: {covered}'
		for start, end, level, attrs in covered:
			if rights is None and attrs:
				return f'{first}..{last}: {start:#x}-{end:#x} {level} {attrs}, want unmapped'
			if rights is not None and (level != 'PTE' or any(
					a not in attrs for a in rights + ['UXN', 'MEM/NORMAL'])):
				return f'{first}..{last}: {start:#x}-{end:#x} {level} {attrs}, want {rights}'
	return None


LINEAR_END = 0xffff800000000000


def check_linear_text_alias(log):
	"""The linear map is RW+NX but for one read-only run: the alias of text and rodata,
	[_stext, __init_begin), mapped by pages (no contiguous hint) as mark_linear_text_alias_ro
	left it."""
	syms = system_map()
	size = syms['__init_begin'] - syms['_stext']
	linear = [r for r in ptdump_runs(log) if r[0] < LINEAR_END and r[3]]
	ro = [r for r in linear if 'ro' in r[3]]
	if len(ro) != 1 or ro[0][1] - ro[0][0] != size:
		return f'linear map: read-only runs {ro}, expected one of {size:#x} bytes'
	start, end, level, attrs = ro[0]
	if level != 'PTE' or 'CON' in attrs or any(a not in attrs for a in ['NX', 'UXN']):
		return f'linear alias of text: {start:#x}-{end:#x} {level} {attrs}'
	for start, end, level, attrs in linear:
		if 'ro' not in attrs and any(a not in attrs for a in ['RW', 'NX', 'UXN', 'MEM/NORMAL']):
			return f'linear map: {start:#x}-{end:#x} {level} {attrs}'
	return None


MARKERS = ['Linear Mapping start', 'Linear Mapping end', 'Modules start', 'Modules end',
	   'vmalloc\(\) area', 'vmalloc\(\) end', 'Fixmap start', 'Fixmap end', 'vmemmap start',
	   'vmemmap end', 'PCI I/O start', 'PCI I/O end']


def linear_line(start, end, size, level, cont=''):
	return (rf'\] 0x{start:016x}-0x{end:016x} +{size} {level} +RW NX SHD AF +{cont}'
		rf'BLK UXN +MEM/NORMAL$')


def ptdump_case(name, machine, expect):
	return booted(name, machine, append=APPEND + ' ptdump',
		      expect=[rf'---\[ {m} \]---' for m in MARKERS] + [WX_PASSED] + expect,
		      checks=[check_ptdump_contiguous, check_ptdump_no_wx, check_kernel_segments,
			      check_linear_text_alias],
		      reject=FAILURES + [UNKNOWN_PARAM])


def oops_case(name, lkdtm, ec, msg, expect=()):
	return panics(name, 'Oops: Fatal exception', append=APPEND + f' panic=-1 lkdtm={lkdtm}',
		      expect=[rf'Unable to handle kernel {msg} at virtual address ffff8000',
			      rf'EC = {ec}', r'FSC = 0x0f: level 3 permission fault',
			      r'Call trace:'] + list(expect))


def mmu_cases():
	"""memstart is 0x40000000, so RAM starts at PAGE_OFFSET; the linear map uses the
	largest blocks: 1 GiB PUD blocks, or 2 MiB PMD blocks in contiguous runs of 32 MiB,
	but for the 2 MiB around the image (at 0x40200000), whose text and rodata alias is
	mapped by pages."""
	ioremap_reject = [r'Kernel panic', r'Internal error', r'Unhandled .* exception',
			  r'self-test FAILED', UNKNOWN_PARAM]
	first_gb = linear_line(0xffff000002000000, 0xffff000040000000, '992M', 'PMD', 'CON ')
	return [
		ptdump_case('ptdump-four-node', None,
			    [linear_line(0xffff000000000000, 0xffff000000200000, '2M', 'PMD'), first_gb,
			     r'\] 0xffff000040000000-0xffff008000000000 +511G PUD$',
			     r'\] 0xfffffbfffdc00000-0xfffffbfffde00000 +2M PMD +ro NX SHD AF +BLK UXN']),
		ptdump_case('ptdump-4g', machine_args(cpus=1, mem_mb=4096, nodes=1),
			    [first_gb, linear_line(0xffff000040000000, 0xffff000100000000, '3G', 'PUD')]),
		ptdump_case('ptdump-256m', machine_args(cpus=1, mem_mb=256, nodes=1),
			    [linear_line(0xffff000002000000, 0xffff000010000000, '224M', 'PMD', 'CON ')]),
		ptdump_case('ptdump-el2', machine_args(el2=True), [first_gb]),
		stub_case('wx-load-at-0x7fc00000', 0x7fc00000, expect=[WX_PASSED]),
		# The image's text at a RW alias would pass the W+X check unnoticed: it is refused.
		panics('oops-write-linear-text', 'Oops: Fatal exception',
		       append=APPEND + ' panic=-1 lkdtm=WRITE_LINEAR_TEXT',
		       expect=[r'lkdtm: attempting bad write to text at (ffff0000\w+) through its linear '
			       r'alias\n.*Unable to handle kernel paging request at virtual address \1$',
			       r'EC = 0x25: DABT \(current EL\)', r'WnR = 1',
			       r'FSC = 0x0f: level 3 permission fault', r'pc : lkdtm_write_linear_text\+0x',
			       r'Call trace:'], reject=[r'lkdtm: FAIL']),
		oops_case('oops-write-ro', 'WRITE_RO', r'0x25: DABT \(current EL\)', 'paging request',
			  [r'WnR = 1', r'pc : lkdtm_write_ro\+0x']),
		oops_case('oops-exec-data', 'EXEC_DATA', r'0x21: IABT \(current EL\)', 'execute',
			  [r'lkdtm: attempting bad execution at (ffff8000\w+)\n.*virtual address \1$',
			   r'lkdtm: attempting bad execution at (ffff8000\w+)\n(.*\n)*?.*pc : 0x\1$']),
		oops_case('oops-exec-rodata', 'EXEC_RODATA', r'0x21: IABT \(current EL\)', 'execute'),
		booted('paging-selftest', append=APPEND + ' paging_selftest',
		       expect=[r'paging: self-test passed: \d+ pages translate as mapped'],
		       reject=FAILURES + [UNKNOWN_PARAM], checks=[paging_pages(1024)]),
		booted('paging-selftest-4g', machine_args(mem_mb=4096), append=APPEND + ' paging_selftest',
		       expect=[r'paging: self-test passed: \d+ pages translate as mapped'],
		       checks=[paging_pages(4096)]),
		booted('early-ioremap-selftest', append=APPEND + ' early_ioremap_selftest',
		       expect=[WX_PASSED, r'early_ioremap: all 7 slots in use; expecting a warning',
			       r'__early_ioremap\(0x[0-9a-f]+, 00000028\) not found slot',
			       r'WARNING: CPU: 0 PID: 0 at mm/early_ioremap\.c:\d+ __early_ioremap',
			       r'early_ioremap: self-test passed'], reject=ioremap_reject),
	]


# ---- interrupts and time (GIC, arch timer, tick) -----------------------------------------
IRQ_TESTS = ['irq_sgi_self', 'irq_request_invalid_einval', 'irq_request_busy_ebusy',
	     'irq_spi_pending_delivered', 'irq_disable_stops_delivery', 'irq_shared_both_handlers',
	     'timer_tick_advances_jiffies', 'irq_entry_preserves_registers',
	     'timer_ktime_and_delay', 'irq_proc_interrupts_timer_line']
# Linux 6.1's lines on this machine, character for character (../shared/reference).
TIME_LINES = [r'\] NR_IRQS: 64, nr_irqs: 64, preallocated irqs: 0$',
	      r'\] Root IRQ handler: gic_handle_irq$',
	      r'\] arch_timer: cp15 timer\(s\) running at 62\.50MHz \(virt\)\.$',
	      r'\] clocksource: arch_sys_counter: mask: 0x1ffffffffffffff max_cycles: 0x1cd42e208c, '
	      r'max_idle_ns: 881590405314 ns$',
	      r'\] sched_clock: 57 bits at 63MHz, resolution 16ns, wraps every 4398046511096ns$',
	      r'\] Calibrating delay loop \(skipped\), value calculated using timer frequency\.\. '
	      r'125\.00 BogoMIPS \(lpj=250000\)$']


def irq_case(name, machine, gic):
	"""selftest=irq: every KTAP line ok, the timer's /proc/interrupts line as Linux's (Linux
	irq 11 too: IPIs take 1-8, the timer's four PPIs 9-12 in DT order, the virtual one 11)."""
	chip = 'GIC-0' if gic == 2 else '    GICv3'
	append = APPEND + ' selftest=irq'
	return booted(name, machine, append=append,
		      expect=TIME_LINES + [r'\] KTAP version 1$', rf'\] 1\.\.{len(IRQ_TESTS)}$'] +
		      [rf'\] ok {i} {t}$' for i, t in enumerate(IRQ_TESTS, 1)] +
		      [rf'\]  11: +[1-9]\d* {chip}  27 Level     arch_timer$',
		       r'\] # irq: pass:10 fail:0$'] +
		      ([r'GICv3: CPU0: found redistributor 0 region 0:0x00000000080a0000'] if gic == 3
		       else []),
		      reject=FAILURES + [r'not ok', UNKNOWN_PARAM])


def gicv3_reg(redist_size):
	return set_prop('/intc@8000000', 'reg',
			f'<0x00 0x8000000 0x00 0x10000 0x00 0x80a0000 0x00 {redist_size:#x}>')


def gicv3_tree_cases():
	"""GICv3 trees whose redistributors do not cover every cpu: a clear stop, no oops."""
	gic3 = machine_args(gic=3)
	missing = [line for c in (2, 3) for line in
		   (rf'\] GICv3: CPU{c}: mpidr {c} has no re-distributor!$',
		    rf'\] WARNING: CPU: {c} PID: 0 at drivers/irqchip/irq-gic-v3\.c:\d+ gic_populate_rdist',
		    rf'\] CPU{c}: will not boot$', rf'\] CPU{c}: failed to come online$')]
	return [
		# Frames for cpus 0 and 1 only: 2 and 3 stay off, the rest of the boot goes on.
		tree_case('gicv3-redist-region-2-cpus', [gicv3_reg(0x40000)], missing +
			  [r'\] smp: Brought up 4 nodes, 2 CPUs$'], machine=gic3,
			  reject=[r'Kernel panic', r'Internal error', r'Unhandled .* exception',
				  r'CPU[23]: Booted']),
		tree_case('gicv3-redist-region-too-small', [gicv3_reg(0x10000)],
			  [r'\] GICv3: CPU0: mpidr 0 has no re-distributor!$'], machine=gic3,
			  why=r'GICv3: no redistributor for the boot CPU in \[mem 0x80a0000-0x80affff\]'),
		# Linux reads the stride as a u64 and ignores one of 4 bytes.
		tree_case('gicv3-redist-stride-4-bytes',
			  [set_prop('/intc@8000000', 'redistributor-stride', '<0x20000>')],
			  [r'\] GICv3: redistributor-stride has 4 bytes, not a 64-bit value; ignored$',
			   r'\] smp: Brought up 4 nodes, 4 CPUs$'],
			  machine=gic3),
	]


def irq_cases():
	return [
		irq_case('irq-gicv2-1cpu', machine_args(cpus=1, mem_mb=256, nodes=1), 2),
		irq_case('irq-gicv2-4cpu', machine_args(), 2),
		irq_case('irq-gicv3-1cpu', machine_args(cpus=1, mem_mb=256, nodes=1, gic=3), 3),
		irq_case('irq-gicv3-4cpu', machine_args(gic=3), 3),
		irq_case('irq-gicv2-el2', machine_args(el2=True), 2),
		irq_case('irq-gicv3-el2', machine_args(gic=3, el2=True), 3),
		irq_case('irq-gicv3-1cpu-el2', machine_args(cpus=1, mem_mb=256, nodes=1, gic=3,
							     el2=True), 3),
		booted('irq-time-lines', expect=TIME_LINES,
		       reject=FAILURES + [r'KTAP version', r'/proc/interrupts']),
	]


# ---- nodes, zones and the buddy allocator ------------------------------------------------
def zone_lines(dma_end, normal=None):
	normal_line = (rf'  Normal   \[mem {normal[0]:#018x}-{normal[1] - 1:#018x}\]$' if normal
		       else r'  Normal   empty$')
	return [r'Zone ranges:$', rf'  DMA      \[mem 0x0000000040000000-{dma_end - 1:#018x}\]$',
		r'  DMA32    empty$', normal_line, r'Movable zone start for each node$']


MEMORY_LINE = (r'Memory: \d+K/(\d+)K available \(\d+K kernel code, \d+K rwdata, \d+K rodata, '
	       r'\d+K init, \d+K bss, \d+K reserved, 0K cma-reserved\)$')


def paging_pages(mem_mb):
	"""paging_selftest counts every page of RAM and then the kernel image's (under 8 MiB)."""
	def check(log):
		m = re.search(r'paging: self-test passed: (\d+) pages', log)
		ram = mem_mb * 256
		if m and not ram < int(m.group(1)) < ram + 2048:
			return f'{m.group(1)} pages: not the {ram} of RAM and an image of under 2048'
		return None
	return check


def memory_target(log):
	"""The four-node machine manages at least 1,030,000 kB (Linux 6.1: 1,005,800 to 1,026,536)."""
	m = re.search(r'Memory: (\d+)K/1048576K available', log)
	if not m:
		return 'no Memory line'
	if int(m.group(1)) < 1030000:
		return f'Memory: {m.group(1)}K available, below the 1030000K target'
	return None


def untimed(log):
	return re.sub(r'^\[[ \d.]+\] ?', '', log, flags=re.M)


def zoneinfo_zone(text, nid, zone='DMA'):
	"""mm_debug's zoneinfo block of one zone (timestamps stripped), or None."""
	m = re.search(rf'^Node {nid}, zone +{zone}\n(.*?)^  start_pfn', text, re.M | re.S)
	return m.group(1) if m else None


def mm_sums(log):
	"""buddyinfo, pagetypeinfo and zoneinfo (mm_debug) must add up, node by node."""
	text = untimed(log)
	buddy = {int(n): [int(c) for c in counts.split()] for n, counts in
		 re.findall(r'^Node (\d+), zone +DMA((?: +\d+){11}) *$', text, re.M)}
	if len(buddy) != 4:
		return f'buddyinfo: {len(buddy)} DMA lines, expected 4'
	for nid, counts in buddy.items():
		free = sum(c << order for order, c in enumerate(counts))
		types = re.findall(rf'^Node +{nid}, zone +DMA, type +\w+((?: +\d+){{11}})', text, re.M)
		per_order = [sum(int(t.split()[o]) for t in types) for o in range(11)]
		if per_order != counts:
			return f'node {nid}: pagetypeinfo {per_order} != buddyinfo {counts}'
		blocks = re.search(rf'^Node {nid}, zone +DMA((?: +\d+){{4}}) *$', text, re.M)
		if not blocks or sum(map(int, blocks.group(1).split())) != 64:
			return f'node {nid}: pageblock counts do not add up to 64'
		zone = zoneinfo_zone(text, nid)
		if not zone:
			return f'node {nid}: no zoneinfo'
		field = lambda name: int(re.search(rf'^ +{name} +(\d+)$', zone, re.M).group(1))
		if field('nr_free_pages') != free:
			return f'node {nid}: zoneinfo nr_free_pages {field("nr_free_pages")} != buddyinfo {free}'
		if field('spanned') != 65536 or field('present') != 65536:
			return f'node {nid}: spanned/present not 65536'
		if not free <= field('managed') <= 65536:
			return f'node {nid}: free {free} managed {field("managed")} out of order'
	return None


MM_TESTS = ['orders_aligned_and_writable', 'order0_no_duplicates', 'gfp_zero',
	    'thisnode_each_node', 'fallback_steals_pageblocks', 'exhaust_node_and_recover',
	    'split_page', 'drain_empties_pcp', 'impossible_orders_fail', 'all_cpus',
	    'local_node_and_pcp_each_cpu', 'vmstat_shepherd_folds']


SELFTEST_MM_OK = ([r'\] KTAP version 1$', r'\] # Subtest: mm$', rf'\] 1\.\.{len(MM_TESTS)}$'] +
		  [rf'\] ok {i} page_alloc_{t}$' for i, t in enumerate(MM_TESTS, 1)] +
		  [rf'\] # mm: pass:{len(MM_TESTS)} fail:0$'])


def selftest_mm(name, machine, extra='', expect=()):
	"""selftest=mm: every case of the in-kernel page allocator suite passes."""
	return booted(name, machine, append=APPEND + ' selftest=mm' + extra,
		      expect=SELFTEST_MM_OK + list(expect),
		      reject=FAILURES + [r'not ok', r'Unknown kernel command line'])


def zone_figures(log):
	"""What mm_debug prints that must not depend on deferred struct page init: the Memory:
	line, each zone's span, present, managed pages, watermarks, lowmem protection and pcp
	high/batch, and the pageblock counts by type; then, apart, each zone's pages not
	allocated (free and on pcp lists)."""
	text = re.sub(r'^\[[ \d.]+\] ?', '', log, flags=re.M)
	exact = re.findall(r'^Memory: .*$', text, re.M) + re.findall(
		r'^Node \d+, zone +\w+(?: +\d+){4} *$', text, re.M)
	free = {}
	for m in re.finditer(r'^Node (\d+), zone +(\w+)\n(.*?)(?=^Node \d+, zone|\Z)', text,
			     re.M | re.S):
		zone, body = f'node {m.group(1)} {m.group(2)}', m.group(3)
		exact += [f'{zone}: {line.strip()}' for line in re.findall(
			r'^ +(?:min|low|high|spanned|present|managed|protection:|batch:) .*$',
			body, re.M)]
		counts = re.findall(r'^ +(?:nr_free_pages|count:) +(\d+)$', body, re.M)
		free[zone] = sum(map(int, counts))
	return exact, free


# Pages free may differ by the pgdatinit threads' task and stack, not freed yet when
# mm_debug prints, and by the kernel threads' own allocations (each has a 16K stack and,
# since user space, its signal_struct and sighand_struct): two boots with nothing
# deferred at all (movablecore=256M) were seen 12 pages apart, and mem=512M 28. Pages
# deferred init lost would show in managed (compared exactly above) and here as whole
# pageblocks (1024 pages), far above this bound.
PGDATINIT_PAGES = 64


def deferred_case(name, machine, nodes, extra='', selftest=True):
	"""selftest=mm after deferred struct page init, and the same boot with
	deferred_struct_page_init=off: the same Memory: line and zone figures, the same pages
	free but for the pgdatinit threads'; each node in nodes reports its deferred pages."""
	append = APPEND + ' mm_debug' + (' selftest=mm' if selftest else '') + extra

	def same_as_undeferred(log):
		import run  # the runner's boot(): the second QEMU of this case
		off = Case(name + '-off', machine, append + ' deferred_struct_page_init=off')
		off.prepare(run.WORK)
		ref, rc, timed_out = run.boot(off)
		if timed_out or rc != 0 or 'deferred pages initialised' in ref:
			return f'deferred_struct_page_init=off boot: rc {rc}, timed out {timed_out}'
		(exact, free), (ref_exact, ref_free) = zone_figures(log), zone_figures(ref)
		if not exact or exact != ref_exact:
			diff = [line for line in exact if line not in ref_exact][:3]
			return f'zone figures differ from deferred_struct_page_init=off: {diff}'
		for zone, pages in ref_free.items():
			if abs(pages - free[zone]) > PGDATINIT_PAGES:
				return f'{zone}: {free[zone]} pages free, {pages} without deferral'
		return None

	deferred = [rf'\] node {n} deferred pages initialised in \d+ms$' for n in nodes]
	case = (selftest_mm(name, machine, ' mm_debug' + extra, deferred) if selftest else
		booted(name, machine, append, deferred))
	if not nodes:
		case.reject.append(r'deferred pages initialised')
	case.checks.append(same_as_undeferred)
	return case


def deferred_cases():
	return [
		deferred_case('deferred-four-node', machine_args(), range(4)),
		deferred_case('deferred-one-cpu-256m', machine_args(cpus=1, mem_mb=256, nodes=1), [0]),
		deferred_case('deferred-four-cpus-one-node', machine_args(nodes=1), [0]),
		deferred_case('deferred-two-node-2g', machine_args(cpus=2, mem_mb=2048, nodes=2),
			      range(2)),
		deferred_case('deferred-four-node-4g-gicv3', machine_args(mem_mb=4096, gic=3),
			      range(4)),
		# Nodes 2 and 3 left without memory: selftest=mm does not pass there yet.
		deferred_case('deferred-mem-512m', machine_args(), range(2), ' mem=512M',
			      selftest=False),
		deferred_case('deferred-numa-off', machine_args(), [0], ' numa=off'),
		# ZONE_MOVABLE, 64 MiB a node, is each node's last zone: less than a section.
		deferred_case('deferred-movablecore', machine_args(), [], ' movablecore=256M'),
	]


# Node 0 nearer to 2 than to 1 (symmetric: QEMU fills dst->src). Linux 6.1's fallback
# orders, worked by hand from find_next_best_node (tests/host/test_page_alloc.c draws the
# sums): at start_kernel no cpu is up, so no node gets PENALTY_FOR_NODE_WITH_CPUS, whichever
# nodes have cpus.
ASYM_DIST = [(0, 1, 30), (0, 2, 20), (0, 3, 30), (1, 2, 20), (1, 3, 30), (2, 3, 30)]
ASYM_FALLBACK = ['0 2 1 3', '1 2 3 0', '2 0 1 3', '3 0 1 2']


def zonelist_case(name, cpus):
	return booted(name, machine_args(cpus=cpus, dist=ASYM_DIST),
		      expect=[r'OF: NUMA: parsing numa-distance-map-v1$'] +
		      [rf'\] Fallback order for Node {n}: {order} $'
		       for n, order in enumerate(ASYM_FALLBACK)])


def mm_cases():
	fallback = [rf'Fallback order for Node {n}: {" ".join(str((n + i) % 4) for i in range(4))} $'
		    for n in range(4)]
	common = [MEMORY_LINE, r'Policy zone: DMA$']
	return [
		booted('mm-four-node', append=APPEND + ' mm_debug',
		       expect=zone_lines(0x80000000) + nodes_lines(1024, 4) + fallback + common +
		       [rf'Initmem setup node {n} \[mem {0x40000000 + n * 0x10000000:#018x}-'
			rf'{0x4fffffff + n * 0x10000000:#018x}\]$' for n in range(4)] +
		       [r'NUMA: NODE_DATA \[mem 0x4ff[0-9a-f]{5}-0x4fffffff\]$',
			r'Built 4 zonelists, mobility grouping on.  Total pages: 258048$',
			r'Memory: \d+K/1048576K available', r'^\[.*\] Page block order: 10$',
			r'^\[.*\] Pages per block:  1024$'],
		       checks=[mm_sums, memory_target]),
		booted('mm-four-node-4g', machine_args(mem_mb=4096),
		       expect=zone_lines(0x100000000, (0x100000000, 0x140000000)) +
		       [MEMORY_LINE, r'Policy zone: Normal$'] +
		       [r'Built 4 zonelists, mobility grouping on.  Total pages: 1032192$',
			r'Memory: \d+K/4194304K available']),
		selftest_mm('selftest-mm-four-node', machine_args()),
		selftest_mm('selftest-mm-one-node-256m', machine_args(cpus=1, mem_mb=256, nodes=1)),
		selftest_mm('selftest-mm-4g-el2-gicv3', machine_args(mem_mb=4096, gic=3, el2=True)),
		selftest_mm('selftest-mm-movablecore', machine_args(), ' movablecore=256M',
			    [r'Movable zone start for each node$'] +
			    [rf'  Node {n}: {0x4c000000 + n * 0x10000000:#018x}$' for n in range(4)]),
		zonelist_case('zonelist-asymmetric-distance', 4),
		# cpus on nodes 1 and 3 only: the order must not change.
		zonelist_case('zonelist-asymmetric-distance-cpuless-nodes', 2),
		booted('mm-one-node-256m', machine_args(cpus=1, mem_mb=256, nodes=1),
		       expect=zone_lines(0x50000000) + common +
		       [r'Built 1 zonelists, mobility grouping on.  Total pages: 64512$',
			r'Fallback order for Node 0: 0 $', r'Memory: \d+K/262144K available']),
	]


VMALLOC_TESTS = ['vmalloc_64k_write_read', 'vmalloc_4m_write_read', 'vzalloc_zeroed',
		 'vmap_scattered_pages', 'vmalloc_guard_gap', 'ioremap_pl011_periphid',
		 'vmalloc_purge_restores_free_tree', 'vmalloc_lazy_purge_from_kworker',
		 'vmalloc_many_small_no_leak', 'vmallocinfo_kernel_segments']


def selftest_vmalloc(name, machine):
	"""selftest=vmalloc: every case of the in-kernel vmalloc suite passes."""
	n = len(VMALLOC_TESTS)
	return booted(name, machine, append=APPEND + ' selftest=vmalloc',
		      expect=[r'\] # Subtest: vmalloc$', rf'\] 1\.\.{n}$'] +
		      [rf'\] ok {i} {t}$' for i, t in enumerate(VMALLOC_TESTS, 1)] +
		      [rf'\] # vmalloc: pass:{n} fail:0$'],
		      reject=FAILURES + [r'not ok'])


VMALLOCINFO_SEG = (r'^\[[ \d.]+\] 0x([0-9a-f]{16})-0x([0-9a-f]{16}) +(\d+) '
		   r'paging_init\+0x[0-9a-f]+/0x[0-9a-f]+ phys=0x([0-9a-f]{16}) vmap$')


def check_vmallocinfo(log):
	"""mm_debug's vmallocinfo: the image's five segments, where System.map puts them, the
	last with its guard page."""
	syms = system_map()
	starts = [syms[s] for s in ('_stext', '__start_rodata', '__inittext_begin',
				    '__initdata_begin', '_data')]
	lines = re.findall(VMALLOCINFO_SEG, log, re.M)
	if len(lines) != 5:
		return f'{len(lines)} paging_init vmallocinfo lines, expected 5'
	ends = starts[1:] + [syms['_end'] + 4096]
	for (lo, hi, size, phys), start, end in zip(lines, starts, ends):
		if (int(lo, 16), int(hi, 16), int(size)) != (start, end, end - start):
			return f'segment {lo}-{hi} {size}: expected {start:#x}-{end:#x}'
	return None


def vmalloc_cases():
	return [
		selftest_vmalloc('selftest-vmalloc-four-node', machine_args()),
		selftest_vmalloc('selftest-vmalloc-4g', machine_args(mem_mb=4096)),
		booted('vmallocinfo-mm-debug', append=APPEND + ' mm_debug',
		       expect=[VMALLOCINFO_SEG[1:]], checks=[check_vmallocinfo]),
	]


SLUB_TESTS = ['kmalloc_sizes', 'cache_ctor_pages_back', 'kmalloc_node_each_node',
	      'krealloc_keeps_data', 'large_kmalloc', 'merge', 'debug_reports', 'all_cpus',
	      'cross_cpu_free', 'kmalloc_node_all_cpus']
SLUB_LINE = r'\] SLUB: HWalign=64, Order=0-3, MinObjects=0, CPUs=4, Nodes=4$'
SLUB_KTAP = ([r'\] # Subtest: slub$', rf'\] 1\.\.{len(SLUB_TESTS)}$'] +
	     [rf'\] ok {i} slub_{t}$' for i, t in enumerate(SLUB_TESTS, 1)] +
	     [rf'\] # slub: pass:{len(SLUB_TESTS)} fail:0$'])


def slub_cases():
	"""SLUB: the boot line, selftest=slub, slub_debug reports, slabinfo under mm_debug."""
	debug = [r'\] BUG kmalloc-64 \(Not tainted\): Redzone overwritten$',
		 r'\] INFO: Allocated in test_debug_reports\+0x[0-9a-f]+/0x[0-9a-f]+ age=\d+ cpu=0 pid=1$',
		 r'\] INFO: Freed in \S+ age=\d+ cpu=0 pid=1$',
		 r'\] CPU: 0 PID: 1 Comm: swapper/0 Not tainted ', r'\]  print_trailer\+0x',
		 r'\] Object   0x[0-9a-f]{16}: 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b$',
		 r'\] Redzone  0x[0-9a-f]{16}: 12 cc cc cc cc cc cc cc$',
		 r'\] FIX kmalloc-64: Restoring Redzone 0x[0-9a-f]{16}-0x[0-9a-f]{16}=0xcc$',
		 r'\] BUG kmalloc-64 \(Not tainted\): Object already free$']
	slabinfo = [r'\] slabinfo - version: 2\.1$',
		    r'\] # name            <active_objs> <num_objs> <objsize> <objperslab> '
		    r'<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata '
		    r'<active_slabs> <num_slabs> <sharedavail>$',
		    r'\] kmalloc-8k +\d+ +\d+ +8192 +4 +8 : tunables +0 +0 +0 : slabdata +\d+ +\d+ +0$',
		    # 64 bytes; 128 with the lock validator's map in list_lock (CONFIG_PROVE_LOCKING)
		    r'\] kmem_cache_node +\d+ +\d+ +(64 +64|128 +32) +1 : tunables']
	reject = FAILURES + [r'not ok', r'Unknown kernel command line']
	return [
		booted('slub-four-node', append=APPEND + ' selftest=slub mm_debug',
		       expect=[SLUB_LINE] + SLUB_KTAP + slabinfo, reject=reject + [r'BUG ']),
		booted('slub-debug-four-node', append=APPEND + ' selftest=slub slub_debug=FZPU',
		       expect=[SLUB_LINE] + SLUB_KTAP + debug, reject=reject),
		booted('slub-mem-limit', append=APPEND + ' selftest=slub mem=512M',
		       expect=SLUB_KTAP, reject=reject + [r'BUG ']),
		# The boot pagesets, shared by every zone, must not keep a high-order block.
		booted('slub-min-order-1', append=APPEND + ' slub_min_order=1 selftest=slub',
		       expect=[SLUB_LINE.replace('Order=0-3', 'Order=1-3')] + SLUB_KTAP,
		       reject=reject + [r'BUG ']),
		booted('slub-min-order-3', append=APPEND + ' slub_min_order=3',
		       expect=[SLUB_LINE.replace('Order=0-3', 'Order=3-3')], reject=reject + [r'BUG ']),
		booted('slub-min-objects-100000', append=APPEND + ' slub_min_objects=100000',
		       expect=[SLUB_LINE.replace('MinObjects=0', 'MinObjects=100000')],
		       reject=reject + [r'BUG ']),
		# Cpus on nodes without memory, which have no kmem_cache_node.
		booted('slub-debug-mem-300m', append=APPEND + ' mem=300M slub_debug=F',
		       expect=[SLUB_LINE], reject=reject + [r'BUG ']),
		# 64 MiB end below where QEMU loads the initramfs: the boot ends without init.
		panics('slub-debug-mem-64m', r'No working init found\.',
		       append=APPEND + ' mem=64M slub_debug=FZPU panic=-1',
		       expect=[SLUB_LINE], reject=[r'BUG ', r'Oops', r'WARNING:']),
	]


# ---- cpus: bring-up, IPIs, cross-cpu calls ----------------------------------------------
SMP_TESTS = ['call_single_each_cpu', 'call_nowait', 'on_each_cpu', 'spinlock_all_cpus',
	     'proc_interrupts_ipis']


def smp_case(name, machine, cpus, extra='', el=1, online=None):
	"""selftest=smp (and the allocators' suites, which drive every cpu at once) on a machine
	of cpus cpus, online of them brought up; Linux's bring-up lines."""
	online = cpus if online is None else online
	suites = [('smp', 'smp_', SMP_TESTS), ('mm', 'page_alloc_', MM_TESTS),
		  ('slub', 'slub_', SLUB_TESTS)]
	expect = [r'\] smp: Bringing up secondary CPUs \.\.\.$',
		  rf'\] SMP: Total of {online} processors activated\.$',
		  rf'\] CPU: All CPU\(s\) started at EL{el}$']
	expect += [rf'\] CPU{c}: Booted secondary processor 0x{c:010x} \[0x411fd070\]$'
		   for c in range(1, online)]
	for suite, prefix, tests in suites:
		expect += [rf'\] ok {i} {prefix}{t}$' for i, t in enumerate(tests, 1)]
		expect += [rf'\] # {suite}: pass:{len(tests)} fail:0$']
	reject = FAILURES + [r'not ok', UNKNOWN_PARAM, r'failed to (boot|come online|stop)',
			     rf'CPU{online}: Booted']
	return booted(name, machine, append=APPEND + ' selftest=smp,mm,slub' + extra,
		      expect=expect, reject=reject)


def smp_cases():
	return [
		smp_case('smp-four-node', machine_args(), 4),
		smp_case('smp-one-cpu', machine_args(cpus=1, mem_mb=256, nodes=1), 1),
		smp_case('smp-two-cpu-gicv3', machine_args(cpus=2, mem_mb=512, nodes=2, gic=3), 2),
		smp_case('smp-four-node-gicv3-el2', machine_args(gic=3, el2=True), 4, el=2),
		smp_case('smp-four-node-el2', machine_args(el2=True), 4, el=2),
		smp_case('smp-maxcpus-2', machine_args(), 4, ' maxcpus=2', online=2),
		smp_case('smp-nr-cpus-3', machine_args(), 4, ' nr_cpus=3', online=3),
		booted('smp-brought-up-lines', expect=[r'\] smp: Brought up 4 nodes, 4 CPUs$'] +
		       [rf'\] Detected PIPT I-cache on CPU{c}$' for c in range(4)]),
	]


PERCPU_TESTS = ['static_distinct', 'this_cpu_ops', 'alloc_sizes_aligns', 'second_chunk',
		'alloc_percpu_type']
PERCPU_LINES = [r'\] percpu: Embedded \d+ pages/cpu s\d+ r0 d\d+ u\d+$',
		r'\] pcpu-alloc: s\d+ r0 d\d+ u\d+ alloc=\d+\*4096$']


def selftest_percpu(name, machine, units):
	"""selftest=percpu passes; the first chunk's lines as Linux prints them, a unit per cpu."""
	n = len(PERCPU_TESTS)
	return booted(name, machine, append=APPEND + ' selftest=percpu',
		      expect=PERCPU_LINES + [rf'\] pcpu-alloc: {units} $', r'\] # Subtest: percpu$',
					     rf'\] 1\.\.{n}$'] +
		      [rf'\] ok {i} percpu_{t}$' for i, t in enumerate(PERCPU_TESTS, 1)] +
		      [rf'\] # percpu: pass:{n} fail:0$'],
		      reject=FAILURES + [r'not ok'])


def percpu_cases():
	return [
		selftest_percpu('selftest-percpu-four-node', machine_args(),
				r'\[0\] 0 \[1\] 1 \[2\] 2 \[3\] 3'),
		selftest_percpu('selftest-percpu-one-cpu', machine_args(cpus=1, mem_mb=256, nodes=1),
				r'\[0\] 0'),
	]


SCHED_CASES = ['context_switch', 'many_threads', 'wakeup_spread', 'fair_share_nice',
	       'fair_share_equal', 'mutex_stress', 'rwsem', 'rwlock', 'waitqueue', 'completion',
	       'msleep', 'signal_before_sleep', 'timer',
	       'kthread_stop', 'schedule_work', 'schedule_work_on', 'delayed_work_and_cancel',
	       'tasks_freed']


def selftest_sched(name, machine):
	"""selftest=sched: every case passes, whatever number of cpus is online."""
	ktap = [r'KTAP version 1', r'# Subtest: sched', rf'1\.\.{len(SCHED_CASES)}']
	ktap += [rf'\] ok {i} {c}$' for i, c in enumerate(SCHED_CASES, 1)]
	ktap += [rf'# sched: pass:{len(SCHED_CASES)} fail:0',
		 r'# nice 0 / nice 5 runtime ratio \d\.\d+, weight ratio 3\.056']
	return booted(name, machine, append=APPEND + ' selftest=sched', expect=ktap,
		      reject=FAILURES + [r'not ok', r'BUG: '])


def sched_cases():
	return [
		selftest_sched('selftest-sched-four-node', machine_args()),
		selftest_sched('selftest-sched-one-cpu', machine_args(cpus=1, mem_mb=256, nodes=1)),
	]


# ---- the lock validator (kernel/locking/lockdep.c) ---------------------------------------
LOCKDEP_TESTS = ['recursion_same_class', 'recursion_nested_annotation',
		 'recursion_mutex_nested', 'recursion_same_instance', 'recursion_rwsem_read',
		 'inversion_ab_ba', 'inversion_abc', 'inversion_mutex', 'trylock_no_dependency',
		 'irq_unsafe_in_irq', 'irq_safe_irqs_on', 'irq_enabled_while_held',
		 'irq_safe_consistent', 'irq_safe_to_unsafe', 'irq_inversion',
		 'rwlock_readers_in_irq', 'rwlock_writer_irqs_on', 'sleep_in_atomic', 'bad_unlock',
		 'class_per_init_site']
LOCKDEP_KTAP = ([r'\] # Subtest: lockdep$', rf'\] 1\.\.{len(LOCKDEP_TESTS)}$'] +
		[rf'\] ok {i} lockdep_{t}$' for i, t in enumerate(LOCKDEP_TESTS, 1)] +
		[rf'\] # lockdep: pass:{len(LOCKDEP_TESTS)} fail:0$'])
HELD = r'\] 1 lock held by swapper/0/1:\n.*\]  #0: [0-9a-f]{16} '
# Each report the self-test provokes, as Linux words it (debug_locks_verbose=1).
LOCKDEP_REPORTS = [
	r'\] WARNING: possible recursive locking detected\n.*\] 6\.1\.0-mmlab Not tainted\n.*-+\n'
	r'.*\] swapper/0/1 is trying to acquire lock:\n'
	r'.*\] [0-9a-f]{16} \(lock\)\{\+\.\.\.\}-\{2:2\}, at: \S*recursion_same_class\+0x',
	r'\] but task is already holding lock:\n.*\] [0-9a-f]{16} \(lock\)\{',
	r'\]  May be due to missing lock nesting notation$',
	r'\] WARNING: possible circular locking dependency detected$',
	r'\] the existing dependency chain \(in reverse order\) is:$',
	r'\] -> #1 \(&t\.b\)\{\+\.\.\.\}-\{2:2\}:\n.*\]        \S*lock_pair\+0x',
	r'\] WARNING: inconsistent lock state$',
	r'\] inconsistent \{HARDIRQ-ON-W\} -> \{IN-HARDIRQ-W\} usage\.$',
	r'\] swapper/0/1 \[HC1\[1\]:SC0\[0\]:HE0:SE1\] takes:$',
	r'\] inconsistent \{IN-HARDIRQ-W\} -> \{HARDIRQ-ON-W\} usage\.$',
	r'\] inconsistent \{IN-HARDIRQ-R\} -> \{HARDIRQ-ON-W\} usage\.$',
	r'\] WARNING: HARDIRQ-safe -> HARDIRQ-unsafe lock order detected$',
	r'\] WARNING: possible irq lock inversion dependency detected\n(.*\n){2}'
	r'.*\] swapper/0/1 \[HC1\[1\]:SC0\[0\]:HE0:SE1\] just changed the state of lock:\n'
	r'.*\] [0-9a-f]{16} \(lock\)\{-\.\.\.\}-\{2:2\}, at: \S*irq_inversion\+0x.*\n'
	r'.*\] but this lock took another, HARDIRQ-unsafe lock in the past:\n'
	r'.*\]  \(&t\.b\)\{\+\.\.\.\}-\{2:2\}$',
	r'\] BUG: sleeping function called from invalid context at lib/test_lockdep\.c',
	HELD + r'\(lock\)\{\+\.\.\.\}-\{2:2\}, at: \S*sleep_in_atomic\+0x',
	r'\] WARNING: bad unlock balance detected!$',
	r'\] stack backtrace:\n.*\] CPU: 0 PID: 1 Comm: swapper/0 Not tainted ']


def check_reports_fail_boots(log):
	"""Every report the verbose self-test printed would fail an ordinary boot case."""
	heads = re.findall(r'^\[[ \d.]+\] ((?:WARNING|BUG): .*)$', log, re.M)
	if len(heads) != 14:
		return f'{len(heads)} reports printed, expected 14: {heads}'
	missed = [h for h in heads if not any(re.search(p, h) for p in FAILURES)]
	return f'reports no FAILURES pattern matches: {missed}' if missed else None


def lockdep_cases():
	return [
		booted('selftest-lockdep', append=APPEND + ' selftest=lockdep', expect=LOCKDEP_KTAP,
		       reject=FAILURES + [r'not ok', UNKNOWN_PARAM, r'BUG']),
		booted('selftest-lockdep-verbose', machine_args(cpus=1, mem_mb=256, nodes=1),
		       append=APPEND + ' selftest=lockdep debug_locks_verbose=1',
		       expect=LOCKDEP_KTAP + LOCKDEP_REPORTS, checks=[check_reports_fail_boots],
		       reject=[r'not ok', r'Kernel panic', UNKNOWN_PARAM]),
	]


# ---- nodes, cpus and memory from edited device trees ----------------------------------
def tree_case(name, edits, expect=(), why=None, machine=None, append=APPEND, **kw):
	"""Boots through the loader stub a QEMU tree with edits applied; why: the panic it
	must end in (before panic= is parsed the kernel halts: the case stops at the panic)."""
	margs = machine or machine_args()
	prepare = stub_prepare(name, margs, 0x40200000, edits)
	if why:
		return panics(name, why, margs, append=append + ' panic=-1', expect=expect,
			      stub=prepare, stop_on=PANICKED, exit_code=None, **kw)
	return Case(name, margs, append, BOOTED + list(expect), stub=prepare, **kw)


def memreserve(n):
	"""An edit: n /memreserve/ entries of a page, a page apart, from 0x4f000000."""
	lines = ''.join(f'/memreserve/ {0x4f000000 + i * 0x2000:#x} 0x1000;\n' for i in range(n))
	return lambda dts: dts.replace('/dts-v1/;\n', '/dts-v1/;\n' + lines, 1)


def image_outside_memory(name, edit, ranges, expect=()):
	"""The tree leaves out the memory the kernel was loaded in (at 0x40200000)."""
	return tree_case(name, [edit], expect, why=r'The kernel image \[mem 0x40200000-0x[0-9a-f]+\] is '
			 r'not in the memory the device tree describes \(\[mem 0x50000000-0x7fffffff\], '
			 rf'{ranges}\)')


def pcp_high_split(nid, cpus):
	"""Node nid's pcp->high: its low watermark split over cpus cpus (zone_highsize)."""
	def check(log):
		zone = zoneinfo_zone(untimed(log), nid)
		if not zone:
			return f'node {nid}: no zoneinfo'
		low = int(re.search(r'^ +low +(\d+)$', zone, re.M).group(1))
		batch = int(re.search(r'^ +batch: +(\d+)$', zone, re.M).group(1))
		highs = sorted({int(h) for h in re.findall(r'^ +high: +(\d+)$', zone, re.M)})
		want = max(low // cpus, 4 * batch)
		if highs != [want]:
			return f'node {nid}: pcp high {highs}, want {want} (low {low} over {cpus} cpus)'
		return None
	return check


def memoryless_node(nid, data_on, fallback, name=None, machine=None, edits=None, extra=''):
	"""A cpu on node nid, which has no memory: its pg_data_t comes from node data_on, it
	falls back as Linux's zonelist says, and the allocators' suites pass on every cpu."""
	expect = [rf'\] NUMA: Initmem setup node {nid} \[<memory-less node>\]$',
		  rf'\] NUMA: NODE_DATA\({nid}\) on node {data_on}$',
		  rf'\] Initmem setup node {nid} as memoryless$',
		  rf'\] Fallback order for Node {nid}: {fallback} $',
		  r'\] Built 4 zonelists, mobility grouping on\.', r'\] smp: Brought up 4 nodes, 4 CPUs$',
		  rf'\] # slub: pass:{len(SLUB_TESTS)} fail:0$'] + SELFTEST_MM_OK
	append = APPEND + ' selftest=mm,slub' + extra
	reject = FAILURES + [r'not ok']
	if edits:
		return tree_case(name, edits, expect, append=append, reject=reject)
	return booted(name, machine, append=append, expect=expect, reject=reject)


def numa_cases():
	return [
		# slub_debug: its slow path starts at numa_mem_id(), which must have a kmem_cache_node.
		memoryless_node(3, 2, '3 0 1 2', 'numa-memoryless-node3', machine_args(memless=(3,)),
				extra=' slub_debug=FZPU'),
		# Node 0 without memory: QEMU numbers the memory at 0x40000000 node 1's.
		memoryless_node(0, 3, '0 1 2 3', 'numa-memoryless-node0', machine_args(memless=(0,))),
		memoryless_node(3, 2, '3 0 1 2', 'numa-zero-size-memory', edits=[
			set_prop('/memory@70000000', 'reg', '<0x00 0x70000000 0x00 0x00>')]),
		# Memory read with 3 address cells would be at the wrong address: stop at once.
		tree_case('dtb-root-address-cells-3', [set_prop('/', '#address-cells', '<0x03>')],
			  [r'OF: fdt: root #address-cells is unusable \(length 4, value 3\)'],
			  why='Invalid device tree blob at physical address 0x48000000: root '
			  r'#address-cells or #size-cells is not 1 or 2 cells'),
		tree_case('dtb-root-size-cells-64bit', [set_prop('/', '#size-cells', '<0x00 0x02>')],
			  [r'OF: fdt: root #size-cells is unusable \(length 8, value 0\)'],
			  why='Invalid device tree blob at physical address 0x48000000: root'),
		image_outside_memory('dtb-memory-node0-disabled',
				     set_prop('/memory@40000000', 'status', '"disabled"'), '1 range'),
		image_outside_memory('dtb-memory-reg-odd-length',
				     set_prop('/memory@40000000', 'reg', '<0x00 0x40000000 0x00 0x10000000 0x00>'),
				     '1 range', [r'memory@40000000: reg of 20 bytes is not whole \(2\+2\)-cell entries, '
					 r'ignored']),
		# 130 ranges on node 1 and the two before it: node 1's last and node 0's are lost.
		image_outside_memory('dtb-memory-129-ranges', set_prop(
			'/memory@50000000', 'reg', '<' + ' '.join(f'0x00 {0x50000000 + i * 0x100000:#x} 0x00 0x80000'
							 for i in range(130)) + '>'), '128 ranges',
			[r'Ignoring memory block 0x40000000 - 0x50000000: memblock holds only 128 memory '
			 r'ranges at boot']),
		# Reservations past memblock's boot array would be dropped and the memory handed out.
		tree_case('dtb-130-memreserve', [memreserve(130)],
			  why=r'Cannot reserve /memreserve/ entry 12\d \[mem 0x4f0[0-9a-f]{5}-0x4f0[0-9a-f]{5}\]: '
			  r'memblock holds only 128 reserved ranges at boot'),
		# cpu 3 is not possible: node 3's lists are split over all three cpus, node 0's kept
		# for its one cpu.
		booted('numa-nr-cpus-3-pcp-high', append=APPEND + ' nr_cpus=3 mm_debug',
		       checks=[pcp_high_split(3, 3), pcp_high_split(0, 1)]),
		# Linux puts a cpu without numa-node-id on node 0; drain_all_pages must reach it.
		tree_case('numa-cpu-without-node-id', [set_prop('/cpus/cpu@3', 'numa-node-id', None)],
			  append=APPEND + ' selftest=mm', expect=SELFTEST_MM_OK +
			  [r'\] pcpu-alloc: \[0\] 0 \[0\] 3 \[1\] 1 \[2\] 2 $',
			   r'\] smp: Brought up 4 nodes, 4 CPUs$'],
			  reject=FAILURES + [r'not ok']),
		# cpus are matched to nodes by reg: with cpu@0 gone from the tree and cpu@2 moved to
		# node 1, cpus 1 and 2 share a node and the boot cpu falls back to node 0.
		tree_case('numa-cpus-by-reg', [delete_node('/cpus/cpu@0'),
					       set_prop('/cpus/cpu@2', 'numa-node-id', '<0x01>')],
			  append=APPEND + ' selftest=mm', expect=SELFTEST_MM_OK +
			  [r'\] pcpu-alloc: \[0\] 0 \[1\] 1 \[1\] 2 \[2\] 3 $',
			   r'\] smp: Brought up 4 nodes, 4 CPUs$'],
			  reject=FAILURES + [r'not ok']),
	]


VFS_TESTS = ['rootfs_default_entries', 'initramfs_files', 'initramfs_big_file',
	     'initramfs_links', 'path_walk_errors', 'path_walk_dotdot',
	     'negative_dentries_cached', 'tmpfs_mounted', 'create_write_truncate',
	     'rename_unlink_rmdir', 'mount_and_umount', 'devtmpfs_devices', 'fd_table', 'readdir_lists',
	     'no_leaks_after_umount']
# block/blk_selftest.c's cases.
BLK_TESTS = ['plug_merges_adjacent', 'plug_front_merge', 'no_plug_no_merge', 'split_to_limits',
	     'errors_reach_caller', 'busy_driver_requeue', 'preflush_fua_as_flushes']
# lib/test_writeback.c's cases.
WRITEBACK_TESTS = ['fprop_halves_each_period', 'thresh_follows_writeout', 'ratios_bound_thresh',
		   'bad_ratios_einval']


ALL_SUITES = {'irq': len(IRQ_TESTS), 'mm': len(MM_TESTS), 'slub': len(SLUB_TESTS),
	      'smp': len(SMP_TESTS), 'vmalloc': len(VMALLOC_TESTS),
	      'percpu': len(PERCPU_TESTS), 'sched': len(SCHED_CASES),
	      'lockdep': len(LOCKDEP_TESTS), 'vfs': len(VFS_TESTS), 'filemap': 5,
	      'blk': len(BLK_TESTS), 'writeback': len(WRITEBACK_TESTS)}


def all_suites_case(name, machine, suites):
	"""Every self-test suite in one boot: each leaves the kernel as the next expects it
	(no page, object, task or lock left behind, no sleep in atomic context)."""
	return booted(name, machine, append=APPEND + ' selftest=' + suites,
		      expect=[rf'\] # {suite}: pass:{n} fail:0$' for suite, n in ALL_SUITES.items()],
		      reject=FAILURES + [r'not ok', r'BUG', r'unknown name', UNKNOWN_PARAM],
		      initrd=vfs_initramfs())


KNOWN_SUITES = 'all ' + ' '.join(ALL_SUITES)


def unknown_name_cases():
	"""A suite or benchmark name the kernel does not have is said on the console, with the
	names it has, instead of running nothing silently; the known names still run."""
	return [
		booted('selftest-unknown-name', append=APPEND + ' selftest=percpu,nosuch',
		       expect=[rf'\] selftest: unknown name "nosuch" \(known: {KNOWN_SUITES}\)$',
			       rf'\] # percpu: pass:{len(PERCPU_TESTS)} fail:0$'],
		       reject=FAILURES + [r'not ok', r'unknown name "percpu"', UNKNOWN_PARAM]),
		booted('bench-unknown-name', append=APPEND + ' bench=slab',
		       expect=[r'\] bench: unknown name "slab" \(known: all mm vmalloc slub\)$'],
		       reject=FAILURES + [r'bench: [a-z]+\+', UNKNOWN_PARAM]),
	]


def all_suites_cases():
	return [all_suites_case('all-selftests-four-node', machine_args(), ','.join(ALL_SUITES)),
		all_suites_case('all-selftests-four-node-gicv3', machine_args(gic=3), 'all')]


# ---- files: the VFS, the initramfs ------------------------------------------------------
FREEING_INITRD = r'\] Freeing initrd memory: \d+K$'


def vfs_initramfs():
	"""What fs/vfs_selftest.c reads back: a gzip'd archive, then a plain one after it."""
	first = gen_init_cpio.Archive(mtime=1700000000)
	first.dir('/vfstest')
	first.file('/vfstest/hello', b'hello, initramfs\n', links=['/vfstest/hard'])
	first.file('/vfstest/big', bytes(i * 7 % 251 for i in range(300000)), 0o600, 1000, 100)
	first.slink('/vfstest/link', 'hello')
	first.slink('/vfstest/abs', '/vfstest/hello')
	first.slink('/vfstest/loop1', 'loop2')
	first.slink('/vfstest/loop2', 'loop1')
	first.dir('/vfstest/sub')
	first.file('/vfstest/sub/deep', b'deep\n')
	first.slink('/vfstest/sub/up', '../link')
	first.nod('/vfstest/null', 0o666, 0, 0, 'c', 1, 3)
	first.trailer()
	second = gen_init_cpio.Archive(mtime=1700000000)
	second.file('/vfstest/second', b'from the plain second archive\n')
	second.trailer()
	return concat_archives(first.bytes(compress=True), second.bytes())


def corrupt_gzip():
	"""The vfs archive with a byte of its deflate data flipped: the CRC or a code fails."""
	data = bytearray(vfs_initramfs())
	data[200] ^= 0x40
	return bytes(data)


def busybox_initramfs():
	"""make run's initramfs (usr/initramfs_list: Debian's busybox, usr/init)."""
	with open(os.path.join(ROOT, 'usr/initramfs_list')) as f:
		lines = [re.sub(r'^(file \S+ )(\S+)', lambda m: m.group(1) + os.path.join(ROOT, m.group(2)),
				line) for line in f]
	return gen_init_cpio.build_from_list(lines).bytes(compress=True)


PROMPT = r'/\S* # '
# A busybox session typed on the serial line: pipes, redirection, $(...), the applets,
# line editing (DEL), ^C interrupting a sleep, ^Z stopping one and kill ending it; each
# job prints a word first, so the key comes once it runs in the foreground.
BUSYBOX_DIALOG = [
	(PROMPT, b'echo $((6*7)) | cat\n'),
	(r'^42\r?\n', b'mkdir -p /tmp/w && cd /tmp/w && seq 1 50 > n && sort -rn n | head -3 > top\n'),
	(PROMPT, b'cat top; wc -l < n; grep -c 5 n; tail -1 n; echo x$(basename /a/b)y\n'),
	(r'^xby\r?\n', b'cp n m && mv m k && ls; find /tmp/w -name k; awk \'{s+=$1} END {print s}\' n\n'),
	(r'^1275\r?\n', b'sed -n 7p n; rm k top n; ls | wc -l; dd if=/dev/zero bs=512 count=3 2>/dev/null | wc -c\n'),
	(r'^1536\r?\n', b'echo abcX\x7fd\n'),
	(r'^abcd\r?\n', b'sh -c \'echo started-1; exec sleep 100\'\n'),
	(r'^started-1\r?\n', b'\x03'),
	# The shell's job reports start lines with '[': to stderr, here /dev/null.
	(PROMPT, b'exec 2>/dev/null; sh -c \'echo started-2; exec sleep 100\'\n'),
	(r'^started-2\r?\n', b'\x1a'),
	# wait gives 148 while the shell still sees the job stopped, then the kill's 137.
	(r'\^Z', b'jobs > j; sed "s/^/job: /" j; kill -9 %1; s=148; '
		  b'while [ $s = 148 ]; do wait %1; s=$?; done; echo status $s\n'),
	(r'^status 137\r?\n', b'exec 2>&1; mount | grep -c tmpfs; exit\n'),
]


def df_shows_tmpfs(log):
	"""df's tmpfs line is Linux's shmem_statfs: size half of free's total (RAM), 400K used
	by the 100 pages dd wrote, the rest available; df -h shows the same size in M."""
	free = re.search(r'^Mem: +(\d+) ', log, re.M)
	df = re.search(r'^tmpfs +(\d+) +(\d+) +(\d+) +(\d+)% /tmp\r?$', log, re.M)
	dfh = re.search(r'^tmpfs +(\d+\.\d)M +400\.0K +(\d+\.\d)M +(\d+)% /tmp\r?$', log, re.M)
	if not (free and df and dfh):
		return 'no free Mem:, df or df -h tmpfs line'
	total, used, avail = (int(df.group(i)) for i in (1, 2, 3))
	if total != int(free.group(1)) // 8 * 4 or used != 400 or avail != total - used:
		return f'df tmpfs {total} {used} {avail} kB, RAM {free.group(1)} kB'
	if abs(float(dfh.group(1)) - total / 1024) > 0.1:
		return f'df -h size {dfh.group(1)}M, df {total} kB'
	return None


def free_agrees_with_top(log):
	"""free's total (sysinfo) is top's used + free (/proc/meminfo's MemTotal - MemFree +
	MemFree), and both show meminfo's Cached (the initramfs's page cache) alike. Cached is
	the global count, which lags the cpus' own diffs until vmstat's fold (a second later,
	longer on a loaded host): the dialog folds them (vm.stat_refresh) before each tool
	reads, so a fold between the two reads cannot move the figure."""
	free = re.search(r'^Mem: +(\d+) +\d+ +\d+ +\d+ +(\d+) ', log, re.M)
	top = re.search(r'^Mem: (\d+)K used, (\d+)K free, 0K shrd, 0K buff, (\d+)K cached', log,
			re.M)
	if not (free and top):
		return 'no free or top Mem: line'
	if int(free.group(1)) != int(top.group(1)) + int(top.group(2)):
		return f'free total {free.group(1)} kB, top used+free {int(top.group(1)) + int(top.group(2))} kB'
	if int(free.group(2)) != int(top.group(3)) or not int(top.group(3)):
		return f'free buff/cache {free.group(2)} kB, top cached {top.group(3)} kB'
	return None


# busybox's readers of /proc, typed at the shell: each prints what it parsed.
PROC_TOOLS_DIALOG = [
	(PROMPT, b'r=/proc/sys/vm/stat_refresh; echo 1 >$r; free; ps; ps -o pid,tty,comm | grep sh; '
		 b'echo 1 >$r; top -b -n 1 | head -7; mount; '
		 b'dd if=/dev/zero of=/tmp/d bs=4096 count=100 2>/dev/null; df; df -h; echo tools-done\n'),
	(r'^tools-done\r?\n', b'exit\n'),
]


# tests/user/tty_test.c's keys: the first come while the kernel is still booting (before
# the tty's receive interrupt is on, long before anyone opens it); the rest when the
# program says it is ready for them.
TTY_DIALOG = [
	(r'\] devtmpfs: initialized$', b'early\n'),
	(r'^# ready while-switching', b'abcdefghijklmnopqrstuvwxyz'),
	(r'^# ready eof', b'abc\x04\x04'),
	(r'^# ready edit', b'ab\x7fc\njunk\x15good\none two\x17three\ncr\rline\nnext\n'),
	(r'^# ready intr', b'lost\x03'),
	(r'^# ready after-intr', b'kept\n'),
	(r'^# ready noisig', b'\x03\n'),
	(r'^# ready one-byte', b'q'),
	(r'^# ready three', b'xyz'),
	(r'^# ready four', b'1234'),
]
TTY_TESTS = 32


def vfs_cases():
	ktap = [rf'\] ok {i} {t}$' for i, t in enumerate(VFS_TESTS, 1)]
	return [
		Case('busybox-tty-session', initrd=busybox_initramfs(), dialog=BUSYBOX_DIALOG,
		     expect=[r'^init: busybox shell on the console', r'^42\r?$', r'^50$\n^49$\n^48$',
			     r'^50$\n^6$\n^50$\n^xby$', r'^k\s+n\s+top$', r'^/tmp/w/k$', r'^1275$',
			     r'^7$\n^0$\n^1536$', r'^abcd$', r'started-1\n\^C\n',
			     r'^job: \[1\]\+ +Stopped +sh -c', r'^status 137$', r'^2$',
			     r'reboot: Power down'],
		     reject=FAILURES + [r'Unable to handle', r'unhandled exception']),
		Case('busybox-proc-tools', initrd=busybox_initramfs(), dialog=PROC_TOOLS_DIALOG,
		     expect=[r'^ +total +used +free +shared +buff/cache +available\r?$',
			     r'^Mem: +\d+ +\d+ +\d+ +\d+ +\d+ +\d+\r?$', r'^Swap: +0 +0 +0\r?$',
			     r'^PID +USER +(TIME +)?COMMAND\r?$', r'^ +1 0 +\{init\} /bin/sh /init\r?$',
			     r'^ +2 0 +\[kthreadd\]\r?$', r'^ +\d+ 204,64 sh\r?$',
			     r'^Mem: \d+K used, \d+K free, 0K shrd, 0K buff, '
			     r'\d+K cached\r?$', r'^CPU: +\d+% usr +\d+% sys +\d+% nic +\d+% idle',
			     r'^Load average: \d+\.\d\d \d+\.\d\d \d+\.\d\d \d+/\d+ \d+\r?$',
			     r'^ +PID +PPID USER +STAT +VSZ %VSZ %CPU COMMAND\r?$',
			     r'^ +1 +0 0 +S +\d+ +\d+% +\d+% \{init\} /bin/sh /init\r?$',
			     r'^proc on /proc type proc \(rw\)\r?$',
			     r'^tmpfs on /tmp type tmpfs \(rw\)\r?$',
			     r'^Filesystem +1K-blocks +Used +Available +Use% +Mounted on\r?$',
			     r'^Filesystem +Size +Used +Available +Use% +Mounted on\r?$',
			     r'^tools-done'],
		     checks=[free_agrees_with_top, df_shows_tmpfs],
		     reject=FAILURES + [r'Unable to handle', r'unhandled exception']),
		Case('user-tty', append=APPEND + ' rdinit=/bin/tty_test', dialog=TTY_DIALOG,
		     expect=[rf'^# tty: pass:{TTY_TESTS} fail:0', r'reboot: Power down'],
		     reject=FAILURES + [r'^not ok', r'Attempted to kill init'], user_programs=True),
		Case('user-fs-syscalls', append=APPEND + ' rdinit=/bin/fs_test',
		     expect=[r'^# fs: pass:283 fail:0', r'reboot: Power down'],
		     reject=FAILURES + [r'not ok'], user_programs=True),
		booted('selftest-vfs', append=APPEND + ' selftest=vfs', initrd=vfs_initramfs(),
		       expect=[r'\] Unpacking initramfs\.\.\.$', FREEING_INITRD,
			       r'\] devtmpfs: initialized$', rf'\] 1\.\.{len(VFS_TESTS)}$'] + ktap +
		       [rf'\] # vfs: pass:{len(VFS_TESTS)} fail:0$'],
		       reject=FAILURES + [r'not ok', r'Initramfs unpacking failed', r'Busy inodes']),
		booted('initramfs-corrupt-gzip', initrd=corrupt_gzip(),
		       expect=[r'\] Initramfs unpacking failed: (crc error|invalid|decompressor)',
			       FREEING_INITRD]),
		booted('initramfs-not-cpio', initrd=b'\x07\x07' + b'x' * 4000,
		       expect=[r'\] Initramfs unpacking failed: invalid magic at start of compressed archive$',
			       FREEING_INITRD]),
	]


# ---- user space: tests/user programs run as init ---------------------------------------
def memtotal_is_boot_memory(log):
	"""procfs_test's MemTotal is what the boot's Memory: line left to the kernel (its total
	less reserved), plus what was freed after it: the initrd and the init sections."""
	mem = re.search(r'\] Memory: \d+K/(\d+)K available \(.* (\d+)K reserved,', log)
	initrd = re.search(r'\] Freeing initrd memory: (\d+)K$', log, re.M)
	init = re.search(r'\] Freeing unused kernel memory: (\d+)K$', log, re.M)
	total = re.search(r'^# procfs: MemTotal (\d+) kB', log, re.M)
	if not (mem and initrd and init and total):
		return 'no Memory:, Freeing or MemTotal line'
	want = int(mem.group(1)) - int(mem.group(2)) + int(initrd.group(1)) + int(init.group(1))
	if int(total.group(1)) != want:
		return f'MemTotal {total.group(1)} kB, the boot log gives {want} kB'
	return None


def rtc_set_the_clock(log):
	"""The PL031's driver set the wall clock from QEMU's RTC (the host's time, UTC), and
	printed it as Linux's rtc core does."""
	m = re.search(r'\] rtc-pl031 9010000\.pl031: setting system clock to '
		      r'(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d) UTC \((\d+)\)$', log, re.M)
	if not m:
		return 'no rtc-pl031 "setting system clock" line'
	secs = int(m.group(2))
	if m.group(1) != time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime(secs)):
		return f'{m.group(1)} is not {secs} seconds after 1970'
	if abs(secs - time.time()) > TIMEOUT * 2:
		return f'the RTC read {secs}, the host {int(time.time())}'
	return None


def rseq_reported_once(log):
	"""glibc asks for rseq in every thread it starts: the kernel names the caller once."""
	n = len(re.findall(r'^\[[ \d.]+\] \w+\[\d+\]: system call 293 not implemented$', log, re.M))
	return None if n == 1 else f'rseq (293) reported {n} times, not once'


def user_case(name, prog, machine=None, extra='', expect=(), initrd=None, checks=()):
	"""tests/user/<prog> as init: its KTAP summary must say no check failed."""
	cpu = machine[machine.index('-cpu') + 1] if machine else 'cortex-a57'
	append = APPEND + f' rdinit=/bin/{prog}' + extra
	# BOOTED's first line names cortex-a57's MIDR.
	return Case(f'user-{name}' + ('' if cpu == 'cortex-a57' else f'-{cpu}'), machine, append,
		    BOOTED[1:] + [rf'^# {name}: pass:\d+ fail:0$'] + list(expect),
		    reject=FAILURES + [r'^not ok', r'Attempted to kill init'], user_programs=True,
		    initrd=initrd, checks=checks)


# ---- virtio-blk: /dev/vda on a raw image the host writes and checks ------------------
DISK_SIZE = 64 << 20
# blk_test.c's offsets and patterns.
DISK_PAT_OFF, DISK_PAT_LEN = 1 << 20, 8192
DISK_WR_OFF, DISK_WR_LEN = (2 << 20) + 3, 6000
DISK_FILL = 0x5a	# around the guest's pattern, to see it wrote no more and no less
DISK_FAULT_OFF = 3 << 20	# 1000 bytes of 0xc3, then zeros: a write that met a hole
DISK_DISCARD_OFF, DISK_DISCARD_LEN = 48 << 20, 1 << 20
VDA_PROBE = (r'virtio_blk virtio0: \[vda\] 131072 512-byte logical blocks '
	     r'\(67\.1 MB/64\.0 MiB\)$')


class DiskCase(Case):
	"""tests/user/blk_test as init with a 64 MiB image as /dev/vda: the host writes known
	content before the boot and, unless the disk fails writes, finds the guest's after.
	mq: a modern drive with four queues passing discards on, where blk_test also runs
	processes at once and discards a range the host then finds zeroed."""

	def __init__(self, name, fail_writes=False, modern=False, mq=False):
		mode = ' eio' if fail_writes else ' mq' if mq else ''
		append = APPEND + ' rdinit=/bin/blk_test' + mode
		super().__init__(name, None, append, BOOTED[1:] + [VDA_PROBE, r'^# blk: pass:\d+ fail:0$'],
				 reject=FAILURES + [r'^not ok', r'Attempted to kill init'],
				 user_programs=True)
		self.fail_writes = fail_writes
		self.modern = modern or mq
		self.mq = mq
		self.image = None
		self.checks.append(self.check_image)
		if mq:
			self.checks.append(self.check_discard)

	def prepare(self, work):
		super().prepare(work)
		self.image = os.path.join(work, f'{self.name}.img')
		with open(self.image, 'wb') as f:
			f.truncate(DISK_SIZE)
			f.write(b'virtio-blk test image\n')
			f.seek(DISK_PAT_OFF)
			f.write(bytes(i * 7 & 0xff for i in range(DISK_PAT_LEN)))
			f.seek(DISK_WR_OFF - 512)
			f.write(bytes([DISK_FILL]) * (DISK_WR_LEN + 1024))
			f.seek(DISK_SIZE - 512)
			f.write(b'last sector\0')
		# The plain modern drive offers neither indirect descriptors nor the event index.
		self.extra += disk_args(self.image, self.fail_writes, self.modern,
					queues=4 if self.mq else 1, discard=self.mq, ring_extras=not
					(self.modern and not self.mq))

	def check_discard(self, log):
		"""blk_test's discarded MiB reads as zeros, the 4 KiB of 0xa5 each side stay."""
		with open(self.image, 'rb') as f:
			f.seek(DISK_DISCARD_OFF - 4096)
			got = f.read(DISK_DISCARD_LEN + 8192)
		want = b'\xa5' * 4096 + bytes(DISK_DISCARD_LEN) + b'\xa5' * 4096
		return None if got == want else 'the discarded range is not zeros between 0xa5'

	def check_image(self, log):
		with open(self.image, 'rb') as f:
			f.seek(DISK_WR_OFF - 512)
			around = f.read(DISK_WR_LEN + 1024)
			f.seek(DISK_FAULT_OFF)
			fault = f.read(2048)
			f.seek(DISK_SIZE - 4)
			tail = f.read()
		fill = bytes([DISK_FILL]) * 512
		written = bytes((i * 13 + 1) & 0xff for i in range(DISK_WR_LEN))
		kept = bytes([DISK_FILL]) * DISK_WR_LEN
		want = fill + (kept if self.fail_writes else written) + fill
		if around != want:
			at = next(i for i in range(len(want)) if around[i] != want[i])
			return f'image differs at {DISK_WR_OFF - 512 + at:#x}'
		want_fault = bytes(2048) if self.fail_writes else b'\xc3' * 1000 + bytes(1048)
		if fault != want_fault:
			return f'image at {DISK_FAULT_OFF:#x} is not {want_fault[:1]!r} * 1000 then zeros'
		want_tail = b'\0' * 4 if self.fail_writes else b'ENDS'
		return None if tail == want_tail else f'image tail {tail!r}, not {want_tail!r}'


# The partitions blk_test expects, made by sfdisk: (number, start, size) in sectors, and
# the type each is given. The MBR's third is extended, holding the fifth and sixth.
LINUX_GUID = '0FC63DAF-8483-4772-8E79-3D69D8477DE4'
PART_LAYOUTS = {
	'mbr': ('dos', [(1, 2048, 16384, '83'), (2, 18432, 32768, '83'), (3, 51200, 79872, '5'),
			(5, 53248, 16384, '83'), (6, 71680, 16384, '83')]),
	'gpt': ('gpt', [(1, 2048, 16384, LINUX_GUID), (2, 18432, 32768, LINUX_GUID),
			(3, 51200, 40960, LINUX_GUID)]),
}


def gpt_header(my_lba, alt_lba, first, last, entries_lba, entries_crc):
	"""A 92-byte GPT header (UEFI 2.9, 5.3.2) with its CRC32 filled in."""
	fields = [b'EFI PART', 0x10000, 92, 0, 0, my_lba, alt_lba, first, last, b'blk-test-disk-id',
		  entries_lba, 128, 128, entries_crc]
	crc = zlib.crc32(struct.pack('<8sIIIIQQQQ16sQIII', *fields))
	fields[3] = crc
	return struct.pack('<8sIIIIQQQQ16sQIII', *fields)


def write_gpt(path, lbs, parts):
	"""A GPT in lbs-byte logical blocks, which Debian's sfdisk cannot make on a file:
	protective MBR, header at LBA 1, 128 entries from LBA 2, the backups at the end.
	parts: (number, start, size, type GUID) with start and size in 512-byte sectors."""
	per, lbas = lbs // 512, DISK_SIZE // lbs
	entries = bytearray(128 * 128)
	for n, start, size, t in parts:
		first = start // per
		entries[(n - 1) * 128:n * 128] = struct.pack(
			'<16s16sQQQ72s', uuid.UUID(t).bytes_le, bytes([n]) * 16, first,
			first + size // per - 1, 0, 'blk test'.encode('utf-16-le'))
	elbas = len(entries) // lbs
	crc = zlib.crc32(entries)
	first, last = 2 + elbas, lbas - 2 - elbas
	mbr = bytearray(512)
	mbr[446:462] = struct.pack('<B3sB3sII', 0, b'\x00\x02\x00', 0xee, b'\xff\xff\xff', 1,
				   min(lbas - 1, 0xffffffff))
	mbr[510:512] = b'\x55\xaa'
	with open(path, 'r+b') as f:
		f.write(mbr)
		f.seek(lbs)
		f.write(gpt_header(1, lbas - 1, first, last, 2, crc))
		f.seek(2 * lbs)
		f.write(entries)
		f.seek((lbas - 1 - elbas) * lbs)
		f.write(entries)
		f.seek((lbas - 1) * lbs)
		f.write(gpt_header(lbas - 1, 1, first, last, lbas - 1 - elbas, crc))


class PartDiskCase(Case):
	"""blk_test on a 64 MiB image the host partitioned with sfdisk (an MBR with logical
	partitions, or a GPT), a marker at each data partition's start: the guest finds each
	partition and writes across each one's end, which must stop at it. bad_primary: the
	GPT's primary header has a byte changed, so its CRC fails and the backup header at the
	disk's end is used, as Linux does (and says)."""

	def __init__(self, label, bad_primary=False, lbs=512):
		backup = [r'\] Primary GPT is invalid, using alternate GPT\.$'] if bad_primary else []
		probe = VDA_PROBE if lbs == 512 else VDA_PROBE.replace('131072 512', f'{DISK_SIZE // lbs} {lbs}')
		name = f'virtio-blk-{label}' + ('-backup' if bad_primary else '') + \
			('' if lbs == 512 else f'-{lbs}')
		# The MBR disk's boot also runs Debian's lsblk on it.
		lsblk = label == 'mbr' and lbs == 512 and not bad_primary
		super().__init__(name, None, APPEND + f' rdinit=/bin/blk_test {label}',
				 BOOTED[1:] + [probe] + backup +
				 [rf'^\[[ \d.]+\]  vda: vda1 vda2 vda3' +
				  (r' < vda5 vda6 >' if label == 'mbr' else '') + '$',
				  r'^# blk: pass:\d+ fail:0$'],
				 reject=FAILURES + [r'^not ok', r'Attempted to kill init'],
				 user_programs=True,
				 initrd=debian_initramfs(['util-linux/bin/lsblk'], LSBLK_LIB_PACKAGES)
				 if lsblk else None)
		self.label = label
		self.bad_primary = bad_primary
		self.lbs = lbs
		self.image = None
		self.checks.append(self.check_image)

	def data_parts(self):
		return [p for p in PART_LAYOUTS[self.label][1] if p[3] != '5']

	def prepare(self, work):
		super().prepare(work)
		self.image = os.path.join(work, f'{self.name}.img')
		kind, parts = PART_LAYOUTS[self.label]
		with open(self.image, 'wb') as f:
			f.truncate(DISK_SIZE)
		if self.lbs != 512:
			write_gpt(self.image, self.lbs, parts)
		else:
			script = f'label: {kind}\n' + ''.join(f'start={start}, size={size}, type={t}\n'
							     for _, start, size, t in parts)
			sfdisk = shutil.which('sfdisk') or '/usr/sbin/sfdisk'
			subprocess.run([sfdisk, '-q', '--no-reread', '--no-tell-kernel', self.image],
				       input=script.encode(), check=True, capture_output=True)
		with open(self.image, 'r+b') as f:
			for n, start, _, _ in self.data_parts():
				f.seek(start * 512)
				f.write(f'partition {n}\n'.encode())
			if self.bad_primary:
				f.seek(self.lbs + 0x38)	# a byte of the disk GUID in the LBA 1 header
				f.write(b'\xff')
		self.extra += disk_args(self.image, modern=True, lbs=self.lbs)

	def check_image(self, log):
		"""Each data partition ends in "tail of " and the bytes after it are untouched."""
		with open(self.image, 'rb') as f:
			for n, start, size, _ in self.data_parts():
				f.seek((start + size) * 512 - 8)
				end = f.read(8 + 12)
				if end[:8] != b'tail of ':
					return f'vda{n} ends in {end[:8]!r}, not the guest\'s write'
				after = next((f'partition {m}\n'.encode() for m, s, _, _ in self.data_parts()
					      if s == start + size), None)
				if after and not end[8:].startswith(after):
					return f'the write at the end of vda{n} went past it: {end[8:]!r}'
		return None


def selftest_blk():
	"""selftest=blk: the block layer's suite (block/blk_selftest.c) on its own test disk."""
	n = len(BLK_TESTS)
	return booted('selftest-blk', append=APPEND + ' selftest=blk',
		      expect=[r'\] # Subtest: blk$', rf'\] 1\.\.{n}$'] +
		      [rf'\] ok {i} {t}$' for i, t in enumerate(BLK_TESTS, 1)] +
		      [rf'\] # blk: pass:{n} fail:0$'],
		      reject=FAILURES + [r'not ok'])


PCACHE_SYNC = (8 << 20, 1 << 20, 11, 3)	# pcache_test.c's offset, length, pattern
PCACHE_FLUSH = (16 << 20, 64 << 10, 5, 7)


class PcacheDiskCase(Case):
	"""tests/user/pcache_test as init on a blank 64 MiB /dev/vda: writes stay in the
	device's page cache (Dirty, Buffers), sync and the flusher write them, drop_caches
	drops them; the host finds both patterns in the image after the power-off."""

	def __init__(self):
		super().__init__('pcache-writeback', None, APPEND + ' rdinit=/bin/pcache_test',
				 BOOTED[1:] + [VDA_PROBE, r'^# pcache: pass:\d+ fail:0$'],
				 reject=FAILURES + [r'^not ok', r'Attempted to kill init'],
				 user_programs=True)
		self.image = None
		self.checks.append(self.check_image)

	def prepare(self, work):
		super().prepare(work)
		self.image = os.path.join(work, f'{self.name}.img')
		with open(self.image, 'wb') as f:
			f.truncate(DISK_SIZE)
		self.extra += disk_args(self.image)

	def check_image(self, log):
		with open(self.image, 'rb') as f:
			for off, length, mul, add in (PCACHE_SYNC, PCACHE_FLUSH):
				f.seek(off)
				want = bytes((i * mul + add) & 0xff for i in range(length))
				if f.read(length) != want:
					return f'the image at {off:#x} is not what the guest wrote'
		return None


def selftest_writeback():
	"""selftest=writeback: the per-device dirty limits (lib/test_writeback.c)."""
	n = len(WRITEBACK_TESTS)
	return booted('selftest-writeback', append=APPEND + ' selftest=writeback',
		      expect=[rf'\] ok {i} {t}$' for i, t in enumerate(WRITEBACK_TESTS, 1)] +
		      [rf'\] # writeback: pass:{n} fail:0$'],
		      reject=FAILURES + [r'not ok'])


class ThrottleDiskCase(Case):
	"""pcache_test throttle: a blank 64 MiB disk and a 48 MiB one QEMU writes at 1 MiB/s
	(throttling.bps-write); the fast disk's writer must not be held to the slow one's rate."""

	def __init__(self):
		super().__init__('dirty-throttle-two-disks', None,
				 APPEND + ' rdinit=/bin/pcache_test throttle',
				 BOOTED[1:] + [r'^# pcache: pass:\d+ fail:0$'],
				 reject=FAILURES + [r'^not ok', r'Attempted to kill init'],
				 user_programs=True)

	def prepare(self, work):
		super().prepare(work)
		fast, slow = (os.path.join(work, f'{self.name}-{d}.img') for d in ('fast', 'slow'))
		for path, size in ((fast, DISK_SIZE), (slow, 48 << 20)):
			with open(path, 'wb') as f:
				f.truncate(size)
		self.extra += disk_args(fast) + [
			'-drive', f'file={slow},if=none,format=raw,id=d1,throttling.bps-write={1 << 20}',
			'-device', 'virtio-blk-device,drive=d1']


def disk_cases():
	return [selftest_blk(), selftest_writeback(), PcacheDiskCase(), ThrottleDiskCase(), DiskCase('virtio-blk'), DiskCase('virtio-blk-modern', modern=True),
		DiskCase('virtio-blk-eio', fail_writes=True), DiskCase('virtio-blk-mq', mq=True),
		PartDiskCase('mbr'), PartDiskCase('gpt'), PartDiskCase('gpt', bad_primary=True),
		PartDiskCase('gpt', lbs=4096)]



# ---- ext4 on /dev/vda: the storage workload, e2fsck, a second boot, a kill -----------
# tests/user/storage_test.c as init on a 256 MiB image Debian's mke2fs made (ext4's
# defaults: 64bit, extents, flex_bg, metadata_csum, has_journal ...). The host checks the
# image with e2fsck -fn and every file the guest listed against debugfs's copy of it.
STORAGE_SIZE = 256 << 20
STORAGE_TIMEOUT = 600	# thousands of files under TCG, on a shared machine


def mkfs_ext4(path, size=STORAGE_SIZE):
	with open(path, 'wb') as f:
		f.truncate(size)
	subprocess.run(['mke2fs', '-q', '-F', '-t', 'ext4', path], check=True, capture_output=True)


def e2fsck_problem(image):
	"""What e2fsck -fn (read-only, every pass) finds wrong with the image, or None."""
	r = subprocess.run(['e2fsck', '-fn', image], capture_output=True, text=True)
	if r.returncode == 0:
		return None
	return f'e2fsck -fn exited {r.returncode}: ' + ' | '.join(r.stdout.splitlines()[-12:])


def needs_recovery(image):
	r = subprocess.run(['dumpe2fs', '-h', image], capture_output=True, text=True, check=True)
	return bool(re.search(r'^Filesystem features:.*\bneeds_recovery\b', r.stdout, re.M))


def image_files(image, work):
	"""{path: (size, crc32)} of every regular file under the workload's directories,
	copied out of the image by debugfs's rdump (its own reading of ext4)."""
	out = os.path.join(work, os.path.basename(image) + '.rdump')
	shutil.rmtree(out, ignore_errors=True)
	os.makedirs(out)
	cmds = ''.join(f'rdump /d{d:02d} {out}\n' for d in range(16))
	subprocess.run(['debugfs', '-f', '-', image], input=cmds, text=True, check=True,
		       capture_output=True)
	files = {}
	for root, _, names in os.walk(out):
		for name in names:
			with open(os.path.join(root, name), 'rb') as f:
				body = f.read()
			files['/mnt' + os.path.join(root, name)[len(out):]] = (len(body), zlib.crc32(body))
	shutil.rmtree(out)
	return files


def listed_files(log, tag):
	"""{path: (size, crc32)} of the guest's lines 'tag [n] path size crc'."""
	return {m.group(1): (int(m.group(2)), int(m.group(3), 16))
		for m in re.finditer(rf'^{tag}(?: \d+)? (\S+) (\d+) ([0-9a-f]{{8}})$', log, re.M)}


def files_differ(want, have, exact):
	"""The first few files of want that have is missing or holds otherwise; with exact,
	also files have holds that want does not."""
	wrong = [f'{p}: {have.get(p)} not {v}' for p, v in sorted(want.items()) if have.get(p) != v]
	if exact:
		wrong += [f'{p}: not expected' for p in sorted(set(have) - set(want))]
	return f'{len(wrong)} files wrong: ' + '; '.join(wrong[:5]) if wrong else None


class StorageCase(Case):
	"""storage_test in mode on image (made by mke2fs unless given), as /dev/vda."""

	def __init__(self, name, mode, image=None, expect=(), **kw):
		super().__init__(name, None, APPEND + f' rdinit=/bin/storage_test {mode}',
				 BOOTED[1:] + [r'^# storage: pass:\d+ fail:0$'] + list(expect),
				 reject=FAILURES + [r'^not ok', r'Attempted to kill init',
						    r'EXT4-fs error', r'JBD2: .*(error|failed|corrupt)'],
				 user_programs=True, **kw)
		self.image = image
		self.work = None
		self.timeout = STORAGE_TIMEOUT

	def prepare(self, work):
		super().prepare(work)
		self.work = work
		if not self.image:
			self.image = os.path.join(work, f'{self.name}.img')
			mkfs_ext4(self.image)
		self.extra += disk_args(self.image)

	def again_case(self, name, mode, expect):
		return StorageCase(name, mode, self.image, expect)

	def boot_again(self, name, mode, expect=()):
		"""A boot of the same image in mode: its problems (run.py's checks), or None."""
		import run	# the runner imports this file: only once it runs
		again = self.again_case(name, mode, expect)
		again.prepare(run.WORK)
		log, rc, timed_out = run.boot(again)
		problems = run.check(again, log, rc, timed_out)
		return f'{name}: ' + '; '.join(problems) if problems else None


class StorageWorkloadCase(StorageCase):
	"""The workload and a clean unmount; e2fsck finds nothing, each file the guest listed
	is in the image as the guest wrote it and nothing else is; a second boot reads them
	all back."""

	def __init__(self):
		super().__init__('storage-workload', 'write',
				 expect=[r'^storage: \d+ files live of \d+ made$'])
		self.checks += [self.check_image, self.check_second_boot]

	def check_image(self, log):
		want = listed_files(log, 'F')
		if len(want) < 500:
			return f'the guest listed {len(want)} files'
		return e2fsck_problem(self.image) or files_differ(want, image_files(self.image, self.work), True)

	def check_second_boot(self, log):
		return (self.boot_again('storage-verify', 'verify') or e2fsck_problem(self.image))


class StorageKillCase(StorageCase):
	"""QEMU killed after the guest's KILL_AT-th completed fsync, the workload running on.
	The image then needs recovery; this kernel's replay at the next mount leaves a file
	system e2fsck finds nothing wrong with, holding every fsynced file intact."""

	KILL_AT = 300

	def __init__(self):
		super().__init__('storage-kill', 'crash', expect=[rf'^FSYNCED {self.KILL_AT} '],
				 stop_on=rf'^FSYNCED {self.KILL_AT} ', exit_code=None)
		self.expect.remove(r'^# storage: pass:\d+ fail:0$')
		self.expect.remove(BOOTED[-1])
		self.checks.append(self.check_replay)

	def check_replay(self, log):
		if not needs_recovery(self.image):
			return 'the killed image does not need recovery: nothing to replay'
		return (self.boot_again('storage-kill-replay', 'mount',
					expect=[r'EXT4-fs \(vda\): recovery complete']) or
			e2fsck_problem(self.image) or
			files_differ(listed_files(log, 'FSYNCED'), image_files(self.image, self.work), False))


class StorageSeqCase(StorageCase):
	"""A 64 MiB file written sequentially lies in a handful of extents (debugfs's ex:
	groups of 8 MiB, backup superblocks and 32768-block extents split it, little else);
	its cold read reaches the disk as large I/Os; e2fsck finds nothing wrong."""

	MAX_EXTENTS = 8
	MIN_SECTORS_PER_READ = 128

	def __init__(self):
		super().__init__('storage-seq', 'seq', expect=[r'^seq: write .* sectors/read$'])
		self.checks += [self.check_extents, self.check_read_size,
				lambda log: e2fsck_problem(self.image)]

	def check_extents(self, log):
		r = subprocess.run(['debugfs', '-R', 'ex /big', self.image], capture_output=True,
				   text=True, check=True)
		leaves = [l for l in r.stdout.splitlines() if re.match(r'^\s*0/\s*0\s', l) or
			  re.match(r'^\s*(\d+)/\s*\1\s', l)]
		if not leaves or len(leaves) > self.MAX_EXTENTS:
			return f'/big has {len(leaves)} extents: ' + ' | '.join(r.stdout.splitlines()[:8])
		return None

	def check_read_size(self, log):
		m = re.search(r'^seq: .* ([\d.]+) sectors/read$', log, re.M)
		if m and float(m.group(1)) < self.MIN_SECTORS_PER_READ:
			return f'the cold read averaged {m.group(1)} sectors per I/O'
		return None


def storage_cases():
	"""The storage workload on an ext4 disk with its journal: e2fsck and a second boot
	after a clean power-off, and the replay after QEMU is killed mid-workload; the
	sequential 64 MiB write and read."""
	return [StorageWorkloadCase(), StorageKillCase(), StorageSeqCase()]


# ---- ext4 directories on /dev/vda: tests/user/ext4_dir_test, then e2fsck -fn ------------
class Ext4DirCase(Case):
	"""tests/user/ext4_dir_test as init on a 64 MiB ext4 mke2fs made (1 KiB blocks: its
	3000-name directory grows a two-level index): create, lookup, readdir, unlink,
	mkdir/rmdir, link, symlinks, mknod, renames; e2fsck -fn on the host afterwards."""

	def __init__(self):
		super().__init__('ext4-dir-ops', None, APPEND + ' rdinit=/bin/ext4_dir_test',
				 BOOTED[1:] + [r'^# ext4_dir: pass:\d+ fail:0$'],
				 reject=FAILURES + [r'^not ok', r'Attempted to kill init',
						    r'EXT4-fs error'],
				 user_programs=True)
		self.image = None
		self.checks.append(lambda log: e2fsck_problem(self.image))

	def prepare(self, work):
		super().prepare(work)
		self.image = os.path.join(work, f'{self.name}.img')
		mkfs_ext4(self.image, 64 << 20)
		self.extra += disk_args(self.image)


def ext4_dir_cases():
	return [Ext4DirCase()]


# ---- ext4 on damaged images: fuzzed metadata gives errors, never an oops ----------------
# Four small images of one tree (directories linear and indexed, a sparse file whose
# extents need an index block, fast and slow symlinks), two with metadata_csum and two
# without (so damage reaches the structure checks, not only the checksums), each with
# EXT4_FUZZ_BYTES bytes changed in its metadata blocks: group descriptors, bitmaps, the
# inode table's used part, directory blocks and extent index blocks. The guest mounts
# each, walks and reads it, writes, renames and deletes, and unmounts. The kernel may
# refuse, report and fail calls with EUCLEAN or EIO, but never oops, warn or hang.
# EXT4_FUZZ_SEED replays a run; the seed is on the kernel's command line.
EXT4_FUZZ_DISKS = ('vda', 'vdb', 'vdc', 'vdd')
EXT4_FUZZ_BYTES = 24
EXT4_FUZZ_SCRIPT = b"""#!/bin/sh
mount -t proc proc /proc
mount -t devtmpfs devtmpfs /dev
for d in """ + ' '.join(EXT4_FUZZ_DISKS).encode() + b"""; do
	m=/mnt/$d
	mkdir -p $m
	if mount -t ext4 /dev/$d $m 2>/dev/null; then
		echo "fuzz: $d mounted"
		ls -lR $m >/dev/null 2>&1
		# The first 256K of each: a damaged i_size may claim petabytes of holes.
		find $m -type f -exec head -c 262144 {} + >/dev/null 2>&1
		for l in $(find $m -type l 2>/dev/null); do readlink $l; done >/dev/null 2>&1
		mkdir $m/new 2>/dev/null && cp /bin/busybox $m/new/bb 2>/dev/null
		for f in $(find $m -maxdepth 2 -type f 2>/dev/null | head -20); do
			echo more >> $f
		done 2>/dev/null
		mv $m/d1 $m/d1m 2>/dev/null; rm -rf $m/d2 $m/big/f01* 2>/dev/null
		truncate -s 5000 $m/sparse 2>/dev/null
		sync
		umount $m && echo "fuzz: $d unmounted"
	fi
	echo "fuzz: $d walked"
done
echo fuzz-complete
poweroff -f
"""


def ext4_fuzz_tree(src):
	"""The tree every fuzzed image starts from (mke2fs -d)."""
	shutil.rmtree(src, ignore_errors=True)
	for d in ('d0', 'd1/a/b/c', 'd2', 'big'):
		os.makedirs(os.path.join(src, d))
	for i, size in enumerate((0, 1, 1000, 5000, 70000)):
		for d in ('d0', 'd1/a/b/c', 'd2'):
			with open(os.path.join(src, d, f'file{i}'), 'wb') as f:
				f.write(bytes((i * 7 + j) & 0xff for j in range(size)))
	for i in range(400):	# an indexed directory once e2fsck -D has run
		with open(os.path.join(src, 'big', f'f{i:03d}-{"x" * (i % 40)}'), 'wb') as f:
			f.write(b'%d\n' % i)
	with open(os.path.join(src, 'sparse'), 'wb') as f:
		for i in range(24):	# 24 extents: more than the inode holds
			f.seek(i * 65536)
			f.write(b's' * 4096)
	os.symlink('d0/file1', os.path.join(src, 'fast-link'))
	os.symlink('d1/a/b/c/' + 'y' * 90 + '/../file2', os.path.join(src, 'slow-link'))


def ext4_metadata_blocks(image):
	"""(block size, sorted metadata block numbers) of an image, from dumpe2fs and debugfs."""
	out = subprocess.run(['dumpe2fs', image], capture_output=True, text=True, check=True).stdout
	bs = int(re.search(r'^Block size:\s+(\d+)', out, re.M).group(1))
	blocks = set()
	for m in re.finditer(r'Group descriptors at (\d+)-(\d+)', out):
		blocks.update(range(int(m.group(1)), int(m.group(2)) + 1))
	blocks.update(int(b) for b in re.findall(r'(?:Block|Inode) bitmap at (\d+)', out))
	first_table = int(re.search(r'Inode table at (\d+)-', out).group(1))
	blocks.update(range(first_table, first_table + 16))	# the tree's inodes are here
	for d in ('/', '/d0', '/d1', '/d1/a', '/d1/a/b', '/d1/a/b/c', '/d2', '/big'):
		r = subprocess.run(['debugfs', '-R', f'blocks {d}', image], capture_output=True, text=True)
		blocks.update(int(b) for b in r.stdout.split())
	r = subprocess.run(['debugfs', '-R', 'stat /sparse', image], capture_output=True, text=True)
	blocks.update(int(b) for b in re.findall(r'\(ETB\d+\):(\d+)', r.stdout))
	blocks.discard(0)	# the superblock: a bad one is refused whole (ext4-root-bad-superblock)
	return bs, sorted(blocks)


def ext4_fuzz_image(src, image, rng, csum):
	with open(image, 'wb') as f:
		f.truncate(16 << 20)
	subprocess.run(['mke2fs', '-q', '-F', '-t', 'ext4'] + ([] if csum else ['-O', '^metadata_csum']) +
		       ['-d', src, image], check=True, capture_output=True)
	# -D indexes big/; exit 1 says it changed the file system, as asked.
	if subprocess.run(['e2fsck', '-fyD', image], capture_output=True).returncode > 1:
		raise RuntimeError(f'e2fsck -fyD failed on {image}')
	bs, blocks = ext4_metadata_blocks(image)
	with open(image, 'r+b') as f:
		for _ in range(EXT4_FUZZ_BYTES):
			f.seek(rng.choice(blocks) * bs + rng.randrange(bs))
			old = f.read(1)[0]
			f.seek(-1, os.SEEK_CUR)
			f.write(bytes([old ^ rng.randrange(1, 256)]))


class Ext4FuzzCase(Case):
	"""EXT4_FUZZ_SCRIPT as init over four damaged images (see above)."""

	def __init__(self):
		self.seed = int(os.environ.get('EXT4_FUZZ_SEED') or random.randrange(1 << 32))
		super().__init__('ext4-fuzz-metadata', None,
				 APPEND + f' rdinit=/fuzz.sh ext4_fuzz_seed={self.seed}',
				 [rf'^fuzz: {d} walked' for d in EXT4_FUZZ_DISKS] +
				 [r'^fuzz-complete', r'reboot: Power down'],
				 reject=FAILURES + KERNEL_COMPLAINTS + [r'Attempted to kill init'],
				 checks=[self.check_reported], initrd=None)
		self.timeout = 180

	def prepare(self, work):
		rng = random.Random(self.seed)
		src = os.path.join(work, 'ext4-fuzz-src')
		ext4_fuzz_tree(src)
		script = gen_init_cpio.Archive(mtime=1700000000)
		script.dir('/mnt')
		script.file('/fuzz.sh', EXT4_FUZZ_SCRIPT, 0o755)
		script.trailer()
		self.initrd = concat_archives(busybox_initramfs(), script.bytes(compress=True))
		super().prepare(work)
		for i, _ in enumerate(EXT4_FUZZ_DISKS):
			image = os.path.join(work, f'{self.name}-{i}.img')
			ext4_fuzz_image(src, image, rng, csum=i < 2)
			self.extra += ['-drive', f'file={image},if=none,format=raw,id=fz{i}',
				       '-device', f'virtio-blk-device,drive=fz{i}']

	def check_reported(self, log):
		"""The damage was seen: at least one image refused or reported."""
		if re.search(r'EXT4-fs error|EXT4-fs \(vd.\): .*(corrupt|checksum|bad|invalid|unable)',
			     log, re.I):
			return None
		return f'seed {self.seed}: no image was refused or reported'


def ext4_fuzz_cases():
	return [Ext4FuzzCase()]


# ---- ext4 file semantics on /dev/vda: tests/user/ext4_file_test ---------------------------
class Ext4FileCase(StorageCase):
	"""ext4_file_test in mode on a 256 MiB image (its own, or one a case before left)."""

	def __init__(self, name, mode, image=None, expect=(), **kw):
		super().__init__(name, mode, image, expect, **kw)
		self.append = self.append.replace('rdinit=/bin/storage_test', 'rdinit=/bin/ext4_file_test')
		self.expect = [r'^# ext4_file: pass:\d+ fail:0$' if e == r'^# storage: pass:\d+ fail:0$'
			       else e for e in self.expect]

	def again_case(self, name, mode, expect):
		return Ext4FileCase(name, mode, self.image, expect)


class Ext4MmapCase(Ext4FileCase):
	"""Stores through shared mappings into holes (->page_mkwrite), redirtying after
	writeback, SIGBUS past the end; e2fsck -fn clean, and a second boot reads it back."""

	def __init__(self):
		super().__init__('ext4-file-mmap', 'write')
		self.checks += [lambda log: e2fsck_problem(self.image),
				lambda log: self.boot_again('ext4-file-verify', 'verify') or
				e2fsck_problem(self.image)]


class Ext4OrphanCase(Ext4FileCase):
	"""Two files unlinked while open, synced, then QEMU killed: the next mount replays
	the journal and deletes both orphans (their blocks free again); e2fsck -fn clean."""

	def __init__(self):
		super().__init__('ext4-file-orphan', 'orphan', expect=[r'^ORPHANS READY'],
				 stop_on=r'^ORPHANS READY', exit_code=None)
		self.expect.remove(r'^# ext4_file: pass:\d+ fail:0$')
		self.expect.remove(BOOTED[-1])
		self.checks.append(self.check_cleanup)

	def check_cleanup(self, log):
		return (self.boot_again('ext4-file-orphan-mount', 'mount',
					expect=[r'EXT4-fs \(vda\): 2 orphan inodes deleted$']) or
			e2fsck_problem(self.image))


def ext4_file_cases():
	return [Ext4MmapCase(), Ext4OrphanCase()]


# ---- the root file system on /dev/vda: ext4 made by tools/mkdisk from make run's tree ---
# Every boot gets the test initramfs; rdinit= names no program in it, so the kernel goes
# on to root= (prepare_namespace), as Linux does with an initramfs without /init.
ROOT_SCRIPT = b"""#!/bin/sh
mount -t proc proc /proc
grep ' / ' /proc/mounts
echo "root-check: $(cat /etc/greeting)"
if echo written-by-guest > /written; then sync; echo "root-check: wrote $(cat /written)"; fi
cat /victim > /dev/null || echo "root-check: victim unreadable"
echo root-check: done
poweroff -f
"""
ROOT_APPEND = APPEND + ' rdinit=/no-such-init root=/dev/vda rootwait init=/check.sh'


def mkdisk_root(path, work):
	"""usr/initramfs_list's busybox tree as an ext4 image (tools/mkdisk), with the check
	script as /check.sh, /etc/greeting, and /victim (a file a case may damage)."""
	extra = {'check.sh': ROOT_SCRIPT, 'greeting': b'hello from ext4\n', 'victim': b'v' * 5000}
	lines = []
	for name, body in extra.items():
		src = os.path.join(work, f'root-{name}')
		with open(src, 'wb') as f:
			f.write(body)
		dst = {'check.sh': '/check.sh', 'greeting': '/etc/greeting'}.get(name, '/' + name)
		lines.append(f'file {dst} {src} 0755 0 0')
	listing = os.path.join(work, os.path.basename(path) + '.list')
	with open(os.path.join(ROOT, 'usr/initramfs_list')) as f, open(listing, 'w') as out:
		out.write(f.read() + '\n'.join(lines) + '\n')
	subprocess.run([sys.executable, os.path.join(ROOT, 'tools/mkdisk'), listing, path],
		       check=True, cwd=ROOT)


def debugfs_cat(image, path):
	r = subprocess.run(['debugfs', '-R', f'cat {path}', image], capture_output=True)
	return r.stdout


def damage_inode(image, path):
	"""Flips a byte of path's inode in the table (its checksum no longer matches)."""
	r = subprocess.run(['debugfs', '-R', f'imap {path}', image], capture_output=True,
			   text=True, check=True)
	m = re.search(r'located at block (\d+), offset (0x[0-9a-f]+)', r.stdout)
	bs = int(re.search(r'Block size:\s+(\d+)', subprocess.run(
		['dumpe2fs', '-h', image], capture_output=True, text=True).stdout).group(1))
	with open(image, 'r+b') as f:
		f.seek(int(m.group(1)) * bs + int(m.group(2), 16) + 0x20)	# in i_block
		b = f.read(1)
		f.seek(-1, 1)
		f.write(bytes([b[0] ^ 0xff]))


class RootCase(Case):
	"""A boot with its root on an ext4 image of the busybox tree: /check.sh as init.
	damage: 'victim' (its inode's bytes), 'superblock' (the checksum no longer matches)."""

	def __init__(self, name, append, expect, reject=FAILURES, damage=None, **kw):
		super().__init__(name, None, append, expect, reject=reject, **kw)
		self.damage = damage
		self.image = None
		self.before = None

	def prepare(self, work):
		super().prepare(work)
		self.image = os.path.join(work, f'{self.name}.img')
		mkdisk_root(self.image, work)
		if self.damage == 'victim':
			damage_inode(self.image, '/victim')
		elif self.damage == 'superblock':
			with open(self.image, 'r+b') as f:
				f.seek(1024 + 0x78)	# s_volume_name
				f.write(b'damaged!')
		with open(self.image, 'rb') as f:
			self.before = f.read()
		self.extra += disk_args(self.image)

	def image_unchanged(self, log):
		with open(self.image, 'rb') as f:
			return None if f.read() == self.before else 'the image was written'

	def image_clean(self, log):
		return e2fsck_problem(self.image)

	def guest_wrote(self, log):
		got = debugfs_cat(self.image, '/written')
		return None if got == b'written-by-guest\n' else f'/written holds {got!r}'


ROOT_MOUNTED = r'VFS: Mounted root \(ext4 filesystem\)%s on device \d+:\d+\.$'


def root_cases():
	rw = RootCase('ext4-root-rw', ROOT_APPEND + ' rw rootfstype=ext4',
		      BOOTED + [ROOT_MOUNTED % '', r'EXT4-fs \(vda\): mounted filesystem with ordered',
				r'^/dev/root / ext4 rw', r'^root-check: hello from ext4$',
				r'^root-check: wrote written-by-guest$', r'^root-check: done$'])
	rw.checks += [rw.image_clean, rw.guest_wrote]
	ro = RootCase('ext4-root-ro', ROOT_APPEND,
		      BOOTED + [ROOT_MOUNTED % ' readonly', r'^/dev/root / ext4 ro',
				r'^root-check: hello from ext4$', r'Read-only file system',
				r'^root-check: done$'])
	ro.checks.append(ro.image_unchanged)
	bad = RootCase('ext4-root-bad-superblock', ROOT_APPEND + ' rw panic=-1',
		       [r'EXT4-fs \(vda\): VFS: Found ext4 filesystem with invalid superblock '
			r'checksum', r'Kernel panic - not syncing: VFS: Unable to mount root fs',
			PANICKED], reject=[r'Internal error', r'Unhandled .* exception'],
		       damage='superblock')
	bad.checks.append(bad.image_unchanged)
	victim = RootCase('ext4-root-damaged-inode', ROOT_APPEND + ' rw',
			  BOOTED + [ROOT_MOUNTED % '', r'EXT4-fs error \(device vda\): .*inode #\d+: '
				    r'comm cat: iget: checksum invalid', r'Bad message',
				    r'^root-check: victim unreadable$', r'^root-check: done$'],
			  damage='victim')
	return [rw, ro, bad, victim]


DEPS = os.path.join(ROOT, 'build/deps')
GLIBC_LIBS = ('ld-linux-aarch64.so.1', 'libc.so.6', 'libresolv.so.2')


def glibc_archive():
	"""Debian's arm64 glibc where its ld.so looks (/lib/aarch64-linux-gnu, PT_INTERP's
	/lib/ld-linux-aarch64.so.1 a link to it), and /usr/bin, for a case to add to."""
	a = gen_init_cpio.Archive(mtime=1700000000)
	for d in ('/lib', '/lib/aarch64-linux-gnu', '/usr', '/usr/bin'):
		a.dir(d)
	for name in GLIBC_LIBS:
		with open(os.path.join(DEPS, 'libc6/lib/aarch64-linux-gnu', name), 'rb') as f:
			a.file(f'/lib/aarch64-linux-gnu/{name}', f.read(), 0o755)
	a.slink('/lib/ld-linux-aarch64.so.1', 'aarch64-linux-gnu/ld-linux-aarch64.so.1')
	return a


def glibc_initramfs():
	"""glibc and Debian's dynamic busybox as /usr/bin/busybox (tools/install-deps fetches
	both)."""
	a = glibc_archive()
	with open(os.path.join(DEPS, 'busybox-dyn/bin/busybox'), 'rb') as f:
		a.file('/usr/bin/busybox', f.read(), 0o755)
	a.trailer()
	return a.bytes(compress=True)


# Debian's procps and numactl (tools/install-deps): the programs, the packages whose
# libraries they load (readelf's NEEDED, transitively, and libproc2's dlopen of libnuma),
# and the terminal descriptions top's setupterm reads.
PROCPS_PROGRAMS = ('procps/bin/ps', 'procps/usr/bin/free', 'procps/usr/bin/top',
		   'procps/usr/bin/vmstat', 'procps/usr/bin/slabtop', 'procps/usr/bin/pmap',
		   'procps/usr/bin/uptime', 'numactl/usr/bin/numastat', 'numactl/usr/bin/numactl')
PROCPS_LIB_PACKAGES = ('libproc2-0', 'libsystemd0', 'libcap2', 'libgcrypt20', 'libgpg-error0',
		       'liblzma5', 'libzstd1', 'liblz4-1', 'libncursesw6', 'libtinfo6', 'libnuma1')
TERMINFO = ('d/dumb', 'l/linux')


def debian_initramfs(programs, lib_packages, terminfo=()):
	"""glibc, Debian's programs (package/path) where Debian puts them, every soname of
	lib_packages' libraries in /lib/aarch64-linux-gnu, and the terminal descriptions."""
	a = glibc_archive()
	for prog in programs:
		with open(os.path.join(DEPS, prog), 'rb') as f:
			a.file('/' + prog.split('/', 1)[1], f.read(), 0o755)
	for pkg in lib_packages:
		for sub in ('lib/aarch64-linux-gnu', 'usr/lib/aarch64-linux-gnu'):
			d = os.path.join(DEPS, pkg, sub)
			for name in sorted(os.listdir(d)) if os.path.isdir(d) else ():
				if re.search(r'\.so\.\d+$', name):
					with open(os.path.join(d, name), 'rb') as f:
						a.file(f'/lib/aarch64-linux-gnu/{name}', f.read(), 0o755)
	if terminfo:
		a.dir('/lib/terminfo')
	for entry in terminfo:
		a.dir(f'/lib/terminfo/{entry[0]}')
		with open(os.path.join(DEPS, 'ncurses-base/lib/terminfo', entry), 'rb') as f:
			a.file(f'/lib/terminfo/{entry}', f.read(), 0o644)
	a.trailer()
	return a.bytes(compress=True)


def procps_initramfs():
	return debian_initramfs(PROCPS_PROGRAMS, PROCPS_LIB_PACKAGES, TERMINFO)


# Debian's util-linux lsblk and the libraries it loads (tools/install-deps).
LSBLK_LIB_PACKAGES = ('libblkid1', 'libmount1', 'libsmartcols1', 'libudev1', 'libselinux1',
		      'libpcre2-8-0')


# mm_test oom's hogs: the OOM killer's report, as Linux 6.1 prints it.
OOM_REPORT = [r'mm_test invoked oom-killer: gfp_mask=0x[0-9a-f]+\(\S+\), order=0, oom_score_adj=0$',
	      r'^\[ *\d+\.\d+\] \[  pid  \]   uid  tgid total_vm      rss pgtables_bytes swapents '
	      r'oom_score_adj name$',
	      r'oom-kill:constraint=CONSTRAINT_NONE,nodemask=\(null\),task=mm_test,pid=\d+,uid=0$',
	      r'Out of memory: Killed process \d+ \(mm_test\) total-vm:\d+kB, anon-rss:\d+kB, '
	      r'file-rss:\d+kB, shmem-rss:\d+kB, UID:0 pgtables:\d+kB oom_score_adj:0$',
	      # show_mem's Mem-Info block: the machine's counts, each node's and zone's, the
	      # buddy lists, the RAM of the 256 MiB machine.
	      r'\] Mem-Info:$',
	      r'\] active_anon:\d+ inactive_anon:\d+ isolated_anon:\d+$',
	      r'\]  unevictable:[1-9]\d* dirty:\d+ writeback:\d+$',
	      r'\]  free:\d+ free_pcp:\d+ free_cma:0$',
	      r'\] Node 3 active_anon:\d+kB inactive_anon:\d+kB active_file:\d+kB inactive_file:\d+kB '
	      r'unevictable:\d+kB isolated\(anon\):0kB isolated\(file\):\d+kB mapped:\d+kB .* '
	      r'pagetables:\d+kB sec_pagetables:0kB all_unreclaimable\? no$',
	      r'\] Node 0 DMA free:\d+kB boost:\d+kB min:\d+kB low:\d+kB high:\d+kB '
	      r'reserved_highatomic:\d+KB active_anon:\d+kB .* present:65536kB managed:\d+kB '
	      r'mlocked:\d+kB bounce:0kB free_pcp:\d+kB local_pcp:\d+kB free_cma:0kB$',
	      r'\] lowmem_reserve\[\]: 0 0 0 0$',
	      r'\] Node 3 DMA: (\d+\*\d+kB (\([UMEHI]+\) )?){11}= \d+kB$',
	      r'\] [1-9]\d* total pagecache pages$',
	      r'\] 65536 pages RAM$', r'\] 0 pages HighMem/MovableOnly$', r'\] \d+ pages reserved$']


def user_cases():
	return [
		user_case('proc', 'proc_test'),
		user_case('mm', 'mm_test'),
		user_case('mm-oom', 'mm_test', machine_args(mem_mb=256), extra=' oom', expect=OOM_REPORT),
		# 16 ASIDs for 24 processes: generation rollovers all the time, on every cpu.
		user_case('mm-asid', 'mm_test', extra=' asid_bits=4 asid',
			  expect=[r'\] ASID allocator: 4 bits, 16 ASIDs$']),
		user_case('vma', 'vma_test'),
		# NUMA policies: each puts the pages where Linux's does (numactl's in procps).
		user_case('mempolicy', 'mempolicy_test'),
		user_case('signal', 'signal_test'),
		user_case('thread', 'thread_test', checks=[rseq_reported_once]),
		user_case('tlb', 'tlb_test'),
		user_case('sched', 'sched_test'),
		user_case('uaccess', 'uaccess_test'),
		user_case('procfs', 'procfs_test', checks=[memtotal_is_boot_memory, rtc_set_the_clock]),
		user_case('file_mmap', 'file_mmap_test', initrd=glibc_initramfs()),
		user_case('procps', 'procfs_test', extra=' procps', initrd=procps_initramfs()),
		# page_owner=on: the page_ext table and the stack depot, then debugfs's file.
		user_case('page_owner', 'page_owner_test', extra=' page_owner=on',
			  expect=[r'\] allocated \d+ bytes of page_ext$',
				  r'\] stackdepot hash table entries: 65536 ',
				  r'\] Node 3, zone +DMA: page owner found early allocated \d+ pages$']),
		# Hardware PAN instead of the TTBR0 switching: the same programs must pass.
		user_case('proc', 'proc_test', machine_args(cpu='max')),
		user_case('mm', 'mm_test', machine_args(cpu='max')),
		user_case('tlb', 'tlb_test', machine_args(cpu='max')),
		# The robust-list walk's exclusives lift hardware PAN instead of switching TTBR0.
		user_case('thread', 'thread_test', machine_args(cpu='max')),
		booted('user-init-args', append=APPEND + ' quiet-word one=1',
		       expect=[r'init: pid 1, argc 2 argv\[0\]=/init argv\[1\]=quiet-word env=HOME=/ '
			       r'env=TERM=linux env=one=1$']),
		panics('user-no-init', r'No working init found\.', append=APPEND + ' rdinit=/nope panic=-1'),
	]


# The fuzzer's short run in make test, bounded by calls (not time): about a minute and a
# half under TCG. make fuzz runs FUZZ_CALLS (default a million) with FUZZ_SEED if given.
FUZZ_CALLS = 30000
# What the kernel must never print, whatever the calls: an oops, a BUG or WARN, a lock
# validator report, a fault it could not handle.
KERNEL_COMPLAINTS = [r'Unable to handle', r'Internal error', r'\bBUG\b', r'WARNING',
		     r'Oops', r'lockdep', r'Call trace', r'Kernel panic']


def fuzz_case(name, calls, seed=None):
	"""tests/user/fuzz.c as init: random system calls from workers on every cpu; no hang,
	no leak, and nothing in the kernel's log but its -ENOSYS notes and user faults. The
	timeout allows 50 calls a second, far below what a loaded host gives."""
	append = APPEND + f' rdinit=/bin/fuzz fuzz_calls={calls}' + \
		(f' fuzz_seed={seed}' if seed else '')
	case = Case(name, append=append,
		    expect=BOOTED[1:] + [r'^# fuzz: seed=\d+ ', r'^# fuzz: pass:\d+ fail:0$'],
		    reject=FAILURES + KERNEL_COMPLAINTS + [r'^not ok', r'Attempted to kill init'],
		    user_programs=True)
	case.timeout = max(TIMEOUT, calls // 50)
	return case


def fuzz_replay_case(name, wseed):
	"""One worker's calls replayed (fuzz_wseed), a sequence that once broke the kernel,
	without the workers' address space limit; also no allocation failure reported. Its seed names what fuzz.c draws today: a
	change to how fuzz.c draws may make it replay something else."""
	case = Case(name, append=APPEND + f' rdinit=/bin/fuzz fuzz_wseed={wseed} fuzz_calls=3000'
		    ' fuzz_as_mib=0',
		    expect=BOOTED[1:] + [r'^# fuzz: pass:\d+ fail:0$'],
		    reject=FAILURES + KERNEL_COMPLAINTS + [r'^not ok', r'Attempted to kill init',
							  r'page allocation failure'],
		    user_programs=True)
	case.timeout = 120
	return case


def fuzz_cases():
	"""The short run always; the long one (make fuzz) when FUZZ_CALLS is set. Replays:
	mlockall populating a shared mapping larger than memory, killed by the watchdog, went
	on faulting and drained the reserves to the last page (populate_vma_page_range now
	stops on a fatal signal)."""
	long_calls = int(os.environ.get('FUZZ_CALLS') or 0)
	return [fuzz_case('user-fuzz', FUZZ_CALLS),
		fuzz_replay_case('fuzz-replay-killed-mlockall', 15080356940618650988)] + \
		([fuzz_case('fuzz-long', long_calls, os.environ.get('FUZZ_SEED'))] if long_calls else [])


# ---- the boot chart (initcall_debug, tools/bootgraph) -------------------------------------
# start_kernel's stages (@ 0), then kernel_init's (@ 1) and the initcalls: the early one
# (the irq suite) before smp_init, the late ones after init_mm_internals (the /proc files'
# registrations, the drivers', then the self-test build's suites).
BOOT_STAGES = [(0, 'setup_arch'), (0, 'setup_per_cpu_areas'), (0, 'smp_prepare_boot_cpu'),
	       (0, 'build_all_zonelists'), (0, 'mem_init'), (0, 'kmem_cache_init'),
	       (0, 'vmalloc_init'), (0, 'sched_init'), (0, 'workqueue_init_early'),
	       (0, 'init_IRQ'), (0, 'init_timers'), (0, 'time_init'), (0, 'pl011_console_init'),
	       (0, 'setup_per_cpu_pageset'), (1, 'asids_init'), (1, '__selftest_call_irq_selftest'),
	       (1, 'smp_init'),
	       (1, 'workqueue_init'), (1, 'init_mm_internals'), (1, 'page_alloc_init_late'),
	       (1, 'init_per_zone_wmark_min'), (1, 'mm_debug_show')] + \
	[(1, fn) for fn in
	 ('proc_cpuinfo_init', 'reserve_memblock_reserved_regions', 'kallsyms_init', 'ioresources_init', 'init_user_reserve',
	  'pageowner_init',
	  'slab_proc_init', 'proc_vmalloc_init', 'kswapd_init', 'proc_filesystems_init', 'ext4_init_fs',
	  'proc_devices_init',
	  'proc_meminfo_init', 'proc_page_init', 'proc_stat_init', 'virtio_blk_init',
	  'of_platform_default_populate_init', 'pl031_init', 'virtio_mmio_init',
	  'proc_genhd_init')] + \
	[(1, f'__selftest_call_{fn}') for fn in
	 ('page_alloc_selftest', 'slub_selftest', 'smp_selftest', 'vmalloc_selftest',
	  'percpu_selftest', 'sched_selftest', 'locking_selftest', 'vfs_selftest',
	  'filemap_selftest', 'blk_selftest', 'writeback_selftest',
	  'page_alloc_bench', 'vmalloc_bench', 'slub_bench')]
STAGE = r'{}\+0x0/0x[0-9a-f]+'


def stage_lines(log):
	"""Each stage's pair of lines, in start_kernel's order, each returning after its call."""
	pos = 0
	for pid, name in BOOT_STAGES:
		call = re.compile(rf'^\[[ \d.]+\] calling  {STAGE.format(name)} @ {pid}$', re.M)
		ret = re.compile(rf'^\[[ \d.]+\] initcall {STAGE.format(name)} returned 0 after '
				 rf'\d+ usecs$', re.M)
		m = call.search(log, pos)
		if not m:
			return f'no "calling  {name}" line after the previous stage, @ {pid}'
		m = ret.search(log, m.end())
		if not m:
			return f'no "initcall {name} ... returned" line after its "calling" line'
		pos = m.end()
	return None


def bootgraph_svg(log):
	"""tools/bootgraph on the log: well-formed SVG, one bar per stage, named after it."""
	p = subprocess.run([os.path.join(ROOT, 'tools/bootgraph')], input=log, text=True,
			   capture_output=True)
	if p.returncode:
		return f'tools/bootgraph failed: {p.stderr.strip()}'
	try:
		root = xml.etree.ElementTree.fromstring(p.stdout)
	except xml.etree.ElementTree.ParseError as e:
		return f'tools/bootgraph: not well-formed XML: {e}'
	svg = '{http://www.w3.org/2000/svg}'
	bars = [r for r in root.iter(svg + 'rect') if r.get('class') == 'stage']
	names = sorted(r.find(svg + 'title').text.split(' @ ')[0] for r in bars)
	if names != sorted(name for _, name in BOOT_STAGES):
		return f'tools/bootgraph: bars {names}'
	if any(float(r.get('width')) <= 0 or float(r.get('x')) < 0 for r in bars):
		return 'tools/bootgraph: a bar of no width or left of the chart'
	return None


def boot_chart_cases():
	return [booted('initcall-debug', append=APPEND + ' initcall_debug',
		       checks=[stage_lines, bootgraph_svg], reject=FAILURES + [UNKNOWN_PARAM]),
		booted('no-initcall-debug', reject=FAILURES + [r'calling  ', r'\] initcall '])]


def all_cases():
	return (machine_variants() + parameter_cases() + crash_cases() + loader_cases() +
		mmu_cases() + irq_cases() + gicv3_tree_cases() + mm_cases() + deferred_cases() +
		vmalloc_cases() + slub_cases() + smp_cases() + percpu_cases() + sched_cases() +
		lockdep_cases() + numa_cases() + all_suites_cases() + unknown_name_cases() +
		boot_chart_cases() + vfs_cases() + user_cases() + fuzz_cases() + disk_cases() +
		root_cases() + ext4_dir_cases() + ext4_file_cases() + storage_cases() +
		ext4_fuzz_cases())
