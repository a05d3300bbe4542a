/*
 * Address to symbol name, for backtraces and %pS, and /proc/kallsyms; the table comes from
 * tools/kallsyms.py.
 */
#include <linux/kernel.h>
#include <linux/kallsyms.h>
#include <linux/string.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/cred.h>
#include <linux/seq_file.h>
#include <linux/proc_fs.h>

extern const u64 kallsyms_num_syms;
extern const u64 kallsyms_addresses[];
extern const u32 kallsyms_name_offsets[];
extern const char kallsyms_names[];
extern const char kallsyms_types[];		/* nm's letter per symbol: T, t, W ... */
extern const char _stext[], _etext_code[], _sinittext[], _einittext[];

/* The end of the text range addr lies in (core or init text), or 0 if in neither. */
static unsigned long text_range_end(unsigned long addr)
{
	if (addr >= (unsigned long)_stext && addr < (unsigned long)_etext_code)
		return (unsigned long)_etext_code;
	if (addr >= (unsigned long)_sinittext && addr < (unsigned long)_einittext)
		return (unsigned long)_einittext;
	return 0;
}

/* Index of the last symbol at or below addr, or -1. */
static long kallsyms_index(unsigned long addr)
{
	long lo = 0, hi = (long)kallsyms_num_syms - 1, found = -1;

	while (lo <= hi) {
		long mid = lo + (hi - lo) / 2;

		if (kallsyms_addresses[mid] <= addr) {
			found = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	return found;
}

const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize,
			    unsigned long *offset, char **modname, char *namebuf)
{
	unsigned long end = text_range_end(addr);
	long i = kallsyms_index(addr);

	if (i < 0 || !end)
		return NULL;
	if ((u64)i + 1 < kallsyms_num_syms && kallsyms_addresses[i + 1] < end)
		end = kallsyms_addresses[i + 1];
	if (symbolsize)
		*symbolsize = end - kallsyms_addresses[i];
	if (offset)
		*offset = addr - kallsyms_addresses[i];
	if (modname)
		*modname = NULL;
	strscpy(namebuf, kallsyms_names + kallsyms_name_offsets[i], KSYM_NAME_LEN);
	return namebuf;
}

/* /proc/kallsyms: "address type name" per symbol; the address is 0 but for root (CAP_SYSLOG). */
static int s_show(struct seq_file *m, void *p)
{
	long i = (long)p - 1;
	void *value = current->cred->euid ? NULL : (void *)kallsyms_addresses[i];

	seq_printf(m, "%px %c %s\n", value, kallsyms_types[i],
		   kallsyms_names + kallsyms_name_offsets[i]);
	return 0;
}

/* Records are symbols, as index + 1 (NULL ends). */
static void *s_start(struct seq_file *m, loff_t *pos)
{
	return (u64)*pos < kallsyms_num_syms ? (void *)(long)(*pos + 1) : NULL;
}

static void *s_next(struct seq_file *m, void *p, loff_t *pos)
{
	++*pos;
	return s_start(m, pos);
}

static void s_stop(struct seq_file *m, void *p)
{
}

static const struct seq_operations kallsyms_op = {
	.start	= s_start,
	.next	= s_next,
	.stop	= s_stop,
	.show	= s_show,
};

static int __init kallsyms_init(void)
{
	proc_create_seq("kallsyms", 0444, NULL, &kallsyms_op);
	return 0;
}
late_initcall(kallsyms_init);
