/* layout.c: struct doc -> lines of styled runs at a given width (see
 * markdown.h for the contract and the look). */
#define CATCHUP_DOC_INTERNALS
#include "catchup/markdown.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/text.h"

enum { MIN_WIDTH = 20, MAX_WIDTH = 4096, TAB_STOP = 4, CODE_INDENT = 2 };
/* Below this a table column is unreadable; such tables become one wrapped
 * paragraph per row instead. */
enum { MIN_COLUMN = 3 };

/* ---- strings of bounded length ----------------------------------------- */

static int width_n(const char *s, size_t n)
{
    int w = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += text_decode(s + i, n - i, &cp);
        w += text_cp_width(cp);
    }
    return w;
}

static size_t one_cp(const char *s, size_t n)
{
    uint32_t cp;
    return text_decode(s, n, &cp);
}

/* ---- lines -------------------------------------------------------------- */

struct lb {
    struct doc_run *runs;
    size_t n, cap;
    int width;
    size_t tail_len, tail_cap; /* of the last run's text: merging stays linear
                                  even for lines of zero-width characters */
};

static void lb_add(struct lb *l, const char *s, size_t len, unsigned style, int link)
{
    if (!len)
        return;
    l->width += width_n(s, len);
    if (l->n) {
        struct doc_run *r = &l->runs[l->n - 1];
        if (r->style == style && r->link == link) {
            if (l->tail_len + len + 1 > l->tail_cap) {
                l->tail_cap = (l->tail_len + len + 1) * 2;
                r->text = xrealloc(r->text, l->tail_cap);
            }
            memcpy(r->text + l->tail_len, s, len);
            l->tail_len += len;
            r->text[l->tail_len] = '\0';
            return;
        }
    }
    l->runs = xgrow(l->runs, l->n, &l->cap, sizeof(*l->runs), 4);
    l->runs[l->n++] = (struct doc_run){xstrndup(s, len), style, link};
    l->tail_len = len;
    l->tail_cap = len + 1;
}

static void lb_adds(struct lb *l, const char *s, unsigned style, int link)
{
    lb_add(l, s, strlen(s), style, link);
}

static void lb_repeat(struct lb *l, const char *s, int times, unsigned style)
{
    for (int i = 0; i < times; i++)
        lb_adds(l, s, style, 0);
}

static void lb_rtrim(struct lb *l)
{
    while (l->n) {
        struct doc_run *r = &l->runs[l->n - 1];
        size_t len = strlen(r->text);
        while (len && r->text[len - 1] == ' ') {
            r->text[--len] = '\0';
            l->width--;
        }
        if (len) {
            l->tail_len = len;
            return;
        }
        free(r->text);
        l->n--;
        /* The new last run's buffer is exactly its length. */
        if (l->n) {
            l->tail_len = strlen(l->runs[l->n - 1].text);
            l->tail_cap = l->tail_len + 1;
        }
    }
}

static struct doc_line lb_take(struct lb *l)
{
    struct doc_line line = {l->runs, l->n, l->width};
    *l = (struct lb){0};
    return line;
}

static void line_free(struct doc_line *l)
{
    for (size_t i = 0; i < l->nruns; i++)
        free(l->runs[i].text);
    free(l->runs);
}

struct lines {
    struct doc_line *v;
    size_t n, cap;
};

static void lines_push(struct lines *ls, struct doc_line l)
{
    ls->v = xgrow(ls->v, ls->n, &ls->cap, sizeof(*ls->v), 16);
    ls->v[ls->n++] = l;
}

static void lines_free(struct lines *ls)
{
    for (size_t i = 0; i < ls->n; i++)
        line_free(&ls->v[i]);
    free(ls->v);
    *ls = (struct lines){0};
}

static int lines_maxwidth(const struct lines *ls)
{
    int w = 0;
    for (size_t i = 0; i < ls->n; i++)
        if (ls->v[i].width > w)
            w = ls->v[i].width;
    return w;
}

/* ---- paragraph filling --------------------------------------------------- */

struct frag {
    const char *s;
    size_t len;
    unsigned style;
    int link;
};

/* Greedy filling: words (maximal runs without white space, possibly spanning
 * several styles, and including a link's "[n]") go on the current line when
 * they fit, else on the next; a word wider than the whole line is cut at the
 * column limit. */
struct wrap {
    int avail;
    struct lines *out;
    struct lb cur;
    struct frag *word;
    size_t nword, capword;
    bool space; /* white space seen since the last word */
    unsigned space_style;
    int space_link;
    int breaks;     /* hard breaks since the last word */
    bool last_wide; /* the last character seen was wide (CJK) */
    bool last_open; /* ... was an opening bracket: no break after it */
    bool any;       /* a word has been placed */
};

