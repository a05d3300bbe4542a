/*
 * page_owner (booted with page_owner=on), run as init: debugfs mounts at
 * /sys/kernel/debug, every record of its page_owner file parses as Linux 6.1's text, the
 * pages a child touched are recorded with the child's pid, comm, a movable user mask and
 * a fault's stack, and Linux's tools/vm/page_owner_sort reads the file. KTAP out.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include "ktap.h"

#define DEBUGFS_MAGIC	0x64626720
#define NR_TOUCHED	8

/* One record's fields (Linux's print_page_owner). */
struct record {
	unsigned int order;
	unsigned int mask;
	int pid, tgid;
	char comm[32], mask_names[256];
	unsigned long pfn;
	char type[32];
	bool fault_stack;	/* a line of the stack names handle_mm_fault */
};

static char *read_all(const char *path, size_t *len)
{
	size_t size = 1 << 20, n = 0;
	char *buf = malloc(size);
	int fd = open(path, O_RDONLY);
	ssize_t r;

	if (fd < 0 || !buf)
		return NULL;
	while ((r = read(fd, buf + n, size - n - 1)) > 0) {
		n += (size_t)r;
		if (size - n < 8192)
			buf = realloc(buf, size *= 2);
	}
	close(fd);
	buf[n] = 0;
	*len = n;
	return r < 0 ? NULL : buf;
}

/* Parses the record at s (up to its blank line); false if a line is not Linux's. */
static bool parse_record(const char *s, const char *end, struct record *r)
{
	unsigned long block, flags;
	unsigned long long ts, free_ts;
	char btype[32];
	const char *line;
	int lines = 0;

	if (sscanf(s, "Page allocated via order %u, mask %x(%255[^)]), pid %d, tgid %d "
		   "(%31[^)]), ts %llu ns, free_ts %llu ns\n", &r->order, &r->mask,
		   r->mask_names, &r->pid, &r->tgid, r->comm, &ts, &free_ts) != 8) {
		/* an empty mask prints "()" */
		r->mask_names[0] = 0;
		if (sscanf(s, "Page allocated via order %u, mask %x(), pid %d, tgid %d "
			   "(%31[^)]), ts %llu ns, free_ts %llu ns\n", &r->order, &r->mask,
			   &r->pid, &r->tgid, r->comm, &ts, &free_ts) != 7 || r->mask)
			return false;
	}
	line = strchr(s, '\n') + 1;
	if (sscanf(line, "PFN %lu type %31s Block %lu type %31s Flags %lx(", &r->pfn, r->type,
		   &block, btype, &flags) != 5 || block != r->pfn >> 10 ||
	    !strstr(line, "node=") || (r->pfn & ((1UL << r->order) - 1)))
		return false;
	r->fault_stack = false;
	for (line = strchr(line, '\n') + 1; line < end && *line == ' '; lines++) {
		const char *nl = strchr(line, '\n');

		if (!memmem(line, (size_t)(nl - line), "+0x", 3))
			return false;
		if (memmem(line, (size_t)(nl - line), "handle_mm_fault", 15))
			r->fault_stack = true;
		line = nl + 1;
	}
	return lines > 0 && line == end;
}

/* The pfn behind p, from /proc/self/pagemap (bits 0-54 when present). */
static unsigned long pfn_of(void *p)
{
	uint64_t entry = 0;
	int fd = open("/proc/self/pagemap", O_RDONLY);

	pread(fd, &entry, sizeof(entry), (off_t)((uintptr_t)p / 4096 * 8));
	close(fd);
	return entry >> 63 ? (unsigned long)(entry & ((1ULL << 55) - 1)) : 0;
}

