/*
 * The devices of the device tree's root as Linux's of_platform_populate makes them at
 * boot (of_platform_default_populate_init): every available node with a "compatible"
 * claims its "reg" ranges in /proc/iomem under the node's name ("pl011@9000000"),
 * whether or not a driver binds it; an AMBA primecell its first range only
 * (amba_device_add). Interrupt controllers are left out, as of_irq_init marks them
 * populated before this runs.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/ioport.h>
#include <linux/libfdt.h>
#include <linux/of_fdt.h>
#include <linux/slab.h>
#include <linux/string.h>

/* Linux's of_device_is_available: no "status", or "okay"/"ok". */
static bool of_node_available(const void *fdt, int node)
{
	const char *status = fdt_getprop(fdt, node, "status", NULL);

	return !status || !strcmp(status, "okay") || !strcmp(status, "ok");
}

/* A cells-wide big-endian number of the reg property (1 or 2 cells). */
static u64 read_cells(const fdt32_t *p, int cells)
{
	return cells == 2 ? (u64)fdt32_ld(p) << 32 | fdt32_ld(p + 1) : fdt32_ld(p);
}

/*
 * The node's reg ranges, at most max of them, as resources named after the node: into
 * res when given, else only counted. Returns the number of ranges.
 */
static int of_claim_reg(const void *fdt, int node, int ac, int sc, int max,
			struct resource *res)
{
	const char *name = fdt_get_name(fdt, node, NULL);
	const fdt32_t *reg = fdt_getprop(fdt, node, "reg", NULL);
	int len = 0, entry = ac + sc, n = 0;

	if (reg)
		fdt_getprop(fdt, node, "reg", &len);
	for (int i = 0; reg && i < max && (i + 1) * entry * 4 <= len; i++) {
		const fdt32_t *cell = reg + i * entry;
		u64 size = read_cells(cell + ac, sc);
		struct resource *r = res ? &res[n] : NULL;

		if (!size)
			continue;
		n++;
		if (!r)
			continue;
		r->start = read_cells(cell, ac);
		r->end = r->start + size - 1;
		r->name = name;
		r->flags = IORESOURCE_MEM;
		if (request_resource(&iomem_resource, r))
			pr_err("%s: failed to claim resource %d: [mem %#010llx-%#010llx]\n", name,
			       i, (unsigned long long)r->start, (unsigned long long)r->end);
	}
	return n;
}

/* Each device node's ranges, counted (res NULL) or claimed into res. */
static int of_platform_walk(const void *fdt, int ac, int sc, struct resource *res)
{
	int node, len, n = 0;

	fdt_for_each_subnode(node, fdt, 0) {
		const char *compat = fdt_getprop(fdt, node, "compatible", &len);

		if (!compat || !of_node_available(fdt, node) ||
		    fdt_getprop(fdt, node, "interrupt-controller", NULL))
			continue;
		n += of_claim_reg(fdt, node, ac, sc,
				  fdt_stringlist_contains(compat, len, "arm,primecell") ? 1 : INT_MAX,
				  res ? res + n : NULL);
	}
	return n;
}

/* The resources live as long as the machine: one array for all of them. */
static int __init of_platform_default_populate_init(void)
{
	const void *fdt = initial_boot_params;
	struct resource *res;
	int ac, sc, n;

	if (!fdt)
		return 0;
	ac = fdt_address_cells(fdt, 0);
	sc = fdt_size_cells(fdt, 0);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return -EINVAL;
	n = of_platform_walk(fdt, ac, sc, NULL);
	if (!n)
		return 0;
	res = kcalloc(n, sizeof(*res), GFP_KERNEL);
	if (!res)
		return -ENOMEM;
	of_platform_walk(fdt, ac, sc, res);
	return 0;
}
late_initcall(of_platform_default_populate_init);
