/* inifile.c: see inifile.h. */
#include "catchup/inifile.h"

#include <ini.h>
#include <string.h>

char *ini_file_read_line(struct ini_file *f, char *str, int num, char **start)
{
    if (!fgets(str, num, f->fp))
        return NULL;
    f->line++;
    f->too_long = false;
    size_t n = strlen(str);
    if (n == (size_t)num - 1 && str[n - 1] != '\n') {
        f->too_long = true;
        if (!f->long_line)
            f->long_line = f->line;
        int ch;
        while ((ch = fgetc(f->fp)) != EOF && ch != '\n')
            ;
        str[0] = '\0';
    }
    if (start) {
        char *p = str;
        if (f->line == 1 && !memcmp(p, "\xEF\xBB\xBF", 3))
            p += 3;
        *start = p + strspn(p, " \t");
    }
    return str;
}

int ini_file_parse(ini_file_reader reader, void *stream, ini_file_handler handler, void *user,
                   int max_line)
{
    /* Debian's libinih takes the longest line at run time (a buffer on the
     * stack); set for this parse only. */
    int old_max = ini_max_line;
    if (max_line > 0)
        ini_max_line = max_line;
    int rc = ini_parse_stream(reader, stream, handler, user);
    ini_max_line = old_max;
    return rc;
}
