/* store_fixture.h: a cmocka fixture giving each test a fresh cache in a
 * temporary directory (store_setup), removed with its WAL files afterwards
 * (store_teardown).  For unit tests that store and read back. */
#ifndef CATCHUP_TEST_STORE_FIXTURE_H
#define CATCHUP_TEST_STORE_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "catchup/store.h"
#include "catchup/util.h"

struct fixture {
    char dir[64];
    char *path;
    struct store *s;
};

static int store_setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof(*f));
    snprintf(f->dir, sizeof(f->dir), "/tmp/catchup-unit-XXXXXX");
    if (!mkdtemp(f->dir)) {
        free(f);
        return -1;
    }
    f->path = xasprintf("%s/cache.db", f->dir);
    struct cu_err e;
    if (store_open(f->path, STORE_RW, &f->s, &e) < 0) {
        fprintf(stderr, "store_open: %s\n", e.msg);
        return -1;
    }
    *state = f;
    return 0;
}

static int store_teardown(void **state)
{
    struct fixture *f = *state;
    store_close(f->s);
    static const char *const side[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < 3; i++) {
        char *p = xasprintf("%s%s", f->path, side[i]);
        unlink(p);
        free(p);
    }
    rmdir(f->dir);
    free(f->path);
    free(f);
    return 0;
}

#endif
