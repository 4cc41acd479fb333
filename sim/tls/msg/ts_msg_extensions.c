/* ts_msg_extensions: the extensions block of the hellos and of TLS 1.3's
 * HelloRetryRequest, EncryptedExtensions, CertificateRequest,
 * NewSessionTicket and CertificateEntry. */
#include "tls/msg/ts_msg_extensions.h"

#include <stdio.h>
#include <string.h>

#include "base/ts_templates.h"
#include "tls/msg/internal/ts_msg_extensions_tls13.h"
#include "tls/msg/ts_msg_handshake.h"

/*
 * Extension extensions<0..2^16-1>;     -- the optional block closing a hello
 *
 * struct {
 *     ExtensionType extension_type;    -- u16
 *     opaque extension_data<0..2^16-1>;
 * } Extension;
 *
 * +--------+--------+--------+--------+---------------------+
 * |  extension_type |  data length    |  extension_data     |
 * +--------+--------+--------+--------+---------------------+
 *
 * Contents understood here:
 *   server_name (0), ClientHello:     ServerName server_name_list<1..2^16-1>;
 *       ServerName = { u8 name_type (0 host_name); opaque HostName<1..2^16-1> }
 *   server_name (0), other messages:  empty (ServerHello, EncryptedExtensions)
 *   supported_groups (10):            NamedGroup named_group_list<2..2^16-1>;
 *   ec_point_formats (11):            ECPointFormat ec_point_format_list<1..2^8-1>;
 *   signature_algorithms (13):        SignatureAndHashAlgorithm
 *                                         supported_signature_algorithms<2..2^16-2>;
 *   extended_master_secret (23):      empty
 *   renegotiation_info (0xff01):      opaque renegotiated_connection<0..255>;
 *
 * TLS 1.3's supported_versions, key_share, psk_key_exchange_modes and
 * cookie: ts_msg_extensions_tls13.c.
 */

#define OFF(f, b) ts_fields_offset((f), (b))

static ts_err write_u16_list(ts_buf *out, const uint16_t *v, size_t n)
{
    size_t mark;
    TS_GUARD(ts_buf_vec_begin(out, 2, &mark));
    for (size_t i = 0; i < n; i++) {
        TS_GUARD(ts_buf_write_u16(out, v[i]));
    }
    return ts_buf_vec_end(out, 2, mark);
}

static ts_err write_server_name(ts_buf *out, ts_ext_ctx ctx, const ts_msg_exts *e)
{
    if (ctx != TS_EXT_CTX_CLIENT_HELLO) {
        return TS_OK; /* empty in a ServerHello and in EncryptedExtensions */
    }
    size_t mark;
    TS_ENSURE(e->host_len <= TS_EXT_MAX_HOST, TS_ERR_ARG);
    TS_GUARD(ts_buf_vec_begin(out, 2, &mark));
    TS_GUARD(ts_buf_write_u8(out, 0));
    TS_GUARD(ts_buf_write_vec(out, 2, (const uint8_t *)e->host, e->host_len));
    return ts_buf_vec_end(out, 2, mark);
}

static ts_err write_content(ts_buf *out, ts_ext_ctx ctx, const ts_msg_exts *e, uint32_t flag)
{
    switch (flag) {
    case TS_EXTF_SERVER_NAME:
        return write_server_name(out, ctx, e);
    case TS_EXTF_SUPPORTED_GROUPS:
        TS_ENSURE(e->n_groups <= TS_EXT_MAX_GROUPS, TS_ERR_ARG);
        return write_u16_list(out, e->groups, e->n_groups);
    case TS_EXTF_EC_POINT_FORMATS:
        TS_ENSURE(e->n_point_formats <= TS_EXT_MAX_POINT_FORMATS, TS_ERR_ARG);
        return ts_buf_write_vec(out, 1, e->point_formats, e->n_point_formats);
    case TS_EXTF_SIGNATURE_ALGORITHMS:
        TS_ENSURE(e->n_sigalgs <= TS_EXT_MAX_SIGALGS, TS_ERR_ARG);
        return write_u16_list(out, e->sigalgs, e->n_sigalgs);
    case TS_EXTF_RENEGOTIATION_INFO:
        TS_ENSURE(e->reneg_len <= TS_EXT_MAX_RENEG, TS_ERR_ARG);
        return ts_buf_write_vec(out, 1, e->reneg, e->reneg_len);
    case TS_EXTF_SUPPORTED_VERSIONS:
    case TS_EXTF_PSK_KEY_EXCHANGE_MODES:
    case TS_EXTF_KEY_SHARE:
    case TS_EXTF_COOKIE:
    case TS_EXTF_CERTIFICATE_AUTHORITIES:
        return ts_msg_exts13_write_one(out, ctx, e, flag);
    default:
        return TS_OK; /* extended_master_secret: empty */
    }
}

