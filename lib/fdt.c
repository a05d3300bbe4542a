/* Flattened device tree reader (libfdt's API, our own code): validation of a whole blob,
 * and accessors that stay inside the blob even when it was never validated. */
#include <linux/types.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/libfdt.h>

/*
 * Every public entry point runs fdt_check_header() (a dozen loads) before it touches the
 * blob; after that, reads are bounded by the structure or strings block, which the
 * header check put inside totalsize. Loops advance by at least one token per turn, so a
 * walk ends within size_dt_struct / 4 turns whatever the blob holds.
 */

static const u8 *fdt_bytes(const void *fdt, u32 offset)
{
	return (const u8 *)fdt + offset;
}

static u32 fdt_header_size(const void *fdt)
{
	return fdt_version(fdt) >= 17 ? FDT_V17_SIZE : FDT_V16_SIZE;
}

/* Version 16 headers have no size_dt_struct: the block then runs to totalsize. */
static u32 fdt_struct_size(const void *fdt)
{
	if (fdt_version(fdt) >= 17)
		return fdt_size_dt_struct(fdt);
	return fdt_totalsize(fdt) - fdt_off_dt_struct(fdt);
}

static int fdt_check_version(const void *fdt)
{
	u32 version = fdt_version(fdt);
	u32 last_comp = fdt_last_comp_version(fdt);

	if (version < FDT_FIRST_SUPPORTED_VERSION || last_comp > FDT_LAST_SUPPORTED_VERSION ||
	    version < last_comp)
		return -FDT_ERR_BADVERSION;
	return 0;
}

/* A block [off, off + size) lies after the header and inside the blob. */
static bool fdt_block_ok(u32 hdrsize, u32 totalsize, u32 off, u32 size)
{
	return off >= hdrsize && off <= totalsize && size <= totalsize - off;
}

static int fdt_check_blocks(const void *fdt, u32 hdrsize, u32 totalsize)
{
	u32 soff = fdt_off_dt_struct(fdt);

	if (!fdt_block_ok(hdrsize, totalsize, fdt_off_mem_rsvmap(fdt), 0) ||
	    !fdt_block_ok(hdrsize, totalsize, soff, 0) ||
	    !fdt_block_ok(hdrsize, totalsize, soff, fdt_struct_size(fdt)) ||
	    !fdt_block_ok(hdrsize, totalsize, fdt_off_dt_strings(fdt), fdt_size_dt_strings(fdt)))
		return -FDT_ERR_TRUNCATED;
	if (fdt_off_mem_rsvmap(fdt) % 8 || soff % FDT_TAGSIZE ||
	    (fdt_version(fdt) >= 17 && fdt_size_dt_struct(fdt) % FDT_TAGSIZE))
		return -FDT_ERR_ALIGNMENT;
	return 0;
}

int fdt_check_header(const void *fdt)
{
	u32 totalsize;
	int err;

	if (!fdt)
		return -FDT_ERR_BADMAGIC;
	if ((uintptr_t)fdt % 8)
		return -FDT_ERR_ALIGNMENT;
	if (fdt_magic(fdt) != FDT_MAGIC)
		return -FDT_ERR_BADMAGIC;
	totalsize = fdt_totalsize(fdt);
	if (totalsize < FDT_V16_SIZE || totalsize > INT_MAX)
		return -FDT_ERR_TRUNCATED;
	err = fdt_check_version(fdt);
	if (err)
		return err;
	if (totalsize < fdt_header_size(fdt))
		return -FDT_ERR_TRUNCATED;
	return fdt_check_blocks(fdt, fdt_header_size(fdt), totalsize);
}

/* ---- tokens ---------------------------------------------------------------------- */

const void *fdt_offset_ptr(const void *fdt, int offset, unsigned int len)
{
	u32 size;

	if (fdt_check_header(fdt) || offset < 0)
		return NULL;
	size = fdt_struct_size(fdt);
	if ((u32)offset > size || len > size - (u32)offset)
		return NULL;
	return fdt_bytes(fdt, fdt_off_dt_struct(fdt) + offset);
}

