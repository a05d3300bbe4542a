/* Consoles: where printk's records go. */
#ifndef _LINUX_CONSOLE_H
#define _LINUX_CONSOLE_H

#include <linux/types.h>

#define CON_PRINTBUFFER	(1 << 0)	/* replay the whole log when registered */
#define CON_ENABLED	(1 << 2)
#define CON_BOOT	(1 << 3)	/* an earlycon, replaced by the real driver */

struct console {
	char name[16];
	void (*write)(struct console *con, const char *s, unsigned int n);
	short flags;
	short index;
	u64 seq;			/* next log record to print; under the log lock */
	void *data;
	struct console *next;
};

/* Adds con; a real console replaces the boot consoles and takes over where they were. */
void register_console(struct console *con);
void unregister_console(struct console *con);
/* Called once a console exists, and by panic with other cpus stopped. */
void console_flush_all(void);
/* True when some console is registered. */
bool have_console(void);

extern int console_loglevel;

/* The PL011 (drivers/tty/serial/amba-pl011.c): ttyAMA0 on /chosen/stdout-path. */
int pl011_console_init(void);
/* Writes n bytes to ttyAMA0 unchanged, for the tty layer (drivers/tty/tty_io.c). */
void pl011_tty_put_chars(const char *s, unsigned int n);
/* Turns on ttyAMA0's receive interrupt, feeding console_tty; from tty_init. */
int pl011_startup_rx(void);
/* panic's last resort when no console was ever registered: QEMU virt's UART. */
void pl011_emergency_console(void);
/* panic: takes the printk lock over from whoever held it. */
void printk_bust_locks(void);

#endif