static void wrap_newline(struct wrap *w)
{
    lines_push(w->out, lb_take(&w->cur));
}

static void wrap_add_broken(struct wrap *w, const struct frag *f)
{
    size_t off = 0;
    /* A link's "[n]" is never cut in two. */
    if ((f->style & DOC_MARKER) && w->cur.n) {
        int fw = width_n(f->s, f->len);
        if (fw > w->avail - w->cur.width && fw <= w->avail)
            wrap_newline(w);
    }
    while (off < f->len) {
        size_t k = text_fit_n(f->s + off, f->len - off, w->avail - w->cur.width, NULL);
        if (k == 0) {
            if (w->cur.n) {
                wrap_newline(w);
                continue;
            }
            k = one_cp(f->s + off, f->len - off); /* only if avail < 2 */
        }
        lb_add(&w->cur, f->s + off, k, f->style, f->link);
        off += k;
    }
}

static void wrap_flush_word(struct wrap *w)
{
    if (!w->nword)
        return;
    if (w->breaks >= 2 && w->cur.n == 0)
        lines_push(w->out, (struct doc_line){0}); /* one blank for <br><br>, never more */
    w->breaks = 0;
    int ww = 0;
    for (size_t i = 0; i < w->nword; i++)
        ww += width_n(w->word[i].s, w->word[i].len);
    bool sp = w->space && w->cur.n;
    if (w->cur.width + (sp ? 1 : 0) + ww <= w->avail) {
        if (sp)
            lb_add(&w->cur, " ", 1, w->space_style, w->space_link);
        for (size_t i = 0; i < w->nword; i++)
            lb_add(&w->cur, w->word[i].s, w->word[i].len, w->word[i].style, w->word[i].link);
    } else {
        if (w->cur.n)
            wrap_newline(w);
        for (size_t i = 0; i < w->nword; i++) {
            if (ww <= w->avail)
                lb_add(&w->cur, w->word[i].s, w->word[i].len, w->word[i].style, w->word[i].link);
            else
                wrap_add_broken(w, &w->word[i]);
        }
    }
    w->nword = 0;
    w->space = false;
    w->any = true;
}

static void wrap_frag(struct wrap *w, const char *s, size_t len, unsigned style, int link)
{
    if (!len)
        return;
    w->word = xgrow(w->word, w->nword, &w->capword, sizeof(*w->word), 8);
    w->word[w->nword++] = (struct frag){s, len, style, link};
}

static bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The basic Japanese line-breaking rules (kinsoku shori, JIS X 4051):
 * what must not start a line: closing brackets and quotes, the comma and
 * full stop, middle dots, iteration and prolonged sound marks, the small
 * kana, ellipses, and ASCII closing punctuation. */
static bool no_break_before(uint32_t cp)
{
    static const char closing[] = ".,;:!?)]}'\"%";
    if (cp < 0x80)
        return strchr(closing, (int)cp) != NULL;
    /* the small hiragana and katakana, and the small katakana extensions */
    static const uint16_t small_kana[] = {0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063,
                                          0x3083, 0x3085, 0x3087, 0x308E, 0x3095, 0x3096,
                                          0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3,
                                          0x30E3, 0x30E5, 0x30E7, 0x30EE, 0x30F5, 0x30F6};
    for (size_t i = 0; i < CU_ARRAY_LEN(small_kana); i++)
        if (cp == small_kana[i])
            return true;
    if ((cp >= 0x31F0 && cp <= 0x31FF) || (cp >= 0xFF67 && cp <= 0xFF70))
        return true; /* small katakana extensions; halfwidth small kana and ｰ */
    switch (cp) {
    case 0x3001: /* 、 */
    case 0x3002: /* 。 */
    case 0xFF0C: /* ， */
    case 0xFF0E: /* ． */
    case 0xFF1A: /* ： */
    case 0xFF1B: /* ； */
    case 0xFF01: /* ！ */
    case 0xFF1F: /* ？ */
    case 0x203C: /* ‼ */
    case 0x2047: /* ⁇ */
    case 0x2048: /* ⁈ */
    case 0x2049: /* ⁉ */
    case 0x3009: /* 〉 */
    case 0x300B: /* 》 */
    case 0x300D: /* 」 */
    case 0x300F: /* 』 */
    case 0x3011: /* 】 */
    case 0x3015: /* 〕 */
    case 0x3017: /* 〗 */
    case 0x3019: /* 〙 */
    case 0x301B: /* 〛 */
    case 0x301E: /* 〞 */
    case 0x301F: /* 〟 */
    case 0xFF09: /* ） */
    case 0xFF3D: /* ］ */
    case 0xFF5D: /* ｝ */
    case 0xFF60: /* ｠ */
    case 0xFF61: /* ｡ */
    case 0xFF63: /* ｣ */
    case 0xFF64: /* ､ */
    case 0xFF65: /* ･ */
    case 0x2019: /* ’ */
    case 0x201D: /* ” */
    case 0x00BB: /* » */
    case 0x30FB: /* ・ */
    case 0x30FC: /* ー */
    case 0x3005: /* 々 */
    case 0x303B: /* 〻 */
    case 0x309D: /* ゝ */
    case 0x309E: /* ゞ */
    case 0x30FD: /* ヽ */
    case 0x30FE: /* ヾ */
    case 0x30A0: /* ゠ */
    case 0x2010: /* ‐ */
    case 0x301C: /* 〜 */
    case 0xFF5E: /* ～ */
    case 0x2026: /* … */
    case 0x2025: /* ‥ */
    case 0xFF05: /* ％ */ return true;
    default: return false;
    }
}

