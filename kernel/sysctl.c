/*
 * sysctl (Linux's kernel/sysctl.c): the text handlers of /proc/sys files (integers,
 * integer vectors with bounds, strings, jiffies as seconds) and the tables of
 * /proc/sys/kernel and /proc/sys/vm, each entry naming the variable it shows.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/sysctl.h>
#include <linux/utsname.h>
#include <linux/vmstat.h>
#include <linux/fs.h>
#include <linux/writeback.h>

int sysctl_vals[] = { 0, 1, INT_MAX };

int proc_dostring(struct ctl_table *table, int write, void *buffer, size_t *lenp,
		  loff_t *ppos)
{
	char *data = table->data;
	size_t len;

	if (write) {
		for (len = 0; ((char *)buffer)[len] && ((char *)buffer)[len] != '\n'; len++)
			;
		if (len >= (size_t)table->maxlen)
			len = (size_t)table->maxlen - 1;
		memcpy(data, buffer, len);
		data[len] = '\0';
		return 0;
	}
	*lenp = (size_t)scnprintf(buffer, *lenp, "%s\n", data);
	return 0;
}

/* Parses up to n ints of buffer (whitespace-separated) into vals; how many, or -EINVAL. */
static int parse_ints(char *buffer, int *vals, int n)
{
	char *p = buffer, *tok;
	int i = 0;

	while ((tok = strsep(&p, " \t\n")) && i <= n) {
		long v;

		if (!*tok)
			continue;
		if (i == n || kstrtol(tok, 0, &v) || v < INT_MIN || v > INT_MAX)
			return -EINVAL;
		vals[i++] = (int)v;
	}
	return i ? i : -EINVAL;
}

/* The vector of ints in table->data, each through conv (read: shown; write: checked). */
static int do_proc_dointvec(struct ctl_table *table, int write, void *buffer, size_t *lenp,
			    int (*conv)(struct ctl_table *table, bool write, int *val))
{
	int n = table->maxlen / (int)sizeof(int), vals[8], got;
	int *data = table->data;
	size_t len = 0;

	if (n > (int)ARRAY_SIZE(vals))
		return -EINVAL;
	if (write) {
		got = parse_ints(buffer, vals, n);
		if (got < 0)
			return got;
		for (int i = 0; i < got; i++)
			if (conv(table, true, &vals[i]))
				return -EINVAL;
		for (int i = 0; i < got; i++)
			WRITE_ONCE(data[i], vals[i]);
		return 0;
	}
	for (int i = 0; i < n; i++) {
		int v = READ_ONCE(data[i]);

		conv(table, false, &v);
		len += (size_t)scnprintf((char *)buffer + len, *lenp - len, "%s%d",
					 i ? "\t" : "", v);
	}
	len += (size_t)scnprintf((char *)buffer + len, *lenp - len, "\n");
	*lenp = len;
	return 0;
}

static int conv_int(struct ctl_table *table, bool write, int *val)
{
	return 0;
}

static int conv_minmax(struct ctl_table *table, bool write, int *val)
{
	if (!write)
		return 0;
	if (table->extra1 && *val < *(int *)table->extra1)
		return -EINVAL;
	if (table->extra2 && *val > *(int *)table->extra2)
		return -EINVAL;
	return 0;
}

static int conv_jiffies(struct ctl_table *table, bool write, int *val)
{
	if (write) {
		if (*val < 0 || *val > INT_MAX / HZ)
			return -EINVAL;
		*val *= HZ;
	} else {
		*val /= HZ;
	}
	return 0;
}

int proc_dointvec(struct ctl_table *table, int write, void *buffer, size_t *lenp,
		  loff_t *ppos)
{
	return do_proc_dointvec(table, write, buffer, lenp, conv_int);
}

int proc_dointvec_minmax(struct ctl_table *table, int write, void *buffer, size_t *lenp,
			 loff_t *ppos)
{
	return do_proc_dointvec(table, write, buffer, lenp, conv_minmax);
}

int proc_dointvec_jiffies(struct ctl_table *table, int write, void *buffer, size_t *lenp,
			  loff_t *ppos)
{
	return do_proc_dointvec(table, write, buffer, lenp, conv_jiffies);
}

/* One unsigned long in table->data, within extra1..extra2 (unsigned long bounds) if set. */
int proc_doulongvec_minmax(struct ctl_table *table, int write, void *buffer, size_t *lenp,
			   loff_t *ppos)
{
	unsigned long *data = table->data, val;
	char *p = buffer, *tok;

	if (!write) {
		*lenp = (size_t)scnprintf(buffer, *lenp, "%lu\n", READ_ONCE(*data));
		return 0;
	}
	tok = strsep(&p, " \t\n");
	if (!tok || kstrtoul(tok, 0, &val))
		return -EINVAL;
	if ((table->extra1 && val < *(unsigned long *)table->extra1) ||
	    (table->extra2 && val > *(unsigned long *)table->extra2))
		return -EINVAL;
	WRITE_ONCE(*data, val);
	return 0;
}

