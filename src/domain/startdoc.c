/* startdoc.c: see startdoc.h. */
#define _GNU_SOURCE
#include "catchup/startdoc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catchup/agenda.h"
#include "catchup/board.h"
#include "catchup/involve.h"
#include "catchup/links.h"
#include "catchup/markdown.h"
#include "catchup/postview.h"
#include "catchup/store_board.h"
#include "catchup/store_events.h"

/* How many of the latest posts give their "How to Get Involved" bullets. */
#define INVOLVE_POSTS 4

/* Markdown-escapes text from the config or the network for inline use. */
static void add_text(struct buf *b, const char *s)
{
    for (; *s; s++) {
        if (strchr("\\`*_[]<>#|", *s))
            buf_add(b, "\\", 1);
        buf_add(b, s, 1);
    }
}

/* How far ahead the next meeting is looked for. */
#define MEETING_AHEAD_DAYS 60

static bool is_help_label(const char *l)
{
    return !strcasecmp(l, "help wanted") || !strcasecmp(l, "good first issue") ||
           !strcasecmp(l, "help-wanted") || !strcasecmp(l, "good-first-issue") ||
           !strcasecmp(l, "needs-group");
}

/* How many of the newest posts are looked through for meeting issues. */
#define MEETING_POSTS 64

/* The first video-call link of a post's body, or NULL.  Caller frees. */
static char *join_link(struct store *s, const char *grp, const char *id)
{
    struct post p;
    struct cu_err e;
    if (store_post_get(s, grp, id, &p, &e) != 1)
        return NULL;
    struct doc *d;
    char *url = NULL;
    if (doc_parse(p.body, strlen(p.body), p.base_url, &d, &e) == 0) {
        for (size_t i = 0; !url && i < doc_nlinks(d); i++)
            if (link_video_call(doc_link_at(d, i)->url))
                url = xstrdup(doc_link_at(d, i)->url);
        doc_free(d);
    }
    post_free(&p);
    return url;
}

/* The next meeting from the meeting issues (github-issues posts), when the
 * calendar has none: the soonest dated today or later, its agenda to add
 * to, and its video-call link, else the newest earlier meeting's of the
 * same source (a series keeps its link; the issue of the day often has
 * none yet).  False when no meeting issue is upcoming. */
static bool next_meeting_issue(struct store *s, const struct group *g, time_t now, struct buf *b)
{
    struct post *rows = NULL;
    size_t n = 0;
    struct cu_err e;
    if (store_posts_page(s, g->key, 0, MEETING_POSTS, &rows, &n, &e) < 0)
        return false;
    /* newest first: the last upcoming one is the soonest */
    ssize_t next = -1;
    for (size_t i = 0; i < n; i++)
        if (postview_upcoming(&rows[i], now))
            next = (ssize_t)i;
    if (next < 0) {
        posts_free(rows, n);
        return false;
    }
    const struct post *m = &rows[next];
    char *join = NULL;
    for (size_t i = (size_t)next; !join && i < n; i++)
        if (rows[i].type && !strcmp(rows[i].type, "issue") &&
            !strcmp(rows[i].src ? rows[i].src : "", m->src ? m->src : ""))
            join = join_link(s, g->key, rows[i].id);
    struct tm tm = {0};
    char day[48] = "";
    if (sscanf(m->date, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) == 3) {
        tm.tm_year -= 1900;
        tm.tm_mon--;
        tm.tm_hour = 12;
        tm.tm_isdst = -1;
        agenda_day_label(mktime(&tm), now, day, sizeof(day));
    }
    buf_adds(b, "## Next meeting\n\n- **");
    add_text(b, m->title);
    buf_addf(b, "**: %s (%s)\n", *day ? day : m->date, m->id);
    if (join)
        buf_addf(b, "- **Join**: <%s>\n", join);
    if (m->url)
        buf_addf(b, "- **Agenda**: <%s>: add an item on GitHub\n", m->url);
    buf_adds(b, "\n");
    free(join);
    posts_free(rows, n);
    return true;
}

/* What to say of a part that is not in the cache yet: it is on its way, why
 * the last refresh did not bring it, or how to fetch it (a key in the TUI,
 * the command elsewhere).  source is the refresh source that brings it. */
