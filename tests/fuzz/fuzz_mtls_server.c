/* fuzz_mtls_server: the whole server endpoint, requiring a client
 * certificate (mutual TLS), fed arbitrary bytes as if from a client: the
 * client's Certificate and CertificateVerify are parsed and checked (see
 * fuzz_endpoint.h for the input format). */
#include "fuzz_endpoint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_endpoint_run_mtls(TS_ROLE_SERVER, data, size, true);
}
