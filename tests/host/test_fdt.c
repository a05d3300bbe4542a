/* Host tests of lib/fdt.c (the libfdt-style reader and fdt_check_full) and drivers/of (early
 * scan, of_numa): QEMU virt trees, hand-built trees, and corrupted copies of both. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/libfdt.h>
#include <linux/of_fdt.h>
#include <linux/of_numa.h>
#include <linux/arch_numa.h>
#include "ktest.h"

#ifndef DTB_DIR
#define DTB_DIR "build/host/dtb"
#endif

/* ---- the hooks drivers/of calls, recorded ------------------------------------------- */

#define MAX_CALLS	64

static struct { u64 base, size; } mem_calls[MAX_CALLS];
static int nr_mem_calls;
static struct { int nid; u64 start, end; } memblk_calls[MAX_CALLS];
static int nr_memblk_calls;
static int distance[MAX_NUMNODES][MAX_NUMNODES];
static int nr_distance_calls;

void early_init_dt_add_memory_arch(u64 base, u64 size)
{
	if (nr_mem_calls < MAX_CALLS) {
		mem_calls[nr_mem_calls].base = base;
		mem_calls[nr_mem_calls].size = size;
	}
	nr_mem_calls++;
}

int numa_add_memblk(int nid, u64 start, u64 end)
{
	if (nr_memblk_calls < MAX_CALLS) {
		memblk_calls[nr_memblk_calls].nid = nid;
		memblk_calls[nr_memblk_calls].start = start;
		memblk_calls[nr_memblk_calls].end = end;
	}
	nr_memblk_calls++;
	node_set(nid, &numa_nodes_parsed);
	return 0;
}

void numa_set_distance(int from, int to, int d)
{
	if (from >= 0 && from < MAX_NUMNODES && to >= 0 && to < MAX_NUMNODES)
		distance[from][to] = d;
	else
		ktest_fail(__FILE__, __LINE__, "numa_set_distance(%d, %d) out of range", from, to);
	nr_distance_calls++;
}

nodemask_t numa_nodes_parsed;
nodemask_t node_states[NR_NODE_STATES];

static void reset_hooks(void)
{
	nr_mem_calls = nr_memblk_calls = nr_distance_calls = 0;
	memset(distance, 0, sizeof(distance));
	nodes_clear(&numa_nodes_parsed);
}

/* ---- blobs ------------------------------------------------------------------------ */

static void put32(u8 *p, u32 off, u32 v)
{
	p[off] = v >> 24;
	p[off + 1] = v >> 16;
	p[off + 2] = v >> 8;
	p[off + 3] = v;
}

static void put64(u8 *p, u32 off, u64 v)
{
	put32(p, off, v >> 32);
	put32(p, off + 4, (u32)v);
}

#define HDR(field)	__builtin_offsetof(struct fdt_header, field)

/* A copy in a buffer of exactly len bytes, so ASan flags any read past it. */
static u8 *dup_exact(const void *src, size_t len)
{
	u8 *p = malloc(len ? len : 1);

	ASSERT_TRUE(p);
	memcpy(p, src, len);
	return p;
}

/* A QEMU tree from DTB_DIR (or $FDT_DTB_DIR), in a buffer of exactly the file's size. */
static u8 *load_dtb(const char *name, size_t *lenp)
{
	const char *dir = getenv("FDT_DTB_DIR") ? getenv("FDT_DTB_DIR") : DTB_DIR;
	char path[512];
	FILE *f;
	long len;
	u8 *p;

	snprintf(path, sizeof(path), "%s/%s.dtb", dir, name);
	f = fopen(path, "rb");
	if (!f)
		ktest_abort(__FILE__, __LINE__, "cannot open %s (make build/host/test_fdt makes it)",
			    path);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	p = malloc(len);
	if (!p || fread(p, 1, len, f) != (size_t)len) {
		fclose(f);
		ktest_abort(__FILE__, __LINE__, "cannot read %s", path);
	}
	fclose(f);
	*lenp = len;
	return p;
}

/*
 * QEMU pads its trees to 1 MiB; the corruption tests want the bytes that matter only.
 * Returns a copy whose totalsize ends with the last block.
 */
static u8 *load_packed(const char *name, size_t *lenp)
{
	size_t len;
	u8 *full = load_dtb(name, &len), *p;
	u32 end = fdt_off_dt_strings(full) + fdt_size_dt_strings(full);
	u32 send = fdt_off_dt_struct(full) + fdt_size_dt_struct(full);

	end = max(end, send);
	p = dup_exact(full, end);
	put32(p, HDR(totalsize), end);
	free(full);
	*lenp = end;
	return p;
}

/* Accepts the tree as initial_boot_params and reads its root cells, as setup_arch does. */
static void use_tree(void *fdt, size_t len)
{
	ASSERT_TRUE(early_init_dt_verify(fdt, len));
	ASSERT_EQ(early_init_dt_scan_root(), 0);
	reset_hooks();
}

static void drop_tree(void *fdt)
{
	if (initial_boot_params == fdt)
		initial_boot_params = NULL;
	free(fdt);
}

/* ---- a small tree builder, for hand-made and malformed trees ------------------------ */

static struct {
	u8 st[1 << 16];		/* structure block */
	u32 st_len;
	char strs[4096];	/* strings block */
	u32 strs_len;
	u64 rsv[8][2];
	int nr_rsv;
	bool raw_rsv;		/* no (0, 0) terminator */
	bool strings_first;	/* strings block before the structure block, which ends the blob */
} fb;

static void fb_reset(void)
{
	memset(&fb, 0, sizeof(fb));
}

static void fb_raw(u32 v)
{
	ASSERT_TRUE(fb.st_len + 4 <= sizeof(fb.st));
	put32(fb.st, fb.st_len, v);
	fb.st_len += 4;
}

static void fb_bytes(const void *p, u32 len)
{
	ASSERT_TRUE(fb.st_len + len + 3 <= sizeof(fb.st));
	memcpy(fb.st + fb.st_len, p, len);
	fb.st_len = ALIGN(fb.st_len + len, 4);
}

static u32 fb_string(const char *s)
{
	u32 len = strlen(s) + 1;

	for (u32 off = 0; off < fb.strs_len; off += strlen(fb.strs + off) + 1)
		if (!strcmp(fb.strs + off, s))
			return off;
	ASSERT_TRUE(fb.strs_len + len <= sizeof(fb.strs));
	memcpy(fb.strs + fb.strs_len, s, len);
	fb.strs_len += len;
	return fb.strs_len - len;
}

static void fb_begin(const char *name)
{
	fb_raw(FDT_BEGIN_NODE);
	fb_bytes(name, strlen(name) + 1);
}

static void fb_end(void)
{
	fb_raw(FDT_END_NODE);
}

static void fb_prop(const char *name, const void *val, u32 len)
{
	fb_raw(FDT_PROP);
	fb_raw(len);
	fb_raw(fb_string(name));
	fb_bytes(val, len);
}

static void fb_prop_str(const char *name, const char *s)
{
	fb_prop(name, s, strlen(s) + 1);
}

/* A property of n big-endian cells. */
static void fb_prop_cells(const char *name, int n, ...)
{
	u8 buf[64];
	va_list ap;

	ASSERT_TRUE(n * 4 <= (int)sizeof(buf));
	va_start(ap, n);
	for (int i = 0; i < n; i++)
		put32(buf, i * 4, va_arg(ap, u32));
	va_end(ap);
	fb_prop(name, buf, n * 4);
}

static void fb_rsv(u64 base, u64 size)
{
	fb.rsv[fb.nr_rsv][0] = base;
	fb.rsv[fb.nr_rsv][1] = size;
	fb.nr_rsv++;
}

/* The blob: header, reserve map, structure block (as written), strings; exact size. */
static u8 *fb_finish_raw(size_t *lenp)
{
	u32 rsv_bytes = (fb.nr_rsv + !fb.raw_rsv) * 16;
	u32 soff = FDT_V17_SIZE + rsv_bytes, toff = soff + fb.st_len;
	u32 total = toff + fb.strs_len;
	u8 *p;

	if (fb.strings_first) {
		toff = soff;
		soff = ALIGN(toff + fb.strs_len, 4);
		total = soff + fb.st_len;
	}
	p = calloc(1, total);

	ASSERT_TRUE(p);
	put32(p, HDR(magic), FDT_MAGIC);
	put32(p, HDR(totalsize), total);
	put32(p, HDR(off_dt_struct), soff);
	put32(p, HDR(off_dt_strings), toff);
	put32(p, HDR(off_mem_rsvmap), FDT_V17_SIZE);
	put32(p, HDR(version), 17);
	put32(p, HDR(last_comp_version), 16);
	put32(p, HDR(size_dt_strings), fb.strs_len);
	put32(p, HDR(size_dt_struct), fb.st_len);
	for (int i = 0; i < fb.nr_rsv; i++) {
		put64(p, FDT_V17_SIZE + i * 16, fb.rsv[i][0]);
		put64(p, FDT_V17_SIZE + i * 16 + 8, fb.rsv[i][1]);
	}
	memcpy(p + soff, fb.st, fb.st_len);
	memcpy(p + toff, fb.strs, fb.strs_len);
	*lenp = total;
	return p;
}

static u8 *fb_finish(size_t *lenp)
{
	fb_raw(FDT_END);
	return fb_finish_raw(lenp);
}

/*
 * The small tree most hand-made cases start from:
 *
 *   / { #address-cells = <2>; #size-cells = <2>; model = "test";
 *       aliases { serial0 = "/pl011@9000000"; };
 *       chosen { bootargs = "root=/dev/vda"; stdout-path = "serial0:115200n8"; };
 *       memory@40000000 { device_type = "memory"; reg = <0 0x40000000 0 0x10000000>;
 *                         numa-node-id = <0>; };
 *       cpus { #address-cells = <1>; #size-cells = <0>;
 *              cpu@0 { device_type = "cpu"; reg = <0>; numa-node-id = <0>; }; };
 *       pl011@9000000 { compatible = "arm,pl011\0arm,primecell";
 *                       reg = <0 0x9000000 0 0x1000>; phandle = <5>; }; };
 */
/* memory@<base> { device_type = "memory"; reg = <0 base 0 size>; numa-node-id = <nid>; }; */
static void fb_memory(u32 base, u32 size, u32 nid)
{
	char name[32];

	snprintf(name, sizeof(name), "memory@%x", base);
	fb_begin(name);
	fb_prop_str("device_type", "memory");
	fb_prop_cells("reg", 4, 0, base, 0, size);
	fb_prop_cells("numa-node-id", 1, nid);
	fb_end();
}

/* cpu@<reg> { device_type = "cpu"; reg = <reg>; numa-node-id = <nid>; }; no id if nid < 0 */
static void fb_cpu(u32 reg, int nid)
{
	char name[32];

	snprintf(name, sizeof(name), "cpu@%x", reg);
	fb_begin(name);
	fb_prop_str("device_type", "cpu");
	fb_prop_cells("reg", 1, reg);
	if (nid >= 0)
		fb_prop_cells("numa-node-id", 1, nid);
	fb_end();
}

static void fb_small_tree_nodes(void)
{
	fb_begin("aliases");
	fb_prop_str("serial0", "/pl011@9000000");
	fb_end();
	fb_begin("chosen");
	fb_prop_str("bootargs", "root=/dev/vda");
	fb_prop_str("stdout-path", "serial0:115200n8");
	fb_end();
	fb_memory(0x40000000, 0x10000000, 0);
	fb_begin("cpus");
	fb_prop_cells("#address-cells", 1, 1);
	fb_prop_cells("#size-cells", 1, 0);
	fb_cpu(0, 0);
	fb_end();
	fb_begin("pl011@9000000");
	fb_prop("compatible", "arm,pl011\0arm,primecell", 24);
	fb_prop_cells("reg", 4, 0, 0x9000000, 0, 0x1000);
	fb_prop_cells("phandle", 1, 5);
	fb_end();
}

static u8 *small_tree(size_t *lenp)
{
	fb_reset();
	fb_begin("");
	fb_prop_cells("#address-cells", 1, 2);
	fb_prop_cells("#size-cells", 1, 2);
	fb_prop_str("model", "test");
	fb_small_tree_nodes();
	fb_end();
	return fb_finish(lenp);
}

/* A root with the given root cells (0: leave the property out), for of-layer cases. */
static void fb_root(u32 ac, u32 sc)
{
	fb_reset();
	fb_begin("");
	if (ac)
		fb_prop_cells("#address-cells", 1, ac);
	if (sc)
		fb_prop_cells("#size-cells", 1, sc);
}

/* ---- walking every accessor over a blob ---------------------------------------------- */

/* What is being walked, for failure messages of the random cases. */
static char walk_ctx[96] = "";
static unsigned long walk_sink;	/* keeps the touched bytes alive */
/* Ancestry checks cost a walk each: random cases do one node in walk_link_every. */
static int walk_link_every = 1, walk_link_phase;

