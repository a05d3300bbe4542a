/* lkdtm=TYPE: a failure provoked on purpose, to see how the kernel reports it. */
#ifndef _LINUX_LKDTM_H
#define _LINUX_LKDTM_H

/* Called once the kernel is up; does nothing without lkdtm= on the command line. */
void lkdtm_boot_trigger(void);

#endif
