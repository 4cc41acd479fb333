/* ts_chan: the visible channel between client and server. Every record
 * crosses it: numbered 1, 2, ... in the order written, with its direction,
 * the bytes as sent and as delivered (they differ when tampered), its
 * status, the plaintext its sender sealed (the simulation holds the keys),
 * and its decoded fields. Tamper hooks (a function plus a context pointer,
 * as Redis ae.h) may modify, drop, replay or inject before delivery; the
 * original bytes are always kept. Observers see every record that crosses.
 *
 * Flow: the sender's TS_EV_SEALED events announce records (ts_chan_sealed);
 * the bytes taken from its `out` buffer are put on the wire
 * (ts_chan_write), each matched to the oldest announced record of that
 * direction; ts_chan_next names the record to deliver next and
 * ts_chan_deliver runs the hooks and gives the bytes for the receiver.
 * Functions that can fail return ts_err. */
#ifndef TS_CHAN_H
#define TS_CHAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "base/ts_fields.h"
#include "crypto/ts_suite.h"
#include "tls/ts_event.h"

typedef enum {
    TS_DIR_C2S, /* client → server */
    TS_DIR_S2C  /* server → client */
} ts_dir;

typedef enum {
    TS_REC_SEALED,    /* announced by the sender, not yet on the wire */
    TS_REC_IN_FLIGHT, /* on the wire, not delivered (yet) */
    TS_REC_DELIVERED, /* handed to the receiver */
    TS_REC_DROPPED    /* a hook dropped it */
} ts_rec_status;

typedef enum {
    TS_REC_ORIGINAL, /* written by an endpoint */
    TS_REC_REPLAYED, /* a copy of an earlier record, sent again by the attacker */
    TS_REC_INJECTED  /* bytes the attacker made up */
} ts_rec_origin;

/* No step (for step_written / step_delivered). */
#define TS_CHAN_NO_STEP ((size_t)-1)

typedef struct {
    size_t number;          /* 1-based, in the order written */
    ts_dir dir;
    ts_rec_status status;
    ts_rec_origin origin;
    size_t copy_of;         /* replayed: the number of the original, else 0 */
    uint8_t content_type;   /* from the header as sent (23 for every protected
                             * TLS 1.3 record) */
    uint8_t inner_type;     /* a protected TLS 1.3 record: the content type
                             * inside (TLSInnerPlaintext), else 0 */
    size_t padding_len;     /* TLS 1.3: zero bytes after the inner type */
    char type_name[64];     /* what it carries: "ClientHello",
                             * "ServerHello+Certificate", "HelloRetryRequest",
                             * "EncryptedExtensions+Certificate", "Finished",
                             * "ChangeCipherSpec", "ApplicationData", "Alert"
                             * (a protected record: its plaintext's, when known) */
    ts_buf sent;            /* the whole record as sent */
    ts_buf delivered;       /* as delivered (empty unless delivered) */
    bool tampered;          /* delivered and different from sent */
    /* what the sender sealed (TS_EV_SEALED), or what the receiver opened
     * (TS_EV_OPENED, opened true) when the sender is a real peer */
    bool has_plain;
    bool opened;
    ts_buf plaintext;
    bool protected_record;
    uint64_t seq;
    uint8_t nonce[12];
    size_t nonce_len;
    uint8_t tag[32];
    size_t tag_len;
    size_t step_written;    /* trace index, or TS_CHAN_NO_STEP */
    size_t step_delivered;  /* trace index, or TS_CHAN_NO_STEP */
    ts_fields fields;       /* decoded, offsets from the record's first byte */
    ts_fields plain_fields; /* protected records: the plaintext's, offsets into it
                             * (TLS 1.3: the content, without inner type and padding) */
    ts_kx kx;               /* key exchange used to decode the key exchange messages
                             * (TS_KX_TLS13 for a record of TLS 1.3) */
} ts_chan_record;

/* What a hook may change before a record is delivered. */
typedef struct {
    ts_buf bytes;      /* delivered bytes: starts as a copy of rec->sent */
    size_t replay;     /* after it, deliver a copy of this earlier record (0: none) */
    ts_buf inject;     /* after it, deliver these bytes as a new record (empty: none) */
} ts_chan_delivery;

typedef enum {
    TS_CHAN_PASS, /* deliver d->bytes */
    TS_CHAN_DROP  /* deliver nothing (replay/inject still apply) */
} ts_chan_verdict;

/* A tamper hook: sees the record about to be delivered, may edit d. */
typedef ts_chan_verdict (*ts_chan_hook)(void *ctx, const ts_chan_record *rec,
                                        ts_chan_delivery *d);

/* An observer: called for every record once it has crossed (delivered or
 * dropped). */
typedef void (*ts_chan_observer)(void *ctx, const ts_chan_record *rec);

typedef struct ts_chan ts_chan;

/* Creates an empty channel. */
ts_err ts_chan_new(ts_chan **out);

/* Wipes and frees the channel and its records (NULL is fine). */
void ts_chan_free(ts_chan *ch);

/* Sets the tamper hook (NULL removes it); one at a time. */
void ts_chan_set_hook(ts_chan *ch, ts_chan_hook fn, void *ctx);

/* Sets the key exchange the records are decoded with (default: guessed
 * from the bytes); affects records put on the wire afterwards. A
 * ServerHello crossing the channel sets it too, to what it selects
 * (ts_chan_kx_of_server_hello), so a run that negotiates its version (or
 * falls back from TLS 1.3 to 1.2) is decoded as it went; a protected TLS
 * 1.3 record is always decoded as TLS 1.3. */
