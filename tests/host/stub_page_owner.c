/*
 * Host stand-in for mm/page_owner.c, which the page allocator's hooks call: no host suite
 * boots with page_owner=on, so page_owner_inited stays false and none of these is reached.
 */
#include <linux/kernel.h>
#include <linux/page_owner.h>

bool page_owner_inited;

void __set_page_owner(struct page *page, unsigned short order, gfp_t gfp_mask)
{
	BUG();
}

void __reset_page_owner(struct page *page, unsigned short order)
{
	BUG();
}

void __split_page_owner(struct page *page, unsigned int nr)
{
	BUG();
}
