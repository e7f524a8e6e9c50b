/* view_board.c: the Board pane.  The group's open initiatives, grouped by
 * Status (in progress, to do, other, none, Done last), newest first inside
 * a group: status, repo#number, title with labels, assignee, last update.
 * Without a token the rows are the issues and pull requests the posts link
 * to, and the first line says how to see the whole board.  Closed and Done
 * items are hidden until 'a'; Enter shows an item's details with the posts
 * that mention it (Enter there opens one), 'o' opens it on GitHub. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catchup/board.h"
#include "catchup/store_board.h"
#include "catchup/text.h"
#include "uiint.h"

/* Two columns apart after the status (groups read down it), one elsewhere:
 * at 80 columns every one goes to the title. */
enum { MIN_TITLE = 12, GAP = 1, STATUS_GAP = 2, TAG_MAX = 72 };

struct board_view {
    struct listnav nav;
    struct board_item *items; /* every row of the mode, in display order */
    size_t nitems;
    size_t *shown; /* indexes into items of the rows listed */
    size_t nshown, nhidden;
    bool show_all;
    bool linked;      /* no board read yet: the posts' issues */
    bool ever;        /* the board source worked at least once */
    char *error;      /* its last error */
    char *load_error; /* the cache could not be read */
    struct board_sync sync;
    int list_top, list_height; /* content rows of the list, for clicks */
};

static const struct board_item *selected(const struct board_view *bv)
{
    if (bv->nav.sel < 0 || (size_t)bv->nav.sel >= bv->nshown)
        return NULL;
    return &bv->items[bv->shown[bv->nav.sel]];
}

static void bv_clear(struct board_view *bv)
{
    board_items_free(bv->items, bv->nitems);
    bv->items = NULL;
    bv->nitems = 0;
    free(bv->shown);
    bv->shown = NULL;
    bv->nshown = bv->nhidden = 0;
    free(bv->error);
    free(bv->load_error);
    bv->error = bv->load_error = NULL;
    board_sync_free(&bv->sync);
}

/* Recomputes the listed rows; the selection stays on key when it is listed. */
static void bv_filter(struct board_view *bv, const char *key)
{
    free(bv->shown);
    bv->shown = xcalloc(bv->nitems ? bv->nitems : 1, sizeof(*bv->shown));
    bv->nshown = bv->nhidden = 0;
    for (size_t i = 0; i < bv->nitems; i++) {
        if (bv->show_all || board_item_open(&bv->items[i]))
            bv->shown[bv->nshown++] = i;
        else
            bv->nhidden++;
    }
    bv->nav.count = (long)bv->nshown;
    for (size_t i = 0; key && i < bv->nshown; i++)
        if (!strcmp(bv->items[bv->shown[i]].key, key))
            bv->nav.sel = (long)i;
    listnav_clamp(&bv->nav, bv->list_height > 0 ? bv->list_height : 1);
}

static void board_reload(struct view *v, struct ui *ui)
{
    struct board_view *bv = v->data;
    const struct board_item *cur = selected(bv);
    char *key = cur ? xstrdup(cur->key) : NULL;
    bv_clear(bv);
    const char *grp = ui->group->key;
    struct source_status st;
    if (store_source_get(ui->store, grp, SOURCE_BOARD, &st) == 1) {
        bv->ever = st.last_ok > 0;
        bv->error = st.error ? xstrdup(st.error) : NULL;
        source_status_free(&st);
    }
    store_board_sync_get(ui->store, grp, &bv->sync);
    long on_board = 0;
    struct cu_err e;
    if (store_board_count(ui->store, grp, BOARD_LIST_BOARD, &on_board, &e) < 0 ||
        store_board_items(ui->store, grp, on_board ? BOARD_LIST_BOARD : BOARD_LIST_LINKED,
                          &bv->items, &bv->nitems, &e) < 0)
        bv->load_error = xstrdup(e.msg);
    bv->linked = on_board == 0;
    board_sort(bv->items, bv->nitems);
    bv_filter(bv, key);
    free(key);
}

