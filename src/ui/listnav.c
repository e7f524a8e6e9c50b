/* listnav.c: cursor and scrolling arithmetic shared by every list view. */
#include "uiint.h"

void listnav_clamp(struct listnav *n, int height)
{
    if (height < 1)
        height = 1;
    if (n->sel >= n->count)
        n->sel = n->count - 1;
    if (n->sel < 0)
        n->sel = 0;
    if (n->top > n->sel)
        n->top = n->sel;
    if (n->sel >= n->top + height)
        n->top = n->sel - height + 1;
    if (n->top > n->count - height)
        n->top = n->count - height;
    if (n->top < 0)
        n->top = 0;
}

bool listnav_action(struct listnav *n, enum action a, int height)
{
    switch (a) {
    case ACT_MOVE_DOWN: n->sel++; break;
    case ACT_MOVE_UP: n->sel--; break;
    case ACT_PAGE_DOWN:
        n->sel += height > 1 ? height - 1 : 1;
        n->top += height > 1 ? height - 1 : 1;
        break;
    case ACT_PAGE_UP:
        n->sel -= height > 1 ? height - 1 : 1;
        n->top -= height > 1 ? height - 1 : 1;
        break;
    case ACT_MOVE_FIRST: n->sel = 0; break;
    case ACT_MOVE_LAST: n->sel = n->count - 1; break;
    default: return false;
    }
    listnav_clamp(n, height);
    return true;
}

void listnav_click(struct listnav *n, int row, int height)
{
    if (row >= 0 && n->top + row < n->count)
        n->sel = n->top + row;
    listnav_clamp(n, height);
}