/* What must not end a line: opening brackets and quotes. */
static bool no_break_after(uint32_t cp)
{
    switch (cp) {
    case 0x3008: /* 〈 */
    case 0x300A: /* 《 */
    case 0x300C: /* 「 */
    case 0x300E: /* 『 */
    case 0x3010: /* 【 */
    case 0x3014: /* 〔 */
    case 0x3016: /* 〖 */
    case 0x3018: /* 〘 */
    case 0x301A: /* 〚 */
    case 0x301D: /* 〝 */
    case 0xFF08: /* （ */
    case 0xFF3B: /* ［ */
    case 0xFF5B: /* ｛ */
    case 0xFF5F: /* ｟ */
    case 0xFF62: /* ｢ */
    case 0x2018: /* ‘ */
    case 0x201C: /* “ */
    case 0x00AB: /* « */ return true;
    default: return false;
    }
}

/* Words end at white space, and CJK text (which has none) may also break
 * before a wide character and between a wide character and what follows. */
static void wrap_text(struct wrap *w, const char *s, unsigned style, int link)
{
    size_t i = 0, n = strlen(s), from = 0;
    while (i < n) {
        if (is_ws(s[i])) {
            wrap_frag(w, s + from, i - from, style, link);
            wrap_flush_word(w);
            if (!w->space) {
                w->space = true;
                w->space_style = style;
                w->space_link = link;
            }
            w->last_wide = w->last_open = false;
            from = ++i;
            continue;
        }
        uint32_t cp;
        size_t k = text_decode(s + i, n - i, &cp);
        bool wide = text_cp_width(cp) == 2;
        if ((wide || w->last_wide) && !no_break_before(cp) && !w->last_open &&
            (w->nword || i > from)) {
            wrap_frag(w, s + from, i - from, style, link);
            wrap_flush_word(w);
            from = i;
        }
        w->last_wide = wide;
        w->last_open = no_break_after(cp);
        i += k;
    }
    wrap_frag(w, s + from, n - from, style, link);
}

static void wrap_break(struct wrap *w)
{
    wrap_flush_word(w);
    w->space = false;
    w->last_wide = w->last_open = false;
    if (w->cur.n) {
        wrap_newline(w);
        w->breaks = 1;
    } else if (w->any) {
        w->breaks++;
    }
}

/* Fills spans into lines of at most avail columns, appended to out.  An
 * empty line in out stands for a blank line inside the paragraph. */
static void wrap_spans(const struct dspan *spans, size_t n, int avail, unsigned extra,
                       struct lines *out)
{
    struct wrap w = {.avail = avail, .out = out};
    for (size_t i = 0; i < n; i++) {
        const struct dspan *sp = &spans[i];
        switch (sp->kind) {
        case DSPAN_TEXT: wrap_text(&w, sp->text, sp->style | extra, sp->link); break;
        case DSPAN_MARKER:
            wrap_frag(&w, sp->text, strlen(sp->text), DOC_MARKER | extra, sp->link);
            break;
        case DSPAN_BREAK: wrap_break(&w); break;
        }
    }
    wrap_flush_word(&w);
    if (w.cur.n)
        wrap_newline(&w);
    free(w.word);
}

/* ---- the document ------------------------------------------------------- */

/* What every line inside a quote or list item starts with.  first is shown
 * once (a bullet), rest on every other line; both are equally wide. */