/* ---- cells ---------------------------------------------------------------- */

/* "tag-runtime#126" when the owner is the board's organization, else
 * "owner/repo#N"; "draft" for drafts.  Caller frees. */
static char *ref_cell(const struct ui *ui, const struct board_item *it)
{
    if (it->kind == BOARD_DRAFT)
        return xstrdup("draft");
    const char *org = ui->group->board_org;
    const char *slash = strchr(it->repo, '/');
    if (org && slash && (size_t)(slash - it->repo) == strlen(org) &&
        !strncasecmp(it->repo, org, strlen(org)))
        return xasprintf("%s#%d", slash + 1, it->number);
    return xasprintf("%s#%d", it->repo, it->number);
}

/* The ref in at most w columns: the repository is shortened ("tag-r…#126")
 * and the number kept whole.  Caller frees. */
static char *ref_fit(const struct ui *ui, const struct board_item *it, int w)
{
    char *ref = ref_cell(ui, it);
    if (text_width(ref) <= w || it->kind == BOARD_DRAFT)
        return ref;
    char *hash = strrchr(ref, '#');
    int nw = text_width(hash);
    *hash = '\0';
    char *repo = text_truncate(ref, w - nw > 1 ? w - nw : 1);
    char *out = xasprintf("%s#%d", repo, it->number);
    free(repo);
    free(ref);
    return out;
}

/* The narrowest a ref gets: its number and "x…" before it. */
static int ref_min(const struct board_item *it)
{
    if (it->kind == BOARD_DRAFT)
        return 5;
    char num[24];
    return snprintf(num, sizeof(num), "#%d", it->number) + 2;
}

static const char *status_cell(const struct board_item *it)
{
    return it->status ? it->status : it->state;
}

/* "zanetworker", "zanetworker +1", or "". */
static char *assignee_cell(const struct board_item *it)
{
    if (!it->assignees.n)
        return xstrdup("");
    if (it->assignees.n == 1)
        return xstrdup(it->assignees.v[0]);
    return xasprintf("%s +%zu", it->assignees.v[0], it->assignees.n - 1);
}

static void age_cell(const struct board_item *it, char out[32])
{
    time_t t = it->updated ? iso8601_parse(it->updated) : -1;
    if (t == -1)
        snprintf(out, 32, "-");
    else
        format_age(t, cu_now(), out);
}

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

struct columns {
    int status, ref, title, assignee, age; /* 0: the column is left out */
};

static int title_room(const struct columns *c)
{
    return COLS - (1 + c->status + STATUS_GAP + c->ref + GAP + 1) -
           (c->assignee ? c->assignee + GAP : 0) - (c->age ? c->age + GAP : 0);
}

/* The title gets the room first: it wants its longest width, up to 45% of
 * the screen; to give it that, the age goes first, then the assignee (the
 * preview under the list shows both), then the repository is shortened,
 * then the status.  The title never gets less than what is left, and no
 * column runs into the next. */
static struct columns measure(struct ui *ui, const struct board_view *bv)
{
    struct columns c = {4, 5, 0, 0, 1};
    int ref_max = COLS < 100 ? 18 : 26, who_max = COLS < 100 ? 12 : 16;
    int title_max = 0, ref_least = 5;
    for (size_t i = 0; i < bv->nshown; i++) {
        const struct board_item *it = &bv->items[bv->shown[i]];
        char *ref = ref_cell(ui, it), *who = assignee_cell(it);
        char age[32], tag[TAG_MAX];
        age_cell(it, age);
        c.status = clamp(text_width(status_cell(it)), c.status, 12);
        c.ref = clamp(text_width(ref), c.ref, ref_max);
        c.assignee = clamp(text_width(who), c.assignee, who_max);
        c.age = clamp(text_width(age), c.age, 10);
        int tw = text_width(board_title_tag(it->title, tag, sizeof(tag)));
        title_max = tw > title_max ? tw : title_max;
        ref_least = ref_min(it) > ref_least ? ref_min(it) : ref_least;
        free(ref);
        free(who);
    }
    int want = COLS * 45 / 100;
    want = title_max < want ? title_max : want;
    want = want < MIN_TITLE ? MIN_TITLE : want;
    if (title_room(&c) < want)
        c.age = 0;
    if (title_room(&c) < want)
        c.assignee = 0;
    if (title_room(&c) < want && c.ref > ref_least)
        c.ref = clamp(c.ref - (want - title_room(&c)), ref_least, c.ref);
    if (title_room(&c) < MIN_TITLE)
        c.status = clamp(c.status - (MIN_TITLE - title_room(&c)), 4, c.status);
    c.title = title_room(&c);
    if (c.title < 1)
        c.title = 1;
    return c;
}

