/* themefile.c: see themefile.h.  No curses: tests/unit/test_theme.c reads
 * themes without a terminal. */
#include "catchup/themefile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catchup/inifile.h"
#include "catchup/paths.h"

#ifndef CATCHUP_DATADIR
#define CATCHUP_DATADIR "/usr/local/share/catchup"
#endif

static const char *const elem_names[TH_COUNT] = {
#define THEME_NAME(id, name) [TH_##id] = name,
    THEME_ELEMENTS(THEME_NAME)
#undef THEME_NAME
};

/* The built-in theme: themes/default.theme, which the unit test compares
 * with this table so the two cannot drift apart. */
#define ST(f, b, a)                                     \
    {                                                   \
        .fg = (f), .bg = (b), .attrs = (a), .set = true \
    }
enum { B_ = THEME_A_BOLD, U_ = THEME_A_UNDERLINE, I_ = THEME_A_ITALIC };
static const struct theme_style builtin[TH_COUNT] = {
    [TH_NORMAL] = ST(-1, -1, 0),
    [TH_DESCRIPTION] = ST(252, -1, 0),
    [TH_DIM] = ST(243, -1, 0),
    [TH_BORDER] = ST(243, -1, 0),
    [TH_TITLE] = ST(255, -1, B_),
    [TH_UNREAD] = ST(221, -1, B_),
    [TH_READ] = ST(246, -1, 0),
    [TH_DATE] = ST(245, -1, 0),
    [TH_NEW] = ST(203, -1, B_),
    [TH_H1] = ST(170, -1, B_ | U_),
    [TH_H2] = ST(75, -1, B_),
    [TH_H3] = ST(179, -1, B_),
    [TH_LINK] = ST(81, -1, U_),
    [TH_MARKER] = ST(215, -1, 0),
    [TH_CODE] = ST(71, -1, 0),
    [TH_QUOTE] = ST(246, -1, I_),
    [TH_BULLET] = ST(75, -1, 0),
    [TH_RULE] = ST(243, -1, 0),
    [TH_TABLE_HEAD] = ST(255, -1, B_ | U_),
    [TH_TAB] = ST(250, 237, 0),
    [TH_TAB_ACTIVE] = ST(16, 75, B_),
    [TH_STATUS] = ST(255, 25, 0),
    [TH_STATUS_ERROR] = ST(231, 124, B_),
    [TH_STATUS_BUSY] = ST(16, 214, 0),
    [TH_SELECTION] = ST(16, 110, 0),
    [TH_MATCH] = ST(16, 220, B_),
    [TH_HELP_KEY] = ST(81, -1, B_),
    [TH_BOARD_STATUS] = ST(77, -1, B_),
    [TH_LABEL] = ST(170, -1, 0),
    [TH_ASSIGNEE] = ST(110, -1, 0),
    [TH_DAY] = ST(75, -1, B_ | U_),
    [TH_COUNTDOWN] = ST(215, -1, 0),
};
#undef ST

static const char *const colour_names[8] = {"black", "red",     "green", "yellow",
                                            "blue",  "magenta", "cyan",  "white"};
static const struct {
    const char *name;
    unsigned bit;
} attr_names[] = {
    {"bold", THEME_A_BOLD},       {"dim", THEME_A_DIM},       {"underline", THEME_A_UNDERLINE},
    {"reverse", THEME_A_REVERSE}, {"italic", THEME_A_ITALIC}, {"standout", THEME_A_STANDOUT},
};
#define COLOUR_HELP                                                                               \
    "use default, black, red, green, yellow, blue, magenta, cyan, white, bright-NAME, colorN or " \
    "0-255"
#define ATTR_HELP "known: bold, dim, underline, reverse, italic, standout"

void theme_builtin(struct theme *t)
{
    memcpy(t->el, builtin, sizeof(t->el));
    t->name = xstrdup("Default (dark)");
    t->file = NULL;
}

void theme_free(struct theme *t)
{
    free(t->name);
    free(t->file);
    memset(t, 0, sizeof(*t));
}

/* ---- parsing ---- */

struct loader {
    struct theme *t;
    const char *file;
    struct ini_file in;
    int line;            /* the line being read (in.line) */
    char raw[256];       /* the line inih is parsing, for the checks below */
    int first[TH_COUNT]; /* line each element was set on, 0 = not yet */
    struct cu_err *e;
    bool failed;
};