static const struct {
    uint32_t flag;
    uint16_t type;
} understood[] = {
    {TS_EXTF_SERVER_NAME, TS_EXT_SERVER_NAME},
    {TS_EXTF_SUPPORTED_GROUPS, TS_EXT_SUPPORTED_GROUPS},
    {TS_EXTF_EC_POINT_FORMATS, TS_EXT_EC_POINT_FORMATS},
    {TS_EXTF_SIGNATURE_ALGORITHMS, TS_EXT_SIGNATURE_ALGORITHMS},
    {TS_EXTF_EXTENDED_MASTER_SECRET, TS_EXT_EXTENDED_MASTER_SECRET},
    {TS_EXTF_RENEGOTIATION_INFO, TS_EXT_RENEGOTIATION_INFO},
    {TS_EXTF_SUPPORTED_VERSIONS, TS_EXT_SUPPORTED_VERSIONS},
    {TS_EXTF_PSK_KEY_EXCHANGE_MODES, TS_EXT_PSK_KEY_EXCHANGE_MODES},
    {TS_EXTF_KEY_SHARE, TS_EXT_KEY_SHARE},
    {TS_EXTF_COOKIE, TS_EXT_COOKIE},
    {TS_EXTF_CERTIFICATE_AUTHORITIES, TS_EXT_CERTIFICATE_AUTHORITIES},
};
#define N_UNDERSTOOD (sizeof(understood) / sizeof(understood[0]))

#define EXTF_TLS12                                                                       \
    (TS_EXTF_SERVER_NAME | TS_EXTF_SUPPORTED_GROUPS | TS_EXTF_EC_POINT_FORMATS |         \
     TS_EXTF_SIGNATURE_ALGORITHMS | TS_EXTF_EXTENDED_MASTER_SECRET | TS_EXTF_RENEGOTIATION_INFO)
#define EXTF_ALL                                                                         \
    (EXTF_TLS12 | TS_EXTF_SUPPORTED_VERSIONS | TS_EXTF_KEY_SHARE |                        \
     TS_EXTF_PSK_KEY_EXCHANGE_MODES | TS_EXTF_COOKIE | TS_EXTF_CERTIFICATE_AUTHORITIES)

/* The understood extensions a writer may put in ctx's message: RFC 8446
 * §4.2's table for TLS 1.3's messages; the hellos, shared with TLS 1.2,
 * keep 1.2's extensions too. */
static bool allowed_in(ts_ext_ctx ctx, uint32_t *flags)
{
    switch (ctx) {
    case TS_EXT_CTX_CLIENT_HELLO:
        *flags = EXTF_ALL;
        return true;
    case TS_EXT_CTX_SERVER_HELLO:
        *flags = EXTF_TLS12 | TS_EXTF_SUPPORTED_VERSIONS | TS_EXTF_KEY_SHARE;
        return true;
    case TS_EXT_CTX_HELLO_RETRY_REQUEST:
        *flags = TS_EXTF_SUPPORTED_VERSIONS | TS_EXTF_KEY_SHARE | TS_EXTF_COOKIE;
        return true;
    case TS_EXT_CTX_ENCRYPTED_EXTENSIONS:
        *flags = TS_EXTF_SERVER_NAME | TS_EXTF_SUPPORTED_GROUPS;
        return true;
    case TS_EXT_CTX_CERTIFICATE_REQUEST:
        *flags = TS_EXTF_SIGNATURE_ALGORITHMS | TS_EXTF_CERTIFICATE_AUTHORITIES;
        return true;
    case TS_EXT_CTX_NEW_SESSION_TICKET:
    case TS_EXT_CTX_CERTIFICATE:
        *flags = 0;
        return true;
    }
    return false;
}

