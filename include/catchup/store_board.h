/* store_board.h: the board's part of the cache (tables in schema_board.h),
 * beside the posts' tables in the same cache.
 *
 * Writers are called by the board source inside the refresh's transaction
 * and never begin or commit one themselves.  Every function returns 0 on
 * success and -1 with e set on failure (e may be NULL), unless its comment
 * says otherwise; on failure outputs are untouched.  Returned arrays and
 * strings belong to the caller (free with the matching _free). */
#ifndef CATCHUP_STORE_BOARD_H
#define CATCHUP_STORE_BOARD_H

#include "catchup/board.h"
#include "catchup/store.h"

/* Which rows a listing returns. */
enum board_list {
    BOARD_LIST_ALL,   /* every row of the group */
    BOARD_LIST_BOARD, /* the items the last board read listed */
    BOARD_LIST_LINKED /* the issues and pull requests the group's posts link to */
};

/* Rows of group grp in board order (position, then key), with their
 * mention counts. */
int store_board_items(struct store *s, const char *grp, enum board_list which,
                      struct board_item **v, size_t *n, struct cu_err *e);
int store_board_count(struct store *s, const char *grp, enum board_list which, long *n,
                      struct cu_err *e);
/* Rows of group grp new (first_seen) or changed (changed_at) after since,
 * the latest change first ("what's new"), with only key, repo, number,
 * title, state, status, prev_status, prev_state, first_seen and changed_at
 * set (title and state never NULL: the schema says so). */
int store_board_changed(struct store *s, const char *grp, time_t since, struct board_item **v,
                        size_t *n, struct cu_err *e);
/* One row by key: 1 when found (out filled), 0 when not, -1 on error. */
int store_board_item(struct store *s, const char *grp, const char *key, struct board_item *out,
                     struct cu_err *e);
/* The cached state ("open", "closed", "merged", "draft") of an issue or pull
 * request by key ("owner/repo#N", any case), or NULL when the cache has
 * none (or cannot be read: a badge is never worth an error).  Caller frees. */
char *store_board_state(struct store *s, const char *grp, const char *key);

struct board_mention {
    char *post_id;
    char *title; /* the post's, or NULL when it is gone */
    char *date;  /* the post's, or NULL */
    char *url;   /* the link as the post wrote it */
};
/* The posts that link to key, newest first (the Posts pane's order). */
int store_board_mentions(struct store *s, const char *grp, const char *key,
                         struct board_mention **v, size_t *n, struct cu_err *e);
void board_mentions_free(struct board_mention *v, size_t n);

/* Calls cb for every cached post of grp with its Markdown body. */
typedef void (*store_board_post_cb)(const char *post_id, const char *body, void *arg);
int store_board_each_post(struct store *s, const char *grp, store_board_post_cb cb, void *arg,
                          struct cu_err *e);

/* ---- writers (inside the refresh's transaction) --------------------------- */

/* Stores an item read from the board (it->on_board): every field is
 * replaced.  A new row gets first_seen = changed_at = now; a row whose Status
 * or state changes keeps the old values in prev_status/prev_state with
 * changed_at = now; a row that would not change is not written. */
int store_board_put_board(struct store *s, const char *grp, const struct board_item *it, time_t now,
                          struct cu_err *e);
/* Stores an issue or pull request read through the REST API: its own
 * fields are replaced, checked_at = now; the board's (Status, on_board,
 * position, a draft's body) are kept.  Same change tracking. */
int store_board_put_issue(struct store *s, const char *grp, const struct board_item *it, time_t now,
                          struct cu_err *e);
/* After a complete board read: rows marked on the board whose key is not in
 * keys leave it (on_board = 0, Status cleared and tracked as a change). */
int store_board_unboard_except(struct store *s, const char *grp, const struct strv *keys,
                               time_t now, struct cu_err *e);
/* The issues endpoint answered 304 for key: checked_at = now. */
int store_board_checked(struct store *s, const char *grp, const char *key, time_t now,
                        struct cu_err *e);
int store_board_delete(struct store *s, const char *grp, const char *key, struct cu_err *e);

struct board_link {
    char *key, *post_id, *url;
};
/* Replaces the group's mentions with links[0..n). */
int store_board_set_mentions(struct store *s, const char *grp, const struct board_link *links,
                             size_t n, struct cu_err *e);
/* Deletes rows neither on the board nor linked from a post; their keys are
 * appended to gone (for the caller's ETag clean-up). */
int store_board_prune(struct store *s, const char *grp, struct strv *gone, struct cu_err *e);

/* Linked issues the issues endpoint did not find (board_gone). */
struct board_gone {
    char *key;
    time_t checked_at;
    bool token; /* the request carried a token */
};
int store_board_gone(struct store *s, const char *grp, struct board_gone **v, size_t *n,
                     struct cu_err *e);
void board_gone_free(struct board_gone *v, size_t n);
/* Remembers that key was not found at now. */
int store_board_gone_put(struct store *s, const char *grp, const char *key, time_t now, bool token,
                         struct cu_err *e);
/* Forgets key (found after all), or, with key NULL, every key no post of
 * grp links to any more. */
int store_board_gone_delete(struct store *s, const char *grp, const char *key, struct cu_err *e);

/* How the board was last read. */
struct board_sync {
    char *board; /* "cncf/projects/38" */
    char *title, *url;
    long pages, total;
    char *end_cursor;
    time_t fetched_at;
};
/* Returns 1 when known (out filled), 0 when never read or on error. */
int store_board_sync_get(struct store *s, const char *grp, struct board_sync *out);
int store_board_sync_put(struct store *s, const char *grp, const struct board_sync *in,
                         struct cu_err *e);
void board_sync_free(struct board_sync *b);

#endif