static int fail(struct loader *L, const char *fmt, ...) CU_PRINTF(2, 3);
static int fail(struct loader *L, const char *fmt, ...)
{
    if (L->failed)
        return 0;
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    cu_errf(L->e, "%s:%d: %s", L->file, L->line, msg);
    L->failed = true;
    return 0;
}

/* Skips the UTF-8 byte order mark inih also skips, and leading blanks. */
static const char *line_start(const struct loader *L, const char *s)
{
    if (L->line == 1 && !strncmp(s, "\xEF\xBB\xBF", 3))
        s += 3;
    return s + strspn(s, " \t");
}

/* inih gives the handler no section headers and no line numbers, so the
 * reader counts lines, keeps a copy of each, and checks section names here,
 * where an empty unknown section is still caught on its own line.
 * Returning NULL ends the parse, which is how an error stops it early. */
static char *reader(char *str, int num, void *stream)
{
    struct loader *L = stream;
    char *s;
    if (L->failed || !ini_file_read_line(&L->in, str, num, &s))
        return NULL;
    L->line = L->in.line;
    if (L->in.too_long) {
        fail(L, "line is longer than %d characters", num - 2);
        return NULL;
    }
    snprintf(L->raw, sizeof(L->raw), "%s", str);
    const char *end = *s == '[' ? strchr(s, ']') : NULL;
    if (end) {
        int len = (int)(end - s - 1);
        if (!((len == 5 && !strncasecmp(s + 1, "theme", 5)) ||
              (len == 6 && !strncasecmp(s + 1, "colors", 6)))) {
            fail(L, "unknown section [%.*s] (known: [theme], [colors])", len, s + 1);
            return NULL;
        }
    }
    return str;
}

/* With multi-line values on (inih's default), an indented line after a key
 * is passed as another value of that key; say so instead of misreading it. */
static bool is_key_line(const struct loader *L, const char *name)
{
    const char *s = line_start(L, L->raw);
    size_t n = strcspn(s, "=:");
    if (!s[n])
        return false;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    size_t len = strlen(name);
    return n >= len && !strncmp(s, name, len);
}

/* Returns 0 with *out set, -1 when w is not a colour, -2 when it is a
 * number over 255. */
static int parse_colour(const char *w, short *out)
{
    if (!str_casecmp(w, "default")) {
        *out = -1;
        return 0;
    }
    bool bright = !strncasecmp(w, "bright-", 7);
    const char *n = bright ? w + 7 : w;
    for (int i = 0; i < 8; i++) {
        if (!str_casecmp(n, colour_names[i])) {
            *out = (short)(i + (bright ? 8 : 0));
            return 0;
        }
    }
    if (bright)
        return -1;
    if (!strncasecmp(n, "color", 5))
        n += 5;
    if (!*n || n[strspn(n, "0123456789")])
        return -1;
    unsigned v = 0;
    for (; *n; n++) {
        v = v * 10 + (unsigned)(*n - '0');
        if (v > 255)
            return -2;
    }
    *out = (short)v;
    return 0;
}

static unsigned parse_attr(const char *w)
{
    for (size_t i = 0; i < CU_ARRAY_LEN(attr_names); i++)
        if (!str_casecmp(w, attr_names[i].name))
            return attr_names[i].bit;
    return 0;
}

