/*
 * Host stand-ins for /proc registration and the sysctl handlers that mm/ and fs/ files
 * call (late initcalls, init_mm_internals, /proc/sys writes). No host suite runs an
 * initcall or writes a sysctl, so none of these is ever reached: each fails.
 */
#include <linux/kernel.h>
#include <linux/proc_fs.h>
#include <linux/sysctl.h>

struct proc_dir_entry *proc_create_single_data(const char *name, umode_t mode,
					       struct proc_dir_entry *parent,
					       int (*show)(struct seq_file *, void *), void *data)
{
	BUG();
}

struct proc_dir_entry *proc_create_seq_private(const char *name, umode_t mode,
					       struct proc_dir_entry *parent,
					       const struct seq_operations *ops,
					       unsigned int state_size, void *data)
{
	BUG();
}

int proc_dointvec_minmax(struct ctl_table *table, int write, void *buffer, size_t *lenp,
			 loff_t *ppos)
{
	BUG();
}

int proc_doulongvec_minmax(struct ctl_table *table, int write, void *buffer, size_t *lenp,
			   loff_t *ppos)
{
	BUG();
}
