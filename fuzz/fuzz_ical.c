/* fuzz_ical.c: libFuzzer entry for fuzz_ical (see targets.h). */
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_ical(data, size);
    return 0;
}