static void not_cached(struct buf *b, struct store *s, const struct group *g, unsigned flags,
                       const char *source, const char *what)
{
    const char *again = flags & STARTDOC_KEYS ? "press r to try again"
                                              : "run 'catchup refresh' "
                                                "to try again";
    struct source_status st;
    bool known = store_source_get(s, g->key, source, &st) == 1;
    if (flags & STARTDOC_REFRESHING) {
        buf_addf(b, "*The %s arrives with the refresh that is running.*\n\n", what);
    } else if (known && st.error && st.outcome == SOURCE_WARNING) {
        /* the last refresh found that it does not exist: r would not help */
        buf_addf(b, "*The %s was not fetched: ", what);
        add_text(b, st.error);
        buf_adds(b, ".*\n\n");
    } else if (flags & STARTDOC_OFFLINE) {
        buf_addf(b,
                 "*The %s is not cached: offline mode; start catchup without --offline to "
                 "fetch it.*\n\n",
                 what);
    } else if (known && st.error && st.outcome == SOURCE_UNREACHABLE) {
        buf_addf(b, "*The %s could not be fetched: the network was unreachable; %s.*\n\n", what,
                 again);
    } else if (known && st.error) {
        buf_addf(b, "*The %s could not be fetched: ", what);
        add_text(b, st.error);
        buf_addf(b, "; %s.*\n\n", again);
    } else if (flags & STARTDOC_KEYS) {
        buf_addf(b, "*The %s is not cached yet: press r to fetch it.*\n\n", what);
    } else {
        buf_addf(b, "*The %s is not cached yet: run 'catchup refresh'.*\n\n", what);
    }
    if (known)
        source_status_free(&st);
}

static bool calendar_cached(struct store *s, const struct group *g)
{
    struct cal_info *v = NULL;
    size_t n = 0;
    struct cu_err e;
    if (store_calendars(s, g->key, &v, &n, &e) < 0)
        return true; /* cannot tell: say what the agenda says */
    cal_infos_free(v, n);
    return n > 0;
}

/* The next timed occurrence from the agenda: when (local), countdown,
 * where, and how to join. */
static void next_meeting(struct store *s, const struct group *g, time_t now, unsigned flags,
                         struct buf *b)
{
    if (!g->calendars.n) {
        next_meeting_issue(s, g, now, b);
        return;
    }
    struct agenda ag;
    struct cu_err e;
    if (agenda_load(s, g->key, now, now + MEETING_AHEAD_DAYS * 86400L, &ag, &e) < 0)
        return;
    /* the first one called a meeting, else the first timed event */
    const struct agenda_item *it = NULL, *first = NULL;
    for (size_t i = 0; i < ag.n && !it; i++) {
        const struct agenda_item *x = &ag.v[i];
        if (x->from_post || x->all_day || x->end <= now)
            continue;
        if (!first)
            first = x;
        if (strcasestr(x->title, "meeting"))
            it = x;
    }
    if (!it)
        it = first;
    buf_adds(b, "## Next meeting\n\n");
    if (!it && next_meeting_issue(s, g, now, b)) {
        agenda_free(&ag);
        return;
    }
    if (!it) {
        if (calendar_cached(s, g))
            buf_addf(b, "No meeting in the next %d days on the group's calendar.\n\n",
                     MEETING_AHEAD_DAYS);
        else
            not_cached(b, s, g, flags, SOURCE_EVENTS, "group's calendar");
        agenda_free(&ag);
        return;
    }
    char day[48], times[64], count[48], zone[16];
    agenda_day_label(it->start, now, day, sizeof(day));
    agenda_times(it, "–", times, sizeof(times));
    agenda_countdown(it->start, it->end, now, count, sizeof(count));
    struct tm tm;
    localtime_r(&it->start, &tm);
    strftime(zone, sizeof(zone), "%Z", &tm);
    buf_adds(b, "- **");
    add_text(b, it->title);
    buf_addf(b, "**: %s, %s %s", day, times, zone);
    if (*count)
        buf_addf(b, " (%s)", count);
    buf_adds(b, "\n");
    /* its video-call link, else a link where it is (not the agenda
     * document its description may start with) */
    char *join = it->join_url ? xstrdup(it->join_url) : agenda_first_link(it->location);
    if (join && strcmp(join, it->link ? it->link : "")) {
        buf_addf(b, "- **Join**: <%s>\n", join);
    }
    if (it->link)
        buf_addf(b, "- **Details**: <%s>\n", it->link);
    free(join);
    buf_adds(b, "\n");
    agenda_free(&ag);
}

/* Open board items (and issues the posts link to) labelled help wanted,
 * good first issue or needs-group, and drafts asking for volunteers. */
