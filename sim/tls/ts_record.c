/* ts_record: record framing and protection, TLS 1.2 (RFC 5246 §6.2) and
 * TLS 1.3 (RFC 8446 §5). */
#include "tls/ts_record.h"

#include <string.h>

#include "crypto/ts_aead.h"
#include "crypto/ts_hash.h"
#include "crypto/ts_secret.h"
#include "crypto/ts_tls13_keys.h"

const char *ts_record_type_name(uint8_t type)
{
    switch (type) {
    case TS_CT_CHANGE_CIPHER_SPEC:
        return "change_cipher_spec";
    case TS_CT_ALERT:
        return "alert";
    case TS_CT_HANDSHAKE:
        return "handshake";
    case TS_CT_APPLICATION_DATA:
        return "application_data";
    default:
        return "unknown";
    }
}

bool ts_record_type_known(uint8_t type)
{
    return type >= TS_CT_CHANGE_CIPHER_SPEC && type <= TS_CT_APPLICATION_DATA;
}

/* ---- framing ---------------------------------------------------------- */

ts_err ts_record_frame(const ts_buf *in, ts_record *rec)
{
    TS_ENSURE(in != NULL && rec != NULL, TS_ERR_ARG);
    ts_buf v;
    ts_buf_view(&v, ts_buf_cursor(in), ts_buf_remaining(in));
    TS_ENSURE(ts_buf_remaining(&v) >= TS_RECORD_HEADER_LEN, TS_ERR_SHORT);
    TS_GUARD(ts_buf_read_u8(&v, &rec->type));
    TS_GUARD(ts_buf_read_u16(&v, &rec->version));
    TS_GUARD(ts_buf_read_u16(&v, &rec->length));
    rec->total_len = TS_RECORD_HEADER_LEN + (size_t)rec->length;
    size_t have = ts_buf_remaining(&v);
    TS_GUARD(ts_buf_read_view(&v, have < rec->length ? have : rec->length, &rec->fragment));
    return have < rec->length ? TS_ERR_SHORT : TS_OK;
}

ts_err ts_record_parse_header(const ts_buf *in, ts_record *rec)
{
    TS_ENSURE(in != NULL && rec != NULL, TS_ERR_ARG);
    TS_ENSURE(ts_buf_remaining(in) >= TS_RECORD_HEADER_LEN, TS_ERR_SHORT);
    ts_record r;
    ts_err framed = ts_record_frame(in, &r); /* TS_OK, or TS_ERR_SHORT: fragment incomplete */
    TS_ENSURE(framed == TS_OK || framed == TS_ERR_SHORT, framed);
    /* The header is judged as soon as its 5 bytes are there. */
    TS_ENSURE(ts_record_type_known(r.type), TS_ERR_RECORD_TYPE);
    TS_ENSURE((r.version >> 8) == 3, TS_ERR_RECORD);
    TS_ENSURE(r.length <= TS_MAX_CIPHERTEXT, TS_ERR_RECORD_OVERFLOW);
    TS_GUARD(framed);
    *rec = r;
    return TS_OK;
}

ts_err ts_record_next(ts_buf *in, ts_record *rec)
{
    ts_record r;
    TS_GUARD(ts_record_parse_header(in, &r));
    TS_GUARD(ts_buf_skip(in, r.total_len));
    *rec = r;
    return TS_OK;
}

/* ---- state ------------------------------------------------------------ */

void ts_record_state_init_plain(ts_record_state *s)
{
    ts_secret_wipe(s, sizeof(*s));
    s->suite = NULL;
    s->seq = 0;
}

