/* fuzz_der: the DER reader (every TLV, recursively, and each typed reader
 * on it), and the RSA key readers built on it (PKCS#1, PKCS#8, SPKI). */
#include "fuzz_util.h"

#include "base/ts_buf.h"
#include "crypto/ts_der.h"
#include "crypto/ts_rsa.h"

static void walk(ts_buf *b, int depth)
{
    while (ts_buf_remaining(b) > 0) {
        uint8_t tag;
        ts_buf content, whole;
        if (ts_der_read_any(b, &tag, &content, &whole) != TS_OK) {
            return;
        }
        FUZZ_ASSERT(ts_buf_remaining(&whole) >= ts_buf_remaining(&content) + 2);
        ts_buf copy = whole;
        ts_buf mag;
        uint64_t small;
        (void)ts_der_read_uint(&copy, &mag);
        copy = whole;
        (void)ts_der_read_small(&copy, &small);
        copy = whole;
        (void)ts_der_read_oid(&copy, &mag);
        copy = whole;
        (void)ts_der_read_bits(&copy, &mag);
        if ((tag & 0x20) != 0 && depth < 32) {
            walk(&content, depth + 1);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_init();
    ts_buf b;
    ts_buf_view(&b, data, size);
    walk(&b, 0);
    ts_rsa_key *k = NULL;
    if (ts_rsa_from_private_der(data, size, &k) == TS_OK) {
        FUZZ_ASSERT(ts_rsa_is_private(k));
        ts_rsa_free(k);
    }
    k = NULL;
    if (ts_rsa_from_spki_der(data, size, &k) == TS_OK) {
        ts_rsa_free(k);
    }
    return 0;
}
