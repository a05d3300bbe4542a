"""QEMU command lines for the boot tests' machine variants, and the loader-stub boot that
hands the kernel any image address and any device-tree blob, untouched by QEMU."""
import os
import struct
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The self-test build (`make test` builds it with CONFIG_SELFTESTS=1), and its symbols.
IMAGE = os.path.join(ROOT, 'build-test/Image')
SYSTEM_MAP = os.path.join(ROOT, 'build-test/System.map')


def machine_args(cpus=4, mem_mb=1024, nodes=4, gic=2, el2=False, dist=(), memless=(),
		 cpu='cortex-a57'):
	"""The DESIGN.md machine line, with the variant's cpus, memory, nodes, GIC and EL.
	mem_mb is split evenly over the nodes; the nodes in memless get no memory (QEMU
	accepts a node without memdev when others have one), and -m only what the others have.
	cpu: the model (cortex-a57 has no PAN; max has it)."""
	m = 'virt' + (',gic-version=3' if gic == 3 else '') + (',virtualization=on' if el2 else '')
	per_node = mem_mb // nodes
	args = ['qemu-system-aarch64', '-M', m, '-cpu', cpu, '-smp', str(cpus),
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


# Where the stub boot loads the initramfs (the tree's /chosen says so).
INITRD_ADDR = 0x49000000


def stub_boot_args(work, name, dtb, kernel_addr, dtb_addr=DTB_ADDR, initrd=None):
	"""QEMU arguments that load the Image at kernel_addr and the blob at dtb_addr as they are,
	and the initramfs (bytes) at INITRD_ADDR if given."""
	stub = os.path.join(work, f'{name}.stub')
	blob = os.path.join(work, f'{name}.dtb')
	with open(stub, 'wb') as f:
		f.write(stub_code(dtb_addr, kernel_addr))
	with open(blob, 'wb') as f:
		f.write(dtb)
	dtb_load = dtb_addr & ~7
	extra = []
	if initrd is not None:
		path = os.path.join(work, f'{name}.initrd')
		with open(path, 'wb') as f:
			f.write(initrd)
		extra = ['-device', f'loader,file={path},addr={INITRD_ADDR:#x},force-raw=on']
	return ['-device', f'loader,file={IMAGE},addr={kernel_addr:#x},force-raw=on',
		'-device', f'loader,file={blob},addr={dtb_load:#x},force-raw=on',
		'-device', f'loader,file={stub},addr={STUB_ADDR:#x},cpu-num=0,force-raw=on'] + extra


def dump_dtb(work, name, margs, bootargs, edit=None, initrd_size=0):
	"""QEMU's own tree for the machine, with /chosen/bootargs set, the initramfs range at
	INITRD_ADDR when initrd_size is given, and the source text passed through edit, if
	given (through dtc)."""
	raw = os.path.join(work, f'{name}.qemu.dtb')
	subprocess.run(margs[:1] + ['-M', margs[2] + f',dumpdtb={raw}'] + margs[3:],
		       check=True, capture_output=True)
	dts = subprocess.run(['dtc', '-q', '-I', 'dtb', '-O', 'dts', raw], check=True,
			     capture_output=True, text=True).stdout
	chosen = f'chosen {{\n\t\tbootargs = "{bootargs}";'
	if initrd_size:
		chosen += (f'\n\t\tlinux,initrd-start = <0x0 {INITRD_ADDR:#x}>;'
			   f'\n\t\tlinux,initrd-end = <0x0 {INITRD_ADDR + initrd_size:#x}>;')
	dts = dts.replace('chosen {', chosen, 1)
	if edit:
		dts = edit(dts)
	return subprocess.run(['dtc', '-q', '-I', 'dts', '-O', 'dtb'], input=dts.encode(),
			      check=True, capture_output=True).stdout


def disk_args(path, fail_writes=False, modern=False, queues=1, discard=False, ring_extras=True,
	      lbs=512):
	"""A raw image as the virt machine's virtio-blk-device (virtio-mmio: no PCI, no ROM),
	legacy (version 1, QEMU's default) or modern (version 2), with queues virtqueues,
	passing discards on to the image file (holes) if discard, offering indirect
	descriptors and the event index unless not ring_extras, in logical blocks of lbs
	bytes; fail_writes puts QEMU's
	blkdebug between them, failing every write with EIO, which the device reports to the
	guest (werror=report)."""
	version = ['-global', 'virtio-mmio.force-legacy=false'] if modern else []
	if not fail_writes:
		unmap = ',discard=unmap' if discard else ''
		plain = '' if ring_extras else ',indirect_desc=off,event_idx=off'
		plain += '' if lbs == 512 else f',logical_block_size={lbs},physical_block_size={lbs}'
		return version + ['-drive', f'file={path},if=none,format=raw,id=d0{unmap}',
				  '-device', f'virtio-blk-device,drive=d0,num-queues={queues}{plain}']
	return ['-blockdev', 'driver=raw,node-name=d0,file.driver=blkdebug,'
		'file.inject-error.0.event=write_aio,file.inject-error.0.iotype=write,'
		f'file.inject-error.0.errno=5,file.image.driver=file,file.image.filename={path}',
		'-device', 'virtio-blk-device,drive=d0,werror=report,rerror=report']
