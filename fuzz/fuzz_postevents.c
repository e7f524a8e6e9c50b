/* fuzz_postevents.c: libFuzzer entry for fuzz_postevents (see targets.h). */
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_postevents(data, size);
    return 0;
}
