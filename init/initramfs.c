/*
 * The initramfs: newc cpio archives ("070701", or "070702" with checksums) unpacked
 * into rootfs, each maybe gzip-compressed, several concatenated with zero padding
 * between them, as Linux's unpack_to_rootfs. The parser is a state machine fed in
 * arbitrary pieces (write_buffer), so a decompressor can hand it output as it makes it.
 * populate_rootfs first makes what Linux's default built-in archive holds (/dev,
 * /dev/console, /root), then unpacks the boot loader's initrd and frees its memory.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/stat.h>
#include <linux/init_syscalls.h>
#include <linux/initrd.h>
#include <linux/decompress/generic.h>
#include <linux/poison.h>
#include <linux/of_fdt.h>
#include <linux/memblock.h>

#define CPIO_HDR_LEN	110
/* What one archive entry's name may be: PATH_MAX, with its NUL. */
#define CPIO_NAME_MAX	PATH_MAX

enum cpio_state {
	Start,		/* at an entry's header, or zeros between archives */
	Collect,	/* gathering bytes into collect_buf until collect_left is 0 */
	GotHeader,
	SkipIt,
	GotName,
	CopyFile,
	GotSymlink,
	Reset,		/* after a trailer: skip the zero padding */
};

struct hardlink {
	struct hardlink *next;
	unsigned long ino, major, minor;
	umode_t mode;
	char name[];
};

struct dir_entry {
	struct dir_entry *next;
	s64 mtime;
	char name[];
};

/* One unpacking: the parser's state (everything runs in kernel_init, no locking). */
struct unpacker {
	enum cpio_state state, next_state;
	const char *error;
	u64 offset;			/* of the stream, for 4-byte alignment */
	u64 this_header, next_header;
	char *collect;			/* where Collect puts bytes */
	unsigned long collect_left;
	char header_buf[CPIO_HDR_LEN];
	char *name_buf;			/* the entry's name, then a symlink's target */
	unsigned long ino, major, minor, nlink, rdev, body_len, name_len;
	umode_t mode;
	uid_t uid;
	gid_t gid;
	s64 mtime;
	struct file *wfile;
	loff_t wfile_pos;
	struct hardlink *links;
	struct dir_entry *dirs;
	const char *victim;		/* the bytes write_buffer is consuming */
	unsigned long byte_count;
};

static void error(struct unpacker *u, const char *msg)
{
	if (!u->error)
		u->error = msg;
}

static unsigned long parse_hex8(const char *s, bool *bad)
{
	unsigned long v = 0;

	for (int i = 0; i < 8; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

		if (d < 0)
			*bad = true;
		v = v * 16 + (unsigned long)(d < 0 ? 0 : d);
	}
	return v;
}

static void parse_header(struct unpacker *u, const char *s)
{
	unsigned long parsed[12];
	bool bad = false;

	for (int i = 0; i < 12; i++)
		parsed[i] = parse_hex8(s + 6 + i * 8, &bad);
	if (bad)
		error(u, "bad cpio header");
	u->ino = parsed[0];
	u->mode = (umode_t)parsed[1];
	u->uid = (uid_t)parsed[2];
	u->gid = (gid_t)parsed[3];
	u->nlink = parsed[4];
	u->mtime = (s64)parsed[5];
	u->body_len = parsed[6];
	u->major = parsed[7];
	u->minor = parsed[8];
	u->rdev = new_encode_dev(MKDEV((unsigned int)parsed[9], (unsigned int)parsed[10]));
	u->name_len = parsed[11];
}

static void eat(struct unpacker *u, unsigned long n)
{
	u->victim += n;
	u->offset += n;
	u->byte_count -= n;
}

static void read_into(struct unpacker *u, char *buf, unsigned long size, enum cpio_state next)
{
	u->collect = buf;
	u->collect_left = size;
	u->next_state = next;
	u->state = Collect;
}

/* ---- the link and directory-time lists -------------------------------------------- */

/* Remembers name as the first of its inode's links; returns the earlier name if any. */
static const char *find_link(struct unpacker *u, const char *name)
{
	struct hardlink *h;
	size_t len;

	for (h = u->links; h; h = h->next) {
		if (h->ino == u->ino && h->major == u->major && h->minor == u->minor &&
		    ((h->mode ^ u->mode) & S_IFMT) == 0)
			return h->name;
	}
	len = strlen(name) + 1;
	h = kmalloc(sizeof(*h) + len, GFP_KERNEL);
	if (!h) {
		error(u, "can't allocate link hash entry");
		return NULL;
	}
	*h = (struct hardlink){ u->links, u->ino, u->major, u->minor, u->mode };
	memcpy(h->name, name, len);
	u->links = h;
	return NULL;
}

