/*
 * /proc as init: every file read whole, in 1-, 7- and 4096-byte pieces and after lseek;
 * the system and per-process files parsed against Linux 6.1's formats (field names and
 * order, widths, line counts); and their values against what this program does (VmRSS
 * after touching and unmapping pages, maps, pagemap's pfn, kpageflags' free pages) and
 * against each other (MemFree and buddyinfo). Lines starting "# procfs:" are for the
 * boot case's checks against the kernel log.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <time.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <stdbool.h>
#include <sys/wait.h>
#include "ktap.h"

#define PG		4096UL
#define MAX_FILE	(6UL << 20)
#define KPF_SLAB	7
#define KPF_BUDDY	10
#define KPF_MMAP	11
#define KPF_ANON	12
#define KPF_NOPAGE	20

/*
 * Where files are read to: static, so reading adds no mapping to /proc/self/maps. A
 * result stays valid until NR_BUFS more reads.
 */
#define NR_BUFS 4
static char bufs[NR_BUFS][MAX_FILE + 1];
/* test_pieces' copy of a file's whole text. */
static char whole[1 << 20];
static unsigned int next_buf;

/* path read to its end in reads of chunk bytes, from offset off; NULL if it fails. */
static char *read_from(const char *path, size_t chunk, off_t off, size_t *lenp)
{
	int fd = open(path, O_RDONLY);
	char *buf = bufs[next_buf++ % NR_BUFS];
	size_t len = 0;
	ssize_t n = 0;

	if (fd < 0 || (off && lseek(fd, off, SEEK_SET) != off)) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	while (len < MAX_FILE && (n = read(fd, buf + len, chunk < MAX_FILE - len ? chunk :
					   MAX_FILE - len)) > 0)
		len += (size_t)n;
	close(fd);
	if (n < 0)
		return NULL;
	buf[len] = '\0';
	if (lenp)
		*lenp = len;
	return buf;
}

static char *read_file(const char *path)
{
	return read_from(path, 65536, 0, NULL);
}

/* The first line of text starting with prefix, or NULL. */
static const char *find_line(const char *text, const char *prefix)
{
	size_t n = strlen(prefix);

	for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
		if (!strncmp(l, prefix, n))
			return l;
	return NULL;
}

static long line_value(const char *text, const char *prefix)
{
	const char *l = find_line(text, prefix);

	return l ? strtol(l + strlen(prefix), NULL, 10) : -1;
}

static bool within(long v, long lo, long hi)
{
	return v >= lo && v <= hi;
}

/* v within slack of the range between two readings a and b, in either order. */
static bool near(long v, long a, long b, long slack)
{
	return a < b ? within(v, a - slack, b + slack) : within(v, b - slack, a + slack);
}

static int count_lines(const char *text)
{
	int n = 0;

	for (; *text; text++)
		n += *text == '\n';
	return n;
}

/* ---- reading in pieces -------------------------------------------------------------------- */

/* Files whose text stays the same between two reads while this program is idle. */
static const char *const stable_files[] = {
	"/proc/version", "/proc/cmdline", "/proc/filesystems", "/proc/mounts",
	"/proc/self/mountinfo", "/proc/self/maps", "/proc/self/smaps", "/proc/self/limits",
	"/proc/self/cmdline", "/proc/self/environ", "/proc/self/numa_maps",
	"/proc/sys/kernel/osrelease", "/proc/sys/vm/min_free_kbytes", "/proc/self/comm",
	"/proc/self/fdinfo/0", "/proc/cpuinfo", "/proc/devices", "/proc/iomem", "/proc/kallsyms",
};

static void test_pieces(void)
{
	static const size_t chunks[] = { 1, 7, 4096 };
	char name[96];

	for (size_t i = 0; i < sizeof(stable_files) / sizeof(*stable_files); i++) {
		const char *path = stable_files[i];
		size_t whole_len = 0, len, bad = 0;
		char *first, *part;

		/*
		 * A first pass faults in the code and buffers the reads use, so the mappings
		 * smaps describes (file-backed text grows its Rss as it runs) stay the same.
		 */
		for (size_t c = 0; c < 3; c++)
			read_from(path, chunks[c], 0, &len);
		read_from(path, 13, 1, &len);
		first = read_from(path, 65536, 0, &whole_len);

		if (!first || whole_len >= sizeof(whole)) {
			CHECK(path, 0, "unreadable or over 1 MiB");
			continue;
		}
		memcpy(whole, first, whole_len);
		for (size_t c = 0; c < 3; c++) {
			part = read_from(path, chunks[c], 0, &len);
			if (part && len == whole_len && memcmp(part, whole, len)) {
				size_t d = 0;

				while (part[d] == whole[d])
					d++;
				printf("# %s: %zu-byte reads differ at %zu: '%.60s' / '%.60s'\n", path,
				       chunks[c], d, whole + (d > 30 ? d - 30 : 0),
				       part + (d > 30 ? d - 30 : 0));
			}
			bad += !part || len != whole_len || memcmp(part, whole, len);
		}
		for (off_t off = 1; off < (off_t)whole_len; off = off * 3 + 1) {
			part = read_from(path, 13, off, &len);
			bad += !part || len != whole_len - (size_t)off ||
			       memcmp(part, whole + off, len);
		}
		snprintf(name, sizeof(name), "pieces_%s", path + 6);
		CHECK(name, whole_len && !bad, "%zu bytes, %zu mismatches", whole_len, bad);
	}
}

/* Every system file reads, in 1-byte reads too, to the same number of lines. */
static const char *const system_files[] = {
	"/proc/meminfo", "/proc/buddyinfo", "/proc/pagetypeinfo", "/proc/zoneinfo",
	"/proc/vmstat", "/proc/slabinfo", "/proc/vmallocinfo", "/proc/stat", "/proc/uptime",
	"/proc/loadavg", "/proc/interrupts", "/proc/softirqs", "/proc/self/stat",
	"/proc/self/status", "/proc/self/statm", "/proc/self/smaps_rollup",
	"/proc/self/oom_score", "/proc/self/wchan", "/proc/sys/kernel/printk",
};

static void test_system_files(void)
{
	char name[96];

	for (size_t i = 0; i < sizeof(system_files) / sizeof(*system_files); i++) {
		char *whole = read_file(system_files[i]);
		char *bytes = read_from(system_files[i], 1, 0, NULL);

		snprintf(name, sizeof(name), "reads_%s", system_files[i] + 6);
		CHECK(name, whole && bytes && *whole && count_lines(whole) == count_lines(bytes),
		      "%d lines whole, %d by bytes", whole ? count_lines(whole) : -1,
		      bytes ? count_lines(bytes) : -1);
	}
}

/* ---- system files: formats ---------------------------------------------------------------- */

static const char *const meminfo_fields[] = {
	"MemTotal", "MemFree", "MemAvailable", "Buffers", "Cached", "SwapCached", "Active",
	"Inactive", "Active(anon)", "Inactive(anon)", "Active(file)", "Inactive(file)",
	"Unevictable", "Mlocked", "SwapTotal", "SwapFree", "Dirty", "Writeback", "AnonPages",
	"Mapped", "Shmem", "KReclaimable", "Slab", "SReclaimable", "SUnreclaim", "KernelStack",
	"PageTables", "SecPageTables", "NFS_Unstable", "Bounce", "WritebackTmp", "CommitLimit",
	"Committed_AS", "VmallocTotal", "VmallocUsed", "VmallocChunk", "Percpu",
};

/* "Name:" padded to 16 columns, the value right-aligned in 8 (wider if it must), " kB". */
static int meminfo_line_ok(const char *l, const char *field)
{
	size_t n = strlen(field), end = strcspn(l, "\n");
	const char *v = l + 16;

	if (strncmp(l, field, n) || l[n] != ':' || end < 27 || strncmp(l + end - 3, " kB", 3))
		return 0;
	for (size_t i = n + 1; i < 16; i++)
		if (l[i] != ' ')
			return 0;
	while (*v == ' ')
		v++;
	return isdigit((unsigned char)*v) && (size_t)(strspn(v, "0123456789") + (v - l)) == end - 3 &&
	       end - 3 >= 24;
}

static long status_kb(const char *field);

/* Pages vmalloc holds by vmallocinfo: the pages= of its vmalloc lines. */
static long vmallocinfo_pages(void)
{
	char *v = read_file("/proc/vmallocinfo");
	long pages = 0;

	for (const char *l = v; l && *l; l = strchr(l, '\n') + 1) {
		const char *p = strstr(l, " pages="), *e = strchr(l, '\n');
		const char *vm = strstr(l, " vmalloc");

		if (p && p < e && vm && vm < e)
			pages += atol(p + 7);
	}
	return v ? pages : -1;
}

