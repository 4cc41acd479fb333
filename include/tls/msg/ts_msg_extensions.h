/* ts_msg_extensions: the extensions block shared by ClientHello and
 * ServerHello (RFC 5246 §7.4.1.4), and in TLS 1.3 by HelloRetryRequest,
 * EncryptedExtensions, CertificateRequest and NewSessionTicket (RFC 8446
 * §4.2); the extensions tlsstep understands, and display names for
 * extension types, named groups and signature algorithms.
 *
 * Understood: server_name (RFC 6066), supported_groups and ec_point_formats
 * (RFC 8422), signature_algorithms (RFC 5246 §7.4.1.4.1, RFC 8446 §4.2.3),
 * extended_master_secret (RFC 7627), renegotiation_info (RFC 5746), and
 * TLS 1.3's supported_versions, key_share, psk_key_exchange_modes and
 * cookie (RFC 8446 §4.2.1, 4.2.8, 4.2.9, 4.2.2), whose forms differ by
 * message (ts_ext_ctx). Others are recorded by type (for display) and
 * skipped. A type that appears twice is
 * TS_ERR_DECODE. Return convention and lifetimes: see ts_msg_handshake.h. */
#ifndef TS_MSG_EXTENSIONS_H
#define TS_MSG_EXTENSIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "base/ts_fields.h"

/* ExtensionType values (IANA). */
enum {
    TS_EXT_SERVER_NAME = 0,
    TS_EXT_SUPPORTED_GROUPS = 10,
    TS_EXT_EC_POINT_FORMATS = 11,
    TS_EXT_SIGNATURE_ALGORITHMS = 13,
    TS_EXT_ENCRYPT_THEN_MAC = 22,
    TS_EXT_EXTENDED_MASTER_SECRET = 23,
    TS_EXT_SESSION_TICKET = 35,
    TS_EXT_PRE_SHARED_KEY = 41,
    TS_EXT_EARLY_DATA = 42,
    TS_EXT_SUPPORTED_VERSIONS = 43,
    TS_EXT_COOKIE = 44,
    TS_EXT_PSK_KEY_EXCHANGE_MODES = 45,
    TS_EXT_CERTIFICATE_AUTHORITIES = 47,
    TS_EXT_POST_HANDSHAKE_AUTH = 49,
    TS_EXT_SIGNATURE_ALGORITHMS_CERT = 50,
    TS_EXT_KEY_SHARE = 51,
    TS_EXT_RENEGOTIATION_INFO = 0xFF01,
};

/* Flags in ts_msg_exts.present: which understood extensions are there. */
#define TS_EXTF_SERVER_NAME (1u << 0)
#define TS_EXTF_SUPPORTED_GROUPS (1u << 1)
#define TS_EXTF_EC_POINT_FORMATS (1u << 2)
#define TS_EXTF_SIGNATURE_ALGORITHMS (1u << 3)
#define TS_EXTF_EXTENDED_MASTER_SECRET (1u << 4)
#define TS_EXTF_RENEGOTIATION_INFO (1u << 5)
#define TS_EXTF_SUPPORTED_VERSIONS (1u << 6)
#define TS_EXTF_KEY_SHARE (1u << 7)
#define TS_EXTF_PSK_KEY_EXCHANGE_MODES (1u << 8)
#define TS_EXTF_COOKIE (1u << 9)
#define TS_EXTF_CERTIFICATE_AUTHORITIES (1u << 10)

/* NamedGroup values. */
enum {
    TS_GROUP_SECP256R1 = 23,
    TS_GROUP_SECP384R1 = 24,
    TS_GROUP_X25519 = 29,
    TS_GROUP_FFDHE2048 = 256,
    TS_GROUP_FFDHE3072 = 257,
    TS_GROUP_FFDHE4096 = 258,
    TS_GROUP_FFDHE6144 = 259,
    TS_GROUP_FFDHE8192 = 260,
};

/* SignatureAndHashAlgorithm as a u16: hash << 8 | signature. */
enum {
    TS_SIGALG_RSA_PKCS1_SHA1 = 0x0201,
    TS_SIGALG_RSA_PKCS1_SHA256 = 0x0401,
    TS_SIGALG_RSA_PKCS1_SHA384 = 0x0501,
    TS_SIGALG_RSA_PKCS1_SHA512 = 0x0601,
    TS_SIGALG_RSA_PSS_RSAE_SHA256 = 0x0804,
    TS_SIGALG_RSA_PSS_RSAE_SHA384 = 0x0805,
    TS_SIGALG_RSA_PSS_RSAE_SHA512 = 0x0806,
};

/* PskKeyExchangeMode (RFC 8446 §4.2.9). */
enum {
    TS_PSK_KE = 0,
    TS_PSK_DHE_KE = 1,
};

#define TS_POINT_FORMAT_UNCOMPRESSED 0

