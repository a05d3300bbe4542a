# Memory commands: lx-memblock, lx-buddyinfo, lx-pagetypeinfo, lx-zoneinfo, lx-page and
# lx-pcplist, read from the live structures (memblock, node_data[], struct page) and
# printed in the text mm/memblock.c and mm/vmstat.c print, so the two can be compared.
import gdb

from linux import utils

# Macros the debug info does not carry, as include/asm/memory.h, include/linux/mm.h,
# include/linux/page-flags.h and include/linux/pageblock-flags.h define them.
VMEMMAP_START = (1 << 64) - (1 << (48 - 6))	# -(1 << (VA_BITS_MIN - VMEMMAP_SHIFT))
PAGE_SHIFT = 12
ZONES_SHIFT = 2
PAGE_TYPE_BASE = 0xf0000000
PAGE_MAPCOUNT_RESERVE = -128
PG_BUDDY = 0x80
PAGEBLOCK_ORDER = 10


def max_numnodes():
	return utils.array_len('node_data')


def max_order():
	return utils.array_len('((struct zone *)0)->free_area')


def nodes():
	"""The pg_data_t of each node that has one, in node order."""
	for nid in range(max_numnodes()):
		pgdat = gdb.parse_and_eval(f'node_data[{nid}]')
		if int(pgdat):
			yield nid, pgdat


def zones(populated_only=True):
	"""(nid, zone) for every zone of every node, as for_each_populated_zone."""
	for nid, pgdat in nodes():
		for zid in range(utils.ival('(int)__MAX_NR_ZONES')):
			zone = pgdat['node_zones'][zid]
			if populated_only and not int(zone['present_pages']):
				continue
			yield nid, zone


def zone_name(zone):
	return zone['name'].string()


def migratetype_names():
	n = utils.ival('(int)MIGRATE_TYPES')
	return [gdb.parse_and_eval(f'migratetype_names[{i}]').string() for i in range(n)]


# ---- memblock -----------------------------------------------------------------------------

def memblock_type_lines(mtype):
	name = mtype['name'].string()
	cnt = int(mtype['cnt'])
	out = [f' {name}.cnt  = {cnt:#x}']
	for i in range(cnt):
		rgn = mtype['regions'][i]
		base, size = int(rgn['base']), int(rgn['size'])
		nid = int(rgn['nid'])
		on_node = f' on node {nid}' if nid != max_numnodes() else ''
		out.append(f' {name}[{i:#x}]\t[{base:#018x}-{base + size - 1:#018x}], {size:#018x} '
			   f'bytes{on_node} flags: {int(rgn["flags"]):#x}')
	return out


class LxMemblock(gdb.Command):
	"""Print memblock's memory and reserved regions as memblock=debug's dump does."""

	def __init__(self):
		super().__init__('lx-memblock', gdb.COMMAND_USER)

	def invoke(self, arg, from_tty):
		mb = gdb.parse_and_eval('memblock')
		out = ['MEMBLOCK configuration:',
		       f' memory size = {int(mb["memory"]["total_size"]):#018x} reserved size = '
		       f'{int(mb["reserved"]["total_size"]):#018x}']
		out += memblock_type_lines(mb['memory']) + memblock_type_lines(mb['reserved'])
		gdb.write('\n'.join(out) + '\n')


# ---- buddy allocator ------------------------------------------------------------------------

class LxBuddyinfo(gdb.Command):
	"""Print each populated zone's free blocks per order (/proc/buddyinfo), from nr_free."""

	def __init__(self):
		super().__init__('lx-buddyinfo', gdb.COMMAND_USER)

	def invoke(self, arg, from_tty):
		for nid, zone in zones():
			counts = ''.join(f'{int(zone["free_area"][o]["nr_free"]):6d} '
					 for o in range(max_order()))
			gdb.write(f'Node {nid}, zone {zone_name(zone):>8} {counts}\n')


