/* Dirty-page limits (Linux's writeback.h part): the vm.dirty_* ratios, in percent. */
#ifndef _LINUX_WRITEBACK_H
#define _LINUX_WRITEBACK_H

extern int vm_dirty_ratio;
extern int dirty_background_ratio;

/* The background and throttling thresholds, in pages (Linux's global_dirty_limits). */
void global_dirty_limits(unsigned long *pbackground, unsigned long *pdirty);

#endif