static void test_meminfo_format(void)
{
	char *m = read_file("/proc/meminfo");
	const char *l = m;
	size_t i, n = sizeof(meminfo_fields) / sizeof(*meminfo_fields);
	long cached, rss_file;

	for (i = 0; m && i < n && l && *l; i++, l = strchr(l, '\n') + 1)
		if (!meminfo_line_ok(l, meminfo_fields[i]))
			break;
	CHECK("meminfo_fields_order_widths", m && i == n && count_lines(m) == (int)n,
	      "line %zu: %.40s", i, l ? l : "");
	if (m) {
		printf("# procfs: MemTotal %ld kB\n", line_value(m, "MemTotal:"));
		CHECK("meminfo_memfree_le_total", line_value(m, "MemFree:") > 0 &&
		      line_value(m, "MemFree:") <= line_value(m, "MemTotal:"), "");
		CHECK("meminfo_slab_counted", line_value(m, "Slab:") > 0 &&
		      line_value(m, "Slab:") == line_value(m, "SReclaimable:") +
		      line_value(m, "SUnreclaim:"), "Slab %ld", line_value(m, "Slab:"));
		CHECK("meminfo_kernelstack_pagetables", line_value(m, "KernelStack:") >= 16 &&
		      line_value(m, "PageTables:") > 0, "");
		CHECK("meminfo_percpu_vmalloc", line_value(m, "Percpu:") > 0 &&
		      line_value(m, "VmallocUsed:") == vmallocinfo_pages() * 4 &&
		      line_value(m, "VmallocTotal:") > 0,
		      "Percpu %ld VmallocUsed %ld VmallocTotal %ld", line_value(m, "Percpu:"),
		      line_value(m, "VmallocUsed:"), line_value(m, "VmallocTotal:"));
		/* overcommit_ratio's 50% of the pages, and what the mappings so far charged. */
		CHECK("meminfo_commit", line_value(m, "CommitLimit:") ==
		      line_value(m, "MemTotal:") / 4 * 50 / 100 * 4 &&
		      line_value(m, "Committed_AS:") > 0, "CommitLimit %ld Committed_AS %ld",
		      line_value(m, "CommitLimit:"), line_value(m, "Committed_AS:"));
		/* The initramfs's files are page cache, this program's text among them. */
		cached = line_value(m, "Cached:");
		rss_file = status_kb("RssFile");
		CHECK("meminfo_cached_page_cache", cached >= rss_file && rss_file > 0,
		      "Cached %ld, RssFile %ld", cached, rss_file);
	}
}

/* Free pages by buddyinfo: sum of nr_free << order; blocks: sum of nr_free. -1 if malformed. */
static long buddyinfo_free(long *blocks)
{
	char *b = read_file("/proc/buddyinfo");
	long pages = 0, nblocks = 0;
	int lines = 0;

	for (char *l = b; l && *l; l = strchr(l, '\n') + 1) {
		int node, off = 0;
		char zone[16];
		unsigned long n;

		if (sscanf(l, "Node %d, zone %8s%n", &node, zone, &off) != 2 || off != 21)
			goto bad;
		for (int order = 0; order < 11; order++) {
			if (strncmp(l + off, " ", 1) || sscanf(l + off, "%6lu", &n) != 1)
				goto bad;
			pages += (long)n << order;
			nblocks += (long)n;
			off += 7;
		}
		if (strcmp(l + off, " \n") && strncmp(l + off, " \n", 2))
			goto bad;
		lines++;
	}
	*blocks = nblocks;
	return lines ? pages : -1;
bad:
	return -1;
}

static void refresh_vmstat(void)
{
	int fd = open("/proc/sys/vm/stat_refresh", O_WRONLY);

	if (fd >= 0) {
		if (write(fd, "1\n", 2) != 2)
			perror("stat_refresh");
		close(fd);
	}
}

/* A /proc/meminfo field in kB, the per-cpu diffs folded first. */
static long meminfo_kb(const char *field)
{
	char key[32], *m;

	refresh_vmstat();
	m = read_file("/proc/meminfo");
	snprintf(key, sizeof(key), "%s:", field);
	return m ? line_value(m, key) : -1;
}

/*
 * Shmem counts the pages of shared anonymous memory (shmem files), which Cached counts
 * too, as Linux: both grow by what is touched and fall back when it is unmapped.
 */
static void test_shmem_meminfo(void)
{
	enum { NPAGES = 64 };
	long shmem0 = meminfo_kb("Shmem"), cached0 = meminfo_kb("Cached"), shmem1, cached1;
	char *p = mmap(NULL, NPAGES * PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
		       -1, 0);

	for (int i = 0; p != MAP_FAILED && i < NPAGES; i++)
		p[i * PG] = 1;
	shmem1 = meminfo_kb("Shmem");
	cached1 = meminfo_kb("Cached");
	CHECK("meminfo_shmem_grows", shmem1 - shmem0 == NPAGES * 4 && cached1 - cached0 ==
	      NPAGES * 4, "Shmem %ld -> %ld kB, Cached %ld -> %ld kB", shmem0, shmem1, cached0,
	      cached1);
	munmap(p, NPAGES * PG);
	CHECK("meminfo_shmem_freed", meminfo_kb("Shmem") == shmem0 &&
	      meminfo_kb("Cached") == cached0, "Shmem %ld kB, Cached %ld kB", meminfo_kb("Shmem"),
	      meminfo_kb("Cached"));
}

/* The pages allocated in every zone (pgalloc_*) and freed (pgfree), from /proc/vmstat. */
static void vmstat_pgalloc_pgfree(long *alloc, long *freed)
{
	static const char *const zones[] = { "dma", "dma32", "normal", "movable" };
	char *v = read_file("/proc/vmstat"), key[32];

	*alloc = 0;
	for (int i = 0; i < 4; i++) {
		snprintf(key, sizeof(key), "pgalloc_%s ", zones[i]);
		*alloc += v ? line_value(v, key) : -1;
	}
	*freed = v ? line_value(v, "pgfree ") : -1;
}

/*
 * pgalloc_* count the pages the buddy hands out, pgfree those given back, boot's
 * memblock_free_all included (as Linux): touching and unmapping pages moves both.
 */
