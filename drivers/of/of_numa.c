/* NUMA layout from the flat device tree (Linux's drivers/of/of_numa.c): numa-node-id of
 * cpus and memory nodes, and the numa-distance-map-v1 matrix, handed to the arch hooks. */
#define pr_fmt(fmt) "OF: NUMA: " fmt

#include <linux/types.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/numa.h>
#include <linux/libfdt.h>
#include <linux/of_fdt.h>
#include <linux/of_numa.h>
#include <linux/arch_numa.h>

/* numa-node-id of a node: 0, -ENOENT when absent, -EINVAL when malformed or too big. */
static int __init of_numa_node_id(int node, u32 *nid)
{
	int len;
	const __be32 *p = of_get_flat_dt_prop(node, "numa-node-id", &len);

	if (!p)
		return -ENOENT;
	if (len != sizeof(*p)) {
		pr_err("numa-node-id of %d bytes in %s\n", len,
		       fdt_get_name(initial_boot_params, node, NULL));
		return -EINVAL;
	}
	*nid = fdt32_ld(p);
	if (*nid >= MAX_NUMNODES) {
		pr_err("Node id %u exceeds maximum value\n", *nid);
		return -EINVAL;
	}
	return 0;
}

/* A cell count of node: def when absent, -EINVAL unless 1 or 2. */
static int __init of_numa_n_cells(int node, const char *name, int def)
{
	int len;
	const __be32 *p = of_get_flat_dt_prop(node, name, &len);
	u32 val;

	if (!p)
		return def;
	val = len == sizeof(*p) ? fdt32_ld(p) : 0;
	return val >= 1 && val <= 2 ? (int)val : -EINVAL;
}

static bool __init of_numa_is_type(int node, const char *type)
{
	int len;
	const char *p = of_get_flat_dt_prop(node, "device_type", &len);

	return p && len > 0 && strnlen(p, len) < (size_t)len && !strcmp(p, type);
}

/*
 * A cpu's numa-node-id makes its node a NUMA node even without memory (Linux allocates
 * its pg_data_t); which logical cpu it is, smp_init_cpus decides by the cpu's reg.
 */
static int __init of_numa_parse_cpu_nodes(void)
{
	int cpus = fdt_path_offset(initial_boot_params, "/cpus");
	int node, r;
	u32 nid;

	if (cpus < 0)
		return 0;
	fdt_for_each_subnode(node, initial_boot_params, cpus) {
		if (!of_numa_is_type(node, "cpu"))
			continue;
		r = of_numa_node_id(node, &nid);
		if (r == -ENOENT)
			continue;
		if (r)
			return r;
		pr_debug("CPU on %u\n", nid);
		node_set(nid, &numa_nodes_parsed);
	}
	return 0;
}

int __init of_node_to_nid(int node)
{
	const void *fdt = initial_boot_params;
	int r = -ENOENT;
	u32 nid;

	/* A node without numa-node-id takes its nearest ancestor's. */
	for (; node >= 0 && r == -ENOENT; node = fdt_parent_offset(fdt, node))
		r = of_numa_node_id(node, &nid);
	if (r || !node_state(nid, N_POSSIBLE))
		return NUMA_NO_NODE;
	return nid;
}

/*
 * The ranges of one memory node, read with its parent's cells, all go to node nid; one of
 * size 0 still makes nid a (memoryless) node, as in Linux.
 */
static int __init of_numa_add_memory_node(int node, u32 nid)
{
	int parent = fdt_parent_offset(initial_boot_params, node);
	int ac, sc, len, entries = 0, r;
	const __be32 *reg, *endp;

	if (parent < 0)
		return -EINVAL;
	ac = parent == 0 ? dt_root_addr_cells : of_numa_n_cells(parent, "#address-cells", 1);
	sc = parent == 0 ? dt_root_size_cells : of_numa_n_cells(parent, "#size-cells", 1);
	reg = of_get_flat_dt_prop(node, "reg", &len);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2 || !reg || len <= 0 ||
	    len % ((ac + sc) * (int)sizeof(*reg)))
		return -EINVAL;
	for (endp = reg + len / sizeof(*reg); reg < endp; entries++) {
		u64 base = dt_mem_next_cell(ac, &reg);
		u64 size = dt_mem_next_cell(sc, &reg);

		if (base + size < base)
			return -EINVAL;
		r = numa_add_memblk(nid, base, base + size);
		if (r)
			return r;
	}
	return entries ? 0 : -EINVAL;
}

static int __init of_numa_parse_memory_nodes(void)
{
	const void *fdt = initial_boot_params;
	int node, r;
	u32 nid;

	for (node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		if (!of_numa_is_type(node, "memory"))
			continue;
		r = of_numa_node_id(node, &nid);
		if (r == -ENOENT)
			continue;
		if (!r)
			r = of_numa_add_memory_node(node, nid);
		if (r) {
			pr_err("bad property in memory node\n");
			return r;
		}
	}
	return 0;
}

/* One (node a, node b, distance) triple, checked as Linux checks it, plus the ids. */
static int __init of_numa_check_distance(const __be32 *e)
{
	u32 a = fdt32_ld(e), b = fdt32_ld(e + 1), d = fdt32_ld(e + 2);

	if (a >= MAX_NUMNODES || b >= MAX_NUMNODES) {
		pr_err("Invalid node in distance-matrix: node%u -> node%u\n", a, b);
		return -EINVAL;
	}
	if ((a == b && d != LOCAL_DISTANCE) || (a != b && d <= LOCAL_DISTANCE)) {
		pr_err("Invalid distance[node%u -> node%u] = %u\n", a, b, d);
		return -EINVAL;
	}
	return 0;
}

static int __init of_numa_parse_distance_map_v1(int map)
{
	const __be32 *matrix;
	int len, count, i, r;

	pr_info("parsing numa-distance-map-v1\n");
	matrix = of_get_flat_dt_prop(map, "distance-matrix", &len);
	if (!matrix) {
		pr_err("No distance-matrix property in distance-map\n");
		return -EINVAL;
	}
	count = len / (int)sizeof(*matrix);
	/* Linux skips cells past the last whole triple; a map cut short is refused here. */
	if (count <= 0 || len % sizeof(*matrix) || count % 3) {
		pr_err("Invalid distance-matrix\n");
		return -EINVAL;
	}
	/* All entries are checked before any is applied: no half-set table. */
	for (i = 0; i < count; i += 3) {
		r = of_numa_check_distance(matrix + i);
		if (r)
			return r;
	}
	for (i = 0; i < count; i += 3) {
		u32 a = fdt32_ld(matrix + i), b = fdt32_ld(matrix + i + 1);
		u32 d = fdt32_ld(matrix + i + 2);

		numa_set_distance(a, b, d);
		/* Default distance of node B->A same as A->B */
		if (b > a)
			numa_set_distance(b, a, d);
	}
	return 0;
}

static int __init of_numa_parse_distance_map(void)
{
	int map = fdt_node_offset_by_compatible(initial_boot_params, -1,
						"numa-distance-map-v1");

	return map < 0 ? 0 : of_numa_parse_distance_map_v1(map);
}

int __init of_numa_init(void)
{
	int r;

	if (!initial_boot_params)
		return -ENODEV;
	r = of_numa_parse_cpu_nodes();
	if (r)
		return r;
	r = of_numa_parse_memory_nodes();
	if (r)
		return r;
	return of_numa_parse_distance_map();
}