ts_err ts_record_state_init(ts_record_state *s, const ts_suite *suite, const uint8_t *key,
                            const uint8_t *iv, const uint8_t *mac_key)
{
    TS_ENSURE(s != NULL && suite != NULL, TS_ERR_ARG);
    const ts_key_sizes *z = &suite->sizes;
    TS_ENSURE(z->enc_key_len <= sizeof(s->key) && z->fixed_iv_len <= sizeof(s->iv) &&
                  z->mac_key_len <= sizeof(s->mac_key),
              TS_ERR_ARG);
    TS_ENSURE(key != NULL || z->enc_key_len == 0, TS_ERR_ARG);
    TS_ENSURE(iv != NULL || z->fixed_iv_len == 0, TS_ERR_ARG);
    TS_ENSURE(mac_key != NULL || z->mac_key_len == 0, TS_ERR_ARG);
    ts_aead_alg alg;
    bool tls13 = ts_suite_is_tls13(suite);
    if (ts_suite_aead(suite, &alg)) {
        TS_ENSURE(z->enc_key_len == TS_AEAD_KEY_LEN &&
                      z->fixed_iv_len ==
                          (tls13 ? TS_TLS13_IV_LEN : ts_aead_fixed_iv_len(alg)),
                  TS_ERR_ARG);
    } else {
        TS_ENSURE(z->mac_key_len == TS_RECORD_MAC_LEN, TS_ERR_ARG);
    }
    TS_ENSURE(!tls13 || ts_suite_aead(suite, NULL), TS_ERR_ARG);
    ts_record_state_init_plain(s);
    s->suite = suite;
    s->tls13 = tls13;
    if (z->enc_key_len > 0) {
        memcpy(s->key, key, z->enc_key_len);
    }
    if (z->fixed_iv_len > 0) {
        memcpy(s->iv, iv, z->fixed_iv_len);
    }
    if (z->mac_key_len > 0) {
        memcpy(s->mac_key, mac_key, z->mac_key_len);
    }
    return TS_OK;
}

void ts_record_state_wipe(ts_record_state *s)
{
    ts_record_state_init_plain(s);
}

size_t ts_record_max_content(const ts_record_state *s)
{
    return s != NULL && s->tls13 ? TS_MAX_FRAGMENT - s->padding : TS_MAX_FRAGMENT;
}

size_t ts_record_overhead(const ts_record_state *s)
{
    if (s == NULL || s->suite == NULL) {
        return 0;
    }
    if (s->tls13) {
        return TS_AEAD_TAG_LEN + 1 + s->padding;
    }
    ts_aead_alg alg;
    if (ts_suite_aead(s->suite, &alg)) {
        return ts_aead_explicit_nonce_len(alg) + TS_AEAD_TAG_LEN;
    }
    return TS_RECORD_MAC_LEN;
}

/* ---- sealing ---------------------------------------------------------- */

static ts_err write_header(ts_buf *b, uint8_t type, uint16_t version, size_t length)
{
    TS_ENSURE(length <= TS_MAX_CIPHERTEXT, TS_ERR_RECORD_OVERFLOW);
    TS_GUARD(ts_buf_write_u8(b, type));
    TS_GUARD(ts_buf_write_u16(b, version));
    TS_GUARD(ts_buf_write_u16(b, (uint16_t)length));
    return TS_OK;
}

/* NULL suite MAC (RFC 5246 §6.2.3.1): HMAC_hash(MAC_write_key, seq_num +
 * type + version + length + content); header is those first 13 bytes. */
static void null_mac(const ts_record_state *s, const uint8_t header[TS_AEAD_AAD_LEN],
                     const uint8_t *content, size_t n, uint8_t mac[TS_RECORD_MAC_LEN])
{
    ts_hmac_ctx c;
    ts_hmac_init(&c, TS_HASH_SHA256, s->mac_key, s->suite->sizes.mac_key_len);
    ts_hmac_update(&c, header, TS_AEAD_AAD_LEN);
    ts_hmac_update(&c, content, n);
    ts_hmac_final(&c, mac);
}

/* AEAD record (RFC 5246 §6.2.3.3): fragment = explicit nonce (GCM: the
 * sequence number, as OpenSSL sends it; ChaCha: none) || ciphertext || tag. */
