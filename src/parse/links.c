/* links.c: see links.h. */
#include "catchup/links.h"

#include <string.h>
#include <strings.h>

#include "catchup/url.h"
#include "catchup/util.h"

enum { MAX_SEGS = 8 };

/* The parts of an http(s) URL that classification looks at.  Pointers are
 * borrowed from the URL. */
struct url_view {
    char host[256]; /* lower case, no userinfo, port or trailing dot */
    const char *seg[MAX_SEGS];
    size_t seglen[MAX_SEGS];
    size_t nseg; /* path segments, a trailing empty one dropped */
};

/* Returns false for anything that is not a well-formed http(s) URL with a
 * host; then the URL is LINK_OTHER. */
static bool url_view(const char *url, struct url_view *v)
{
    const char *path;
    if (!url_host(url, v->host, sizeof(v->host), &path))
        return false;
    v->nseg = 0;
    size_t plen = strcspn(path, "?#");
    const char *pend = path + plen;
    const char *s = path;
    while (s < pend && v->nseg < MAX_SEGS) {
        s++; /* the '/' (or '\') */
        const char *e = s;
        while (e < pend && *e != '/' && *e != '\\')
            e++;
        if (e == pend && e == s)
            break; /* trailing slash */
        v->seg[v->nseg] = s;
        v->seglen[v->nseg] = (size_t)(e - s);
        v->nseg++;
        s = e;
    }
    return true;
}

static bool seg_is(const struct url_view *v, size_t i, const char *word)
{
    return i < v->nseg && v->seglen[i] == strlen(word) &&
           memcmp(v->seg[i], word, v->seglen[i]) == 0;
}

static bool seg_nonempty(const struct url_view *v, size_t i)
{
    return i < v->nseg && v->seglen[i] > 0;
}

/* A positive decimal that fits an int; -1 otherwise. */
static int seg_number(const struct url_view *v, size_t i)
{
    if (!seg_nonempty(v, i) || v->seglen[i] > 9)
        return -1;
    int n = 0;
    for (size_t k = 0; k < v->seglen[i]; k++) {
        char c = v->seg[i][k];
        if (c < '0' || c > '9')
            return -1;
        n = n * 10 + (c - '0');
    }
    return n > 0 ? n : -1;
}

static bool host_is(const struct url_view *v, const char *name)
{
    return strcmp(v->host, name) == 0;
}

/* name itself or any subdomain of it. */
static bool host_under(const struct url_view *v, const char *name)
{
    size_t h = strlen(v->host), n = strlen(name);
    if (h == n)
        return memcmp(v->host, name, n) == 0;
    return h > n && v->host[h - n - 1] == '.' && memcmp(v->host + h - n, name, n) == 0;
}

static bool is_github(const struct url_view *v)
{
    return host_is(v, "github.com") || host_is(v, "www.github.com");
}

/* O/R/issues|pull/N: returns the number, or -1. */
static int github_numbered(const struct url_view *v, const char *what)
{
    if (!is_github(v) || !seg_nonempty(v, 0) || !seg_nonempty(v, 1) || !seg_is(v, 2, what))
        return -1;
    return seg_number(v, 3);
}

static bool is_recording(const struct url_view *v)
{
    if (host_is(v, "youtube.com") || host_is(v, "www.youtube.com") || host_is(v, "m.youtube.com")) {
        if (seg_is(v, 0, "watch"))
            return true;
        return (seg_is(v, 0, "live") || seg_is(v, 0, "shorts") || seg_is(v, 0, "embed")) &&
               seg_nonempty(v, 1);
    }
    if (host_is(v, "youtu.be") || host_is(v, "www.youtu.be"))
        return seg_nonempty(v, 0);
    if (host_is(v, "vimeo.com") || host_is(v, "www.vimeo.com"))
        return seg_number(v, 0) > 0;
    if (host_is(v, "player.vimeo.com"))
        return seg_is(v, 0, "video") && seg_number(v, 1) > 0;
    if (host_under(v, "zoom.us"))
        return seg_is(v, 0, "rec") && v->nseg >= 2;
    return false;
}