/* "FG [BG] [ATTR...]" into *st; 1, or 0 after fail(). */
static int parse_style(struct loader *L, const char *el, const char *value, struct theme_style *st)
{
    char copy[256], *save = NULL;
    snprintf(copy, sizeof(copy), "%s", value);
    struct theme_style s = {.fg = -1, .bg = -1, .attrs = 0, .set = true};
    int pos = 0;
    for (char *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save), pos++) {
        short c;
        unsigned bit;
        int rc = pos < 2 ? parse_colour(w, &c) : -1;
        if (rc == -2)
            return fail(L, "colour '%s' for '%s' is out of range (0-255)", w, el);
        if (rc == 0) {
            *(pos ? &s.bg : &s.fg) = c;
            continue;
        }
        if (pos == 0)
            return fail(L, "unknown colour '%s' for '%s' (" COLOUR_HELP ")", w, el);
        if (!(bit = parse_attr(w)))
            return fail(L, "unknown %s '%s' for '%s' (%s" ATTR_HELP ")",
                        pos == 1 ? "colour or attribute" : "attribute", w, el,
                        pos == 1 ? COLOUR_HELP "; attributes " : "");
        s.attrs |= bit;
        pos = 2; /* "white bold": no background, attributes from here on */
    }
    if (!pos)
        return fail(L, "'%s' has no colour: write %s = FOREGROUND [BACKGROUND] [ATTRIBUTES]", el,
                    el);
    *st = s;
    return 1;
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
    struct loader *L = user;
    if (L->failed || !name) /* !name: a section start, when inih reports them */
        return !L->failed;
    if (!is_key_line(L, name))
        return fail(L, "this indented line continues the one above; write each element "
                       "on one line, without indentation");
    if (!str_casecmp(section, "theme")) {
        if (str_casecmp(name, "name"))
            return fail(L, "unknown key '%s' in [theme] (known: name)", name);
        if (!*value)
            return fail(L, "the theme's name is empty");
        free(L->t->name);
        L->t->name = xstrdup(value);
        return 1;
    }
    if (str_casecmp(section, "colors"))
        return fail(L, "'%s' must be inside [theme] or [colors]", name);
    for (int i = 0; i < TH_COUNT; i++) {
        if (str_casecmp(name, elem_names[i]))
            continue;
        if (L->first[i])
            return fail(L, "'%s' is set twice (first on line %d)", name, L->first[i]);
        L->first[i] = L->line;
        return parse_style(L, elem_names[i], value, &L->t->el[i]);
    }
    struct buf known;
    buf_init(&known, 0);
    for (int i = 0; i < TH_COUNT; i++)
        buf_addf(&known, "%s%s", i ? ", " : "", elem_names[i]);
    fail(L, "unknown element '%s' (known: %s)", name, known.data);
    buf_free(&known);
    return 0;
}

int theme_parse_file(const char *path, struct theme *t, struct cu_err *e)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return cu_errf(e, "%s: cannot read the theme: %s", path, strerror(errno));
    struct theme nt = {0};
    memcpy(nt.el, builtin, sizeof(nt.el));
    for (int i = 0; i < TH_COUNT; i++)
        nt.el[i].set = false;
    struct loader L = {.t = &nt, .file = path, .in = {.fp = fp}, .e = e};
    int rc = ini_file_parse(reader, &L, handler, &L, 0);
    if (!L.failed) {
        /* ferror: fopen succeeds on a directory, and fgets then fails. */
        if (ferror(fp))
            L.failed = cu_errf(e, "%s: cannot read the theme: %s", path, strerror(errno)) < 0;
        else if (rc > 0)
            L.failed = cu_errf(e,
                               "%s:%d: cannot parse this line: expected [section] or "
                               "element = colours",
                               path, rc) < 0;
        else if (rc < 0)
            L.failed = cu_errf(e, "%s: cannot read the theme", path) < 0;
    }
    fclose(fp);
    if (L.failed) {
        theme_free(&nt);
        return -1;
    }
    if (!nt.name) {
        const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        size_t n = strlen(base);
        nt.name = xstrndup(base, str_ends(base, ".theme") ? n - 6 : n);
    }
    nt.file = xstrdup(path);
    *t = nt;
    return 0;
}

/* ---- finding ---- */

static char *readable(char *path)
{
    struct stat st;
    if (!stat(path, &st) && S_ISREG(st.st_mode) && !access(path, R_OK))
        return path;
    free(path);
    return NULL;
}

char *theme_find(const char *name)
{
    if (!name || !*name)
        return NULL;
    if (strchr(name, '/'))
        return readable(name[0] == '~' && name[1] == '/' ? expand_home(name) : xstrdup(name));
    const char *ext = str_ends(name, ".theme") ? "" : ".theme";
    char *rel = xasprintf("themes/%s%s", name, ext);
    char *user = paths_config(rel);
    free(rel);
    char *found = user ? readable(user) : NULL;
    if (!found)
        found = readable(xasprintf("%s/themes/%s%s", CATCHUP_DATADIR, name, ext));
    if (!found) {
        /* So a binary run from the source tree, or an unpacked tarball, finds
         * the themes shipped beside it whatever the working directory. */
        char exe[4096];
        ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
        if (n > 0) {
            exe[n] = '\0';
            char *slash = strrchr(exe, '/');
            if (slash) {
                *slash = '\0';
                found = readable(xasprintf("%s/themes/%s%s", exe, name, ext));
            }
        }
    }
    if (!found)
        found = readable(xasprintf("./themes/%s%s", name, ext));
    return found;
}
