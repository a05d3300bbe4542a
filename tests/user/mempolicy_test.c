/*
 * NUMA memory policies as init on the four-node machine: set_mempolicy, mbind and
 * get_mempolicy with raw system calls, each policy's pages found where it puts them
 * (get_mempolicy's MPOL_F_NODE | MPOL_F_ADDR and /proc/self/numa_maps), the errors
 * Linux gives, policies through VMA splits and merges, fork and mremap. With argv[1]
 * "numactl", Debian's numactl runs this program (argv[1] "child") under --membind,
 * --interleave and --preferred, and numactl --show reports each policy.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "ktap.h"

#define PG		4096UL
#define NODES		4
#define ALL_NODES	0xfUL

enum { MPOL_DEFAULT, MPOL_PREFERRED, MPOL_BIND, MPOL_INTERLEAVE, MPOL_LOCAL,
       MPOL_PREFERRED_MANY, MPOL_MAX };
#define MPOL_F_STATIC_NODES	(1 << 15)
#define MPOL_F_RELATIVE_NODES	(1 << 14)
#define MPOL_F_NODE		(1 << 0)
#define MPOL_F_ADDR		(1 << 1)
#define MPOL_MF_STRICT		(1 << 0)
#define MPOL_MF_MOVE		(1 << 1)

static long set_policy(int mode, unsigned long mask)
{
	return syscall(SYS_set_mempolicy, mode, mask ? &mask : NULL, mask ? 65 : 0);
}

static long mbind_mask(void *p, unsigned long len, int mode, unsigned long mask,
		       unsigned int flags)
{
	return syscall(SYS_mbind, p, len, mode, mask ? &mask : NULL, mask ? 65 : 0, flags);
}

/* The policy mode (and its nodes into *mask) of the VMA at p, or the task's (p NULL). */
static int policy_of(void *p, unsigned long *mask)
{
	int mode = -1;

	*mask = ~0UL;
	if (syscall(SYS_get_mempolicy, &mode, mask, 64, p, p ? MPOL_F_ADDR : 0))
		return -errno;
	return mode;
}

static int node_of(void *p)
{
	int nid = -1;

	return syscall(SYS_get_mempolicy, &nid, NULL, 0, p, MPOL_F_NODE | MPOL_F_ADDR) ? -errno
											: nid;
}

/*
 * npages of read-write memory no other VMA can merge with: the middle of a mapping
 * whose ends stay PROT_NONE.
 */
static char *map_region(unsigned long npages)
{
	char *p = mmap(NULL, (npages + 2) * PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED || mprotect(p + PG, npages * PG, PROT_READ | PROT_WRITE))
		return NULL;
	return p + PG;
}

static void unmap_region(char *p, unsigned long npages)
{
	munmap(p - PG, (npages + 2) * PG);
}

static void touch(char *p, unsigned long npages)
{
	for (unsigned long i = 0; i < npages; i++)
		p[i * PG] = 1;
}

/* How many of the npages at p are on each node; -1 if a page has none. */
static int count_nodes(char *p, unsigned long npages, int counts[NODES])
{
	memset(counts, 0, NODES * sizeof(int));
	for (unsigned long i = 0; i < npages; i++) {
		int nid = node_of(p + i * PG);

		if (nid < 0 || nid >= NODES)
			return -1;
		counts[nid]++;
	}
	return 0;
}

static char numa_maps[1 << 16];

/* The line of /proc/self/numa_maps for the VMA starting at p, without its newline. */
static const char *numa_maps_line(void *p)
{
	char prefix[32];
	size_t len = 0;
	ssize_t n;
	int fd = open("/proc/self/numa_maps", O_RDONLY);

	if (fd < 0)
		return "";
	while ((n = read(fd, numa_maps + len, sizeof(numa_maps) - 1 - len)) > 0)
		len += (size_t)n;
	numa_maps[len] = '\0';
	close(fd);
	snprintf(prefix, sizeof(prefix), "%08lx ", (unsigned long)p);
	for (char *l = numa_maps; *l; l += strcspn(l, "\n") + (l[strcspn(l, "\n")] != 0)) {
		if (!strncmp(l, prefix, strlen(prefix))) {
			l[strcspn(l, "\n")] = '\0';
			return l;
		}
	}
	return "";
}

/*
 * numa_maps says policy for the VMA at p, and each node's count (0: absent); with
 * want NULL, only the policy.
 */