static int pid_max_min = RESERVED_PIDS + 1, pid_max_max = PID_MAX_LIMIT;
static int threads_min = MIN_THREADS, threads_max = MAX_THREADS;
static int two = 2, four = 4, three_thousand = 3000, one_hundred = 100;
static unsigned long dirty_bytes_min = 2 * PAGE_SIZE;

struct ctl_table kern_table[] = {
	{
		.procname	= "ostype",
		.data		= init_uts.sysname,
		.maxlen		= sizeof(init_uts.sysname),
		.mode		= 0444,
		.proc_handler	= proc_do_uts_string,
	},
	{
		.procname	= "osrelease",
		.data		= init_uts.release,
		.maxlen		= sizeof(init_uts.release),
		.mode		= 0444,
		.proc_handler	= proc_do_uts_string,
	},
	{
		.procname	= "hostname",
		.data		= init_uts.nodename,
		.maxlen		= sizeof(init_uts.nodename),
		.mode		= 0644,
		.proc_handler	= proc_do_uts_string,
	},
	{
		.procname	= "printk",
		.data		= console_printk,
		.maxlen		= 4 * sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec,
	},
	{
		.procname	= "pid_max",
		.data		= &pid_max,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= &pid_max_min,
		.extra2		= &pid_max_max,
	},
	{
		.procname	= "threads-max",
		.data		= &max_threads,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= &threads_min,
		.extra2		= &threads_max,
	},
	{ }
};

struct ctl_table fs_table[] = {
	{
		.procname	= "dentry-state",
		.mode		= 0444,
		.proc_handler	= proc_nr_dentry,
	},
	{ }
};

struct ctl_table vm_table[] = {
	{
		.procname	= "overcommit_memory",
		.data		= &sysctl_overcommit_memory,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= &two,
	},
	{
		.procname	= "overcommit_ratio",
		.data		= &sysctl_overcommit_ratio,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec,
	},
	{
		.procname	= "dirty_background_ratio",
		.data		= &dirty_background_ratio,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= dirty_background_ratio_handler,
		.extra1		= SYSCTL_ZERO,
		.extra2		= &one_hundred,
	},
	{
		.procname	= "dirty_background_bytes",
		.data		= &dirty_background_bytes,
		.maxlen		= sizeof(unsigned long),
		.mode		= 0644,
		.proc_handler	= dirty_background_bytes_handler,
	},
	{
		.procname	= "dirty_ratio",
		.data		= &vm_dirty_ratio,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= dirty_ratio_handler,
		.extra1		= SYSCTL_ZERO,
		.extra2		= &one_hundred,
	},
	{
		.procname	= "dirty_bytes",
		.data		= &vm_dirty_bytes,
		.maxlen		= sizeof(unsigned long),
		.mode		= 0644,
		.proc_handler	= dirty_bytes_handler,
		.extra1		= &dirty_bytes_min,
	},
	{
		.procname	= "dirty_writeback_centisecs",
		.data		= &dirty_writeback_interval,
		.maxlen		= sizeof(dirty_writeback_interval),
		.mode		= 0644,
		.proc_handler	= dirty_writeback_centisecs_handler,
		.extra1		= SYSCTL_ZERO,
	},
	{
		.procname	= "dirty_expire_centisecs",
		.data		= &dirty_expire_interval,
		.maxlen		= sizeof(dirty_expire_interval),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= SYSCTL_ZERO,
	},
	{
		.procname	= "drop_caches",
		.data		= &sysctl_drop_caches,
		.maxlen		= sizeof(int),
		.mode		= 0200,
		.proc_handler	= drop_caches_sysctl_handler,
		.extra1		= SYSCTL_ONE,
		.extra2		= &four,
	},
	{
		.procname	= "min_free_kbytes",
		.data		= &min_free_kbytes,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= min_free_kbytes_sysctl_handler,
		.extra1		= SYSCTL_ZERO,
	},
	{
		.procname	= "percpu_pagelist_high_fraction",
		.data		= &percpu_pagelist_high_fraction,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= percpu_pagelist_high_fraction_sysctl_handler,
		.extra1		= SYSCTL_ZERO,
	},
	{
		.procname	= "stat_interval",
		.data		= &sysctl_stat_interval,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_jiffies,
	},
	{
		.procname	= "stat_refresh",
		.mode		= 0600,
		.proc_handler	= vmstat_refresh_sysctl_handler,
	},
	{
		.procname	= "watermark_scale_factor",
		.data		= &watermark_scale_factor,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= watermark_scale_factor_sysctl_handler,
		.extra1		= SYSCTL_ONE,
		.extra2		= &three_thousand,
	},
	{ }
};
