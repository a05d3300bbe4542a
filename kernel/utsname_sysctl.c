/* /proc/sys/kernel's names of the system (Linux's kernel/utsname_sysctl.c). */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/sysctl.h>
#include <linux/utsname.h>

/* A copy is read or written, so the string never changes under proc_dostring. */
int proc_do_uts_string(struct ctl_table *table, int write, void *buffer, size_t *lenp,
		       loff_t *ppos)
{
	struct ctl_table uts_table = *table;
	char tmp_data[sizeof(init_uts.nodename)];
	int r;

	uts_table.data = tmp_data;
	spin_lock(&uts_lock);
	memcpy(tmp_data, table->data, sizeof(tmp_data));
	spin_unlock(&uts_lock);
	r = proc_dostring(&uts_table, write, buffer, lenp, ppos);
	if (write && !r) {
		spin_lock(&uts_lock);
		memcpy(table->data, tmp_data, sizeof(tmp_data));
		spin_unlock(&uts_lock);
	}
	return r;
}
