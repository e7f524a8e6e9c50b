/* store_int.h: what the cache's modules share (store.c, store_board.c,
 * store_events.c); nothing outside them includes it. */
#ifndef CATCHUP_STORE_INT_H
#define CATCHUP_STORE_INT_H

#include <sqlite3.h>

#include "catchup/store.h"

/* The SQLite handle (the cache's modules, and tests that inject faults). */
sqlite3 *store_handle(struct store *s);
/* Turns the handle's last SQLite failure into a message a user can act on
 * (a damaged cache names --reset-cache; a full disk says so).  Returns -1. */
int store_fail(struct store *s, struct cu_err *e, const char *what);
/* A one-shot statement (finalize it, or pass it to store_run). */
sqlite3_stmt *store_prepare(struct store *s, const char *sql, const char *what, struct cu_err *e);
/* Steps a statement that returns no rows, then finalizes it. */
int store_run(struct store *s, sqlite3_stmt *st, const char *what, struct cu_err *e);
/* Binds text, or NULL for a NULL pointer. */
void store_bind_text(sqlite3_stmt *st, int i, const char *v);
/* A column's text (caller frees), or NULL. */
char *store_col_text(sqlite3_stmt *st, int i);

#endif