enum link_kind link_classify(const char *url)
{
    struct url_view v;
    if (!url_view(url, &v))
        return LINK_OTHER;
    if (is_recording(&v))
        return LINK_RECORDING;
    if (is_github(&v)) {
        if (github_numbered(&v, "issues") > 0)
            return LINK_ISSUE;
        if (github_numbered(&v, "pull") > 0)
            return LINK_PR;
        if ((seg_is(&v, 0, "orgs") || seg_is(&v, 0, "users")) && seg_nonempty(&v, 1) &&
            seg_is(&v, 2, "projects") && seg_number(&v, 3) > 0)
            return LINK_BOARD;
        return LINK_OTHER;
    }
    if (host_under(&v, "slack.com"))
        return LINK_SLACK;
    if (host_is(&v, "docs.google.com")) {
        if ((seg_is(&v, 0, "document") || seg_is(&v, 0, "presentation") ||
             seg_is(&v, 0, "spreadsheets") || seg_is(&v, 0, "forms")) &&
            v.nseg >= 2)
            return LINK_DOC;
        return LINK_OTHER;
    }
    if (host_is(&v, "drive.google.com"))
        return LINK_DOC;
    return LINK_OTHER;
}

const char *link_video_call(const char *url)
{
    struct url_view v;
    if (!url_view(url, &v) || !seg_nonempty(&v, 0))
        return NULL;
    if (host_under(&v, "zoom.us")) {
        static const char *const join[] = {"j", "my", "s", "w", "wc", "meeting"};
        for (size_t i = 0; i < CU_ARRAY_LEN(join); i++)
            if (seg_is(&v, 0, join[i]))
                return "Zoom";
        return NULL;
    }
    if (host_is(&v, "zoom-lfx.platform.linuxfoundation.org"))
        return seg_is(&v, 0, "meeting") && seg_nonempty(&v, 1) && v.nseg == 2 ? "Zoom" : NULL;
    if (host_is(&v, "meet.google.com"))
        return "Google Meet";
    if (host_is(&v, "teams.microsoft.com") || host_is(&v, "teams.live.com"))
        return (seg_is(&v, 0, "l") && seg_is(&v, 1, "meetup-join")) ||
                       (seg_is(&v, 0, "meet") && seg_nonempty(&v, 1))
                   ? "Teams"
                   : NULL;
    if (host_is(&v, "meet.jit.si") || host_is(&v, "8x8.vc"))
        return "Jitsi";
    if (host_under(&v, "webex.com")) {
        if ((seg_is(&v, 0, "meet") || seg_is(&v, 0, "join")) && seg_nonempty(&v, 1))
            return "Webex";
        for (size_t i = 0; i < v.nseg; i++)
            if (seg_is(&v, i, "j.php"))
                return "Webex";
    }
    return NULL;
}

const char *link_kind_name(enum link_kind k)
{
    static const char *const names[] = {
        [LINK_RECORDING] = "recording", [LINK_ISSUE] = "issue", [LINK_PR] = "pr",
        [LINK_SLACK] = "slack",         [LINK_BOARD] = "board", [LINK_DOC] = "doc",
        [LINK_OTHER] = "other",
    };
    if ((unsigned)k >= CU_ARRAY_LEN(names))
        return "other";
    return names[k];
}

bool link_github_issue(const char *url, char *owner_repo, size_t cap, int *number)
{
    struct url_view v;
    if (!url_view(url, &v) || v.nseg != 4)
        return false;
    int n = github_numbered(&v, "issues");
    if (n < 0)
        n = github_numbered(&v, "pull");
    if (n < 0)
        return false;
    size_t need = v.seglen[0] + 1 + v.seglen[1] + 1;
    if (!owner_repo || need > cap)
        return false;
    memcpy(owner_repo, v.seg[0], v.seglen[0]);
    owner_repo[v.seglen[0]] = '/';
    memcpy(owner_repo + v.seglen[0] + 1, v.seg[1], v.seglen[1]);
    owner_repo[need - 1] = '\0';
    if (number)
        *number = n;
    return true;
}
