/* html.c: see html.h.  For: a calendar event's description (Google's rich
 * editor writes HTML) as plain text with its lines, to go into the event's
 * page as Markdown text.  Not feedhtml.c, which builds the reader's whole
 * document (headings, lists, numbered links) from a feed entry with
 * libxml2: a description is a few lines and links, kept as "text (URL)".
 * Character references are text.c's, as a post's Markdown reads them. */
#define _GNU_SOURCE
#include "catchup/html.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/text.h"
#include "catchup/util.h"

char *html_first_href(const char *text)
{
    for (const char *p = text; (p = strcasestr(p, "href=")); p += 5) {
        const char *v = p + 5;
        char q = *v == '"' || *v == '\'' ? *v++ : 0;
        size_t n = q ? strcspn(v, q == '"' ? "\"" : "'") : strcspn(v, " >");
        char *u = xstrndup(v, n);
        if (str_is_http_url(u))
            return u;
        free(u);
    }
    return NULL;
}

bool html_looks_like(const char *s)
{
    static const char *const tags[] = {"<br", "<a ", "<p>",  "</p",    "</a>", "<b>",
                                       "<ul", "<li", "<div", "&nbsp;", "&amp;"};
    for (size_t i = 0; i < CU_ARRAY_LEN(tags); i++)
        if (strcasestr(s, tags[i]))
            return true;
    return false;
}

/* Google Calendar descriptions edited in its rich editor are HTML: line
 * breaks, links and entities become text; "text (URL)" keeps each link. */
char *html_to_text(const char *s)
{
    struct buf b;
    buf_init(&b, 0);
    char *href = NULL;
    size_t link_text_at = 0, n;
    for (const char *p = s; *p;) {
        if (*p == '<') {
            const char *end = strchr(p, '>');
            if (!end) {
                buf_add(&b, p++, 1);
                continue;
            }
            const char *name = p + 1;
            bool closing = *name == '/';
            name += closing;
            size_t nl = strcspn(name, " \t\n/>");
            char tag[8] = "";
            if (nl < sizeof(tag))
                for (size_t i = 0; i < nl; i++)
                    tag[i] = (char)tolower((unsigned char)name[i]);
            if (!strcmp(tag, "br") || !strcmp(tag, "p") || !strcmp(tag, "div") ||
                !strcmp(tag, "ul") || !strcmp(tag, "ol") || (!strcmp(tag, "li") && closing)) {
                buf_adds(&b, "\n");
            } else if (!strcmp(tag, "li")) {
                buf_adds(&b, "\n\u2022 ");
            } else if (!strcmp(tag, "a") && !closing) {
                char *tagtext = xstrndup(p, (size_t)(end - p + 1));
                free(href);
                href = html_first_href(tagtext);
                free(tagtext);
                link_text_at = b.len;
            } else if (!strcmp(tag, "a") && closing && href) {
                const char *shown = b.data ? b.data + link_text_at : "";
                if (!strstr(shown, href))
                    buf_addf(&b, " (%s)", href);
                free(href);
                href = NULL;
            }
            p = end + 1;
        } else if ((n = text_entity_len(p, strnlen(p, 41))) > 0) {
            char *d = text_entity_decode(p, n);
            /* the text is wrapped again: a no-break space is a plain one */
            buf_adds(&b, strcmp(d, "\u00a0") ? d : " ");
            free(d);
            p += n;
        } else {
            buf_add(&b, p++, 1);
        }
    }
    free(href);
    char *out = b.data ? buf_take(&b) : xstrdup("");
    buf_free(&b);
    /* the tags may have carried control characters' worth of nothing */
    char *safe = text_sanitize(out, strlen(out), TEXT_KEEP_NEWLINES);
    free(out);
    return safe;
}