static void draw_row(struct ui *ui, struct board_view *bv, const struct columns *c, long i,
                     bool first_of_group, int y)
{
    const struct board_item *it = &bv->items[bv->shown[i]];
    bool sel = i == bv->nav.sel;
    bool open = board_item_open(it);
    attr_t base = sel    ? theme_attr(TH_SELECTION)
                  : open ? theme_attr(TH_NORMAL)
                         : theme_attr(TH_DIM);
    attr_t dim = sel ? base : theme_attr(TH_DIM);
    draw_fill(y, 0, COLS, base);
    int x = 1;
    if (first_of_group)
        draw_text(y, x, c->status, status_cell(it),
                  sel || !open ? base : theme_attr(TH_BOARD_STATUS));
    x += c->status + STATUS_GAP;
    char *ref = ref_fit(ui, it, c->ref);
    draw_text(y, x, c->ref, ref, dim);
    free(ref);
    x += c->ref + GAP;
    /* "[Initiative]: Cloud ..." reads "Cloud ...", the tag shown as a label */
    char tag[TAG_MAX];
    const char *title = board_title_tag(it->title, tag, sizeof(tag));
    int used = draw_text(y, x, c->title, title, sel || !open ? base : theme_attr(TH_TITLE));
    if (tag[0] && used + 3 < c->title) {
        used += draw_text(y, x + used, c->title - used, "  ", dim);
        used += draw_text(y, x + used, c->title - used, tag,
                          sel || !open ? base : theme_attr(TH_LABEL));
    }
    for (size_t k = 0; k < it->labels.n && used + 3 < c->title; k++) {
        used += draw_text(y, x + used, c->title - used, k || tag[0] ? ", " : "  ", dim);
        used += draw_text(y, x + used, c->title - used, it->labels.v[k],
                          sel || !open ? base : theme_attr(TH_LABEL));
    }
    x += c->title + GAP;
    if (c->assignee) {
        char *who = assignee_cell(it);
        draw_text(y, x, c->assignee, who, sel || !open ? base : theme_attr(TH_ASSIGNEE));
        free(who);
        x += c->assignee + GAP;
    }
    if (c->age) {
        char age[32];
        age_cell(it, age);
        int aw = text_width(age);
        draw_text(y, x + c->age - (aw < c->age ? aw : c->age), c->age, age,
                  sel ? base : theme_attr(TH_DATE));
    }
}

/* ---- the pane ------------------------------------------------------------- */

static void describe(struct ui *ui, const struct board_view *bv, char *out, size_t n)
{
    const struct group *g = ui->group;
    if (bv->linked)
        snprintf(out, n, "Issues the posts link to — %s",
                 ui->app->token ? "the board itself has not been read yet"
                                : "set GITHUB_TOKEN to see the whole board");
    else if (g->board_labels.n) {
        /* a shared board: the items of this group's label(s) only */
        char *labels = board_labels_text(&g->board_labels);
        snprintf(out, n, "%s · github:%s/projects/%d · %s",
                 bv->sync.title ? bv->sync.title : "Board", g->board_org, g->board_number, labels);
        free(labels);
    } else {
        snprintf(out, n, "%s · github:%s/projects/%d", bv->sync.title ? bv->sync.title : "Board",
                 g->board_org, g->board_number);
    }
}