/* How many entries of each list a parsed block keeps in its arrays (for
 * display and tests). A longer list is not an error: a well-formed hello
 * is accepted up to the message limits (RFC 5246 §7.4.1.4), the whole list
 * stays readable through its wire view, and memory is bounded by the
 * message, not by counts. For writing, the arrays are what is sent. */
#define TS_EXT_MAX 64              /* types kept in unknown[] and order[] */
#define TS_EXT_MAX_HOST 255        /* bytes of a host_name (RFC 6066 §3: a DNS name) */
#define TS_EXT_MAX_GROUPS 64
#define TS_EXT_MAX_SIGALGS 64
#define TS_EXT_MAX_POINT_FORMATS 32
#define TS_EXT_MAX_RENEG 255
#define TS_EXT_MAX_VERSIONS 64     /* supported_versions: 2..254 bytes on the wire */
#define TS_EXT_MAX_SHARES 8        /* key_share entries kept (a longer list is fine) */
#define TS_EXT_MAX_PSK_MODES 16

/* Which message the block belongs to: server_name is a list in a
 * ClientHello and empty elsewhere; supported_versions is a list in a
 * ClientHello and one version in a ServerHello or HelloRetryRequest;
 * key_share is a list of entries in a ClientHello, one entry in a
 * ServerHello and only the selected group in a HelloRetryRequest. A parser
 * reads an extension in a message RFC 8446 does not define it for in the
 * ServerHello's form (syntax only: the engine judges what is allowed). */
typedef enum {
    TS_EXT_CTX_CLIENT_HELLO = 0,
    TS_EXT_CTX_SERVER_HELLO = 1,
    TS_EXT_CTX_HELLO_RETRY_REQUEST = 2,
    TS_EXT_CTX_ENCRYPTED_EXTENSIONS = 3,   /* like a ServerHello's forms */
    TS_EXT_CTX_CERTIFICATE_REQUEST = 4,    /* TLS 1.3: signature_algorithms, ... */
    TS_EXT_CTX_NEW_SESSION_TICKET = 5,
    TS_EXT_CTX_CERTIFICATE = 6,            /* a CertificateEntry's extensions */
} ts_ext_ctx;

/* One KeyShareEntry (RFC 8446 §4.2.8): a group and the sender's public
 * value in it (X25519: 32 bytes; FFDHE: the prime's length, left-padded).
 * key points at the caller's bytes (write) or into the parsed bytes. */
typedef struct {
    uint16_t group;
    const uint8_t *key;
    size_t key_len;       /* 1..2^16-1 */
} ts_msg_key_share;

typedef struct {
    bool block;        /* the extensions block is there (write: even if empty) */
    uint32_t present;  /* TS_EXTF_* */
    char host[TS_EXT_MAX_HOST + 1]; /* server_name host_name, NUL-terminated */
    size_t host_len;   /* bytes of host */
    uint16_t groups[TS_EXT_MAX_GROUPS];
    size_t n_groups;   /* entries in groups[] (parse: the first ones) */
    uint8_t point_formats[TS_EXT_MAX_POINT_FORMATS];
    size_t n_point_formats;
    bool point_uncompressed;  /* parse: the list holds uncompressed (0) */
    uint16_t sigalgs[TS_EXT_MAX_SIGALGS];
    size_t n_sigalgs;  /* entries in sigalgs[] (parse: the first ones) */
    uint8_t reneg[TS_EXT_MAX_RENEG]; /* renegotiated_connection (empty at first) */
    size_t reneg_len;
    /* TLS 1.3 (RFC 8446 §4.2) */
    uint16_t versions[TS_EXT_MAX_VERSIONS]; /* supported_versions, ClientHello
                                               (parse: the first ones) */
    size_t n_versions;
    uint16_t selected_version;   /* supported_versions, ServerHello and HRR */
    ts_msg_key_share shares[TS_EXT_MAX_SHARES]; /* key_share: ClientHello's
                                                   client_shares (parse: the
                                                   first ones); ServerHello:
                                                   shares[0], n_shares 1 */
    size_t n_shares;
    uint16_t selected_group;     /* key_share in a HelloRetryRequest */
    uint8_t psk_modes[TS_EXT_MAX_PSK_MODES]; /* psk_key_exchange_modes */
    size_t n_psk_modes;
    const uint8_t *cookie;       /* cookie: 1..2^16-1 bytes */
    size_t cookie_len;
    const uint8_t *authorities;  /* certificate_authorities (ClientHello,
                                    CertificateRequest): the list's content,
                                    DistinguishedName vectors, 3..2^16-1 bytes */
    size_t authorities_len;
    size_t n_authorities;        /* parse: how many names it holds */
    uint16_t unknown[TS_EXT_MAX]; /* parse: types not understood, in order (the
                                     first TS_EXT_MAX); write: types sent as
                                     empty extensions */
    size_t n_unknown;
    uint16_t order[TS_EXT_MAX]; /* parse only: the first types, in wire order */
    size_t n_order;
    /* parse only: views into the parsed bytes (valid while they are), for
     * lists of any length */
    ts_buf wire;         /* the whole block's content */
    size_t n_exts;       /* extensions in the block */
    ts_buf groups_wire;  /* supported_groups' list, 2 bytes an entry */
    ts_buf sigalgs_wire; /* signature_algorithms' list, 2 bytes an entry */
    ts_buf versions_wire; /* supported_versions' list (ClientHello), 2 bytes an entry */
    ts_buf shares_wire;  /* key_share's client_shares (ClientHello), whole */
} ts_msg_exts;

