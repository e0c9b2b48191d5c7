/* buf.h - growable byte buffer on the heap.
 *
 * A struct buf owns its bytes (data is NULL until the first write); the
 * contents are always NUL-terminated after any write, so data can be used as
 * a C string when it holds no NUL.  buf_free releases the bytes.
 */
#ifndef JOBC_BUF_H
#define JOBC_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;
	size_t len, cap;
};

#define BUF_INIT {NULL, 0, 0}

/* Makes room for n more bytes; data may move. */
void buf_reserve(struct buf *b, size_t n);
void buf_put(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
/* Appends one byte (inline: the writers call it for most bytes). */
static inline void buf_putc(struct buf *b, char c)
{
	if (b->cap - b->len <= 1)
		buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}
/* Appends a decimal integer. */
void buf_put_int(struct buf *b, long long v);
/* Appends n copies of c. */
void buf_fill(struct buf *b, char c, size_t n);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Empties the buffer, keeping its memory. */
void buf_clear(struct buf *b);
/* Releases the memory. */
void buf_free(struct buf *b);
/* Hands the bytes over to the caller (who frees with xfree); b is emptied. */
char *buf_take(struct buf *b, size_t *len);

#endif