static u32 fdt_tag_error(int *nextoffset, int err)
{
	*nextoffset = err;
	return FDT_END;
}

/* Bytes a token's payload takes after the tag, or a negative error. */
static long fdt_tag_payload(u32 tag, const u8 *p, u32 room)
{
	const u8 *nul;
	u32 len;

	switch (tag) {
	case FDT_BEGIN_NODE:
		nul = memchr(p, '\0', room);
		return nul ? nul - p + 1 : -FDT_ERR_TRUNCATED;
	case FDT_PROP:
		if (room < 8)
			return -FDT_ERR_TRUNCATED;
		len = fdt32_ld(p);
		return len <= room - 8 ? 8 + (long)len : -FDT_ERR_TRUNCATED;
	case FDT_END_NODE:
	case FDT_NOP:
	case FDT_END:
		return 0;
	}
	return -FDT_ERR_BADSTRUCTURE;
}

/* fdt_next_tag() for callers that have run fdt_check_header() already. */
static u32 __fdt_next_tag(const void *fdt, int startoffset, int *nextoffset)
{
	u32 size, off = startoffset, tag;
	const u8 *base;
	long payload;

	if (startoffset < 0 || startoffset % FDT_TAGSIZE)
		return fdt_tag_error(nextoffset, -FDT_ERR_BADOFFSET);
	size = fdt_struct_size(fdt);
	if (off > size || size - off < FDT_TAGSIZE)
		return fdt_tag_error(nextoffset, -FDT_ERR_TRUNCATED);
	base = fdt_bytes(fdt, fdt_off_dt_struct(fdt));
	tag = fdt32_ld(base + off);
	off += FDT_TAGSIZE;
	payload = fdt_tag_payload(tag, base + off, size - off);
	if (payload < 0)
		return fdt_tag_error(nextoffset, (int)payload);
	off = ALIGN(off + (u32)payload, FDT_TAGSIZE);
	if (off > size)
		return fdt_tag_error(nextoffset, -FDT_ERR_TRUNCATED);
	*nextoffset = off;
	return tag;
}

u32 fdt_next_tag(const void *fdt, int startoffset, int *nextoffset)
{
	int err = fdt_check_header(fdt);

	if (err)
		return fdt_tag_error(nextoffset, err);
	return __fdt_next_tag(fdt, startoffset, nextoffset);
}

/* The offset just past a node's BEGIN_NODE and name, or -FDT_ERR_BADOFFSET. */
static int fdt_check_node_offset(const void *fdt, int offset)
{
	int next = fdt_check_header(fdt);

	if (next)
		return next;
	if (offset < 0 || offset % FDT_TAGSIZE ||
	    __fdt_next_tag(fdt, offset, &next) != FDT_BEGIN_NODE)
		return -FDT_ERR_BADOFFSET;
	return next;
}

static int fdt_check_prop_offset(const void *fdt, int offset)
{
	int next = fdt_check_header(fdt);

	if (next)
		return next;
	if (offset < 0 || offset % FDT_TAGSIZE ||
	    __fdt_next_tag(fdt, offset, &next) != FDT_PROP)
		return -FDT_ERR_BADOFFSET;
	return next;
}

/* ---- nodes ----------------------------------------------------------------------- */

int fdt_next_node(const void *fdt, int offset, int *depth)
{
	int next;
	u32 tag;

	next = offset >= 0 ? fdt_check_node_offset(fdt, offset) : fdt_check_header(fdt);
	if (next < 0)
		return next;
	do {
		offset = next;
		tag = __fdt_next_tag(fdt, offset, &next);
		switch (tag) {
		case FDT_BEGIN_NODE:
			if (depth)
				(*depth)++;
			break;
		case FDT_END_NODE:
			if (depth && --(*depth) < 0)
				return next;
			break;
		case FDT_END:
			if (next >= 0 || (next == -FDT_ERR_TRUNCATED && !depth))
				return -FDT_ERR_NOTFOUND;
			return next;
		}
	} while (tag != FDT_BEGIN_NODE);
	return offset;
}

int fdt_first_subnode(const void *fdt, int offset)
{
	int depth = 0;

	offset = fdt_next_node(fdt, offset, &depth);
	if (offset < 0 || depth != 1)
		return -FDT_ERR_NOTFOUND;
	return offset;
}