static void counts(const struct board_view *bv, char *out, size_t n)
{
    size_t open = 0;
    for (size_t i = 0; i < bv->nitems; i++)
        open += board_item_open(&bv->items[i]);
    const char *what = bv->linked ? "closed" : "closed/Done";
    if (bv->show_all)
        snprintf(out, n, "%zu open · %zu %s shown: a hides them", open, bv->nitems - open, what);
    else if (bv->nhidden)
        snprintf(out, n, "%zu open · %zu %s hidden: a shows them", open, bv->nhidden, what);
    else
        snprintf(out, n, "%zu open", open);
}

static void draw_message(int y, const char *head, const char *detail)
{
    draw_text(y, 2, COLS - 4, head, theme_attr(TH_TITLE) | A_BOLD);
    if (detail) /* the rows above the status line */
        draw_text_wrapped(y + 2, 2, COLS - 4, LINES - 1 - (y + 2), detail, theme_attr(TH_NORMAL));
}

/* "a, b, c"; caller frees. */
static char *join(const struct strv *v)
{
    struct buf b;
    buf_init(&b, 0);
    buf_add(&b, "", 0);
    for (size_t i = 0; i < v->n; i++)
        buf_addf(&b, "%s%s", i ? ", " : "", v->v[i]);
    return buf_take(&b);
}

static void draw_preview(const struct board_view *bv, int y, int h)
{
    const struct board_item *it = selected(bv);
    if (!it || h <= 0)
        return;
    int end = y + h;
    int w = COLS - 2;
    draw_text(y++, 1, w, it->title, theme_attr(TH_TITLE) | A_BOLD);
    if (y >= end)
        return;
    char line[512];
    int n = it->kind == BOARD_DRAFT
                ? snprintf(line, sizeof(line), "draft on the board")
                : snprintf(line, sizeof(line), "%s#%d · %s", it->repo, it->number, it->state);
    if (it->status)
        n += snprintf(line + n, sizeof(line) - (size_t)n, " · %s", it->status);
    if (it->prev_status && it->status && strcmp(it->prev_status, it->status))
        snprintf(line + n, sizeof(line) - (size_t)n, " (was %s)", it->prev_status);
    draw_text(y++, 1, w, line, theme_attr(TH_DATE));
    if (y < end && (it->labels.n || it->assignees.n)) {
        int x = 1;
        if (it->labels.n) {
            char *labels = join(&it->labels);
            x += draw_text(y, x, w - x + 1, "labels: ", theme_attr(TH_DIM));
            x += draw_text(y, x, w - x + 1, labels, theme_attr(TH_LABEL));
            x += draw_text(y, x, w - x + 1, "   ", theme_attr(TH_DIM));
            free(labels);
        }
        if (it->assignees.n) {
            char *who = join(&it->assignees);
            x += draw_text(y, x, w - x + 1, "assignees: ", theme_attr(TH_DIM));
            draw_text(y, x, w - x + 1, who, theme_attr(TH_ASSIGNEE));
            free(who);
        }
        y++;
    }
    if (y < end) {
        char age[32];
        age_cell(it, age);
        snprintf(line, sizeof(line), "updated %.10s (%s) · %s", it->updated ? it->updated : "-",
                 age,
                 it->mentions == 0   ? "no post links to it"
                 : it->mentions == 1 ? "1 post links to it"
                                     : "");
        if (it->mentions > 1) {
            size_t len = strlen(line);
            snprintf(line + len, sizeof(line) - len, "%ld posts link to it", it->mentions);
        }
        draw_text(y++, 1, w, line, theme_attr(TH_DATE));
    }
    if (y < end)
        draw_text(y, 1, w, "Enter details · o opens it on GitHub", theme_attr(TH_DIM));
}

