/* fuzz_record: the record layer. The first input byte picks a protection
 * state: byte 0 % (TS_SUITE_COUNT + 1) is a ts_suite_id (a TLS 1.2 suite's
 * cipher, or a TLS 1.3 suite's, which protects the 1.3 way) with fixed keys,
 * or TS_SUITE_COUNT for plaintext. The rest is a byte stream cut into records
 * with ts_record_next, each opened with that state (sequence numbers advance
 * as on a connection; what opens must account for every byte of the record).
 * Then the same bytes are sealed and opened again: the round trip must give
 * them back with their content type (a TLS 1.3 state: inside, under an
 * application_data header, with byte 0 / 7 choosing the type and the zero
 * padding), and one flipped bit must make the open fail. */
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

/* What a record that opened adds to its plaintext: the state's overhead,
 * with a TLS 1.3 record's own padding (ts_record_overhead: 16 + 1 + padding). */
static size_t overhead_of(const ts_record_state *s, const ts_record_info *info)
{
    ts_record_state copy = *s;
    if (copy.tls13) {
        copy.padding = info->padding_len;
    }
    size_t n = ts_record_overhead(&copy);
    ts_record_state_wipe(&copy);
    return n;
}

static void round_trip(uint8_t sel, const uint8_t *data, size_t n)
{
    ts_record_state w, r;
    if (!make_state(sel, &w) || !make_state(sel, &r)) {
        return;
    }
    size_t max_fragment = 16 + (size_t)sel * 64;
    /* the content type (a 1.3 state hides it inside) and a 1.3 padding */
    static const uint8_t types[4] = {TS_CT_APPLICATION_DATA, TS_CT_HANDSHAKE, TS_CT_ALERT,
                                     TS_CT_CHANGE_CIPHER_SPEC};
    unsigned more = sel / (TS_SUITE_COUNT + 1);
    uint8_t type = types[more % 4];
    if (w.tls13) {
        FUZZ_ASSERT(ts_record_overhead(&w) == 16 + 1);
        w.padding = (size_t)more * 7;
        FUZZ_ASSERT(ts_record_overhead(&w) == 16 + 1 + w.padding);
    }
    ts_buf wire, plain;
    ts_buf_init(&wire);
    ts_buf_init(&plain);
    FUZZ_ASSERT(ts_record_seal_all(&w, type, TS_VERSION_TLS12, data, n, max_fragment, &wire) ==
                TS_OK);
    {
        /* every record: the header's type, the sequence, plaintext + overhead */
        ts_buf look;
        ts_buf_view(&look, wire.data, wire.len);
        size_t records = 0, content = 0;
        while (ts_buf_remaining(&look) > 0) {
            ts_record rec;
            FUZZ_ASSERT(ts_record_next(&look, &rec) == TS_OK);
            FUZZ_ASSERT(rec.type == (w.tls13 ? TS_CT_APPLICATION_DATA : type));
            FUZZ_ASSERT(rec.length >= ts_record_overhead(&w));
            size_t part = rec.length - ts_record_overhead(&w);
            FUZZ_ASSERT(part <= max_fragment && (w.tls13 ? rec.length <= TS_MAX_CIPHERTEXT13
                                                         : rec.length <= TS_MAX_CIPHERTEXT));
            content += part;
            records++;
        }
        FUZZ_ASSERT(content == n && records == (n == 0 ? 1 : (n + max_fragment - 1) / max_fragment));
        FUZZ_ASSERT(w.seq == (w.suite != NULL ? records : 0));
    }
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
        FUZZ_ASSERT(rec.type == (w.tls13 ? TS_CT_APPLICATION_DATA : type) &&
                    rec.version == TS_VERSION_TLS12);
        ts_record_info info;
        size_t before = plain.len;
        uint64_t seq = r.seq;
        err = ts_record_open(&r, &rec, &plain, &info);
        if (err == TS_OK) {
            FUZZ_ASSERT(info.content_type == type && info.seq == seq);
            FUZZ_ASSERT(info.padding_len == (r.tls13 ? w.padding : 0));
            FUZZ_ASSERT(plain.len - before == info.plain_len);
            FUZZ_ASSERT(rec.length == info.plain_len + overhead_of(&r, &info));
        } else {
            FUZZ_ASSERT(plain.len == before && r.seq == seq);
        }
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
        FUZZ_ASSERT(err == TS_OK || plain.len == 0);
        if (err == TS_OK) {
            FUZZ_ASSERT(plain.len <= TS_MAX_FRAGMENT && plain.len == info.plain_len);
            FUZZ_ASSERT(info.seq == seq);
            /* every byte of the record is content, type, padding or protection */
            FUZZ_ASSERT(rec.length == plain.len + overhead_of(&st, &info));
            if (st.tls13) {
                /* under an application_data header, the real type inside */
                FUZZ_ASSERT(rec.type == TS_CT_APPLICATION_DATA && info.content_type != 0);
                FUZZ_ASSERT(rec.length <= TS_MAX_CIPHERTEXT13);
            } else {
                FUZZ_ASSERT(info.content_type == rec.type && info.padding_len == 0);
            }
        }
        ts_secret_free_buf(&plain);
    }
    ts_record_state_wipe(&st);
    round_trip(data[0], data + 1, size - 1 < 4096 ? size - 1 : 4096);
    return 0;
}
