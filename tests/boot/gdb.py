#!/usr/bin/env python3
"""scripts/gdb's commands against a live kernel: QEMU starts halted with its gdb stub on a
free port, gdb-multiarch (batch mode) loads scripts/gdb/vmlinux-gdb.py and stops the kernel
at three points, runs the commands there, and what they print is checked against what the
kernel prints on its console at the same points:
  __memblock_dump_all (memblock=debug)  lx-memblock = the memblock dump
  buddyinfo_show (mm_debug)             lx-buddyinfo, lx-pagetypeinfo, lx-zoneinfo,
                                        lx-pcplist, lx-slabinfo = mm_debug's files, and
                                        "Memory:"; lx-page on a free, a kernel and a slab page
  kernel_power_off (end of kernel_init) lx-dmesg = the console, lx-ps, lx-cpus, and
                                        lx-pcplist: each count = the pages on its lists
Both programs run under a timeout and are killed at the end. Prints TAP.
"""
import os
import re
import socket
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import tap  # noqa: E402
from machine import ROOT, machine_args  # noqa: E402

# The plain build (`make`): the Image and the vmlinux whose symbols gdb reads.
IMAGE = os.path.join(ROOT, 'arch/arm64/boot/Image')
VMLINUX = os.path.join(ROOT, 'vmlinux')
APPEND = 'console=ttyAMA0 loglevel=8 mm_debug memblock=debug'
TIMEOUT = 90
TS = re.compile(r'^\[[ \d.]+\] ?')
STAGES = ('memblock', 'mm', 'end')


def gdb_script(port):
	"""Each stop's commands, each command's output between "---- NAME" and "---- ." lines."""
	free_page = ('(unsigned long)node_data[1]->node_zones[0].free_area[10].free_list[1].next'
		     ' - (unsigned long)&((struct page *)0)->buddy_list')
	lm_pfn = '(((unsigned long){} - 0xffff000000000000 + memstart_addr) >> 12)'
	image_pfn = '(((unsigned long){} - kimage_voffset) >> 12)'
	stops = [('memblock', [('memblock', 'lx-memblock')]),
		 ('mm', [('buddyinfo', 'lx-buddyinfo'), ('pagetypeinfo', 'lx-pagetypeinfo'),
			 ('zoneinfo', 'lx-zoneinfo'), ('pcplist', 'lx-pcplist'),
			 ('slabinfo', 'lx-slabinfo'), ('kmem_cache_node', 'lx-slabinfo kmem_cache_node'),
			 ('free page', f'lx-page {free_page}'),
			 ('kernel page', f'lx-page {image_pfn.format("&init_task")}'),
			 ('slab page', f'lx-page {lm_pfn.format("kmem_cache")}')]),
		 ('end', [('cpus', 'lx-cpus'), ('ps', 'lx-ps'), ('dmesg', 'lx-dmesg'),
			  ('pcplist at the end', 'lx-pcplist')])]
	lines = ['set pagination off', 'set confirm off', 'set width 0',
		 f'source {ROOT}/scripts/gdb/vmlinux-gdb.py', f'target remote 127.0.0.1:{port}',
		 'hbreak __memblock_dump_all', 'hbreak buddyinfo_show', 'hbreak kernel_power_off']
	for stop, commands in stops:
		lines += ['continue', f'echo ==== {stop}\\n']
		for name, command in commands:
			lines += [f'echo ---- {name}\\n', command, 'echo ---- .\\n']
	return '\n'.join(lines + ['detach', ''])


def free_port():
	with socket.socket() as s:
		s.bind(('127.0.0.1', 0))
		return s.getsockname()[1]


def run():
	"""(console text, gdb output): QEMU and gdb both killed by the deadline at the latest."""
	port = free_port()
	qemu_args = machine_args() + ['-kernel', IMAGE, '-append', APPEND,
				      '-gdb', f'tcp:127.0.0.1:{port}', '-S']
	with tempfile.TemporaryDirectory() as tmp:
		console = os.path.join(tmp, 'console')
		script = os.path.join(tmp, 'gdb.cmd')
		with open(script, 'w') as f:
			f.write(gdb_script(port))
		with open(console, 'wb') as out:
			qemu = subprocess.Popen(qemu_args, stdin=subprocess.DEVNULL, stdout=out,
						stderr=subprocess.STDOUT, cwd=ROOT)
		try:
			gdb = subprocess.run(['gdb-multiarch', '-q', '-nx', '-batch', '-x', script,
					      VMLINUX], capture_output=True,
					     text=True, timeout=TIMEOUT, cwd=ROOT)
			gdb_out = gdb.stdout + gdb.stderr
			qemu.wait(timeout=30)	# detached, the kernel powers off
		except subprocess.TimeoutExpired as e:
			gdb_out = f'timed out: {e}'
		finally:
			if qemu.poll() is None:
				qemu.kill()
			qemu.wait()
		with open(console, 'rb') as f:
			text = f.read().decode('utf-8', 'replace').replace('\r', '')
	return text, gdb_out


