/* url.h: reading http(s) URLs the way a browser does, without a network
 * library: the host a link goes to, and where a URL written in running text
 * starts and ends.  Nothing here fails or reads outside the string. */
#ifndef CATCHUP_URL_H
#define CATCHUP_URL_H

#include <stdbool.h>
#include <stddef.h>

/* The host of an http or https URL: lower case, without userinfo, port or
 * a trailing dot ("https://u@Example.COM.:8/x" -> "example.com"; an IPv6
 * literal keeps its brackets).  The authority ends at '/', '\\', '?' or '#'
 * as in a browser, so "https://a.com\\@b.com" is a.com.  Fills host (cap
 * bytes) and, unless NULL, *path with where the path begins; returns false,
 * leaving host untouched, for anything else or a host that does not fit. */
bool url_host(const char *url, char *host, size_t cap, const char **path);
/* The same, allocated (caller frees), or NULL. */
char *url_host_dup(const char *url);

/* Whether a URL written in text starts at p: "http://" or "https://" not
 * glued to a word before it. */
bool url_starts_at(const char *text, const char *p);
/* How long the URL at p is: up to a space, a quote, '<' or '>'; a ')' or
 * ']' only when it closes a '(' or '[' of the URL; trailing punctuation of
 * the sentence (".,;:!?*_") left out. */
size_t url_span(const char *p);

#endif