static void test_vmstat_pgalloc_pgfree(void)
{
	enum { NPAGES = 256 };
	long alloc0, free0, alloc1, free1, alloc2, free2;
	char *p;

	vmstat_pgalloc_pgfree(&alloc0, &free0);
	p = mmap(NULL, NPAGES * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	for (int i = 0; p != MAP_FAILED && i < NPAGES; i++)
		p[i * PG] = 1;
	vmstat_pgalloc_pgfree(&alloc1, &free1);
	munmap(p, NPAGES * PG);
	vmstat_pgalloc_pgfree(&alloc2, &free2);
	CHECK("vmstat_pgalloc", alloc1 - alloc0 >= NPAGES, "%ld -> %ld", alloc0, alloc1);
	/* Not every page yet: the per-cpu LRU batches may still hold a reference to some. */
	CHECK("vmstat_pgfree", free2 - free1 >= NPAGES / 2 && free0 > meminfo_kb("MemTotal") / 4,
	      "%ld -> %ld, MemTotal %ld kB", free1, free2, meminfo_kb("MemTotal"));
}

/* MemFree is the buddy's free pages: buddyinfo's sum, once the per-cpu diffs are folded. */
static void test_memfree_is_buddy(void)
{
	long buddy = -1, memfree = -2, blocks;

	for (int tries = 0; tries < 20 && buddy != memfree; tries++) {
		char *m;

		refresh_vmstat();
		buddy = buddyinfo_free(&blocks);
		m = read_file("/proc/meminfo");
		memfree = m ? line_value(m, "MemFree:") / 4 : -1;
	}
	CHECK("memfree_equals_buddyinfo_sum", buddy > 0 && buddy == memfree,
	      "buddy %ld pages, MemFree %ld pages", buddy, memfree);
}

static void test_zoneinfo_format(void)
{
	static const char *const order[] = {
		"Node 0, zone      DMA\n  per-node stats\n      nr_inactive_anon ", "\n  pages free     ",
		"\n        boost    ", "\n        min      ", "\n        low      ",
		"\n        high     ", "\n        spanned  ", "\n        present  ",
		"\n        managed  ", "\n        cma      ", "\n        protection: (",
		"\n      nr_free_pages ", "\n      numa_hit     ", "\n  pagesets\n    cpu: 0\n",
		"\n  vm stats threshold: ", "\n  node_unreclaimable:  0\n  start_pfn:           ",
		"\nNode 0, zone    DMA32\n", "\nNode 3, zone  Movable\n",
	};
	char *z = read_file("/proc/zoneinfo");
	const char *p = z;
	size_t i;

	for (i = 0; p && i < sizeof(order) / sizeof(*order); i++)
		p = strstr(p, order[i]);
	CHECK("zoneinfo_fields_order", p, "missing %s", i ? order[i - 1] : order[0]);
}

static void test_vmstat_slabinfo(void)
{
	static const char slab_header[] = "slabinfo - version: 2.1\n# name            "
		"<active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables "
		"<limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> "
		"<sharedavail>\n";
	char *v = read_file("/proc/vmstat"), *s = read_file("/proc/slabinfo");
	const char *l;
	int bad = 0, caches = 0;

	CHECK("vmstat_order", v && !strncmp(v, "nr_free_pages ", 14) &&
	      strstr(v, "\nnuma_hit ") && strstr(v, "\nnr_inactive_anon ") &&
	      strstr(v, "\nnr_dirty_threshold ") &&
	      (l = strstr(v, "\nnr_dirty_background_threshold ")) && strstr(l, "\npgfault ") &&
	      strstr(l, "\noom_kill "), "");
	/* This program faulted its own pages in: the event counters count. */
	CHECK("vmstat_pgfault_counts", v && line_value(v, "pgfault ") > 0, "");
	CHECK("slabinfo_header", s && !strncmp(s, slab_header, strlen(slab_header)),
	      "%.230s", s ? s : "");
	for (l = s ? strchr(strchr(s, '\n') + 1, '\n') + 1 : NULL; l && *l; l = strchr(l, '\n') + 1) {
		char name[64];
		unsigned long a, n, sz, per, pages, t1, t2, t3, s1, s2, s3;

		caches++;
		bad += sscanf(l, "%63s %lu %lu %lu %lu %lu : tunables %lu %lu %lu : slabdata %lu %lu %lu",
			      name, &a, &n, &sz, &per, &pages, &t1, &t2, &t3, &s1, &s2, &s3) != 12 ||
		       a > n || strcspn(l, "\n") < 97;
	}
	CHECK("slabinfo_lines", caches > 10 && !bad, "%d caches, %d malformed", caches, bad);
}

static void test_stat_uptime_loadavg(void)
{
	char *s = read_file("/proc/stat"), *u = read_file("/proc/uptime");
	char *la = read_file("/proc/loadavg");
	unsigned long long t[10];
	double up, idle;
	int a, b, c, d, e, f, run, all, last, ncpu = 0;

	CHECK("stat_cpu_line", s && sscanf(s, "cpu  %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu\n",
	      &t[0], &t[1], &t[2], &t[3], &t[4], &t[5], &t[6], &t[7], &t[8], &t[9]) == 10 &&
	      t[3] > 0, "%.80s", s ? s : "");
	for (int i = 0; s && i < 8; i++) {
		char key[8];

		snprintf(key, sizeof(key), "cpu%d ", i);
		ncpu += find_line(s, key) != NULL;
	}
	CHECK("stat_four_cpus", ncpu == 4, "%d", ncpu);
	CHECK("stat_counters", s && find_line(s, "intr ") && line_value(s, "ctxt ") > 0 &&
	      line_value(s, "btime ") >= 0 && line_value(s, "processes ") > 0 &&
	      line_value(s, "procs_running ") >= 1 && find_line(s, "procs_blocked ") &&
	      find_line(s, "softirq "), "");
	CHECK("uptime_format", u && sscanf(u, "%lf %lf", &up, &idle) == 2 && up > 0 &&
	      strchr(u, '.')[3] == ' ', "%s", u ? u : "");
	/* The wall clock came from the RTC (after 2020), and btime is when uptime began. */
	CHECK("stat_btime_is_now_less_uptime", s && line_value(s, "btime ") > 1577836800 &&
	      within(time(NULL) - (long)up - line_value(s, "btime "), -1, 2),
	      "btime %ld, now %ld, up %.2f", s ? line_value(s, "btime ") : -1, (long)time(NULL), up);
	CHECK("loadavg_format", la && sscanf(la, "%d.%d %d.%d %d.%d %d/%d %d", &a, &b, &c, &d,
	      &e, &f, &run, &all, &last) == 9 && run >= 1 && all > run && last > 1,
	      "%s", la ? la : "");
}

/* ---- this process ------------------------------------------------------------------------- */

static const char *const status_fields[] = {
	"Name", "Umask", "State", "Tgid", "Ngid", "Pid", "PPid", "TracerPid", "Uid", "Gid",
	"FDSize", "Groups", "VmPeak", "VmSize", "VmLck", "VmPin", "VmHWM", "VmRSS", "RssAnon",
	"RssFile", "RssShmem", "VmData", "VmStk", "VmExe", "VmLib", "VmPTE", "VmSwap",
	"CoreDumping", "THP_enabled", "Threads", "SigQ", "SigPnd", "ShdPnd", "SigBlk", "SigIgn",
	"SigCgt", "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb", "NoNewPrivs",
	"Speculation_Store_Bypass", "SpeculationIndirectBranch", "Cpus_allowed",
	"Cpus_allowed_list", "Mems_allowed", "Mems_allowed_list", "voluntary_ctxt_switches",
	"nonvoluntary_ctxt_switches",
};

static long status_kb(const char *field)
{
	char *s = read_file("/proc/self/status"), key[32];
	long v;

	snprintf(key, sizeof(key), "%s:\t", field);
	v = s ? line_value(s, key) : -1;
	return v;
}

static void test_status_format(void)
{
	char *s = read_file("/proc/self/status");
	const char *l = s;
	size_t i, n = sizeof(status_fields) / sizeof(*status_fields);

	for (i = 0; s && i < n && l && *l; i++, l = strchr(l, '\n') + 1) {
		size_t k = strlen(status_fields[i]);

		if (strncmp(l, status_fields[i], k) || l[k] != ':' || l[k + 1] != '\t')
			break;
	}
	CHECK("status_fields_order", s && i == n && count_lines(s) == (int)n,
	      "line %zu: %.40s", i, l ? l : "");
	CHECK("status_values", s && line_value(s, "Pid:\t") == getpid() &&
	      find_line(s, "State:\tR (running)") && find_line(s, "Cpus_allowed_list:\t0-3\n") &&
	      find_line(s, "Mems_allowed_list:\t0-3\n") && find_line(s, "VmRSS:\t") &&
	      !strncmp(find_line(s, "VmRSS:\t") + 15, " kB\n", 4), "%s", s ? s : "");
}

static void test_stat_statm(void)
{
	char *s = read_file("/proc/self/stat"), *m = read_file("/proc/self/statm");
	char comm[32], state;
	int pid, fields = 0;
	unsigned long size, res, shared, text, lib, data, dt;

	for (const char *p = s ? strrchr(s, ')') : NULL; p && *p; p++)
		fields += *p == ' ';
	CHECK("stat_fields", s && sscanf(s, "%d (%31[^)]) %c", &pid, comm, &state) == 3 &&
	      pid == getpid() && state == 'R' && fields + 2 == 52, "%d fields: %.60s",
	      fields + 2, s ? s : "");
	CHECK("statm_fields", m && sscanf(m, "%lu %lu %lu %lu %lu %lu %lu", &size, &res, &shared,
	      &text, &lib, &data, &dt) == 7 && size >= res && res > 0 && text > 0, "");
}

/* The line of /proc/self/maps for the VMA starting at p, or an empty string. */
static void maps_line(void *p, char *line, size_t size)
{
	char *maps = read_file("/proc/self/maps"), key[32];
	const char *l;

	snprintf(key, sizeof(key), "%08lx-", (unsigned long)p);
	l = maps ? find_line(maps, key) : NULL;
	snprintf(line, size, "%.*s", l ? (int)strcspn(l, "\n") : 0, l ? l : "");
}

/* The pagemap entry of the page at p. */
static uint64_t pagemap_entry(void *p)
{
	int fd = open("/proc/self/pagemap", O_RDONLY);
	uint64_t e = 0;

	if (fd >= 0 && pread(fd, &e, 8, (off_t)((uintptr_t)p / PG * 8)) != 8)
		e = 0;
	if (fd >= 0)
		close(fd);
	return e;
}

static uint64_t kpageflags(uint64_t pfn)
{
	int fd = open("/proc/kpageflags", O_RDONLY);
	uint64_t f = 0;

	if (fd >= 0 && pread(fd, &f, 8, (off_t)(pfn * 8)) != 8)
		f = ~0ULL;
	if (fd >= 0)
		close(fd);
	return f;
}

/* Touching 16 pages adds exactly 64 kB to VmRSS, RssAnon, and munmap takes them back. */
static void test_rss_maps_pagemap(void)
{
	long rss0 = status_kb("VmRSS"), anon0 = status_kb("RssAnon"), rss1, anon1, rss2;
	char *p = mmap(NULL, 32 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char line[256], want[128];
	uint64_t e, f;

	for (int i = 0; i < 16; i++)
		p[i * PG] = 1;
	rss1 = status_kb("VmRSS");
	anon1 = status_kb("RssAnon");
	CHECK("vmrss_grows_by_touched", rss1 - rss0 == 64 && anon1 - anon0 == 64,
	      "VmRSS %ld -> %ld, RssAnon %ld -> %ld", rss0, rss1, anon0, anon1);
	maps_line(p, line, sizeof(line));
	snprintf(want, sizeof(want), "%08lx-%08lx rw-p 00000000 00:00 0 ", (unsigned long)p,
		 (unsigned long)(p + 32 * PG));
	CHECK("maps_lists_vma", !strcmp(line, want), "'%s'", line);
	e = pagemap_entry(p);
	CHECK("pagemap_present_exclusive", (e >> 63) && (e >> 56 & 1) && (e & ((1ULL << 55) - 1)),
	      "%#llx", (unsigned long long)e);
	CHECK("pagemap_untouched_absent", !(pagemap_entry(p + 20 * PG) >> 63), "");
	f = kpageflags(e & ((1ULL << 55) - 1));
	CHECK("kpageflags_mapped_page", !(f >> KPF_BUDDY & 1) && !(f >> KPF_NOPAGE & 1) &&
	      (f >> 11 & 1), "%#llx", (unsigned long long)f);
	munmap(p, 32 * PG);
	rss2 = status_kb("VmRSS");
	CHECK("vmrss_shrinks_after_munmap", rss2 == rss0 && status_kb("VmHWM") >= rss1,
	      "VmRSS %ld after, %ld before", rss2, rss0);
	maps_line(p, line, sizeof(line));
	CHECK("maps_vma_gone", !line[0], "'%s'", line);
}

static void test_maps_names(void)
{
	char *maps = read_file("/proc/self/maps"), *smaps = read_file("/proc/self/smaps");
	char *roll = read_file("/proc/self/smaps_rollup");
	const char *l;
	int bad = 0;

	for (l = maps; l && *l; l = strchr(l, '\n') + 1) {
		unsigned long start, end, off, ino;
		char perms[5];
		unsigned int maj, min;
		int n = 0;

		bad += sscanf(l, "%lx-%lx %4s %lx %x:%x %lu %n", &start, &end, perms, &off, &maj,
			      &min, &ino, &n) != 7 || start >= end;
		if (strcspn(l, "\n") > 73 && l[72] != ' ' && l[73 - 1] != ' ')
			bad++;
	}
	CHECK("maps_lines_parse", maps && !bad, "%d: %s", bad, maps ? maps : "");
	/* The program's segments from its file (offset, device, inode, path), as Linux's. */
	l = maps ? find_line(maps, "00400000-") : NULL;
	CHECK("maps_text_heap_stack", l && strstr(l, " r-xp 00000000 ") &&
	      !strncmp(strchr(l, '\n') - 17, " /bin/procfs_test", 17) &&
	      strstr(maps, "[heap]\n") && strstr(maps, "[stack]\n"), "%s", maps ? maps : "");
	CHECK("smaps_fields", smaps && strstr(smaps, "\nSize:           ") &&
	      strstr(smaps, "\nRss:            ") && strstr(smaps, "\nPss_Dirty:      ") &&
	      strstr(smaps, "\nPrivate_Hugetlb:       0 kB\n") && strstr(smaps, "\nVmFlags: rd "),
	      "%.1200s", smaps ? smaps : "");
	CHECK("smaps_rollup", roll && strstr(roll, "[rollup]\nRss:            ") &&
	      strstr(roll, "\nPss_Anon:       "), "");
}

/* Every page of a free block is KPF_BUDDY, as in Linux: as many as buddyinfo counts. */
static void test_kpageflags_buddy(void)
{
	long blocks, free = -1, buddies = -2, slab = 0;
	size_t len;

	for (int tries = 0; tries < 10 && free != buddies; tries++) {
		uint64_t *f = (uint64_t *)read_from("/proc/kpageflags", 1 << 20, 0, &len);

		free = buddyinfo_free(&blocks);
		buddies = slab = 0;
		for (size_t i = 0; f && i < len / 8; i++) {
			buddies += f[i] >> KPF_BUDDY & 1;
			slab += f[i] >> KPF_SLAB & 1;
		}
	}
	CHECK("kpageflags_buddy_pages", free > 0 && buddies == free,
	      "%ld KPF_BUDDY, %ld free pages in buddyinfo", buddies, free);
	CHECK("kpageflags_slab_pages", slab > 0, "");
}

static void test_links_and_small_files(void)
{
	static const char limits_head[] =
		"Limit                     Soft Limit           Hard Limit           Units     \n"
		"Max cpu time              unlimited            unlimited            seconds   \n";
	char buf[256], *s;
	ssize_t n;

	n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	CHECK("exe_link", n > 0 && (buf[n] = 0, !strcmp(buf, "/bin/procfs_test")), "%s", buf);
	n = readlink("/proc/self/cwd", buf, sizeof(buf) - 1);
	CHECK("cwd_link", n == 1 && buf[0] == '/', "");
	n = readlink("/proc/self", buf, sizeof(buf) - 1);
	CHECK("self_link", n > 0 && (buf[n] = 0, atoi(buf) == getpid()), "%s", buf);
	n = readlink("/proc/self/fd/1", buf, sizeof(buf) - 1);
	CHECK("fd_link", n > 0 && (buf[n] = 0, !strcmp(buf, "/dev/console")), "%s", buf);
	s = read_file("/proc/self/fdinfo/1");
	CHECK("fdinfo", s && !strncmp(s, "pos:\t0\nflags:\t0", 15) && strstr(s, "\nmnt_id:\t") &&
	      strstr(s, "\nino:\t"), "%s", s ? s : "");
	s = read_from("/proc/self/cmdline", 4096, 0, (size_t *)&n);
	CHECK("cmdline", s && n == 17 && !memcmp(s, "/bin/procfs_test", 17), "");
	s = read_from("/proc/self/environ", 4096, 0, (size_t *)&n);
	CHECK("environ", s && n > 7 && !memcmp(s, "HOME=/", 7), "");
	s = read_file("/proc/self/limits");
	CHECK("limits", s && !strncmp(s, limits_head, strlen(limits_head)) &&
	      count_lines(s) == 17, "%s", s ? s : "");
	s = read_file("/proc/mounts");
	CHECK("mounts", s && strstr(s, "proc /proc proc rw 0 0\n"), "%s", s ? s : "");
	s = read_file("/proc/self/mountinfo");
	CHECK("mountinfo", s && strstr(s, " / /proc rw - proc proc rw\n"), "%s", s ? s : "");
}

/* 6.1 registers bdev at boot and never rootfs (mounted once, by its type). */
static void test_filesystems(void)
{
	char *f = read_file("/proc/filesystems");

	CHECK("filesystems_bdev_not_rootfs", f && strstr(f, "nodev\tbdev\n") &&
	      !strstr(f, "rootfs") && strstr(f, "\text4\n") && strstr(f, "nodev\ttmpfs\n"),
	      "%s", f ? f : "");
}

static void test_cpuinfo_devices_kallsyms_iomem(void)
{
	char *c = read_file("/proc/cpuinfo"), *d = read_file("/proc/devices");
	char *k = read_file("/proc/kallsyms"), *io = read_file("/proc/iomem");
	int cpus = 0, bad = 0;
	unsigned long prev = 0;
	const char *l;

	for (l = c; l && (l = strstr(l, "processor\t: ")); l++)
		cpus++;
	CHECK("cpuinfo_records", cpus == 4 && strstr(c, "\nBogoMIPS\t: ") &&
	      strstr(c, "\nFeatures\t: fp asimd") && strstr(c, "\nCPU implementer\t: 0x41\n"
	      "CPU architecture: 8\nCPU variant\t: 0x1\nCPU part\t: 0xd07\nCPU revision\t: 0\n\n"),
	      "%.300s", c ? c : "");
	/* A line per named range of minors, as Linux's drivers name them. */
	CHECK("devices", d && !strncmp(d, "Character devices:\n  1 mem\n  5 /dev/tty\n"
	      "  5 /dev/console\n204 ttyAMA\n\nBlock devices:\n", 84), "%s", d ? d : "");
	test_filesystems();
	for (l = k; l && *l; l = strchr(l, '\n') + 1) {
		unsigned long addr;
		char type, name[128];

		bad += sscanf(l, "%16lx %c %127s", &addr, &type, name) != 3 || addr < prev ||
		       !strchr("TtWw", type);
		prev = addr;
	}
	CHECK("kallsyms_sorted_text", k && !bad && count_lines(k) > 1000 &&
	      strstr(k, " T start_kernel\n"), "%d bad", bad);
	CHECK("iomem_ram_kernel", io && strstr(io, "System RAM\n") &&
	      strstr(io, "\n  ") && strstr(io, " : Kernel code\n") &&
	      strstr(io, " : Kernel data\n"), "%s", io ? io : "");
	/* memblock's reservations, page-aligned, split around the kernel as Linux does. */
	l = io ? strstr(io, " : Kernel code\n  ") : NULL;
	/* The device tree's devices, named after their nodes, as of_platform_populate does. */
	for (int i = 0, n = 0; i < 32; i++, bad = n) {
		char want[64];

		snprintf(want, sizeof(want), "\n0a00%04x-0a00%04x : virtio_mmio@a00%04x\n",
			 i * 0x200, i * 0x200 + 0x1ff, i * 0x200);
		n += !io || !strstr(io, want);
	}
	CHECK("iomem_devices", io && !strncmp(io, "00000000-03ffffff : flash@0\n", 28) &&
	      strstr(io, "\n09000000-09000fff : pl011@9000000\n09010000-09010fff : pl031@9010000\n")
	      && strstr(io, "\n4010000000-401fffffff : pcie@10000000\n") && !bad,
	      "%d virtio slots missing: %s", bad, io ? io : "");
	CHECK("iomem_reserved", l && !strncmp(strchr(l, '\n') + 20, " : reserved\n", 12) &&
	      count_lines(io) > 8 && strstr(io, "fff : reserved\n") && !strstr(io, "\n    "),
	      "%s", io ? io : "");
}

/* path's text is want exactly. */
static int file_is(const char *path, const char *want)
{
	char *s = read_file(path);

	if (s && strcmp(s, want))
		printf("# %s: '%s', not '%s'\n", path, s, want);
	return s && !strcmp(s, want);
}

static int link_is(const char *path, const char *want)
{
	char buf[256];
	ssize_t n = readlink(path, buf, sizeof(buf) - 1);

	if (n > 0)
		buf[n] = 0;
	if (n <= 0 || strcmp(buf, want))
		printf("# %s: '%s' (%zd), not '%s'\n", path, n > 0 ? buf : "", n, want);
	return n > 0 && !strcmp(buf, want);
}

/* Each node's MemTotal and MemFree, summed, against /proc/meminfo. */
static void test_sys_node_meminfo(void)
{
	long total = 0, free = -1, want_total = -2, want_free = -3;

	for (int tries = 0; tries < 10 && free != want_free; tries++) {
		char *m;

		refresh_vmstat();
		total = free = 0;
		for (int nid = 0; nid < 4; nid++) {
			char path[64], key[32];
			char *n;

			snprintf(path, sizeof(path), "/sys/devices/system/node/node%d/meminfo", nid);
			n = read_file(path);
			snprintf(key, sizeof(key), "Node %d MemTotal:", nid);
			total += n ? line_value(n, key) : -1000000;
			snprintf(key, sizeof(key), "Node %d MemFree:", nid);
			free += n ? line_value(n, key) : -1000000;
		}
		m = read_file("/proc/meminfo");
		want_total = m ? line_value(m, "MemTotal:") : -1;
		want_free = m ? line_value(m, "MemFree:") : -1;
	}
	CHECK("sys_node_meminfo_sums", total == want_total && free == want_free,
	      "nodes %ld/%ld kB, meminfo %ld/%ld kB", total, free, want_total, want_free);
}

static void test_sys(void)
{
	char *n;

	mkdir("/sys", 0555);
	CHECK("sysfs_mount", !mount("sysfs", "/sys", "sysfs", 0, NULL), "%s", strerror(errno));
	CHECK("sys_cpu_masks", file_is("/sys/devices/system/cpu/online", "0-3\n") &&
	      file_is("/sys/devices/system/cpu/possible", "0-3\n") &&
	      file_is("/sys/devices/system/cpu/present", "0-3\n") &&
	      file_is("/sys/devices/system/cpu/offline", "\n"), "");
	CHECK("sys_cpu_topology", file_is("/sys/devices/system/cpu/cpu2/topology/core_id", "2\n") &&
	      file_is("/sys/devices/system/cpu/cpu2/topology/thread_siblings_list", "2\n") &&
	      file_is("/sys/devices/system/cpu/cpu2/topology/package_cpus_list", "0-3\n") &&
	      file_is("/sys/devices/system/cpu/cpu2/topology/core_siblings", "f\n"), "");
	CHECK("sys_node_masks", file_is("/sys/devices/system/node/online", "0-3\n") &&
	      file_is("/sys/devices/system/node/has_memory", "0-3\n") &&
	      file_is("/sys/devices/system/node/node1/cpulist", "1\n") &&
	      file_is("/sys/devices/system/node/node1/cpumap", "2\n"), "");
	CHECK("sys_node_distance", file_is("/sys/devices/system/node/node1/distance",
					   "20 10 20 20\n"), "");
	CHECK("sys_links", link_is("/sys/devices/system/node/node1/cpu1", "../../cpu/cpu1") &&
	      link_is("/sys/devices/system/cpu/cpu1/node1", "../../node/node1") &&
	      access("/sys/devices/system/node/node1/cpu1/topology/core_id", R_OK) == 0, "");
	n = read_file("/sys/devices/system/node/node0/numastat");
	CHECK("sys_node_numastat", n && !strncmp(n, "numa_hit ", 9) && count_lines(n) == 6 &&
	      strstr(n, "\nother_node "), "%s", n ? n : "");
	n = read_file("/sys/devices/system/node/node0/vmstat");
	CHECK("sys_node_vmstat", n && !strncmp(n, "nr_free_pages ", 14) &&
	      strstr(n, "\nnuma_hit ") && strstr(n, "\nnr_kernel_stack "), "");
	n = read_file("/sys/devices/system/node/node0/meminfo");
	CHECK("sys_node_meminfo_format", n && count_lines(n) == 28 &&
	      !strncmp(n, "Node 0 MemTotal:       ", 23) && strstr(n, " kB\nNode 0 SUnreclaim:     "),
	      "%s", n ? n : "");
	test_sys_node_meminfo();
	CHECK("sys_kernel_mm", access("/sys/kernel/mm", X_OK) == 0, "");
}

static void write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		printf("# write %s: %s\n", path, strerror(errno));
	if (fd >= 0)
		close(fd);
}

/* Whether a child that inherited this process's oom_score_adj reads an oom_score in [lo, hi]. */
static bool child_oom_score_in(int lo, int hi)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		char *s = read_file("/proc/self/oom_score");

		if (s && atoi(s) >= lo && atoi(s) <= hi)
			_exit(0);
		printf("# child's oom_score: %s\n", s ? s : "(unreadable)");
		_exit(1);
	}
	return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       !WEXITSTATUS(status);
}

