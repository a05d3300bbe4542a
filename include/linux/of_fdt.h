/* Early flat device tree scanning (drivers/of/fdt.c, Linux's names): the validated blob,
 * root cells, memory nodes, /chosen (command line, initrd, stdout) before unflattening. */
#ifndef _LINUX_OF_FDT_H
#define _LINUX_OF_FDT_H

#include <linux/types.h>
#include <linux/init.h>
#include <linux/libfdt.h>

#ifndef COMMAND_LINE_SIZE
#define COMMAND_LINE_SIZE	2048
#endif

/* Linux's defaults when the root node has no #address-cells / #size-cells. */
#define OF_ROOT_NODE_ADDR_CELLS_DEFAULT	1
#define OF_ROOT_NODE_SIZE_CELLS_DEFAULT	1

/* The blob early_init_dt_verify() accepted; NULL before, or after it refused one. */
extern void *initial_boot_params;
/* The root's #address-cells and #size-cells (1..2), set by early_init_dt_scan_root(). */
extern int dt_root_addr_cells;
extern int dt_root_size_cells;
/* The initrd /chosen names (linux,initrd-start/end); size 0 when there is none. */
extern phys_addr_t phys_initrd_start;
extern unsigned long phys_initrd_size;

/*
 * Validates the whole blob (fdt_check_full) within bufsize bytes and, when it is sound,
 * makes it initial_boot_params. Returns false on a bad blob; early_init_dt_error() then
 * gives the -FDT_ERR_* code, for fdt_strerror().
 */
bool early_init_dt_verify(void *params, size_t bufsize);
int early_init_dt_error(void);

/* Reads the root cells into dt_root_*; -EINVAL (defaults kept) when they are unusable. */
int early_init_dt_scan_root(void);
/*
 * Calls early_init_dt_add_memory_arch() for every (base, size) of the "reg" (or
 * "linux,usable-memory") of each available root child with device_type "memory", zero
 * sizes skipped. Returns 1 when some memory was found, else 0.
 */
int early_init_dt_scan_memory(void);
/* The arch hook the memory scan feeds: one RAM range from the tree. */
void early_init_dt_add_memory_arch(u64 base, u64 size);
/*
 * Copies /chosen bootargs into cmdline (COMMAND_LINE_SIZE bytes) and reads the initrd
 * range into phys_initrd_*. Returns 0, or -ENOENT without /chosen (cmdline untouched).
 */
int early_init_dt_scan_chosen(char *cmdline);

/*
 * Calls it(node, name, depth, data) for every node in document order (root depth 0)
 * until it returns non-zero; returns that value, or 0.
 */
int of_scan_flat_dt(int (*it)(unsigned long node, const char *uname, int depth, void *data),
		    void *data);
/* The same over the direct children of parent only. */
int of_scan_flat_dt_subnodes(unsigned long parent,
			     int (*it)(unsigned long node, const char *uname, void *data),
			     void *data);
/* The child of node named uname (with or without "@unit"), or a negative error. */
int of_get_flat_dt_subnode_by_name(unsigned long node, const char *uname);
/* A property of a node of initial_boot_params; NULL when absent. */
const void *of_get_flat_dt_prop(unsigned long node, const char *name, int *size);
/* Position (1 = first) of compat in the node's "compatible" list, 0 when absent. */
int of_flat_dt_is_compatible(unsigned long node, const char *compat);
unsigned long of_get_flat_dt_root(void);
u32 of_get_flat_dt_phandle(unsigned long node);

/*
 * /chosen stdout-path (or linux,stdout-path) without its ":options", in a static
 * buffer; NULL when absent or too long. of_get_stdout_node() resolves it (a path or an
 * alias from /aliases) to a node offset, or returns a negative -FDT_ERR_* code.
 */
const char *of_get_stdout_path(void);
int of_get_stdout_node(void);

/* A number of size cells (1 or 2 make sense), big-endian, from cell on. */
static inline u64 of_read_number(const __be32 *cell, int size)
{
	u64 r = 0;

	for (; size-- > 0; cell++)
		r = (r << 32) | fdt32_ld(cell);
	return r;
}

/* Reads s cells at *cellp and moves *cellp past them. */
u64 dt_mem_next_cell(int s, const __be32 **cellp);

#endif