static ts_err seal_aead(const ts_record_state *s, ts_aead_alg alg, uint8_t type,
                        uint16_t version, const uint8_t *plain, size_t n, ts_buf *b,
                        ts_record_info *info)
{
    TS_ENSURE(ts_aead_available(alg), TS_ERR_AEAD_UNAVAILABLE);
    size_t explicit_len = ts_aead_explicit_nonce_len(alg);
    TS_GUARD(ts_aead_nonce(alg, s->iv, s->seq, NULL, info->nonce));
    info->nonce_len = TS_AEAD_NONCE_LEN;
    TS_GUARD(ts_aead_additional_data(s->seq, type, version, (uint16_t)n, info->aad));
    info->aad_len = TS_AEAD_AAD_LEN;
    TS_GUARD(write_header(b, type, version, explicit_len + n + TS_AEAD_TAG_LEN));
    if (explicit_len > 0) {
        /* The GCM nonce is salt (4) || explicit (8): the explicit part is
         * the last 8 bytes of the nonce just built from seq. */
        memcpy(info->explicit_nonce, info->nonce + 4, TS_AEAD_EXPLICIT_LEN);
        info->explicit_len = TS_AEAD_EXPLICIT_LEN;
        TS_GUARD(ts_buf_write_bytes(b, info->explicit_nonce, TS_AEAD_EXPLICIT_LEN));
    }
    size_t at;
    TS_GUARD(ts_buf_write_zeros(b, n + TS_AEAD_TAG_LEN, &at));
    TS_GUARD(ts_aead_seal(alg, s->key, info->nonce, info->aad, TS_AEAD_AAD_LEN, plain, n,
                          b->data + at));
    memcpy(info->tag, b->data + at + n, TS_AEAD_TAG_LEN);
    info->tag_len = TS_AEAD_TAG_LEN;
    return TS_OK;
}

/* TLS 1.3 record (RFC 8446 §5.2): the header says application_data, 03 03;
 * the fragment is AEAD(content || type || zeros) with the header as
 * additional data and the IV XOR seq as nonce. */
static ts_err seal13(const ts_record_state *s, ts_aead_alg alg, uint8_t type,
                     const uint8_t *plain, size_t n, ts_buf *b, ts_record_info *info)
{
    TS_ENSURE(ts_aead_available(alg), TS_ERR_AEAD_UNAVAILABLE);
    size_t inner = n + 1 + s->padding;
    size_t length = inner + TS_AEAD_TAG_LEN;
    /* RFC 8446 §5.4: TLSInnerPlaintext is at most 2^14 + 1 bytes */
    TS_ENSURE(inner <= TS_MAX_FRAGMENT + 1, TS_ERR_RECORD_OVERFLOW);
    ts_tls13_nonce(s->iv, s->seq, info->nonce);
    info->nonce_len = TS_AEAD_NONCE_LEN;
    info->content_type = type;
    info->padding_len = s->padding;
    size_t header_at = b->len;
    TS_GUARD(write_header(b, TS_CT_APPLICATION_DATA, TS_VERSION_TLS12, length));
    memcpy(info->aad, b->data + header_at, TS_RECORD_HEADER_LEN);
    info->aad_len = TS_RECORD_HEADER_LEN;
    ts_buf inner_plain;
    ts_buf_init(&inner_plain);
    size_t pad_at;
    ts_err err = ts_buf_write_bytes(&inner_plain, plain, n);
    if (err == TS_OK) {
        err = ts_buf_write_u8(&inner_plain, type);
    }
    if (err == TS_OK) {
        err = ts_buf_write_zeros(&inner_plain, s->padding, &pad_at);
    }
    size_t at = 0;
    if (err == TS_OK) {
        err = ts_buf_write_zeros(b, length, &at);
    }
    if (err == TS_OK) {
        err = ts_aead_seal(alg, s->key, info->nonce, info->aad, TS_RECORD_HEADER_LEN,
                           inner_plain.data, inner, b->data + at);
    }
    ts_secret_free_buf(&inner_plain);
    TS_GUARD(err);
    memcpy(info->tag, b->data + at + inner, TS_AEAD_TAG_LEN);
    info->tag_len = TS_AEAD_TAG_LEN;
    return TS_OK;
}

/* NULL suite record: fragment = content || MAC. */
static ts_err seal_null(const ts_record_state *s, uint8_t type, uint16_t version,
                        const uint8_t *plain, size_t n, ts_buf *b, ts_record_info *info)
{
    TS_GUARD(ts_aead_additional_data(s->seq, type, version, (uint16_t)n, info->aad));
    info->aad_len = TS_AEAD_AAD_LEN;
    null_mac(s, info->aad, plain, n, info->tag);
    info->tag_len = TS_RECORD_MAC_LEN;
    TS_GUARD(write_header(b, type, version, n + TS_RECORD_MAC_LEN));
    TS_GUARD(ts_buf_write_bytes(b, plain, n));
    TS_GUARD(ts_buf_write_bytes(b, info->tag, TS_RECORD_MAC_LEN));
    return TS_OK;
}

