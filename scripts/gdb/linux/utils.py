# Reading the kernel's structures from gdb: types, container_of, lists, per-cpu variables,
# cpu masks. Sizes come from the debug info (array lengths, enum values), never guessed.
import gdb


def lookup(name):
	"""A type by C name: 'struct page', 'pg_data_t'."""
	return gdb.lookup_type(name)


def ival(expr):
	"""An integer from a C expression: an enum constant, a sizeof, a variable."""
	return int(gdb.parse_and_eval(expr))


def array_len(expr):
	"""The element count of an array-typed expression (node_data, zone->free_area)."""
	lo, hi = gdb.parse_and_eval(expr).type.strip_typedefs().range()
	return hi - lo + 1


def offset_of(type_name, member):
	"""offsetof(type, member), members of anonymous unions included."""
	return ival(f'(unsigned long)&(({type_name} *)0)->{member}')


def container_of(ptr, type_name, member):
	"""The type_name holding ptr at member, as a pointer."""
	addr = int(ptr) - offset_of(type_name, member)
	return gdb.Value(addr).cast(lookup(type_name).pointer())


def list_for_each_entry(head, type_name, member):
	"""The entries of a struct list_head list (head: a list_head value or pointer)."""
	if head.type.code != gdb.TYPE_CODE_PTR:
		head = head.address
	node = head['next']
	seen = 0
	while int(node) != int(head):
		yield container_of(node, type_name, member)
		node = node['next']
		seen += 1
		if seen > 10_000_000:
			raise gdb.GdbError(f'list at {int(head):#x} does not come back to its head')


def list_length(head):
	return sum(1 for _ in list_for_each_entry(head, 'struct list_head', 'next'))


def cpu_mask(name):
	"""The cpus of a struct cpumask variable (__cpu_online_mask, ...)."""
	mask = gdb.parse_and_eval(name)['bits']
	cpus = []
	for word in range(array_len(f'{name}.bits')):
		bits = int(mask[word])
		cpus += [word * 64 + b for b in range(64) if bits >> b & 1]
	return cpus


def per_cpu_ptr(ptr, cpu):
	"""Cpu's copy of a per-cpu pointer (&per_cpu_var or a __percpu pointer)."""
	offset = int(gdb.parse_and_eval(f'__per_cpu_offset[{cpu}]'))
	return gdb.Value((int(ptr) + offset) & ((1 << 64) - 1)).cast(ptr.type)


def per_cpu(name, cpu):
	"""Cpu's copy of the per-cpu variable name, as a pointer."""
	return per_cpu_ptr(gdb.parse_and_eval(f'&{name}'), cpu)
