/*
 * printk: formats a message into the log buffer with its level and a timestamp, then
 * prints what each console has not printed yet. Messages are kept from the first
 * instruction, so a console registered late replays the boot (CON_PRINTBUFFER).
 *
 * The log is a ring of records: struct printk_record followed by the text. When full,
 * the oldest records are dropped. logbuf_lock (irqs off) guards the ring, the sequence
 * numbers and the console list.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/console.h>
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/time.h>

/*
 * Linux's CONFIG_LOG_BUF_SHIFT=16 (its Kconfig offers 12 to 25, 17 by default): the
 * longest boot here (mm_debug's dumps on four nodes) logs about 45 KB, and the ring's
 * bss is paid for in "Memory: ... available".
 */
#define LOG_BUF_LEN	(1 << 16)
#define LOG_LINE_MAX	1024

struct printk_record {
	u64 ts_nsec;
	u16 len;		/* text bytes, without the newline */
	u8 level;
	u8 pad[5];
};

static char log_buf[LOG_BUF_LEN] __aligned(8);
static u64 log_first_seq, log_next_seq;	/* records [first, next) are in the ring */
static u32 log_first_idx, log_next_idx;	/* their byte offsets */
static DEFINE_SPINLOCK(logbuf_lock);
static struct console *console_drivers;

/* An unfinished line (no newline yet), completed by KERN_CONT messages. */
static char cont_buf[LOG_LINE_MAX];
static size_t cont_len;
static int cont_level;
static u64 cont_ts;

/* kernel.printk: the console's level, a message's default, the lowest and boot console levels. */
int console_printk[4] = {
	CONSOLE_LOGLEVEL_DEFAULT,	/* console_loglevel */
	MESSAGE_LOGLEVEL_DEFAULT,	/* default_message_loglevel */
	CONSOLE_LOGLEVEL_MIN,		/* minimum_console_loglevel */
	CONSOLE_LOGLEVEL_DEFAULT,	/* default_console_loglevel */
};
static bool ignore_loglevel;

static u32 record_size(u16 len)
{
	return ALIGN(sizeof(struct printk_record) + len, 8);
}

static struct printk_record *record_at(u32 idx)
{
	return (struct printk_record *)&log_buf[idx];
}

/* A zero-length record with level 0xff marks "wrap to offset 0"; it is not a record. */
static void drop_oldest(void)
{
	struct printk_record *r = record_at(log_first_idx);

	if (r->level == 0xff) {
		log_first_idx = 0;
		return;
	}
	log_first_idx += record_size(r->len);
	log_first_seq++;
}

static bool fits_before(u32 idx, u32 need)
{
	/* The ring is empty, or the first record is not in [idx, idx + need). */
	return log_first_seq == log_next_seq || log_first_idx < idx ||
	       log_first_idx >= idx + need;
}

static void log_store(int level, u64 ts, const char *text, size_t len)
{
	u32 need = record_size(len);
	struct printk_record *r;

	if (log_next_idx + need + sizeof(*r) > LOG_BUF_LEN) {
		while (log_first_seq != log_next_seq && log_first_idx >= log_next_idx)
			drop_oldest();
		record_at(log_next_idx)->level = 0xff;
		record_at(log_next_idx)->len = 0;
		log_next_idx = 0;
	}
	while (!fits_before(log_next_idx, need))
		drop_oldest();
	r = record_at(log_next_idx);
	r->ts_nsec = ts;
	r->len = len;
	r->level = level;
	memcpy(r + 1, text, len);
	if (log_first_seq == log_next_seq)
		log_first_idx = log_next_idx;
	log_next_idx += need;
	log_next_seq++;
}

static void cont_flush(void)
{
	if (cont_len) {
		log_store(cont_level, cont_ts, cont_buf, cont_len);
		cont_len = 0;
	}
}

/* Splits text into lines: each newline ends a record, a tail without one stays in cont. */
static void log_text(int level, bool is_cont, const char *text, size_t len)
{
	u64 ts = local_clock();

	if (!is_cont || !cont_len)
		cont_flush();
	while (len) {
		const char *nl = memchr(text, '\n', len);
		size_t n = nl ? (size_t)(nl - text) : len;

		if (!cont_len) {
			cont_level = level;
			cont_ts = ts;
		}
		n = min(n, sizeof(cont_buf) - cont_len);
		memcpy(cont_buf + cont_len, text, n);
		cont_len += n;
		if (!nl)
			break;
		log_store(cont_level, cont_ts, cont_buf, cont_len);
		cont_len = 0;
		len -= nl + 1 - text;
		text = nl + 1;
	}
}

