/* actions.c: see actions.h. */
#define _GNU_SOURCE
#include "actions.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct action_info infos[ACT_COUNT] = {[ACT_NONE] = {"none", SCOPE_GLOBAL, "", ""},
#define ACTION_INFO(id, name, scope, keys, help) [ACT_##id] = {name, scope, keys, help},
                                                    ACTIONS(ACTION_INFO)
#undef ACTION_INFO
};

const struct action_info *action_info(enum action a)
{
    return a > ACT_NONE && a < ACT_COUNT ? &infos[a] : &infos[ACT_NONE];
}

enum action action_by_name(const char *name)
{
    for (int a = ACT_NONE + 1; a < ACT_COUNT; a++)
        if (!strcmp(infos[a].name, name))
            return (enum action)a;
    return ACT_NONE;
}

static const struct {
    const char *name;
    int key;
} named_keys[] = {
    {"Enter", '\n'},      {"Tab", '\t'},       {"S-Tab", KEY_BTAB},
    {"Space", ' '},       {"Esc", 27},         {"Backspace", KEY_BACKSPACE},
    {"Up", KEY_UP},       {"Down", KEY_DOWN},  {"Left", KEY_LEFT},
    {"Right", KEY_RIGHT}, {"PgUp", KEY_PPAGE}, {"PgDn", KEY_NPAGE},
    {"Home", KEY_HOME},   {"End", KEY_END},    {"Insert", KEY_IC},
    {"Delete", KEY_DC},
};

int key_parse(const char *name)
{
    size_t n = strlen(name);
    if (n == 1 && (unsigned char)name[0] > 0x20 && (unsigned char)name[0] < 0x7f)
        return name[0];
    for (size_t i = 0; i < CU_ARRAY_LEN(named_keys); i++)
        if (!strcasecmp(named_keys[i].name, name))
            return named_keys[i].key;
    if (!strcasecmp(name, "PageUp"))
        return KEY_PPAGE;
    if (!strcasecmp(name, "PageDown"))
        return KEY_NPAGE;
    if (!strcasecmp(name, "Return"))
        return '\n';
    if (n == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-') {
        char c = name[2];
        if (c >= 'a' && c <= 'z')
            return c - 'a' + 1;
        if (c >= 'A' && c <= 'Z')
            return c - 'A' + 1;
    }
    if ((name[0] == 'F' || name[0] == 'f') && n >= 2 && n <= 3) {
        int f = atoi(name + 1);
        if (f >= 1 && f <= 12)
            return KEY_F(f);
    }
    return -1;
}

const char *key_name(int key)
{
    static char buf[16];
    for (size_t i = 0; i < CU_ARRAY_LEN(named_keys); i++)
        if (named_keys[i].key == key)
            return named_keys[i].name;
    if (key == KEY_ENTER || key == '\r')
        return "Enter";
    if (key >= KEY_F(1) && key <= KEY_F(12)) {
        snprintf(buf, sizeof(buf), "F%d", key - KEY_F(0));
        return buf;
    }
    if (key >= 1 && key <= 26) {
        snprintf(buf, sizeof(buf), "C-%c", 'a' + key - 1);
        return buf;
    }
    if (key > 0x20 && key < 0x7f) {
        snprintf(buf, sizeof(buf), "%c", key);
        return buf;
    }
    snprintf(buf, sizeof(buf), "key-%d", key);
    return buf;
}

#define MAX_KEYS 6
static int bound[ACT_COUNT][MAX_KEYS];
static int nbound[ACT_COUNT];
/* where each action's keys were set: the config's file and line, or NULL */
static const char *bound_file[ACT_COUNT];
static int bound_line[ACT_COUNT];
static char first_key[ACT_COUNT][16];

static int bind_list(enum action a, const char *list, const char *file, int line, struct cu_err *e)
{
    nbound[a] = 0;
    char *copy = xstrdup(list);
    char *save = NULL;
    for (char *tok = strtok_r(copy, " ,", &save); tok; tok = strtok_r(NULL, " ,", &save)) {
        int k = key_parse(tok);
        if (k < 0) {
            cu_errf(e,
                    "%s:%d: unknown key '%s' for %s (use a character, C-x, Enter, Tab, S-Tab, "
                    "Space, Esc, Up, Down, PgUp, PgDn, Home, End, F1-F12)",
                    file, line, tok, infos[a].name);
            free(copy);
            return -1;
        }
        bool dup = false;
        for (int i = 0; i < nbound[a]; i++)
            dup = dup || bound[a][i] == k;
        if (dup)
            continue;
        if (nbound[a] == MAX_KEYS) {
            cu_errf(e, "%s:%d: %s has more than %d keys", file, line, infos[a].name, MAX_KEYS);
            free(copy);
            return -1;
        }
        bound[a][nbound[a]++] = k;
    }
    free(copy);
    if (!nbound[a])
        return cu_errf(e,
                       "%s:%d: %s is left without a key; give it one (see 'catchup --list-keys')",
                       file, line, infos[a].name);
    return 0;
}

static bool list_has(const char *list, int key)
{
    char *copy = xstrdup(list), *save = NULL;
    bool found = false;
    for (char *t = strtok_r(copy, " ", &save); t && !found; t = strtok_r(NULL, " ", &save))
        found = key_parse(t) == key;
    free(copy);
    return found;
}

/* Whether a and b (a before b) may not share key: in the same scope one of
 * them would never be reached; a scoped key hides a global one in its view,
 * which only the built-in digits do on purpose (links in the reader). */
