/* Early flat device tree scanning (Linux's drivers/of/fdt.c): accept the blob the boot
 * loader passed, then read root cells, memory nodes and /chosen out of it. */
#define pr_fmt(fmt) "OF: fdt: " fmt

#include <linux/types.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/libfdt.h>
#include <linux/of_fdt.h>

void *initial_boot_params;
int dt_root_addr_cells = OF_ROOT_NODE_ADDR_CELLS_DEFAULT;
int dt_root_size_cells = OF_ROOT_NODE_SIZE_CELLS_DEFAULT;
phys_addr_t phys_initrd_start;
unsigned long phys_initrd_size;

static int dt_verify_error;
static char of_stdout_path[256];

bool __init early_init_dt_verify(void *params, size_t bufsize)
{
	dt_verify_error = fdt_check_full(params, bufsize);
	if (dt_verify_error) {
		initial_boot_params = NULL;
		return false;
	}
	initial_boot_params = params;
	return true;
}

int early_init_dt_error(void)
{
	return dt_verify_error;
}

int __init of_scan_flat_dt(int (*it)(unsigned long node, const char *uname, int depth,
				     void *data),
			   void *data)
{
	const void *blob = initial_boot_params;
	int offset, rc = 0, depth = -1;

	if (!blob)
		return 0;
	for (offset = fdt_next_node(blob, -1, &depth);
	     offset >= 0 && depth >= 0 && !rc;
	     offset = fdt_next_node(blob, offset, &depth))
		rc = it(offset, fdt_get_name(blob, offset, NULL), depth, data);
	return rc;
}

int __init of_scan_flat_dt_subnodes(unsigned long parent,
				    int (*it)(unsigned long node, const char *uname,
					      void *data),
				    void *data)
{
	const void *blob = initial_boot_params;
	int node, rc;

	if (!blob)
		return 0;
	fdt_for_each_subnode(node, blob, parent) {
		rc = it(node, fdt_get_name(blob, node, NULL), data);
		if (rc)
			return rc;
	}
	return 0;
}

int __init of_get_flat_dt_subnode_by_name(unsigned long node, const char *uname)
{
	if (!initial_boot_params)
		return -FDT_ERR_NOTFOUND;
	return fdt_subnode_offset(initial_boot_params, node, uname);
}

unsigned long __init of_get_flat_dt_root(void)
{
	return 0;
}

const void *__init of_get_flat_dt_prop(unsigned long node, const char *name, int *size)
{
	if (!initial_boot_params)
		return NULL;
	return fdt_getprop(initial_boot_params, node, name, size);
}

/* The property is one NUL-terminated string equal to s. */
static bool __init of_flat_dt_prop_is(unsigned long node, const char *name, const char *s)
{
	int len;
	const char *p = of_get_flat_dt_prop(node, name, &len);

	return p && len > 0 && strnlen(p, len) < (size_t)len && !strcmp(p, s);
}

int __init of_flat_dt_is_compatible(unsigned long node, const char *compat)
{
	const char *cp, *nul;
	int cplen, score = 0;

	cp = of_get_flat_dt_prop(node, "compatible", &cplen);
	while (cp && cplen > 0) {
		score++;
		nul = memchr(cp, '\0', cplen);
		if (!nul)
			return 0;
		if (!strcmp(cp, compat))
			return score;
		cplen -= nul - cp + 1;
		cp = nul + 1;
	}
	return 0;
}

u32 __init of_get_flat_dt_phandle(unsigned long node)
{
	if (!initial_boot_params)
		return 0;
	return fdt_get_phandle(initial_boot_params, node);
}

/* status absent, "okay" or "ok", as Linux's of_fdt_device_is_available(). */
static bool __init of_flat_dt_is_available(unsigned long node)
{
	if (!of_get_flat_dt_prop(node, "status", NULL))
		return true;
	return of_flat_dt_prop_is(node, "status", "okay") ||
	       of_flat_dt_prop_is(node, "status", "ok");
}

u64 __init dt_mem_next_cell(int s, const __be32 **cellp)
{
	const __be32 *p = *cellp;

	*cellp = p + s;
	return of_read_number(p, s);
}

/* A root cell count: Linux's default when absent, -EINVAL unless 1 or 2 cells. */
static int __init of_flat_dt_root_cells(const char *name, int def)
{
	int len;
	const __be32 *p = of_get_flat_dt_prop(of_get_flat_dt_root(), name, &len);
	u32 val;

	if (!p)
		return def;
	val = len == sizeof(*p) ? fdt32_ld(p) : 0;
	if (val < 1 || val > 2) {
		pr_err("root %s is unusable (length %d, value %u)\n", name, len, val);
		return -EINVAL;
	}
	return val;
}

int __init early_init_dt_scan_root(void)
{
	int ac, sc;

	dt_root_addr_cells = OF_ROOT_NODE_ADDR_CELLS_DEFAULT;
	dt_root_size_cells = OF_ROOT_NODE_SIZE_CELLS_DEFAULT;
	if (!initial_boot_params)
		return -ENODEV;
	ac = of_flat_dt_root_cells("#address-cells", OF_ROOT_NODE_ADDR_CELLS_DEFAULT);
	sc = of_flat_dt_root_cells("#size-cells", OF_ROOT_NODE_SIZE_CELLS_DEFAULT);
	if (ac < 0 || sc < 0)
		return -EINVAL;
	dt_root_addr_cells = ac;
	dt_root_size_cells = sc;
	pr_debug("dt_root_addr_cells = %x, dt_root_size_cells = %x\n", ac, sc);
	return 0;
}

