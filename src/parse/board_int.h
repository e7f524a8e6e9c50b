/* board_int.h: what board.c (the model) and board_json.c (GitHub's
 * answers) share. */
#ifndef CATCHUP_BOARD_INT_H
#define CATCHUP_BOARD_INT_H

#include <stdbool.h>
#include <stddef.h>

/* Longer titles, labels and names than GitHub allows are cut: a hostile
 * answer cannot make one row of the cache huge. */
enum { MAX_TITLE = 1024, MAX_NAME = 256, MAX_LIST = 50, MAX_ID = 128, MAX_URL = 2048 };
/* GitHub caps a draft's body at 65536 characters; four bytes each at most. */
enum { MAX_BODY = 4 * 65536 };

/* A GitHub owner or repository name: [A-Za-z0-9._-], 1 to 100 bytes, not
 * "." or "..". */
bool board_github_name(const char *s, size_t n);

#endif