ts_err ts_msg_exts_write(ts_buf *out, ts_ext_ctx ctx, const ts_msg_exts *e)
{
    uint32_t allowed;
    TS_ENSURE(allowed_in(ctx, &allowed), TS_ERR_ARG);
    if (!e->block && e->present == 0 && e->n_unknown == 0) {
        return TS_OK;
    }
    TS_ENSURE((e->present & EXTF_ALL & ~allowed) == 0, TS_ERR_ARG);
    TS_ENSURE(e->n_unknown <= TS_EXT_MAX, TS_ERR_ARG);
    size_t block, data;
    TS_GUARD(ts_buf_vec_begin(out, 2, &block));
    for (size_t i = 0; i < N_UNDERSTOOD; i++) {
        if ((e->present & understood[i].flag) == 0) {
            continue;
        }
        TS_GUARD(ts_buf_write_u16(out, understood[i].type));
        TS_GUARD(ts_buf_vec_begin(out, 2, &data));
        TS_GUARD(write_content(out, ctx, e, understood[i].flag));
        TS_GUARD(ts_buf_vec_end(out, 2, data));
    }
    for (size_t i = 0; i < e->n_unknown; i++) {
        TS_GUARD(ts_buf_write_u16(out, e->unknown[i]));
        TS_GUARD(ts_buf_write_u16(out, 0));
    }
    return ts_buf_vec_end(out, 2, block);
}

static bool ldh(uint8_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_';
}

bool ts_msg_host_name_valid(const uint8_t *name, size_t n)
{
    if (n == 0 || n > TS_EXT_MAX_HOST) {
        return false;
    }
    size_t label = 0;
    bool all_digits = true;
    for (size_t i = 0; i < n; i++) {
        if (name[i] == '.') {
            if (label == 0) {
                return false; /* empty label, or a leading dot */
            }
            label = 0;
            continue;
        }
        if (!ldh(name[i]) || ++label > 63) {
            return false;
        }
        all_digits &= name[i] >= '0' && name[i] <= '9';
    }
    /* no trailing dot; "literal IPv4 and IPv6 addresses are not permitted" */
    return label > 0 && !all_digits;
}

static ts_err parse_server_name(ts_buf *d, ts_ext_ctx ctx, ts_msg_exts *e, ts_fields *f)
{
    if (ctx != TS_EXT_CTX_CLIENT_HELLO) {
        return TS_OK; /* must be empty: the caller checks the end */
    }
    ts_buf list, name;
    size_t at = OFF(f, d);
    TS_GUARD(ts_buf_read_vec(d, 2, 1, 0xFFFF, &list));
    TS_GUARD(ts_fields_add(f, 2, "server_name_list_length", at, 2, "%zu", list.len));
    bool seen_host = false;
    ts_err verdict = TS_OK;
    while (ts_buf_remaining(&list) > 0) {
        uint8_t type;
        at = OFF(f, &list);
        TS_GUARD(ts_buf_read_u8(&list, &type));
        TS_GUARD(ts_fields_add(f, 2, "server_name_type", at, 1, "%s (%u)",
                               type == 0 ? "host_name" : "unknown", type));
        at = OFF(f, &list);
        TS_GUARD(ts_buf_read_vec(&list, 2, 1, 0xFFFF, &name));
        TS_GUARD(ts_fields_add(f, 2, "server_name_length", at, 2, "%zu", name.len));
        TS_GUARD(ts_fields_add_text(f, 2, "server_name", at + 2, ts_buf_cursor(&name), name.len));
        if (type != 0) {
            continue;
        }
        /* RFC 6066 §3: one name per type, and a host_name is a DNS name.
         * The syntax is read to the end first: a decode error wins. */
        if (seen_host || !ts_msg_host_name_valid(ts_buf_cursor(&name), name.len)) {
            verdict = TS_ERR_ILLEGAL;
            continue;
        }
        seen_host = true;
        e->host_len = name.len;
        memcpy(e->host, ts_buf_cursor(&name), name.len);
        e->host[name.len] = '\0';
    }
    return verdict;
}

bool ts_msg_grease(uint16_t v)
{
    return (v & 0x0F0F) == 0x0A0A && (v >> 8) == (v & 0xFF);
}

static const ts_msg_u16_list_form groups_form = {2, 2, 0xFFFF, "list_length", "named_group",
                                                 ts_group_name};
static const ts_msg_u16_list_form sigalgs_form = {2, 2, 0xFFFE, "list_length",
                                                  "signature_algorithm", ts_sigalg_name};