struct pfx {
    char first[48];
    unsigned first_style;
    int first_link;
    int first_pad; /* trailing spaces of first that are not part of its style */
    char rest[48];
    unsigned rest_style;
    bool first_pending;
    bool keep; /* a quote bar: never dropped to save room */
    int width;
};

struct lay {
    struct lines out;
    int width;
    const struct doc *doc;
    struct pfx *pf;
    size_t npf, cappf;
    bool need_blank;
    size_t blank_depth; /* prefixes shared by the blocks a blank line separates */
    bool last_blank;
    int quote;      /* enclosing quotes; their style goes on the text too */
    int list_level; /* enclosing lists, for the bullet shape */
};

/* rest NULL: as many spaces as first is wide. */
static struct pfx *push_pfx(struct lay *L, const char *first, unsigned first_style, int first_link,
                            const char *rest, unsigned rest_style)
{
    L->pf = xgrow(L->pf, L->npf, &L->cappf, sizeof(*L->pf), 8);
    struct pfx *p = &L->pf[L->npf++];
    snprintf(p->first, sizeof(p->first), "%s", first);
    p->width = text_width(p->first);
    if (rest) {
        snprintf(p->rest, sizeof(p->rest), "%s", rest);
    } else {
        memset(p->rest, ' ', (size_t)p->width);
        p->rest[p->width] = '\0';
    }
    p->first_style = first_style;
    p->first_link = first_link;
    p->first_pad = 0;
    p->rest_style = rest_style;
    p->first_pending = true;
    p->keep = rest != NULL;
    return p;
}

static void pop_pfx(struct lay *L)
{
    L->npf--;
    if (L->blank_depth > L->npf)
        L->blank_depth = L->npf;
}

/* Prefixes never take more than half the width, so deep nesting still
 * leaves room for text and no line passes the width: list indents are
 * dropped from the outside in (the innermost bullet stays visible), then,
 * for absurdly deep quotes, the prefix is cut.  Which entries show depends
 * only on their widths, so first lines and continuation lines agree. */
static bool pfx_skipped(const struct lay *L, size_t depth, size_t i, int *total)
{
    if (*total > L->width / 2 && !L->pf[i].keep && i + 1 < depth) {
        *total -= L->pf[i].width;
        return true;
    }
    return false;
}

static int pfx_total(const struct lay *L, size_t depth)
{
    int w = 0;
    for (size_t i = 0; i < depth; i++)
        w += L->pf[i].width;
    return w;
}

static int prefix_width(const struct lay *L)
{
    int total = pfx_total(L, L->npf);
    for (size_t i = 0; i < L->npf; i++)
        pfx_skipped(L, L->npf, i, &total);
    return total < L->width / 2 ? total : L->width / 2;
}

static int content_width(const struct lay *L)
{
    return L->width - prefix_width(L);
}

static void add_prefix(struct lay *L, struct lb *l, size_t depth, bool blank)
{
    int room = L->width / 2, total = pfx_total(L, depth);
    for (size_t i = 0; i < depth; i++) {
        struct pfx *p = &L->pf[i];
        const char *t = p->rest;
        unsigned st = p->rest_style;
        int link = 0;
        if (!blank && p->first_pending) {
            t = p->first;
            st = p->first_style;
            link = p->first_link;
            p->first_pending = false;
        }
        if (pfx_skipped(L, depth, i, &total))
            continue;
        int used;
        size_t k = text_fit(t, room, &used);
        size_t styled = k;
        if (t == p->first && p->first_pad) {
            size_t len = strlen(t);
            styled = len - (size_t)p->first_pad < k ? len - (size_t)p->first_pad : k;
        }
        lb_add(l, t, styled, st, link);
        lb_add(l, t + styled, k - styled, 0, 0);
        room -= used;
    }
}

static void request_blank(struct lay *L)
{
    if (!L->need_blank || L->blank_depth > L->npf)
        L->blank_depth = L->npf;
    L->need_blank = true;
}

static void flush_blank(struct lay *L)
{
    if (!L->need_blank)
        return;
    L->need_blank = false;
    if (L->out.n == 0 || L->last_blank)
        return;
    struct lb l = {0};
    add_prefix(L, &l, L->blank_depth, true);
    lb_rtrim(&l);
    lines_push(&L->out, lb_take(&l));
    L->last_blank = true;
}

