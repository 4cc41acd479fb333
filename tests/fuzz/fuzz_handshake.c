/* fuzz_handshake: every handshake message parser (TLS 1.2's and 1.3's),
 * and the describer the transcript, JSON and UI use. The first input byte
 * picks the parser (low 5 bits) and whether fields are recorded (bit 7);
 * the rest is its input. */
#include "fuzz_util.h"

#include "base/ts_buf.h"
#include "base/ts_fields.h"
#include "tls/msg/ts_msg_alert.h"
#include "tls/msg/ts_msg_certificate.h"
#include "tls/msg/ts_msg_certificate13.h"
#include "tls/msg/ts_msg_certificate_request13.h"
#include "tls/msg/ts_msg_certificate_verify.h"
#include "tls/msg/ts_msg_change_cipher_spec.h"
#include "tls/msg/ts_msg_client_hello.h"
#include "tls/msg/ts_msg_client_key_exchange.h"
#include "tls/msg/ts_msg_describe.h"
#include "tls/msg/ts_msg_encrypted_extensions.h"
#include "tls/msg/ts_msg_extensions.h"
#include "tls/msg/ts_msg_finished.h"
#include "tls/msg/ts_msg_handshake.h"
#include "tls/msg/ts_msg_key_update.h"
#include "tls/msg/ts_msg_new_session_ticket.h"
#include "tls/msg/ts_msg_server_hello.h"
#include "tls/msg/ts_msg_server_hello_done.h"
#include "tls/msg/ts_msg_server_key_exchange.h"

static const ts_kx kxs[4] = {TS_KX_RSA, TS_KX_ECDHE, TS_KX_DHE, TS_KX_TLS13};

/* Every field must lie inside the input it describes. */
static void check_fields(const ts_fields *f, size_t base, size_t n)
{
    for (size_t i = 0; f != NULL && i < f->n; i++) {
        FUZZ_ASSERT(f->items[i].offset >= base);
        FUZZ_ASSERT(f->items[i].offset - base <= n);
        FUZZ_ASSERT(f->items[i].len <= n - (f->items[i].offset - base));
    }
}

static void parse_one(unsigned pick, const uint8_t *data, size_t n, ts_fields *f)
{
    ts_buf b;
    ts_buf_view(&b, data, n);
    size_t base = 0;
    switch (pick) {
    case 0: {
        /* a stream of handshake messages, each described whole */
        for (;;) {
            uint8_t type;
            ts_buf body;
            const uint8_t *start = ts_buf_cursor(&b);
            if (ts_msg_hs_parse(&b, &type, &body) != TS_OK) {
                break;
            }
            size_t len = (size_t)(ts_buf_cursor(&b) - start);
            ts_fields g;
            ts_fields_init(&g);
            (void)ts_msg_describe(start, len, &g, 7);
            check_fields(&g, 7, len);
            ts_fields_free(&g);
        }
        return;
    }
    case 1: {
        ts_msg_client_hello m;
        (void)ts_msg_client_hello_parse(&b, &m, f);
        break;
    }
    case 2: {
        ts_msg_server_hello m;
        (void)ts_msg_server_hello_parse(&b, &m, f);
        break;
    }
    case 3: {
        ts_msg_certificate m;
        (void)ts_msg_certificate_parse(&b, &m, f);
        break;
    }
    case 4:
    case 5:
    case 6: {
        ts_msg_ske m;
        (void)ts_msg_ske_parse(&b, kxs[pick - 4], &m, f);
        break;
    }
    case 7:
    case 8:
    case 9: {
        ts_msg_cke m;
        (void)ts_msg_cke_parse(&b, kxs[pick - 7], &m, f);
        break;
    }
    case 10:
        (void)ts_msg_server_hello_done_parse(&b, f);
        break;
    case 11: {
        uint8_t vd[TS_VERIFY_DATA_LEN];
        (void)ts_msg_finished_parse(&b, vd, f);
        break;
    }
    case 12: {
        ts_msg_alert m;
        (void)ts_msg_alert_parse(&b, &m, f);
        break;
    }
    case 13:
        (void)ts_msg_ccs_parse(&b, f);
        break;
    case 14:
    case 15: {
        ts_msg_exts e;
        (void)ts_msg_exts_parse(&b, pick == 14 ? TS_EXT_CTX_CLIENT_HELLO : TS_EXT_CTX_SERVER_HELLO,
                                &e, f);
        break;
    }
    case 16:
    case 17:
    case 18:
    case 19:
        base = 5; /* as in a record: after the header */
        (void)ts_msg_describe_payload((uint8_t)(20 + pick - 16), data, n,
                                      n > 0 ? kxs[data[0] % 4] : TS_KX_GUESS, f, base);
        break;
    case 20:
    case 21:
    case 22:
    case 23:
        (void)ts_msg_describe_kx(data, n, pick == 23 ? TS_KX_GUESS : kxs[pick - 20], f, 0);
        break;
    case 24: {
        ts_msg_exts e;
        (void)ts_msg_encrypted_extensions_parse(&b, &e, f);
        break;
    }
    case 25: {
        ts_msg_certificate13 m;
        (void)ts_msg_certificate13_parse(&b, &m, f);
        break;
    }
    case 26: {
        ts_msg_certificate_request13 m;
        (void)ts_msg_certificate_request13_parse(&b, &m, f);
        break;
    }
    case 27: {
        ts_msg_certificate_verify m;
        (void)ts_msg_certificate_verify_parse(&b, &m, f);
        break;
    }
    case 28: {
        ts_msg_new_session_ticket m;
        (void)ts_msg_new_session_ticket_parse(&b, &m, f);
        break;
    }
    case 29: {
        bool update_requested;
        (void)ts_msg_key_update_parse(&b, &update_requested, f);
        break;
    }
    case 30: {
        /* the extensions block of any message: the first byte picks it */
        ts_msg_exts e;
        if (n == 0) {
            return;
        }
        if (f != NULL) {
            f->origin = data; /* offsets counted from the picking byte */
        }
        ts_buf_view(&b, data + 1, n - 1);
        (void)ts_msg_exts_parse(&b, (ts_ext_ctx)(data[0] % 7), &e, f);
        break;
    }
    case 31:
        (void)ts_msg_describe_kx(data, n, TS_KX_TLS13, f, 0);
        break;
    default: {
        ts_buf peek;
        ts_buf_view(&peek, data, n);
        uint8_t type;
        size_t len;
        if (ts_msg_hs_peek(&peek, &type, &len) == TS_OK) {
            FUZZ_ASSERT(len <= 0xffffff);
        }
        return;
    }
    }
    check_fields(f, base, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_init();
    if (size < 1) {
        return 0;
    }
    ts_fields fields;
    ts_fields_init(&fields);
    parse_one(data[0] & 0x1f, data + 1, size - 1, (data[0] & 0x80) ? NULL : &fields);
    ts_fields_free(&fields);
    return 0;
}
