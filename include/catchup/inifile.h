/* inifile.h: INI files read through inih, for the config and the themes:
 * one place counts lines (for "FILE:LINE: ..." messages), skips a byte
 * order mark and deals with over-long lines. */
#ifndef CATCHUP_INIFILE_H
#define CATCHUP_INIFILE_H

#include <stdbool.h>
#include <stdio.h>

struct ini_file {
    FILE *fp;
    int line;      /* the line last read, from 1 */
    bool too_long; /* the line last read was over the limit (and is skipped) */
    int long_line; /* the first such line, 0 = none */
};

/* Reads the next line into str (num bytes), as an inih reader does: counts
 * it; a line that does not fit is read to its end and given as empty, with
 * too_long set.  *start (when start is not NULL) is where its text begins:
 * after a byte order mark on line 1, and blanks.  NULL at the end. */
char *ini_file_read_line(struct ini_file *f, char *str, int num, char **start);

/* inih's reader and handler, as inih declares them. */
typedef char *(*ini_file_reader)(char *str, int num, void *stream);
typedef int (*ini_file_handler)(void *user, const char *section, const char *name,
                                const char *value);
/* Parses with inih; reader reads through ini_file_read_line.  max_line is
 * the longest line in bytes (0: inih's own).  Returns inih's result: 0, the
 * first line it could not parse, or -1. */
int ini_file_parse(ini_file_reader reader, void *stream, ini_file_handler handler, void *user,
                   int max_line);

#endif
