#!/usr/bin/env python3
"""Every QEMU line the project runs names the devices it wants and no others: started halted
(-S) with the monitor on a pipe, each must come up without any option ROM file and show no
PCI device but the virt machine's host bridge. QEMU's default NIC (virtio-net-pci) wants
efi-virtio.rom, which a machine with only tools/install-deps's packages lacks. Prints TAP.
"""
import os
import re
import shlex
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(1, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import cases  # noqa: E402
import tap  # noqa: E402
from run import ROOT, WORK  # noqa: E402

HOST_BRIDGE = 'Host bridge: PCI device 1b36:0008'


def project_lines():
	"""(name, argv) of the boot cases' lines, tools/qemu-cmd's and make-dtbs.sh's."""
	lines = []
	for c in cases.all_cases():
		c.prepare(WORK)
		lines.append((c.name, c.qemu_args(WORK)))
	cmd = subprocess.run(['tools/qemu-cmd'], cwd=ROOT, capture_output=True, text=True,
			     check=True, env=dict(os.environ, KERNEL='/dev/null')).stdout
	lines.append(('tools/qemu-cmd', shlex.split(cmd)))
	script = open(os.path.join(ROOT, 'tests/host/dtb/make-dtbs.sh')).read()
	m = re.search(r'"\$QEMU" -M "virt\$mopts,dumpdtb=[^"]*" (.*?) \\', script)
	lines.append(('make-dtbs.sh', ['qemu-system-aarch64', '-M', 'virt'] + m.group(1).split()))
	return lines


def halted(argv):
	"""The line started halted, serial off, the monitor on stdin/stdout."""
	out = []
	for a in argv:
		out += ['-display', 'none', '-serial', 'none', '-monitor', 'stdio', '-S'] \
			if a == '-nographic' else [a]
	return out


def problems(argv):
	try:
		p = subprocess.run(halted(argv), input='info pci\nquit\n', capture_output=True,
				   text=True, timeout=30, cwd=ROOT)
	except subprocess.TimeoutExpired:
		return ['QEMU did not answer the monitor within 30 s']
	out = p.stdout + p.stderr
	found = []
	if p.returncode != 0:
		found.append(f'QEMU exit code {p.returncode}: {out.strip()[-200:]}')
	found += [f'extra PCI device: {line.strip()}' for line in out.splitlines()
		  if re.search(r'^\s+\w.*: PCI device', line) and HOST_BRIDGE not in line]
	if p.returncode == 0 and HOST_BRIDGE not in out:
		found.append('no "info pci" answer')
	return found


def main():
	os.makedirs(WORK, exist_ok=True)
	lines = project_lines()
	seen = {}
	for name, argv in lines:
		key = ' '.join(a for a in argv if not a.startswith(WORK))
		seen.setdefault(key, (name, argv))
	return tap.report('qemu-devices', [(f'qemu_line_needs_no_rom: {name}', problems(argv))
					   for name, argv in seen.values()])


if __name__ == '__main__':
	sys.exit(main())
