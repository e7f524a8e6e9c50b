/* feedhtml.h: HTML (a feed entry's body, a title) through libxml2's HTML
 * parser, with the network off.
 *
 * doc_parse_html() builds the same document model as doc_parse() does for
 * Markdown, so the reader, `catchup show` and search lay out both alike:
 * headings, paragraphs, lists, quotes, code, tables and rules; links (and
 * images) numbered in order of first appearance, classified, resolved
 * against base_url.  <script>, <style>, <template>, embedded objects, forms
 * and the document's <head> are dropped with what they hold; attributes
 * other than href, src, alt and start are never read, so event handlers
 * go too; javascript:, data: and vbscript: links are no links, and 1x1
 * images (trackers) are left out. */
#ifndef CATCHUP_FEEDHTML_H
#define CATCHUP_FEEDHTML_H

#include "catchup/markdown.h"

/* Any bytes in; never fails but for memory (aborts, as everywhere).
 * Returns 0 and sets *out (caller frees with doc_free); e is unused but
 * for symmetry with doc_parse. */
int doc_parse_html(const char *html, size_t len, const char *base_url, struct doc **out,
                   struct cu_err *e);
/* The text of an HTML fragment on one line: tags dropped (and what
 * <script>/<style> hold), entities decoded, blanks collapsed, sanitized.
 * Caller frees; "" for nothing. */
char *feedhtml_text(const char *html, size_t len);
/* Sets libxml2 up once, whichever thread comes first (feed.c calls it). */
void feedxml_init(void);

#endif