static void free_hash(struct unpacker *u)
{
	while (u->links) {
		struct hardlink *h = u->links;

		u->links = h->next;
		kfree(h);
	}
}

static void do_utime(char *name, s64 mtime)
{
	struct timespec64 t[2] = { { .tv_sec = mtime }, { .tv_sec = mtime } };

	init_utimes(name, t);
}

static void dir_add(struct unpacker *u, const char *name, s64 mtime)
{
	size_t len = strlen(name) + 1;
	struct dir_entry *de = kmalloc(sizeof(*de) + len, GFP_KERNEL);

	if (!de) {
		error(u, "can't allocate dir_entry buffer");
		return;
	}
	de->next = u->dirs;
	de->mtime = mtime;
	memcpy(de->name, name, len);
	u->dirs = de;
}

/* Directory times last: making entries inside would change them. */
static void dir_utime(struct unpacker *u)
{
	while (u->dirs) {
		struct dir_entry *de = u->dirs;

		u->dirs = de->next;
		do_utime(de->name, de->mtime);
		kfree(de);
	}
}

/* ---- the states ------------------------------------------------------------------- */

static int do_start(struct unpacker *u)
{
	read_into(u, u->header_buf, CPIO_HDR_LEN, GotHeader);
	return 0;
}

static int do_collect(struct unpacker *u)
{
	unsigned long n = min(u->collect_left, u->byte_count);

	memcpy(u->collect, u->victim, n);
	eat(u, n);
	u->collect += n;
	u->collect_left -= n;
	if (u->collect_left)
		return 1;
	u->state = u->next_state;
	return 0;
}

static int do_header(struct unpacker *u)
{
	if (memcmp(u->header_buf, "070701", 6) && memcmp(u->header_buf, "070702", 6)) {
		error(u, memcmp(u->header_buf, "070707", 6) ? "no cpio magic" :
		      "incorrect cpio method used: use -H newc option");
		return 1;
	}
	parse_header(u, u->header_buf);
	if (u->error)
		return 1;
	u->this_header = u->next_header = u->offset - CPIO_HDR_LEN;
	u->next_header += ALIGN(CPIO_HDR_LEN + u->name_len, 4) + ALIGN(u->body_len, 4);
	u->state = SkipIt;
	u->next_state = Start;
	if (u->name_len <= 0 || u->name_len > CPIO_NAME_MAX) {
		error(u, "bad cpio name length");
		return 1;
	}
	if (S_ISLNK(u->mode)) {
		if (u->body_len > PATH_MAX) {
			error(u, "symlink target too long");
			return 1;
		}
		read_into(u, u->name_buf, ALIGN(CPIO_HDR_LEN + u->name_len, 4) - CPIO_HDR_LEN +
			  u->body_len, GotSymlink);
		return 0;
	}
	if (S_ISREG(u->mode) || !u->body_len)
		read_into(u, u->name_buf, ALIGN(CPIO_HDR_LEN + u->name_len, 4) - CPIO_HDR_LEN,
			  GotName);
	return 0;
}

static int do_skip(struct unpacker *u)
{
	u64 left = u->next_header - u->offset;

	if (left > u->byte_count) {
		eat(u, u->byte_count);
		return 1;
	}
	eat(u, (unsigned long)left);
	u->state = u->next_state;
	return 0;
}

/* Zeros between archives; the next one must start 4-byte aligned. */
static int do_reset(struct unpacker *u)
{
	while (u->byte_count && *u->victim == '\0')
		eat(u, 1);
	if (u->byte_count && (u->offset & 3))
		error(u, "broken padding");
	return 1;
}

/* Clears the way for name: an existing entry of another type is removed first. */
static void clean_path(const char *name, umode_t fmode)
{
	struct kstat st;

	if (init_stat(name, &st, AT_SYMLINK_NOFOLLOW) || !((st.mode ^ fmode) & S_IFMT))
		return;
	if (S_ISDIR(st.mode))
		init_rmdir(name);
	else
		init_unlink(name);
}

