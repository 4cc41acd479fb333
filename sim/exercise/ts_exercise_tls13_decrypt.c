/* ts_exercise_tls13_decrypt: decrypt one record of a TLS 1.3 run by hand,
 * from the key log and the capture an eavesdropper with the client's
 * SSLKEYLOGFILE would have: the traffic secret, HKDF-Expand-Label to the
 * key and the IV (`tlsstep hkdf expand-label`), the nonce (IV XOR the
 * record's sequence number), the AEAD (`tlsstep aead open`), then the
 * padding and the content type stripped from the end.
 * The record is the server's Finished, sealed under the server's
 * handshake traffic secret as its fourth protected record (sequence 3),
 * with padding. Answer: the record's content in hex (the handshake
 * message), compared with the plaintext the server sealed in the real run. */
#include "exercise/ts_exercise.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ts_hex.h"
#include "base/ts_i18n.h"
#include "crypto/ts_secret.h"
#include "export/ts_capture.h"

#define PADDING 7 /* zero bytes after the content type of every protected record */

static ts_err run13(const char *seed, ts_session **out)
{
    ts_session_config cfg = {.seed = seed, .suite = ts_suite_get(TS_SUITE_TLS13_AES),
                             .padding = PADDING};
    return ts_exercise_run(&cfg, NULL, 0, out);
}

/* The number of the record to decrypt: the server's protected Finished. */
static size_t target(const ts_session *s)
{
    const ts_chan *ch = ts_session_chan(s);
    for (size_t n = 1; n <= ts_chan_count(ch); n++) {
        const ts_chan_record *r = ts_chan_get(ch, n);
        if (r->dir == TS_DIR_S2C && r->protected_record && strcmp(r->type_name, "Finished") == 0) {
            return n;
        }
    }
    return 0;
}

/* records.txt: "N c2s|s2c HEX" for each record, as delivered. */
static ts_err records_file(const ts_session *s, ts_exercise_material *m)
{
    const ts_chan *ch = ts_session_chan(s);
    ts_buf out;
    ts_buf_init(&out);
    ts_err err = TS_OK;
    for (size_t n = 1; err == TS_OK && n <= ts_chan_count(ch); n++) {
        const ts_chan_record *r = ts_chan_get(ch, n);
        char *hex = ts_hex_strdup(r->delivered.data, r->delivered.len);
        char head[32];
        snprintf(head, sizeof(head), "%zu %s ", n, r->dir == TS_DIR_C2S ? "c2s" : "s2c");
        err = hex == NULL ? TS_ERR_NOMEM : ts_buf_write_bytes(&out, (const uint8_t *)head, strlen(head));
        if (err == TS_OK) {
            err = ts_buf_write_bytes(&out, (const uint8_t *)hex, strlen(hex));
        }
        if (err == TS_OK) {
            err = ts_buf_write_u8(&out, '\n');
        }
        free(hex);
    }
    if (err == TS_OK) {
        err = ts_exercise_add_file(m, "records.txt", out.data, out.len);
    }
    ts_buf_free(&out);
    return err;
}

static ts_err capture_file(const ts_session *s, ts_exercise_material *m)
{
    ts_pcap_config cfg;
    ts_pcap_config_default(&cfg);
    cfg.start_sec = ts_session_config_of(s)->now;
    ts_pcap *p = NULL;
    TS_GUARD(ts_pcap_open(&cfg, &p));
    ts_buf out;
    ts_buf_init(&out);
    ts_err err = ts_capture_session(s, p);
    if (err == TS_OK) {
        err = ts_pcap_bytes(p, &out);
    }
    if (err == TS_OK) {
        err = ts_exercise_add_file(m, "capture.pcap", out.data, out.len);
    }
    ts_buf_free(&out);
    ts_pcap_free(p);
    return err;
}

static ts_err material(const char *seed, ts_exercise_material *m)
{
    ts_session *s = NULL;
    TS_GUARD(run13(seed, &s));
    char *keys = NULL;
    ts_err err = ts_capture_keylog(s, &keys);
    if (err == TS_OK) {
        err = ts_exercise_add_file(m, "keylog.txt", (const uint8_t *)keys, strlen(keys));
    }
    if (err == TS_OK) {
        err = capture_file(s, m);
    }
    if (err == TS_OK) {
        err = records_file(s, m);
    }
    if (err == TS_OK) {
        err = ts_exercise_fact(m, N_("the suite: %s; decrypt record #%zu, sent by the server"),
                               ts_session_config_of(s)->suite->iana_name, target(s));
    }
    if (err == TS_OK) {
        err = ts_exercise_fact(m, N_("record #N is the N-th TLS record of capture.pcap (both "
                                     "directions, in order) and line N of records.txt"));
    }
    if (keys != NULL) {
        ts_secret_wipe(keys, strlen(keys));
        free(keys);
    }
    ts_session_free(s);
    return err;
}