static void test_writable(void)
{
	char *s, name[16] = "";
	struct utsname u;
	long min0, min1;

	write_file("/proc/self/comm", "renamed");
	s = read_file("/proc/self/comm");
	prctl(PR_GET_NAME, name);
	CHECK("comm_write", s && !strcmp(s, "renamed\n") && !strcmp(name, "renamed"), "%s %s",
	      s ? s : "", name);
	write_file("/proc/self/comm", "procfs_test");
	write_file("/proc/self/oom_score_adj", "500");
	s = read_file("/proc/self/oom_score_adj");
	CHECK("oom_score_adj_write", s && !strcmp(s, "500\n"), "");
	/* init is never the OOM killer's choice: 0, as Linux prints it. */
	s = read_file("/proc/self/oom_score");
	CHECK("oom_score_init_zero", s && !strcmp(s, "0\n"), "%s", s ? s : "");
	/* Linux's scale: (1000 + badness * 1000 / pages) * 2 / 3, so adj 500 alone is 1000. */
	CHECK("oom_score_biased", child_oom_score_in(1000, 1333), "");
	write_file("/proc/sys/kernel/hostname", "procfs-host\n");
	CHECK("hostname_sysctl", !uname(&u) && !strcmp(u.nodename, "procfs-host"), "%s", u.nodename);
	s = read_file("/proc/sys/kernel/ostype");
	CHECK("ostype", s && !strcmp(s, "Linux\n"), "");
	CHECK("overcommit_sysctls", file_is("/proc/sys/vm/overcommit_memory", "0\n") &&
	      file_is("/proc/sys/vm/overcommit_ratio", "50\n"), "");
	s = read_file("/proc/sys/kernel/pid_max");
	CHECK("pid_max", s && !strcmp(s, "32768\n"), "%s", s ? s : "");
	s = read_file("/proc/zoneinfo");
	min0 = s ? line_value(strstr(s, "\n        min      "), "\n        min      ") : -1;
	s = read_file("/proc/sys/vm/min_free_kbytes");
	min1 = s ? atol(s) : -1;
	write_file("/proc/sys/vm/min_free_kbytes", "16384");
	s = read_file("/proc/zoneinfo");
	CHECK("min_free_kbytes_moves_watermarks", s && min0 > 0 &&
	      line_value(strstr(s, "\n        min      "), "\n        min      ") > min0, "");
	snprintf(name, sizeof(name), "%ld", min1);
	write_file("/proc/sys/vm/min_free_kbytes", name);
	write_file("/proc/sys/vm/drop_caches", "3");
	CHECK_ERR("drop_caches_range", (errno = 0, write(open("/proc/sys/vm/drop_caches", O_WRONLY),
		  "9", 1)), EINVAL);
}

