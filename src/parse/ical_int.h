/* ical_int.h: what src/parse/ical.c and ical_split.c share: a feed split
 * into its VCALENDAR skeletons and its VEVENTs' text, indexed by UID. */
#ifndef CATCHUP_ICAL_INT_H
#define CATCHUP_ICAL_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "catchup/util.h"

/* The properties and VTIMEZONEs of one VCALENDAR may take at most this
 * much text (real feeds: a few zones of 1-3 KiB). */
#define SKELETON_MAX (2u << 20)
/* The VEVENTs of one UID (a series and its overrides) may take at most this
 * much text: parsed, they are about 15 times that. */
#define GROUP_MAX (2u << 20)

struct block {
    size_t off, len; /* the VEVENT's text, BEGIN to END */
    char *key;       /* its UID as written, or NULL (then it is alone) */
    bool rid;        /* it has a RECURRENCE-ID */
    bool rrule;      /* it has an RRULE */
    bool cancelled;  /* its (last) STATUS is CANCELLED */
    size_t summary;  /* 1 + the offset of its (last) SUMMARY line, or 0 */
};

struct cal_text {
    struct buf skel; /* BEGIN:VCALENDAR, its properties and VTIMEZONEs */
    struct block *ev;
    size_t nev, cap;
};

/* Splits text into *out (*nout calendars); -1 with e set on a feed over the
 * caps. */
int split_feed(const char *text, size_t len, struct cal_text **out, size_t *nout, struct cu_err *e);
void cal_text_free(struct cal_text *c);
/* The SUMMARY of a block as libical reads it (unfolded, unescaped,
 * cleaned), without parsing the block; NULL when it has none. */
char *block_summary(const char *text, const struct block *b);
/* The text of a block as libical needs it (only the properties read). */
char *block_text(const char *text, const struct block *b);
/* Orders blocks by UID (qsort). */
int by_block_key(const void *a, const void *b);
/* ical.c's text cleaning (sanitized, at most max bytes). */
char *ical_clean(const char *s, unsigned flags, size_t max);

#endif
