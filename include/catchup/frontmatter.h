/* frontmatter.h: a post's front matter: YAML (read with libyaml) or TOML.
 *
 * A post is "---\n<YAML mapping>\n---\n<Markdown body>", or Hugo's
 * "+++\n<TOML>\n+++\n<Markdown body>" (the keys of its top-level table; a
 * TOML date-time may be unquoted: 2026-08-20T22:00:00Z).  Known keys: title,
 * description (often a block scalar), type, weight, date (else publishDate:
 * "2026-08-20", "2026-08-20T22:00:00Z", "...+02:00", Jekyll's
 * "2026-08-20 22:00:00 -0000", with or without seconds), draft.  Unknown
 * keys are ignored; values of the wrong shape (a list as a title, a weight
 * that is not an integer) are errors naming the key and line. */
#ifndef CATCHUP_FRONTMATTER_H
#define CATCHUP_FRONTMATTER_H

#include "catchup/util.h"

struct frontmatter {
    char *title, *description, *type;
    char *date;     /* normalized ISO 8601 ("2024-05-27" or "2024-05-27T12:47:54Z"), or NULL */
    char *date_bad; /* without a date: the value that is not a real date or time, or NULL */
    long weight;
    bool has_weight;
    bool draft;
    size_t body_offset; /* where the Markdown body starts in the input */
};

/* Parses the front matter at the start of text (any bytes; n of them).
 * Without front matter, all fields are empty and body_offset is 0.  Returns
 * -1 with e set ("front matter line 3: ...") when the YAML or TOML is
 * malformed: then every field is empty but body_offset, which is where the
 * body starts after the closing line (0 when no line closes the front
 * matter), so the post can still be shown. */
int fm_parse(const char *text, size_t n, struct frontmatter *fm, struct cu_err *e);
void fm_free(struct frontmatter *fm);

#endif
