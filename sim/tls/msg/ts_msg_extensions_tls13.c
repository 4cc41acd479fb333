/* ts_msg_extensions_tls13: the contents of TLS 1.3's extensions in each
 * message's form, and the queries that read their whole lists. */
#include "tls/msg/internal/ts_msg_extensions_tls13.h"

#include <stdio.h>

#include "base/ts_templates.h"
#include "tls/msg/ts_msg_handshake.h"

/*
 * RFC 8446 §4.2, by message ("server forms": every message but the
 * ClientHello and the HelloRetryRequest):
 *
 *   supported_versions (43), ClientHello:  ProtocolVersion versions<2..254>;
 *                     server forms, HRR:   ProtocolVersion selected_version;
 *   key_share (51), ClientHello:           KeyShareEntry client_shares<0..2^16-1>;
 *                   server forms:          KeyShareEntry server_share;
 *                   HelloRetryRequest:     NamedGroup selected_group;
 *       struct { NamedGroup group; opaque key_exchange<1..2^16-1>; } KeyShareEntry;
 *   psk_key_exchange_modes (45):           PskKeyExchangeMode ke_modes<1..255>;
 *   cookie (44):                           opaque cookie<1..2^16-1>;
 *   certificate_authorities (47), ClientHello, CertificateRequest:
 *                     DistinguishedName authorities<3..2^16-1>;
 *       opaque DistinguishedName<1..2^16-1>;   (a DER Name)
 *
 *   client_shares:
 *   +--------+--------+--------+--------+--------+--------+---------------+--------+---
 *   | list length     | group           | key_exchange    | key_exchange  | group  | ...
 *   |                 |                 | length          | (X25519: 32)  |        |
 *   +--------+--------+--------+--------+--------+--------+---------------+--------+---
 */

#define OFF(f, b) ts_fields_offset((f), (b))

static ts_err write_versions(ts_buf *out, ts_ext_ctx ctx, const ts_msg_exts *e)
{
    if (ctx != TS_EXT_CTX_CLIENT_HELLO) {
        return ts_buf_write_u16(out, e->selected_version);
    }
    TS_ENSURE(e->n_versions >= 1 && e->n_versions <= TS_EXT_MAX_VERSIONS, TS_ERR_ARG);
    size_t mark;
    TS_GUARD(ts_buf_vec_begin(out, 1, &mark));
    for (size_t i = 0; i < e->n_versions; i++) {
        TS_GUARD(ts_buf_write_u16(out, e->versions[i]));
    }
    return ts_buf_vec_end(out, 1, mark);
}

static ts_err write_share(ts_buf *out, const ts_msg_key_share *s)
{
    TS_ENSURE(s->key != NULL && s->key_len >= 1 && s->key_len <= 0xFFFF, TS_ERR_ARG);
    TS_GUARD(ts_buf_write_u16(out, s->group));
    return ts_buf_write_vec(out, 2, s->key, s->key_len);
}

static ts_err write_key_share(ts_buf *out, ts_ext_ctx ctx, const ts_msg_exts *e)
{
    if (ctx == TS_EXT_CTX_HELLO_RETRY_REQUEST) {
        return ts_buf_write_u16(out, e->selected_group);
    }
    if (ctx != TS_EXT_CTX_CLIENT_HELLO) {
        TS_ENSURE(e->n_shares == 1, TS_ERR_ARG);
        return write_share(out, &e->shares[0]);
    }
    TS_ENSURE(e->n_shares <= TS_EXT_MAX_SHARES, TS_ERR_ARG); /* 0: a request for an HRR */
    size_t mark;
    TS_GUARD(ts_buf_vec_begin(out, 2, &mark));
    for (size_t i = 0; i < e->n_shares; i++) {
        TS_GUARD(write_share(out, &e->shares[i]));
    }
    return ts_buf_vec_end(out, 2, mark);
}

ts_err ts_msg_exts13_write_one(ts_buf *out, ts_ext_ctx ctx, const ts_msg_exts *e, uint32_t flag)
{
    switch (flag) {
    case TS_EXTF_SUPPORTED_VERSIONS:
        return write_versions(out, ctx, e);
    case TS_EXTF_PSK_KEY_EXCHANGE_MODES:
        TS_ENSURE(e->n_psk_modes >= 1 && e->n_psk_modes <= TS_EXT_MAX_PSK_MODES, TS_ERR_ARG);
        return ts_buf_write_vec(out, 1, e->psk_modes, e->n_psk_modes);
    case TS_EXTF_KEY_SHARE:
        return write_key_share(out, ctx, e);
    case TS_EXTF_COOKIE:
        TS_ENSURE(e->cookie != NULL && e->cookie_len >= 1, TS_ERR_ARG);
        return ts_buf_write_vec(out, 2, e->cookie, e->cookie_len);
    case TS_EXTF_CERTIFICATE_AUTHORITIES:
        TS_ENSURE(e->authorities != NULL && e->authorities_len >= 3, TS_ERR_ARG);
        return ts_buf_write_vec(out, 2, e->authorities, e->authorities_len);
    default:
        return TS_ERR_ARG;
    }
}

