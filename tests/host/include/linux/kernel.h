/*
 * Host build of include/linux/kernel.h: the compiler's <limits.h> (which libc's headers
 * pull in too) defines the same limits with other spellings; it goes first, once, and
 * the kernel's definitions replace its own. The freestanding builds of lib/ (__KERNEL__)
 * see only the kernel's.
 */
#ifndef _HOST_LINUX_KERNEL_H
#define _HOST_LINUX_KERNEL_H

#ifndef __KERNEL__
#include <limits.h>
#undef ULONG_MAX
#undef LONG_MAX
#undef LONG_MIN
#undef INT_MAX
#undef INT_MIN
#undef UINT_MAX
#undef LLONG_MAX
#undef LLONG_MIN
#undef ULLONG_MAX
#endif

#include_next <linux/kernel.h>

#endif