static bool numa_maps_shows(void *p, const char *policy, const int want[NODES])
{
	const char *l = numa_maps_line(p);
	char prefix[48];

	snprintf(prefix, sizeof(prefix), "%08lx %s", (unsigned long)p, policy);
	if (strncmp(l, prefix, strlen(prefix)) || (l[strlen(prefix)] && l[strlen(prefix)] != ' '))
		return false;
	for (int nid = 0; want && nid < NODES; nid++) {
		const char *n;

		snprintf(prefix, sizeof(prefix), " N%d=", nid);
		n = strstr(l, prefix);
		if (want[nid] ? !n || atoi(n + strlen(prefix)) != want[nid] : n != NULL)
			return false;
	}
	return true;
}

static void check_name(char *buf, const char *name, const char *what)
{
	snprintf(buf, 64, "%s_%s", name, what);
}

/*
 * A fresh region touched under the task's policy: its pages are on the nodes of allowed,
 * want[nid] of them on each (want NULL: any split), and numa_maps says so.
 */
static void check_task_policy(const char *name, int mode, unsigned long mask,
			      const char *shown, unsigned long allowed, const int *want)
{
	char *p = map_region(64), check[64];
	int counts[NODES], on = 0;
	unsigned long got;

	check_name(check, name, "set");
	CHECK(check, p && set_policy(mode, mask) == 0, "%s", strerror(errno));
	check_name(check, name, "get");
	CHECK(check, policy_of(NULL, &got) == mode && got == (mode == MPOL_LOCAL ? 0 : mask),
	      "mode %d mask %#lx", policy_of(NULL, &got), got);
	touch(p, 64);
	if (!count_nodes(p, 64, counts))
		for (int nid = 0; nid < NODES; nid++)
			on += (allowed >> nid & 1) ? counts[nid] : 0;
	check_name(check, name, "pages");
	CHECK(check, on == 64 && (!want || !memcmp(counts, want, sizeof(counts))),
	      "%d %d %d %d", counts[0], counts[1], counts[2], counts[3]);
	check_name(check, name, "numa_maps");
	CHECK(check, numa_maps_shows(p, shown, want), "%s", numa_maps_line(p));
	set_policy(MPOL_DEFAULT, 0);
	unmap_region(p, 64);
}

/* The node of cpu, by where a page it allocates locally goes. */
static int pin_to_cpu(int cpu)
{
	cpu_set_t set;
	int nid = -1;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set) || syscall(SYS_getcpu, &cpu, &nid, NULL))
		return -1;
	return nid;
}