/* Emits prefix + content (taken; NULL for a prefix-only line). */
static void emit(struct lay *L, struct doc_line *content)
{
    flush_blank(L);
    struct lb l = {0};
    add_prefix(L, &l, L->npf, false);
    if (content) {
        for (size_t i = 0; i < content->nruns; i++) {
            struct doc_run *r = &content->runs[i];
            lb_adds(&l, r->text, r->style, r->link);
        }
        line_free(content);
    } else {
        lb_rtrim(&l);
    }
    lines_push(&L->out, lb_take(&l));
    L->last_blank = false;
}

static void emit_lines(struct lay *L, struct lines *ls)
{
    for (size_t i = 0; i < ls->n; i++) {
        if (ls->v[i].nruns == 0) {
            request_blank(L);
            line_free(&ls->v[i]);
        } else {
            emit(L, &ls->v[i]);
        }
    }
    free(ls->v);
    *ls = (struct lines){0};
}

static unsigned block_style(const struct lay *L)
{
    return L->quote ? DOC_QUOTE : 0;
}

static void emit_rule(struct lay *L, const char *ch, int n)
{
    struct lb l = {0};
    lb_repeat(&l, ch, n, DOC_RULE);
    struct doc_line line = lb_take(&l);
    emit(L, &line);
}

static void lay_block(struct lay *L, const struct dblock *b, bool tight);

static void lay_blocks(struct lay *L, const struct dblock *parent, bool tight)
{
    for (size_t i = 0; i < parent->nkids; i++) {
        lay_block(L, parent->kids[i], tight);
        if (!tight)
            request_blank(L);
    }
}

static void lay_para(struct lay *L, const struct dblock *b, unsigned style)
{
    struct lines ls = {0};
    wrap_spans(b->spans, b->nspans, content_width(L), style | block_style(L), &ls);
    emit_lines(L, &ls);
}

static void lay_heading(struct lay *L, const struct dblock *b)
{
    unsigned st = (b->level <= 1 ? DOC_H1 : b->level == 2 ? DOC_H2 : DOC_H3) | DOC_BOLD;
    struct lines ls = {0};
    wrap_spans(b->spans, b->nspans, content_width(L), st | block_style(L), &ls);
    int w = lines_maxwidth(&ls);
    emit_lines(L, &ls);
    if (b->level <= 2 && w > 0)
        emit_rule(L, b->level <= 1 ? "═" : "─", w);
}

/* Code keeps its lines: tabs expand, nothing is re-wrapped, and a line wider
 * than the room is cut at the width (the rest continues, indented). */
static void lay_code(struct lay *L, const struct dblock *b)
{
    struct buf all, line;
    buf_init(&all, 0);
    buf_init(&line, 0);
    for (size_t i = 0; i < b->nspans; i++)
        if (b->spans[i].text)
            buf_adds(&all, b->spans[i].text);
    int room = content_width(L) - CODE_INDENT;
    unsigned st = DOC_CODEBLOCK | block_style(L);
    const char *s = all.data ? all.data : "";
    while (*s) {
        size_t n = strcspn(s, "\n");
        buf_reset(&line);
        buf_add(&line, "", 0);
        int col = 0;
        for (size_t i = 0; i < n;) {
            if (s[i] == '\t') {
                do
                    buf_add(&line, " ", 1);
                while (++col % TAB_STOP);
                i++;
                continue;
            }
            size_t k = one_cp(s + i, n - i);
            buf_add(&line, s + i, k);
            col += width_n(s + i, k);
            i += k;
        }
        size_t off = 0;
        do {
            size_t k = text_fit_n(line.data + off, line.len - off, room, NULL);
            if (k == 0 && off < line.len)
                k = one_cp(line.data + off, line.len - off);
            struct lb l = {0};
            lb_add(&l, "  ", CODE_INDENT, st, 0);
            lb_add(&l, line.data + off, k, st, 0);
            struct doc_line dl = lb_take(&l);
            emit(L, &dl);
            off += k;
        } while (off < line.len);
        s += n;
        if (*s == '\n')
            s++;
    }
    buf_free(&line);
    buf_free(&all);
}

