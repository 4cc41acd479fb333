/* fuzz_server: the whole server endpoint fed arbitrary bytes as if from a
 * client (see fuzz_endpoint.h for the input format). */
#include "fuzz_endpoint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_endpoint_run(TS_ROLE_SERVER, data, size);
}