int fdt_next_subnode(const void *fdt, int offset)
{
	int depth = 1;

	/* Skip the node's own descendants: stop at the next node back at depth 1. */
	do {
		offset = fdt_next_node(fdt, offset, &depth);
		if (offset < 0 || depth < 1)
			return -FDT_ERR_NOTFOUND;
	} while (depth > 1);
	return offset;
}

const char *fdt_get_name(const void *fdt, int nodeoffset, int *lenp)
{
	int next = fdt_check_node_offset(fdt, nodeoffset);
	const char *name;

	if (next < 0) {
		if (lenp)
			*lenp = next;
		return NULL;
	}
	name = fdt_offset_ptr(fdt, nodeoffset + FDT_TAGSIZE, 1);
	if (lenp)
		*lenp = strnlen(name, next - nodeoffset - FDT_TAGSIZE);
	return name;
}

/* ---- properties ------------------------------------------------------------------ */

/* From offset on: the next PROP before any other token but NOP (header checked). */
static int fdt_nextprop(const void *fdt, int offset)
{
	int next;
	u32 tag;

	do {
		tag = __fdt_next_tag(fdt, offset, &next);
		if (tag == FDT_END)
			return next >= 0 ? -FDT_ERR_BADSTRUCTURE : next;
		if (tag == FDT_PROP)
			return offset;
		offset = next;
	} while (tag == FDT_NOP);
	return -FDT_ERR_NOTFOUND;
}

int fdt_first_property_offset(const void *fdt, int nodeoffset)
{
	int offset = fdt_check_node_offset(fdt, nodeoffset);

	return offset < 0 ? offset : fdt_nextprop(fdt, offset);
}

int fdt_next_property_offset(const void *fdt, int offset)
{
	offset = fdt_check_prop_offset(fdt, offset);
	return offset < 0 ? offset : fdt_nextprop(fdt, offset);
}

static const char *fdt_string(const void *fdt, u32 stroffset, int *lenp)
{
	u32 size = fdt_size_dt_strings(fdt);
	const char *s, *nul;

	if (stroffset >= size) {
		*lenp = -FDT_ERR_BADOFFSET;
		return NULL;
	}
	s = (const char *)fdt_bytes(fdt, fdt_off_dt_strings(fdt) + stroffset);
	nul = memchr(s, '\0', size - stroffset);
	if (!nul) {
		*lenp = -FDT_ERR_TRUNCATED;
		return NULL;
	}
	*lenp = nul - s;
	return s;
}

const char *fdt_get_string(const void *fdt, int stroffset, int *lenp)
{
	int len, err = fdt_check_header(fdt);
	const char *s = NULL;

	if (err)
		len = err;
	else if (stroffset < 0)
		len = -FDT_ERR_BADOFFSET;
	else
		s = fdt_string(fdt, stroffset, &len);
	if (lenp)
		*lenp = len;
	return s;
}

const void *fdt_getprop_by_offset(const void *fdt, int offset, const char **namep, int *lenp)
{
	int err = fdt_check_header(fdt), namelen;
	const char *name = NULL;
	const u8 *prop;

	if (!err && fdt_check_prop_offset(fdt, offset) < 0)
		err = -FDT_ERR_BADOFFSET;
	if (err)
		goto fail;
	prop = fdt_offset_ptr(fdt, offset, 3 * FDT_TAGSIZE);
	if (namep) {
		name = fdt_string(fdt, fdt32_ld(prop + 8), &namelen);
		if (!name) {
			err = namelen;
			goto fail;
		}
		*namep = name;
	}
	if (lenp)
		*lenp = fdt32_ld(prop + 4);
	return prop + 3 * FDT_TAGSIZE;
fail:
	if (namep)
		*namep = NULL;
	if (lenp)
		*lenp = err;
	return NULL;
}