static void lay_list(struct lay *L, const struct dblock *b)
{
    static const char *const bullets[] = {"• ", "◦ ", "▪ "};
    bool ordered = b->type == DB_OL;
    L->list_level++;
    const char *bullet = bullets[L->list_level > 3 ? 2 : L->list_level - 1];
    /* Numbers are right-aligned so that item texts line up. */
    int numw = snprintf(NULL, 0, "%u", b->start + (unsigned)(b->nkids ? b->nkids - 1 : 0));
    unsigned num = b->start;
    for (size_t i = 0; i < b->nkids; i++) {
        const struct dblock *item = b->kids[i];
        if (item->type != DB_LI) {
            lay_block(L, item, b->tight);
            continue;
        }
        char marker[48];
        if (ordered)
            snprintf(marker, sizeof(marker), "%*u. %s", numw, num++,
                     item->task == 'x' ? "[x] "
                     : item->task      ? "[ ] "
                                       : "");
        else
            snprintf(marker, sizeof(marker), "%s",
                     item->task == 'x' ? "[x] "
                     : item->task      ? "[ ] "
                                       : bullet);
        push_pfx(L, marker, DOC_BULLET, 0, NULL, 0);
        lay_blocks(L, item, b->tight);
        if (L->pf[L->npf - 1].first_pending)
            emit(L, NULL); /* an empty item still shows its bullet */
        pop_pfx(L);
        if (!b->tight)
            request_blank(L);
    }
    L->list_level--;
}

/* ---- tables ------------------------------------------------------------- */

struct row {
    const struct dblock *tr;
    bool head;
};

static unsigned cell_style(const struct lay *L, bool head)
{
    return block_style(L) | (head ? DOC_TABLE_HEAD | DOC_BOLD : 0);
}

/* Natural widths shrink from the widest column down (a water level), so
 * narrow columns keep their width; what the level leaves over goes to the
 * columns it cut, left to right. */
static void fit_columns(const int *nat, int *w, size_t ncols, int target)
{
    int total = 0, level = 0;
    for (size_t c = 0; c < ncols; c++) {
        total += nat[c];
        if (nat[c] > level)
            level = nat[c];
    }
    if (total <= target) {
        memcpy(w, nat, ncols * sizeof(*w));
        return;
    }
    for (; level > 1; level--) {
        int sum = 0;
        for (size_t c = 0; c < ncols; c++)
            sum += nat[c] < level ? nat[c] : level;
        if (sum <= target)
            break;
    }
    int sum = 0;
    for (size_t c = 0; c < ncols; c++) {
        w[c] = nat[c] < level ? nat[c] : level;
        sum += w[c];
    }
    for (size_t c = 0; c < ncols && sum < target; c++)
        if (nat[c] > w[c]) {
            w[c]++;
            sum++;
        }
}

static void lay_row(struct lay *L, const struct row *r, const int *w, size_t ncols)
{
    unsigned st = cell_style(L, r->head);
    struct lines *cells = xcalloc(ncols, sizeof(*cells));
    size_t height = 1;
    for (size_t c = 0; c < ncols && c < r->tr->nkids; c++) {
        const struct dblock *cell = r->tr->kids[c];
        wrap_spans(cell->spans, cell->nspans, w[c], st, &cells[c]);
        if (cells[c].n > height)
            height = cells[c].n;
    }
    for (size_t j = 0; j < height; j++) {
        struct lb l = {0};
        for (size_t c = 0; c < ncols; c++) {
            if (c)
                lb_adds(&l, " │ ", DOC_RULE | block_style(L), 0);
            const struct doc_line *cl = j < cells[c].n ? &cells[c].v[j] : NULL;
            int pad = w[c] - (cl ? cl->width : 0);
            int align = c < r->tr->nkids ? r->tr->kids[c]->align : DB_ALIGN_DEFAULT;
            int left = align == DB_ALIGN_RIGHT ? pad : align == DB_ALIGN_CENTER ? pad / 2 : 0;
            lb_repeat(&l, " ", left, block_style(L));
            for (size_t k = 0; cl && k < cl->nruns; k++)
                lb_adds(&l, cl->runs[k].text, cl->runs[k].style, cl->runs[k].link);
            lb_repeat(&l, " ", pad - left, block_style(L));
        }
        /* Trailing padding goes, unless that would make the row look like
         * a blank line between blocks. */
        bool all_space = true;
        for (size_t k = 0; k < l.n && all_space; k++)
            all_space = l.runs[k].text[strspn(l.runs[k].text, " ")] == '\0';
        if (!all_space)
            lb_rtrim(&l);
        struct doc_line line = lb_take(&l);
        emit(L, &line);
    }
    for (size_t c = 0; c < ncols; c++)
        lines_free(&cells[c]);
    free(cells);
    if (r->head) {
        struct lb l = {0};
        for (size_t c = 0; c < ncols; c++) {
            if (c)
                lb_adds(&l, "─┼─", DOC_RULE, 0);
            lb_repeat(&l, "─", w[c], DOC_RULE);
        }
        struct doc_line line = lb_take(&l);
        emit(L, &line);
    }
}

/* Too many columns for the width: each row becomes a wrapped line of cells
 * joined by " │ ". */
