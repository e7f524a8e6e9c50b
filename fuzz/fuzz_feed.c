/* fuzz_feed.c: libFuzzer entry for fuzz_feed (see targets.h). */
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_feed(data, size);
    return 0;
}
