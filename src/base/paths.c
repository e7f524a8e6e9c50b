/* paths.c: see paths.h. */
#include "catchup/paths.h"

#include <stdlib.h>

#include "catchup/util.h"

/* $XDG_VAR/catchup/REL, else $HOME/FALLBACK/catchup/REL. */
static char *xdg_path(const char *var, const char *fallback, const char *rel)
{
    const char *xdg = getenv(var);
    const char *home = getenv("HOME");
    if (xdg && *xdg)
        return xasprintf("%s/catchup/%s", xdg, rel);
    if (home && *home)
        return xasprintf("%s/%s/catchup/%s", home, fallback, rel);
    return NULL;
}

char *paths_config(const char *rel)
{
    return xdg_path("XDG_CONFIG_HOME", ".config", rel);
}

char *paths_cache(const char *rel)
{
    return xdg_path("XDG_CACHE_HOME", ".cache", rel);
}

char *expand_home(const char *path)
{
    const char *home = getenv("HOME");
    if (path[0] == '~' && (path[1] == '/' || !path[1]) && home && *home)
        return xasprintf("%s%s", home, path + 1);
    return xstrdup(path);
}