const void *fdt_getprop_namelen(const void *fdt, int nodeoffset, const char *name,
				int namelen, int *lenp)
{
	const char *pname;
	const void *val;
	int offset, len;

	fdt_for_each_property_offset(offset, fdt, nodeoffset) {
		val = fdt_getprop_by_offset(fdt, offset, &pname, &len);
		if (!val) {
			offset = len;
			break;
		}
		if (namelen >= 0 && strlen(pname) == (size_t)namelen &&
		    !memcmp(pname, name, namelen)) {
			if (lenp)
				*lenp = len;
			return val;
		}
	}
	if (lenp)
		*lenp = offset;
	return NULL;
}

const void *fdt_getprop(const void *fdt, int nodeoffset, const char *name, int *lenp)
{
	return fdt_getprop_namelen(fdt, nodeoffset, name, strlen(name), lenp);
}

/* ---- lookup by name and path ----------------------------------------------------- */

/* "name" matches "name" and, when s has no "@unit" of its own, "name@unit". */
static bool fdt_nodename_eq(const void *fdt, int offset, const char *s, int len)
{
	int olen;
	const char *p = fdt_get_name(fdt, offset, &olen);

	if (!p || olen < len || memcmp(p, s, len))
		return false;
	if (p[len] == '\0')
		return true;
	return p[len] == '@' && !memchr(s, '@', len);
}

int fdt_subnode_offset_namelen(const void *fdt, int parentoffset, const char *name,
			       int namelen)
{
	int depth = 0, offset = parentoffset;

	if (namelen < 0)
		return -FDT_ERR_BADPATH;
	for (; offset >= 0 && depth >= 0; offset = fdt_next_node(fdt, offset, &depth))
		if (depth == 1 && fdt_nodename_eq(fdt, offset, name, namelen))
			return offset;
	return depth < 0 ? -FDT_ERR_NOTFOUND : offset;
}

int fdt_subnode_offset(const void *fdt, int parentoffset, const char *name)
{
	return fdt_subnode_offset_namelen(fdt, parentoffset, name, strlen(name));
}

const char *fdt_get_alias_namelen(const void *fdt, const char *name, int namelen)
{
	int aliases = fdt_subnode_offset(fdt, 0, "aliases");
	const char *path;
	int len;

	if (aliases < 0)
		return NULL;
	path = fdt_getprop_namelen(fdt, aliases, name, namelen, &len);
	if (!path || len <= 0 || path[len - 1] != '\0' || path[0] != '/')
		return NULL;
	return path;
}

const char *fdt_get_alias(const void *fdt, const char *name)
{
	return fdt_get_alias_namelen(fdt, name, strlen(name));
}

int fdt_path_offset_namelen(const void *fdt, const char *path, int namelen)
{
	const char *end = path + namelen, *p = path, *q;
	int offset = 0, err = fdt_check_header(fdt);

	if (err)
		return err;
	if (namelen <= 0)
		return -FDT_ERR_BADPATH;
	if (*path != '/') {
		q = memchr(path, '/', namelen);
		if (!q)
			q = end;
		p = fdt_get_alias_namelen(fdt, path, q - path);
		if (!p)
			return -FDT_ERR_BADPATH;
		offset = fdt_path_offset(fdt, p);
		if (offset < 0)
			return offset;
		p = q;
	}
	while (p < end) {
		while (*p == '/')
			if (++p == end)
				return offset;
		q = memchr(p, '/', end - p);
		if (!q)
			q = end;
		offset = fdt_subnode_offset_namelen(fdt, offset, p, q - p);
		if (offset < 0)
			return offset;
		p = q;
	}
	return offset;
}

int fdt_path_offset(const void *fdt, const char *path)
{
	return fdt_path_offset_namelen(fdt, path, strlen(path));
}

/* ---- ancestry -------------------------------------------------------------------- */

