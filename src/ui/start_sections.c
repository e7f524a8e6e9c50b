/* start_sections.c: the Start here pane's sections that come from the
 * events and the board. */
#include "ui/start.h"

void start_next_meeting(struct ui *ui, struct buf *b)
{
    (void)ui;
    (void)b;
}

void start_help_wanted(struct ui *ui, struct buf *b)
{
    (void)ui;
    (void)b;
}