def pageblock_migratetype(zone, pfn):
	"""get_pfnblock_migratetype: the type bits of pfn's pageblock in zone's bitmap."""
	bits = utils.ival('(int)NR_PAGEBLOCK_BITS')
	mask = (1 << (utils.ival('(int)PB_migrate_end') + 1)) - 1
	start = int(zone['zone_start_pfn']) >> PAGEBLOCK_ORDER << PAGEBLOCK_ORDER
	bitidx = ((pfn - start) >> PAGEBLOCK_ORDER) * bits
	word = int(zone['pageblock_flags'][bitidx // 64])
	return (word >> (bitidx % 64)) & mask


class LxPagetypeinfo(gdb.Command):
	"""Print free blocks per order and migrate type, and pageblocks per type (pagetypeinfo).

The free blocks are counted on the free lists, the pageblocks read from each zone's
pageblock bitmap, in /proc/pagetypeinfo's text."""

	def __init__(self):
		super().__init__('lx-pagetypeinfo', gdb.COMMAND_USER)

	def invoke(self, arg, from_tty):
		names = migratetype_names()[:utils.ival('(int)MIGRATE_ISOLATE')]
		for nid, pgdat in nodes():
			node_zones = [z for n, z in zones() if n == nid]
			if not node_zones:
				continue
			out = [f'Page block order: {PAGEBLOCK_ORDER}',
			       f'Pages per block:  {1 << PAGEBLOCK_ORDER}', '',
			       f'{"Free pages count per migrate type at order":<43} ' +
			       ''.join(f'{o:6d} ' for o in range(max_order()))]
			for zone in node_zones:
				for mt, name in enumerate(names):
					counts = [utils.list_length(zone['free_area'][o]['free_list'][mt])
						  for o in range(max_order())]
					out.append(f'Node {nid:4d}, zone {zone_name(zone):>8}, type {name:>12} ' +
						   ''.join(f'{c:6d} ' for c in counts))
			out += ['', f'{"Number of blocks type ":<23}' + ''.join(f'{n:>12} ' for n in names)]
			for zone in node_zones:
				out.append(f'Node {nid}, zone {zone_name(zone):>8} ' +
					   ''.join(f'{c:12d} ' for c in block_counts(nid, zone, len(names))))
			gdb.write('\n'.join(out) + '\n')


def block_counts(nid, zone, ntypes):
	counts = [0] * ntypes
	start, end = int(zone['zone_start_pfn']), int(zone['zone_start_pfn']) + int(zone['spanned_pages'])
	for pfn in range(start, end, 1 << PAGEBLOCK_ORDER):
		flags = int(pfn_to_page(pfn)['flags'])
		if page_nid(flags) != nid or page_zonenum(flags) != zone_index(zone):
			continue
		mt = pageblock_migratetype(zone, pfn)
		if mt < ntypes:
			counts[mt] += 1
	return counts


def zone_index(zone):
	return (int(zone.address) - int(zone['zone_pgdat']['node_zones'].address)) // zone.type.sizeof


class LxZoneinfo(gdb.Command):
	"""Print each populated zone's free pages, watermarks and spans (part of /proc/zoneinfo)."""

	def __init__(self):
		super().__init__('lx-zoneinfo', gdb.COMMAND_USER)

	def invoke(self, arg, from_tty):
		free_idx = utils.ival('(int)NR_FREE_PAGES')
		for nid, zone in zones():
			wmark = [int(zone['_watermark'][i]) + int(zone['watermark_boost']) for i in range(3)]
			gdb.write(f'Node {nid}, zone {zone_name(zone):>8}\n'
				  f'  pages free     {max(int(zone["vm_stat"][free_idx]), 0)}\n'
				  f'        min      {wmark[0]}\n        low      {wmark[1]}\n'
				  f'        high     {wmark[2]}\n'
				  f'        spanned  {int(zone["spanned_pages"])}\n'
				  f'        present  {int(zone["present_pages"])}\n'
				  f'        managed  {int(zone["managed_pages"])}\n'
				  f'  start_pfn:           {int(zone["zone_start_pfn"])}\n')


# ---- one page -------------------------------------------------------------------------------

def vmemmap():
	memstart = int(gdb.parse_and_eval('memstart_addr'))
	return VMEMMAP_START - (memstart >> PAGE_SHIFT) * utils.lookup('struct page').sizeof


def pfn_to_page(pfn):
	addr = vmemmap() + pfn * utils.lookup('struct page').sizeof
	return gdb.Value(addr).cast(utils.lookup('struct page').pointer()).dereference()


def page_to_pfn(addr):
	return (addr - vmemmap()) // utils.lookup('struct page').sizeof


def nodes_pgoff():
	return 64 - (max_numnodes() - 1).bit_length()


def page_nid(flags):
	return flags >> nodes_pgoff() & (max_numnodes() - 1)


def page_zonenum(flags):
	return flags >> (nodes_pgoff() - ZONES_SHIFT) & ((1 << ZONES_SHIFT) - 1)


def flag_names(flags):
	names = []
	for bit in range(utils.ival('(int)__NR_PAGEFLAGS')):
		if flags >> bit & 1:
			field = gdb.parse_and_eval(f'(enum pageflags){bit}')
			names.append(str(field).replace('PG_', ''))
	return names


def page_lines(page, pfn):
	flags = int(page['flags'])
	nid, zid = page_nid(flags), page_zonenum(flags)
	pgdat = gdb.parse_and_eval(f'node_data[{nid}]')
	zone = pgdat['node_zones'][zid]
	page_type = int(page['page_type'])
	buddy = page_type & (PAGE_TYPE_BASE | PG_BUDDY) == PAGE_TYPE_BASE
	flag_bits = flags & ((1 << utils.ival('(int)__NR_PAGEFLAGS')) - 1)
	mt = pageblock_migratetype(zone, pfn)
	# A typed page (PageBuddy...) keeps its type where a mapped page keeps _mapcount.
	typed = int(page['_mapcount']) < PAGE_MAPCOUNT_RESERVE
	out = [f'page {int(page.address):#x} pfn {pfn:#x} phys {pfn << PAGE_SHIFT:#x} node {nid} '
	       f'zone {zone_name(zone)}',
	       f'flags: {flags:#018x}({"|".join(flag_names(flag_bits))}){" buddy" if buddy else ""}',
	       f'refcount: {int(page["_refcount"])} ' +
	       (f'page_type: {page_type:#x}' if typed else
		f'mapcount: {int(page["_mapcount"]) + 1}'),
	       f'pageblock migratetype: {migratetype_names()[mt]}']
	if buddy:
		out.append(f'free: order {int(page["private"])} on the buddy free lists')
	if flags >> utils.ival('(int)PG_slab') & 1:
		slab = page.address.cast(utils.lookup('struct slab').pointer())
		out.append(f'slab: cache {slab["slab_cache"]["name"].string()} inuse '
			   f'{int(slab["inuse"])}/{int(slab["objects"])} frozen {int(slab["frozen"])}')
	return out


class LxPage(gdb.Command):
	"""Print one page's state: lx-page PFN|PAGE.

Node, zone, flags, refcount, mapcount (or page type), its pageblock's migrate type, and
its order if free (PageBuddy) or its cache if a slab. An argument at or above
VMEMMAP_START is a struct page address, anything else a pfn."""

	def __init__(self):
		super().__init__('lx-page', gdb.COMMAND_USER)

	def invoke(self, arg, from_tty):
		if not arg.strip():
			raise gdb.GdbError('lx-page: give a pfn or a struct page address')
		value = int(gdb.parse_and_eval(arg)) & ((1 << 64) - 1)
		if value >= VMEMMAP_START:
			if (value - vmemmap()) % utils.lookup('struct page').sizeof:
				raise gdb.GdbError(f'lx-page: {value:#x} is not a struct page address')
			pfn = page_to_pfn(value)
		else:
			pfn = value
		if not any(int(z['zone_start_pfn']) <= pfn < int(z['zone_start_pfn']) +
			   int(z['spanned_pages']) for _, z in zones()):
			raise gdb.GdbError(f'lx-page: pfn {pfn:#x} is in no populated zone')
		gdb.write('\n'.join(page_lines(pfn_to_page(pfn), pfn)) + '\n')


# ---- per-cpu page lists ---------------------------------------------------------------------

class LxPcplist(gdb.Command):
	"""Print each populated zone's per-cpu page lists.

For each possible cpu the count, high and batch (as /proc/zoneinfo's pagesets), then
the blocks on each non-empty list by order and migrate type."""

	def __init__(self):
		super().__init__('lx-pcplist', gdb.COMMAND_USER)

	def invoke(self, arg, from_tty):
		pcptypes = utils.ival('(int)MIGRATE_PCPTYPES')
		names = migratetype_names()
		nlists = utils.array_len('((struct per_cpu_pages *)0)->lists')
		for nid, zone in zones():
			gdb.write(f'Node {nid}, zone {zone_name(zone):>8}\n')
			for cpu in utils.cpu_mask('__cpu_possible_mask'):
				pcp = utils.per_cpu_ptr(zone['per_cpu_pageset'], cpu)
				gdb.write(f'    cpu: {cpu}\n              count: {int(pcp["count"])}\n'
					  f'              high:  {int(pcp["high"])}\n'
					  f'              batch: {int(pcp["batch"])}\n')
				for pindex in range(nlists):
					n = utils.list_length(pcp['lists'][pindex])
					if n:
						order, mt = divmod(pindex, pcptypes)
						gdb.write(f'      order {order} {names[mt]}: {n} blocks\n')


LxMemblock()
LxBuddyinfo()
LxPagetypeinfo()
LxZoneinfo()
LxPage()
LxPcplist()