/* Field n (from 1, n > 2) of a stat file, or -1. */
static long stat_field(const char *path, int n)
{
	char *s = read_file(path);
	const char *p = s ? strrchr(s, ')') : NULL;

	for (int field = 2; p && *p && field < n; p++)
		field += *p == ' ';
	return p ? strtol(p, NULL, 10) : -1;
}

static long self_stat(int n)
{
	return stat_field("/proc/self/stat", n);
}

/* A process's wchan: a name without a newline, as Linux prints it. */
static const char *wchan_of(pid_t pid)
{
	char path[32];

	snprintf(path, sizeof(path), "/proc/%d/wchan", pid);
	return read_file(path);
}

/* Waits (up to 5 s) for pid to be asleep, as its stat's state says. */
static bool asleep(pid_t pid)
{
	char path[32], *s;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	for (int i = 0; i < 500; i++, usleep(10000)) {
		s = read_file(path);
		if (s && strchr(s, ')') && !strncmp(strchr(s, ')'), ") S", 3))
			return true;
	}
	return false;
}

/*
 * wchan: the function a sleeping task waits in, as Linux names it (past the scheduler's
 * __sched functions); "0" for a running task; stat's field 35 says which.
 */
static void test_wchan(void)
{
	pid_t sleeper = fork(), waiter;
	char path[32];
	const char *w;

	if (sleeper == 0) {
		nanosleep(&(struct timespec){ 30, 0 }, NULL);
		_exit(0);
	}
	/* The waiter waits for a child of its own; both in a group of their own to kill. */
	waiter = fork();
	if (waiter == 0) {
		setpgid(0, 0);
		if (fork() == 0)
			pause();
		wait(NULL);
		_exit(0);
	}
	setpgid(waiter, waiter);
	CHECK("wchan_self_running", !strcmp(read_file("/proc/self/wchan"), "0") &&
	      self_stat(35) == 0, "'%s', stat %ld", read_file("/proc/self/wchan"), self_stat(35));
	w = asleep(sleeper) ? wchan_of(sleeper) : "awake";
	CHECK("wchan_nanosleep", !strcmp(w, "hrtimer_nanosleep"), "'%s'", w);
	snprintf(path, sizeof(path), "/proc/%d/stat", sleeper);
	CHECK("stat_wchan_sleeping", stat_field(path, 35) == 1, "%ld", stat_field(path, 35));
	w = asleep(waiter) ? wchan_of(waiter) : "awake";
	CHECK("wchan_wait", !strcmp(w, "do_wait"), "'%s'", w);
	CHECK("wchan_kthreadd", !strcmp(wchan_of(2), "kthreadd"), "'%s'", wchan_of(2));
	kill(sleeper, SIGKILL);
	kill(-waiter, SIGKILL);
	waitpid(sleeper, NULL, 0);
	while (waitpid(-waiter, NULL, 0) > 0)
		;
}