/* For the second and later names of a hard-linked inode: the link. 1 when linked. */
static int maybe_link(struct unpacker *u)
{
	const char *old;

	if (u->nlink < 2)
		return 0;
	old = find_link(u, u->name_buf);
	if (!old)
		return 0;
	clean_path(u->name_buf, 0);
	return init_link(old, u->name_buf) < 0 ? -1 : 1;
}

static int do_name(struct unpacker *u)
{
	char *name = u->name_buf;

	u->state = SkipIt;
	u->next_state = Reset;
	if (memchr(name, 0, u->name_len) != name + u->name_len - 1) {
		error(u, "cpio name not NUL-terminated");
		return 1;
	}
	if (!strcmp(name, "TRAILER!!!")) {
		free_hash(u);
		return 0;
	}
	u->next_state = Start;
	if (S_ISREG(u->mode)) {
		int ml = maybe_link(u);

		if (ml < 0)
			return 0;
		clean_path(name, u->mode);
		u->wfile = filp_open(name, O_WRONLY | O_CREAT | O_LARGEFILE | (ml ? 0 : O_TRUNC),
				     u->mode);
		if (IS_ERR(u->wfile)) {
			u->wfile = NULL;
			return 0;
		}
		u->wfile_pos = 0;
		init_chown(name, u->uid, u->gid, 0);
		init_chmod(name, u->mode);
		if (u->body_len)
			u->state = CopyFile;
		else
			goto close;
		return 0;
close:
		fput(u->wfile);
		u->wfile = NULL;
		do_utime(name, u->mtime);
	} else if (S_ISDIR(u->mode)) {
		if (init_mkdir(name, u->mode) == -EEXIST)
			clean_path(name, u->mode);
		init_chown(name, u->uid, u->gid, 0);
		init_chmod(name, u->mode);
		dir_add(u, name, u->mtime);
	} else if (S_ISBLK(u->mode) || S_ISCHR(u->mode) || S_ISFIFO(u->mode) ||
		   S_ISSOCK(u->mode)) {
		if (maybe_link(u) == 0) {
			clean_path(name, u->mode);
			init_mknod(name, u->mode, (unsigned int)u->rdev);
			init_chown(name, u->uid, u->gid, 0);
			init_chmod(name, u->mode);
			do_utime(name, u->mtime);
		}
	}
	return 0;
}

static int do_copy(struct unpacker *u)
{
	unsigned long n = min(u->body_len, u->byte_count);
	ssize_t w = kernel_write(u->wfile, u->victim, n, &u->wfile_pos);

	if (w != (ssize_t)n)
		error(u, "write error");
	eat(u, n);
	u->body_len -= n;
	if (u->body_len && !u->error)
		return 1;
	fput(u->wfile);
	u->wfile = NULL;
	do_utime(u->name_buf, u->mtime);
	u->state = SkipIt;
	return u->error ? 1 : 0;
}

static int do_symlink(struct unpacker *u)
{
	char *name = u->name_buf;
	char *target = name + ALIGN(CPIO_HDR_LEN + u->name_len, 4) - CPIO_HDR_LEN;

	if (memchr(name, 0, u->name_len) != name + u->name_len - 1) {
		error(u, "cpio name not NUL-terminated");
		return 1;
	}
	target[u->body_len] = '\0';
	clean_path(name, 0);
	init_symlink(target, name);
	init_chown(name, u->uid, u->gid, AT_SYMLINK_NOFOLLOW);
	do_utime(name, u->mtime);
	u->state = SkipIt;
	u->next_state = Start;
	return 0;
}

static int (*const actions[])(struct unpacker *u) = {
	[Start]		= do_start,
	[Collect]	= do_collect,
	[GotHeader]	= do_header,
	[SkipIt]	= do_skip,
	[GotName]	= do_name,
	[CopyFile]	= do_copy,
	[GotSymlink]	= do_symlink,
	[Reset]		= do_reset,
};

/* Feeds len bytes to the parser; returns how many it used (all, unless an error). */
static long write_buffer(struct unpacker *u, const char *buf, unsigned long len)
{
	u->byte_count = len;
	u->victim = buf;
	while (!actions[u->state](u))
		;
	return (long)(len - u->byte_count);
}

/* Whether the input so far ended between two entries or after a trailer. */
static bool at_entry_boundary(const struct unpacker *u)
{
	if (u->state == Start || u->state == Reset)
		return true;
	return u->state == Collect && u->next_state == GotHeader &&
	       u->collect_left == CPIO_HDR_LEN;
}