static int parse_level(const char **text, bool *is_cont)
{
	const char *s = *text;
	int level = default_message_loglevel;

	*is_cont = false;
	while (s[0] == KERN_SOH[0] && s[1]) {
		if (s[1] >= '0' && s[1] <= '7')
			level = s[1] - '0';
		else if (s[1] == 'c')
			*is_cont = true;
		s += 2;
	}
	*text = s;
	return level;
}

/* Writes record seq to con if its level passes; the caller holds logbuf_lock. */
static void console_emit(struct console *con, const struct printk_record *r)
{
	char prefix[24];
	int n;

	if (r->level >= console_loglevel && !ignore_loglevel)
		return;
	n = scnprintf(prefix, sizeof(prefix), "[%5lu.%06lu] ",
		      (unsigned long)(r->ts_nsec / NSEC_PER_SEC),
		      (unsigned long)(r->ts_nsec % NSEC_PER_SEC / 1000));
	con->write(con, prefix, n);
	con->write(con, (const char *)(r + 1), r->len);
	con->write(con, "\n", 1);
}

static void console_catch_up(struct console *con)
{
	u64 seq = log_first_seq;
	u32 idx = log_first_idx;

	while (seq < log_next_seq) {
		struct printk_record *r = record_at(idx);

		if (r->level == 0xff) {
			idx = 0;
			continue;
		}
		if (seq >= con->seq)
			console_emit(con, r);
		idx += record_size(r->len);
		seq++;
	}
	con->seq = log_next_seq;
}

void console_flush_all(void)
{
	for (struct console *con = console_drivers; con; con = con->next)
		console_catch_up(con);
}

int vprintk(const char *fmt, va_list args)
{
	static char textbuf[LOG_LINE_MAX];
	unsigned long flags;
	bool is_cont;
	const char *text = textbuf;
	int level, len;

	spin_lock_irqsave(&logbuf_lock, flags);
	/* The level is read from the formatted text, so printk("%s...", KERN_ERR) works. */
	len = vscnprintf(textbuf, sizeof(textbuf), fmt, args);
	level = parse_level(&text, &is_cont);
	len -= text - textbuf;
	log_text(level, is_cont, text, len);
	console_flush_all();
	spin_unlock_irqrestore(&logbuf_lock, flags);
	return len;
}

int printk(const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vprintk(fmt, args);
	va_end(args);
	return n;
}

bool have_console(void)
{
	return READ_ONCE(console_drivers) != NULL;
}

static void unlink_console(struct console *con)
{
	for (struct console **p = &console_drivers; *p; p = &(*p)->next) {
		if (*p == con) {
			*p = con->next;
			return;
		}
	}
}

/*
 * The consoles asked for, in order: console= entries, then the tree's stdout-path (Linux's
 * console_cmdline[]). Written at boot before any real console registers, read after.
 */
#define MAX_CMDLINECONSOLES	8

struct console_cmdline {
	char name[16];		/* "ttyAMA" */
	int index;		/* its number: ttyAMA0 */
	char *options;		/* what followed the comma, or NULL */
};

static struct console_cmdline console_cmdline[MAX_CMDLINECONSOLES];
static int nr_console_cmdline;
bool console_set_on_cmdline;

int add_preferred_console(const char *name, int idx, char *options)
{
	struct console_cmdline *c;

	for (int i = 0; i < nr_console_cmdline; i++)
		if (!strcmp(console_cmdline[i].name, name) && console_cmdline[i].index == idx)
			return 0;
	if (nr_console_cmdline == MAX_CMDLINECONSOLES)
		return -E2BIG;
	c = &console_cmdline[nr_console_cmdline++];
	strscpy(c->name, name, sizeof(c->name));
	c->index = idx;
	c->options = options;
	return 0;
}

/*
 * Sets con up on the first console asked for under its name (its index, if it has one,
 * must match). Return: 0 when con is to be enabled, -ENOENT when it was not asked for, or
 * what its setup returned. Linux's try_enable_preferred_console.
 */