/* Appends one record to b; may leave a partial record on failure. */
static ts_err seal_into(ts_record_state *s, uint8_t type, uint16_t version,
                        const uint8_t *plain, size_t n, ts_buf *b, ts_record_info *info)
{
    TS_ENSURE(plain != NULL || n == 0, TS_ERR_ARG);
    TS_ENSURE(n <= TS_MAX_FRAGMENT, TS_ERR_RECORD_OVERFLOW);
    memset(info, 0, sizeof(*info));
    info->seq = s->seq;
    info->plain_len = n;
    info->content_type = type;
    if (s->suite == NULL) {
        TS_GUARD(write_header(b, type, version, n));
        return ts_buf_write_bytes(b, plain, n);
    }
    TS_ENSURE(s->seq != UINT64_MAX, TS_ERR_ARG);
    ts_aead_alg alg;
    if (s->tls13 && ts_suite_aead(s->suite, &alg)) {
        TS_GUARD(seal13(s, alg, type, plain, n, b, info));
    } else if (ts_suite_aead(s->suite, &alg)) {
        TS_GUARD(seal_aead(s, alg, type, version, plain, n, b, info));
    } else {
        TS_GUARD(seal_null(s, type, version, plain, n, b, info));
    }
    s->seq++;
    return TS_OK;
}

/* Appends the unread bytes of tmp to out unless err, then wipes tmp. */
static ts_err commit(ts_err err, ts_buf *tmp, ts_buf *out)
{
    if (err == TS_OK) {
        err = ts_buf_write_bytes(out, ts_buf_cursor(tmp), ts_buf_remaining(tmp));
    }
    ts_secret_free_buf(tmp);
    return err;
}

ts_err ts_record_seal(ts_record_state *s, uint8_t type, uint16_t version, const uint8_t *plain,
                      size_t n, ts_buf *out, ts_record_info *info)
{
    TS_ENSURE(s != NULL && out != NULL, TS_ERR_ARG);
    ts_record_info local;
    ts_record_info *inf = info != NULL ? info : &local;
    uint64_t seq = s->seq;
    ts_buf tmp;
    ts_buf_init(&tmp);
    ts_err err = commit(seal_into(s, type, version, plain, n, &tmp, inf), &tmp, out);
    if (err != TS_OK) {
        s->seq = seq;
    }
    return err;
}

ts_err ts_record_seal_all(ts_record_state *s, uint8_t type, uint16_t version, const uint8_t *data,
                          size_t n, size_t max_fragment, ts_buf *out)
{
    TS_ENSURE(s != NULL && out != NULL, TS_ERR_ARG);
    TS_ENSURE(data != NULL || n == 0, TS_ERR_ARG);
    TS_ENSURE(max_fragment >= 1 && max_fragment <= TS_MAX_FRAGMENT, TS_ERR_ARG);
    uint64_t seq = s->seq;
    ts_buf src;
    ts_buf_view(&src, data, n);
    ts_buf tmp;
    ts_buf_init(&tmp);
    ts_record_info info;
    ts_err err;
    do {
        size_t left = ts_buf_remaining(&src);
        size_t chunk = left < max_fragment ? left : max_fragment;
        ts_buf piece;
        err = ts_buf_read_view(&src, chunk, &piece);
        if (err == TS_OK) {
            err = seal_into(s, type, version, ts_buf_cursor(&piece), chunk, &tmp, &info);
        }
    } while (err == TS_OK && ts_buf_remaining(&src) > 0);
    err = commit(err, &tmp, out);
    if (err != TS_OK) {
        s->seq = seq;
    }
    return err;
}

/* ---- opening ---------------------------------------------------------- */