static void board_draw(struct view *v, struct ui *ui, int top, int height)
{
    struct board_view *bv = v->data;
    const struct group *g = ui->group;
    bv->list_height = 0;
    if (!g->board_org) {
        draw_text(top + 1, 2, COLS - 4, "This group has no project board.", theme_attr(TH_NORMAL));
        draw_text_wrapped(top + 2, 2, COLS - 4, height - 2, "config: board = github:ORG/projects/N",
                          theme_attr(TH_DIM));
        return;
    }
    if (bv->load_error) {
        draw_text(top + 1, 2, COLS - 4, bv->load_error, theme_attr(TH_STATUS_ERROR));
        return;
    }
    int y = top;
    char line[512];
    describe(ui, bv, line, sizeof(line));
    draw_text(y++, 1, COLS - 2, line,
              bv->linked ? theme_attr(TH_NORMAL) : theme_attr(TH_TITLE) | A_BOLD);
    if (bv->error) {
        char *why = xasprintf("board: %s", bv->error);
        draw_text(y++, 1, COLS - 2, why, theme_attr(TH_STATUS_ERROR));
        free(why);
    }
    if (bv->nitems) {
        counts(bv, line, sizeof(line));
        draw_text(y++, 1, COLS - 2, line, theme_attr(TH_DIM));
    }
    int rest = top + height - y;
    if (!bv->nitems) {
        char hint[256] = "A refresh is running; the items appear here when it ends.";
        if (!ui->refresh)
            ui_fetch_hint(ui, SOURCE_BOARD, "the group's board", hint, sizeof(hint));
        char token[96];
        snprintf(token, sizeof(token),
                 "Set GITHUB_TOKEN (read:project) and press %s to read the board.",
                 keymap_first(ACT_REFRESH));
        if (!bv->ever)
            draw_message(y + 1, "No board items cached yet.", hint);
        else if (bv->linked)
            draw_message(y + 1, "The cached posts link to no GitHub issues yet.",
                         ui->app->token ? NULL : token);
        else
            draw_message(y + 1, "The board has no items.", NULL);
        return;
    }
    if (!bv->nshown) {
        snprintf(line, sizeof(line), "All %zu items are closed or Done: a shows them.", bv->nitems);
        draw_message(y + 1, line, NULL);
        return;
    }
    int prev_h = rest >= 14 ? (rest / 3 > 6 ? 6 : rest / 3) : 0;
    int list_h = rest - (prev_h ? prev_h + 1 : 0);
    bv->list_top = y - top;
    bv->list_height = list_h;
    listnav_clamp(&bv->nav, list_h);
    struct columns c = measure(ui, bv);
    const char *last_status = NULL;
    for (int r = 0; r < list_h && bv->nav.top + r < bv->nav.count; r++) {
        long i = bv->nav.top + r;
        const struct board_item *it = &bv->items[bv->shown[i]];
        const char *st = status_cell(it);
        bool first = r == 0 || !last_status || strcmp(last_status, st);
        draw_row(ui, bv, &c, i, first, y + r);
        last_status = st;
    }
    if (prev_h) {
        draw_hline(y + list_h, 0, COLS, theme_attr(TH_BORDER));
        draw_preview(bv, y + list_h + 1, prev_h);
    }
}

/* ---- details ---------------------------------------------------------------- */

static void md_escaped(struct buf *b, const char *s)
{
    for (; s && *s; s++) {
        if (strchr("\\`*_{}[]()#+-.!<>|~&", *s))
            buf_add(b, "\\", 1);
        buf_add(b, s, 1);
    }
}

static void md_list(struct buf *b, const char *label, const struct strv *v)
{
    buf_addf(b, "- **%s:** ", label);
    if (!v->n)
        buf_adds(b, "none");
    for (size_t i = 0; i < v->n; i++) {
        if (i)
            buf_adds(b, ", ");
        md_escaped(b, v->v[i]);
    }
    buf_adds(b, "\n");
}