static int try_enable_preferred_console(struct console *con)
{
	for (int i = 0; i < nr_console_cmdline; i++) {
		struct console_cmdline *c = &console_cmdline[i];

		if (strcmp(c->name, con->name) || (con->index >= 0 && con->index != c->index))
			continue;
		if (con->index < 0)
			con->index = c->index;
		return con->setup ? con->setup(con, c->options) : 0;
	}
	return -ENOENT;
}

/* Whether con is wanted: asked for, or nothing asked for and it is a working console. */
static bool console_wanted(struct console *con)
{
	int err;

	if (con->flags & CON_BOOT)
		return true;
	err = try_enable_preferred_console(con);
	if (err != -ENOENT || nr_console_cmdline)
		return !err;
	/* Linux's try_enable_default_console: the first real console wins. */
	if (con->index < 0)
		con->index = 0;
	return !con->setup || !con->setup(con, NULL);
}

/* A real console takes over from the boot consoles without printing the log twice. */
void register_console(struct console *con)
{
	struct console *boot = NULL;
	unsigned long flags;

	if (!console_wanted(con))
		return;
	spin_lock_irqsave(&logbuf_lock, flags);
	for (struct console *c = console_drivers; c; c = c->next)
		if (c->flags & CON_BOOT)
			boot = c;
	con->seq = (boot && !(con->flags & CON_BOOT)) ? boot->seq : 0;
	if (!(con->flags & CON_PRINTBUFFER))
		con->seq = log_next_seq;
	con->flags |= CON_ENABLED;
	con->next = console_drivers;
	console_drivers = con;
	console_catch_up(con);
	spin_unlock_irqrestore(&logbuf_lock, flags);

	pr_info("printk: %sconsole [%s%d] enabled\n",
		(con->flags & CON_BOOT) ? "boot" : "", con->name, con->index);
	if (boot && !(con->flags & CON_BOOT)) {
		pr_info("printk: bootconsole [%s%d] disabled\n", boot->name, boot->index);
		unregister_console(boot);
	}
}

void unregister_console(struct console *con)
{
	unsigned long flags;

	spin_lock_irqsave(&logbuf_lock, flags);
	unlink_console(con);
	con->flags &= ~CON_ENABLED;
	spin_unlock_irqrestore(&logbuf_lock, flags);
}

/* panic: whatever holds logbuf_lock is stopped, so take it over. */
void printk_bust_locks(void)
{
	spin_lock_init(&logbuf_lock);
}

/*
 * console=NAME<N>[,OPTIONS]: the console to enable, before stdout-path (which it then
 * overrides, as in Linux); given more than once, each is added.
 */
static int __init console_setup(char *str)
{
	char buf[sizeof(console_cmdline[0].name)];
	char *options = strchr(str, ',');
	unsigned long idx;
	char *s, *end;

	if (options)
		*options++ = '\0';
	for (s = str; *s && !isdigit(*s); s++)
		;
	idx = simple_strtoul(s, &end, 10);
	if (s == str || s == end || *end || idx > S16_MAX || s - str >= (long)sizeof(buf)) {
		pr_warn("console=%s: not a console name and number, ignored\n", str);
		return 0;
	}
	strscpy(buf, str, s - str + 1);
	console_set_on_cmdline = true;
	if (add_preferred_console(buf, idx, options))
		pr_warn("console=%s: more than %d consoles, ignored\n", str, MAX_CMDLINECONSOLES);
	return 0;
}
__setup("console=", console_setup);

static int __init loglevel_setup(char *str)
{
	int level;

	if (!str || kstrtoint(str, 0, &level))
		return -EINVAL;
	console_loglevel = level;
	return 0;
}
early_param("loglevel", loglevel_setup);

static int __init quiet_setup(char *str)
{
	console_loglevel = LOGLEVEL_WARNING;
	return 0;
}
early_param("quiet", quiet_setup);

static int __init debug_setup(char *str)
{
	console_loglevel = 10;
	return 0;
}
early_param("debug", debug_setup);

static int __init ignore_loglevel_setup(char *str)
{
	ignore_loglevel = true;
	return 0;
}
early_param("ignore_loglevel", ignore_loglevel_setup);
