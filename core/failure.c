/* struct failure: what went wrong in a step, in words TS can show. */
#include <stdarg.h>
#include <stdio.h>
#include "sync.h"

int fail(struct failure *f, int err, const char *step, const char *fmt, ...)
{
	va_list ap;
	f->err = err;
	f->step = step;
	va_start(ap, fmt);
	vsnprintf(f->msg, sizeof(f->msg), fmt, ap);
	va_end(ap);
	return -1;
}