/* A child touches NR_TOUCHED pages, sends their pfns and waits to be killed. */
static pid_t touching_child(unsigned long *pfns)
{
	int p[2];
	pid_t pid;

	pipe(p);
	pid = fork();
	if (!pid) {
		char *mem = mmap(NULL, NR_TOUCHED * 4096, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		for (int i = 0; i < NR_TOUCHED; i++) {
			mem[i * 4096] = 1;
			pfns[i] = pfn_of(mem + i * 4096);
		}
		write(p[1], pfns, NR_TOUCHED * sizeof(*pfns));
		pause();
		_exit(0);
	}
	read(p[0], pfns, NR_TOUCHED * sizeof(*pfns));
	close(p[0]);
	close(p[1]);
	return pid;
}

static void print_record(const char *s, const char *end)
{
	for (const char *nl; s < end; s = nl + 1) {
		nl = strchr(s, '\n');
		printf("# %.*s\n", (int)(nl - s), s);
	}
}

/* Every record parses; the child's pages are its own, with a fault's stack. */
static void check_records(char *buf, size_t len, pid_t child, const unsigned long *pfns)
{
	int records = 0, bad = 0, found = 0, ours = 0;
	char *s = buf, *end;
	struct record r;
	bool parsed;

	for (; s < buf + len; s = end + 1) {
		end = strstr(s, "\n\n");
		if (!end)
			break;
		end++;
		records++;
		/* sscanf takes the string's length first: one record at a time, not the rest. */
		*end = 0;
		parsed = parse_record(s, end, &r);
		*end = '\n';
		if (!parsed) {
			if (!bad++)
				printf("# bad record: %.*s\n", (int)(end - s), s);
			continue;
		}
		for (int i = 0; i < NR_TOUCHED; i++) {
			if (r.pfn != pfns[i])
				continue;
			found++;
			if (!ours && r.pid == child)
				print_record(s, end);
			ours += r.pid == child && r.tgid == child && !r.order &&
				!strcmp(r.comm, "page_owner_test") && !strcmp(r.type, "Movable") &&
				strstr(r.mask_names, "GFP_HIGHUSER_MOVABLE") && r.fault_stack;
		}
	}
	printf("# %d records, %d of the child's %d pages found, %d as its own\n", records, found,
	       NR_TOUCHED, ours);
	CHECK("page_owner_records_parse", records > 100 && !bad && s == buf + len,
	      "%d records, %d bad", records, bad);
	CHECK("page_owner_child_pages", ours == NR_TOUCHED && found == NR_TOUCHED,
	      "%d found, %d with pid %d", found, ours, child);
}

/* Linux's page_owner_sort reads the file and writes its summary ("N times, M pages"). */
static void check_page_owner_sort(const char *buf, size_t len)
{
	int fd = open("/tmp/page_owner.txt", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	size_t out_len = 0;
	char *out;
	int status = -1;
	pid_t pid;

	write(fd, buf, len);
	close(fd);
	pid = fork();
	if (!pid) {
		execl("/bin/page_owner_sort", "page_owner_sort", "/tmp/page_owner.txt",
		      "/tmp/sorted.txt", (char *)NULL);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	out = read_all("/tmp/sorted.txt", &out_len);
	CHECK("page_owner_sort_runs", status == 0 && out && strstr(out, " times, ") &&
	      strstr(out, " pages") && strstr(out, " __alloc_pages+0x"), "status %#x, %zu bytes",
	      status, out_len);
	if (out)
		printf("# page_owner_sort: %.*s", (int)(strchr(out, '\n') ? strchr(out, '\n') - out + 1 : 0), out);
	free(out);
}

int main(void)
{
	unsigned long pfns[NR_TOUCHED];
	struct statfs sfs;
	size_t len = 0;
	char *buf;
	pid_t child;

	ktap_suite = "page_owner";
	printf("KTAP version 1\n");
	mkdir("/proc", 0555);
	mkdir("/sys", 0555);
	mkdir("/tmp", 01777);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("tmpfs", "/tmp", "tmpfs", 0, NULL);
	CHECK("debugfs_mount", mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL) == 0,
	      "errno %d", errno);
	CHECK("debugfs_statfs", statfs("/sys/kernel/debug", &sfs) == 0 &&
	      sfs.f_type == DEBUGFS_MAGIC && !sfs.f_blocks, "type %lx", (long)sfs.f_type);
	child = touching_child(pfns);
	buf = read_all("/sys/kernel/debug/page_owner", &len);
	CHECK("page_owner_read", buf && len > 0, "errno %d", errno);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	if (buf) {
		check_records(buf, len, child, pfns);
		check_page_owner_sort(buf, len);
	}
	CHECK_ERR("page_owner_lseek_end_einval",
		  lseek(open("/sys/kernel/debug/page_owner", O_RDONLY), 0, SEEK_END), EINVAL);
	return ktap_done();
}
