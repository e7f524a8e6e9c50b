/* cli_board.c: catchup board. */
#include <stdio.h>

#include "cli.h"

int cli_board(struct app *a)
{
    (void)a;
    fprintf(stderr, "catchup: board is being built\n");
    return CU_EXIT_FAIL;
}