/* Reading a process's files while it exits and is reaped gives its text or ENOENT/ESRCH. */
static void test_exiting_children(void)
{
	static const char *const files[] = { "stat", "status", "limits", "oom_score", "maps" };
	int bad = 0, read_ok = 0;

	for (int i = 0; i < 40; i++) {
		pid_t pid = fork();
		char path[64];

		if (pid == 0)
			_exit(0);
		for (int r = 0; r < 3; r++)
			for (size_t f = 0; f < sizeof(files) / sizeof(*files); f++) {
				char *text;

				snprintf(path, sizeof(path), "/proc/%d/%s", pid, files[f]);
				errno = 0;
				text = read_file(path);
				read_ok += text != NULL;
				bad += !text && errno != ENOENT && errno != ESRCH;
			}
		waitpid(pid, NULL, 0);
		snprintf(path, sizeof(path), "/proc/%d/stat", pid);
		bad += access(path, F_OK) == 0;
	}
	CHECK("exiting_children_reads", !bad && read_ok > 0, "%d bad, %d read", bad, read_ok);
}

static void test_directories(void)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	int self = 0, init = 0, meminfo = 0;
	char path[64];

	while (d && (de = readdir(d))) {
		self += !strcmp(de->d_name, "self");
		init += !strcmp(de->d_name, "1");
		meminfo += !strcmp(de->d_name, "meminfo");
	}
	if (d)
		closedir(d);
	CHECK("proc_readdir", self == 1 && init == 1 && meminfo == 1, "self %d init %d meminfo %d",
	      self, init, meminfo);
	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", getpid());
	CHECK("task_tid_stat", access(path, R_OK) == 0, "");
}

/* ---- Debian's procps and numactl, run unchanged (argv[1] "procps") ------------------------ */

/* What a program printed (stdout and stderr): static, so reading it adds no mapping. */
static char prog_out[1 << 16];

/* argv[0] run with its output into prog_out; its wait status, or -1 if it could not run. */
static int run_prog(char *const argv[])
{
	static char *const envp[] = { "PATH=/usr/bin:/bin", "TERM=linux", "HOME=/", NULL };
	size_t len = 0;
	ssize_t n;
	int fds[2], status;
	pid_t pid;

	prog_out[0] = '\0';
	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		execve(argv[0], argv, envp);
		_exit(127);
	}
	close(fds[1]);
	while (pid > 0 && len < sizeof(prog_out) - 1 &&
	       (n = read(fds[0], prog_out + len, sizeof(prog_out) - 1 - len)) > 0)
		len += (size_t)n;
	prog_out[len] = '\0';
	close(fds[0]);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

/* argv run, checked to exit 0, and its output shown as KTAP comments. */
static bool ran_ok(const char *name, char *const argv[])
{
	int status = run_prog(argv);

	CHECK(name, status == 0, "status %#x: %.300s", status, prog_out);
	if (status)
		return false;
	for (const char *l = prog_out; *l; l += strcspn(l, "\n") + (l[strcspn(l, "\n")] != 0))
		printf("# %.*s\n", (int)strcspn(l, "\n"), l);
	return true;
}

/* The line of text whose whitespace-separated column col (from 0) is word, or NULL. */
static const char *row_with(const char *text, int col, const char *word)
{
	size_t n = strlen(word);

	for (const char *l = text; *l; l += strcspn(l, "\n") + (l[strcspn(l, "\n")] != 0)) {
		const char *p = l + strspn(l, " ");

		for (int c = 0; c < col && *p != '\n' && *p; c++) {
			p += strcspn(p, " \n");
			p += strspn(p, " ");
		}
		if (!strncmp(p, word, n) && (p[n] == ' ' || p[n] == '\n' || !p[n]))
			return l;
	}
	return NULL;
}

struct self_mem {
	long vsz, rss;		/* kB */
};

static struct self_mem self_mem(void)
{
	return (struct self_mem){ self_stat(23) >> 10, self_stat(24) * (long)(PG >> 10) };
}

/* free: total is MemTotal, used is total - available (procps 4), the rest meminfo's. */
static void test_free(void)
{
	char *argv[] = { "/usr/bin/free", NULL };
	long total, used, free, shared, cache, avail, lo_free = meminfo_kb("MemFree");
	long cached = meminfo_kb("Cached") + meminfo_kb("Buffers") + meminfo_kb("SReclaimable");
	const char *l;

	if (!ran_ok("free_runs", argv))
		return;
	l = find_line(prog_out, "Mem:");
	CHECK("free_mem_line", l && sscanf(l, "Mem: %ld %ld %ld %ld %ld %ld", &total, &used, &free,
	      &shared, &cache, &avail) == 6 && total == meminfo_kb("MemTotal") &&
	      used == total - avail && shared == meminfo_kb("Shmem") && cache == cached &&
	      within(free, lo_free - 2048, meminfo_kb("MemFree") + 2048), "%s", prog_out);
	l = find_line(prog_out, "Swap:");
	CHECK("free_swap_line", l && sscanf(l, "Swap: %ld %ld %ld", &total, &used, &free) == 3 &&
	      total == 0 && used == 0 && free == 0, "%s", prog_out);
}

/* ps: this process's VSZ and RSS as /proc/self/stat gives them (read before and after). */
static void test_ps(void)
{
	char *eo[] = { "/bin/ps", "-eo", "pid,vsz,rss,comm", NULL };
	char *aux[] = { "/bin/ps", "aux", NULL };
	struct self_mem m0 = self_mem(), m1;
	long vsz = -1, rss = -1;
	char pid[16], comm[32] = "", stat[8] = "", start[8] = "", want[8];
	const char *l;
	time_t started;

	snprintf(pid, sizeof(pid), "%d", getpid());
	if (!ran_ok("ps_eo_runs", eo))
		return;
	m1 = self_mem();
	CHECK("ps_eo_header", !strncmp(prog_out, "  PID    VSZ   RSS COMMAND\n", 27), "%.40s", prog_out);
	l = row_with(prog_out, 0, pid);
	CHECK("ps_eo_self", l && sscanf(l, "%*d %ld %ld %31s", &vsz, &rss, comm) == 3 &&
	      !strcmp(comm, "procfs_test") && within(vsz, m0.vsz, m1.vsz) &&
	      within(rss, m0.rss, m1.rss), "ps %ld kB %ld kB, stat %ld-%ld kB %ld-%ld kB", vsz,
	      rss, m0.vsz, m1.vsz, m0.rss, m1.rss);
	if (!ran_ok("ps_aux_runs", aux))
		return;
	m1 = self_mem();
	CHECK("ps_aux_header", row_with(prog_out, 0, "USER") &&
	      strstr(prog_out, "PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n"),
	      "%.80s", prog_out);
	/* START is when this process began, boot time plus its start in clock ticks (UTC). */
	started = (time_t)(line_value(read_file("/proc/stat"), "btime ") +
			   self_stat(22) / sysconf(_SC_CLK_TCK));
	strftime(want, sizeof(want), "%H:%M", gmtime(&started));
	l = row_with(prog_out, 1, pid);
	CHECK("ps_aux_self", l && sscanf(l, "%*s %*d %*s %*s %ld %ld %*s %7s %7s", &vsz, &rss,
	      stat, start) == 4 && within(vsz, m0.vsz, m1.vsz) && within(rss, m0.rss, m1.rss) &&
	      stat[0] == 'S' && !strcmp(start, want) && strstr(l, " /bin/procfs_test procps\n"),
	      "%.100s (START %s)", l ? l : prog_out, want);
}

/* top -b: the memory summary in MiB from meminfo, and this process's VIRT and RES. */
static void test_top(void)
{
	char *argv[] = { "/usr/bin/top", "-b", "-n", "1", NULL };
	char want[32], pid[16];
	struct self_mem m0 = self_mem(), m1;
	const char *l;
	long virt = -1, res = -1;
	int tasks = -1;

	snprintf(pid, sizeof(pid), "%d", getpid());
	if (!ran_ok("top_runs", argv))
		return;
	m1 = self_mem();
	snprintf(want, sizeof(want), "MiB Mem : %8.1f total,", meminfo_kb("MemTotal") / 1024.0);
	l = find_line(prog_out, "Tasks:");
	CHECK("top_summary", find_line(prog_out, "top - ") && l &&
	      sscanf(l, "Tasks: %d total,", &tasks) == 1 && tasks > 2 &&
	      find_line(prog_out, "%Cpu(s):") && find_line(prog_out, want) &&
	      find_line(prog_out, "MiB Swap:      0.0 total,      0.0 free,      0.0 used."),
	      "want '%s': %.400s", want, prog_out);
	l = row_with(prog_out, 0, pid);
	CHECK("top_self", l && sscanf(l, "%*d %*s %*d %*d %ld %ld", &virt, &res) == 2 &&
	      within(virt, m0.vsz, m1.vsz) && within(res, m0.rss, m1.rss) &&
	      strstr(l, " procfs_t"), "%.100s: VIRT %ld-%ld RES %ld-%ld", l ? l : prog_out,
	      m0.vsz, m1.vsz, m0.rss, m1.rss);
}

/* vmstat 1 3: Linux's two header lines, three samples whose cpu shares add up to 100. */
static void test_vmstat(void)
{
	static const char header[] = "procs -----------memory---------- ---swap-- -----io---- "
		"-system-- ------cpu-----\n r  b   swpd   free   buff  cache   si   so    bi    bo "
		"  in   cs us sy id wa st\n";
	char *argv[] = { "/usr/bin/vmstat", "1", "3", NULL };
	long v[17], lo_free = meminfo_kb("MemFree");
	int samples = 0, cpu_ok = 0;

	if (!ran_ok("vmstat_runs", argv))
		return;
	CHECK("vmstat_header", !strncmp(prog_out, header, strlen(header)), "%.180s", prog_out);
	for (const char *l = strchr(strchr(prog_out, '\n') + 1, '\n') + 1; *l;
	     l += strcspn(l, "\n") + 1, samples++) {
		if (sscanf(l, "%ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld",
			   &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8], &v[9],
			   &v[10], &v[11], &v[12], &v[13], &v[14], &v[15], &v[16]) != 17)
			break;
		cpu_ok += v[0] >= 1 && v[2] == 0 && within(v[3], lo_free - 4096, lo_free + 4096) &&
			  v[6] == 0 && v[7] == 0 && within(v[12] + v[13] + v[14] + v[15] + v[16], 99, 101);
	}
	CHECK("vmstat_samples", samples == 3 && cpu_ok == 3, "%d samples, %d good", samples, cpu_ok);
}

