/* ts_exercise_goto_fail: a client that does not check the
 * ServerKeyExchange signature (Apple's "goto fail", 2014). The attacker
 * forwards the real certificate and replaces the server's X25519 share
 * with its own; the signature no longer matches, and nobody looks.
 * Answer: two lines, "record HEX" (the whole ServerKeyExchange record the
 * attacker delivers instead of the server's) and "key HEX" (the attacker's
 * X25519 private key, 32 bytes). The checker runs the seed's ecdhe session
 * with that record delivered, against the flawed client and a checking
 * one. Solved when the flawed client goes on to Finished and its premaster
 * secret is X25519(your key, its share), which you can compute, while the
 * checking client sends decrypt_error (51). */
#include "exercise/ts_exercise.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ts_hex.h"
#include "crypto/ts_secret.h"
#include "crypto/ts_suite.h"
#include "crypto/ts_x25519.h"

#define MAX_RECORD 4096

static ts_session_config config(const char *seed, bool flawed)
{
    ts_session_config cfg = {.seed = seed, .suite = ts_suite_get(TS_SUITE_ECDHE),
                             .skip_ske_check = flawed};
    return cfg;
}

/* The channel number of the first record whose type is name, or 0. */
static size_t record_of(const ts_session *s, const char *name)
{
    const ts_chan *ch = ts_session_chan(s);
    for (size_t n = 1; ch != NULL && n <= ts_chan_count(ch); n++) {
        if (strcmp(ts_chan_get(ch, n)->type_name, name) == 0) {
            return n;
        }
    }
    return 0;
}

static ts_err material(const char *seed, ts_exercise_material *m)
{
    ts_session_config cfg = config(seed, true);
    ts_session *s = NULL;
    TS_GUARD(ts_exercise_run(&cfg, NULL, 0, &s));
    ts_buf text, records;
    ts_buf_init(&text);
    ts_buf_init(&records);
    ts_err err = ts_exercise_transcript(s, &text);
    if (err == TS_OK) {
        err = ts_exercise_add_file(m, "transcript.txt", text.data, text.len);
    }
    const ts_chan *ch = ts_session_chan(s);
    for (size_t n = 1; err == TS_OK && n <= ts_chan_count(ch); n++) {
        const ts_chan_record *r = ts_chan_get(ch, n);
        char *hex = ts_hex_strdup(r->sent.data, r->sent.len);
        char head[128];
        int k = snprintf(head, sizeof(head), "%zu %s %s ", n,
                         r->dir == TS_DIR_C2S ? "c2s" : "s2c", r->type_name);
        err = hex == NULL ? TS_ERR_NOMEM : ts_buf_write_bytes(&records, (uint8_t *)head, (size_t)k);
        if (err == TS_OK) {
            err = ts_buf_write_bytes(&records, (uint8_t *)hex, strlen(hex));
        }
        if (err == TS_OK) {
            err = ts_buf_write_u8(&records, '\n');
        }
        free(hex);
    }
    if (err == TS_OK) {
        err = ts_exercise_add_file(m, "records.txt", records.data, records.len);
    }
    if (err == TS_OK) {
        err = ts_exercise_add_cert(m, "server.pem", ts_session_server_der(s));
    }
    if (err == TS_OK) {
        err = ts_exercise_add_cert(m, "ca.pem", ts_session_ca_der(s));
    }
    if (err == TS_OK) {
        err = ts_exercise_fact(m, N_("suite ecdhe; record #%zu is the ServerKeyExchange; the client "
                                  "skips its signature check"),
                               record_of(s, "ServerKeyExchange"));
    }
    ts_buf_free(&text);
    ts_buf_free(&records);
    ts_session_free(s);
    return err;
}

/* Runs the session with the student's record in place of the server's. */
static ts_err run_with(const char *seed, bool flawed, const ts_buf *rec, ts_session **out)
{
    ts_session_config cfg = config(seed, flawed);
    ts_session *plain = NULL;
    TS_GUARD(ts_exercise_run(&cfg, NULL, 0, &plain));
    size_t n = record_of(plain, "ServerKeyExchange");
    ts_session_free(plain);
    TS_ENSURE(n > 0, TS_ERR_UNEXPECTED);
    ts_action act = {.kind = TS_ACT_EDIT, .record = n, .bytes = rec->data, .len = rec->len};
    return ts_exercise_run(&cfg, &act, 1, out);
}

/* The value name that side derived in s's last run, or NULL. */
static const ts_step *value_of(const ts_session *s, const char *name)
{
    const ts_step *st = ts_trace_find(ts_session_trace(s), name, TS_SIDE_CLIENT);
    return st != NULL && st->ev.kind == TS_EV_VALUE ? st : NULL;
}

