/* schema_board.h: the board's tables (migration 1 -> 2), owned by the
 * board source (src_board.c, store_board.c).
 *
 * board_items: per group, every item of the group's project board and every
 *   GitHub issue or pull request its posts link to, one row each, keyed
 *   "owner/repo#N" (lower case) or "draft:ITEM_ID".  on_board says the last
 *   board read listed it; source says where its fields last came from
 *   ('graphql' = the board, 'rest' = GET .../issues/N).  labels and
 *   assignees are JSON arrays of strings.  prev_status/prev_state are the
 *   values before the last change and changed_at when it happened (a
 *   "what's new since your last visit" reads them: "In Progress -> Done");
 *   first_seen is when the row appeared; checked_at when GitHub's issues
 *   endpoint last answered for it (200 or 304).
 * board_mentions: which post links to which issue (from the posts stored in
 *   the same refresh), for "Mentioned in" and for what to ask next time.
 * board_sync: how the group's board was last read: which board, its title
 *   and URL, pages, the last page's endCursor, totalCount, when.
 * ETags of the issue requests live in the shared etags table. */
#ifndef CATCHUP_SCHEMA_BOARD_H
#define CATCHUP_SCHEMA_BOARD_H

#define SCHEMA_BOARD                                                                    \
    "CREATE TABLE board_items ("                                                        \
    "  grp TEXT NOT NULL, key TEXT NOT NULL,"                                           \
    "  kind TEXT NOT NULL CHECK (kind IN ('issue', 'pr', 'draft')),"                    \
    "  repo TEXT, number INTEGER, title TEXT NOT NULL, body TEXT, url TEXT,"            \
    "  state TEXT NOT NULL, status TEXT,"                                               \
    "  labels TEXT NOT NULL DEFAULT '[]', assignees TEXT NOT NULL DEFAULT '[]',"        \
    "  updated TEXT, on_board INTEGER NOT NULL DEFAULT 0, position INTEGER,"            \
    "  source TEXT NOT NULL CHECK (source IN ('graphql', 'rest')),"                     \
    "  prev_status TEXT, prev_state TEXT,"                                              \
    "  first_seen INTEGER NOT NULL, changed_at INTEGER NOT NULL, checked_at INTEGER,"   \
    "  PRIMARY KEY (grp, key));"                                                        \
    "CREATE TABLE board_mentions ("                                                     \
    "  grp TEXT NOT NULL, key TEXT NOT NULL, post_id TEXT NOT NULL, url TEXT NOT NULL," \
    "  PRIMARY KEY (grp, key, post_id));"                                               \
    "CREATE INDEX board_mentions_post ON board_mentions (grp, post_id);"                \
    "CREATE TABLE board_sync ("                                                         \
    "  grp TEXT PRIMARY KEY, board TEXT NOT NULL, title TEXT, url TEXT,"                \
    "  pages INTEGER NOT NULL, end_cursor TEXT, total INTEGER, fetched_at INTEGER NOT NULL);"

/* Migration 7 -> 8.  board_gone: the linked issues GitHub's issues endpoint
 *   answered 404 or 410 for, and when; token says whether that request
 *   carried a token (a token may see what an anonymous request does not).
 *   They are asked again only after a week; a row goes when no post links
 *   to its key any more. */
#define SCHEMA_BOARD_GONE                                    \
    "CREATE TABLE board_gone ("                              \
    "  grp TEXT NOT NULL, key TEXT NOT NULL,"                \
    "  checked_at INTEGER NOT NULL, token INTEGER NOT NULL," \
    "  PRIMARY KEY (grp, key));"

#endif