#define WALK_FAIL(fmt, ...) \
	ktest_fail(__FILE__, __LINE__, "%s: " fmt, walk_ctx, ##__VA_ARGS__)

/* Reads every byte of [p, p + len): ASan reports any that lies outside the blob. */
static void touch(const void *p, int len)
{
	const u8 *b = p;

	for (int i = 0; i < len; i++)
		walk_sink += b[i];
}

/* Upper bound on tokens, hence on steps of any walk: a loop beyond it does not end. */
static int walk_limit(const void *fdt)
{
	return fdt_check_header(fdt) ? 64 : (int)(fdt_totalsize(fdt) / 4 + 8);
}

static bool fdt_err_known(int err)
{
	return err < 0 && err >= -FDT_ERR_MAX;
}

static void walk_props(const void *fdt, int node, bool valid)
{
	int off, len, len2, steps = 0;
	const char *name;
	const void *val, *val2;

	fdt_for_each_property_offset(off, fdt, node) {
		if (++steps > walk_limit(fdt)) {
			WALK_FAIL("property walk of node %d does not end", node);
			return;
		}
		val = fdt_getprop_by_offset(fdt, off, &name, &len);
		if (!val) {
			if (valid || !fdt_err_known(len))
				WALK_FAIL("getprop_by_offset(%d): %d", off, len);
			continue;
		}
		touch(val, len);
		touch(name, strlen(name) + 1);
		val2 = fdt_getprop(fdt, node, name, &len2);
		if (valid && !val2)
			WALK_FAIL("fdt_getprop(%d, %s): %d", node, name, len2);
		if (val2)
			touch(val2, len2);
		if (!strcmp(name, "compatible"))
			fdt_stringlist_contains(val, len, "arm,pl011");
	}
	if (off != -FDT_ERR_NOTFOUND && (valid || !fdt_err_known(off)))
		WALK_FAIL("property walk of node %d ended with %d", node, off);
}

static void walk_subnodes(const void *fdt, int node, bool valid)
{
	int child, steps = 0, len;
	const char *name;

	fdt_for_each_subnode(child, fdt, node) {
		if (++steps > walk_limit(fdt)) {
			WALK_FAIL("subnode walk of node %d does not end", node);
			return;
		}
		name = fdt_get_name(fdt, child, &len);
		if (!name) {
			if (valid)
				WALK_FAIL("subnode %d has no name", child);
			continue;
		}
		if (fdt_subnode_offset_namelen(fdt, node, name, len) < 0 && valid)
			WALK_FAIL("subnode %s of %d not found by name", name, node);
	}
}

/* Ancestry and lookups of one node; depth is what the walk counted (-1: unknown). */
static void walk_links(const void *fdt, int node, int depth, bool valid)
{
	int parent = fdt_parent_offset(fdt, node), d = fdt_node_depth(fdt, node);
	u32 phandle = fdt_get_phandle(fdt, node);

	if (valid && depth >= 0 && d != depth)
		WALK_FAIL("node %d: depth %d, walk says %d", node, d, depth);
	if (valid && (node == 0 ? parent != -FDT_ERR_NOTFOUND : parent < 0))
		WALK_FAIL("node %d: parent %d", node, parent);
	if (parent >= 0 && valid && fdt_node_depth(fdt, parent) != d - 1)
		WALK_FAIL("node %d: parent depth", node);
	if (phandle && phandle != ~0U && fdt_node_offset_by_phandle(fdt, phandle) < 0 && valid)
		WALK_FAIL("node %d: phandle %#x not found", node, phandle);
	fdt_node_check_compatible(fdt, node, "arm,pl011");
	fdt_address_cells(fdt, node);
	fdt_size_cells(fdt, node);
}

static void walk_node(const void *fdt, int node, int depth, bool valid, bool links)
{
	int len;
	const char *name = fdt_get_name(fdt, node, &len);

	if (!name) {
		if (valid || !fdt_err_known(len))
			WALK_FAIL("fdt_get_name(%d): %d", node, len);
		return;
	}
	touch(name, len + 1);
	if (name[len] || strlen(name) != (size_t)len)
		WALK_FAIL("fdt_get_name(%d): bad length %d", node, len);
	walk_props(fdt, node, valid);
	walk_subnodes(fdt, node, valid);
	if (links)
		walk_links(fdt, node, depth, valid);
}

static const char *const walk_paths[] = {
	"/", "/chosen", "/chosen/", "//chosen", "/memory", "/memory@40000000", "/cpus/cpu@0",
	"/cpus/cpu", "/intc/v2m", "serial0", "serial0/x", "/nonexistent", "", "nosuch", "/@",
	"/a/b/c/d/e/f/g/h/i/j/k",
};

/* Lookups that do not depend on one node. */
static void walk_global(const void *fdt, bool valid)
{
	int off, steps = 0, n, len;
	u64 a, s;

	for (unsigned int i = 0; i < ARRAY_SIZE(walk_paths); i++)
		fdt_path_offset(fdt, walk_paths[i]);
	fdt_get_alias(fdt, "serial0");
	for (off = fdt_node_offset_by_compatible(fdt, -1, "virtio,mmio"); off >= 0;
	     off = fdt_node_offset_by_compatible(fdt, off, "virtio,mmio"))
		if (++steps > walk_limit(fdt)) {
			WALK_FAIL("compatible walk does not end");
			break;
		}
	n = fdt_num_mem_rsv(fdt);
	if (valid && n < 0)
		WALK_FAIL("fdt_num_mem_rsv: %d", n);
	for (int i = -1; i <= max(n, 0) + 1; i++)
		fdt_get_mem_rsv(fdt, i, &a, &s);
	for (int i = -1; i < 64; i++) {
		const char *str = fdt_get_string(fdt, i, &len);

		if (str)
			touch(str, len + 1);
	}
	fdt_node_offset_by_phandle(fdt, 5);
	fdt_node_offset_by_phandle(fdt, 0x8000);
}

/* Every token, through fdt_next_tag and fdt_offset_ptr. */
static void walk_tags(const void *fdt)
{
	int off = 0, next, steps = 0;
	const void *p;

	for (;;) {
		u32 tag = fdt_next_tag(fdt, off, &next);

		if (next < 0 || tag == FDT_END)
			break;
		if (next <= off || ++steps > walk_limit(fdt)) {
			WALK_FAIL("fdt_next_tag does not advance at %d", off);
			break;
		}
		p = fdt_offset_ptr(fdt, off, next - off);
		if (!p)
			WALK_FAIL("fdt_offset_ptr(%d, %d) refused a token", off, next - off);
		else
			touch(p, next - off);
		off = next;
	}
}

/* The drivers/of layer on the blob, as if early_init_dt_verify had taken it. */
static void walk_of_layer(void *fdt)
{
	static char cmdline[COMMAND_LINE_SIZE];
	void *saved = initial_boot_params;
	const char *path;

	initial_boot_params = fdt;
	early_init_dt_scan_root();
	early_init_dt_scan_memory();
	early_init_dt_scan_chosen(cmdline);
	path = of_get_stdout_path();
	if (path)
		touch(path, strlen(path));
	of_get_stdout_node();
	of_numa_init();
	initial_boot_params = saved;
	reset_hooks();
}

/*
 * Runs every accessor over every node and property (ancestry for the first 64 nodes,
 * or a sample of them, see walk_link_every). On a validated blob everything must succeed; on another, calls
 * may fail but only with -FDT_ERR_* codes, never read outside the blob (ASan) nor loop
 * without end. Returns the number of nodes.
 */
static int walk_all(void *fdt, bool valid)
{
	int node, depth = 0, nodes = 0, limit = walk_limit(fdt);

	for (node = fdt_next_node(fdt, -1, &depth); node >= 0 && depth >= 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		if (++nodes > limit) {
			WALK_FAIL("fdt_next_node does not end");
			break;
		}
		walk_node(fdt, node, depth - 1, valid,
			  nodes <= 64 && (nodes + walk_link_phase) % walk_link_every == 0);
	}
	if (valid && node < 0 && node != -FDT_ERR_NOTFOUND)
		WALK_FAIL("fdt_next_node ended with %d", node);
	for (node = fdt_next_node(fdt, -1, NULL), depth = 0; node >= 0;
	     node = fdt_next_node(fdt, node, NULL))
		if (++depth > limit) {
			WALK_FAIL("fdt_next_node(NULL depth) does not end");
			break;
		}
	walk_global(fdt, valid);
	walk_tags(fdt);
	walk_of_layer(fdt);
	return nodes;
}

/*
 * A copy of a blob the accessors may read without validation: they trust only that
 * totalsize bytes (at least the 8 bytes of magic and totalsize) are readable, so the
 * buffer is stretched (random filler) to a sane totalsize, or totalsize is cut to it.
 */
static u8 *stretch(const u8 *src, size_t len, size_t n)
{
	u8 *p = malloc(n);

	ASSERT_TRUE(p);
	memcpy(p, src, min(len, n));
	for (size_t i = len; i < n; i++)
		p[i] = (u8)ktest_rand();
	return p;
}

static u8 *unvalidated_copy(const u8 *src, size_t len, size_t *outlen)
{
	size_t n = max(len, (size_t)8);
	u8 *p = stretch(src, len, n), *q;
	u32 ts = fdt32_ld(p + 4);

	if (ts > n && ts <= (1u << 22)) {
		q = stretch(p, n, ts);
		free(p);
		p = q;
		n = ts;
	} else if (ts > n) {
		put32(p, HDR(totalsize), n);
	}
	*outlen = n;
	return p;
}

static void walk_unvalidated(const u8 *src, size_t len)
{
	size_t n;
	u8 *p = unvalidated_copy(src, len, &n);

	walk_all(p, false);
	free(p);
}

/* fdt_check_full gives exactly want; then the blob is walked without trust. */
static void expect_check(const u8 *fdt, size_t len, int want, const char *what)
{
	int err = fdt_check_full(fdt, len);

	if (err != want)
		ktest_fail(__FILE__, __LINE__, "%s: fdt_check_full = %d (%s), want %d (%s)",
			   what, err, fdt_strerror(err), want, fdt_strerror(want));
	snprintf(walk_ctx, sizeof(walk_ctx), "%s", what);
	if (!err) {
		u8 *copy = dup_exact(fdt, len);

		walk_all(copy, true);
		free(copy);
	}
	walk_unvalidated(fdt, len);
}

/* A copy of base with one header field set to v, checked as above. */
static void expect_header(const u8 *base, size_t len, u32 field, u32 v, int want)
{
	u8 *p = dup_exact(base, len);
	char what[64];

	put32(p, field, v);
	snprintf(what, sizeof(what), "header field at %u = %#x", field, v);
	expect_check(p, len, want, what);
	free(p);
}

/* ---- QEMU virt trees ------------------------------------------------------------------ */

static const char *const qemu_trees[] = {
	"virt-numa4", "virt-numa4-dist", "virt-gicv3-4g", "virt-initrd",
};

/*
 * Every tree QEMU dumps passes fdt_check_full, has the header QEMU writes (version 17,
 * compatible with 16, boot cpu 0, no reserve entries) and can be walked in full.
 */
static void fdt_check_full_accepts_qemu_trees_check(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(qemu_trees); i++) {
		size_t len;
		u8 *fdt = load_dtb(qemu_trees[i], &len);

		snprintf(walk_ctx, sizeof(walk_ctx), "%s", qemu_trees[i]);
		EXPECT_EQ(fdt_check_full(fdt, len), 0);
		EXPECT_EQ(fdt_magic(fdt), FDT_MAGIC);
		EXPECT_EQ(fdt_totalsize(fdt), len);
		EXPECT_EQ(fdt_version(fdt), 17);
		EXPECT_EQ(fdt_last_comp_version(fdt), 16);
		EXPECT_EQ(fdt_boot_cpuid_phys(fdt), 0);
		EXPECT_TRUE(fdt_off_dt_struct(fdt) >= fdt_off_mem_rsvmap(fdt) + 16);
		EXPECT_TRUE(fdt_off_dt_strings(fdt) >= fdt_off_dt_struct(fdt) + fdt_size_dt_struct(fdt));
		EXPECT_EQ(fdt_num_mem_rsv(fdt), 0);
		EXPECT_TRUE(walk_all(fdt, true) > 40);
		free(fdt);
	}
}

/*
 * Four nodes of 256 MiB: memory@40000000 + n * 0x10000000, numa-node-id n, two address
 * and two size cells. The early scan reports the same four ranges (in tree order).
 */
static void fdt_numa4_memory_nodes_check(void)
{
	size_t len;
	u8 *fdt = load_dtb("virt-numa4", &len);
	char path[64];
	bool seen[4] = { false };

	for (int n = 0; n < 4; n++) {
		u64 base = 0x40000000ULL + n * 0x10000000ULL;
		const u8 *reg, *nid;
		int node, rlen, nlen;

		snprintf(path, sizeof(path), "/memory@%llx", (unsigned long long)base);
		node = fdt_path_offset(fdt, path);
		ASSERT_TRUE(node > 0);
		reg = fdt_getprop(fdt, node, "reg", &rlen);
		nid = fdt_getprop(fdt, node, "numa-node-id", &nlen);
		ASSERT_TRUE(reg && nid);
		EXPECT_EQ(rlen, 16);
		EXPECT_EQ(fdt64_ld(reg), base);
		EXPECT_EQ(fdt64_ld(reg + 8), 0x10000000);
		EXPECT_EQ(nlen, 4);
		EXPECT_EQ(fdt32_ld(nid), n);
		EXPECT_STREQ(fdt_getprop(fdt, node, "device_type", NULL), "memory");
	}
	use_tree(fdt, len);
	EXPECT_EQ(dt_root_addr_cells, 2);
	EXPECT_EQ(dt_root_size_cells, 2);
	EXPECT_EQ(early_init_dt_scan_memory(), 1);
	ASSERT_EQ(nr_mem_calls, 4);
	for (int i = 0; i < 4; i++) {
		u64 n = (mem_calls[i].base - 0x40000000) / 0x10000000;

		ASSERT_TRUE(n < 4 && !seen[n]);
		seen[n] = true;
		EXPECT_EQ(mem_calls[i].base, 0x40000000 + n * 0x10000000);
		EXPECT_EQ(mem_calls[i].size, 0x10000000);
	}
	drop_tree(fdt);
}

