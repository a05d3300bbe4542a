# lx-dmesg: the kernel log from kernel/printk.c's ring, as the console printed it.
import gdb

from linux import utils


def records():
	"""(ts_nsec, level, text) of each record in the ring, oldest first."""
	buf = gdb.parse_and_eval('log_buf')
	base = int(buf.address)
	size = utils.array_len('log_buf')
	seq, last = int(gdb.parse_and_eval('log_first_seq')), int(gdb.parse_and_eval('log_next_seq'))
	idx = int(gdb.parse_and_eval('log_first_idx'))
	rec_type = utils.lookup('struct printk_record')
	header = rec_type.sizeof
	inferior = gdb.selected_inferior()
	while seq < last:
		if idx + header > size:
			raise gdb.GdbError(f'log record {seq} at {idx} runs past log_buf')
		rec = gdb.Value(base + idx).cast(rec_type.pointer()).dereference()
		length, level = int(rec['len']), int(rec['level'])
		if level == 0xff:		# printk.c's "wrap to offset 0" mark
			idx = 0
			continue
		text = bytes(inferior.read_memory(base + idx + header, length))
		yield int(rec['ts_nsec']), level, text.decode('utf-8', 'replace')
		idx += (header + length + 7) & ~7
		seq += 1


class LxDmesg(gdb.Command):
	"""Print the kernel log buffer, one "[seconds.micros] text" line per record."""

	def __init__(self):
		super().__init__('lx-dmesg', gdb.COMMAND_USER)

	def invoke(self, arg, from_tty):
		for ts, _, text in records():
			gdb.write(f'[{ts // 10**9:5d}.{ts % 10**9 // 1000:06d}] {text}\n')


LxDmesg()
