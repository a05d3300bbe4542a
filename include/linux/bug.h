/*
 * BUG, WARN and the VM_BUG_ON family: invariants written where they must hold.
 * BUG stops the kernel; WARN reports once per call and lets the caller recover.
 */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>

void __noreturn __bug(const char *file, int line, const char *cond);
void __warn(const char *file, int line, const char *func, const char *cond);

#define BUG()		__bug(__FILE__, __LINE__, NULL)
#define BUG_ON(cond)	do { if (unlikely(cond)) __bug(__FILE__, __LINE__, #cond); } while (0)

#define WARN_ON(cond) ({						\
	int __ret = !!(cond);						\
	if (unlikely(__ret))						\
		__warn(__FILE__, __LINE__, __func__, #cond);		\
	unlikely(__ret);						\
})

#define WARN_ON_ONCE(cond) ({						\
	static bool __warned;						\
	int __ret = !!(cond);						\
	if (unlikely(__ret) && !__warned) {				\
		__warned = true;					\
		__warn(__FILE__, __LINE__, __func__, #cond);		\
	}								\
	unlikely(__ret);						\
})

/* CONFIG_DEBUG_VM: on in host tests and `make test`, off in the bench build. */
#ifdef CONFIG_DEBUG_VM
#define VM_BUG_ON(cond)		BUG_ON(cond)
#define VM_WARN_ON(cond)	(void)WARN_ON(cond)
#define VM_WARN_ON_ONCE(cond)	(void)WARN_ON_ONCE(cond)
#else
#define VM_BUG_ON(cond)		((void)sizeof(!!(cond)))
#define VM_WARN_ON(cond)	((void)sizeof(!!(cond)))
#define VM_WARN_ON_ONCE(cond)	((void)sizeof(!!(cond)))
#endif

#endif