/* The decompressors' flush: output into the parser (a decompressor has no context). */
static struct unpacker *flush_target;

static long flush_buffer(void *bufv, unsigned long len)
{
	struct unpacker *u = flush_target;
	char *buf = bufv;
	long origlen = (long)len;
	unsigned long written;

	if (u->error)
		return -1;
	while ((written = (unsigned long)write_buffer(u, buf, len)) < len && !u->error) {
		char c = buf[written];

		buf += written;
		len -= written;
		if (c == '0')
			u->state = Start;
		else if (c == 0)
			u->state = Reset;
		else
			error(u, "junk within compressed archive");
	}
	return origlen;
}

static void decompress_error(char *x)
{
	error(flush_target, x);
}

/* The archives in buf: plain ones start with '0' at an aligned offset, others decompress. */
static const char *unpack(struct unpacker *u, char *buf, unsigned long len)
{
	u->state = Start;
	while (!u->error && len) {
		u64 saved_offset = u->offset;
		const char *compress_name;
		decompress_fn *decompress;
		long my_inptr = 0;

		if (*buf == '0' && !(u->offset & 3)) {
			unsigned long written;

			u->state = Start;
			written = (unsigned long)write_buffer(u, buf, len);
			buf += written;
			len -= written;
			continue;
		}
		if (!*buf) {
			buf++;
			len--;
			u->offset++;
			continue;
		}
		u->offset = 0;
		decompress = decompress_method((unsigned char *)buf, (long)len, &compress_name);
		if (!decompress) {
			error(u, "invalid magic at start of compressed archive");
			break;
		}
		pr_debug("Detected %s compressed data\n", compress_name);
		flush_target = u;
		if (decompress((unsigned char *)buf, (long)len, NULL, flush_buffer, NULL, &my_inptr,
			       decompress_error))
			error(u, "decompressor failed");
		if (u->state != Reset)
			error(u, "junk at the end of compressed archive");
		u->offset = saved_offset + (u64)my_inptr;
		buf += my_inptr;
		len -= (unsigned long)my_inptr;
	}
	if (!u->error && !at_entry_boundary(u))
		error(u, "truncated archive");
	return u->error;
}

/*
 * Unpacks the archive(s) in buf into the root; NULL, or what went wrong (entries made
 * before the error stay). Also the host tests' entry point.
 */
const char *unpack_to_rootfs(char *buf, unsigned long len)
{
	struct unpacker *u = kzalloc(sizeof(*u), GFP_KERNEL);
	const char *err;

	if (!u)
		return "can't allocate buffers";
	u->name_buf = kmalloc(ALIGN(CPIO_NAME_MAX + CPIO_HDR_LEN, 4) + PATH_MAX + 1, GFP_KERNEL);
	if (!u->name_buf) {
		kfree(u);
		return "can't allocate buffers";
	}
	err = unpack(u, buf, len);
	if (u->wfile)
		fput(u->wfile);
	dir_utime(u);
	free_hash(u);
	kfree(u->name_buf);
	kfree(u);
	return err;
}

/* What Linux's default built-in archive (usr/default_cpio_list) makes. */
static void __init default_rootfs(void)
{
	if (init_mkdir("/dev", 0755) < 0 ||
	    init_mknod("/dev/console", S_IFCHR | 0600, new_encode_dev(MKDEV(5, 1))) < 0 ||
	    init_mkdir("/root", 0700) < 0)
		pr_err("Failed to create a rootfs\n");
}

/* The whole pages reserve_initrd reserved around the image. */
static void __init free_initrd_mem(unsigned long start, unsigned long end)
{
	free_reserved_area((void *)(start & PAGE_MASK), (void *)PAGE_ALIGN(end),
			   POISON_FREE_INITMEM, "initrd");
}

void __init populate_rootfs(void)
{
	unsigned long start, end;
	const char *err;

	default_rootfs();
	if (!phys_initrd_size)
		return;
	start = (unsigned long)__va(phys_initrd_start);
	end = start + phys_initrd_size;
	pr_info("Unpacking initramfs...\n");
	err = unpack_to_rootfs((char *)start, end - start);
	if (err)
		pr_emerg("Initramfs unpacking failed: %s\n", err);
	free_initrd_mem(start, end);
	phys_initrd_size = 0;
}