/* True when b is a (len bytes) followed by extra, extra_len bytes. */
static bool is_followed(const ts_buf *b, const ts_buf *a, const uint8_t *extra, size_t extra_len)
{
    return b->len == a->len + extra_len && memcmp(b->data, a->data, a->len) == 0 &&
           memcmp(b->data + a->len, extra, extra_len) == 0;
}

static ts_err verdict(const ts_chan_record *r, size_t n, const ts_buf *got, ts_exercise_verdict *v)
{
    const ts_buf *want = &r->plaintext;
    if (got->len == want->len && memcmp(got->data, want->data, want->len) == 0) {
        return ts_exercise_verdict_set(v, true,
                                       N_("that is the plaintext of record #%zu: %zu bytes of "
                                          "content, a handshake message of type %u; the content "
                                          "type (%u) and %zu bytes of padding were stripped"),
                                       n, want->len, want->len > 0 ? want->data[0] : 0u,
                                       r->inner_type, r->padding_len);
    }
    uint8_t tail[1 + TS_MAX_PADDING];
    memset(tail, 0, sizeof(tail));
    tail[0] = r->inner_type;
    if (is_followed(got, want, tail, 1 + r->padding_len) || is_followed(got, want, tail, 1)) {
        return ts_exercise_verdict_set(v, false,
                                       N_("decrypted, but not stripped: the content ends before "
                                          "the content type byte (%02x) and the padding zeros "
                                          "after it (strip the zeros, then the type)"),
                                       r->inner_type);
    }
    if (got->len + 4 == want->len && memcmp(got->data, want->data + 4, got->len) == 0) {
        return ts_exercise_verdict_set(v, false,
                                       N_("that is the message's body alone: hand in the whole "
                                          "handshake message, its 4-byte header included"));
    }
    const ts_buf *sent = &r->delivered;
    if (sent->len > 5 && (got->len == sent->len - 5 || got->len == sent->len) &&
        memcmp(got->data, sent->data + (sent->len - got->len), got->len) == 0) {
        return ts_exercise_verdict_set(v, false,
                                       N_("that is the encrypted record as it crossed, not its "
                                          "plaintext: open it with the key and the nonce"));
    }
    return ts_exercise_verdict_set(v, false,
                                   N_("that is not the plaintext of record #%zu (%zu bytes of "
                                      "hex given)"),
                                   n, got->len);
}

static ts_err check(const char *seed, const uint8_t *answer, size_t len, ts_exercise_verdict *v)
{
    ts_buf got;
    ts_buf_init(&got);
    if (ts_exercise_answer_hex(answer, len, &got) != TS_OK || got.len == 0) {
        ts_buf_free(&got);
        return ts_exercise_verdict_set(v, false,
                                       N_("answer must be the record's plaintext in hex: its "
                                          "content, without the content type and the padding"));
    }
    ts_session *s = NULL;
    ts_err err = run13(seed, &s);
    if (err == TS_OK) {
        size_t n = target(s);
        const ts_chan_record *r = ts_chan_get(ts_session_chan(s), n);
        err = r == NULL ? TS_ERR_ARG : verdict(r, n, &got, v);
    }
    ts_session_free(s);
    ts_buf_free(&got);
    return err;
}

const ts_exercise ts_exercise_tls13_decrypt = {
    .id = "tls13-decrypt",
    .title = N_("Decrypt a TLS 1.3 record by hand from the key log"),
    /* The lesson's exercise.incident, word for word: ts_tr finds either. */
    .incident = N_("None: what Wireshark does with an SSLKEYLOGFILE (RFC 8446 7.1, 7.3 and 5.2; "
                   "the key log format of draft-ietf-tls-keylogfile)"),
    .answer = N_("the record's plaintext in hex: its content, without the content type and the "
                 "padding"),
    .material = material,
    .check = check,
};
