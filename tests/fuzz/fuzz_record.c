/* fuzz_record: the record layer. The first input byte picks a protection
 * state (plaintext, or one suite's cipher with fixed keys); the rest is a
 * byte stream cut into records with ts_record_next, each opened with that
 * state (sequence numbers advance as on a connection). Then the same bytes
 * are sealed and opened again as application data: the round trip must
 * give them back, and one flipped bit must make the open fail. */
#include "fuzz_util.h"

#include "base/ts_buf.h"
#include "crypto/ts_secret.h"
#include "crypto/ts_suite.h"
#include "tls/ts_record.h"

static const uint8_t key[32] = {
    0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
    0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11};
static const uint8_t iv[12] = {0x22, 0x22, 0x22, 0x22, 0x22, 0x22,
                               0x22, 0x22, 0x22, 0x22, 0x22, 0x22};
static const uint8_t mac_key[32] = {
    0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33,
    0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33};

/* Plaintext (NULL) or suite id's state; false when the suite cannot run. */
static int make_state(uint8_t sel, ts_record_state *s)
{
    ts_record_state_init_plain(s);
    unsigned pick = sel % (TS_SUITE_COUNT + 1);
    if (pick == TS_SUITE_COUNT) {
        return 1;
    }
    const ts_suite *suite = ts_suite_get((ts_suite_id)pick);
    if (!ts_suite_usable(suite)) {
        return 0;
    }
    FUZZ_ASSERT(ts_record_state_init(s, suite, key, iv, mac_key) == TS_OK);
    return 1;
}

static void round_trip(uint8_t sel, const uint8_t *data, size_t n)
{
    ts_record_state w, r;
    if (!make_state(sel, &w) || !make_state(sel, &r)) {
        return;
    }
    size_t max_fragment = 16 + (size_t)sel * 64;
    ts_buf wire, plain;
    ts_buf_init(&wire);
    ts_buf_init(&plain);
    FUZZ_ASSERT(ts_record_seal_all(&w, TS_CT_APPLICATION_DATA, TS_VERSION_TLS12, data, n,
                                   max_fragment, &wire) == TS_OK);
    int flipped = 0;
    if (w.suite != NULL && wire.len > 0) {
        /* flip one bit of the last record: its open must fail */
        wire.data[wire.len - 1 - (sel % 8 < wire.len ? sel % 8 : 0)] ^= 0x04;
        flipped = 1;
    }
    ts_err err = TS_OK;
    while (err == TS_OK && ts_buf_remaining(&wire) > 0) {
        ts_record rec;
        FUZZ_ASSERT(ts_record_next(&wire, &rec) == TS_OK);
        FUZZ_ASSERT(rec.type == TS_CT_APPLICATION_DATA && rec.version == TS_VERSION_TLS12);
        err = ts_record_open(&r, &rec, &plain, NULL);
    }
    if (flipped) {
        FUZZ_ASSERT(err == TS_ERR_DECRYPT || err == TS_ERR_RECORD || err == TS_ERR_RECORD_OVERFLOW);
        FUZZ_ASSERT(plain.len <= n && (plain.len == 0 || memcmp(plain.data, data, plain.len) == 0));
    } else {
        FUZZ_ASSERT(err == TS_OK && plain.len == n);
        FUZZ_ASSERT(n == 0 || memcmp(plain.data, data, n) == 0);
    }
    ts_buf_free(&wire);
    ts_secret_free_buf(&plain);
    ts_record_state_wipe(&w);
    ts_record_state_wipe(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_init();
    if (size < 1) {
        return 0;
    }
    ts_record_state st;
    if (!make_state(data[0], &st)) {
        return 0;
    }
    ts_buf in;
    ts_buf_view(&in, data + 1, size - 1);
    for (;;) {
        ts_record peek;
        ts_err perr = ts_record_parse_header(&in, &peek);
        size_t before = ts_buf_remaining(&in);
        ts_record rec;
        ts_err err = ts_record_next(&in, &rec);
        FUZZ_ASSERT(err == perr);
        if (err != TS_OK) {
            FUZZ_ASSERT(ts_buf_remaining(&in) == before);
            break;
        }
        FUZZ_ASSERT(rec.total_len == TS_RECORD_HEADER_LEN + rec.length);
        FUZZ_ASSERT(before - ts_buf_remaining(&in) == rec.total_len);
        FUZZ_ASSERT(ts_record_type_known(rec.type) && (rec.version >> 8) == 3);
        ts_buf plain;
        ts_buf_init(&plain);
        uint64_t seq = st.seq;
        ts_record_info info;
        err = ts_record_open(&st, &rec, &plain, &info);
        FUZZ_ASSERT(err == TS_OK ? st.seq == seq + (st.suite != NULL) : st.seq == seq);
        FUZZ_ASSERT(err != TS_OK || plain.len <= TS_MAX_FRAGMENT);
        ts_secret_free_buf(&plain);
    }
    ts_record_state_wipe(&st);
    round_trip(data[0], data + 1, size - 1 < 4096 ? size - 1 : 4096);
    return 0;
}
