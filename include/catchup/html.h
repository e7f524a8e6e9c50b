/* html.h: the HTML that calendar descriptions carry (Google Calendar's rich
 * editor writes it), read as plain text. */
#ifndef CATCHUP_HTML_H
#define CATCHUP_HTML_H

#include <stdbool.h>

/* Whether s reads as HTML: a common tag or entity in it. */
bool html_looks_like(const char *s);
/* Plain text from HTML: line breaks, paragraphs and list items become
 * lines ("• " before each item), character references characters (a
 * no-break space a plain one), and each link "text (URL)" unless the text
 * shows the URL.  Sanitized (newlines kept); caller frees. */
char *html_to_text(const char *s);
/* The first http(s) href="..." in text (caller frees), or NULL. */
char *html_first_href(const char *text);

#endif
