/* seq_file output into a caller's buffer: the printing half of Linux's fs/seq_file.c. */
#include <stdarg.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/seq_file.h>

void seq_buf_init(struct seq_file *m, char *buf, size_t size)
{
	m->buf = buf;
	m->size = size;
	m->count = 0;
	m->overflow = false;
	if (size)
		buf[0] = '\0';
}

static void seq_vprintf(struct seq_file *m, const char *fmt, va_list args)
{
	size_t room = m->size - m->count;
	int len;

	if (m->overflow || !room)
		return;
	len = vsnprintf(m->buf + m->count, room, fmt, args);
	if (len < 0 || (size_t)len >= room) {
		m->count = m->size - 1;
		m->buf[m->count] = '\0';
		m->overflow = true;
		return;
	}
	m->count += len;
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	seq_vprintf(m, fmt, args);
	va_end(args);
}

void seq_puts(struct seq_file *m, const char *s)
{
	seq_printf(m, "%s", s);
}

void seq_putc(struct seq_file *m, char c)
{
	seq_printf(m, "%c", c);
}