void ts_chan_set_kx(ts_chan *ch, ts_kx kx);

/* The key exchange the ServerHello (or HelloRetryRequest) body at body (n
 * bytes, after the handshake header) selects: TS_KX_TLS13 when its
 * supported_versions says TLS 1.3 (RFC 8446 §4.2.1; any 1.3 suite, ours or
 * not), else its suite's; TS_KX_GUESS when the suite is not one of ours or
 * the body does not parse. */
ts_kx ts_chan_kx_of_server_hello(const uint8_t *body, size_t n);

/* The name of the whole handshake message at msg (n bytes, header
 * included): its type's (ts_msg_hs_name), or "HelloRetryRequest" for a
 * ServerHello whose random is that of a HelloRetryRequest (RFC 8446
 * §4.1.3). */
const char *ts_chan_handshake_name(const uint8_t *msg, size_t n);

/* The IV of a protected TLS 1.3 record: nonce XOR the sequence number
 * (RFC 8446 §5.3, the 64-bit number left-padded to the nonce's length),
 * into iv (12 bytes); false for other records. */
bool ts_chan_record_iv(const ts_chan_record *rec, uint8_t iv[12]);

/* Adds an observer (at most 8). */
ts_err ts_chan_observe(ts_chan *ch, ts_chan_observer fn, void *ctx);

/* Announces a record the sender sealed (ev is its TS_EV_SEALED event) at
 * trace step; *number (if not NULL) receives the number it will have. */
ts_err ts_chan_sealed(ts_chan *ch, ts_dir dir, const ts_event *ev, size_t step, size_t *number);

/* Attaches what the receiver found inside record number (ev is its
 * TS_EV_OPENED event: plaintext, sequence number, nonce, tag) and decodes
 * the record again with it: for records whose sender is not simulated (a
 * real peer in network mode). TS_ERR_ARG for an unknown number or when the
 * event's bytes are not that record's. */
ts_err ts_chan_opened(ts_chan *ch, size_t number, const ts_event *ev);

/* Frames the records in the n bytes at data (5-byte header + length each)
 * and puts them on the wire in direction dir; each is matched to the oldest
 * announced record of dir (a record nobody announced gets a new number,
 * written at step). Returns TS_ERR_RECORD when the bytes do not end on a
 * record boundary (nothing is put on the wire then). */
ts_err ts_chan_write(ts_chan *ch, ts_dir dir, const uint8_t *data, size_t n, size_t step);

/* The number of the next record to deliver (replayed and injected copies
 * first, then the oldest in flight whose direction accept allows), or 0. */
size_t ts_chan_next(const ts_chan *ch, bool accept_c2s, bool accept_s2c);

/* Delivers record number at trace step: runs the hook, records the
 * outcome, observers fire; *deliver (initialised here; caller frees)
 * receives the bytes for the receiver (empty when dropped); *dropped says
 * whether it was. Replayed and injected copies are queued to go next. */
ts_err ts_chan_deliver(ts_chan *ch, size_t number, size_t step, ts_buf *deliver, bool *dropped);

/* Number of records (every number 1..count exists). */
size_t ts_chan_count(const ts_chan *ch);

/* Record number (1-based), or NULL. Valid until the channel is freed. */
const ts_chan_record *ts_chan_get(const ts_chan *ch, size_t number);

/* "client → server" or "server → client". */
const char *ts_dir_arrow(ts_dir dir);

/* "in flight", "delivered", ... */
const char *ts_rec_status_name(ts_rec_status st);

/* Fills ev (borrowing from rec and how, a buffer of cap bytes) with the
 * TS_EV_RECORD step of a record that has just crossed the channel. */
void ts_chan_record_event(const ts_chan_record *rec, char *how, size_t cap, ts_event *ev);

/* Why the byte at offset (from the record header) of record number on ch
 * is one the protocol leaves unauthenticated, so that changing it lets the
 * run complete; NULL when the byte is authenticated (a changed byte must
 * then end the run in an alert or a stall). Every handshake byte enters
 * both Finished hashes (in TLS 1.3 the first ClientHello as message_hash
 * after a HelloRetryRequest), and every protected record is covered by its
 * tag or MAC, header included (TLS 1.2: in the MAC or the AEAD's
 * additional data; TLS 1.3: the whole header is the additional data). What
 * escapes both is the header of a plaintext record: its content type and
 * length frame it (a change breaks the framing or the message), which
 * leaves the minor version byte (offset 2). In TLS 1.2 the engine checks
 * it is 03 03 on every record once a suite is agreed, so a changed one
 * passes only in the records read before that, where RFC 5246 E.1 says it
 * must: each side's first record, the ClientHello and the ServerHello (an
 * original, not a replayed or injected copy); TLS 1.2's ChangeCipherSpec
 * and the plaintext handshake records after the ServerHello refuse it. In
 * TLS 1.3 (a record the channel decodes as TLS 1.3, and the first
 * ClientHello) legacy_record_version "MUST be ignored for all purposes"
 * (RFC 8446 §5.1), as the engine does: the byte is free in every record
 * sent in the clear (the hellos, a HelloRetryRequest, the second
 * ClientHello, the compatibility ChangeCipherSpec). */
const char *ts_chan_unauthenticated(const ts_chan *ch, size_t number, size_t offset);

#endif
