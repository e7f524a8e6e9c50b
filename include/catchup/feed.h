/* feed.h: RSS 2.0, Atom 1.0 and JSON Feed 1.1 documents into entries.
 *
 * XML is read with libxml2 with the network, DTD loading and entity
 * substitution off; a document that declares entities in its DOCTYPE (an
 * external entity, an entity bomb) is refused before anything is expanded.
 * JSON Feed is read with jansson.  Every string of an entry is valid UTF-8
 * without control characters (the body keeps its newlines). */
#ifndef CATCHUP_FEED_H
#define CATCHUP_FEED_H

#include "catchup/util.h"

/* An entry's id is a short slug of its guid (or link) and a hash of it. */
#define FEED_ID_MAX 64

struct feed_entry {
    char *id;      /* "july_latest_in_cnai-1a2b3c4d": stable for the same guid */
    char *guid;    /* guid, id (Atom, JSON), else the link, else title and date */
    char *title;   /* one line, entities decoded; NULL when the entry has none */
    char *date;    /* RFC 3339 with the entry's own offset, or NULL */
    char *link;    /* the entry on the web, absolute; or NULL */
    char *body;    /* HTML (content, content:encoded, summary or description) */
    char *summary; /* plain text when the body came from a fuller element, or NULL */
    char *base;    /* what relative links in the body resolve against, or NULL */
    bool old_date; /* it had a date, before 1900: taken as none */
};

enum feed_kind { FEED_RSS, FEED_ATOM, FEED_JSON };

struct feed {
    enum feed_kind kind;
    char *title; /* or NULL */
    char *link;  /* the site, absolute; or NULL */
    struct feed_entry *entries;
    size_t n;
};

/* Parses a feed body fetched from url (the base of last resort for relative
 * links).  Entries are kept in the document's order; a second entry with
 * the id of an earlier one is dropped.  Returns 0, or -1 with e set to what
 * is wrong ("is not RSS, Atom or JSON Feed", "declares XML entities ...",
 * libxml2's or jansson's error with its line); *out is then empty.  Caller
 * frees with feed_free. */
int feed_parse(const char *body, size_t len, const char *url, struct feed *out, struct cu_err *e);
void feed_free(struct feed *f);
/* "RSS", "Atom" or "JSON Feed" (static). */
const char *feed_kind_name(enum feed_kind k);

/* Reads an RFC 822 (RFC 2822: "Mon, 27 May 2024 10:00:00 +0200", any zone
 * name RFC 822 has, two-digit years) or RFC 3339 ("2024-05-27T10:00:00.5Z",
 * "+02:00", "-0700", a date alone) date into out as RFC 3339 with the same
 * offset ("2024-05-27T10:00:00+02:00", "Z" for UTC, a date alone as it is).
 * Returns 0, 1 when the date is valid but before the year 1900 (out is then
 * empty: such a date stands for none, as Hugo's 0001-01-01), -1 when it
 * cannot be read. */
int feed_date(const char *s, char out[32]);

#endif
