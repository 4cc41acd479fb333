/* fuzz_mtls_client: the whole client endpoint, holding a client
 * certificate (mutual TLS), fed arbitrary bytes as if from a server: the
 * server's CertificateRequest (TLS 1.2 and 1.3) is parsed and answered with
 * the client's Certificate and CertificateVerify (see fuzz_endpoint.h for
 * the input format). */
#include "fuzz_endpoint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_endpoint_run_mtls(TS_ROLE_CLIENT, data, size, true);
}
