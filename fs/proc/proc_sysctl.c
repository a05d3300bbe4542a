/*
 * /proc/sys (Linux's fs/proc/proc_sysctl.c): a file per ctl_table entry of
 * kernel/sysctl.c's tables. A read shows the handler's text from any offset (so reads of
 * any size agree); a write hands the whole text, NUL-terminated, to the handler.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/uio.h>
#include <linux/sysctl.h>
#include <asm/uaccess.h>
#include "internal.h"

static struct ctl_table *proc_sys_table(struct file *file)
{
	return pde_data(file_inode(file));
}

static ssize_t proc_sys_read(struct kiocb *iocb, struct iov_iter *iter)
{
	struct ctl_table *table = proc_sys_table(iocb->ki_filp);
	size_t len = PAGE_SIZE - 1, copied;
	loff_t pos = 0;
	char *kbuf;
	int err;

	kbuf = kzalloc(PAGE_SIZE, GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;
	err = table->proc_handler(table, 0, kbuf, &len, &pos);
	if (err || iocb->ki_pos >= (loff_t)len) {
		kfree(kbuf);
		return err;
	}
	copied = copy_to_iter(kbuf + iocb->ki_pos, len - (size_t)iocb->ki_pos, iter);
	kfree(kbuf);
	if (!copied && iov_iter_count(iter))
		return -EFAULT;
	iocb->ki_pos += (loff_t)copied;
	return (ssize_t)copied;
}

static ssize_t proc_sys_write(struct file *file, const char __user *ubuf, size_t count,
			      loff_t *ppos)
{
	struct ctl_table *table = proc_sys_table(file);
	char *kbuf;
	int err;

	if (count >= PAGE_SIZE)
		return -E2BIG;
	kbuf = kmalloc(count + 1, GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;
	if (copy_from_user(kbuf, ubuf, count)) {
		kfree(kbuf);
		return -EFAULT;
	}
	kbuf[count] = '\0';
	err = table->proc_handler(table, 1, kbuf, &count, ppos);
	kfree(kbuf);
	if (err)
		return err;
	*ppos += (loff_t)count;
	return (ssize_t)count;
}

static const struct proc_ops proc_sys_file_operations = {
	.proc_read_iter	= proc_sys_read,
	.proc_write	= proc_sys_write,
	.proc_lseek	= default_llseek,
};

static int __init register_sysctl_table(const char *path, struct ctl_table *table)
{
	struct proc_dir_entry *dir = proc_mkdir(path, NULL);

	if (!dir)
		return -ENOMEM;
	for (; table->procname; table++)
		if (!proc_create_data(table->procname, S_IFREG | table->mode, dir,
				      &proc_sys_file_operations, table))
			return -ENOMEM;
	return 0;
}

int __init proc_sys_init(void)
{
	if (!proc_mkdir("sys", NULL))
		return -ENOMEM;
	return register_sysctl_table("sys/kernel", kern_table) ?:
	       register_sysctl_table("sys/vm", vm_table);
}