static void unpin(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	for (int cpu = 0; cpu < NODES; cpu++)
		CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

static void test_task_policies(void)
{
	static const int on2[NODES] = { 0, 0, 64, 0 }, on3[NODES] = { 0, 0, 0, 64 };
	static const int even[NODES] = { 16, 16, 16, 16 };
	int local[NODES] = { 0 }, nid;
	unsigned long mask;

	CHECK("default_policy", policy_of(NULL, &mask) == MPOL_DEFAULT && mask == 0,
	      "mask %#lx", mask);
	check_task_policy("bind2", MPOL_BIND, 1UL << 2, "bind:2", 1UL << 2, on2);
	check_task_policy("interleave", MPOL_INTERLEAVE, ALL_NODES, "interleave:0-3", ALL_NODES,
			  even);
	check_task_policy("prefer3", MPOL_PREFERRED, 1UL << 3, "prefer:3", 1UL << 3, on3);
	check_task_policy("prefer_many", MPOL_PREFERRED_MANY, 6, "prefer (many):1-2", 6, NULL);
	nid = pin_to_cpu(2);
	CHECK("local_cpu_node", nid >= 0 && nid < NODES, "node %d", nid);
	if (nid >= 0 && nid < NODES) {
		local[nid] = 64;
		check_task_policy("local", MPOL_LOCAL, 0, "local", 1UL << nid, local);
	}
	unpin();
}

/* A page of its own VMA, touched under the task's policy (left mapped). */
static char *touched_page(void)
{
	char *p = map_region(1);

	if (p)
		touch(p, 1);
	return p;
}

/* MPOL_F_STATIC_NODES and _RELATIVE_NODES: the user's nodes kept, numa_maps' flag. */
static void test_mode_flags(void)
{
	unsigned long mask;

	CHECK("static_set", !set_policy(MPOL_BIND | MPOL_F_STATIC_NODES, 1UL << 1 | 1UL << 9),
	      "%s", strerror(errno));
	CHECK("static_get", policy_of(NULL, &mask) == (MPOL_BIND | MPOL_F_STATIC_NODES) &&
	      mask == (1UL << 1 | 1UL << 9), "mask %#lx", mask);
	CHECK("static_numa_maps", numa_maps_shows(touched_page(), "bind=static:1", NULL),
	      "%s", numa_maps);
	/* Node 5 of 4 allowed nodes: the second. */
	CHECK("relative_set", !set_policy(MPOL_INTERLEAVE | MPOL_F_RELATIVE_NODES, 1UL << 5),
	      "%s", strerror(errno));
	CHECK("relative_get", policy_of(NULL, &mask) == (MPOL_INTERLEAVE | MPOL_F_RELATIVE_NODES)
	      && mask == 1UL << 5, "mask %#lx", mask);
	CHECK("relative_numa_maps", numa_maps_shows(touched_page(), "interleave=relative:1",
						    NULL), "%s", numa_maps);
	set_policy(MPOL_DEFAULT, 0);
}

static void test_errors(void)
{
	unsigned long big[2] = { 1, 1 };
	char *p = map_region(4);

	CHECK_ERR("set_bad_mode_einval", set_policy(MPOL_MAX, 1), EINVAL);
	CHECK_ERR("set_bind_empty_einval", set_policy(MPOL_BIND, 0), EINVAL);
	CHECK_ERR("set_bind_memoryless_einval", set_policy(MPOL_BIND, 1UL << 7), EINVAL);
	CHECK_ERR("set_node_past_max_einval", syscall(SYS_set_mempolicy, MPOL_BIND, big, 128),
		  EINVAL);
	CHECK_ERR("set_default_nodes_einval", set_policy(MPOL_DEFAULT, 1), EINVAL);
	CHECK_ERR("set_local_nodes_einval", set_policy(MPOL_LOCAL, 1), EINVAL);
	CHECK_ERR("set_static_relative_einval",
		  set_policy(MPOL_BIND | MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES, 1), EINVAL);
	CHECK_ERR("set_mask_efault", syscall(SYS_set_mempolicy, MPOL_BIND, (void *)8, 65),
		  EFAULT);
	CHECK_ERR("set_maxnode_huge_einval", syscall(SYS_set_mempolicy, MPOL_BIND, big,
						     1UL << 20), EINVAL);
	CHECK_ERR("get_node_not_interleave_einval",
		  syscall(SYS_get_mempolicy, &(int){ 0 }, NULL, 0, NULL, MPOL_F_NODE), EINVAL);
	CHECK_ERR("mbind_unaligned_einval", mbind_mask(p + 1, PG, MPOL_BIND, 1, 0), EINVAL);
	CHECK_ERR("mbind_bad_flags_einval", mbind_mask(p, PG, MPOL_BIND, 1, 1 << 5), EINVAL);
	CHECK_ERR("mbind_unmapped_efault", mbind_mask((void *)0x10000, PG, MPOL_BIND, 1, 0),
		  EFAULT);
	munmap(p + PG, PG);
	CHECK_ERR("mbind_hole_efault", mbind_mask(p, 3 * PG, MPOL_BIND, 1, 0), EFAULT);
	CHECK("mbind_hole_default_ok", mbind_mask(p, 3 * PG, MPOL_DEFAULT, 0, 0) == 0, "%s",
	      strerror(errno));
	CHECK("mbind_empty_range_ok", mbind_mask(p, 0, MPOL_BIND, 1, 0) == 0, "%s",
	      strerror(errno));
	unmap_region(p, 4);
}

/* How many VMAs /proc/self/maps lists in [p, p + len). */
static int vmas_in(char *p, unsigned long len)
{
	static char maps[1 << 16];
	int fd = open("/proc/self/maps", O_RDONLY), n = 0;
	ssize_t got, total = 0;

	while (fd >= 0 && (got = read(fd, maps + total, sizeof(maps) - 1 - (size_t)total)) > 0)
		total += got;
	maps[total] = '\0';
	close(fd);
	for (char *l = maps; *l; l += strcspn(l, "\n") + (l[strcspn(l, "\n")] != 0)) {
		unsigned long start = strtoul(l, NULL, 16);

		n += start >= (unsigned long)p && start < (unsigned long)p + len;
	}
	return n;
}

/* mbind on part of a VMA splits it; mbind back to the default merges it again. */
static void test_mbind_split_merge(void)
{
	char *p = map_region(8);
	int counts[NODES], want[NODES] = { 0, 4, 0, 0 };
	unsigned long mask;

	CHECK("mbind_middle", !mbind_mask(p + 2 * PG, 4 * PG, MPOL_BIND, 1UL << 1, 0), "%s",
	      strerror(errno));
	CHECK("mbind_split", vmas_in(p, 8 * PG) == 3, "%d VMAs", vmas_in(p, 8 * PG));
	CHECK("mbind_get_addr", policy_of(p + 3 * PG, &mask) == MPOL_BIND && mask == 1UL << 1 &&
	      policy_of(p, &mask) == MPOL_DEFAULT && mask == 0, "mask %#lx", mask);
	touch(p + 2 * PG, 4);
	CHECK("mbind_pages", !count_nodes(p + 2 * PG, 4, counts) &&
	      !memcmp(counts, want, sizeof(counts)), "%d %d %d %d", counts[0], counts[1],
	      counts[2], counts[3]);
	CHECK("mbind_numa_maps", numa_maps_shows(p + 2 * PG, "bind:1", want) &&
	      numa_maps_shows(p, "default", NULL), "%s", numa_maps);
	CHECK("mbind_same_again_ok", !mbind_mask(p + 2 * PG, 4 * PG, MPOL_BIND, 1UL << 1, 0) &&
	      vmas_in(p, 8 * PG) == 3, "%s", strerror(errno));
	CHECK("mbind_default_merges", !mbind_mask(p + 2 * PG, 4 * PG, MPOL_DEFAULT, 0, 0) &&
	      vmas_in(p, 8 * PG) == 1, "%d VMAs", vmas_in(p, 8 * PG));
	unmap_region(p, 8);
}

/* A VMA interleaves by page offset: consecutive pages go round the nodes. */
static void test_mbind_interleave(void)
{
	static const int even[NODES] = { 16, 16, 16, 16 };
	char *p = map_region(64);
	int counts[NODES], bad = 0;

	CHECK("mbind_interleave", !mbind_mask(p, 64 * PG, MPOL_INTERLEAVE, ALL_NODES, 0), "%s",
	      strerror(errno));
	touch(p, 64);
	for (int i = 1; i < 64; i++)
		bad += node_of(p + i * PG) != (node_of(p + (i - 1) * PG) + 1) % NODES;
	CHECK("mbind_interleave_round", bad == 0, "%d pages out of turn", bad);
	CHECK("mbind_interleave_even", !count_nodes(p, 64, counts) &&
	      !memcmp(counts, even, sizeof(counts)) &&
	      numa_maps_shows(p, "interleave:0-3", even), "%s", numa_maps_line(p));
	unmap_region(p, 64);
}

/* Pages already on node 0: STRICT refuses a policy they break, MOVE leaves them. */
static void test_mbind_strict(void)
{
	char *p = map_region(4);
	unsigned long mask;

	mbind_mask(p, 4 * PG, MPOL_BIND, 1, 0);
	touch(p, 4);
	CHECK_ERR("strict_misplaced_eio", mbind_mask(p, 4 * PG, MPOL_BIND, 1UL << 1,
						     MPOL_MF_STRICT), EIO);
	CHECK("strict_policy_kept", policy_of(p, &mask) == MPOL_BIND && mask == 1, "mask %#lx",
	      mask);
	CHECK("strict_obeyed_ok", !mbind_mask(p, 4 * PG, MPOL_BIND, 3, MPOL_MF_STRICT), "%s",
	      strerror(errno));
	CHECK_ERR("strict_move_unmoved_eio", mbind_mask(p, 4 * PG, MPOL_BIND, 1UL << 2,
							MPOL_MF_STRICT | MPOL_MF_MOVE), EIO);
	CHECK("strict_move_policy_set", policy_of(p, &mask) == MPOL_BIND && mask == 1UL << 2,
	      "mask %#lx", mask);
	CHECK("strict_default_ok", !mbind_mask(p, 4 * PG, MPOL_DEFAULT, 0, MPOL_MF_STRICT), "%s",
	      strerror(errno));
	unmap_region(p, 4);
}

/* A child keeps the task's and each VMA's policy; mremap moves a VMA's with it. */
static void test_fork_mremap(void)
{
	char *p = map_region(8), *q;
	unsigned long mask;
	int status = -1;
	pid_t pid;

	mbind_mask(p, 8 * PG, MPOL_BIND, 1UL << 3, 0);
	set_policy(MPOL_INTERLEAVE, 6);
	pid = fork();
	if (pid == 0) {
		touch(p, 8);
		_exit(!(policy_of(p, &mask) == MPOL_BIND && mask == 1UL << 3 &&
			policy_of(NULL, &mask) == MPOL_INTERLEAVE && mask == 6 &&
			node_of(p) == 3 && node_of(p + 7 * PG) == 3));
	}
	waitpid(pid, &status, 0);
	CHECK("fork_keeps_policies", status == 0, "status %#x", status);
	set_policy(MPOL_DEFAULT, 0);
	q = mremap(p, 8 * PG, 16 * PG, MREMAP_MAYMOVE);
	CHECK("mremap_keeps_policy", q != MAP_FAILED && policy_of(q + 15 * PG, &mask) ==
	      MPOL_BIND && mask == 1UL << 3, "mask %#lx", mask);
	if (q != MAP_FAILED) {
		touch(q, 16);
		CHECK("mremap_pages", node_of(q) == 3 && node_of(q + 15 * PG) == 3, "%d %d",
		      node_of(q), node_of(q + 15 * PG));
		munmap(q, 16 * PG);
	}
	unmap_region(p, 8);
}

/* The page cache follows the task's policy: a file written under bind:2 is on node 2. */
static void test_page_cache(void)
{
	static char block[16 * PG];
	int fd = open("/mempolicy_file", O_RDWR | O_CREAT | O_TRUNC, 0644), counts[NODES];
	char *p;

	set_policy(MPOL_BIND, 1UL << 2);
	memset(block, 'x', sizeof(block));
	CHECK("page_cache_write", fd >= 0 && write(fd, block, sizeof(block)) ==
	      (ssize_t)sizeof(block), "%s", strerror(errno));
	set_policy(MPOL_DEFAULT, 0);
	p = mmap(NULL, sizeof(block), PROT_READ, MAP_SHARED, fd, 0);
	CHECK("page_cache_on_node", p != MAP_FAILED && !count_nodes(p, 16, counts) &&
	      counts[2] == 16, "%d %d %d %d", counts[0], counts[1], counts[2], counts[3]);
	if (p != MAP_FAILED)
		munmap(p, sizeof(block));
	close(fd);
	unlink("/mempolicy_file");
}

/*
 * argv[1] "child", run by numactl (procfs_test's procps case): the task's policy must be
 * mode with nodes mask, and 32 touched pages land want[] on each node ("a,b,c,d"), with
 * numa_maps showing shown. Exits 0 if so; else says why.
 */
static int child_main(char **argv)
{
	int mode = atoi(argv[2]), want[NODES], counts[NODES];
	unsigned long want_mask = strtoul(argv[3], NULL, 0), mask;
	char *p = map_region(32);

	sscanf(argv[5], "%d,%d,%d,%d", &want[0], &want[1], &want[2], &want[3]);
	if (policy_of(NULL, &mask) != mode || mask != want_mask) {
		printf("policy %d mask %#lx\n", policy_of(NULL, &mask), mask);
		return 1;
	}
	touch(p, 32);
	if (count_nodes(p, 32, counts) || memcmp(counts, want, sizeof(counts))) {
		printf("pages on nodes %d %d %d %d\n", counts[0], counts[1], counts[2], counts[3]);
		return 1;
	}
	if (!numa_maps_shows(p, argv[4], want)) {
		printf("numa_maps: %s\n", numa_maps_line(p));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 5 && !strcmp(argv[1], "child"))
		return child_main(argv);
	ktap_suite = "mempolicy";
	memset(numa_maps, 0, sizeof(numa_maps));
	mkdir("/proc", 0555);
	if (mount("proc", "/proc", "proc", 0, NULL))
		printf("# mount /proc: %s\n", strerror(errno));
	test_task_policies();
	test_mode_flags();
	test_errors();
	test_mbind_split_merge();
	test_mbind_interleave();
	test_mbind_strict();
	test_fork_mremap();
	test_page_cache();
	return ktap_done();
}