int fdt_supernode_atdepth_offset(const void *fdt, int nodeoffset, int supernodedepth,
				 int *nodedepth)
{
	int offset, depth = 0, super = -FDT_ERR_INTERNAL;

	if (supernodedepth < 0)
		return -FDT_ERR_NOTFOUND;
	for (offset = 0; offset >= 0 && offset <= nodeoffset;
	     offset = fdt_next_node(fdt, offset, &depth)) {
		if (depth == supernodedepth)
			super = offset;
		if (offset != nodeoffset)
			continue;
		if (fdt_check_node_offset(fdt, offset) < 0)
			return -FDT_ERR_BADOFFSET;
		if (nodedepth)
			*nodedepth = depth;
		return supernodedepth > depth ? -FDT_ERR_NOTFOUND : super;
	}
	if (offset == -FDT_ERR_NOTFOUND || offset >= 0)
		return -FDT_ERR_BADOFFSET;
	return offset == -FDT_ERR_BADOFFSET ? -FDT_ERR_BADSTRUCTURE : offset;
}

int fdt_node_depth(const void *fdt, int nodeoffset)
{
	int depth, err;

	err = fdt_supernode_atdepth_offset(fdt, nodeoffset, 0, &depth);
	return err < 0 ? err : depth;
}

int fdt_parent_offset(const void *fdt, int nodeoffset)
{
	int depth = fdt_node_depth(fdt, nodeoffset);

	if (depth < 0)
		return depth;
	return fdt_supernode_atdepth_offset(fdt, nodeoffset, depth - 1, NULL);
}

/* ---- phandles, compatible, cells --------------------------------------------------- */

u32 fdt_get_phandle(const void *fdt, int nodeoffset)
{
	const void *p;
	int len;

	p = fdt_getprop(fdt, nodeoffset, "phandle", &len);
	if (!p || len != sizeof(fdt32_t)) {
		p = fdt_getprop(fdt, nodeoffset, "linux,phandle", &len);
		if (!p || len != sizeof(fdt32_t))
			return 0;
	}
	return fdt32_ld(p);
}

int fdt_node_offset_by_phandle(const void *fdt, u32 phandle)
{
	int offset;

	if (phandle == 0 || phandle == ~0U)
		return -FDT_ERR_BADPHANDLE;
	for (offset = fdt_next_node(fdt, -1, NULL); offset >= 0;
	     offset = fdt_next_node(fdt, offset, NULL))
		if (fdt_get_phandle(fdt, offset) == phandle)
			return offset;
	return offset;
}

int fdt_stringlist_contains(const char *strlist, int listlen, const char *str)
{
	size_t len = strlen(str), l;
	const char *nul;

	while (strlist && listlen > 0) {
		nul = memchr(strlist, '\0', listlen);
		if (!nul)
			return 0;
		l = nul - strlist;
		if (l == len && !memcmp(strlist, str, len))
			return 1;
		listlen -= l + 1;
		strlist = nul + 1;
	}
	return 0;
}

int fdt_node_check_compatible(const void *fdt, int nodeoffset, const char *compat)
{
	const char *prop;
	int len;

	prop = fdt_getprop(fdt, nodeoffset, "compatible", &len);
	if (!prop)
		return len;
	return !fdt_stringlist_contains(prop, len, compat);
}

int fdt_node_offset_by_compatible(const void *fdt, int startoffset, const char *compat)
{
	int offset, err;

	for (offset = fdt_next_node(fdt, startoffset, NULL); offset >= 0;
	     offset = fdt_next_node(fdt, offset, NULL)) {
		err = fdt_node_check_compatible(fdt, offset, compat);
		if (err == 0)
			return offset;
		if (err < 0 && err != -FDT_ERR_NOTFOUND)
			return err;
	}
	return offset;
}

static int fdt_cells(const void *fdt, int nodeoffset, const char *name)
{
	const void *p;
	u32 val;
	int len;

	p = fdt_getprop(fdt, nodeoffset, name, &len);
	if (!p)
		return len;
	if (len != sizeof(fdt32_t))
		return -FDT_ERR_BADNCELLS;
	val = fdt32_ld(p);
	return val > FDT_MAX_NCELLS ? -FDT_ERR_BADNCELLS : (int)val;
}

int fdt_address_cells(const void *fdt, int nodeoffset)
{
	int val = fdt_cells(fdt, nodeoffset, "#address-cells");

	if (val == 0)
		return -FDT_ERR_BADNCELLS;
	return val == -FDT_ERR_NOTFOUND ? 2 : val;
}

