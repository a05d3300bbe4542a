# lx-slabinfo: SLUB's caches as /proc/slabinfo prints them, or one cache's slabs in detail
# (each cpu's slab and partial slabs, each node's partial and full lists).
import gdb

from linux import utils


def caches():
	head = gdb.parse_and_eval('slab_caches')
	return utils.list_for_each_entry(head, 'struct kmem_cache', 'list')


def cache_nodes(s):
	for nid in range(utils.array_len('((struct kmem_cache *)0)->node')):
		n = s['node'][nid]
		if int(n):
			yield nid, n


def slabs(head):
	return utils.list_for_each_entry(head, 'struct slab', 'slab_list')


def slabinfo(s):
	"""get_slabinfo: (active_objs, num_objs, active_slabs, num_slabs)."""
	num_objs = num_slabs = free = 0
	for _, n in cache_nodes(s):
		num_slabs += int(n['nr_slabs'])
		num_objs += int(n['total_objects'])
		free += sum(int(sl['objects']) - int(sl['inuse']) for sl in slabs(n['partial']))
	return num_objs - free, num_objs, num_slabs, num_slabs


def slab_line(sl):
	return (f'slab {int(sl):#x} inuse {int(sl["inuse"])}/{int(sl["objects"])} '
		f'frozen {int(sl["frozen"])}')


def cache_lines(s):
	oo = int(s['oo']['x'])
	out = [f'{s["name"].string()}: size {int(s["size"])} object_size {int(s["object_size"])} '
	       f'order {oo >> 16} objects/slab {oo & 0xffff} refcount {int(s["refcount"])}']
	for cpu in utils.cpu_mask('__cpu_possible_mask'):
		c = utils.per_cpu_ptr(s['cpu_slab'], cpu)
		sl = c['slab']
		out.append(f'  cpu {cpu}: ' + (slab_line(sl) if int(sl) else 'no slab'))
		part = c['partial']
		while int(part):
			out.append(f'    cpu partial {slab_line(part)}')
			part = part['next']
	for nid, n in cache_nodes(s):
		out.append(f'  node {nid}: nr_slabs {int(n["nr_slabs"])} total_objects '
			   f'{int(n["total_objects"])} nr_partial {int(n["nr_partial"])}')
		out += [f'    partial {slab_line(sl)}' for sl in slabs(n['partial'])]
		out += [f'    full {slab_line(sl)}' for sl in slabs(n['full'])]
	return out


class LxSlabinfo(gdb.Command):
	"""Print the slab caches (slabinfo), or one cache's slabs: lx-slabinfo [NAME].

Without NAME, every cache's /proc/slabinfo line. With NAME, that cache's slabs: each
cpu's slab and cpu partial list, each node's counts and partial and full lists, with
the objects in use per slab."""

	def __init__(self):
		super().__init__('lx-slabinfo', gdb.COMMAND_USER)

	def invoke(self, arg, from_tty):
		name = arg.strip()
		if name:
			found = [s for s in caches() if s['name'].string() == name]
			if not found:
				raise gdb.GdbError(f'lx-slabinfo: no cache named {name}')
			gdb.write('\n'.join(cache_lines(found[0])) + '\n')
			return
		gdb.write('slabinfo - version: 2.1\n')
		for s in caches():
			active, num, active_slabs, num_slabs = slabinfo(s)
			oo = int(s['oo']['x'])
			gdb.write(f'{s["name"].string():<17} {active:6d} {num:6d} {int(s["size"]):6d} '
				  f'{oo & 0xffff:4d} {1 << (oo >> 16):4d} : tunables {0:4d} {0:4d} {0:4d} '
				  f': slabdata {active_slabs:6d} {num_slabs:6d} {0:6d}\n')


LxSlabinfo()
