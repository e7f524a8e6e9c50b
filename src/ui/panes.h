/* panes.h: the TUI's panes, in one list.  The tab bar, the pane actions and
 * their default keys (so the help and the man page's key list), the
 * constructors' declarations and ui->panes all come from it; code reaches a
 * pane by its name (PANE_BOARD), never by its place.  A new pane is its
 * view_NAME.c and one line here.
 *
 * X(arg, ID, title on the tab, action name, default key, constructor) */
#ifndef CATCHUP_UI_PANES_H
#define CATCHUP_UI_PANES_H

#define PANES(X, arg)                                             \
    X(arg, POSTS, "Posts", "pane-posts", "1", posts_pane_new)     \
    X(arg, BOARD, "Board", "pane-board", "2", board_pane_new)     \
    X(arg, EVENTS, "Events", "pane-events", "3", events_pane_new) \
    X(arg, START, "Start here", "pane-start", "4", start_pane_new)

enum pane {
#define PANE_ENUM(arg, id, title, name, key, ctor) PANE_##id,
    PANES(PANE_ENUM, )
#undef PANE_ENUM
        NPANES
};

/* A pane as an entry of the action table (actions.h). */
#define PANE_ACTION(_, id, title, name, key, ctor) \
    _(PANE_##id, name, SCOPE_GLOBAL, key, "Show the " title " pane")

#endif