static void lay_row_flat(struct lay *L, const struct row *r)
{
    unsigned st = cell_style(L, r->head);
    struct dspan *spans = NULL;
    size_t n = 0, cap = 0;
    for (size_t c = 0; c < r->tr->nkids; c++) {
        const struct dblock *cell = r->tr->kids[c];
        size_t need = n + cell->nspans + 1;
        if (need > cap) {
            cap = need * 2;
            spans = xrealloc(spans, cap * sizeof(*spans));
        }
        if (c)
            spans[n++] = (struct dspan){DSPAN_TEXT, (char *)" │ ", DOC_RULE, 0, 0, 0};
        for (size_t k = 0; k < cell->nspans; k++)
            spans[n++] = cell->spans[k];
    }
    struct lines ls = {0};
    wrap_spans(spans, n, content_width(L), st, &ls);
    free(spans);
    emit_lines(L, &ls);
}

static void collect_rows(const struct dblock *b, bool head, struct row **rows, size_t *n,
                         size_t *cap)
{
    for (size_t i = 0; i < b->nkids; i++) {
        const struct dblock *k = b->kids[i];
        if (k->type == DB_TR) {
            *rows = xgrow(*rows, *n, cap, sizeof(**rows), 8);
            (*rows)[(*n)++] = (struct row){k, head};
        } else if (k->type == DB_THEAD || k->type == DB_TBODY) {
            collect_rows(k, k->type == DB_THEAD, rows, n, cap);
        }
    }
}

static void lay_table(struct lay *L, const struct dblock *b)
{
    struct row *rows = NULL;
    size_t nrows = 0, caprows = 0, ncols = 0;
    collect_rows(b, false, &rows, &nrows, &caprows);
    for (size_t i = 0; i < nrows; i++)
        if (rows[i].tr->nkids > ncols)
            ncols = rows[i].tr->nkids;
    if (ncols == 0) {
        free(rows);
        return;
    }
    int *nat = xcalloc(ncols, sizeof(*nat)), *w = xcalloc(ncols, sizeof(*w));
    for (size_t c = 0; c < ncols; c++)
        nat[c] = 1;
    for (size_t i = 0; i < nrows; i++)
        for (size_t c = 0; c < rows[i].tr->nkids; c++) {
            const struct dblock *cell = rows[i].tr->kids[c];
            struct lines ls = {0};
            wrap_spans(cell->spans, cell->nspans, INT_MAX / 4, 0, &ls);
            int mw = lines_maxwidth(&ls);
            lines_free(&ls);
            if (mw > nat[c])
                nat[c] = mw;
        }
    int avail = content_width(L), target = 0, least = 0;
    if (ncols <= (size_t)avail) {
        target = avail - 3 * (int)(ncols - 1);
        for (size_t c = 0; c < ncols; c++)
            least += nat[c] < MIN_COLUMN ? nat[c] : MIN_COLUMN;
    }
    if (ncols > (size_t)avail || least > target) {
        for (size_t i = 0; i < nrows; i++)
            lay_row_flat(L, &rows[i]);
    } else {
        fit_columns(nat, w, ncols, target);
        for (size_t i = 0; i < nrows; i++)
            lay_row(L, &rows[i], w, ncols);
    }
    free(nat);
    free(w);
    free(rows);
}

static void lay_block(struct lay *L, const struct dblock *b, bool tight)
{
    switch (b->type) {
    case DB_PARA:
    case DB_HTML: lay_para(L, b, 0); break;
    case DB_HEADING: lay_heading(L, b); break;
    case DB_QUOTE:
        push_pfx(L, "│ ", DOC_QUOTE, 0, "│ ", DOC_QUOTE);
        L->quote++;
        lay_blocks(L, b, false);
        L->quote--;
        pop_pfx(L);
        break;
    case DB_UL:
    case DB_OL: lay_list(L, b); break;
    case DB_CODE: lay_code(L, b); break;
    case DB_HR: emit_rule(L, "─", content_width(L)); break;
    case DB_TABLE: lay_table(L, b); break;
    default: lay_blocks(L, b, tight); break;
    }
}

/* ---- the link list --------------------------------------------------------- */

static const char *strip_scheme(const char *u)
{
    static const char *const schemes[] = {"https://", "http://", "mailto:"};
    for (size_t i = 0; i < CU_ARRAY_LEN(schemes); i++)
        if (strncmp(u, schemes[i], strlen(schemes[i])) == 0)
            return u + strlen(schemes[i]);
    return u;
}

