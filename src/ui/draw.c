/* draw.c: putting text on the screen safely.  Every string goes through
 * text_sanitize() right before curses sees it, and is cut by display width,
 * so nothing from the network can move the cursor or talk to the terminal. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "catchup/text.h"
#include "uiint.h"

void draw_fill(int y, int x, int w, attr_t attr)
{
    if (w <= 0)
        return;
    attrset(attr);
    mvhline(y, x, ' ', w);
    attrset(A_NORMAL);
}

void draw_hline(int y, int x, int w, attr_t attr)
{
    attrset(attr);
    move(y, x);
    for (int i = 0; i < w; i++)
        addstr("─");
    attrset(A_NORMAL);
}

void draw_vline(int y, int x, int h, attr_t attr)
{
    attrset(attr);
    for (int i = 0; i < h; i++)
        mvaddstr(y + i, x, "│");
    attrset(A_NORMAL);
}

void draw_box(int y, int x, int h, int w, attr_t attr)
{
    if (h < 2 || w < 2)
        return;
    draw_hline(y, x + 1, w - 2, attr);
    draw_hline(y + h - 1, x + 1, w - 2, attr);
    draw_vline(y + 1, x, h - 2, attr);
    draw_vline(y + 1, x + w - 1, h - 2, attr);
    attrset(attr);
    mvaddstr(y, x, "┌");
    mvaddstr(y, x + w - 1, "┐");
    mvaddstr(y + h - 1, x, "└");
    mvaddstr(y + h - 1, x + w - 1, "┘");
    attrset(A_NORMAL);
}

int draw_text(int y, int x, int w, const char *text, attr_t attr)
{
    if (w <= 0 || !text)
        return 0;
    char *safe = text_sanitize(text, strlen(text), 0);
    int used;
    size_t n = text_fit(safe, w, &used);
    attrset(attr);
    if (safe[n] && w >= 1) {
        /* cut: leave room for the ellipsis */
        n = text_fit(safe, w - 1, &used);
        mvaddnstr(y, x, safe, (int)n);
        addstr("…");
        used++;
    } else {
        mvaddnstr(y, x, safe, (int)n);
    }
    attrset(A_NORMAL);
    free(safe);
    return used;
}

int draw_text_wrapped(int y, int x, int w, int rows, const char *text, attr_t attr)
{
    if (w <= 0 || rows <= 0 || !text)
        return 0;
    char *safe = text_sanitize(text, strlen(text), 0);
    const char *p = safe;
    int row = 0;
    while (*p && row < rows) {
        const char *next;
        size_t n = text_wrap_line(p, w, &next);
        if (row == rows - 1 && *next) {
            draw_text(y + row, x, w, p, attr); /* the last row: cut with '…' */
        } else {
            char *line = xstrndup(p, n);
            draw_text(y + row, x, w, line, attr);
            free(line);
        }
        row++;
        p = next;
    }
    free(safe);
    return row;
}

attr_t doc_style_attr(unsigned st)
{
    attr_t a;
    if (st & DOC_MATCH)
        return theme_attr(TH_MATCH);
    if (st & DOC_H1)
        a = theme_attr(TH_H1);
    else if (st & DOC_H2)
        a = theme_attr(TH_H2);
    else if (st & DOC_H3)
        a = theme_attr(TH_H3);
    else if (st & DOC_MARKER)
        a = theme_attr(TH_MARKER);
    else if (st & DOC_LINK)
        a = theme_attr(TH_LINK);
    else if (st & (DOC_CODE | DOC_CODEBLOCK))
        a = theme_attr(TH_CODE);
    else if (st & DOC_TABLE_HEAD)
        a = theme_attr(TH_TABLE_HEAD);
    else if (st & DOC_QUOTE)
        a = theme_attr(TH_QUOTE);
    else if (st & DOC_BULLET)
        a = theme_attr(TH_BULLET);
    else if (st & DOC_RULE)
        a = theme_attr(TH_RULE);
    else if (st & DOC_DIM)
        a = theme_attr(TH_DIM);
    else
        a = theme_attr(TH_NORMAL);
    if (st & DOC_BOLD)
        a |= A_BOLD;
    if (st & DOC_ITALIC)
        a |= A_ITALIC;
    return a;
}

long text_find(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    if (!n)
        return -1;
    for (const char *p = hay; *p; p++) {
        size_t i = 0;
        while (i < n && p[i]) {
            int a = (unsigned char)p[i], b = (unsigned char)needle[i];
            if (a >= 'A' && a <= 'Z')
                a += 32;
            if (b >= 'A' && b <= 'Z')
                b += 32;
            if (a != b)
                break;
            i++;
        }
        if (i == n)
            return p - hay;
    }
    return -1;
}

/* Draws part of a run, splitting it around matches of pattern. */
static int draw_run(int y, int x, int w, const char *text, attr_t attr, const char *pattern)
{
    int used = 0;
    const char *p = text;
    while (*p && used < w) {
        long m = pattern && *pattern ? text_find(p, pattern) : -1;
        size_t plain = m < 0 ? strlen(p) : (size_t)m;
        if (plain) {
            char *part = xstrndup(p, plain);
            used += draw_text(y, x + used, w - used, part, attr);
            free(part);
            p += plain;
        }
        if (m >= 0 && used < w) {
            size_t mlen = strlen(pattern);
            char *part = xstrndup(p, mlen);
            used += draw_text(y, x + used, w - used, part, theme_attr(TH_MATCH));
            free(part);
            p += mlen;
        }
    }
    return used;
}

void draw_doc_line(int y, int x, int w, const struct doc_line *l, const char *pattern, attr_t base)
{
    int used = 0;
    for (size_t i = 0; i < l->nruns && used < w; i++) {
        const struct doc_run *r = &l->runs[i];
        attr_t a = doc_style_attr(r->style) | base;
        used += draw_run(y, x + used, w - used, r->text, a, pattern);
    }
}
