/* view_board.c: the Board pane. */
#define _GNU_SOURCE
#include "ui/uiint.h"

struct view *board_pane_new(struct ui *ui)
{
    const struct group *g = ui->group;
    return soon_new("The group's open initiatives from its GitHub project board will appear here.",
                    g->board_org ? xasprintf("config: board = github:%s/projects/%d", g->board_org,
                                             g->board_number)
                                 : xstrdup("config: board = github:ORG/projects/N"));
}
