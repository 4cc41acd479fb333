/* fuzz_x509: the X.509 v3 certificate parser, and on what it accepts, the
 * checks the client makes (signature with the certificate's own key, host
 * name, the chain against itself as the anchor). */
#include "fuzz_util.h"

#include "crypto/ts_x509.h"
#include "crypto/ts_x509_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_init();
    ts_cert c;
    if (ts_x509_parse(data, size, &c) != TS_OK) {
        ts_x509_free(&c);
        return 0;
    }
    if (c.pub != NULL) {
        (void)ts_x509_verify_signature(&c, c.pub, false);
        (void)ts_x509_verify_signature(&c, c.pub, true);
    }
    (void)ts_x509_names_host(&c, "localhost");
    const char *why = NULL;
    (void)ts_x509_verify_chain(&c, &c, "localhost", (ts_time)1767225600, false, &why);
    ts_buf pem;
    ts_buf_init(&pem);
    (void)ts_x509_to_pem(data, size, &pem);
    ts_buf_free(&pem);
    ts_x509_free(&c);
    return 0;
}
