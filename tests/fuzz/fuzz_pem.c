/* fuzz_pem: PEM input (the calculator's --key/--cert files): every block in
 * turn with ts_pem_read, ts_pem_decode of each label tlsstep reads, and the
 * RSA key and certificate readers on top of it. */
#include "fuzz_util.h"

#include "base/ts_buf.h"
#include "crypto/ts_pem.h"
#include "crypto/ts_rsa.h"
#include "crypto/ts_x509.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_init();
    static const char *const labels[] = {"CERTIFICATE", "RSA PRIVATE KEY", "PRIVATE KEY",
                                         "PUBLIC KEY", "RSA PUBLIC KEY"};
    const size_t n_labels = sizeof(labels) / sizeof(labels[0]);
    char *text = fuzz_cstr(data, size);
    size_t pos = 0;
    for (int guard = 0; guard < 64; guard++) {
        ts_buf out;
        ts_buf_init(&out);
        size_t which = n_labels;
        size_t before = pos;
        ts_err err = ts_pem_read(text, size, &pos, labels, n_labels, &which, &out);
        ts_buf_free(&out);
        if (err != TS_OK) {
            break;
        }
        FUZZ_ASSERT(which < n_labels && pos > before && pos <= size);
    }
    for (size_t i = 0; i < n_labels; i++) {
        ts_buf out;
        ts_buf_init(&out);
        (void)ts_pem_decode(text, size, labels[i], &out);
        ts_buf_free(&out);
    }
    ts_rsa_key *key = NULL;
    if (ts_rsa_from_pem(text, &key) == TS_OK) {
        ts_rsa_free(key);
    }
    ts_buf der;
    ts_buf_init(&der);
    (void)ts_x509_from_pem(text, size, &der);
    ts_buf_free(&der);
    free(text);
    return 0;
}
