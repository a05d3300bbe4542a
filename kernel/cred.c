/* Credentials (include/linux/cred.h): init's, shared by every task until ids can change. */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/cred.h>

struct cred init_cred = {
	.usage = 1,
};

void put_cred(struct cred *cred)
{
	if (__atomic_sub_fetch(&cred->usage, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(cred);
}
