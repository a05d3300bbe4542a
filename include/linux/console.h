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
	/* Finds and starts device index (set by register_console); 0 or -ENODEV. May be NULL. */
	int (*setup)(struct console *con, char *options);
	short flags;
	short index;			/* -1: whichever console= or the tree prefers */
	u64 seq;			/* next log record to print; under the log lock */
	void *data;
	struct console *next;
};

/*
 * Adds con if it is wanted: a boot console always; a real one when console= (or, without
 * console=, the tree's stdout-path) names it, or when nothing is named at all. A real
 * console replaces the boot consoles and takes over where they were. CON_ENABLED in
 * con->flags tells whether it was added.
 */
void register_console(struct console *con);
/* Prefers console name+idx, as console=name<idx>[,options] does (the tree's stdout-path). */
int add_preferred_console(const char *name, int idx, char *options);
/* Whether console= was on the command line: it then overrides stdout-path. */
extern bool console_set_on_cmdline;
void unregister_console(struct console *con);
/* Called once a console exists, and by panic with other cpus stopped. */
void console_flush_all(void);
/* True when some console is registered. */
bool have_console(void);

/* What console_verbose raises the level to: every message prints. */
#define CONSOLE_LOGLEVEL_MOTORMOUTH	15

/*
 * Before a panic or an oops report: loglevel=, quiet or a negative level must not hide
 * it. Level 0 stays: as in Linux, loglevel=0 asks for a console that prints nothing.
 */
static inline void console_verbose(void)
{
	if (console_loglevel)
		console_loglevel = CONSOLE_LOGLEVEL_MOTORMOUTH;
}

/* The PL011s (drivers/tty/serial/amba-pl011.c): ttyAMA<n>, the console= or stdout-path one. */
int pl011_console_init(void);
/* Writes n bytes to ttyAMA0 unchanged, for the tty layer (drivers/tty/tty_io.c). */
void pl011_tty_put_chars(const char *s, unsigned int n);
/* Turns on the console UART's receive interrupt, feeding console_tty; from tty_init. */
int pl011_startup_rx(void);
/* panic's last resort when no console is registered: the earlycon, on the UART found
 * or on QEMU virt's. */
void pl011_emergency_console(void);
/* panic: takes the printk lock over from whoever held it. */
void printk_bust_locks(void);

#endif
