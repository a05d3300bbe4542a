/* strncpy_from_user: a NUL-terminated string from user space, byte by byte under one uaccess window. */
#include <linux/kernel.h>
#include <asm/uaccess.h>

/*
 * Copies at most count bytes of src, stopping after the NUL. Returns the string's length
 * (without the NUL), count if no NUL came within count bytes (dst is then not
 * terminated), or -EFAULT.
 */
long strncpy_from_user(char *dst, const char __user *src, long count)
{
	long max, res = 0;
	int err = 0;

	if (count <= 0)
		return 0;
	if ((unsigned long)src >= TASK_SIZE)
		return -EFAULT;
	max = min_t(unsigned long, count, TASK_SIZE - (unsigned long)src);
	uaccess_enable();
	while (res < max) {
		char c;

		__raw_get_user(c, src + res, err);
		if (err)
			break;
		dst[res] = c;
		if (!c)
			break;
		res++;
	}
	uaccess_disable();
	if (err)
		return -EFAULT;
	/* The range ended at TASK_SIZE before count and before a NUL: a fault, as Linux says. */
	if (res == max && max < count)
		return -EFAULT;
	return res;
}
