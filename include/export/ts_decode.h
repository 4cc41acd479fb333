/* ts_decode: decodes TLS records given as bytes (from a file, or hex copied
 * out of Wireshark or another tool and read by ts_hex_decode_text), every
 * field named as in the transcript (ts_msg_describe). Records after a
 * ChangeCipherSpec are protected: shown opaque with their length, unless
 * the stream shows the NULL cipher (a Finished after the ChangeCipherSpec
 * in the clear, followed by a 20- or 32-byte MAC): then every protected
 * record is decoded as plaintext + MAC. TLS 1.3 (a ServerHello or
 * HelloRetryRequest whose supported_versions says 03 04) protects every
 * record after the ServerHello as application_data: those are opaque too
 * (encrypted_record and tag), its compatibility ChangeCipherSpec starts no
 * protection (the second ClientHello and the ServerHello after a
 * HelloRetryRequest are in the clear), and a plaintext handshake message
 * after it is read in TLS 1.3's forms (TS_KX_TLS13). A ServerHello with
 * the HelloRetryRequest random is named HelloRetryRequest. Records are
 * framed by
 * ts_record_frame. A record that cannot be parsed gets one precise error
 * line naming the record and the byte offset in the input:
 *
 *   record 3 at offset 1234: length 20000 exceeds 2^14+2048 (18432)
 *
 * Framing errors (truncated header or fragment, unknown content type, a
 * version that is not 3.x, an over-long length) stop the decoding; a
 * payload that does not decode is reported and the next record follows.
 * Functions that can fail return ts_err. */
#ifndef TS_DECODE_H
#define TS_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "base/ts_fields.h"
#include "base/ts_lang.h"

#define TS_DECODE_ERROR_MAX 256

typedef struct {
    size_t number;     /* 1-based */
    size_t offset;     /* of its first header byte in the input */
    uint8_t type;      /* content type */
    uint16_t version;
    uint16_t length;   /* of the fragment, from the header */
    bool encrypted;    /* after a ChangeCipherSpec: the fragment is opaque */
    bool mac_only;     /* after a ChangeCipherSpec, NULL cipher: plaintext + MAC */
    char name[64];     /* "ClientHello", "ServerHello+Certificate+ServerHelloDone",
                        * "ChangeCipherSpec", "EncryptedHandshakeMessage", ... */
    ts_fields fields;  /* offsets from the record's first byte, as in the transcript */
    ts_err err;        /* TS_OK, or why this record did not decode */
    char error[TS_DECODE_ERROR_MAX]; /* "record N at offset O: ..." when err */
    char error_text[TS_DECODE_ERROR_MAX]; /* the same in the decoder's lang */
} ts_decode_record;

typedef struct {
    ts_decode_record *recs;
    size_t n, cap;
    size_t errors;     /* records with err != TS_OK */
    ts_err err;        /* the first error, TS_OK when none */
    size_t err_offset; /* where it was found, in the input */
    char error[TS_DECODE_ERROR_MAX]; /* its line ("" when none) */
    ts_lang lang;      /* of each record's error_text: set it after ts_decode_init
                        * (English by default); decoding keeps it */
} ts_decode;

/* Makes d empty, its language English; cannot fail. */
void ts_decode_init(ts_decode *d);

/* Frees d's records and empties it. */
void ts_decode_free(ts_decode *d);

/* Decodes the records in the n bytes at data into d (emptied first).
 * Returns TS_OK when every byte was decoded, else the first error (also in
 * d->err, d->err_offset and d->error); the records read before and after a
 * payload error stay in d. TS_ERR_ARG for empty input. */
ts_err ts_decode_records(const uint8_t *data, size_t n, ts_decode *d);

#endif
