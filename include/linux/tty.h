/* The tty layer (drivers/tty): the console's character devices. */
#ifndef _LINUX_TTY_H
#define _LINUX_TTY_H

#define TTYAUX_MAJOR	5	/* /dev/tty 5:0, /dev/console 5:1 */
#define AMBA_MAJOR	204	/* ttyAMA0 is 204:64 */
#define AMBA_MINOR	64

/* Registers the console's devices and makes their /dev nodes; after devtmpfs_init. */
int tty_init(void);

#endif
