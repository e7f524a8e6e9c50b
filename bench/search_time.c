/* search_time.c: times search_run() in process on a cache, so the search
 * figure is the query's own cost, without process start-up.
 * Usage: search_time CACHE GROUP RUNS QUERY...; prints per query:
 * QUERY<TAB>median_ms<TAB>min_ms<TAB>max_ms<TAB>hits */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catchup/search.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: search_time CACHE GROUP RUNS QUERY...\n");
        return 2;
    }
    struct store *s;
    struct cu_err e;
    if (store_open(argv[1], STORE_RO, &s, &e) < 0) {
        fprintf(stderr, "search_time: %s\n", e.msg);
        return 1;
    }
    int runs = atoi(argv[3]);
    if (runs < 1)
        runs = 1;
    double *t = calloc((size_t)runs, sizeof(*t));
    for (int q = 4; q < argc; q++) {
        size_t n = 0;
        for (int i = 0; i < runs; i++) {
            struct search_hit *hits;
            double t0 = now_ms();
            if (search_run(s, argv[2], argv[q], 0, 50, &hits, &n, NULL, NULL, &e) < 0) {
                fprintf(stderr, "search_time: %s\n", e.msg);
                return 1;
            }
            t[i] = now_ms() - t0;
            search_hits_free(hits, n);
        }
        qsort(t, (size_t)runs, sizeof(*t), cmp);
        printf("%s\t%.3f\t%.3f\t%.3f\t%zu\n", argv[q], t[runs / 2], t[0], t[runs - 1], n);
    }
    free(t);
    store_close(s);
    return 0;
}