/* /cpus: one address cell, no size cells; cpu@n has reg n, numa-node-id n, PSCI enable. */
static void fdt_numa4_cpus_check(void)
{
	size_t len;
	u8 *fdt = load_dtb("virt-numa4", &len);
	int cpus = fdt_path_offset(fdt, "/cpus"), node, n = 0;

	ASSERT_TRUE(cpus > 0);
	EXPECT_EQ(fdt_address_cells(fdt, cpus), 1);
	EXPECT_EQ(fdt_size_cells(fdt, cpus), 0);
	fdt_for_each_subnode(node, fdt, cpus) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		const void *reg, *nid;
		int rlen, nlen;

		if (!type || strcmp(type, "cpu"))
			continue;
		reg = fdt_getprop(fdt, node, "reg", &rlen);
		nid = fdt_getprop(fdt, node, "numa-node-id", &nlen);
		ASSERT_TRUE(reg && nid);
		EXPECT_EQ(rlen, 4);
		EXPECT_EQ(fdt32_ld(reg), n);
		EXPECT_EQ(fdt32_ld(nid), n);
		EXPECT_STREQ(fdt_getprop(fdt, node, "enable-method", NULL), "psci");
		EXPECT_EQ(fdt_node_check_compatible(fdt, node, "arm,cortex-a57"), 0);
		n++;
	}
	EXPECT_EQ(n, 4);
	free(fdt);
}

/* The PSCI node is found by any of its compatibles and says "hvc". */
static void fdt_psci_method_check(void)
{
	size_t len;
	u8 *fdt = load_dtb("virt-numa4", &len);
	int node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci-0.2"), mlen;
	const char *method;

	ASSERT_TRUE(node > 0);
	EXPECT_EQ(fdt_node_offset_by_compatible(fdt, -1, "arm,psci-1.0"), node);
	EXPECT_EQ(fdt_node_offset_by_compatible(fdt, node, "arm,psci"), -FDT_ERR_NOTFOUND);
	EXPECT_STREQ(fdt_get_name(fdt, node, NULL), "psci");
	EXPECT_EQ(fdt_node_check_compatible(fdt, node, "arm,psci"), 0);
	EXPECT_EQ(fdt_node_check_compatible(fdt, node, "arm,psci-2.0"), 1);
	EXPECT_EQ(fdt_node_check_compatible(fdt, 0, "arm,psci"), 1);
	method = fdt_getprop(fdt, node, "method", &mlen);
	EXPECT_STREQ(method, "hvc");
	EXPECT_EQ(mlen, 4);
	free(fdt);
}

/* stdout-path is "/pl011@9000000"; the node it names is a PL011 at 0x9000000. */
static void fdt_stdout_path_check(void)
{
	size_t len;
	u8 *fdt = load_dtb("virt-numa4", &len);
	const __be32 *reg;
	int node, rlen;

	use_tree(fdt, len);
	EXPECT_STREQ(of_get_stdout_path(), "/pl011@9000000");
	node = of_get_stdout_node();
	EXPECT_EQ(node, fdt_path_offset(fdt, "/pl011@9000000"));
	ASSERT_TRUE(node > 0);
	EXPECT_EQ(fdt_node_check_compatible(fdt, node, "arm,pl011"), 0);
	EXPECT_EQ(of_flat_dt_is_compatible(node, "arm,primecell"), 2);
	reg = of_get_flat_dt_prop(node, "reg", &rlen);
	ASSERT_TRUE(reg);
	EXPECT_EQ(rlen, (dt_root_addr_cells + dt_root_size_cells) * 4);
	EXPECT_EQ(dt_mem_next_cell(dt_root_addr_cells, &reg), 0x9000000);
	EXPECT_EQ(dt_mem_next_cell(dt_root_size_cells, &reg), 0x1000);
	drop_tree(fdt);
}

/* /chosen bootargs reach the command line; no initrd on this machine. */
static void fdt_bootargs_check(void)
{
	static char cmdline[COMMAND_LINE_SIZE];
	size_t len;
	u8 *fdt = load_dtb("virt-numa4", &len);

	use_tree(fdt, len);
	phys_initrd_start = 1;
	phys_initrd_size = 1;
	EXPECT_EQ(early_init_dt_scan_chosen(cmdline), 0);
	EXPECT_STREQ(cmdline, "console=ttyAMA0 loglevel=8");
	EXPECT_EQ(phys_initrd_size, 0);
	EXPECT_EQ(phys_initrd_start, 0);
	drop_tree(fdt);
}

/* GICv2 on the default machine, GICv3 with gic-version=3; never both. */
static void fdt_gic_compatible_check(void)
{
	size_t len;
	u8 *v2 = load_dtb("virt-numa4", &len), *v3 = load_dtb("virt-gicv3-4g", &len);
	int n2 = fdt_node_offset_by_compatible(v2, -1, "arm,cortex-a15-gic");
	int n3 = fdt_node_offset_by_compatible(v3, -1, "arm,gic-v3");

	ASSERT_TRUE(n2 > 0 && n3 > 0);
	EXPECT_STREQ(fdt_get_name(v2, n2, NULL), "intc@8000000");
	EXPECT_STREQ(fdt_get_name(v3, n3, NULL), "intc@8000000");
	EXPECT_EQ(fdt_node_offset_by_compatible(v2, -1, "arm,gic-v3"), -FDT_ERR_NOTFOUND);
	EXPECT_EQ(fdt_node_offset_by_compatible(v3, -1, "arm,cortex-a15-gic"), -FDT_ERR_NOTFOUND);
	EXPECT_NE(fdt_getprop(v2, n2, "interrupt-controller", NULL), NULL);
	EXPECT_EQ(fdt_path_offset(v3, "/intc"), n3);
	free(v2);
	free(v3);
}

/* One cpu and 4 GiB: one memory node, reg 0x40000000 size 0x100000000, one scan call. */
static void fdt_gicv3_4g_memory_check(void)
{
	size_t len;
	u8 *fdt = load_dtb("virt-gicv3-4g", &len);
	int cpus, node, n = 0;

	use_tree(fdt, len);
	EXPECT_EQ(early_init_dt_scan_memory(), 1);
	ASSERT_EQ(nr_mem_calls, 1);
	EXPECT_EQ(mem_calls[0].base, 0x40000000);
	EXPECT_EQ(mem_calls[0].size, 0x100000000ULL);
	cpus = fdt_path_offset(fdt, "/cpus");
	fdt_for_each_subnode(node, fdt, cpus)
		n += !strncmp(fdt_get_name(fdt, node, NULL), "cpu@", 4);
	EXPECT_EQ(n, 1);
	EXPECT_EQ(fdt_path_offset(fdt, "/cpus/cpu@1"), -FDT_ERR_NOTFOUND);
	drop_tree(fdt);
}

/*
 * With -initrd, /chosen names the 12345-byte image: size exact, start page aligned in
 * RAM (QEMU 7.2 puts it at 0x48000000).
 */
static void fdt_initrd_range_check(void)
{
	static char cmdline[COMMAND_LINE_SIZE];
	size_t len;
	u8 *fdt = load_dtb("virt-initrd", &len);

	use_tree(fdt, len);
	EXPECT_EQ(early_init_dt_scan_chosen(cmdline), 0);
	EXPECT_EQ(phys_initrd_size, 12345);
	EXPECT_EQ(phys_initrd_start % 4096, 0);
	EXPECT_TRUE(phys_initrd_start >= 0x40000000 && phys_initrd_start < 0x80000000);
	EXPECT_STREQ(cmdline, "console=ttyAMA0 loglevel=8");
	drop_tree(fdt);
}

/*
 * of_numa_init on the four-node tree: four memory blocks on nodes 0..3, all four nodes
 * parsed, and no distances (QEMU writes no map without -numa dist).
 */
static void of_numa_init_numa4_check(void)
{
	size_t len;
	u8 *fdt = load_dtb("virt-numa4", &len);

	use_tree(fdt, len);
	EXPECT_EQ(of_numa_init(), 0);
	ASSERT_EQ(nr_memblk_calls, 4);
	for (int i = 0; i < 4; i++) {
		int nid = memblk_calls[i].nid;

		EXPECT_EQ(memblk_calls[i].start, 0x40000000 + nid * 0x10000000ULL);
		EXPECT_EQ(memblk_calls[i].end, 0x50000000 + nid * 0x10000000ULL);
	}
	EXPECT_EQ(numa_nodes_parsed.bits[0], 0xf);
	EXPECT_EQ(nr_distance_calls, 0);
	drop_tree(fdt);
}

/*
 * A cpu's numa-node-id alone makes its node parsed (a memoryless node), as in Linux:
 *   / { memory@40000000 { numa-node-id = <0>; reg = <0 0x40000000 0 0x10000000>; };
 *       memory@50000000 { numa-node-id = <1>; reg = <0 0x50000000 0 0>; };
 *       cpus { numa-node-id = <3>;
 *              cpu@0 { reg = <0>; numa-node-id = <2>; };
 *              cpu@1 { reg = <1>; }; }; };
 * Nodes 0 (memory), 1 (memory of size 0) and 2 (a cpu) are parsed; node 3 is named by
 * /cpus only, not a cpu node. of_node_to_nid: cpu@0 -> 2, cpu@1 inherits 3 from /cpus
 * once node 3 is possible, NUMA_NO_NODE before.
 */
static void of_numa_memoryless_nodes_check(void)
{
	size_t len;
	u8 *fdt;
	int cpu0, cpu1;

	fb_root(2, 2);
	fb_memory(0x40000000, 0x10000000, 0);
	fb_memory(0x50000000, 0, 1);
	fb_begin("cpus");
	fb_prop_cells("#address-cells", 1, 1);
	fb_prop_cells("#size-cells", 1, 0);
	fb_prop_cells("numa-node-id", 1, 3);
	fb_cpu(0, 2);
	fb_cpu(1, -1);
	fb_end();
	fb_end();
	fdt = fb_finish(&len);
	use_tree(fdt, len);
	EXPECT_EQ(of_numa_init(), 0);
	EXPECT_EQ(numa_nodes_parsed.bits[0], 0x7);
	cpu0 = fdt_path_offset(fdt, "/cpus/cpu@0");
	cpu1 = fdt_path_offset(fdt, "/cpus/cpu@1");
	node_states[N_POSSIBLE] = numa_nodes_parsed;
	EXPECT_EQ(of_node_to_nid(cpu0), 2);
	EXPECT_EQ(of_node_to_nid(cpu1), NUMA_NO_NODE);
	node_set(3, &node_states[N_POSSIBLE]);
	EXPECT_EQ(of_node_to_nid(cpu1), 3);
	EXPECT_EQ(of_node_to_nid(0), NUMA_NO_NODE);
	nodes_clear(&node_states[N_POSSIBLE]);
	drop_tree(fdt);
}

/*
 * With -numa dist: the distance-matrix holds all 16 pairs, distance 10 + 10 * |a - b|;
 * each entry is set, and each a < b entry also sets b -> a (16 + 6 calls).
 */
static void of_numa_init_distance_map_check(void)
{
	size_t len;
	u8 *fdt = load_dtb("virt-numa4-dist", &len);

	use_tree(fdt, len);
	EXPECT_EQ(of_numa_init(), 0);
	EXPECT_EQ(nr_distance_calls, 22);
	for (int a = 0; a < 4; a++)
		for (int b = 0; b < 4; b++)
			EXPECT_EQ(distance[a][b], 10 + 10 * abs(a - b));
	EXPECT_EQ(nr_memblk_calls, 4);
	drop_tree(fdt);
}

/* Ancestry: /intc@8000000/v2m@8020000 is at depth 2 under the GIC, under the root. */
static void fdt_parent_and_depth_check(void)
{
	size_t len;
	u8 *fdt = load_dtb("virt-numa4", &len);
	int intc = fdt_path_offset(fdt, "/intc@8000000");
	int v2m = fdt_path_offset(fdt, "/intc@8000000/v2m@8020000");
	int core = fdt_path_offset(fdt, "/cpus/cpu-map/socket0/cluster0/core0");

	ASSERT_TRUE(intc > 0 && v2m > intc && core > 0);
	EXPECT_EQ(fdt_parent_offset(fdt, v2m), intc);
	EXPECT_EQ(fdt_parent_offset(fdt, intc), 0);
	EXPECT_EQ(fdt_parent_offset(fdt, 0), -FDT_ERR_NOTFOUND);
	EXPECT_EQ(fdt_node_depth(fdt, v2m), 2);
	EXPECT_EQ(fdt_node_depth(fdt, core), 5);
	EXPECT_EQ(fdt_supernode_atdepth_offset(fdt, core, 1, NULL), fdt_path_offset(fdt, "/cpus"));
	EXPECT_EQ(fdt_supernode_atdepth_offset(fdt, core, 6, NULL), -FDT_ERR_NOTFOUND);
	EXPECT_EQ(fdt_parent_offset(fdt, v2m + 4), -FDT_ERR_BADOFFSET);
	free(fdt);
}

/*
 * Phandles: the root's interrupt-parent is the GIC's phandle; cpu-map core0 points at
 * cpu@0. 0 and ~0 are not phandles; an unused value is not found.
 */
