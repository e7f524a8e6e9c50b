/* actions.h: every action of the TUI in one table (tig's request.h).
 *
 * The table yields the enum, the names used in the [keys] config section,
 * the default keys and the help text; key dispatch, the '?' screen and the
 * man page's key list (catchup --list-keys=roff) all come from it.
 *
 * Scopes: a key is looked up first in the scope of the view in front
 * (reader or list), then in the global scope; so '1' opens link 1 in the
 * reader and switches to the first pane elsewhere. */
#ifndef CATCHUP_UI_ACTIONS_H
#define CATCHUP_UI_ACTIONS_H

#include <stdio.h>

#include "catchup/config.h"
#include "catchup/util.h"
#include "panes.h"

enum scope { SCOPE_GLOBAL, SCOPE_LIST, SCOPE_READER, SCOPE_COUNT };

/* _(ID, name, scope, default keys, help); the panes' entries come from
 * panes.h */
#define ACTIONS(_)                                                                           \
    _(PANE_NEXT, "next-pane", SCOPE_GLOBAL, "Tab", "Switch to the next pane")                \
    _(PANE_PREV, "prev-pane", SCOPE_GLOBAL, "S-Tab", "Switch to the previous pane")          \
    PANES(PANE_ACTION, _)                                                                    \
    _(MOVE_DOWN, "move-down", SCOPE_GLOBAL, "j Down", "Move down one line")                  \
    _(MOVE_UP, "move-up", SCOPE_GLOBAL, "k Up", "Move up one line")                          \
    _(PAGE_DOWN, "page-down", SCOPE_GLOBAL, "PgDn C-f Space", "Move down one page")          \
    _(PAGE_UP, "page-up", SCOPE_GLOBAL, "PgUp C-b", "Move up one page")                      \
    _(MOVE_FIRST, "move-first", SCOPE_GLOBAL, "g Home", "Go to the first line")              \
    _(MOVE_LAST, "move-last", SCOPE_GLOBAL, "G End", "Go to the last line")                  \
    _(ENTER, "enter", SCOPE_GLOBAL, "Enter", "Open the selected item")                       \
    _(BACK, "back", SCOPE_GLOBAL, "q", "Go back; quit from a pane")                          \
    _(CLOSE, "close", SCOPE_GLOBAL, "Esc", "Close the view in front (never quits)")          \
    _(QUIT, "quit", SCOPE_GLOBAL, "Q", "Quit at once")                                       \
    _(REFRESH, "refresh", SCOPE_GLOBAL, "r", "Refresh every source in the background")       \
    _(SEARCH, "search", SCOPE_GLOBAL, "/", "Search")                                         \
    _(SEARCH_NEXT, "search-next", SCOPE_GLOBAL, "n", "Go to the next search hit")            \
    _(SEARCH_PREV, "search-prev", SCOPE_GLOBAL, "N", "Go to the previous search hit")        \
    _(OPEN, "open", SCOPE_GLOBAL, "o",                                                       \
      "Open in the browser (upcoming meeting: add an agenda item)")                          \
    _(MARK_UNREAD, "mark-unread", SCOPE_GLOBAL, "u", "Mark the post unread again (or read)") \
    _(OPEN_SLACK, "open-slack", SCOPE_GLOBAL, "s",                                           \
      "Open the Slack channel (the post's, else the group's)")                               \
    _(LINKS, "links", SCOPE_GLOBAL, "l", "List the numbered links of what is shown")         \
    _(SWITCH_GROUP, "switch-group", SCOPE_GLOBAL, "w", "Switch to another working group")    \
    _(SHOW_ERRORS, "show-errors", SCOPE_GLOBAL, "!", "Show why the last refresh failed")     \
    _(WHATS_NEW, "whats-new", SCOPE_GLOBAL, "W", "List what changed since your last visit")  \
    _(HELP, "help", SCOPE_GLOBAL, "?", "Show every key")                                     \
    _(REDRAW, "redraw", SCOPE_GLOBAL, "C-l", "Redraw the screen")                            \
    _(TOGGLE_DONE, "toggle-done", SCOPE_LIST, "a", "Show or hide closed and Done items")     \
    _(TOGGLE_MENTIONS, "toggle-mentions", SCOPE_LIST, "m",                                   \
      "Show every post's events, or 8 weeks'")                                               \
    _(OPEN_RECORDING, "open-recording", SCOPE_READER, "v", "Open the post's recording")      \
    _(OPEN_ISSUE, "open-issue", SCOPE_READER, "i", "Open the issue the post mentions")       \
    _(LINK_1, "open-link-1", SCOPE_READER, "1", "Open link 1")                               \
    _(LINK_2, "open-link-2", SCOPE_READER, "2", "Open link 2")                               \
    _(LINK_3, "open-link-3", SCOPE_READER, "3", "Open link 3")                               \
    _(LINK_4, "open-link-4", SCOPE_READER, "4", "Open link 4")                               \
    _(LINK_5, "open-link-5", SCOPE_READER, "5", "Open link 5")                               \
    _(LINK_6, "open-link-6", SCOPE_READER, "6", "Open link 6")                               \
    _(LINK_7, "open-link-7", SCOPE_READER, "7", "Open link 7")                               \
    _(LINK_8, "open-link-8", SCOPE_READER, "8", "Open link 8")                               \
    _(LINK_9, "open-link-9", SCOPE_READER, "9", "Open link 9")

enum action {
    ACT_NONE = 0,
#define ACTION_ENUM(id, name, scope, keys, help) ACT_##id,
    ACTIONS(ACTION_ENUM)
#undef ACTION_ENUM
        ACT_COUNT
};

struct action_info {
    const char *name;
    enum scope scope;
    const char *default_keys;
    const char *help;
};

const struct action_info *action_info(enum action a);
enum action action_by_name(const char *name);

/* Parses a key name ("j", "C-r", "Enter", "S-Tab", "PgDn", "F5", "Space")
 * into a curses key code; -1 when unknown. */
int key_parse(const char *name);
/* The display name of a key code, e.g. "C-r" (static storage). */
const char *key_name(int key);

/* Builds the keymap from the defaults and the config's [keys] section.
 * A binding replaces all default keys of its action.  Returns -1 with e =
 * "FILE:LINE: ..." for an unknown action or key name, an action left
 * without a key, more than 6 keys, or a key that two actions would share
 * (in one scope, or a reader or list key hiding a global one). */
int keymap_init(const struct config *c, struct cu_err *e);
/* The first key in effect for an action, e.g. "q": what hints name (valid
 * until the next keymap_init; one buffer per action). */
const char *keymap_first(enum action a);
/* The action for key in scope (falling back to the global scope). */
enum action keymap_lookup(enum scope scope, int key);
/* The keys in effect for an action, e.g. "j, Down" (static storage). */
const char *keymap_keys(enum action a);

/* Prints the action table: format "roff" (default keys, for the man page)
 * or "text" (keys in effect). */
void actions_print(FILE *fp, const char *format);

#endif