def sections(gdb_out):
	"""{'memblock': [...], 'buddyinfo': [...], ...}: gdb's lines under each marker."""
	out, name = {}, None
	for line in gdb_out.splitlines():
		m = re.match(r'^(====|----) (.+)$', line)
		if m:
			name = m.group(2) if m.group(2) != '.' else None
			out.setdefault(name, [])
		elif name:
			out[name].append(line)
	return out


def console_block(lines, first, stop):
	"""The console lines from the first matching first up to (not incl.) the first after it
	matching stop."""
	for i, line in enumerate(lines):
		if re.match(first, line):
			block = [line]
			for rest in lines[i + 1:]:
				if re.match(stop, rest):
					break
				block.append(rest)
			return block
	return []


def diff(name, got, want):
	if got == want:
		return []
	if not want:
		return [f'{name}: nothing on the console to compare with']
	for i, (g, w) in enumerate(zip(got, want)):
		if g != w:
			return [f'{name}: line {i}: gdb {g!r}, console {w!r}']
	return [f'{name}: gdb has {len(got)} lines, the console {len(want)}']


def check_memblock(con, sec):
	want = console_block(con, r'MEMBLOCK configuration:', r'(?! (memory|reserved))')
	return diff('lx-memblock', sec.get('memblock', []), want)


def check_mm_files(con, sec):
	found = diff('lx-buddyinfo', sec.get('buddyinfo', []),
		     console_block(con, r'Node \d+, zone ', r'Page block order'))
	pagetype = console_block(con, r'Page block order', r'Node \d+, zone +\w+$')
	found += diff('lx-pagetypeinfo', sec.get('pagetypeinfo', []), pagetype)
	slabs = [line for line in console_block(con, r'slabinfo - version', r'0x[0-9a-f]{16}-')
		 if not line.startswith('# name')]
	found += diff('lx-slabinfo', sec.get('slabinfo', []), slabs)
	return found


def zoneinfo_fields(lines):
	"""{(node, zone): {field: value}} for zoneinfo's pages free, watermarks and spans."""
	out, key = {}, None
	for line in lines:
		m = re.match(r'^Node (\d+), zone +(\w+)$', line)
		if m:
			key = (int(m.group(1)), m.group(2))
			out.setdefault(key, {})
			continue
		m = re.match(r'^ +(pages free|min|low|high|spanned|present|managed|start_pfn:|count:|'
			     r'high:|batch:|cpu:) +(\d+)$', line)
		if m and key:
			out[key].setdefault(m.group(1), []).append(int(m.group(2)))
	return out


def check_zones(con, sec):
	zoneinfo = console_block(con, r'Node \d+, zone +\w+$', r'slabinfo - version')
	console_zones = {k: v for k, v in zoneinfo_fields(zoneinfo).items() if v.get('present', [0])[0]}
	gdb_zones = zoneinfo_fields(sec.get('zoneinfo', []))
	found = []
	if sorted(gdb_zones) != sorted(console_zones):
		return [f'lx-zoneinfo: zones {sorted(gdb_zones)}, console {sorted(console_zones)}']
	for key, fields in gdb_zones.items():
		for field, values in fields.items():
			if console_zones[key].get(field) != values:
				found.append(f'lx-zoneinfo {key} {field}: {values}, console '
					     f'{console_zones[key].get(field)}')
	pcp = zoneinfo_fields(sec.get('pcplist', []))
	for key, fields in pcp.items():
		for field in ('cpu:', 'count:', 'high:', 'batch:'):
			if fields.get(field) != console_zones.get(key, {}).get(field):
				found.append(f'lx-pcplist {key} {field} {fields.get(field)}, console '
					     f'{console_zones.get(key, {}).get(field)}')
	if sorted(pcp) != sorted(console_zones):
		found.append(f'lx-pcplist: zones {sorted(pcp)}')
	found += pcp_counts_add_up(sec.get('pcplist at the end', []))
	m = re.search(r'Memory: (\d+)K/', '\n'.join(con))
	managed = sum(f['managed'][0] for f in gdb_zones.values())
	if not m or int(m.group(1)) != managed * 4:
		found.append(f'"Memory:" {m and m.group(1)}K, lx-zoneinfo managed {managed * 4}K')
	return found