static void fdt_phandle_check(void)
{
	size_t len;
	u8 *fdt = load_dtb("virt-numa4", &len);
	const void *ip = fdt_getprop(fdt, 0, "interrupt-parent", NULL);
	int core = fdt_path_offset(fdt, "/cpus/cpu-map/socket0/cluster0/core0");
	const void *cpu = fdt_getprop(fdt, core, "cpu", NULL);

	ASSERT_TRUE(ip && cpu);
	EXPECT_EQ(fdt_node_offset_by_phandle(fdt, fdt32_ld(ip)), fdt_path_offset(fdt, "/intc"));
	EXPECT_EQ(fdt_node_offset_by_phandle(fdt, fdt32_ld(cpu)), fdt_path_offset(fdt, "/cpus/cpu@0"));
	EXPECT_EQ(fdt_get_phandle(fdt, fdt_path_offset(fdt, "/intc")), fdt32_ld(ip));
	EXPECT_EQ(fdt_get_phandle(fdt, 0), 0);
	EXPECT_EQ(fdt_node_offset_by_phandle(fdt, 0), -FDT_ERR_BADPHANDLE);
	EXPECT_EQ(fdt_node_offset_by_phandle(fdt, ~0U), -FDT_ERR_BADPHANDLE);
	EXPECT_EQ(fdt_node_offset_by_phandle(fdt, 0x1234), -FDT_ERR_NOTFOUND);
	free(fdt);
}

static int count_depth1(unsigned long node, const char *uname, int depth, void *data)
{
	int *counts = data;

	counts[0]++;
	counts[1] += depth == 1;
	counts[2] = max(counts[2], depth);
	if (depth == 0 && strcmp(uname, ""))
		counts[3]++;
	return 0;
}

/*
 * Root children counted three ways agree (subnode iterator, of_scan_flat_dt at depth 1,
 * of_scan_flat_dt_subnodes); 32 virtio-mmio slots are found by compatible.
 */
static void fdt_subnode_iteration_check(void)
{
	size_t len;
	u8 *fdt = load_dtb("virt-numa4", &len);
	int node, children = 0, virtio = 0, counts[4] = { 0 };

	use_tree(fdt, len);
	fdt_for_each_subnode(node, fdt, 0)
		children++;
	EXPECT_EQ(of_scan_flat_dt(count_depth1, counts), 0);
	EXPECT_EQ(counts[1], children);
	EXPECT_EQ(counts[2], 5);	/* /cpus/cpu-map/socket0/cluster0/coreN */
	EXPECT_EQ(counts[3], 0);	/* the root is "" */
	EXPECT_EQ(counts[0], walk_all(fdt, true));
	for (node = fdt_node_offset_by_compatible(fdt, -1, "virtio,mmio"); node >= 0;
	     node = fdt_node_offset_by_compatible(fdt, node, "virtio,mmio"))
		virtio++;
	EXPECT_EQ(virtio, 32);
	drop_tree(fdt);
}

/*
 * Paths: "name" finds the first "name@unit" child (libfdt's rule); a partial unit never
 * matches; slashes repeat freely; a relative path needs an alias (none in QEMU's tree).
 */
static void fdt_path_unit_address_check(void)
{
	size_t len;
	u8 *fdt = load_dtb("virt-numa4", &len);
	int first_mem = -1, node;

	fdt_for_each_subnode(node, fdt, 0)
		if (first_mem < 0 && !strncmp(fdt_get_name(fdt, node, NULL), "memory@", 7))
			first_mem = node;
	EXPECT_EQ(fdt_path_offset(fdt, "/memory"), first_mem);
	EXPECT_TRUE(fdt_path_offset(fdt, "/memory@40000000") > 0);
	EXPECT_EQ(fdt_path_offset(fdt, "/memory@4"), -FDT_ERR_NOTFOUND);
	EXPECT_EQ(fdt_path_offset(fdt, "/cpus/cpu"), fdt_path_offset(fdt, "/cpus/cpu@0"));
	EXPECT_EQ(fdt_path_offset(fdt, "/chosen/"), fdt_path_offset(fdt, "/chosen"));
	EXPECT_EQ(fdt_path_offset(fdt, "//chosen"), fdt_path_offset(fdt, "/chosen"));
	EXPECT_EQ(fdt_path_offset(fdt, "/"), 0);
	EXPECT_EQ(fdt_path_offset(fdt, "/nonexistent"), -FDT_ERR_NOTFOUND);
	EXPECT_EQ(fdt_path_offset(fdt, "/chosen/nothing"), -FDT_ERR_NOTFOUND);
	EXPECT_EQ(fdt_path_offset(fdt, "chosen"), -FDT_ERR_BADPATH);
	EXPECT_EQ(fdt_path_offset(fdt, ""), -FDT_ERR_BADPATH);
	EXPECT_EQ(fdt_path_offset_namelen(fdt, "/chosenXYZ", 7), fdt_path_offset(fdt, "/chosen"));
	EXPECT_EQ(fdt_subnode_offset(fdt, 0, "psci"), fdt_path_offset(fdt, "/psci"));
	free(fdt);
}

/*
 * A name given with its own "@unit" must match the whole node name: "/x@1" does not
 * find "x@1@2", while "/x" and "/x@1@2" do.
 */
static void fdt_path_unit_in_name_check(void)
{
	size_t len;
	u8 *fdt;
	int node;

	fb_root(2, 2);
	fb_begin("x@1@2");
	fb_end();
	fb_end();
	fdt = fb_finish(&len);
	node = fdt_path_offset(fdt, "/x@1@2");
	EXPECT_TRUE(node > 0);
	EXPECT_EQ(fdt_path_offset(fdt, "/x"), node);
	EXPECT_EQ(fdt_path_offset(fdt, "/x@1"), -FDT_ERR_NOTFOUND);
	EXPECT_EQ(fdt_path_offset(fdt, "/x@"), -FDT_ERR_NOTFOUND);
	free(fdt);
}

/* Strings before the structure block is a layout as good as dtc's. */
static void fdt_strings_first_layout_check(void)
{
	size_t len;
	u8 *fdt;

	fb_reset();
	fb.strings_first = true;
	fb_begin("");
	fb_prop_str("model", "strings first");
	fb_begin("chosen");
	fb_prop_str("bootargs", "x");
	fb_end();
	fb_end();
	fdt = fb_finish(&len);
	expect_check(fdt, len, 0, "strings first");
	EXPECT_STREQ(fdt_getprop(fdt, 0, "model", NULL), "strings first");
	EXPECT_TRUE(fdt_off_dt_strings(fdt) < fdt_off_dt_struct(fdt));
	free(fdt);
}

/* The root's five properties, in order, by offset and by name. */
static void fdt_property_iteration_check(void)
{
	static const char *const names[] = {
		"interrupt-parent", "model", "#size-cells", "#address-cells", "compatible",
	};
	size_t len;
	u8 *fdt = load_dtb("virt-numa4", &len);
	unsigned int n = 0;
	int off, plen;

	fdt_for_each_property_offset(off, fdt, 0) {
		const char *name;
		const void *val = fdt_getprop_by_offset(fdt, off, &name, &plen);

		ASSERT_TRUE(val && n < ARRAY_SIZE(names));
		EXPECT_STREQ(name, names[n]);
		EXPECT_EQ(fdt_getprop(fdt, 0, name, NULL), val);
		n++;
	}
	EXPECT_EQ(off, -FDT_ERR_NOTFOUND);
	EXPECT_EQ(n, ARRAY_SIZE(names));
	EXPECT_STREQ(fdt_getprop(fdt, 0, "model", &plen), "linux,dummy-virt");
	EXPECT_EQ(plen, 17);
	EXPECT_EQ(fdt_getprop(fdt, 0, "nope", &plen), NULL);
	EXPECT_EQ(plen, -FDT_ERR_NOTFOUND);
	free(fdt);
}

/* ---- hand-built trees: accessors ----------------------------------------------------- */

/* The small tree passes fdt_check_full and walks; its facts read back. */
static void fdt_small_tree_check(void)
{
	size_t len;
	u8 *fdt = small_tree(&len);
	int pl011 = fdt_path_offset(fdt, "/pl011@9000000");

	EXPECT_EQ(fdt_check_full(fdt, len), 0);
	EXPECT_EQ(walk_all(fdt, true), 7);
	EXPECT_EQ(fdt_node_offset_by_phandle(fdt, 5), pl011);
	EXPECT_STREQ(fdt_getprop(fdt, 0, "model", NULL), "test");
	EXPECT_EQ(fdt_path_offset(fdt, "/memory"), fdt_path_offset(fdt, "/memory@40000000"));
	free(fdt);
}

/*
 * #address-cells defaults to 2 and #size-cells to 1 when absent (libfdt); 0 address
 * cells, more than 4, or a property that is not one cell are BADNCELLS; 0 size cells is
 * fine.
 */
static void fdt_address_cells_check(void)
{
	static const struct { u32 len, ac, sc; int want_ac, want_sc; } cases[] = {
		{ 0, 0, 0, 2, 1 },
		{ 4, 1, 0, 1, 0 },
		{ 4, 0, 0, -FDT_ERR_BADNCELLS, 0 },
		{ 4, 5, 5, -FDT_ERR_BADNCELLS, -FDT_ERR_BADNCELLS },
		{ 4, 4, 4, 4, 4 },
		{ 8, 1, 1, -FDT_ERR_BADNCELLS, -FDT_ERR_BADNCELLS },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		u8 val[8] = { 0 };
		size_t len;
		u8 *fdt;

		fb_reset();
		fb_begin("");
		if (cases[i].len) {
			put32(val, 0, cases[i].ac);
			fb_prop("#address-cells", val, cases[i].len);
			put32(val, 0, cases[i].sc);
			fb_prop("#size-cells", val, cases[i].len);
		}
		fb_end();
		fdt = fb_finish(&len);
		EXPECT_EQ(fdt_check_full(fdt, len), 0);
		EXPECT_EQ(fdt_address_cells(fdt, 0), cases[i].want_ac);
		EXPECT_EQ(fdt_size_cells(fdt, 0), cases[i].want_sc);
		free(fdt);
	}
}

/* A string list of exactly listlen bytes (no NUL after it) in its own allocation. */
static int list_contains(const char *list, int listlen, const char *s)
{
	char *p = (char *)dup_exact(list, listlen);
	int r = fdt_stringlist_contains(p, listlen, s);

	free(p);
	return r;
}

/*
 * Whole entries only; an unterminated tail never matches and is never read past, even
 * when its length equals the string's; empty and negative lengths hold nothing.
 */
static void fdt_stringlist_contains_check(void)
{
	EXPECT_EQ(list_contains("a\0bc", 5, "bc"), 1);
	EXPECT_EQ(list_contains("a\0bc", 5, "a"), 1);
	EXPECT_EQ(list_contains("a\0bc", 5, "b"), 0);
	EXPECT_EQ(list_contains("a\0bc", 5, "abc"), 0);
	EXPECT_EQ(list_contains("ab", 2, "ab"), 0);
	EXPECT_EQ(list_contains("ab", 2, "a"), 0);
	EXPECT_EQ(list_contains("a\0\0b", 5, ""), 1);
	EXPECT_EQ(list_contains("a", 2, ""), 0);
	EXPECT_EQ(list_contains("x", 0, "x"), 0);
	EXPECT_EQ(fdt_stringlist_contains("x", -1, "x"), 0);
	EXPECT_EQ(fdt_stringlist_contains(NULL, 4, "x"), 0);
}

/*
 * Reserve map: two entries before the (0, 0) terminator; entry n reads back, the
 * terminator itself is entry 2, and -1 is refused.
 */
static void fdt_mem_rsv_check(void)
{
	size_t len;
	u8 *fdt;
	u64 a, s;

	fb_reset();
	fb_rsv(0x48000000, 0x1000);
	fb_rsv(0x100000000ULL, 0x200000);
	fb_begin("");
	fb_end();
	fdt = fb_finish(&len);
	EXPECT_EQ(fdt_check_full(fdt, len), 0);
	EXPECT_EQ(fdt_num_mem_rsv(fdt), 2);
	EXPECT_EQ(fdt_get_mem_rsv(fdt, 0, &a, &s), 0);
	EXPECT_EQ(a, 0x48000000);
	EXPECT_EQ(s, 0x1000);
	EXPECT_EQ(fdt_get_mem_rsv(fdt, 1, &a, &s), 0);
	EXPECT_EQ(a, 0x100000000ULL);
	EXPECT_EQ(s, 0x200000);
	EXPECT_EQ(fdt_get_mem_rsv(fdt, 2, &a, &s), 0);
	EXPECT_EQ(s, 0);
	EXPECT_EQ(fdt_get_mem_rsv(fdt, -1, &a, &s), -FDT_ERR_BADOFFSET);
	EXPECT_EQ(fdt_get_mem_rsv(fdt, 1 << 20, &a, &s), -FDT_ERR_BADOFFSET);
	free(fdt);
}

/*
 * stdout-path "serial0:115200n8": the options go, the alias resolves through /aliases;
 * an alias must be a NUL-terminated absolute path, else the lookup is BADPATH; an
 * unterminated stdout-path is no stdout-path.
 */
