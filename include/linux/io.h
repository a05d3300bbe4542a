/* Device register access and ioremap, for drivers: the arch's <asm/io.h>. */
#ifndef _LINUX_IO_H
#define _LINUX_IO_H

#include <asm/io.h>

#endif
