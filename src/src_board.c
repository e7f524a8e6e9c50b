/* src_board.c: the board source. */
#include "source.h"

static bool wanted(const struct group *g)
{
    (void)g;
    return false;
}

const struct source_ops source_board = {
    .name = "board",
    .wanted = wanted,
};