static void fdt_alias_stdout_check(void)
{
	size_t len;
	u8 *fdt = small_tree(&len);
	int pl011 = fdt_path_offset(fdt, "/pl011@9000000");

	use_tree(fdt, len);
	EXPECT_STREQ(of_get_stdout_path(), "serial0");
	EXPECT_EQ(of_get_stdout_node(), pl011);
	EXPECT_EQ(fdt_path_offset(fdt, "serial0"), pl011);
	EXPECT_EQ(fdt_path_offset(fdt, "serial1"), -FDT_ERR_BADPATH);
	EXPECT_EQ(fdt_path_offset(fdt, "serial0/none"), -FDT_ERR_NOTFOUND);
	EXPECT_STREQ(fdt_get_alias(fdt, "serial0"), "/pl011@9000000");
	drop_tree(fdt);

	fb_reset();
	fb_begin("");
	fb_begin("aliases");
	fb_prop_str("rel", "chosen");
	fb_prop("unterminated", "/chosen", 7);
	fb_end();
	fb_begin("chosen");
	fb_prop("stdout-path", "serial0", 7);
	fb_end();
	fb_end();
	fdt = fb_finish(&len);
	EXPECT_EQ(fdt_check_full(fdt, len), 0);
	EXPECT_EQ(fdt_path_offset(fdt, "rel"), -FDT_ERR_BADPATH);
	EXPECT_EQ(fdt_path_offset(fdt, "unterminated"), -FDT_ERR_BADPATH);
	use_tree(fdt, len);
	EXPECT_EQ(of_get_stdout_path(), NULL);
	EXPECT_EQ(of_get_stdout_node(), -FDT_ERR_NOTFOUND);
	drop_tree(fdt);
}

/*
 * Every accessor refuses offsets that are not its kind of token, with the libfdt error,
 * and reads nothing outside the blob doing so.
 */
static void fdt_accessors_bad_offsets_check(void)
{
	static const int offs[] = { -8, -1, 1, 2, 3, 4, 0x7ffffffc, 1 << 20 };
	size_t len;
	u8 *fdt = small_tree(&len);
	int prop = fdt_first_property_offset(fdt, 0), plen;
	const char *name;

	EXPECT_EQ(fdt_get_name(fdt, prop, &plen), NULL);
	EXPECT_EQ(plen, -FDT_ERR_BADOFFSET);
	EXPECT_EQ(fdt_getprop(fdt, prop, "model", &plen), NULL);
	EXPECT_EQ(plen, -FDT_ERR_BADOFFSET);
	EXPECT_EQ(fdt_getprop_by_offset(fdt, 0, &name, &plen), NULL);
	EXPECT_EQ(plen, -FDT_ERR_BADOFFSET);
	EXPECT_EQ(fdt_next_property_offset(fdt, 0), -FDT_ERR_BADOFFSET);
	for (unsigned int i = 0; i < ARRAY_SIZE(offs); i++) {
		int o = offs[i];

		EXPECT_EQ(fdt_get_name(fdt, o, NULL), NULL);
		EXPECT_EQ(fdt_next_node(fdt, o, NULL), o < 0 ? 0 : -FDT_ERR_BADOFFSET);
		EXPECT_EQ(fdt_first_property_offset(fdt, o), -FDT_ERR_BADOFFSET);
		EXPECT_EQ(fdt_getprop_by_offset(fdt, o, NULL, NULL), NULL);
		EXPECT_TRUE(fdt_parent_offset(fdt, o) < 0);
		EXPECT_TRUE(fdt_subnode_offset(fdt, o, "chosen") < 0);
		if (o < 0 || o >= 1 << 20) {
			EXPECT_EQ(fdt_get_string(fdt, o, NULL), NULL);
			EXPECT_EQ(fdt_offset_ptr(fdt, o, 4), NULL);
		}
	}
	EXPECT_STREQ(fdt_get_string(fdt, 0, &plen), "#address-cells");
	EXPECT_EQ(plen, 14);
	EXPECT_EQ(fdt_offset_ptr(fdt, 0, fdt_size_dt_struct(fdt) + 1), NULL);
	EXPECT_EQ(fdt_get_name(NULL, 0, &plen), NULL);
	EXPECT_EQ(plen, -FDT_ERR_BADMAGIC);
	EXPECT_EQ(fdt_path_offset(fdt + 4, "/"), -FDT_ERR_ALIGNMENT);
	free(fdt);
}

/* Every error has its own sentence; unknown codes and INT_MIN get a generic one. */
static void fdt_strerror_check(void)
{
	for (int i = 0; i <= FDT_ERR_MAX; i++) {
		ASSERT_TRUE(fdt_strerror(-i) && fdt_strerror(i));
		EXPECT_STREQ(fdt_strerror(-i), fdt_strerror(i));
		for (int j = 0; j < i; j++)
			EXPECT_TRUE(strcmp(fdt_strerror(-i), fdt_strerror(-j)) != 0);
	}
	EXPECT_STREQ(fdt_strerror(-100), "unknown device tree error");
	EXPECT_STREQ(fdt_strerror(INT_MIN), "unknown device tree error");
	EXPECT_TRUE(strstr(fdt_strerror(-FDT_ERR_BADMAGIC), "magic") != NULL);
}

/* ---- hand-built trees: the drivers/of layer -------------------------------------------- */

static int stop_at_depth2(unsigned long node, const char *uname, int depth, void *data)
{
	++*(int *)data;
	return depth == 2 ? 42 : 0;
}

static int count_child(unsigned long node, const char *uname, void *data)
{
	++*(int *)data;
	return 0;
}

/*
 * of_scan_flat_dt stops at the first non-zero return and passes it up; subnode scans
 * cover direct children only; names resolve with or without "@unit".
 */
static void of_scan_flat_dt_check(void)
{
	size_t len;
	u8 *fdt = small_tree(&len);
	int n = 0;

	use_tree(fdt, len);
	EXPECT_EQ(of_scan_flat_dt(stop_at_depth2, &n), 42);
	EXPECT_EQ(n, 6);	/* /, aliases, chosen, memory@40000000, cpus, cpu@0 */
	n = 0;
	EXPECT_EQ(of_scan_flat_dt_subnodes(of_get_flat_dt_root(), count_child, &n), 0);
	EXPECT_EQ(n, 5);
	EXPECT_EQ(of_get_flat_dt_subnode_by_name(0, "memory"),
		  fdt_path_offset(fdt, "/memory@40000000"));
	EXPECT_EQ(of_get_flat_dt_subnode_by_name(0, "nothing"), -FDT_ERR_NOTFOUND);
	EXPECT_EQ(of_get_flat_dt_phandle(fdt_path_offset(fdt, "/pl011")), 5);
	drop_tree(fdt);
	EXPECT_EQ(of_scan_flat_dt(stop_at_depth2, &n), 0);
	EXPECT_EQ(of_get_flat_dt_prop(0, "model", NULL), NULL);
}

/* of_flat_dt_is_compatible gives the position in the list (1-based), 0 when absent. */
static void of_flat_dt_is_compatible_check(void)
{
	size_t len;
	u8 *fdt = small_tree(&len);
	int pl011 = fdt_path_offset(fdt, "/pl011@9000000");

	use_tree(fdt, len);
	EXPECT_EQ(of_flat_dt_is_compatible(pl011, "arm,pl011"), 1);
	EXPECT_EQ(of_flat_dt_is_compatible(pl011, "arm,primecell"), 2);
	EXPECT_EQ(of_flat_dt_is_compatible(pl011, "arm,pl01"), 0);
	EXPECT_EQ(of_flat_dt_is_compatible(0, "arm,pl011"), 0);
	drop_tree(fdt);
}

/* dt_mem_next_cell reads s cells big-endian and moves the cursor past them. */
static void dt_mem_next_cell_check(void)
{
	u8 raw[16];
	const __be32 *p = (const __be32 *)raw;

	put32(raw, 0, 0x12345678);
	put32(raw, 4, 0x1);
	put32(raw, 8, 0x9abcdef0);
	put32(raw, 12, 0xffffffff);
	EXPECT_EQ(dt_mem_next_cell(1, &p), 0x12345678);
	EXPECT_EQ(dt_mem_next_cell(2, &p), 0x19abcdef0ULL);
	EXPECT_EQ(dt_mem_next_cell(1, &p), 0xffffffff);
	EXPECT_EQ((const u8 *)p, raw + 16);
	EXPECT_EQ(of_read_number((const __be32 *)raw, 0), 0);
}

/* Root cells: Linux's 1/1 when absent, 2/2 as written; 3 or a two-cell value is refused. */
static void early_init_dt_scan_root_check(void)
{
	static const struct { u32 ac, sc; int ret, want_ac, want_sc; } cases[] = {
		{ 0, 0, 0, 1, 1 }, { 2, 2, 0, 2, 2 }, { 1, 2, 0, 1, 2 },
		{ 3, 2, -EINVAL, 1, 1 }, { 2, 3, -EINVAL, 1, 1 },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		size_t len;
		u8 *fdt;

		fb_root(cases[i].ac, cases[i].sc);
		fb_end();
		fdt = fb_finish(&len);
		ASSERT_TRUE(early_init_dt_verify(fdt, len));
		EXPECT_EQ(early_init_dt_scan_root(), cases[i].ret);
		EXPECT_EQ(dt_root_addr_cells, cases[i].want_ac);
		EXPECT_EQ(dt_root_size_cells, cases[i].want_sc);
		drop_tree(fdt);
	}
}

/*
 * The memory scan, root cells 1/1:
 *
 *   memory@0      reg <0 0x1000  0x2000 0  0x4000 0x1000>   -> (0, 0x1000), (0x4000, 0x1000)
 *   memory@10000  status "disabled"                         -> skipped
 *   memory@20000  status "okay", linux,usable-memory wins   -> (0x21000, 0x100)
 *   memory@30000  reg of 12 bytes, not whole pairs          -> skipped with a warning
 *   memory@40000  device_type "memory" without its NUL      -> not a memory node
 *   bus { memory@50000 }                                    -> not a root child: skipped
 */
static void early_init_dt_scan_memory_edge_cases_check(void)
{
	size_t len;
	u8 *fdt;

	fb_root(1, 1);
	fb_begin("memory@0");
	fb_prop_str("device_type", "memory");
	fb_prop_cells("reg", 6, 0, 0x1000, 0x2000, 0, 0x4000, 0x1000);
	fb_end();
	fb_begin("memory@10000");
	fb_prop_str("device_type", "memory");
	fb_prop_str("status", "disabled");
	fb_prop_cells("reg", 2, 0x10000, 0x1000);
	fb_end();
	fb_begin("memory@20000");
	fb_prop_str("device_type", "memory");
	fb_prop_str("status", "okay");
	fb_prop_cells("reg", 2, 0x20000, 0x1000);
	fb_prop_cells("linux,usable-memory", 2, 0x21000, 0x100);
	fb_end();
	fb_begin("memory@30000");
	fb_prop_str("device_type", "memory");
	fb_prop_cells("reg", 3, 0x30000, 0x1000, 0);
	fb_end();
	fb_begin("memory@40000");
	fb_prop("device_type", "memory", 6);
	fb_prop_cells("reg", 2, 0x40000, 0x1000);
	fb_end();
	fb_begin("bus");
	fb_begin("memory@50000");
	fb_prop_str("device_type", "memory");
	fb_prop_cells("reg", 2, 0x50000, 0x1000);
	fb_end();
	fb_end();
	fb_end();
	fdt = fb_finish(&len);
	use_tree(fdt, len);
	EXPECT_EQ(early_init_dt_scan_memory(), 1);
	ASSERT_EQ(nr_mem_calls, 3);
	EXPECT_EQ(mem_calls[0].base, 0);
	EXPECT_EQ(mem_calls[0].size, 0x1000);
	EXPECT_EQ(mem_calls[1].base, 0x4000);
	EXPECT_EQ(mem_calls[2].base, 0x21000);
	EXPECT_EQ(mem_calls[2].size, 0x100);
	drop_tree(fdt);
}

/* Without a tree, or with root cells forced out of range, the scan adds nothing. */
static void early_init_dt_scan_memory_no_tree_check(void)
{
	size_t len;
	u8 *fdt = small_tree(&len);

	reset_hooks();
	initial_boot_params = NULL;
	EXPECT_EQ(early_init_dt_scan_memory(), 0);
	use_tree(fdt, len);
	dt_root_addr_cells = 0;
	dt_root_size_cells = 0;
	EXPECT_EQ(early_init_dt_scan_memory(), 0);
	EXPECT_EQ(nr_mem_calls, 0);
	EXPECT_EQ(early_init_dt_scan_root(), 0);
	EXPECT_EQ(early_init_dt_scan_memory(), 1);
	EXPECT_EQ(nr_mem_calls, 1);
	drop_tree(fdt);
}

/* A tree without /chosen: -ENOENT, command line untouched. */
static void early_init_dt_scan_chosen_no_chosen_check(void)
{
	static char cmdline[COMMAND_LINE_SIZE] = "untouched";
	size_t len;
	u8 *fdt;

	fb_root(2, 2);
	fb_end();
	fdt = fb_finish(&len);
	use_tree(fdt, len);
	EXPECT_EQ(early_init_dt_scan_chosen(cmdline), -ENOENT);
	EXPECT_STREQ(cmdline, "untouched");
	EXPECT_EQ(of_get_stdout_path(), NULL);
	drop_tree(fdt);
}

/* Builds / { chosen { <props> } } and scans it. */
static int scan_chosen_with(void (*props)(void), char *cmdline)
{
	size_t len;
	u8 *fdt;
	int ret;

	fb_root(2, 2);
	fb_begin("chosen");
	props();
	fb_end();
	fb_end();
	fdt = fb_finish(&len);
	use_tree(fdt, len);
	ret = early_init_dt_scan_chosen(cmdline);
	drop_tree(fdt);
	return ret;
}