/* Appends the extensions block for ctx: nothing at all when e has no block,
 * no flags and no unknown types. Understood extensions are written in the
 * order server_name, supported_groups, ec_point_formats,
 * signature_algorithms, extended_master_secret, renegotiation_info,
 * supported_versions, psk_key_exchange_modes, key_share, cookie,
 * certificate_authorities, then the unknown types as empty extensions. TS_ERR_ARG for an extension ctx does
 * not allow (RFC 8446 §4.2's table: e.g. key_share in EncryptedExtensions;
 * the hellos also allow TLS 1.2's, a HelloRetryRequest only
 * supported_versions, key_share and cookie), for a count beyond its array
 * or an empty list or value the wire forbids (no versions, a key_share
 * entry or cookie of 0 bytes, n_shares other than 1 in a ServerHello) and
 * for an invalid ctx. unknown[] is written as given, unchecked. */
ts_err ts_msg_exts_write(ts_buf *out, ts_ext_ctx ctx, const ts_msg_exts *e);

/* Parses the rest of in as an optional extensions block: no bytes left means
 * no block (e->block false); else the block's length must fit in in. Does
 * not require in to end after the block (the hello parser does). Fills e
 * (zeroed first) and, if f is not NULL, one field per extension (depth 1)
 * and its content (depth 2, a list's entries depth 3, a ClientHello
 * key_share entry's own fields depth 4). TS_ERR_ARG for an invalid ctx. */
ts_err ts_msg_exts_parse(ts_buf *in, ts_ext_ctx ctx, ts_msg_exts *e, ts_fields *f);

/* True when e's block holds extension type (understood or not; parsed e,
 * its bytes still alive). */
bool ts_msg_exts_has(const ts_msg_exts *e, uint16_t type);

/* Entries in a u16 list: a wire view when it has bytes (parsed e, its bytes
 * still alive), else the array (n entries). */
size_t ts_msg_u16_count(const ts_buf *wire, size_t n);

/* Entry i (< ts_msg_u16_count) of such a list. */
uint16_t ts_msg_u16_at(const ts_buf *wire, const uint16_t *array, size_t i);

/* True when e's supported_groups (all of them) holds group. */
bool ts_msg_exts_offers_group(const ts_msg_exts *e, uint16_t group);

/* True when e's signature_algorithms (all of them) holds sigalg. */
bool ts_msg_exts_offers_sigalg(const ts_msg_exts *e, uint16_t sigalg);

/* True when e's supported_versions list (ClientHello, all of it) holds
 * version. */
bool ts_msg_exts_offers_version(const ts_msg_exts *e, uint16_t version);

/* Number of entries in e's key_share list (ClientHello: all of them,
 * parsed e, its bytes alive; else n_shares). */
size_t ts_msg_exts_share_count(const ts_msg_exts *e);

/* The entry at *pos (start with 0) of that list into *out, moving *pos
 * past it (constant time a step, for lists of any length); false at the
 * end. */
bool ts_msg_exts_share_next(const ts_msg_exts *e, size_t *pos, ts_msg_key_share *out);

/* Entry i (< ts_msg_exts_share_count) of that list into *out; false when
 * there is no such entry. */
bool ts_msg_exts_share_at(const ts_msg_exts *e, size_t i, ts_msg_key_share *out);

/* The ClientHello's share for group into *out; false when it has none. */
bool ts_msg_exts_share_for(const ts_msg_exts *e, uint16_t group, ts_msg_key_share *out);

/* True when name (n bytes) is a host_name RFC 6066 §3 allows: an ASCII DNS
 * name of letters, digits, hyphens and underscores in dot-separated labels
 * of 1..63 bytes, no trailing dot, at most 255 bytes, not an IPv4 literal.
 * A ClientHello that fails it gets illegal_parameter. */
bool ts_msg_host_name_valid(const uint8_t *name, size_t n);

/* Name of an extension type ("server_name"); "GREASE" or "unknown". */
const char *ts_ext_name(uint16_t type);

/* Name of a named group ("x25519", "ffdhe2048"); "unknown" for others. */
const char *ts_group_name(uint16_t group);

/* Name of a signature algorithm ("rsa_pkcs1_sha256"); "unknown" for others. */
const char *ts_sigalg_name(uint16_t sigalg);

#endif
