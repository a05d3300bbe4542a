/* Section markers for code and data used only while booting. */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>

#ifndef __KERNEL__
#define __init
#define __initdata
#define __initconst
#else
#define __init		__section(".init.text") noinline
#define __initdata	__section(".init.data")
#define __initconst	__section(".init.rodata")
#endif

#endif