static void chosen_initrd64(void)
{
	fb_prop_cells("linux,initrd-start", 2, 1, 0);
	fb_prop_cells("linux,initrd-end", 2, 1, 0x2000);
}

static void chosen_initrd_backwards(void)
{
	fb_prop_cells("linux,initrd-start", 1, 0x2000);
	fb_prop_cells("linux,initrd-end", 1, 0x1000);
}

static void chosen_initrd_3bytes(void)
{
	fb_prop("linux,initrd-start", "\0\0\1", 3);
	fb_prop_cells("linux,initrd-end", 1, 0x1000);
}

static void chosen_long_bootargs(void)
{
	static char big[3000];

	memset(big, 'x', sizeof(big) - 1);
	fb_prop_str("bootargs", big);
}

static void chosen_unterminated_bootargs(void)
{
	fb_prop("bootargs", "hello", 5);
}

/*
 * /chosen variants: 64-bit initrd cells; an initrd that ends before it starts, or whose
 * start is not one or two cells, is ignored; bootargs longer than COMMAND_LINE_SIZE are
 * cut to 2047 bytes; unterminated bootargs are read only within their length.
 */
static void early_init_dt_scan_chosen_variants_check(void)
{
	static char cmdline[COMMAND_LINE_SIZE];

	EXPECT_EQ(scan_chosen_with(chosen_initrd64, cmdline), 0);
	EXPECT_EQ(phys_initrd_start, 0x100000000ULL);
	EXPECT_EQ(phys_initrd_size, 0x2000);
	EXPECT_EQ(scan_chosen_with(chosen_initrd_backwards, cmdline), 0);
	EXPECT_EQ(phys_initrd_size, 0);
	EXPECT_EQ(scan_chosen_with(chosen_initrd_3bytes, cmdline), 0);
	EXPECT_EQ(phys_initrd_size, 0);
	EXPECT_EQ(scan_chosen_with(chosen_long_bootargs, cmdline), 0);
	EXPECT_EQ(strlen(cmdline), COMMAND_LINE_SIZE - 1);
	EXPECT_EQ(scan_chosen_with(chosen_unterminated_bootargs, cmdline), 0);
	EXPECT_STREQ(cmdline, "hell");
}

/* A bad blob: verify says false, keeps the code for fdt_strerror, and holds no tree. */
static void early_init_dt_verify_rejects_bad_blob_check(void)
{
	size_t len;
	u8 *fdt = small_tree(&len);

	ASSERT_TRUE(early_init_dt_verify(fdt, len));
	EXPECT_EQ(early_init_dt_error(), 0);
	EXPECT_EQ(initial_boot_params, fdt);
	put32(fdt, HDR(magic), 0xfeedd00d);
	EXPECT_FALSE(early_init_dt_verify(fdt, len));
	EXPECT_EQ(early_init_dt_error(), -FDT_ERR_BADMAGIC);
	EXPECT_EQ(initial_boot_params, NULL);
	EXPECT_TRUE(strstr(fdt_strerror(early_init_dt_error()), "magic") != NULL);
	put32(fdt, HDR(magic), FDT_MAGIC);
	EXPECT_FALSE(early_init_dt_verify(fdt, len - 1));
	EXPECT_EQ(early_init_dt_error(), -FDT_ERR_TRUNCATED);
	EXPECT_FALSE(early_init_dt_verify(NULL, 0));
	EXPECT_EQ(of_numa_init(), -ENODEV);
	EXPECT_EQ(early_init_dt_scan_root(), -ENODEV);
	free(fdt);
}

/* ---- hand-built trees: of_numa -------------------------------------------------------- */

/* numa-node-id written as (node kind, value); the distance map as triples. */
static struct {
	u32 mem_nid, cpu_nid;
	u32 mem_nid_bytes, cpu_reg_bytes;	/* 0: 4 */
	bool no_mem_reg, no_matrix;
	int nr_matrix;		/* cells */
	u32 matrix[12];
	u32 matrix_bytes;	/* 0: nr_matrix * 4 */
} numa_tree;

static void numa_tree_reset(void)
{
	memset(&numa_tree, 0, sizeof(numa_tree));
	numa_tree.nr_matrix = -1;
}

/*
 * / { memory@40000000 { numa-node-id = <mem_nid>; reg = ... }
 *     cpus { cpu@0 { numa-node-id = <cpu_nid>; reg = <0>; } }
 *     distance-map { compatible = "numa-distance-map-v1"; distance-matrix = <...>; } }
 */
static int of_numa_init_with(void)
{
	u8 m[48];
	size_t len;
	u8 *fdt;
	int ret;

	fb_root(2, 2);
	fb_begin("memory@40000000");
	fb_prop_str("device_type", "memory");
	if (!numa_tree.no_mem_reg)
		fb_prop_cells("reg", 4, 0, 0x40000000, 0, 0x10000000);
	put32(m, 0, numa_tree.mem_nid);
	put32(m, 4, 0);
	fb_prop("numa-node-id", m, numa_tree.mem_nid_bytes ? numa_tree.mem_nid_bytes : 4);
	fb_end();
	fb_begin("cpus");
	fb_prop_cells("#address-cells", 1, 1);
	fb_prop_cells("#size-cells", 1, 0);
	fb_begin("cpu@0");
	fb_prop_str("device_type", "cpu");
	memset(m, 0, 8);
	fb_prop("reg", m, numa_tree.cpu_reg_bytes ? numa_tree.cpu_reg_bytes : 4);
	fb_prop_cells("numa-node-id", 1, numa_tree.cpu_nid);
	fb_end();
	fb_end();
	if (numa_tree.nr_matrix >= 0) {
		fb_begin("distance-map");
		fb_prop_str("compatible", "numa-distance-map-v1");
		for (int i = 0; i < numa_tree.nr_matrix; i++)
			put32(m, i * 4, numa_tree.matrix[i]);
		if (!numa_tree.no_matrix)
			fb_prop("distance-matrix", m, numa_tree.matrix_bytes ?
				numa_tree.matrix_bytes : numa_tree.nr_matrix * 4u);
		fb_end();
	}
	fb_end();
	fdt = fb_finish(&len);
	use_tree(fdt, len);
	ret = of_numa_init();
	drop_tree(fdt);
	return ret;
}

static void set_matrix(int n, ...)
{
	va_list ap;

	va_start(ap, n);
	for (int i = 0; i < n; i++)
		numa_tree.matrix[i] = va_arg(ap, u32);
	va_end(ap);
	numa_tree.nr_matrix = n;
}

/*
 * Node ids up to MAX_NUMNODES - 1 are fine; MAX_NUMNODES in a memory or cpu node, a
 * numa-node-id that is not one cell, or a memory node without reg is -EINVAL. A cpu's
 * reg is smp_init_cpus' to check: one of the wrong size still makes its node parsed.
 */
static void of_numa_bad_node_id_check(void)
{
	numa_tree_reset();
	numa_tree.mem_nid = numa_tree.cpu_nid = MAX_NUMNODES - 1;
	EXPECT_EQ(of_numa_init_with(), 0);
	EXPECT_EQ(nr_memblk_calls, 1);
	EXPECT_EQ(memblk_calls[0].nid, MAX_NUMNODES - 1);
	EXPECT_EQ(numa_nodes_parsed.bits[0], 1UL << (MAX_NUMNODES - 1));
	numa_tree.mem_nid = MAX_NUMNODES;
	EXPECT_EQ(of_numa_init_with(), -EINVAL);
	EXPECT_EQ(nr_memblk_calls, 0);
	numa_tree.mem_nid = 0;
	numa_tree.cpu_nid = MAX_NUMNODES;
	EXPECT_EQ(of_numa_init_with(), -EINVAL);
	numa_tree.cpu_nid = 0xffffffff;
	EXPECT_EQ(of_numa_init_with(), -EINVAL);
	numa_tree.cpu_nid = 0;
	numa_tree.mem_nid_bytes = 8;
	EXPECT_EQ(of_numa_init_with(), -EINVAL);
	numa_tree.mem_nid_bytes = 0;
	numa_tree.no_mem_reg = true;
	EXPECT_EQ(of_numa_init_with(), -EINVAL);
	numa_tree.no_mem_reg = false;
	numa_tree.cpu_reg_bytes = 8;
	numa_tree.cpu_nid = 1;
	EXPECT_EQ(of_numa_init_with(), 0);
	EXPECT_EQ(numa_nodes_parsed.bits[0], 0x3);
}

/*
 * Distance-map entries Linux refuses: a node to itself other than 10, two nodes at 10 or
 * less, node ids past MAX_NUMNODES; a missing or ragged matrix, or one whose cells are not
 * whole (a, b, distance) triples (Linux skips the rest). Nothing is set then.
 */
static void of_numa_bad_distance_check(void)
{
	numa_tree_reset();
	set_matrix(6, 0, 0, 10, 0, 1, 20);
	EXPECT_EQ(of_numa_init_with(), 0);
	EXPECT_EQ(nr_distance_calls, 3);
	EXPECT_EQ(distance[1][0], 20);
	set_matrix(6, 0, 1, 20, 0, 0, 20);
	EXPECT_EQ(of_numa_init_with(), -EINVAL);
	EXPECT_EQ(nr_distance_calls, 0);
	set_matrix(3, 0, 1, 10);
	EXPECT_EQ(of_numa_init_with(), -EINVAL);
	set_matrix(3, 0, 1, 5);
	EXPECT_EQ(of_numa_init_with(), -EINVAL);
	set_matrix(3, 0, MAX_NUMNODES, 20);
	EXPECT_EQ(of_numa_init_with(), -EINVAL);
	set_matrix(3, MAX_NUMNODES, 0, 20);
	EXPECT_EQ(of_numa_init_with(), -EINVAL);
	set_matrix(3, 0, 1, 20);
	numa_tree.matrix_bytes = 10;
	EXPECT_EQ(of_numa_init_with(), -EINVAL);
	numa_tree.matrix_bytes = 8;	/* two cells: not an entry (Linux skips them) */
	EXPECT_EQ(of_numa_init_with(), -EINVAL);
	set_matrix(5, 0, 1, 20, 1, 0);	/* a whole entry and a trailing part of one */
	numa_tree.matrix_bytes = 0;
	EXPECT_EQ(of_numa_init_with(), -EINVAL);
	numa_tree.matrix_bytes = 0;
	numa_tree.no_matrix = true;
	EXPECT_EQ(of_numa_init_with(), -EINVAL);
	EXPECT_EQ(nr_distance_calls, 0);
}

/* ---- corrupted headers ---------------------------------------------------------------- */

/*
 * The packed four-node tree, the base of the header cases:
 *
 *   0     0x28      0x30         0x40                 strings            totalsize
 *   | header | pad | rsvmap (0,0) | structure block     | strings block    |
 */
static u8 *header_base(size_t *lenp)
{
	u8 *fdt = load_packed("virt-numa4", lenp);

	ASSERT_EQ(fdt_check_full(fdt, *lenp), 0);
	ASSERT_EQ(fdt_off_mem_rsvmap(fdt), 0x30);
	ASSERT_EQ(fdt_off_dt_struct(fdt), 0x40);
	ASSERT_EQ(fdt_off_dt_strings(fdt), 0x40 + fdt_size_dt_struct(fdt));
	return fdt;
}

/* Any magic but 0xd00dfeed, byte-swapped included, is BADMAGIC. */
static void fdt_bad_magic_check(void)
{
	size_t len;
	u8 *fdt = header_base(&len);

	expect_header(fdt, len, HDR(magic), 0, -FDT_ERR_BADMAGIC);
	expect_header(fdt, len, HDR(magic), 0xedfe0dd0, -FDT_ERR_BADMAGIC);
	expect_header(fdt, len, HDR(magic), FDT_MAGIC + 1, -FDT_ERR_BADMAGIC);
	free(fdt);
}

/*
 * Versions: below 16, last_comp_version above 17, or version below last_comp_version are
 * BADVERSION; 16 (no size_dt_struct) and 18 (still compatible with 16) are readable.
 */
static void fdt_bad_version_check(void)
{
	size_t len;
	u8 *fdt = header_base(&len);

	expect_header(fdt, len, HDR(version), 0, -FDT_ERR_BADVERSION);
	expect_header(fdt, len, HDR(version), 15, -FDT_ERR_BADVERSION);
	expect_header(fdt, len, HDR(version), 16, 0);
	expect_header(fdt, len, HDR(version), 18, 0);
	expect_header(fdt, len, HDR(last_comp_version), 18, -FDT_ERR_BADVERSION);
	expect_header(fdt, len, HDR(last_comp_version), 0xffffffff, -FDT_ERR_BADVERSION);
	expect_header(fdt, len, HDR(last_comp_version), 17, 0);
	put32(fdt, HDR(last_comp_version), 17);
	expect_header(fdt, len, HDR(version), 16, -FDT_ERR_BADVERSION);
	expect_header(fdt, len, HDR(boot_cpuid_phys), 0xffffffff, 0);
	free(fdt);
}

