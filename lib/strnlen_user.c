/* strnlen_user: the size of a user string, NUL included, without copying it. */
#include <linux/kernel.h>
#include <asm/uaccess.h>

/*
 * The length with the NUL; 0 on a fault (or when the string runs into TASK_SIZE);
 * n + 1 when no NUL came within n bytes.
 */
long strnlen_user(const char __user *str, long n)
{
	long len, max;
	int err = 0;
	char c = 1;

	if (n <= 0 || (unsigned long)str >= TASK_SIZE)
		return 0;
	max = min_t(unsigned long, n, TASK_SIZE - (unsigned long)str);
	uaccess_enable();
	for (len = 0; len < max && c; len++) {
		__raw_get_user(c, str + len, err);
		if (err)
			break;
	}
	uaccess_disable();
	if (err)
		return 0;
	if (!c)
		return len;
	return max < n ? 0 : n + 1;
}