static void help_wanted(struct store *s, const struct group *g, struct buf *b)
{
    if (!g->board_org)
        return;
    struct board_item *v;
    size_t n;
    struct cu_err e;
    if (store_board_items(s, g->key, BOARD_LIST_ALL, &v, &n, &e) < 0)
        return;
    board_sort(v, n);
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        if (!board_item_open(&v[i]))
            continue;
        bool help = false;
        for (size_t k = 0; k < v[i].labels.n && !help; k++)
            help = is_help_label(v[i].labels.v[k]);
        /* a draft has its text on the board: it may ask in words */
        bool asks = v[i].body && strcasestr(v[i].body, "volunteers needed");
        if (!help && !asks)
            continue;
        if (!shown++)
            buf_adds(b, "## Issues that want help\n\n");
        buf_adds(b, "- [");
        if (v[i].repo)
            buf_addf(b, "%s\\#%d ", v[i].repo, v[i].number);
        add_text(b, v[i].title);
        buf_adds(b, "](");
        buf_adds(b, v[i].url ? v[i].url : "");
        buf_adds(b, ")");
        for (size_t k = 0; k < v[i].labels.n; k++)
            if (is_help_label(v[i].labels.v[k])) {
                buf_adds(b, " · *");
                add_text(b, v[i].labels.v[k]);
                buf_adds(b, "*");
            }
        if (asks)
            buf_adds(b, " · *volunteers needed*");
        buf_adds(b, "\n");
    }
    if (shown)
        buf_adds(b, "\n");
    else if (n)
        buf_adds(b, "## Issues that want help\n\nNo open item is labelled help wanted, good "
                    "first issue or needs-group; the Board lists every open initiative.\n\n");
    board_items_free(v, n);
}

void startdoc_compose(struct store *s, const struct group *g, time_t now, unsigned flags,
                      struct buf *md, char **onboarding_url)
{
    struct buf *b = md;
    buf_adds(b, "# Get involved with the ");
    add_text(b, g->name);
    buf_adds(b, "\n\n");

    buf_adds(b, "## Talk to the group\n\n");
    for (size_t i = 0; i < g->slack.n; i++)
        buf_addf(b, "- **Slack**: <%s>%s\n", g->slack.v[i],
                 flags & STARTDOC_KEYS ? " (press s)" : "");
    if (g->mailing_list)
        buf_addf(b, "- **Mailing list**: <%s>\n", g->mailing_list);
    if (g->meeting)
        buf_addf(b, "- **Meeting link**: <%s>\n", g->meeting);
    if (!g->slack.n && !g->mailing_list && !g->meeting)
        buf_adds(b, "- No Slack channel or mailing list configured (keys slack, mailing_list).\n");
    buf_adds(b, "\n");

    next_meeting(s, g, now, flags, b);
    help_wanted(s, g, b);

    /* the bullets of the latest posts' "How to Get Involved" sections */
    struct post *rows = NULL;
    size_t n = 0;
    struct cu_err e;
    struct strv bullets = {0};
    if (store_posts_page(s, g->key, 0, INVOLVE_POSTS, &rows, &n, &e) == 0) {
        for (size_t i = 0; i < n; i++) {
            struct post p;
            if (store_post_get(s, g->key, rows[i].id, &p, &e) == 1) {
                involve_collect(p.body, &bullets);
                post_free(&p);
            }
        }
    }
    if (bullets.n) {
        buf_adds(b, "## From the latest posts\n\n");
        for (size_t i = 0; i < bullets.n; i++)
            buf_addf(b, "- %s\n", bullets.v[i]);
        buf_adds(b, "\n");
    }
    strv_free(&bullets);
    posts_free(rows, n);

    struct page pg;
    if (store_page_get(s, g->key, SOURCE_ONBOARDING, &pg)) {
        buf_adds(b, "---\n\n");
        /* the page's own headings, one level down, under its title */
        buf_adds(b, "## ");
        add_text(b, pg.title ? pg.title : "Onboarding");
        buf_adds(b, "\n\n");
        for (const char *p = pg.body ? pg.body : ""; *p;) {
            const char *eol = strchr(p, '\n');
            size_t len = eol ? (size_t)(eol - p + 1) : strlen(p);
            if (*p == '#' && len > 1 && (p[1] == '#' || p[1] == ' '))
                buf_add(b, "##", 2);
            buf_add(b, p, len);
            p += len;
        }
        buf_adds(b, "\n");
        *onboarding_url = xstrdup(pg.url);
        page_free(&pg);
    } else if (g->onboarding.kind != SRC_NONE) {
        not_cached(b, s, g, flags, SOURCE_ONBOARDING, "onboarding page");
    }
}
