/* ts_msg_extensions: the hello extensions block shared by ClientHello and
 * ServerHello (RFC 5246 §7.4.1.4), the extensions tlsstep understands, and
 * display names for extension types, named groups and signature algorithms.
 *
 * Understood: server_name (RFC 6066), supported_groups and ec_point_formats
 * (RFC 8422), signature_algorithms (RFC 5246 §7.4.1.4.1),
 * extended_master_secret (RFC 7627), renegotiation_info (RFC 5746). Others are
 * recorded by type (for display) and skipped. A type that appears twice is
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
    TS_EXT_RENEGOTIATION_INFO = 0xFF01,
};

/* Flags in ts_msg_exts.present: which understood extensions are there. */
#define TS_EXTF_SERVER_NAME (1u << 0)
#define TS_EXTF_SUPPORTED_GROUPS (1u << 1)
#define TS_EXTF_EC_POINT_FORMATS (1u << 2)
#define TS_EXTF_SIGNATURE_ALGORITHMS (1u << 3)
#define TS_EXTF_EXTENDED_MASTER_SECRET (1u << 4)
#define TS_EXTF_RENEGOTIATION_INFO (1u << 5)

/* NamedGroup values. */
enum {
    TS_GROUP_SECP256R1 = 23,
    TS_GROUP_SECP384R1 = 24,
    TS_GROUP_X25519 = 29,
    TS_GROUP_FFDHE2048 = 256,
    TS_GROUP_FFDHE3072 = 257,
    TS_GROUP_FFDHE4096 = 258,
};

/* SignatureAndHashAlgorithm as a u16: hash << 8 | signature. */
enum {
    TS_SIGALG_RSA_PKCS1_SHA1 = 0x0201,
    TS_SIGALG_RSA_PKCS1_SHA256 = 0x0401,
    TS_SIGALG_RSA_PKCS1_SHA384 = 0x0501,
    TS_SIGALG_RSA_PKCS1_SHA512 = 0x0601,
    TS_SIGALG_RSA_PSS_RSAE_SHA256 = 0x0804,
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

/* Which hello the block belongs to: server_name is a list in a ClientHello
 * and empty in a ServerHello. */
typedef enum {
    TS_EXT_CTX_CLIENT_HELLO = 0,
    TS_EXT_CTX_SERVER_HELLO = 1,
} ts_ext_ctx;

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
} ts_msg_exts;

/* Appends the extensions block for ctx: nothing at all when e has no block,
 * no flags and no unknown types. Understood extensions are written in the
 * order server_name, supported_groups, ec_point_formats,
 * signature_algorithms, extended_master_secret, renegotiation_info, then the
 * unknown types as empty extensions. */
ts_err ts_msg_exts_write(ts_buf *out, ts_ext_ctx ctx, const ts_msg_exts *e);

/* Parses the rest of in as an optional extensions block: no bytes left means
 * no block (e->block false); else the block's length must fit in in. Does
 * not require in to end after the block (the hello parser does). Fills e
 * (zeroed first) and, if f is not NULL, one field per extension (depth 1)
 * and its content (depth 2). */
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