/* Where 'o' goes: the item, or the board for a draft. */
static char *item_url(struct ui *ui, const struct board_view *bv, const struct board_item *it)
{
    if (it->url)
        return xstrdup(it->url);
    if (bv->sync.url)
        return xstrdup(bv->sync.url);
    return xasprintf("https://github.com/orgs/%s/projects/%d", ui->group->board_org,
                     ui->group->board_number);
}

static void open_details(struct ui *ui, struct board_view *bv, const struct board_item *it)
{
    struct buf b;
    buf_init(&b, 0);
    buf_adds(&b, "# ");
    md_escaped(&b, it->title);
    buf_adds(&b, "\n\n*");
    if (it->kind == BOARD_DRAFT)
        buf_adds(&b, "a draft on the board*\n\n");
    else {
        md_escaped(&b, it->repo);
        buf_addf(&b, "\\#%d · %s · %s%s*\n\n", it->number,
                 it->kind == BOARD_PR ? "pull request" : "issue", it->state,
                 it->on_board ? " · on the board" : "");
    }
    if (it->on_board || it->status) {
        buf_adds(&b, "- **Status:** ");
        md_escaped(&b, it->status ? it->status : "none");
        if (it->prev_status && (!it->status || strcmp(it->prev_status, it->status))) {
            char when[32];
            format_age(it->changed_at, cu_now(), when);
            buf_adds(&b, " (was ");
            md_escaped(&b, it->prev_status);
            buf_addf(&b, ", changed %s)", when);
        }
        buf_adds(&b, "\n");
    }
    md_list(&b, "Labels", &it->labels);
    md_list(&b, "Assignees", &it->assignees);
    char age[32];
    age_cell(it, age);
    buf_addf(&b, "- **Updated:** %.10s (%s)\n", it->updated ? it->updated : "unknown", age);
    char *url = item_url(ui, bv, it);
    buf_addf(&b, "- **On GitHub:** <%s>\n\n", url);
    if (it->body && *it->body) {
        buf_adds(&b, "---\n\n");
        buf_adds(&b, it->body);
        buf_adds(&b, "\n\n");
    }
    buf_adds(&b, "## Mentioned in\n\n");
    struct board_mention *m = NULL;
    size_t nm = 0;
    struct cu_err e;
    struct strv ids = {0}, labels = {0};
    if (it->kind != BOARD_DRAFT &&
        store_board_mentions(ui->store, ui->group->key, it->key, &m, &nm, &e) < 0)
        buf_addf(&b, "The posts could not be read: %s\n", e.msg);
    for (size_t i = 0; i < nm; i++) {
        const char *date = m[i].date && strlen(m[i].date) >= 10 ? m[i].date : "no date";
        buf_addf(&b, "- %.10s · ", date);
        md_escaped(&b, m[i].title ? m[i].title : m[i].post_id);
        buf_adds(&b, " · `");
        buf_adds(&b, m[i].post_id); /* a file name: no backquote can be in it */
        buf_adds(&b, "`\n");
        if (m[i].title) {
            strv_push(&ids, m[i].post_id);
            strv_push_take(&labels, xasprintf("%.10s  %s", date, m[i].title));
        }
    }
    if (!nm)
        buf_adds(&b, it->kind == BOARD_DRAFT
                         ? "A draft lives on the board only; no post links to it.\n"
                         : "No cached post links to it.\n");
    else if (ids.n)
        buf_adds(&b, ids.n == 1 ? "\nEnter opens the post.\n"
                                : "\nEnter opens one of them (you pick).\n");
    board_mentions_free(m, nm);
    struct doc *d;
    if (doc_parse(b.data, b.len, NULL, &d, &e) < 0) {
        ui_message(ui, true, "%s", e.msg);
    } else {
        struct view *v = reader_new(ui, it->title, d, NULL, url);
        reader_set_posts(v, &ids, &labels);
        ui_push(ui, v);
    }
    strv_free(&ids);
    strv_free(&labels);
    free(url);
    buf_free(&b);
}

/* ---- ops -------------------------------------------------------------------- */