static ts_err decide(const char *seed, const ts_buf *rec, const uint8_t key[TS_X25519_LEN],
                     ts_exercise_verdict *v)
{
    ts_session *flawed = NULL, *strict = NULL;
    TS_GUARD(run_with(seed, true, rec, &flawed));
    ts_err err = run_with(seed, false, rec, &strict);
    if (err != TS_OK) {
        ts_session_free(flawed);
        return err;
    }
    const ts_step *share = value_of(flawed, "client_share");
    const ts_step *pms = value_of(flawed, "premaster_secret");
    const ts_step *fin = ts_trace_find(ts_session_trace(flawed), "client_finished", TS_SIDE_CLIENT);
    uint8_t mine[TS_X25519_LEN];
    bool known = share != NULL && pms != NULL && share->ev.value_len == TS_X25519_LEN &&
                 pms->ev.value_len == TS_X25519_LEN &&
                 ts_x25519_shared(key, share->ev.value, mine) == TS_OK &&
                 ts_secret_equal(mine, pms->ev.value, TS_X25519_LEN);
    ts_secret_wipe(mine, sizeof(mine));
    ts_err chk = TS_OK;
    bool strict_ran = ts_exercise_client_check(strict, "ske_signature", &chk);
    const ts_result *sr = ts_session_result(strict);
    char line[TS_EXERCISE_LINE];
    if (share == NULL || pms == NULL) {
        ts_exercise_result_line(flawed, v->lang, line, sizeof(line));
        ts_exercise_verdict_set(v, false, N_("the flawed client never used a share from your "
                                          "record: %s"), line);
    } else if (!known) {
        ts_exercise_verdict_set(v, false, N_("the client's premaster is not X25519(your key, its "
                                          "share): the share in your record is not your key's"));
    } else if (fin == NULL) {
        ts_exercise_verdict_set(v, false, N_("the client computed your premaster but never sent "
                                          "Finished"));
    } else if (!strict_ran || chk == TS_OK || sr->alert != 51) {
        ts_exercise_result_line(strict, v->lang, line, sizeof(line));
        ts_exercise_verdict_set(v, false, N_("a checking client should refuse your record with "
                                          "decrypt_error (51), but: %s"), line);
    } else {
        ts_exercise_verdict_set(v, true,
                                N_("the flawed client took your X25519 share behind the real "
                                "certificate: its premaster is X25519(your key, its share), so "
                                "you hold every session key; a checking client sent "
                                "decrypt_error (51)"));
    }
    ts_session_free(flawed);
    ts_session_free(strict);
    return TS_OK;
}

static ts_err check(const char *seed, const uint8_t *answer, size_t len, ts_exercise_verdict *v)
{
    char *text = ts_exercise_answer_text(answer, len);
    TS_ENSURE(text != NULL, TS_ERR_NOMEM);
    char *rec_hex = malloc(2 * MAX_RECORD + 16);
    char key_hex[128];
    ts_buf rec, key;
    ts_buf_init(&rec);
    ts_buf_init(&key);
    ts_err err = rec_hex == NULL ? TS_ERR_NOMEM : TS_OK;
    if (err == TS_OK &&
        (!ts_exercise_answer_field(text, "record", rec_hex, 2 * MAX_RECORD + 16) ||
         !ts_exercise_answer_field(text, "key", key_hex, sizeof(key_hex)) ||
         ts_hex_decode(rec_hex, &rec, NULL) != TS_OK || ts_hex_decode(key_hex, &key, NULL) != TS_OK ||
         rec.len < 5 || key.len != TS_X25519_LEN)) {
        ts_exercise_verdict_set(v, false, N_("answer must be two lines: 'record HEX' (the whole "
                                          "ServerKeyExchange record) and 'key HEX' (32 bytes)"));
    } else if (err == TS_OK) {
        err = decide(seed, &rec, key.data, v);
    }
    ts_buf_free(&rec);
    ts_secret_free_buf(&key);
    ts_secret_wipe(key_hex, sizeof(key_hex));
    free(rec_hex);
    ts_exercise_answer_free(text, len);
    return err;
}

const ts_exercise ts_exercise_goto_fail = {
    .id = "goto-fail",
    .title = N_("A client that skips the ServerKeyExchange signature check"),
    /* The lesson's exercise.incident, word for word: ts_tr finds either. */
    .incident = N_("Apple \"goto fail\", CVE-2014-1266 (iOS 7.0.6, OS X 10.9.2), February 2014"),
    .answer = N_("two lines: 'record HEX' (your ServerKeyExchange record) and 'key HEX' (your X25519 "
              "private key)"),
    .material = material,
    .check = check,
};