/* slabtop -o: as many caches as /proc/slabinfo lists, each of its names among them. */
static void test_slabtop(void)
{
	char *argv[] = { "/usr/bin/slabtop", "-o", NULL };
	char *slabinfo = read_file("/proc/slabinfo"), name[64];
	int active = -1, total = -1, missing = 0, caches = slabinfo ? count_lines(slabinfo) - 2 : -1;
	const char *l;

	if (!ran_ok("slabtop_runs", argv))
		return;
	l = find_line(prog_out, " Active / Total Caches (% used)");
	CHECK("slabtop_caches", l && sscanf(strchr(l, ':') + 1, "%d / %d", &active, &total) == 2 &&
	      total == caches && active <= total, "%d/%d caches, slabinfo %d", active, total, caches);
	l = strstr(prog_out, "  OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME");
	for (l = l ? strchr(l, '\n') + 1 : ""; *l; l += strcspn(l, "\n") + (l[strcspn(l, "\n")] != 0))
		if (sscanf(l, "%*d %*d %*s %*s %*d %*d %*s %63s", name) != 1 ||
		    !row_with(strchr(slabinfo, '\n') + 1, 0, name))
			missing++;
	CHECK("slabtop_names", missing == 0, "%d names not in slabinfo", missing);
}

/* pmap -x: a line per VMA of /proc/self/maps, and their total size. */
static void test_pmap(void)
{
	char pid[16], *maps;
	char *argv[] = { "/usr/bin/pmap", "-x", pid, NULL };
	unsigned long start, end, want = 0;
	long kbytes = -1, rss = -1, dirty = -1, rss0 = status_kb("VmRSS"), rss1;
	int vmas = 0, lines;
	const char *l;

	snprintf(pid, sizeof(pid), "%d", getpid());
	maps = read_file("/proc/self/maps");
	for (l = maps; l && *l; l += strcspn(l, "\n") + 1, vmas++)
		if (sscanf(l, "%lx-%lx", &start, &end) == 2)
			want += (end - start) >> 10;
	if (!ran_ok("pmap_runs", argv))
		return;
	rss1 = status_kb("VmRSS");
	lines = count_lines(prog_out);
	l = find_line(prog_out, "total kB");
	CHECK("pmap_header", !strncmp(prog_out + strlen(pid), ":   /bin/procfs_test procps\n"
	      "Address           Kbytes     RSS   Dirty Mode  Mapping\n", 83), "%.90s", prog_out);
	CHECK("pmap_one_line_per_vma", lines == vmas + 4, "%d lines, %d VMAs", lines, vmas);
	CHECK("pmap_total", l && sscanf(l, "total kB %ld %ld %ld", &kbytes, &rss, &dirty) == 3 &&
	      kbytes == (long)want && within(rss, rss0, rss1) && dirty <= rss,
	      "%ld kB (maps %lu) rss %ld (VmRSS %ld-%ld)", kbytes, want, rss, rss0, rss1);
}

/* The three load averages after "load average: " (uptime) or at the start (/proc/loadavg). */
static bool loadavgs(const char *text, const char *fmt, double la[3])
{
	return text && sscanf(text, fmt, &la[0], &la[1], &la[2]) == 3;
}

/* uptime: the time of day, the minutes up, and /proc/loadavg's three averages. */
static void test_uptime(void)
{
	char *argv[] = { "/usr/bin/uptime", NULL };
	char want[16], got[16];
	double up = 0, got_la[3], before[3], after[3];
	int mins = -1;
	time_t now = time(NULL);

	loadavgs(read_file("/proc/loadavg"), "%lf %lf %lf", before);
	if (!ran_ok("uptime_runs", argv))
		return;
	loadavgs(read_file("/proc/loadavg"), "%lf %lf %lf", after);
	sscanf(read_file("/proc/uptime"), "%lf", &up);
	strftime(want, sizeof(want), "%H:%M", gmtime(&now));
	CHECK("uptime_line", sscanf(prog_out, " %15s up %d min,", got, &mins) == 2 &&
	      !strncmp(got, want, 5) && within(mins, 0, (long)up / 60), "%s (now %s)", prog_out,
	      want);
	CHECK("uptime_loadavg", loadavgs(strstr(prog_out, "load average: "),
					 "load average: %lf, %lf, %lf", got_la) &&
	      (!memcmp(got_la, before, sizeof(before)) || !memcmp(got_la, after, sizeof(after))),
	      "'%s', /proc/loadavg %.2f %.2f", prog_out, before[0], after[0]);
}

/* A node's sysfs file, read whole. */
static char *node_file(int nid, const char *name)
{
	char path[64];

	snprintf(path, sizeof(path), "/sys/devices/system/node/node%d/%s", nid, name);
	return read_file(path);
}

/* numastat: the four nodes' counters between two reads of their numastat files. */
static void test_numastat(void)
{
	static const char *const rows[] = { "numa_hit", "numa_miss", "numa_foreign",
					    "interleave_hit", "local_node", "other_node" };
	char *argv[] = { "/usr/bin/numastat", NULL };
	long before[4][6], after[4][6], got[4];
	int bad = 0;

	for (int nid = 0; nid < 4; nid++)
		for (int r = 0; r < 6; r++)
			before[nid][r] = line_value(node_file(nid, "numastat"), rows[r]);
	if (!ran_ok("numastat_runs", argv))
		return;
	for (int nid = 0; nid < 4; nid++)
		for (int r = 0; r < 6; r++)
			after[nid][r] = line_value(node_file(nid, "numastat"), rows[r]);
	CHECK("numastat_nodes", find_line(prog_out, "                           node0           node1"
	      "           node2           node3\n"), "%.100s", prog_out);
	for (int r = 0; r < 6; r++) {
		const char *l = find_line(prog_out, rows[r]);

		if (!l || sscanf(l + strlen(rows[r]), "%ld %ld %ld %ld", &got[0], &got[1], &got[2],
				 &got[3]) != 4) {
			bad++;
			continue;
		}
		for (int nid = 0; nid < 4; nid++)
			bad += !within(got[nid], before[nid][r], after[nid][r]);
	}
	CHECK("numastat_counters", bad == 0, "%d values outside the sysfs reads", bad);
}

/* numactl --hardware: each node's cpu, its size from its meminfo, the distance table. */
static void test_numactl(void)
{
	char *argv[] = { "/usr/bin/numactl", "--hardware", NULL };
	char want[64], key[32];
	int bad = 0;

	if (!ran_ok("numactl_runs", argv))
		return;
	CHECK("numactl_available", find_line(prog_out, "available: 4 nodes (0-3)\n"), "%.60s",
	      prog_out);
	for (int nid = 0; nid < 4; nid++) {
		snprintf(key, sizeof(key), "Node %d MemTotal:", nid);
		snprintf(want, sizeof(want), "node %d cpus: %d\nnode %d size: %ld MB\n", nid, nid,
			 nid, line_value(node_file(nid, "meminfo"), key) / 1024);
		bad += !strstr(prog_out, want);
	}
	CHECK("numactl_nodes", bad == 0, "%d nodes differ from sysfs: %s", bad, prog_out);
	bad = 0;
	for (int nid = 0; nid < 4; nid++) {
		int d[4] = { -1, -1, -1, -1 };
		char *dist = node_file(nid, "distance");

		snprintf(key, sizeof(key), "  %d:", nid);
		sscanf(dist ? dist : "", "%d %d %d %d", &d[0], &d[1], &d[2], &d[3]);
		snprintf(want, sizeof(want), "  %d:  %2d  %2d  %2d  %2d \n", nid, d[0], d[1], d[2], d[3]);
		bad += !find_line(prog_out, want) || d[nid] != 10;
	}
	CHECK("numactl_distances", bad == 0, "%d rows differ from sysfs", bad);
}

/*
 * numactl's policies: mempolicy_test's child mode finds its pages where each puts them,
 * and numactl --show reports each as Linux's get_mempolicy lets it.
 */
static void test_numactl_policies(void)
{
	static const char *const runs[][7] = {
		{ "--membind=1", "2", "0x2", "bind:1", "0,32,0,0", "policy: bind\n",
		  "preferred node: 1\n" },
		{ "--interleave=all", "3", "0xf", "interleave:0-3", "8,8,8,8",
		  "policy: interleave\n", "interleavemask: 0 1 2 3 \n" },
		{ "--preferred=3", "1", "0x8", "prefer:3", "0,0,0,32", "policy: preferred\n",
		  "preferred node: 3\n" },
	};
	char *show[] = { "/usr/bin/numactl", "--show", NULL };
	char name[48];

	if (ran_ok("numactl_show_default", show))
		CHECK("numactl_show_default_text", strstr(prog_out, "policy: default\n") &&
		      strstr(prog_out, "preferred node: current\n") &&
		      strstr(prog_out, "membind: 0 1 2 3 \n"), "%s", prog_out);
	for (size_t i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		char *child[] = { "/usr/bin/numactl", (char *)runs[i][0], "/bin/mempolicy_test",
				  "child", (char *)runs[i][1], (char *)runs[i][2],
				  (char *)runs[i][3], (char *)runs[i][4], NULL };
		char *shown[] = { "/usr/bin/numactl", (char *)runs[i][0], "/usr/bin/numactl",
				  "--show", NULL };

		int opt = (int)strcspn(runs[i][0] + 2, "=");

		snprintf(name, sizeof(name), "numactl_%.*s_pages", opt, runs[i][0] + 2);
		ran_ok(name, child);
		snprintf(name, sizeof(name), "numactl_%.*s_show", opt, runs[i][0] + 2);
		if (!ran_ok(name, shown))
			continue;
		strcat(name, "_text");
		CHECK(name, strstr(prog_out, runs[i][5]) && strstr(prog_out, runs[i][6]), "%s",
		      prog_out);
	}
}