static bool board_action(struct view *v, struct ui *ui, enum action a)
{
    struct board_view *bv = v->data;
    int h = bv->list_height > 0 ? bv->list_height : v->height;
    if (listnav_action(&bv->nav, a, h))
        return true;
    const struct board_item *it = selected(bv);
    switch (a) {
    case ACT_ENTER:
        if (it)
            open_details(ui, bv, it);
        return true;
    case ACT_OPEN:
        if (it) {
            char *url = item_url(ui, bv, it);
            ui_open_url(ui, url);
            free(url);
        }
        return true;
    case ACT_TOGGLE_DONE: {
        char *key = it ? xstrdup(it->key) : NULL;
        bv->show_all = !bv->show_all;
        bv_filter(bv, key);
        free(key);
        ui_message(ui, false,
                   bv->show_all ? "showing closed and Done items too"
                                : "hiding closed and Done items");
        return true;
    }
    default: return false;
    }
}

static bool item_matches(struct ui *ui, const struct board_item *it, const char *pattern)
{
    char *ref = ref_cell(ui, it);
    bool hit = text_find(it->title, pattern) >= 0 || text_find(ref, pattern) >= 0 ||
               (it->repo && text_find(it->repo, pattern) >= 0) ||
               (it->status && text_find(it->status, pattern) >= 0);
    free(ref);
    for (size_t k = 0; !hit && k < it->labels.n; k++)
        hit = text_find(it->labels.v[k], pattern) >= 0;
    for (size_t k = 0; !hit && k < it->assignees.n; k++)
        hit = text_find(it->assignees.v[k], pattern) >= 0;
    return hit;
}

static bool board_find(struct view *v, struct ui *ui, const char *pattern, int dir)
{
    struct board_view *bv = v->data;
    long n = (long)bv->nshown;
    for (long k = 1; k <= n; k++) {
        long i = ((bv->nav.sel + dir * k) % n + n) % n;
        if (item_matches(ui, &bv->items[bv->shown[i]], pattern)) {
            bv->nav.sel = i;
            listnav_clamp(&bv->nav, bv->list_height > 0 ? bv->list_height : 1);
            return true;
        }
    }
    return false;
}

static void board_click(struct view *v, struct ui *ui, int row, int col, bool twice)
{
    (void)col;
    struct board_view *bv = v->data;
    int r = row - bv->list_top;
    if (r < 0 || r >= bv->list_height)
        return;
    listnav_click(&bv->nav, r, bv->list_height);
    const struct board_item *it = selected(bv);
    if (twice && it && bv->nav.top + r == bv->nav.sel)
        open_details(ui, bv, it);
}

static void board_position(struct view *v, char *out, size_t n)
{
    struct board_view *bv = v->data;
    if (bv->nshown)
        snprintf(out, n, "%ld/%zu", bv->nav.sel + 1, bv->nshown);
}

static void board_free_view(struct view *v)
{
    struct board_view *bv = v->data;
    bv_clear(bv);
    free(bv);
}

static const struct view_ops board_ops = {
    .name = "board",
    .scope = SCOPE_LIST,
    .draw = board_draw,
    .action = board_action,
    .reload = board_reload,
    .find = board_find,
    .click = board_click,
    .position = board_position,
    .free = board_free_view,
};

void board_open_item(struct ui *ui, const char *key)
{
    struct board_view *bv = ui_pane(ui, PANE_BOARD)->data;
    struct board_item it;
    struct cu_err e;
    int found = store_board_item(ui->store, ui->group->key, key, &it, &e);
    if (found <= 0) {
        ui_message(ui, true, "%s", found < 0 ? e.msg : "that board item is no longer cached");
        return;
    }
    open_details(ui, bv, &it);
    board_item_free(&it);
}

struct view *board_pane_new(struct ui *ui)
{
    (void)ui;
    struct view *v = xcalloc(1, sizeof(*v));
    v->ops = &board_ops;
    v->data = xcalloc(1, sizeof(struct board_view));
    return v;
}
