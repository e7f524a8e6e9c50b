/* theme.h: the curses half of the themes (the files: catchup/themefile.h):
 * a parsed theme turned into curses attributes after initscr(). */
#ifndef CATCHUP_UI_THEME_H
#define CATCHUP_UI_THEME_H

#include <curses.h>

#include "catchup/themefile.h"

/* Curses half; call after initscr().  Uses colours when the terminal has
 * them and NO_COLOR is unset or empty; otherwise only attributes (mono).
 * Colours the terminal lacks fall back to the nearest of the 8 basic ones.
 * Where a fallback (or mono) would erase what tells an element apart, it
 * keeps it readable: a background that differed from normal's but no longer
 * does becomes reverse video, and text that would take its background's
 * colour takes black or white instead.  Allocates colour pairs 1..TH_COUNT;
 * may be called again to switch themes.  t is only read. */
void theme_apply(const struct theme *t);
/* The curses attribute (COLOR_PAIR | A_BOLD ...) for an element, after
 * theme_apply; A_NORMAL before it or for an out-of-range element. */
attr_t theme_attr(enum theme_elem el);

#endif