/* Opens an AEAD fragment f (explicit nonce || ciphertext || tag) into tmp. */
static ts_err open_aead(const ts_record_state *s, ts_aead_alg alg, const ts_record *rec,
                        ts_buf *f, ts_buf *tmp, ts_record_info *info)
{
    TS_ENSURE(ts_aead_available(alg), TS_ERR_AEAD_UNAVAILABLE);
    size_t explicit_len = ts_aead_explicit_nonce_len(alg);
    TS_ENSURE(ts_buf_remaining(f) >= explicit_len + TS_AEAD_TAG_LEN, TS_ERR_DECRYPT);
    size_t n = ts_buf_remaining(f) - explicit_len - TS_AEAD_TAG_LEN;
    const uint8_t *explicit_nonce = NULL;
    if (explicit_len > 0) {
        TS_GUARD(ts_buf_read_bytes(f, info->explicit_nonce, TS_AEAD_EXPLICIT_LEN));
        info->explicit_len = TS_AEAD_EXPLICIT_LEN;
        explicit_nonce = info->explicit_nonce;
    }
    TS_GUARD(ts_aead_nonce(alg, s->iv, s->seq, explicit_nonce, info->nonce));
    info->nonce_len = TS_AEAD_NONCE_LEN;
    TS_GUARD(ts_aead_additional_data(s->seq, rec->type, rec->version, (uint16_t)n, info->aad));
    info->aad_len = TS_AEAD_AAD_LEN;
    ts_buf sealed;
    TS_GUARD(ts_buf_read_view(f, n + TS_AEAD_TAG_LEN, &sealed));
    ts_buf tag = sealed;
    TS_GUARD(ts_buf_skip(&tag, n));
    TS_GUARD(ts_buf_read_bytes(&tag, info->tag, TS_AEAD_TAG_LEN));
    info->tag_len = TS_AEAD_TAG_LEN;
    size_t at;
    TS_GUARD(ts_buf_write_zeros(tmp, n, &at));
    TS_GUARD(ts_aead_open(alg, s->key, info->nonce, info->aad, TS_AEAD_AAD_LEN,
                          ts_buf_cursor(&sealed), n + TS_AEAD_TAG_LEN,
                          n > 0 ? tmp->data + at : NULL));
    info->plain_len = n;
    return TS_OK;
}

/* Opens a TLS 1.3 fragment f (AEAD of the inner plaintext, then the tag)
 * into tmp: the content without its type byte and padding. */
static ts_err open13(const ts_record_state *s, ts_aead_alg alg, const ts_record *rec,
                     ts_buf *f, ts_buf *tmp, ts_record_info *info)
{
    TS_ENSURE(ts_aead_available(alg), TS_ERR_AEAD_UNAVAILABLE);
    TS_ENSURE(rec->type == TS_CT_APPLICATION_DATA, TS_ERR_UNEXPECTED);
    TS_ENSURE(rec->length <= TS_MAX_CIPHERTEXT13, TS_ERR_RECORD_OVERFLOW);
    TS_ENSURE(ts_buf_remaining(f) >= TS_AEAD_TAG_LEN, TS_ERR_DECRYPT);
    size_t n = ts_buf_remaining(f) - TS_AEAD_TAG_LEN;
    /* RFC 8446 §5.4: TLSInnerPlaintext is at most 2^14 + 1 bytes */
    TS_ENSURE(n <= TS_MAX_FRAGMENT + 1, TS_ERR_RECORD_OVERFLOW);
    ts_tls13_nonce(s->iv, s->seq, info->nonce);
    info->nonce_len = TS_AEAD_NONCE_LEN;
    info->aad[0] = rec->type;
    info->aad[1] = (uint8_t)(rec->version >> 8);
    info->aad[2] = (uint8_t)rec->version;
    info->aad[3] = (uint8_t)(rec->length >> 8);
    info->aad[4] = (uint8_t)rec->length;
    info->aad_len = TS_RECORD_HEADER_LEN;
    memcpy(info->tag, ts_buf_cursor(f) + n, TS_AEAD_TAG_LEN);
    info->tag_len = TS_AEAD_TAG_LEN;
    ts_buf inner;
    ts_buf_init(&inner);
    size_t at;
    ts_err err = ts_buf_write_zeros(&inner, n, &at);
    if (err == TS_OK) {
        err = ts_aead_open(alg, s->key, info->nonce, info->aad, TS_RECORD_HEADER_LEN,
                           ts_buf_cursor(f), n + TS_AEAD_TAG_LEN, n > 0 ? inner.data : NULL);
    }
    /* RFC 8446 §5.4: the type is the last non-zero byte; none at all is
     * unexpected_message. */
    size_t end = n;
    while (err == TS_OK && end > 0 && inner.data[end - 1] == 0) {
        end--;
    }
    if (err == TS_OK && end == 0) {
        err = TS_ERR_UNEXPECTED;
    }
    if (err == TS_OK) {
        info->content_type = inner.data[end - 1];
        info->padding_len = n - end;
        info->plain_len = end - 1;
        err = ts_buf_write_bytes(tmp, inner.data, end - 1);
    }
    ts_secret_free_buf(&inner);
    return err;
}