int fdt_size_cells(const void *fdt, int nodeoffset)
{
	int val = fdt_cells(fdt, nodeoffset, "#size-cells");

	return val == -FDT_ERR_NOTFOUND ? 1 : val;
}

/* ---- memory reserve map ---------------------------------------------------------- */

static const u8 *fdt_mem_rsv(const void *fdt, int n)
{
	u64 off;

	if (n < 0 || fdt_check_header(fdt))
		return NULL;
	off = fdt_off_mem_rsvmap(fdt) + (u64)n * sizeof(struct fdt_reserve_entry);
	if (off + sizeof(struct fdt_reserve_entry) > fdt_totalsize(fdt))
		return NULL;
	return fdt_bytes(fdt, off);
}

int fdt_num_mem_rsv(const void *fdt)
{
	const u8 *re;
	int i;

	for (i = 0; (re = fdt_mem_rsv(fdt, i)) != NULL; i++)
		if (fdt64_ld(re + 8) == 0)
			return i;
	return -FDT_ERR_TRUNCATED;
}

int fdt_get_mem_rsv(const void *fdt, int n, u64 *address, u64 *size)
{
	const u8 *re = fdt_mem_rsv(fdt, n);

	if (!re)
		return fdt_check_header(fdt) ?: -FDT_ERR_BADOFFSET;
	*address = fdt64_ld(re);
	*size = fdt64_ld(re + 8);
	return 0;
}

/* ---- whole-blob validation ------------------------------------------------------- */

/* The reserve map ends with a (0, 0) entry; no entry wraps around the address space. */
static int fdt_check_mem_rsvmap(const void *fdt, u32 *bytes)
{
	const u8 *re;
	u64 base, size;
	int n;

	for (n = 0; (re = fdt_mem_rsv(fdt, n)) != NULL; n++) {
		base = fdt64_ld(re);
		size = fdt64_ld(re + 8);
		if (size == 0) {
			*bytes = (n + 1) * sizeof(struct fdt_reserve_entry);
			return base ? -FDT_ERR_BADVALUE : 0;
		}
		if (base + size < base)
			return -FDT_ERR_BADVALUE;
	}
	return -FDT_ERR_TRUNCATED;
}

static bool fdt_ranges_overlap(u32 a, u32 alen, u32 b, u32 blen)
{
	return alen && blen && a < b + blen && b < a + alen;
}

/* Reserve map, structure and strings blocks are disjoint. */
static int fdt_check_layout(const void *fdt, u32 rsvbytes)
{
	u32 rsv = fdt_off_mem_rsvmap(fdt);
	u32 soff = fdt_off_dt_struct(fdt), ssize = fdt_struct_size(fdt);
	u32 toff = fdt_off_dt_strings(fdt), tsize = fdt_size_dt_strings(fdt);

	/* Version 16 gives no structure size: the walk is bounded by totalsize instead. */
	if (fdt_version(fdt) < 17)
		ssize = 0;

	if (fdt_ranges_overlap(rsv, rsvbytes, soff, ssize) ||
	    fdt_ranges_overlap(rsv, rsvbytes, toff, tsize) ||
	    fdt_ranges_overlap(soff, ssize, toff, tsize))
		return -FDT_ERR_BADLAYOUT;
	return 0;
}

/* Where the token walk of fdt_check_struct() stands. */
struct fdt_walk {
	int depth;
	int roots;
	bool had_child;		/* the current node has had a subnode already */
};

static int fdt_check_token(const void *fdt, struct fdt_walk *w, u32 tag, int offset)
{
	const char *name;
	int len;

	switch (tag) {
	case FDT_BEGIN_NODE:
		/* One root, at offset 0: the accessors look for it there. */
		if (w->depth == 0 && (w->roots++ || offset != 0))
			return -FDT_ERR_BADSTRUCTURE;
		if (++w->depth > FDT_MAX_DEPTH)
			return -FDT_ERR_BADSTRUCTURE;
		w->had_child = false;
		return 0;
	case FDT_END_NODE:
		if (w->depth-- == 0)
			return -FDT_ERR_BADSTRUCTURE;
		w->had_child = true;
		return 0;
	case FDT_PROP:
		/* Properties belong to a node and come before its subnodes. */
		if (w->depth == 0 || w->had_child)
			return -FDT_ERR_BADSTRUCTURE;
		if (!fdt_getprop_by_offset(fdt, offset, &name, &len))
			return len;
		return 0;
	}
	return 0;
}