/* totalsize below the header, past the buffer, or cutting the strings block: TRUNCATED. */
static void fdt_bad_totalsize_check(void)
{
	size_t len;
	u8 *fdt = header_base(&len);
	u32 t = len;

	expect_header(fdt, len, HDR(totalsize), 0, -FDT_ERR_TRUNCATED);
	expect_header(fdt, len, HDR(totalsize), 35, -FDT_ERR_TRUNCATED);
	expect_header(fdt, len, HDR(totalsize), 39, -FDT_ERR_TRUNCATED);
	expect_header(fdt, len, HDR(totalsize), t + 1, -FDT_ERR_TRUNCATED);
	expect_header(fdt, len, HDR(totalsize), 0x80000000, -FDT_ERR_TRUNCATED);
	expect_header(fdt, len, HDR(totalsize), 0xffffffff, -FDT_ERR_TRUNCATED);
	expect_header(fdt, len, HDR(totalsize), t - 1, -FDT_ERR_TRUNCATED);
	expect_header(fdt, len, HDR(totalsize), 0x40, -FDT_ERR_TRUNCATED);
	/* Over INT_MAX: offsets would not fit an int, whatever the buffer. */
	put32(fdt, HDR(totalsize), 0x80000000);
	EXPECT_EQ(fdt_check_header(fdt), -FDT_ERR_TRUNCATED);
	free(fdt);
}

/*
 * off_dt_struct / size_dt_struct: inside the header or past the end is TRUNCATED, not a
 * multiple of 4 is ALIGNMENT, reaching into the strings is BADLAYOUT, too short to hold
 * the tokens is TRUNCATED.
 */
static void fdt_bad_struct_block_check(void)
{
	size_t len;
	u8 *fdt = header_base(&len);
	u32 t = len, s = fdt_size_dt_struct(fdt);

	expect_header(fdt, len, HDR(off_dt_struct), 0, -FDT_ERR_TRUNCATED);
	expect_header(fdt, len, HDR(off_dt_struct), 36, -FDT_ERR_TRUNCATED);
	expect_header(fdt, len, HDR(off_dt_struct), t, -FDT_ERR_TRUNCATED);
	expect_header(fdt, len, HDR(off_dt_struct), 0xfffffffc, -FDT_ERR_TRUNCATED);
	expect_header(fdt, len, HDR(off_dt_struct), 0x42, -FDT_ERR_ALIGNMENT);
	expect_header(fdt, len, HDR(off_dt_struct), 0x44, -FDT_ERR_BADLAYOUT);
	expect_header(fdt, len, HDR(off_dt_struct), 0x28, -FDT_ERR_BADLAYOUT);
	expect_header(fdt, len, HDR(size_dt_struct), 0, -FDT_ERR_TRUNCATED);
	expect_header(fdt, len, HDR(size_dt_struct), s - 4, -FDT_ERR_TRUNCATED);
	expect_header(fdt, len, HDR(size_dt_struct), s + 2, -FDT_ERR_ALIGNMENT);
	expect_header(fdt, len, HDR(size_dt_struct), s + 4, -FDT_ERR_BADLAYOUT);
	expect_header(fdt, len, HDR(size_dt_struct), t, -FDT_ERR_TRUNCATED);
	expect_header(fdt, len, HDR(size_dt_struct), 0xfffffff0, -FDT_ERR_TRUNCATED);
	free(fdt);
}

/*
 * off_dt_strings / size_dt_strings: outside the blob is TRUNCATED; over the structure
 * block is BADLAYOUT; an empty strings block leaves every name offset out of range
 * (BADOFFSET); one byte short cuts the last name's NUL (TRUNCATED).
 */
static void fdt_bad_strings_block_check(void)
{
	size_t len;
	u8 *fdt = header_base(&len);
	u32 t = len, o = fdt_off_dt_strings(fdt), z = fdt_size_dt_strings(fdt);

	expect_header(fdt, len, HDR(off_dt_strings), 0, -FDT_ERR_TRUNCATED);
	expect_header(fdt, len, HDR(off_dt_strings), t, -FDT_ERR_TRUNCATED);
	expect_header(fdt, len, HDR(off_dt_strings), o + 1, -FDT_ERR_TRUNCATED);
	expect_header(fdt, len, HDR(off_dt_strings), o - 4, -FDT_ERR_BADLAYOUT);
	expect_header(fdt, len, HDR(off_dt_strings), 0xffffffff, -FDT_ERR_TRUNCATED);
	expect_header(fdt, len, HDR(size_dt_strings), 0, -FDT_ERR_BADOFFSET);
	expect_header(fdt, len, HDR(size_dt_strings), z + 1, -FDT_ERR_TRUNCATED);
	expect_header(fdt, len, HDR(size_dt_strings), 0xffffffff, -FDT_ERR_TRUNCATED);
	expect_header(fdt, len, HDR(size_dt_strings), z - 1, -FDT_ERR_TRUNCATED);
	free(fdt);
}

/*
 * off_mem_rsvmap: inside the header or past the end is TRUNCATED, not 8-aligned is
 * ALIGNMENT. Entries: no terminator inside the blob is TRUNCATED; a terminator with a
 * non-zero address or an entry that wraps around is BADVALUE.
 */
static void fdt_bad_rsvmap_check(void)
{
	size_t len;
	u8 *fdt = header_base(&len), *p;

	expect_header(fdt, len, HDR(off_mem_rsvmap), 0, -FDT_ERR_TRUNCATED);
	expect_header(fdt, len, HDR(off_mem_rsvmap), 0x20, -FDT_ERR_TRUNCATED);
	expect_header(fdt, len, HDR(off_mem_rsvmap), 0x34, -FDT_ERR_ALIGNMENT);
	expect_header(fdt, len, HDR(off_mem_rsvmap), len + 8, -FDT_ERR_TRUNCATED);
	expect_header(fdt, len, HDR(off_mem_rsvmap), ALIGN_DOWN(len - 8, 8), -FDT_ERR_TRUNCATED);
	/* QEMU's zero padding before its map reads as a (0, 0) terminator at once. */
	expect_header(fdt, len, HDR(off_mem_rsvmap), 0x28, 0);
	free(fdt);

	fb_reset();
	fb_rsv(0x1000, 0x1000);
	fb.raw_rsv = true;
	fb_begin("");
	fb_end();
	p = fb_finish(&len);
	/* Read on into the structure block: (0x100000000, 0x200000009), then the end. */
	expect_check(p, len, -FDT_ERR_TRUNCATED, "rsvmap without terminator");
	free(p);

	fb_reset();
	fb_rsv(0x1000, 0);
	fb.raw_rsv = true;
	fb_begin("");
	fb_end();
	p = fb_finish(&len);
	expect_check(p, len, -FDT_ERR_BADVALUE, "rsvmap terminator (0x1000, 0)");
	free(p);

	fb_reset();
	fb_rsv(0xfffffffffffff000ULL, 0x2000);
	fb_begin("");
	fb_end();
	p = fb_finish(&len);
	expect_check(p, len, -FDT_ERR_BADVALUE, "rsvmap entry wraps");
	free(p);
}

/* A blob not 8-byte aligned is ALIGNMENT, whatever it holds. */
static void fdt_misaligned_blob_check(void)
{
	size_t len;
	u8 *fdt = small_tree(&len), *buf = malloc(len + 4);

	ASSERT_TRUE(buf);
	memcpy(buf + 4, fdt, len);
	EXPECT_EQ(fdt_check_full(buf + 4, len), -FDT_ERR_ALIGNMENT);
	EXPECT_EQ(fdt_check_header(buf + 4), -FDT_ERR_ALIGNMENT);
	EXPECT_EQ(fdt_next_node(buf + 4, -1, NULL), -FDT_ERR_ALIGNMENT);
	free(buf);
	free(fdt);
}

/* ---- truncation ------------------------------------------------------------------------- */

/* Every length below 64 bytes, from nothing to a header without blocks: TRUNCATED. */
static void fdt_truncated_short_check(void)
{
	size_t len;
	u8 *fdt = header_base(&len);

	for (size_t n = 0; n < 64; n++) {
		u8 *p = dup_exact(fdt, n);
		char what[48];

		snprintf(what, sizeof(what), "first %zu bytes", n);
		expect_check(p, n, -FDT_ERR_TRUNCATED, what);
		free(p);
	}
	free(fdt);
}

/*
 * Every shorter length of the packed tree: TRUNCATED with totalsize left as it was, and
 * TRUNCATED when totalsize is cut to the new length too (the strings block then ends
 * past it). A sample is walked without validation.
 */
static void fdt_truncated_every_length_check(void)
{
	size_t len;
	u8 *fdt = header_base(&len);

	for (size_t n = 64; n < len; n++) {
		u8 *p = dup_exact(fdt, n);
		int err = fdt_check_full(p, n);

		if (err != -FDT_ERR_TRUNCATED)
			ktest_fail(__FILE__, __LINE__, "length %zu: %d", n, err);
		put32(p, HDR(totalsize), n);
		err = fdt_check_full(p, n);
		if (err != -FDT_ERR_TRUNCATED)
			ktest_fail(__FILE__, __LINE__, "length %zu, totalsize cut: %d", n, err);
		if (n % 61 == 0) {
			snprintf(walk_ctx, sizeof(walk_ctx), "truncated to %zu", n);
			walk_unvalidated(p, n);
		}
		free(p);
	}
	free(fdt);
}

/* Random cuts of the hand-built tree, totalsize cut too; the seed replays a failure. */
static void fdt_truncated_random_check(void)
{
	size_t len;
	u8 *fdt = small_tree(&len);

	for (int i = 0; i < 500; i++) {
		size_t n = ktest_rand_range(0, len - 1);
		u8 *p = dup_exact(fdt, n);
		char what[64];

		if (n >= 8)
			put32(p, HDR(totalsize), n);
		snprintf(what, sizeof(what), "iteration %d: cut to %zu", i, n);
		expect_check(p, n, -FDT_ERR_TRUNCATED, what);
		free(p);
	}
	free(fdt);
}

/* ---- corrupted structure blocks ------------------------------------------------------- */

static void expect_struct(int want, const char *what)
{
	size_t len;
	u8 *p = fb_finish_raw(&len);

	expect_check(p, len, want, what);
	free(p);
}

/* A token that is none of BEGIN_NODE, END_NODE, PROP, NOP, END: BADSTRUCTURE. */
static void fdt_struct_bad_token_check(void)
{
	static const u32 bad[] = { 0, 5, 8, 10, 0x01000000, 0xffffffff };

	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
		fb_reset();
		fb_begin("");
		fb_prop_str("model", "x");
		fb_raw(bad[i]);
		fb_end();
		fb_raw(FDT_END);
		expect_struct(-FDT_ERR_BADSTRUCTURE, "bad token");
	}
}

/* A node name without its NUL before the block ends: TRUNCATED. */
static void fdt_struct_unterminated_name_check(void)
{
	fb_reset();
	fb_begin("");
	fb_raw(FDT_BEGIN_NODE);
	fb_bytes("abcdefgh", 8);
	expect_struct(-FDT_ERR_TRUNCATED, "unterminated node name");
}

/* A property whose name offset lies outside the strings block: BADOFFSET. */
static void fdt_struct_prop_nameoff_out_of_range_check(void)
{
	static const u32 offs[] = { 6, 7, 0x1000, 0x80000000, 0xffffffff };

	for (unsigned int i = 0; i < ARRAY_SIZE(offs); i++) {
		fb_reset();
		fb_string("model");	/* strings block: "model\0", 6 bytes */
		fb_begin("");
		fb_raw(FDT_PROP);
		fb_raw(4);
		fb_raw(offs[i]);
		fb_raw(0x12345678);
		fb_end();
		fb_raw(FDT_END);
		expect_struct(-FDT_ERR_BADOFFSET, "name offset out of range");
	}
}

/* A property name running to the end of the strings block without a NUL: TRUNCATED. */
static void fdt_struct_prop_name_unterminated_check(void)
{
	fb_reset();
	fb_begin("");
	fb_prop_str("model", "x");
	fb_end();
	fb_raw(FDT_END);
	fb.strs_len--;		/* drop the NUL of "model" */
	expect_struct(-FDT_ERR_TRUNCATED, "unterminated property name");
}

/*
 * A property length reaching past the block, up to 0xffffffff: TRUNCATED. So is a PROP
 * tag with no room for its length and name offset, in a blob the structure block ends.
 */
static void fdt_struct_prop_len_past_block_check(void)
{
	static const u32 lens[] = { 16, 17, 0x1000, 0x7ffffffc, 0x80000000, 0xffffffff };

	for (unsigned int i = 0; i < ARRAY_SIZE(lens); i++) {
		fb_reset();
		fb_begin("");
		fb_raw(FDT_PROP);
		fb_raw(lens[i]);
		fb_raw(fb_string("model"));
		fb_end();
		fb_raw(FDT_END);
		expect_struct(-FDT_ERR_TRUNCATED, "property length past the block");
	}
	for (int room = 0; room < 8; room += 4) {
		fb_reset();
		fb.strings_first = true;
		fb_string("model");
		fb_begin("");
		fb_raw(FDT_PROP);
		if (room)
			fb_raw(0);
		expect_struct(-FDT_ERR_TRUNCATED, "PROP header cut by the end of the blob");
	}
}

/* A node never closed before END: BADSTRUCTURE. */
static void fdt_struct_unclosed_node_check(void)
{
	fb_reset();
	fb_begin("");
	fb_begin("child");
	fb_end();
	fb_raw(FDT_END);
	expect_struct(-FDT_ERR_BADSTRUCTURE, "unclosed root");
}