static bool clash(enum action a, enum action b, int key)
{
    enum scope sa = infos[a].scope, sb = infos[b].scope;
    if (sa == sb)
        return true;
    if (sa != SCOPE_GLOBAL && sb != SCOPE_GLOBAL)
        return false; /* a list and the reader are never in front together */
    return !list_has(infos[a].default_keys, key) || !list_has(infos[b].default_keys, key);
}

static const char *scope_where(enum scope s)
{
    return s == SCOPE_READER ? " in the reader" : s == SCOPE_LIST ? " in lists" : "";
}

/* Two actions on one key, or one without any: an error at the config line
 * that made it (the later one when both come from the config). */
static int check_conflicts(struct cu_err *e)
{
    for (int a = ACT_NONE + 1; a < ACT_COUNT; a++)
        for (int b = a + 1; b < ACT_COUNT; b++)
            for (int i = 0; i < nbound[a]; i++)
                for (int j = 0; j < nbound[b]; j++) {
                    int k = bound[a][i];
                    if (bound[b][j] != k || !clash((enum action)a, (enum action)b, k))
                        continue;
                    /* blame the binding from the config (the later line) */
                    int by = a, other = b;
                    if (!bound_file[a] || (bound_file[b] && bound_line[b] > bound_line[a])) {
                        by = b;
                        other = a;
                    }
                    enum scope sc =
                        infos[a].scope != SCOPE_GLOBAL ? infos[a].scope : infos[b].scope;
                    return cu_errf(e,
                                   "%s:%d: %s would be the key of both %s and %s%s; give one "
                                   "of them another key in [keys] (see 'catchup --list-keys')",
                                   bound_file[by] ? bound_file[by] : "built-in", bound_line[by],
                                   key_name(k), infos[by].name, infos[other].name, scope_where(sc));
                }
    return 0;
}

int keymap_init(const struct config *c, struct cu_err *e)
{
    for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
        bound_file[a] = NULL;
        bound_line[a] = 0;
        if (bind_list((enum action)a, infos[a].default_keys, "built-in", 0, e) < 0)
            return -1;
    }
    for (size_t i = 0; c && i < c->nkeys; i++) {
        const struct keybind *k = &c->keys[i];
        enum action a = action_by_name(k->action);
        if (a == ACT_NONE)
            return cu_errf(e,
                           "%s:%d: unknown action '%s' in [keys]; 'catchup --list-keys' lists them",
                           k->file, k->line, k->action);
        if (bind_list(a, k->keys, k->file, k->line, e) < 0)
            return -1;
        bound_file[a] = k->file;
        bound_line[a] = k->line;
    }
    if (check_conflicts(e) < 0)
        return -1;
    for (int a = ACT_NONE + 1; a < ACT_COUNT; a++)
        snprintf(first_key[a], sizeof(first_key[a]), "%s", key_name(bound[a][0]));
    return 0;
}

const char *keymap_first(enum action a)
{
    return a > ACT_NONE && a < ACT_COUNT ? first_key[a] : "";
}

static enum action lookup_in(enum scope scope, int key)
{
    /* A later action in the table does not shadow an earlier one; the
     * user's rebinding of one action removes the key from the defaults of
     * no other, so the first match in table order wins. */
    for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
        if (infos[a].scope != scope)
            continue;
        for (int i = 0; i < nbound[a]; i++)
            if (bound[a][i] == key)
                return (enum action)a;
    }
    return ACT_NONE;
}

enum action keymap_lookup(enum scope scope, int key)
{
    if (key == KEY_ENTER || key == '\r')
        key = '\n';
    enum action a = scope != SCOPE_GLOBAL ? lookup_in(scope, key) : ACT_NONE;
    return a != ACT_NONE ? a : lookup_in(SCOPE_GLOBAL, key);
}

const char *keymap_keys(enum action a)
{
    static char buf[64];
    buf[0] = '\0';
    size_t used = 0;
    for (int i = 0; i < nbound[a] && used < sizeof(buf); i++)
        used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%s", i ? ", " : "",
                                 key_name(bound[a][i]));
    return buf;
}

static const char *scope_title(enum scope s)
{
    switch (s) {
    case SCOPE_READER: return "In the reader";
    case SCOPE_LIST: return "In lists";
    default: return "Everywhere";
    }
}

/* roff needs backslashes and leading dots escaped. */
static void roff_escape(FILE *fp, const char *s)
{
    if (*s == '.' || *s == '\'')
        fputs("\\&", fp);
    for (; *s; s++) {
        if (*s == '\\')
            fputs("\\e", fp);
        else if (*s == '-')
            fputs("\\-", fp);
        else
            fputc(*s, fp);
    }
}

void actions_print(FILE *fp, const char *format)
{
    bool roff = format && !strcmp(format, "roff");
    for (int s = 0; s < SCOPE_COUNT; s++) {
        bool any = false;
        for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
            if (infos[a].scope != (enum scope)s)
                continue;
            if (!any) {
                if (roff)
                    fprintf(fp, ".SS %s\n", scope_title((enum scope)s));
                else
                    fprintf(fp, "%s%s:\n", s ? "\n" : "", scope_title((enum scope)s));
                any = true;
            }
            if (roff) {
                fputs(".TP\n.B ", fp);
                char *keys = xstrdup(infos[a].default_keys), *save = NULL;
                int k = 0;
                for (char *t = strtok_r(keys, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
                    fputs(k++ ? ", " : "", fp);
                    roff_escape(fp, t);
                }
                free(keys);
                fputs("\n", fp);
                roff_escape(fp, infos[a].help);
                fputs(" (\\fI", fp);
                roff_escape(fp, infos[a].name);
                fputs("\\fR)\n", fp);
            } else {
                fprintf(fp, "  %-18s %-16s %s\n", keymap_keys((enum action)a), infos[a].name,
                        infos[a].help);
            }
        }
    }
}
