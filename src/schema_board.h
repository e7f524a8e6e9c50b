/* schema_board.h: the board's tables (migration 1 -> 2), owned by the
 * board source (src_board.c, store_board.c). */
#ifndef CATCHUP_SCHEMA_BOARD_H
#define CATCHUP_SCHEMA_BOARD_H

#define SCHEMA_BOARD "CREATE TABLE board_placeholder (x INTEGER);"

#endif
