/* fuzz_issues.c: libFuzzer entry for fuzz_issues (see targets.h). */
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_issues(data, size);
    return 0;
}