/* END_NODE with no node open, however the count ends: BADSTRUCTURE. */
static void fdt_struct_extra_end_node_check(void)
{
	fb_reset();
	fb_begin("");
	fb_end();
	fb_end();
	fb_raw(FDT_END);
	expect_struct(-FDT_ERR_BADSTRUCTURE, "extra END_NODE");
	fb_reset();
	fb_end();
	fb_raw(FDT_END);
	expect_struct(-FDT_ERR_BADSTRUCTURE, "END_NODE first");
	/* Balanced in total, but the extra END_NODE opens the way for a second root. */
	fb_reset();
	fb_begin("");
	fb_end();
	fb_end();
	fb_begin("");
	fb_raw(FDT_END);
	expect_struct(-FDT_ERR_BADSTRUCTURE, "END_NODE then a new root");
}

/* A second root after the first closes, or no root at all: BADSTRUCTURE. */
static void fdt_struct_two_roots_check(void)
{
	fb_reset();
	fb_begin("");
	fb_end();
	fb_begin("");
	fb_end();
	fb_raw(FDT_END);
	expect_struct(-FDT_ERR_BADSTRUCTURE, "two roots");
	fb_reset();
	fb_raw(FDT_END);
	expect_struct(-FDT_ERR_BADSTRUCTURE, "no root");
}

/* A property before the root opens or after it closes: BADSTRUCTURE. */
static void fdt_struct_prop_outside_node_check(void)
{
	fb_reset();
	fb_prop_str("model", "x");
	fb_begin("");
	fb_end();
	fb_raw(FDT_END);
	expect_struct(-FDT_ERR_BADSTRUCTURE, "property before the root");
	fb_reset();
	fb_begin("");
	fb_end();
	fb_prop_str("model", "x");
	fb_raw(FDT_END);
	expect_struct(-FDT_ERR_BADSTRUCTURE, "property after the root");
}

/* The block ends without an END token: TRUNCATED. */
static void fdt_struct_missing_end_check(void)
{
	fb_reset();
	fb_begin("");
	fb_end();
	expect_struct(-FDT_ERR_TRUNCATED, "no END");
	fb_reset();
	expect_struct(-FDT_ERR_TRUNCATED, "empty structure block");
}

static void nest(int depth)
{
	fb_reset();
	for (int i = 0; i < depth; i++)
		fb_begin(i ? "n" : "");
	for (int i = 0; i < depth; i++)
		fb_end();
	fb_raw(FDT_END);
}

/* Nesting: FDT_MAX_DEPTH levels are fine, one more is BADSTRUCTURE. */
static void fdt_struct_too_deep_check(void)
{
	nest(FDT_MAX_DEPTH);
	expect_struct(0, "FDT_MAX_DEPTH levels");
	nest(FDT_MAX_DEPTH + 1);
	expect_struct(-FDT_ERR_BADSTRUCTURE, "FDT_MAX_DEPTH + 1 levels");
}

/* A property after a subnode of the same node (accessors would never see it): BADSTRUCTURE. */
static void fdt_struct_prop_after_subnode_check(void)
{
	fb_reset();
	fb_begin("");
	fb_begin("child");
	fb_end();
	fb_prop_str("model", "x");
	fb_end();
	fb_raw(FDT_END);
	expect_struct(-FDT_ERR_BADSTRUCTURE, "property after subnode");
}

/*
 * NOPs anywhere after the root's BEGIN_NODE are fine and invisible to the accessors; a
 * NOP before it would move the root off offset 0, where every accessor looks: BADSTRUCTURE.
 */
static void fdt_struct_nops_check(void)
{
	size_t len;
	u8 *p;

	fb_reset();
	fb_begin("");
	fb_raw(FDT_NOP);
	fb_prop_str("model", "x");
	fb_raw(FDT_NOP);
	fb_begin("child");
	fb_raw(FDT_NOP);
	fb_end();
	fb_raw(FDT_NOP);
	fb_end();
	fb_raw(FDT_NOP);
	p = fb_finish(&len);
	expect_check(p, len, 0, "NOPs");
	EXPECT_STREQ(fdt_getprop(p, 0, "model", NULL), "x");
	EXPECT_TRUE(fdt_path_offset(p, "/child") > 0);
	EXPECT_EQ(fdt_first_property_offset(p, fdt_path_offset(p, "/child")), -FDT_ERR_NOTFOUND);
	free(p);
	fb_reset();
	fb_raw(FDT_NOP);
	fb_begin("");
	fb_end();
	fb_raw(FDT_END);
	expect_struct(-FDT_ERR_BADSTRUCTURE, "NOP before the root");
}

/* ---- random corruption ----------------------------------------------------------------- */

/* A byte to damage: mostly the structure block, some header, some anywhere. */
static size_t flip_position(const u8 *fdt, size_t len)
{
	u64 r = ktest_rand_range(0, 9);

	if (r == 0)
		return ktest_rand_range(0, FDT_V17_SIZE - 1);
	if (r <= 5)
		return ktest_rand_range(fdt_off_dt_struct(fdt),
					fdt_off_dt_struct(fdt) + fdt_size_dt_struct(fdt) - 1);
	return ktest_rand_range(0, len - 1);
}

/*
 * Thousands of copies of a tree with 1 to 8 bytes changed: each is rejected with an
 * -FDT_ERR_* code or accepted and then walkable in full; each is also walked without
 * validation. A failure names the iteration; KTEST_SEED replays it.
 */
static void random_flips(const u8 *fdt, size_t len, int iterations, const char *name)
{
	int accepted = 0;

	walk_link_every = 8;
	for (int i = 0; i < iterations; i++) {
		u8 *p = dup_exact(fdt, len);
		int flips = ktest_rand_range(1, 8), err;

		walk_link_phase = i;

		for (int f = 0; f < flips; f++)
			p[flip_position(fdt, len)] ^= ktest_rand_range(1, 255);
		snprintf(walk_ctx, sizeof(walk_ctx), "%s, iteration %d", name, i);
		err = fdt_check_full(p, len);
		if (err && !fdt_err_known(err))
			WALK_FAIL("fdt_check_full = %d", err);
		if (!err) {
			accepted++;
			walk_all(p, true);
		}
		walk_unvalidated(p, len);
		free(p);
	}
	walk_link_every = 1;
	EXPECT_TRUE(accepted > 0 && accepted < iterations);
}

static void fdt_random_byte_flips_check(void)
{
	size_t len;
	u8 *fdt = load_packed("virt-numa4-dist", &len);

	random_flips(fdt, len, 1000, "virt-numa4-dist");
	free(fdt);
	fdt = small_tree(&len);
	random_flips(fdt, len, 3000, "small tree");
	free(fdt);
}

/* A random token: mostly well-formed ones with random sizes, sometimes garbage. */
static void random_token(void)
{
	static const char *const names[] = { "", "a", "memory@0", "cpus", "chosen", "x@y@z" };
	u64 r = ktest_rand_range(0, 19);

	if (r < 6) {
		fb_begin(names[ktest_rand_range(0, ARRAY_SIZE(names) - 1)]);
	} else if (r < 11) {
		fb_end();
	} else if (r < 16) {
		u8 val[16];

		for (int i = 0; i < 16; i++)
			val[i] = ktest_rand();
		fb_prop(names[ktest_rand_range(1, ARRAY_SIZE(names) - 1)], val,
			ktest_rand_range(0, 16));
	} else if (r < 17) {
		fb_raw(FDT_NOP);
	} else if (r < 18) {
		fb_raw(FDT_END);
	} else {
		fb_raw(ktest_rand());
	}
}

/*
 * Structure blocks of random token sequences behind a valid header: fdt_check_full
 * says which are trees; every one is walked, validated or not, without a fault.
 */
static void fdt_random_token_streams_check(void)
{
	int accepted = 0;

	for (int i = 0; i < 2000; i++) {
		int n = ktest_rand_range(0, 40), err;
		size_t len;
		u8 *p;

		fb_reset();
		if (ktest_rand_range(0, 1))
			fb_begin("");
		for (int t = 0; t < n; t++)
			random_token();
		p = fb_finish_raw(&len);
		snprintf(walk_ctx, sizeof(walk_ctx), "token stream %d", i);
		err = fdt_check_full(p, len);
		if (err && !fdt_err_known(err))
			WALK_FAIL("fdt_check_full = %d", err);
		accepted += !err;
		if (!err)
			walk_all(p, true);
		walk_unvalidated(p, len);
		free(p);
	}
	EXPECT_TRUE(accepted > 0);
}

/*
 * Headers with random block offsets and sizes over a real tree's bytes: whatever the
 * header claims, the accessors stay inside totalsize.
 */
static void fdt_random_headers_check(void)
{
	static const u32 fields[] = {
		HDR(totalsize), HDR(off_dt_struct), HDR(off_dt_strings), HDR(off_mem_rsvmap),
		HDR(version), HDR(last_comp_version), HDR(size_dt_strings), HDR(size_dt_struct),
	};
	size_t len;
	u8 *fdt = small_tree(&len);

	for (int i = 0; i < 3000; i++) {
		u8 *p = dup_exact(fdt, len);
		int err;

		for (unsigned int f = 0; f < ARRAY_SIZE(fields); f++) {
			u64 r = ktest_rand_range(0, 3);

			if (r == 0)
				put32(p, fields[f], ktest_rand());
			else if (r == 1)
				put32(p, fields[f], ktest_rand_range(0, len + 8));
		}
		snprintf(walk_ctx, sizeof(walk_ctx), "random header %d", i);
		err = fdt_check_full(p, len);
		if (err && !fdt_err_known(err))
			WALK_FAIL("fdt_check_full = %d", err);
		if (!err)
			walk_all(p, true);
		walk_unvalidated(p, len);
		free(p);
	}
	free(fdt);
}

KTEST_MAIN("fdt",
	KTEST_CASE(fdt_check_full_accepts_qemu_trees_check),
	KTEST_CASE(fdt_numa4_memory_nodes_check),
	KTEST_CASE(fdt_numa4_cpus_check),
	KTEST_CASE(fdt_psci_method_check),
	KTEST_CASE(fdt_stdout_path_check),
	KTEST_CASE(fdt_bootargs_check),
	KTEST_CASE(fdt_gic_compatible_check),
	KTEST_CASE(fdt_gicv3_4g_memory_check),
	KTEST_CASE(fdt_initrd_range_check),
	KTEST_CASE(of_numa_init_numa4_check),
	KTEST_CASE(of_numa_memoryless_nodes_check),
	KTEST_CASE(of_numa_init_distance_map_check),
	KTEST_CASE(fdt_parent_and_depth_check),
	KTEST_CASE(fdt_phandle_check),
	KTEST_CASE(fdt_subnode_iteration_check),
	KTEST_CASE(fdt_path_unit_address_check),
	KTEST_CASE(fdt_path_unit_in_name_check),
	KTEST_CASE(fdt_strings_first_layout_check),
	KTEST_CASE(fdt_property_iteration_check),
	KTEST_CASE(fdt_small_tree_check),
	KTEST_CASE(fdt_address_cells_check),
	KTEST_CASE(fdt_stringlist_contains_check),
	KTEST_CASE(fdt_mem_rsv_check),
	KTEST_CASE(fdt_alias_stdout_check),
	KTEST_CASE(fdt_accessors_bad_offsets_check),
	KTEST_CASE(fdt_strerror_check),
	KTEST_CASE(of_scan_flat_dt_check),
	KTEST_CASE(of_flat_dt_is_compatible_check),
	KTEST_CASE(dt_mem_next_cell_check),
	KTEST_CASE(early_init_dt_scan_root_check),
	KTEST_CASE(early_init_dt_scan_memory_edge_cases_check),
	KTEST_CASE(early_init_dt_scan_memory_no_tree_check),
	KTEST_CASE(early_init_dt_scan_chosen_no_chosen_check),
	KTEST_CASE(early_init_dt_scan_chosen_variants_check),
	KTEST_CASE(early_init_dt_verify_rejects_bad_blob_check),
	KTEST_CASE(of_numa_bad_node_id_check),
	KTEST_CASE(of_numa_bad_distance_check),
	KTEST_CASE(fdt_bad_magic_check),
	KTEST_CASE(fdt_bad_version_check),
	KTEST_CASE(fdt_bad_totalsize_check),
	KTEST_CASE(fdt_bad_struct_block_check),
	KTEST_CASE(fdt_bad_strings_block_check),
	KTEST_CASE(fdt_bad_rsvmap_check),
	KTEST_CASE(fdt_misaligned_blob_check),
	KTEST_CASE(fdt_truncated_short_check),
	KTEST_CASE(fdt_truncated_every_length_check),
	KTEST_CASE(fdt_truncated_random_check),
	KTEST_CASE(fdt_struct_bad_token_check),
	KTEST_CASE(fdt_struct_unterminated_name_check),
	KTEST_CASE(fdt_struct_prop_nameoff_out_of_range_check),
	KTEST_CASE(fdt_struct_prop_name_unterminated_check),
	KTEST_CASE(fdt_struct_prop_len_past_block_check),
	KTEST_CASE(fdt_struct_unclosed_node_check),
	KTEST_CASE(fdt_struct_extra_end_node_check),
	KTEST_CASE(fdt_struct_two_roots_check),
	KTEST_CASE(fdt_struct_prop_outside_node_check),
	KTEST_CASE(fdt_struct_missing_end_check),
	KTEST_CASE(fdt_struct_too_deep_check),
	KTEST_CASE(fdt_struct_prop_after_subnode_check),
	KTEST_CASE(fdt_struct_nops_check),
	KTEST_CASE(fdt_random_byte_flips_check),
	KTEST_CASE(fdt_random_token_streams_check),
	KTEST_CASE(fdt_random_headers_check),
);
