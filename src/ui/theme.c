/* theme.c: see theme.h: the curses half of the themes. */
#include "theme.h"

#include <stdlib.h>
#include <string.h>

/* ---- curses ---- */

static attr_t applied[TH_COUNT];

/* The xterm palette, which 256-colour themes are written against. */
static const unsigned char basic_rgb[16][3] = {
    {0, 0, 0},     {205, 0, 0},     {0, 205, 0},     {205, 205, 0},   {0, 0, 238}, {205, 0, 205},
    {0, 205, 205}, {229, 229, 229}, {127, 127, 127}, {255, 0, 0},     {0, 255, 0}, {255, 255, 0},
    {92, 92, 255}, {255, 0, 255},   {0, 255, 255},   {255, 255, 255},
};

static void xterm_rgb(int c, int rgb[3])
{
    static const int level[6] = {0, 95, 135, 175, 215, 255};
    if (c < 16) {
        for (int i = 0; i < 3; i++)
            rgb[i] = basic_rgb[c][i];
    } else if (c < 232) {
        c -= 16;
        rgb[0] = level[c / 36], rgb[1] = level[c / 6 % 6], rgb[2] = level[c % 6];
    } else {
        rgb[0] = rgb[1] = rgb[2] = 8 + 10 * (c - 232);
    }
}

/* Nearest of the 8 basic colours.  Greys may only become black or white:
 * by plain distance, mid greys (242-244) are nearest to xterm's yellow. */
static short nearest8(short c)
{
    if (c < 16)
        return (short)(c & 7);
    int rgb[3];
    xterm_rgb(c, rgb);
    int hi = rgb[0], lo = rgb[0];
    for (int k = 1; k < 3; k++) {
        hi = rgb[k] > hi ? rgb[k] : hi;
        lo = rgb[k] < lo ? rgb[k] : lo;
    }
    bool grey = hi - lo < 24;
    short best = 0;
    long best_d = -1;
    for (short i = 0; i < 8; i++) {
        if (grey && i != COLOR_BLACK && i != COLOR_WHITE)
            continue;
        long d = 0;
        for (int k = 0; k < 3; k++)
            d += (long)(rgb[k] - basic_rgb[i][k]) * (rgb[k] - basic_rgb[i][k]);
        if (best_d < 0 || d < best_d)
            best = i, best_d = d;
    }
    return best;
}

static attr_t curses_attrs(unsigned a)
{
    attr_t r = A_NORMAL;
    if (a & THEME_A_BOLD)
        r |= A_BOLD;
    if (a & THEME_A_DIM)
        r |= A_DIM;
    if (a & THEME_A_UNDERLINE)
        r |= A_UNDERLINE;
    if (a & THEME_A_REVERSE)
        r |= A_REVERSE;
#ifdef A_ITALIC
    if (a & THEME_A_ITALIC)
        r |= A_ITALIC;
#endif
    if (a & THEME_A_STANDOUT)
        r |= A_STANDOUT;
    return r;
}

void theme_apply(const struct theme *t)
{
    static bool started, default_ok;
    const char *no_color = getenv("NO_COLOR");
    bool colour = has_colors() && !(no_color && *no_color);
    if (colour && !started) {
        started = true;
        start_color();
        default_ok = use_default_colors() == OK;
    }
    /* Direct-colour terminals (COLORS > 256) read numbers >= 8 as RGB
     * values, not palette indexes, so they get the 8-colour fallback too. */
    bool full = colour && COLORS == 256;
#define MAP(c) ((short)(!colour || (c) < 0 ? -1 : full ? (c) : nearest8(c)))
    const struct theme_style *normal = &t->el[TH_NORMAL];
    short normal_bg = MAP(normal->bg);
    for (int i = 0; i < TH_COUNT; i++) {
        const struct theme_style *s = &t->el[i];
        attr_t a = curses_attrs(s->attrs);
        short fg = MAP(s->fg), bg = MAP(s->bg);
        /* A bar or selection drawn by its background alone would vanish. */
        if (i != TH_NORMAL && s->bg != normal->bg && bg == normal_bg &&
            !(s->attrs & (THEME_A_REVERSE | THEME_A_STANDOUT)))
            a |= A_REVERSE;
        if (colour && i + 1 < COLOR_PAIRS) {
            if (fg >= 0 && fg == bg && s->fg != s->bg)
                fg = (bg == COLOR_BLACK || bg == COLOR_RED || bg == COLOR_BLUE ||
                      bg == COLOR_MAGENTA)
                         ? COLOR_WHITE
                         : COLOR_BLACK;
            if (!default_ok) {
                fg = fg < 0 ? COLOR_WHITE : fg;
                bg = bg < 0 ? COLOR_BLACK : bg;
            }
            init_pair((short)(i + 1), fg, bg);
            a |= COLOR_PAIR(i + 1);
        }
        applied[i] = a;
    }
#undef MAP
}

attr_t theme_attr(enum theme_elem el)
{
    return (unsigned)el < TH_COUNT ? applied[el] : A_NORMAL;
}