/* Checks the MAC of a NULL-suite fragment f (content || MAC) into tmp. */
static ts_err open_null(const ts_record_state *s, const ts_record *rec, ts_buf *f, ts_buf *tmp,
                        ts_record_info *info)
{
    TS_ENSURE(ts_buf_remaining(f) >= TS_RECORD_MAC_LEN, TS_ERR_DECRYPT);
    size_t n = ts_buf_remaining(f) - TS_RECORD_MAC_LEN;
    ts_buf content;
    TS_GUARD(ts_buf_read_view(f, n, &content));
    TS_GUARD(ts_buf_read_bytes(f, info->tag, TS_RECORD_MAC_LEN));
    info->tag_len = TS_RECORD_MAC_LEN;
    TS_GUARD(ts_aead_additional_data(s->seq, rec->type, rec->version, (uint16_t)n, info->aad));
    info->aad_len = TS_AEAD_AAD_LEN;
    uint8_t mac[TS_RECORD_MAC_LEN];
    null_mac(s, info->aad, ts_buf_cursor(&content), n, mac);
    bool ok = ts_secret_equal(mac, info->tag, TS_RECORD_MAC_LEN);
    ts_secret_wipe(mac, sizeof(mac));
    TS_ENSURE(ok, TS_ERR_DECRYPT);
    info->plain_len = n;
    return ts_buf_write_bytes(tmp, ts_buf_cursor(&content), n);
}

static ts_err open_into(ts_record_state *s, const ts_record *rec, ts_buf *tmp,
                        ts_record_info *info)
{
    ts_buf f;
    ts_buf_view(&f, ts_buf_cursor(&rec->fragment), ts_buf_remaining(&rec->fragment));
    TS_ENSURE(ts_buf_remaining(&f) == rec->length, TS_ERR_RECORD);
    memset(info, 0, sizeof(*info));
    info->seq = s->seq;
    info->content_type = rec->type;
    if (s->suite == NULL) {
        info->plain_len = rec->length;
        TS_ENSURE(rec->length <= TS_MAX_FRAGMENT, TS_ERR_RECORD_OVERFLOW);
        return ts_buf_write_bytes(tmp, ts_buf_cursor(&f), rec->length);
    }
    TS_ENSURE(s->seq != UINT64_MAX, TS_ERR_ARG);
    ts_aead_alg alg;
    if (s->tls13 && ts_suite_aead(s->suite, &alg)) {
        TS_GUARD(open13(s, alg, rec, &f, tmp, info));
    } else if (ts_suite_aead(s->suite, &alg)) {
        TS_GUARD(open_aead(s, alg, rec, &f, tmp, info));
    } else {
        TS_GUARD(open_null(s, rec, &f, tmp, info));
    }
    /* RFC 5246 §6.2.3: plaintext longer than 2^14 is a record_overflow. */
    TS_ENSURE(info->plain_len <= TS_MAX_FRAGMENT, TS_ERR_RECORD_OVERFLOW);
    s->seq++;
    return TS_OK;
}

ts_err ts_record_open(ts_record_state *s, const ts_record *rec, ts_buf *plain,
                      ts_record_info *info)
{
    TS_ENSURE(s != NULL && rec != NULL && plain != NULL, TS_ERR_ARG);
    ts_record_info local;
    ts_record_info *inf = info != NULL ? info : &local;
    uint64_t seq = s->seq;
    ts_buf tmp;
    ts_buf_init(&tmp);
    ts_err err = commit(open_into(s, rec, &tmp, inf), &tmp, plain);
    if (err != TS_OK) {
        s->seq = seq;
    }
    return err;
}
