/* themefile.h: colour themes, read from INI files (themes/NAME.theme):
 * their elements, styles, the built-in theme and where files are found.
 * No curses here: src/ui/theme.h turns a parsed theme into curses
 * attributes.
 *
 * File format (see themes/default.theme, which lists every element):
 *     [theme]
 *     name = Default (dark)
 *     [colors]
 *     ELEMENT = FOREGROUND [BACKGROUND] [ATTRIBUTE...]
 * Colours: default, black red green yellow blue magenta cyan white,
 * bright-NAME (8-15), colorN or N (0-255).  Attributes: bold dim underline
 * reverse italic standout.  The second word may already be an attribute
 * ("title = white bold"), in which case the background is the default. */
#ifndef CATCHUP_THEMEFILE_H
#define CATCHUP_THEMEFILE_H

#include <stdbool.h>

#include "catchup/util.h"

/* Elements of the screen a theme styles: X-macro of (id, name in files).
 * Their built-in (dark terminal) defaults are the table in themefile.c, kept
 * equal to themes/default.theme by tests/unit/test_theme.c. */
/* clang-format off */
#define THEME_ELEMENTS(_) \
    _(NORMAL, "normal") \
    _(TITLE, "title") \
    _(DATE, "date") \
    _(UNREAD, "unread") \
    _(READ, "read") \
    _(H1, "heading1") \
    _(H2, "heading2") \
    _(H3, "heading3") \
    _(LINK, "link") \
    _(MARKER, "link-number") \
    _(CODE, "code") \
    _(QUOTE, "quote") \
    _(BULLET, "bullet") \
    _(RULE, "rule") \
    _(TABLE_HEAD, "table-head") \
    _(STATUS, "status") \
    _(STATUS_ERROR, "status-error") \
    _(STATUS_BUSY, "status-busy") \
    _(SELECTION, "selection") \
    _(TAB, "tab") \
    _(TAB_ACTIVE, "tab-active") \
    _(DIM, "dim") \
    _(MATCH, "search-match") \
    _(HELP_KEY, "help-key") \
    _(DESCRIPTION, "description") \
    _(BOARD_STATUS, "board-status") \
    _(LABEL, "label") \
    _(ASSIGNEE, "assignee") \
    _(DAY, "day") \
    _(COUNTDOWN, "countdown") \
    _(NEW, "new") \
    _(BORDER, "border")
/* clang-format on */
enum theme_elem {
#define THEME_ENUM(id, name) TH_##id,
    THEME_ELEMENTS(THEME_ENUM)
#undef THEME_ENUM
        TH_COUNT
};

/* A parsed style: colours are -1 (terminal default) or 0-255 (xterm
 * 256-colour indexes); attrs are THEME_A_* bits.  `set` is true when the
 * theme's source styled the element: after theme_parse_file, the elements
 * the file named; after theme_builtin, all of them. */
enum {
    THEME_A_BOLD = 1,
    THEME_A_DIM = 2,
    THEME_A_UNDERLINE = 4,
    THEME_A_REVERSE = 8,
    THEME_A_ITALIC = 16,
    THEME_A_STANDOUT = 32
};
struct theme_style {
    short fg, bg;
    unsigned attrs;
    bool set;
};
struct theme {
    struct theme_style el[TH_COUNT];
    char *name; /* from [theme] name, else the file's base name; owned */
    char *file; /* the path it was read from, NULL for the built-in; owned */
};

/* Reads a theme file into t (overwritten, not freed first): elements the
 * file does not name keep the built-in default's style.  Returns 0, or -1
 * with e = "FILE:LINE: what is wrong" and t untouched.  Caller frees t with
 * theme_free.  No curses calls. */
int theme_parse_file(const char *path, struct theme *t, struct cu_err *e);
/* Fills t (overwritten) with the built-in theme, the same as
 * themes/default.theme; used when no file is found.  Caller frees. */
void theme_builtin(struct theme *t);
/* Frees t's strings and zeroes it; safe on a zeroed theme. */
void theme_free(struct theme *t);
/* Finds a theme file.  A name containing '/' is a path ("~/" expands to
 * $HOME).  Otherwise NAME.theme is looked for in $XDG_CONFIG_HOME/catchup/themes
 * (~/.config/catchup/themes), CATCHUP_DATADIR "/themes", a "themes" folder
 * next to the running executable, then ./themes.  Returns the path of the
 * first readable regular file (caller frees), or NULL when there is none. */
char *theme_find(const char *name);

#endif