ts_err ts_msg_exts_parse_u16_list(ts_buf *d, const ts_msg_u16_list_form *form, uint16_t *v,
                                  size_t cap, size_t *n, ts_buf *wire, ts_fields *f)
{
    ts_buf list;
    size_t at = OFF(f, d);
    TS_GUARD(ts_buf_read_vec(d, form->width, form->min, form->max, &list));
    TS_ENSURE(list.len % 2 == 0, TS_ERR_DECODE);
    *wire = list;
    TS_GUARD(ts_fields_add(f, 2, form->length_name, at, form->width, TS_TPL_FIELD_ENTRIES,
                           list.len, list.len / 2));
    *n = 0;
    while (ts_buf_remaining(&list) > 0) {
        uint16_t x;
        at = OFF(f, &list);
        TS_GUARD(ts_buf_read_u16(&list, &x));
        if (*n < cap) {
            v[(*n)++] = x;
        }
        TS_GUARD(ts_fields_add(f, 3, form->entry_name, at, 2, "%s (0x%04x)", form->label(x), x));
    }
    return TS_OK;
}

static ts_err parse_point_formats(ts_buf *d, ts_msg_exts *e, ts_fields *f)
{
    ts_buf list;
    size_t at = OFF(f, d);
    TS_GUARD(ts_buf_read_vec(d, 1, 1, 0xFF, &list));
    TS_GUARD(ts_fields_add(f, 2, "list_length", at, 1, "%zu", list.len));
    e->n_point_formats = 0;
    for (size_t i = 0; i < list.len; i++) {
        uint8_t pf;
        at = OFF(f, &list);
        TS_GUARD(ts_buf_read_u8(&list, &pf));
        if (e->n_point_formats < TS_EXT_MAX_POINT_FORMATS) {
            e->point_formats[e->n_point_formats++] = pf;
        }
        e->point_uncompressed |= pf == TS_POINT_FORMAT_UNCOMPRESSED;
        TS_GUARD(ts_fields_add(f, 3, "ec_point_format", at, 1, "%s (%u)",
                               pf == 0 ? "uncompressed"
                               : pf == 1 ? "ansiX962_compressed_prime"
                               : pf == 2 ? "ansiX962_compressed_char2" : "unknown", pf));
    }
    return TS_OK;
}

static ts_err parse_reneg(ts_buf *d, ts_msg_exts *e, ts_fields *f)
{
    ts_buf v;
    size_t at = OFF(f, d);
    TS_GUARD(ts_buf_read_vec(d, 1, 0, TS_EXT_MAX_RENEG, &v));
    TS_GUARD(ts_fields_add(f, 2, "renegotiated_connection_length", at, 1, "%zu", v.len));
    e->reneg_len = v.len;
    TS_GUARD(ts_buf_read_bytes(&v, e->reneg, v.len));
    if (v.len > 0) {
        TS_GUARD(ts_fields_add_hex(f, 2, "renegotiated_connection", at + 1, e->reneg, v.len));
    }
    return TS_OK;
}

/* Decodes one extension's data (d) of the given type; d must be consumed. */
static ts_err parse_one(ts_buf *d, uint16_t type, ts_ext_ctx ctx, ts_msg_exts *e, ts_fields *f)
{
    switch (type) {
    case TS_EXT_SERVER_NAME:
        e->present |= TS_EXTF_SERVER_NAME;
        return parse_server_name(d, ctx, e, f);
    case TS_EXT_SUPPORTED_GROUPS:
        e->present |= TS_EXTF_SUPPORTED_GROUPS;
        return ts_msg_exts_parse_u16_list(d, &groups_form, e->groups, TS_EXT_MAX_GROUPS,
                                          &e->n_groups, &e->groups_wire, f);
    case TS_EXT_EC_POINT_FORMATS:
        e->present |= TS_EXTF_EC_POINT_FORMATS;
        return parse_point_formats(d, e, f);
    case TS_EXT_SIGNATURE_ALGORITHMS:
        e->present |= TS_EXTF_SIGNATURE_ALGORITHMS;
        return ts_msg_exts_parse_u16_list(d, &sigalgs_form, e->sigalgs, TS_EXT_MAX_SIGALGS,
                                          &e->n_sigalgs, &e->sigalgs_wire, f);
    case TS_EXT_EXTENDED_MASTER_SECRET:
        e->present |= TS_EXTF_EXTENDED_MASTER_SECRET;
        return TS_OK;
    case TS_EXT_RENEGOTIATION_INFO:
        e->present |= TS_EXTF_RENEGOTIATION_INFO;
        return parse_reneg(d, e, f);
    case TS_EXT_SUPPORTED_VERSIONS:
    case TS_EXT_KEY_SHARE:
    case TS_EXT_PSK_KEY_EXCHANGE_MODES:
    case TS_EXT_COOKIE:
    case TS_EXT_CERTIFICATE_AUTHORITIES:
        return ts_msg_exts13_parse_one(d, type, ctx, e, f);
    default:
        if (e->n_unknown < TS_EXT_MAX) {
            e->unknown[e->n_unknown++] = type;
        }
        if (ts_buf_remaining(d) > 0) {
            TS_GUARD(ts_fields_add_hex(f, 2, "extension_data", OFF(f, d), ts_buf_cursor(d),
                                       ts_buf_remaining(d)));
        }
        return ts_buf_skip(d, ts_buf_remaining(d));
    }
}

