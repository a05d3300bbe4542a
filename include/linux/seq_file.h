/*
 * A tiny seq_file: text accumulated into a caller's buffer, for /proc-style printers
 * (buddyinfo, zoneinfo, ...). Until /proc exists it has no iterator, only the output half
 * of Linux's seq_file; on overflow the text is cut and seq_has_overflowed says so.
 */
#ifndef _LINUX_SEQ_FILE_H
#define _LINUX_SEQ_FILE_H

#include <linux/types.h>
#include <linux/compiler.h>

struct seq_file {
	char *buf;	/* the caller's buffer, always NUL-terminated */
	size_t size;	/* its size in bytes */
	size_t count;	/* bytes written, not counting the NUL */
	bool overflow;	/* something did not fit */
};

/* Starts @m over @buf of @size bytes (size > 0). */
void seq_buf_init(struct seq_file *m, char *buf, size_t size);
void seq_printf(struct seq_file *m, const char *fmt, ...) __printf(2, 3);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);

static inline bool seq_has_overflowed(struct seq_file *m)
{
	return m->overflow;
}

#endif