static int fdt_check_struct(const void *fdt)
{
	struct fdt_walk w = { 0 };
	int offset = 0, next, err;
	u32 tag;

	for (;;) {
		tag = __fdt_next_tag(fdt, offset, &next);
		if (next < 0)
			return next;
		if (tag == FDT_END)
			return w.depth == 0 && w.roots == 1 ? 0 : -FDT_ERR_BADSTRUCTURE;
		err = fdt_check_token(fdt, &w, tag, offset);
		if (err)
			return err;
		offset = next;
	}
}

/* Reads only what bufsize allows until the header is known to fit. */
static int fdt_check_prefix(const void *fdt, size_t bufsize)
{
	int err;

	if (!fdt)
		return -FDT_ERR_BADMAGIC;
	if ((uintptr_t)fdt % 8)
		return -FDT_ERR_ALIGNMENT;
	if (bufsize < sizeof(fdt32_t))
		return -FDT_ERR_TRUNCATED;
	if (fdt_magic(fdt) != FDT_MAGIC)
		return -FDT_ERR_BADMAGIC;
	if (bufsize < FDT_V16_SIZE)
		return -FDT_ERR_TRUNCATED;
	err = fdt_check_version(fdt);
	if (err)
		return err;
	if (bufsize < fdt_header_size(fdt) || fdt_totalsize(fdt) > bufsize)
		return -FDT_ERR_TRUNCATED;
	return 0;
}

int fdt_check_full(const void *fdt, size_t bufsize)
{
	u32 rsvbytes = 0;
	int err;

	err = fdt_check_prefix(fdt, bufsize);
	if (!err)
		err = fdt_check_header(fdt);
	if (!err)
		err = fdt_check_mem_rsvmap(fdt, &rsvbytes);
	if (!err)
		err = fdt_check_layout(fdt, rsvbytes);
	if (!err)
		err = fdt_check_struct(fdt);
	return err;
}

static const char *const fdt_errtable[] = {
	[0]			= "no error",
	[FDT_ERR_NOTFOUND]	= "node or property not found",
	[FDT_ERR_EXISTS]	= "node or property already exists",
	[FDT_ERR_NOSPACE]	= "no space left in the buffer",
	[FDT_ERR_BADOFFSET]	= "offset is not a node or property, or is out of range",
	[FDT_ERR_BADPATH]	= "badly formatted path or unknown alias",
	[FDT_ERR_BADPHANDLE]	= "invalid phandle",
	[FDT_ERR_BADSTATE]	= "tree is in an unfinished state",
	[FDT_ERR_TRUNCATED]	= "data runs past the end of its block or of the blob",
	[FDT_ERR_BADMAGIC]	= "bad magic number: not a flattened device tree",
	[FDT_ERR_BADVERSION]	= "unsupported device tree version",
	[FDT_ERR_BADSTRUCTURE]	= "bad token or nesting in the structure block",
	[FDT_ERR_BADLAYOUT]	= "blocks of the blob overlap",
	[FDT_ERR_INTERNAL]	= "internal error in the device tree code",
	[FDT_ERR_BADNCELLS]	= "bad #address-cells or #size-cells value",
	[FDT_ERR_BADVALUE]	= "property or reserve entry has a bad value",
	[FDT_ERR_BADOVERLAY]	= "bad overlay",
	[FDT_ERR_NOPHANDLES]	= "no phandles left",
	[FDT_ERR_BADFLAGS]	= "bad flags",
	[FDT_ERR_ALIGNMENT]	= "blob or block is not properly aligned",
};

const char *fdt_strerror(int errval)
{
	unsigned int e = errval < 0 ? -(unsigned int)errval : (unsigned int)errval;

	if (e >= ARRAY_SIZE(fdt_errtable) || !fdt_errtable[e])
		return "unknown device tree error";
	return fdt_errtable[e];
}