ts_err ts_msg_exts_parse(ts_buf *in, ts_ext_ctx ctx, ts_msg_exts *e, ts_fields *f)
{
    memset(e, 0, sizeof(*e));
    uint32_t allowed;
    TS_ENSURE(allowed_in(ctx, &allowed), TS_ERR_ARG); /* parsing does not judge: syntax only */
    ts_fields_begin(f, in);
    if (ts_buf_remaining(in) == 0) {
        return TS_OK;
    }
    ts_buf block, data;
    size_t at = OFF(f, in);
    TS_GUARD(ts_msg_body_err(ts_buf_read_vec(in, 2, 0, 0xFFFF, &block)));
    e->block = true;
    e->wire = block;
    TS_GUARD(ts_fields_add(f, 0, "extensions_length", at, 2, "%zu", block.len));
    static const size_t bits = 8 * sizeof(unsigned long);
    unsigned long seen[65536 / (8 * sizeof(unsigned long))] = {0};
    ts_err verdict = TS_OK; /* an illegal value, reported once the block decodes */
    while (ts_buf_remaining(&block) > 0) {
        uint16_t type;
        at = OFF(f, &block);
        TS_GUARD(ts_msg_body_err(ts_buf_read_u16(&block, &type)));
        TS_GUARD(ts_msg_body_err(ts_buf_read_vec(&block, 2, 0, 0xFFFF, &data)));
        /* RFC 5246 §7.4.1.4: no two extensions of the same type */
        TS_ENSURE((seen[type / bits] & (1ul << (type % bits))) == 0, TS_ERR_DECODE);
        seen[type / bits] |= 1ul << (type % bits);
        if (e->n_order < TS_EXT_MAX) {
            e->order[e->n_order++] = type;
        }
        e->n_exts++;
        char what[64]; /* "server_name (0)": a protocol name, never translated */
        snprintf(what, sizeof(what), "%s (%u)", ts_ext_name(type), type);
        TS_GUARD(ts_fields_add(f, 1, "extension", at, 4 + data.len, TS_TPL_FIELD_EXTENSION, what,
                               data.len));
        TS_GUARD(ts_fields_add(f, 2, "extension_type", at, 2, "%s (%u)", ts_ext_name(type),
                               type));
        TS_GUARD(ts_fields_add(f, 2, "extension_length", at + 2, 2, "%zu", data.len));
        ts_err err = ts_msg_body_err(parse_one(&data, type, ctx, e, f));
        if (err == TS_ERR_ILLEGAL && verdict == TS_OK) {
            verdict = err;
            TS_GUARD(ts_buf_skip(&data, ts_buf_remaining(&data)));
        } else {
            TS_GUARD(err);
        }
        TS_ENSURE(ts_buf_remaining(&data) == 0, TS_ERR_DECODE);
    }
    return verdict;
}

bool ts_msg_exts_has(const ts_msg_exts *e, uint16_t type)
{
    ts_buf block = e->wire;
    uint16_t t;
    ts_buf data;
    while (ts_buf_read_u16(&block, &t) == TS_OK &&
           ts_buf_read_vec(&block, 2, 0, 0xFFFF, &data) == TS_OK) {
        if (t == type) {
            return true;
        }
    }
    return false;
}

