"""QEMU command lines for the boot tests' machine variants, and the loader-stub boot that
hands the kernel any image address and any device-tree blob, untouched by QEMU."""
import os
import struct
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The self-test build (`make test` builds it with CONFIG_SELFTESTS=1), and its symbols.
IMAGE = os.path.join(ROOT, 'build-test/Image')
SYSTEM_MAP = os.path.join(ROOT, 'build-test/System.map')


def machine_args(cpus=4, mem_mb=1024, nodes=4, gic=2, el2=False, dist=(), memless=()):
	"""The DESIGN.md machine line, with the variant's cpus, memory, nodes, GIC and EL.
	mem_mb is split evenly over the nodes; the nodes in memless get no memory (QEMU
	accepts a node without memdev when others have one), and -m only what the others have."""
	m = 'virt' + (',gic-version=3' if gic == 3 else '') + (',virtualization=on' if el2 else '')
	per_node = mem_mb // nodes
	args = ['qemu-system-aarch64', '-M', m, '-cpu', 'cortex-a57', '-smp', str(cpus),
		'-m', str(per_node * (nodes - len(memless))), '-nographic', '-no-reboot', '-nic', 'none']
	if nodes > 1:
		for n in range(nodes):
			first, last = n * cpus // nodes, (n + 1) * cpus // nodes - 1
			cpu_opt = f',cpus={first}-{last}' if last >= first else ''
			if n in memless:
				args += ['-numa', f'node{cpu_opt},nodeid={n}']
				continue
			args += ['-object', f'memory-backend-ram,id=m{n},size={per_node}M',
				 '-numa', f'node,memdev=m{n}{cpu_opt},nodeid={n}']
		for src, dst, val in dist:
			args += ['-numa', f'dist,src={src},dst={dst},val={val}']
	return args


# Where the stub boot puts things: QEMU itself puts its own tree at the start of RAM.
STUB_ADDR = 0x40100000
DTB_ADDR = 0x48000000


def stub_code(dtb_addr, kernel_addr):
	"""x0 = dtb, x1-x3 = 0, branch to the image: the arm64 boot protocol in six words."""
	words = [0x580000c0,		# ldr x0, [pc, #0x18]
		 0xaa1f03e1,		# mov x1, xzr
		 0xaa1f03e2,		# mov x2, xzr
		 0xaa1f03e3,		# mov x3, xzr
		 0x58000084,		# ldr x4, [pc, #0x10]
		 0xd61f0080]		# br x4
	return struct.pack('<6I2Q', *words, dtb_addr, kernel_addr)


def stub_boot_args(work, name, dtb, kernel_addr, dtb_addr=DTB_ADDR):
	"""QEMU arguments that load the Image at kernel_addr and the blob at dtb_addr as they are."""
	stub = os.path.join(work, f'{name}.stub')
	blob = os.path.join(work, f'{name}.dtb')
	with open(stub, 'wb') as f:
		f.write(stub_code(dtb_addr, kernel_addr))
	with open(blob, 'wb') as f:
		f.write(dtb)
	dtb_load = dtb_addr & ~7
	return ['-device', f'loader,file={IMAGE},addr={kernel_addr:#x},force-raw=on',
		'-device', f'loader,file={blob},addr={dtb_load:#x},force-raw=on',
		'-device', f'loader,file={stub},addr={STUB_ADDR:#x},cpu-num=0,force-raw=on']


def dump_dtb(work, name, margs, bootargs, edit=None):
	"""QEMU's own tree for the machine, with /chosen/bootargs set and the source text
	passed through edit, if given (through dtc)."""
	raw = os.path.join(work, f'{name}.qemu.dtb')
	subprocess.run(margs[:1] + ['-M', margs[2] + f',dumpdtb={raw}'] + margs[3:],
		       check=True, capture_output=True)
	dts = subprocess.run(['dtc', '-q', '-I', 'dtb', '-O', 'dts', raw], check=True,
			     capture_output=True, text=True).stdout
	dts = dts.replace('chosen {', f'chosen {{\n\t\tbootargs = "{bootargs}";', 1)
	if edit:
		dts = edit(dts)
	return subprocess.run(['dtc', '-q', '-I', 'dts', '-O', 'dtb'], input=dts.encode(),
			      check=True, capture_output=True).stdout