static const char *version_label(uint16_t v)
{
    return ts_msg_grease(v) ? "GREASE" : ts_version_name(v);
}

static const ts_msg_u16_list_form versions_form = {1, 2, 254, "supported_versions_length",
                                                   "version", version_label};

static ts_err parse_versions(ts_buf *d, ts_ext_ctx ctx, ts_msg_exts *e, ts_fields *f)
{
    if (ctx == TS_EXT_CTX_CLIENT_HELLO) {
        return ts_msg_exts_parse_u16_list(d, &versions_form, e->versions, TS_EXT_MAX_VERSIONS,
                                          &e->n_versions, &e->versions_wire, f);
    }
    size_t at = OFF(f, d);
    TS_GUARD(ts_buf_read_u16(d, &e->selected_version));
    return ts_fields_add(f, 2, "selected_version", at, 2, "%s (0x%04x)",
                         version_label(e->selected_version), e->selected_version);
}

/* Reads one KeyShareEntry, its fields at depth (f may be NULL). */
static ts_err parse_share(ts_buf *d, int depth, ts_msg_key_share *s, ts_fields *f)
{
    ts_buf key;
    size_t at = OFF(f, d);
    TS_GUARD(ts_buf_read_u16(d, &s->group));
    TS_GUARD(ts_fields_add(f, depth, "group", at, 2, "%s (%u)", ts_group_name(s->group),
                           s->group));
    TS_GUARD(ts_buf_read_vec(d, 2, 1, 0xFFFF, &key));
    s->key = key.data;
    s->key_len = key.len;
    TS_GUARD(ts_fields_add(f, depth, "key_exchange_length", at + 2, 2, "%zu", key.len));
    return ts_fields_add_hex(f, depth, "key_exchange", at + 4, key.data, key.len);
}

/* The ClientHello's client_shares: every entry read, the first
 * TS_EXT_MAX_SHARES kept; each entry a field spanning it (its length found
 * by a silent first read; the rest of the list when that read fails). */
static ts_err parse_client_shares(ts_buf *d, ts_msg_exts *e, ts_fields *f)
{
    ts_buf list;
    size_t at = OFF(f, d);
    TS_GUARD(ts_buf_read_vec(d, 2, 0, 0xFFFF, &list));
    e->shares_wire = list;
    TS_GUARD(ts_fields_add(f, 2, "client_shares_length", at, 2, "%zu", list.len));
    for (size_t i = 0; ts_buf_remaining(&list) > 0; i++) {
        ts_msg_key_share s;
        ts_buf probe = list;
        at = OFF(f, &list);
        if (parse_share(&probe, 0, &s, NULL) == TS_OK) {
            size_t n = probe.pos - list.pos;
            char what[48]; /* "x25519 (29)": a protocol name, never translated */
            snprintf(what, sizeof(what), "%s (%u)", ts_group_name(s.group), s.group);
            TS_GUARD(ts_fields_add(f, 3, "key_share_entry", at, n, TS_TPL_FIELD_EXTENSION, what,
                                   n));
        } else {
            TS_GUARD(ts_fields_add(f, 3, "key_share_entry", at, ts_buf_remaining(&list),
                                   TS_TPL_BYTES, ts_buf_remaining(&list)));
        }
        TS_GUARD(parse_share(&list, 4, &s, f));
        if (i < TS_EXT_MAX_SHARES) {
            e->shares[e->n_shares++] = s;
        }
    }
    return TS_OK;
}

static ts_err parse_key_share(ts_buf *d, ts_ext_ctx ctx, ts_msg_exts *e, ts_fields *f)
{
    if (ctx == TS_EXT_CTX_CLIENT_HELLO) {
        return parse_client_shares(d, e, f);
    }
    if (ctx == TS_EXT_CTX_HELLO_RETRY_REQUEST) {
        size_t at = OFF(f, d);
        TS_GUARD(ts_buf_read_u16(d, &e->selected_group));
        return ts_fields_add(f, 2, "selected_group", at, 2, "%s (%u)",
                             ts_group_name(e->selected_group), e->selected_group);
    }
    TS_GUARD(parse_share(d, 2, &e->shares[0], f));
    e->n_shares = 1;
    return TS_OK;
}

static ts_err parse_psk_modes(ts_buf *d, ts_msg_exts *e, ts_fields *f)
{
    ts_buf list;
    size_t at = OFF(f, d);
    TS_GUARD(ts_buf_read_vec(d, 1, 1, 0xFF, &list));
    TS_GUARD(ts_fields_add(f, 2, "ke_modes_length", at, 1, "%zu", list.len));
    while (ts_buf_remaining(&list) > 0) {
        uint8_t mode;
        at = OFF(f, &list);
        TS_GUARD(ts_buf_read_u8(&list, &mode));
        if (e->n_psk_modes < TS_EXT_MAX_PSK_MODES) {
            e->psk_modes[e->n_psk_modes++] = mode;
        }
        TS_GUARD(ts_fields_add(f, 3, "ke_mode", at, 1, "%s (%u)",
                               mode == TS_PSK_KE       ? "psk_ke"
                               : mode == TS_PSK_DHE_KE ? "psk_dhe_ke"
                                                       : "unknown",
                               mode));
    }
    return TS_OK;
}

