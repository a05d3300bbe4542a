/* Flattened device tree (FDT) reading, libfdt's names and semantics for the subset the
 * kernel uses: lib/fdt.c. Validate a blob once with fdt_check_full(), then read it. */
#ifndef _LINUX_LIBFDT_H
#define _LINUX_LIBFDT_H

#include <linux/types.h>

/*
 * Layout of a blob (all fields big-endian):
 *
 *   header | memory reserve map | structure block | strings block
 *
 * The structure block is a stream of 32-bit tokens: BEGIN_NODE name\0 (padded to 4),
 * PROP len nameoff value (padded to 4), END_NODE, NOP, and one END at the close.
 * Node and property "offsets" are byte offsets into the structure block.
 */
#define FDT_MAGIC		0xd00dfeed
#define FDT_BEGIN_NODE		0x1
#define FDT_END_NODE		0x2
#define FDT_PROP		0x3
#define FDT_NOP			0x4
#define FDT_END			0x9
#define FDT_TAGSIZE		4

#define FDT_V16_SIZE		36	/* header up to size_dt_strings */
#define FDT_V17_SIZE		40	/* plus size_dt_struct */
#define FDT_FIRST_SUPPORTED_VERSION	16
#define FDT_LAST_SUPPORTED_VERSION	17
#define FDT_MAX_NCELLS		4
#define FDT_MAX_DEPTH		64	/* node nesting fdt_check_full() accepts */

typedef __be32 fdt32_t;
typedef __be64 fdt64_t;

struct fdt_header {
	fdt32_t magic;
	fdt32_t totalsize;		/* bytes, the whole blob */
	fdt32_t off_dt_struct;		/* from the start of the blob */
	fdt32_t off_dt_strings;
	fdt32_t off_mem_rsvmap;
	fdt32_t version;
	fdt32_t last_comp_version;
	fdt32_t boot_cpuid_phys;
	fdt32_t size_dt_strings;	/* bytes */
	fdt32_t size_dt_struct;		/* bytes, version 17 on */
};

struct fdt_reserve_entry {
	fdt64_t address;
	fdt64_t size;
};

/* Error codes, returned negated; the numbers are libfdt's. */
#define FDT_ERR_NOTFOUND	1	/* no such node or property */
#define FDT_ERR_EXISTS		2
#define FDT_ERR_NOSPACE		3
#define FDT_ERR_BADOFFSET	4	/* offset is not a node/property, or out of range */
#define FDT_ERR_BADPATH		5	/* malformed path, or unknown alias */
#define FDT_ERR_BADPHANDLE	6	/* phandle 0 or -1 */
#define FDT_ERR_BADSTATE	7
#define FDT_ERR_TRUNCATED	8	/* something runs past the end of its block or blob */
#define FDT_ERR_BADMAGIC	9
#define FDT_ERR_BADVERSION	10
#define FDT_ERR_BADSTRUCTURE	11	/* bad token, bad nesting, no single root */
#define FDT_ERR_BADLAYOUT	12	/* blocks overlap */
#define FDT_ERR_INTERNAL	13
#define FDT_ERR_BADNCELLS	14	/* #address-cells or #size-cells unusable */
#define FDT_ERR_BADVALUE	15	/* a value is malformed */
#define FDT_ERR_BADOVERLAY	16
#define FDT_ERR_NOPHANDLES	17
#define FDT_ERR_BADFLAGS	18
#define FDT_ERR_ALIGNMENT	19	/* blob or block misaligned */
#define FDT_ERR_MAX		19

/* Loads that need no alignment: a blob's fields are read through these. */
static inline u32 fdt32_ld(const void *p)
{
	const u8 *b = p;

	return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}

static inline u64 fdt64_ld(const void *p)
{
	return (u64)fdt32_ld(p) << 32 | fdt32_ld((const u8 *)p + 4);
}

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
static inline u32 fdt32_to_cpu(fdt32_t x) { return __builtin_bswap32(x); }
static inline u64 fdt64_to_cpu(fdt64_t x) { return __builtin_bswap64(x); }
#else
static inline u32 fdt32_to_cpu(fdt32_t x) { return x; }
static inline u64 fdt64_to_cpu(fdt64_t x) { return x; }
#endif
static inline fdt32_t cpu_to_fdt32(u32 x) { return fdt32_to_cpu(x); }
static inline fdt64_t cpu_to_fdt64(u64 x) { return fdt64_to_cpu(x); }

#define fdt_get_header(fdt, field) \
	fdt32_ld((const u8 *)(fdt) + __builtin_offsetof(struct fdt_header, field))
#define fdt_magic(fdt)			fdt_get_header(fdt, magic)
#define fdt_totalsize(fdt)		fdt_get_header(fdt, totalsize)
#define fdt_off_dt_struct(fdt)		fdt_get_header(fdt, off_dt_struct)
#define fdt_off_dt_strings(fdt)		fdt_get_header(fdt, off_dt_strings)
#define fdt_off_mem_rsvmap(fdt)		fdt_get_header(fdt, off_mem_rsvmap)
#define fdt_version(fdt)		fdt_get_header(fdt, version)
#define fdt_last_comp_version(fdt)	fdt_get_header(fdt, last_comp_version)
#define fdt_boot_cpuid_phys(fdt)	fdt_get_header(fdt, boot_cpuid_phys)
#define fdt_size_dt_strings(fdt)	fdt_get_header(fdt, size_dt_strings)
#define fdt_size_dt_struct(fdt)		fdt_get_header(fdt, size_dt_struct)

