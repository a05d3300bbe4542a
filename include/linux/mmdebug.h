/*
 * Debug checks on pages (CONFIG_DEBUG_VM): VM_BUG_ON_PAGE dumps the page then BUGs;
 * VM_WARN_ON_ONCE_PAGE dumps it and warns once. Off, they cost nothing.
 */
#ifndef _LINUX_MMDEBUG_H
#define _LINUX_MMDEBUG_H

#include <linux/bug.h>

struct page;

/* Prints the page's pfn, refcount, mapcount, mapping, index, flags and @reason. */
void dump_page(struct page *page, const char *reason);
/* Under mm_debug: the allocators' /proc files on the console (mm/debug.c). After mem_init. */
void mm_debug_show(void);

#ifdef CONFIG_DEBUG_VM
#define VM_BUG_ON_PAGE(cond, page)					\
	do {								\
		if (unlikely(cond)) {					\
			dump_page(page, "VM_BUG_ON_PAGE(" __stringify(cond) ")"); \
			BUG();						\
		}							\
	} while (0)
#define VM_WARN_ON_ONCE_PAGE(cond, page) ({				\
	static bool __warned;						\
	int __ret = !!(cond);						\
	if (unlikely(__ret) && !__warned) {				\
		dump_page(page, "VM_WARN_ON_ONCE_PAGE(" __stringify(cond) ")"); \
		__warned = true;					\
		__warn(__FILE__, __LINE__, __func__, #cond);		\
	}								\
	unlikely(__ret);						\
})
#else
#define VM_BUG_ON_PAGE(cond, page)	VM_BUG_ON(cond)
#define VM_WARN_ON_ONCE_PAGE(cond, page) ({ (void)(page); unlikely(!!(cond)); })
#endif

#endif