static ts_err parse_cookie(ts_buf *d, ts_msg_exts *e, ts_fields *f)
{
    ts_buf v;
    size_t at = OFF(f, d);
    TS_GUARD(ts_buf_read_vec(d, 2, 1, 0xFFFF, &v));
    e->cookie = v.data;
    e->cookie_len = v.len;
    TS_GUARD(ts_fields_add(f, 2, "cookie_length", at, 2, "%zu", v.len));
    return ts_fields_add_hex(f, 2, "cookie", at + 2, v.data, v.len);
}

static ts_err parse_authorities(ts_buf *d, ts_msg_exts *e, ts_fields *f)
{
    ts_buf v, dn;
    size_t at = OFF(f, d);
    TS_GUARD(ts_buf_read_vec(d, 2, 3, 0xFFFF, &v));
    e->authorities = v.data;
    e->authorities_len = v.len;
    TS_GUARD(ts_fields_add(f, 2, "authorities_length", at, 2, "%zu", v.len));
    while (ts_buf_remaining(&v) > 0) {
        at = OFF(f, &v);
        TS_GUARD(ts_buf_read_vec(&v, 2, 1, 0xFFFF, &dn));
        e->n_authorities++;
        TS_GUARD(ts_fields_add_hex(f, 3, "distinguished_name", at + 2, ts_buf_cursor(&dn),
                                   dn.len));
    }
    return TS_OK;
}

ts_err ts_msg_exts13_parse_one(ts_buf *d, uint16_t type, ts_ext_ctx ctx, ts_msg_exts *e,
                               ts_fields *f)
{
    switch (type) {
    case TS_EXT_SUPPORTED_VERSIONS:
        e->present |= TS_EXTF_SUPPORTED_VERSIONS;
        return parse_versions(d, ctx, e, f);
    case TS_EXT_KEY_SHARE:
        e->present |= TS_EXTF_KEY_SHARE;
        return parse_key_share(d, ctx, e, f);
    case TS_EXT_PSK_KEY_EXCHANGE_MODES:
        e->present |= TS_EXTF_PSK_KEY_EXCHANGE_MODES;
        return parse_psk_modes(d, e, f);
    case TS_EXT_COOKIE:
        e->present |= TS_EXTF_COOKIE;
        return parse_cookie(d, e, f);
    case TS_EXT_CERTIFICATE_AUTHORITIES:
        e->present |= TS_EXTF_CERTIFICATE_AUTHORITIES;
        return parse_authorities(d, e, f);
    default:
        return TS_ERR_ARG;
    }
}

bool ts_msg_exts_offers_version(const ts_msg_exts *e, uint16_t version)
{
    size_t kept = e->n_versions < TS_EXT_MAX_VERSIONS ? e->n_versions : TS_EXT_MAX_VERSIONS;
    size_t n = ts_msg_u16_count(&e->versions_wire, kept);
    for (size_t i = 0; i < n; i++) {
        if (ts_msg_u16_at(&e->versions_wire, e->versions, i) == version) {
            return true;
        }
    }
    return false;
}

size_t ts_msg_exts_share_count(const ts_msg_exts *e)
{
    if (e->shares_wire.len == 0) {
        return e->n_shares < TS_EXT_MAX_SHARES ? e->n_shares : TS_EXT_MAX_SHARES;
    }
    ts_buf list = e->shares_wire;
    ts_msg_key_share s;
    size_t n = 0;
    while (ts_buf_remaining(&list) > 0 && parse_share(&list, 0, &s, NULL) == TS_OK) {
        n++;
    }
    return n;
}

bool ts_msg_exts_share_next(const ts_msg_exts *e, size_t *pos, ts_msg_key_share *out)
{
    if (e->shares_wire.len == 0) {
        if (*pos >= ts_msg_exts_share_count(e)) {
            return false;
        }
        *out = e->shares[(*pos)++];
        return true;
    }
    size_t left = ts_buf_remaining(&e->shares_wire);
    if (*pos >= left) {
        return false;
    }
    ts_buf list;
    ts_buf_view(&list, ts_buf_cursor(&e->shares_wire) + *pos, left - *pos);
    if (parse_share(&list, 0, out, NULL) != TS_OK) {
        return false;
    }
    *pos = left - ts_buf_remaining(&list);
    return true;
}

bool ts_msg_exts_share_at(const ts_msg_exts *e, size_t i, ts_msg_key_share *out)
{
    size_t pos = 0;
    for (size_t k = 0; ts_msg_exts_share_next(e, &pos, out); k++) {
        if (k == i) {
            return true;
        }
    }
    return false;
}

bool ts_msg_exts_share_for(const ts_msg_exts *e, uint16_t group, ts_msg_key_share *out)
{
    size_t pos = 0;
    while (ts_msg_exts_share_next(e, &pos, out)) {
        if (out->group == group) {
            return true;
        }
    }
    return false;
}
