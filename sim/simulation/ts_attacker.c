/* ts_attacker: a man in the middle made of two sessions. */
#include "simulation/ts_attacker.h"

#include <string.h>

#include "simulation/ts_session_custom.h"
#include "tls/ts_conn.h"

void ts_attacker_run_free(ts_attacker_run *r)
{
    ts_session_free(r->upstream);
    ts_session_free(r->victim);
    ts_buf_free(&r->relayed);
    r->upstream = r->victim = NULL;
}

ts_err ts_attacker_mitm(const ts_attacker_cfg *cfg, ts_attacker_run *r)
{
    TS_ENSURE(cfg != NULL && r != NULL && cfg->key != NULL && cfg->cert != NULL, TS_ERR_ARG);
    memset(r, 0, sizeof(*r));
    ts_buf_init(&r->relayed);
    ts_session_config up = {.seed = cfg->seed, .host = cfg->host, .suite = cfg->suite};
    ts_err err = ts_session_new(&up, &r->upstream);
    if (err == TS_OK) {
        err = ts_session_run(r->upstream);
    }
    const ts_conn *me = err == TS_OK ? ts_session_conn(r->upstream, TS_SIDE_CLIENT) : NULL;
    const ts_buf *body = me != NULL ? ts_conn_response(me) : NULL;
    if (err == TS_OK && body != NULL && body->len > 0) {
        err = ts_buf_write_bytes(&r->relayed, body->data, body->len);
    }
    ts_session_config vc = up;
    vc.no_verify = cfg->no_verify;
    vc.skip_ske_check = cfg->skip_ske_check;
    /* an empty upstream body still needs a payload: one byte of nothing */
    static const uint8_t nothing[1] = {0};
    vc.payload = r->relayed.len > 0 ? r->relayed.data : nothing;
    vc.payload_len = r->relayed.len > 0 ? r->relayed.len : 0;
    vc.payload_name = N_("relayed from the real server");
    if (err == TS_OK) {
        err = ts_session_new(&vc, &r->victim);
    }
    if (err == TS_OK) {
        const ts_buf *ca = ts_session_ca_der(r->upstream);
        err = ts_session_use_pki(r->victim, cfg->key, cfg->cert, cfg->cert_len, ca->data, ca->len);
    }
    if (err == TS_OK) {
        err = ts_session_run(r->victim);
    }
    if (err != TS_OK) {
        ts_attacker_run_free(r);
    }
    return err;
}