/* Adds each (base, size) of one memory node; returns 1 when it added any. */
static int __init early_init_dt_scan_memory_node(unsigned long node)
{
	int len, cells = dt_root_addr_cells + dt_root_size_cells, found = 0;
	const char *name = fdt_get_name(initial_boot_params, node, NULL);
	const __be32 *reg, *endp;

	reg = of_get_flat_dt_prop(node, "linux,usable-memory", &len);
	if (!reg)
		reg = of_get_flat_dt_prop(node, "reg", &len);
	if (!reg)
		return 0;
	if (len <= 0 || len % (cells * (int)sizeof(*reg))) {
		pr_warn("%s: reg of %d bytes is not whole (%d+%d)-cell entries, ignored\n",
			name, len, dt_root_addr_cells, dt_root_size_cells);
		return 0;
	}
	pr_debug("memory scan node %s, reg size %d,\n", name, len);
	for (endp = reg + len / sizeof(*reg); reg < endp; ) {
		u64 base = dt_mem_next_cell(dt_root_addr_cells, &reg);
		u64 size = dt_mem_next_cell(dt_root_size_cells, &reg);

		if (!size)
			continue;
		pr_debug(" - %llx, %llx\n", (unsigned long long)base, (unsigned long long)size);
		early_init_dt_add_memory_arch(base, size);
		found = 1;
	}
	return found;
}

int __init early_init_dt_scan_memory(void)
{
	const void *fdt = initial_boot_params;
	int node, found = 0;

	if (!fdt)
		return 0;
	if (dt_root_addr_cells < 1 || dt_root_addr_cells > 2 ||
	    dt_root_size_cells < 1 || dt_root_size_cells > 2) {
		pr_err("root cells %d/%d are unusable, no memory scanned\n",
		       dt_root_addr_cells, dt_root_size_cells);
		return 0;
	}
	fdt_for_each_subnode(node, fdt, 0) {
		if (!of_flat_dt_prop_is(node, "device_type", "memory") ||
		    !of_flat_dt_is_available(node))
			continue;
		found |= early_init_dt_scan_memory_node(node);
	}
	return found;
}

/* A 32- or 64-bit cell property: 0, -ENOENT when absent, -EINVAL when malformed. */
static int __init of_flat_dt_read_u64(unsigned long node, const char *name, u64 *val)
{
	int len;
	const __be32 *p = of_get_flat_dt_prop(node, name, &len);

	if (!p)
		return -ENOENT;
	if (len != 4 && len != 8) {
		pr_warn("%s has %d bytes, not one or two cells; ignored\n", name, len);
		return -EINVAL;
	}
	*val = of_read_number(p, len / 4);
	return 0;
}

static void __init early_init_dt_check_for_initrd(unsigned long node)
{
	u64 start, end;

	phys_initrd_start = 0;
	phys_initrd_size = 0;
	if (of_flat_dt_read_u64(node, "linux,initrd-start", &start) ||
	    of_flat_dt_read_u64(node, "linux,initrd-end", &end))
		return;
	if (start > end) {
		pr_warn("initrd end %#llx is below its start %#llx; ignored\n",
			(unsigned long long)end, (unsigned long long)start);
		return;
	}
	phys_initrd_start = start;
	phys_initrd_size = end - start;
	pr_debug("initrd_start=0x%llx  initrd_end=0x%llx\n",
		 (unsigned long long)start, (unsigned long long)end);
}

static int __init of_get_chosen_node(void)
{
	int node;

	if (!initial_boot_params)
		return -FDT_ERR_NOTFOUND;
	node = fdt_path_offset(initial_boot_params, "/chosen");
	if (node < 0)
		node = fdt_path_offset(initial_boot_params, "/chosen@0");
	return node;
}

int __init early_init_dt_scan_chosen(char *cmdline)
{
	int node = of_get_chosen_node(), len;
	const char *p;

	if (node < 0)
		return -ENOENT;
	early_init_dt_check_for_initrd(node);
	p = of_get_flat_dt_prop(node, "bootargs", &len);
	if (p && len > 0)
		strscpy(cmdline, p, min(len, COMMAND_LINE_SIZE));
	pr_debug("Command line is: %s\n", cmdline);
	return 0;
}

/* The raw stdout-path string (options included), NUL-terminated inside the blob. */
static const char *__init of_get_stdout_prop(void)
{
	static const char *const names[] = { "stdout-path", "linux,stdout-path" };
	int node = of_get_chosen_node(), len;
	const char *p;

	if (node < 0)
		return NULL;
	for (unsigned int i = 0; i < ARRAY_SIZE(names); i++) {
		p = of_get_flat_dt_prop(node, names[i], &len);
		if (p && len > 0 && strnlen(p, len) < (size_t)len)
			return p;
	}
	return NULL;
}

const char *__init of_get_stdout_path(void)
{
	const char *p = of_get_stdout_prop();
	const char *colon;
	size_t len;

	if (!p)
		return NULL;
	colon = strchr(p, ':');
	len = colon ? (size_t)(colon - p) : strlen(p);
	if (!len || len >= sizeof(of_stdout_path))
		return NULL;
	memcpy(of_stdout_path, p, len);
	of_stdout_path[len] = '\0';
	return of_stdout_path;
}

int __init of_get_stdout_node(void)
{
	const char *p = of_get_stdout_path();

	if (!p)
		return -FDT_ERR_NOTFOUND;
	return fdt_path_offset(initial_boot_params, p);
}