def pcp_counts_add_up(lines):
	"""At the end of the boot: each cpu's count is the pages of the blocks on its lists."""
	found, count, pages, seen = [], None, 0, 0
	for line in lines + ['    cpu: end']:
		m = re.match(r'^ +(cpu:|count:) +(\d+|end)$', line)
		if m and m.group(1) == 'cpu:':
			if count is not None and count != pages:
				found.append(f'lx-pcplist at the end: count {count}, lists hold {pages} pages')
			count, pages = None, 0
		elif m:
			count = int(m.group(2))
			seen += count
		m = re.match(r'^ +order (\d) \w+: (\d+) blocks$', line)
		if m:
			pages += int(m.group(2)) << int(m.group(1))
	if not seen:
		found.append('lx-pcplist at the end: every list empty, nothing compared')
	return found


def check_pages(con, sec):
	found = []
	cache = sec.get('kmem_cache_node', [])
	line = next((l for l in con if l.startswith('kmem_cache_node ')), '')
	nums = line.split()
	nodes = [re.match(r'  node \d+: nr_slabs (\d+) total_objects (\d+)', l) for l in cache]
	nodes = [m for m in nodes if m]
	if len(nums) < 15 or not nodes or \
	   (sum(int(m.group(1)) for m in nodes), sum(int(m.group(2)) for m in nodes)) != \
	   (int(nums[14]), int(nums[2])):
		found.append(f'lx-slabinfo kmem_cache_node: {cache[:6]} vs slabinfo {line!r}')
	expect = {'free page': [r'node 1 zone DMA$', r'^flags: 0x[0-9a-f]+\(\) buddy$',
				r'^refcount: 0 page_type: 0x[0-9a-f]+$',
				r'^pageblock migratetype: Movable$', r'^free: order 10 ']}
	expect['kernel page'] = [r'node 0 zone DMA$', r'^flags: 0x[0-9a-f]+\(reserved\)$',
				 r'^refcount: 1 mapcount: 0$']
	expect['slab page'] = [r'^flags: 0x[0-9a-f]+\([a-z_|]*slab[a-z_|]*\)$',
			       r'^slab: cache kmem_cache inuse \d+/\d+ frozen [01]$']
	for name, patterns in expect.items():
		text = sec.get(name, [])
		for p in patterns:
			if not any(re.search(p, l) for l in text):
				found.append(f'lx-page ({name}): no /{p}/ in {text}')
	return found


def check_end(con, raw_console, sec):
	found = []
	lines = raw_console.splitlines()
	end = next((i for i, l in enumerate(lines) if 'reboot: Power down' in l), len(lines))
	found += diff('lx-dmesg', sec.get('dmesg', []), [l for l in lines[:end] if l.startswith('[')])
	cpus = int(re.search(r'smp: Brought up \d+ nodes, (\d+) CPUs', raw_console).group(1)) \
		if 'smp: Brought up' in raw_console else -1
	cpu_text = sec.get('cpus', [])
	if f'online: {",".join(map(str, range(cpus)))} ({cpus})' not in cpu_text:
		found.append(f'lx-cpus: online cpus not {cpus}: {cpu_text[:3]}')
	if not any(re.match(r'^ +0 0x[0-9a-f]{16} 0x[0-9a-f]{16} +1 swapper/0 ', l) for l in cpu_text):
		found.append('lx-cpus: cpu 0 does not run pid 1 (kernel_init)')
	tasks = [l.split(None, 4) for l in sec.get('ps', [])[1:]]
	got = {(int(t[1]), t[4]) for t in tasks if len(t) == 5}
	want = {(0, f'swapper/{c}') for c in range(cpus)} | {(1, 'swapper/0'), (2, 'kthreadd')}
	want |= {(3 + c, f'kworker/{c}:0') for c in range(cpus)}
	if not want <= got:
		found.append(f'lx-ps: missing {sorted(want - got)}')
	return found


def main():
	console, gdb_out = run()
	con = [TS.sub('', l) for l in console.splitlines() if l.startswith('[')]
	sec = sections(gdb_out)
	checks = [('lx_memblock_matches_memblock_debug', lambda: check_memblock(con, sec)),
		  ('lx_buddyinfo_pagetypeinfo_slabinfo_match_mm_debug',
		   lambda: check_mm_files(con, sec)),
		  ('lx_zoneinfo_pcplist_match_zoneinfo_and_memory_line', lambda: check_zones(con, sec)),
		  ('lx_page_free_kernel_and_slab_pages', lambda: check_pages(con, sec)),
		  ('lx_dmesg_ps_cpus_at_the_end_of_boot', lambda: check_end(con, console, sec))]
	missing = [s for s in STAGES if s not in sec]
	reached = [f'gdb never reached: {", ".join(missing)}'] if missing else []
	status = tap.report('gdb', [(name, reached + check()) for name, check in checks])
	if status:
		print('# ---- gdb output')
		print('\n'.join('#   ' + l for l in gdb_out.splitlines()[-60:]))
	return status


if __name__ == '__main__':
	sys.exit(main())