/* get_mempolicy, what numactl asks: the default policy, the allowed nodes, a page's node. */
static void test_get_mempolicy(void)
{
	unsigned long mask = ~0UL;
	int mode = -1, nid = -1;
	cpu_set_t cpus, two;
	char *p;

	CHECK("get_mempolicy_default", !syscall(SYS_get_mempolicy, &mode, &mask, 64, 0, 0) &&
	      mode == 0 && mask == 0, "mode %d mask %#lx", mode, mask);
	CHECK("get_mempolicy_mems_allowed", !syscall(SYS_get_mempolicy, &mode, &mask, 64, 0, 4) &&
	      mask == 0xf, "mask %#lx", mask);
	/* The default policy puts a page on the node of the cpu that touches it. */
	sched_getaffinity(0, sizeof(cpus), &cpus);
	CPU_ZERO(&two);
	CPU_SET(2, &two);
	sched_setaffinity(0, sizeof(two), &two);
	p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	p[0] = 1;
	CHECK("get_mempolicy_node_of_page", !syscall(SYS_get_mempolicy, &nid, NULL, 0, p, 3) &&
	      nid == 2, "node %d", nid);
	sched_setaffinity(0, sizeof(cpus), &cpus);
	munmap(p, PG);
	CHECK_ERR("get_mempolicy_unmapped_efault", syscall(SYS_get_mempolicy, &nid, NULL, 0, p, 3),
		  EFAULT);
	CHECK_ERR("get_mempolicy_short_mask_einval",
		  syscall(SYS_get_mempolicy, &mode, &mask, 2, 0, 0), EINVAL);
	CHECK_ERR("get_mempolicy_addr_without_flag_einval",
		  syscall(SYS_get_mempolicy, &mode, NULL, 0, p, 0), EINVAL);
	CHECK_ERR("get_mempolicy_bad_flags_einval",
		  syscall(SYS_get_mempolicy, &mode, NULL, 0, 0, 8), EINVAL);
	CHECK_ERR("get_mempolicy_efault", syscall(SYS_get_mempolicy, (int *)8, NULL, 0, 0, 0),
		  EFAULT);
}

/* The pages of slab caches: slabinfo's <num_slabs> times <pagesperslab>, summed. */
static long slabinfo_pages(void)
{
	char *s = read_file("/proc/slabinfo");
	long pages = 0, per, slabs;

	for (const char *l = s ? strchr(strchr(s, '\n') + 1, '\n') + 1 : ""; *l;
	     l += strcspn(l, "\n") + 1)
		if (sscanf(l, "%*s %*d %*d %*d %*d %ld : tunables %*d %*d %*d : slabdata %*d %ld",
			   &per, &slabs) == 2)
			pages += per * slabs;
	return pages;
}

/* page-types' summary: the pages of each flag bit, and the total line. */
struct page_types {
	long total, sum, buddy, slab, anon;
};

static struct page_types page_types_summary(void)
{
	struct page_types pt = { -1, 0, 0, 0, 0 };
	unsigned long long flags;
	long count;

	for (const char *l = prog_out; *l; l += strcspn(l, "\n") + (l[strcspn(l, "\n")] != 0)) {
		if (sscanf(l, "             total\t%ld", &count) == 1)
			pt.total = count;
		if (sscanf(l, "0x%llx\t%ld", &flags, &count) != 2)
			continue;
		pt.sum += count;
		pt.buddy += flags >> KPF_BUDDY & 1 ? count : 0;
		pt.slab += flags >> KPF_SLAB & 1 ? count : 0;
		pt.anon += flags >> KPF_ANON & 1 ? count : 0;
	}
	return pt;
}

/*
 * Linux's tools/vm/page-types: every page of a free block is buddy (MemFree, give or take
 * what page-types itself takes), slab pages are slabinfo's, and with -p this process's
 * resident pages are its VmRSS, its anonymous ones listed at the pfns pagemap gives.
 */
static void test_page_types(void)
{
	enum { NPAGES = 37 };
	char pid[16], range[48];
	char *all[] = { "/bin/page-types", NULL };
	char *task[] = { "/bin/page-types", "-p", pid, NULL };
	char *list[] = { "/bin/page-types", "-p", pid, "-a", range, "-L", "-N", NULL };
	long free0 = meminfo_kb("MemFree") / 4, slab0 = slabinfo_pages(), free1, slab1;
	long rss0, rss1, bad = 0;
	char *p = mmap(NULL, NPAGES * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);
	struct page_types pt;
	const char *l;

	if (!ran_ok("page_types_runs", all))
		goto out;
	pt = page_types_summary();
	CHECK("page_types_total", pt.total == pt.sum && pt.total >= (1L << 30) / (long)PG,
	      "total %ld, lines %ld", pt.total, pt.sum);
	free1 = meminfo_kb("MemFree") / 4;
	slab1 = slabinfo_pages();
	CHECK("page_types_buddy_is_memfree", near(pt.buddy, free0, free1, 2048),
	      "buddy %ld pages, MemFree %ld-%ld", pt.buddy, free0, free1);
	CHECK("page_types_slab_is_slabinfo", near(pt.slab, slab0, slab1, 64),
	      "slab %ld pages, slabinfo %ld-%ld", pt.slab, slab0, slab1);
	snprintf(pid, sizeof(pid), "%d", getpid());
	rss0 = status_kb("VmRSS") / 4;
	if (!ran_ok("page_types_pid_runs", task))
		goto out;
	rss1 = status_kb("VmRSS") / 4;
	pt = page_types_summary();
	CHECK("page_types_pid_is_rss", within(pt.total, rss0, rss1) && pt.anon > 0,
	      "%ld pages (%ld anonymous), VmRSS %ld-%ld pages", pt.total, pt.anon, rss0, rss1);
	for (int i = 0; i < NPAGES; i++)
		p[i * PG] = 1;
	snprintf(range, sizeof(range), "0x%lx+%d", (unsigned long)p / PG, NPAGES);
	if (!ran_ok("page_types_list_runs", list))
		goto out;
	l = strchr(prog_out, '\n');
	for (int i = 0; i < NPAGES; i++, l = l ? strchr(l + 1, '\n') : NULL) {
		unsigned long voff = 0, pfn = 0;
		char sym[64] = "";

		bad += !l || sscanf(l + 1, "%lx\t%lx\t%63s", &voff, &pfn, sym) != 3 ||
		       voff != (unsigned long)p / PG + i ||
		       pfn != (pagemap_entry(p + i * PG) & ((1ULL << 55) - 1)) ||
		       sym[KPF_ANON] != 'a' || sym[KPF_MMAP] != 'M';
	}
	CHECK("page_types_list_anon_pages", bad == 0 && count_lines(prog_out) == NPAGES + 1,
	      "%ld of %d pages differ: %.200s", bad, NPAGES, prog_out);
out:
	munmap(p, NPAGES * PG);
}

/* The procps boot case: Debian's dynamically linked tools against this kernel's files. */
static int procps_main(void)
{
	ktap_suite = "procps";
	mkdir("/sys", 0555);
	if (mount("sysfs", "/sys", "sysfs", 0, NULL))
		printf("# mount /sys: %s\n", strerror(errno));
	test_get_mempolicy();
	test_free();
	test_ps();
	test_top();
	test_vmstat();
	test_slabtop();
	test_pmap();
	test_uptime();
	test_numastat();
	test_numactl();
	test_numactl_policies();
	test_page_types();
	return ktap_done();
}

/* argv[1] "procps": Debian's procps and numactl (their boot case gives the initramfs). */
int main(int argc, char **argv)
{
	ktap_suite = "procfs";
	/* The buffers' pages present from the start, so smaps stays the same while reading. */
	memset(bufs, 0, sizeof(bufs));
	memset(whole, 0, sizeof(whole));
	memset(prog_out, 0, sizeof(prog_out));
	mkdir("/proc", 0555);
	if (mount("proc", "/proc", "proc", 0, NULL))
		printf("# mount /proc: %s\n", strerror(errno));
	if (argc > 1 && !strcmp(argv[1], "procps"))
		return procps_main();
	test_pieces();
	test_system_files();
	test_meminfo_format();
	test_memfree_is_buddy();
	test_shmem_meminfo();
	test_vmstat_pgalloc_pgfree();
	test_zoneinfo_format();
	test_vmstat_slabinfo();
	test_stat_uptime_loadavg();
	test_status_format();
	test_stat_statm();
	test_rss_maps_pagemap();
	test_maps_names();
	test_kpageflags_buddy();
	test_links_and_small_files();
	test_cpuinfo_devices_kallsyms_iomem();
	test_sys();
	test_writable();
	test_directories();
	test_exiting_children();
	test_wchan();
	return ktap_done();
}