size_t ts_msg_u16_count(const ts_buf *wire, size_t n)
{
    return wire->len > 0 ? wire->len / 2 : n;
}

uint16_t ts_msg_u16_at(const ts_buf *wire, const uint16_t *array, size_t i)
{
    if (wire->len > 0) {
        return (uint16_t)(wire->data[wire->pos + 2 * i] << 8 | wire->data[wire->pos + 2 * i + 1]);
    }
    return array[i];
}

static bool u16_list_has(const ts_buf *wire, const uint16_t *array, size_t n, uint16_t v)
{
    size_t count = ts_msg_u16_count(wire, n);
    for (size_t i = 0; i < count; i++) {
        if (ts_msg_u16_at(wire, array, i) == v) {
            return true;
        }
    }
    return false;
}

bool ts_msg_exts_offers_group(const ts_msg_exts *e, uint16_t group)
{
    return u16_list_has(&e->groups_wire, e->groups, e->n_groups, group);
}

bool ts_msg_exts_offers_sigalg(const ts_msg_exts *e, uint16_t sigalg)
{
    return u16_list_has(&e->sigalgs_wire, e->sigalgs, e->n_sigalgs, sigalg);
}


const char *ts_ext_name(uint16_t type)
{
    if (ts_msg_grease(type)) {
        return "GREASE";
    }
    switch (type) {
    case 0: return "server_name";
    case 1: return "max_fragment_length";
    case 5: return "status_request";
    case 10: return "supported_groups";
    case 11: return "ec_point_formats";
    case 13: return "signature_algorithms";
    case 15: return "heartbeat";
    case 16: return "application_layer_protocol_negotiation";
    case 18: return "signed_certificate_timestamp";
    case 21: return "padding";
    case 22: return "encrypt_then_mac";
    case 23: return "extended_master_secret";
    case 27: return "compress_certificate";
    case 28: return "record_size_limit";
    case 35: return "session_ticket";
    case 41: return "pre_shared_key";
    case 42: return "early_data";
    case 43: return "supported_versions";
    case 44: return "cookie";
    case 45: return "psk_key_exchange_modes";
    case 47: return "certificate_authorities";
    case 49: return "post_handshake_auth";
    case 50: return "signature_algorithms_cert";
    case 51: return "key_share";
    case 0xFF01: return "renegotiation_info";
    default: return "unknown";
    }
}

const char *ts_group_name(uint16_t group)
{
    switch (group) {
    case 23: return "secp256r1";
    case 24: return "secp384r1";
    case 25: return "secp521r1";
    case 29: return "x25519";
    case 30: return "x448";
    case 256: return "ffdhe2048";
    case 257: return "ffdhe3072";
    case 258: return "ffdhe4096";
    case 259: return "ffdhe6144";
    case 260: return "ffdhe8192";
    default: return ts_msg_grease(group) ? "GREASE" : "unknown";
    }
}

const char *ts_sigalg_name(uint16_t sigalg)
{
    switch (sigalg) {
    case 0x0201: return "rsa_pkcs1_sha1";
    case 0x0203: return "ecdsa_sha1";
    case 0x0301: return "rsa_sha224";
    case 0x0303: return "ecdsa_sha224";
    case 0x0302: return "dsa_sha224";
    case 0x0202: return "dsa_sha1";
    case 0x0402: return "dsa_sha256";
    case 0x0502: return "dsa_sha384";
    case 0x0602: return "dsa_sha512";
    case 0x0401: return "rsa_pkcs1_sha256";
    case 0x0501: return "rsa_pkcs1_sha384";
    case 0x0601: return "rsa_pkcs1_sha512";
    case 0x0403: return "ecdsa_secp256r1_sha256";
    case 0x0503: return "ecdsa_secp384r1_sha384";
    case 0x0603: return "ecdsa_secp521r1_sha512";
    case 0x0804: return "rsa_pss_rsae_sha256";
    case 0x0805: return "rsa_pss_rsae_sha384";
    case 0x0806: return "rsa_pss_rsae_sha512";
    case 0x0807: return "ed25519";
    case 0x0808: return "ed448";
    case 0x0809: return "rsa_pss_pss_sha256";
    case 0x080A: return "rsa_pss_pss_sha384";
    case 0x080B: return "rsa_pss_pss_sha512";
    default: return "unknown";
    }
}