/*
 * Validation. fdt_check_header() checks the header alone (magic, version, every block
 * inside totalsize, alignment); every accessor below runs it first and then reads only
 * inside the blocks, so the accessors trust nothing but "totalsize bytes are readable".
 * fdt_check_full() checks the whole blob against bufsize, after which every node and
 * property is well formed. Both return 0 or -FDT_ERR_*.
 */
int fdt_check_header(const void *fdt);
int fdt_check_full(const void *fdt, size_t bufsize);
/* A sentence for an error code (positive or negative); never NULL. */
const char *fdt_strerror(int errval);

/* Low level: a pointer to len bytes at offset in the structure block, or NULL. */
const void *fdt_offset_ptr(const void *fdt, int offset, unsigned int len);
/* The token at offset; *nextoffset gets the next token's offset or -FDT_ERR_*. */
u32 fdt_next_tag(const void *fdt, int offset, int *nextoffset);

/*
 * Node walking. fdt_next_node() returns the next node in document order (offset -1
 * starts at the root) and tracks *depth when depth is not NULL; -FDT_ERR_NOTFOUND at
 * the end. Subnode iteration returns -FDT_ERR_NOTFOUND after the last child.
 */
int fdt_next_node(const void *fdt, int offset, int *depth);
int fdt_first_subnode(const void *fdt, int offset);
int fdt_next_subnode(const void *fdt, int offset);

#define fdt_for_each_subnode(node, fdt, parent)		\
	for (node = fdt_first_subnode(fdt, parent);	\
	     node >= 0;					\
	     node = fdt_next_subnode(fdt, node))

/* The node's name ("" for the root) and its length in *lenp, or NULL and an error there. */
const char *fdt_get_name(const void *fdt, int nodeoffset, int *lenp);

/* Properties: offsets of a node's properties in order; -FDT_ERR_NOTFOUND after the last. */
int fdt_first_property_offset(const void *fdt, int nodeoffset);
int fdt_next_property_offset(const void *fdt, int offset);

#define fdt_for_each_property_offset(property, fdt, node)	\
	for (property = fdt_first_property_offset(fdt, node);	\
	     property >= 0;					\
	     property = fdt_next_property_offset(fdt, property))

/* A property's value, name (*namep) and length (*lenp); NULL and an error in *lenp. */
const void *fdt_getprop_by_offset(const void *fdt, int offset, const char **namep, int *lenp);
/* A node's property value by name; NULL with -FDT_ERR_NOTFOUND (or another error) in *lenp. */
const void *fdt_getprop(const void *fdt, int nodeoffset, const char *name, int *lenp);
const void *fdt_getprop_namelen(const void *fdt, int nodeoffset, const char *name,
				int namelen, int *lenp);
/* The string at stroffset in the strings block, or NULL and an error in *lenp. */
const char *fdt_get_string(const void *fdt, int stroffset, int *lenp);

/*
 * Lookup. A path is absolute ("/cpus/cpu@0") or starts with an alias from /aliases
 * ("serial0/..."). A name without "@unit" matches "name@unit" too: the first such child
 * wins, as in libfdt.
 */
int fdt_path_offset(const void *fdt, const char *path);
int fdt_path_offset_namelen(const void *fdt, const char *path, int namelen);
int fdt_subnode_offset(const void *fdt, int parentoffset, const char *name);
int fdt_subnode_offset_namelen(const void *fdt, int parentoffset, const char *name,
			       int namelen);
/* The path an alias names (NUL-terminated, starting with '/'), or NULL. */
const char *fdt_get_alias(const void *fdt, const char *name);
const char *fdt_get_alias_namelen(const void *fdt, const char *name, int namelen);

/* Depth of a node (root 0), its ancestor at a given depth, its parent (root: NOTFOUND). */
int fdt_node_depth(const void *fdt, int nodeoffset);
int fdt_supernode_atdepth_offset(const void *fdt, int nodeoffset, int supernodedepth,
				 int *nodedepth);
int fdt_parent_offset(const void *fdt, int nodeoffset);

/* "phandle" (or "linux,phandle") of a node, 0 when none; the node with a phandle. */
u32 fdt_get_phandle(const void *fdt, int nodeoffset);
int fdt_node_offset_by_phandle(const void *fdt, u32 phandle);

/* 0 when the node's "compatible" lists compat, 1 when not, <0 on error (none: NOTFOUND). */
int fdt_node_check_compatible(const void *fdt, int nodeoffset, const char *compat);
/* The first node after startoffset (-1: from the start) compatible with compat. */
int fdt_node_offset_by_compatible(const void *fdt, int startoffset, const char *compat);
/* 1 when the NUL-separated list of listlen bytes holds str, else 0. */
int fdt_stringlist_contains(const char *strlist, int listlen, const char *str);

/* #address-cells of a node, 1..4 (2 when absent); #size-cells, 0..4 (1 when absent). */
int fdt_address_cells(const void *fdt, int nodeoffset);
int fdt_size_cells(const void *fdt, int nodeoffset);

/* Memory reserve map: number of entries before the terminator, and entry n. */
int fdt_num_mem_rsv(const void *fdt);
int fdt_get_mem_rsv(const void *fdt, int n, u64 *address, u64 *size);

#endif
