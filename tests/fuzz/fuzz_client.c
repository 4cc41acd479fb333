/* fuzz_client: the whole client endpoint, after its ClientHello, fed
 * arbitrary bytes as if from a server (see fuzz_endpoint.h). */
#include "fuzz_endpoint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_endpoint_run(TS_ROLE_CLIENT, data, size);
}
