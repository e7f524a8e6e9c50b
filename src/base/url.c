/* url.c: see url.h. */
#include "catchup/url.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "catchup/util.h"

bool url_host(const char *url, char *host, size_t cap, const char **path)
{
    const char *p;
    if (!url)
        return false;
    if (strncasecmp(url, "https://", 8) == 0)
        p = url + 8;
    else if (strncasecmp(url, "http://", 7) == 0)
        p = url + 7;
    else
        return false;
    /* Browsers end the authority at '\' too, so "https://a.com\@b.com" is a.com. */
    size_t alen = strcspn(p, "/\\?#");
    const char *auth = p, *aend = p + alen;
    for (const char *q = auth; q < aend; q++)
        if (*q == '@')
            auth = q + 1;
    const char *hend = auth;
    if (*auth == '[') {
        while (hend < aend && *hend != ']')
            hend++;
        if (hend < aend)
            hend++;
    } else {
        while (hend < aend && *hend != ':')
            hend++;
    }
    size_t hlen = (size_t)(hend - auth);
    if (hlen && auth[hlen - 1] == '.')
        hlen--;
    if (hlen == 0 || hlen >= cap)
        return false;
    for (size_t i = 0; i < hlen; i++)
        host[i] = auth[i] >= 'A' && auth[i] <= 'Z' ? (char)(auth[i] + 32) : auth[i];
    host[hlen] = '\0';
    if (path)
        *path = aend;
    return true;
}

char *url_host_dup(const char *url)
{
    char host[256];
    return url_host(url, host, sizeof(host), NULL) ? xstrdup(host) : NULL;
}

bool url_starts_at(const char *text, const char *p)
{
    /* the first letter alone rules out nearly every position of a long text */
    return *p == 'h' && (str_starts(p, "http://") || str_starts(p, "https://")) &&
           (p == text || !isalnum((unsigned char)p[-1]));
}

size_t url_span(const char *p)
{
    size_t n = strcspn(p, " \t\n<>\"'`");
    /* a closing parenthesis or bracket belongs to the URL only when it
     * closes one the URL opened ("[::1]", "wiki/A_(b)") */
    int parens = 0, brackets = 0;
    for (size_t i = 0; i < n; i++) {
        int *depth = p[i] == '(' || p[i] == ')' ? &parens : &brackets;
        if (p[i] == '(' || p[i] == '[')
            (*depth)++;
        else if ((p[i] == ')' || p[i] == ']') && --*depth < 0) {
            n = i;
            break;
        }
    }
    while (n && strchr(".,;:!?*_", p[n - 1]))
        n--;
    return n;
}
