/* cli_agenda.c: catchup agenda. */
#include <stdio.h>

#include "cli.h"

int cli_agenda(struct app *a)
{
    (void)a;
    fprintf(stderr, "catchup: agenda is being built\n");
    return CU_EXIT_FAIL;
}
