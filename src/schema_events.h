/* schema_events.h: the events' tables (migration 2 -> 3), owned by the
 * events source (src_events.c, store_events.c). */
#ifndef CATCHUP_SCHEMA_EVENTS_H
#define CATCHUP_SCHEMA_EVENTS_H

#define SCHEMA_EVENTS "CREATE TABLE events_placeholder (x INTEGER);"

#endif