static void lay_links(struct lay *L)
{
    size_t n = doc_nlinks(L->doc);
    if (!n)
        return;
    request_blank(L);
    struct lb head = {0};
    lb_adds(&head, "Links", DOC_H3 | DOC_BOLD, 0);
    struct doc_line hl = lb_take(&head);
    emit(L, &hl);
    int markw = snprintf(NULL, 0, "[%zu] ", n);
    for (size_t i = 0; i < n; i++) {
        const struct doc_link *lk = doc_link_at(L->doc, i);
        char marker[48];
        snprintf(marker, sizeof(marker), "[%d]", lk->n);
        char first[64];
        snprintf(first, sizeof(first), "%-*s", markw, marker);
        struct pfx *p = push_pfx(L, first, DOC_MARKER, lk->n, NULL, 0);
        p->first_pad = markw - (int)strlen(marker);

        struct dspan spans[3];
        size_t ns = 0;
        const char *text = lk->text ? lk->text : "";
        if (*text && strcmp(text, lk->url) != 0 && strcmp(text, strip_scheme(lk->url)) != 0) {
            spans[ns++] = (struct dspan){DSPAN_TEXT, (char *)text, 0, 0, 0, 0};
            spans[ns++] = (struct dspan){DSPAN_TEXT, (char *)" — ", 0, 0, 0, 0};
        }
        spans[ns++] = (struct dspan){DSPAN_TEXT, lk->url, DOC_DIM | DOC_LINK, lk->n, 0, 0};
        struct lines ls = {0};
        int avail = content_width(L);
        wrap_spans(spans, ns, avail, 0, &ls);
        if (lk->kind != LINK_OTHER || lk->badge) {
            char kind[160];
            if (lk->badge && lk->kind != LINK_OTHER)
                snprintf(kind, sizeof(kind), "(%s, %s)", link_kind_name(lk->kind), lk->badge);
            else
                snprintf(kind, sizeof(kind), "(%s)",
                         lk->badge ? lk->badge : link_kind_name(lk->kind));
            int kw = text_width(kind);
            struct doc_line *last = ls.n ? &ls.v[ls.n - 1] : NULL;
            if (last && last->width + 2 + kw <= avail) {
                size_t tail = last->nruns ? strlen(last->runs[last->nruns - 1].text) : 0;
                struct lb l = {last->runs, last->nruns, last->nruns, last->width, tail, tail + 1};
                lb_adds(&l, "  ", 0, 0);
                lb_adds(&l, kind, 0, 0);
                *last = lb_take(&l);
            } else {
                struct lb l = {0};
                char *cut = text_truncate(kind, avail);
                lb_adds(&l, cut, 0, 0);
                free(cut);
                lines_push(&ls, lb_take(&l));
            }
        }
        emit_lines(L, &ls);
        pop_pfx(L);
    }
}

/* ---- public --------------------------------------------------------------- */

struct doc_layout *doc_layout(const struct doc *d, int width, unsigned flags)
{
    struct lay L = {0};
    L.width = width < MIN_WIDTH ? MIN_WIDTH : width > MAX_WIDTH ? MAX_WIDTH : width;
    L.doc = d;
    if (d) {
        lay_blocks(&L, d->root, false);
        if (flags & DOC_LAYOUT_LINKS)
            lay_links(&L);
    }
    free(L.pf);
    struct doc_layout *out = xcalloc(1, sizeof(*out));
    out->lines = L.out.v;
    out->nlines = L.out.n;
    return out;
}

void doc_layout_free(struct doc_layout *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->nlines; i++)
        line_free(&l->lines[i]);
    free(l->lines);
    free(l);
}

char *doc_line_text(const struct doc_line *l)
{
    struct buf b;
    buf_init(&b, 0);
    buf_add(&b, "", 0);
    for (size_t i = 0; l && i < l->nruns; i++)
        buf_adds(&b, l->runs[i].text);
    return buf_take(&b);
}

char *doc_plain_text(const struct doc *d)
{
    struct doc_layout *l = doc_layout(d, 4096, 0);
    struct buf b;
    buf_init(&b, 0);
    buf_add(&b, "", 0);
    for (size_t i = 0; i < l->nlines; i++) {
        const struct doc_line *ln = &l->lines[i];
        bool any = false;
        for (size_t k = 0; k < ln->nruns; k++) {
            if (ln->runs[k].style & (DOC_MARKER | DOC_RULE))
                continue;
            buf_adds(&b, ln->runs[k].text);
            any = true;
        }
        if (any)
            buf_add(&b, "\n", 1);
    }
    doc_layout_free(l);
    return buf_take(&b);
}
