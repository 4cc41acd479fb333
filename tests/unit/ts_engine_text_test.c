/* Every sentence the engine writes for a person, read back in Korean.
 *
 * Runs a session of every usable suite, with extended master secret, with
 * the client's flaws, with tampered, dropped and replayed records, and
 * collects what a front end shows from them: each event's how and formula,
 * each record's crossing line and the notes among its decoded fields, each
 * result's reason; then the reasons ts_action_parse and
 * ts_x509_verify_chain give and the names front ends show (sides, record
 * states, directions, results). ts_tr_text(TS_LANG_KO, ...) of each must
 * leave no English word: the words allowed are those tests/i18n/
 * english_left.py allows (protocol names, identifiers, hex, acronyms) and
 * the notation of formulas. A protocol value among the fields ("handshake
 * (22)") stays English by design and is not checked. Every text left
 * English is printed, then the test fails; TS_ENGINE_TEXT_DUMP=1 in the
 * environment prints every text and its Korean, to read them. */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/ts_i18n.h"
#include "base/ts_templates.h"
#include "crypto/attack/ts_oracle.h"
#include "crypto/ts_x509.h"
#include "crypto/ts_x509_parse.h"
#include "simulation/ts_action_parse.h"
#include "simulation/ts_session.h"

/* tests/i18n/english_left.py's ALLOW, word for word. */
static const char *const allow_shared =
    "TLS SSL SSLv2 SSLv3 DTLS HTTPS HTTP GET POST HEAD OK Host Content Type Length Server "
    "Connection ClientHello ServerHello Certificate CertificateRequest CertificateVerify "
    "ServerKeyExchange ClientKeyExchange ServerHelloDone ChangeCipherSpec Finished HelloRequest "
    "NewSessionTicket EncryptedExtensions HelloRetryRequest KeyUpdate ApplicationData Alert "
    "Handshake RSA DHE ECDHE DH ECDH ECDSA DSA PSS PKCS AES GCM CBC CHACHA ChaCha ChaCha20 "
    "Poly1305 POLY SHA SHA1 SHA256 SHA384 SHA512 MD5 HMAC PRF HKDF AEAD MAC IV CA PKI DER PEM "
    "ASN BER OID X25519 x25519 ffdhe ffdhe2048 ffdhe3072 ffdhe4096 ffdhe6144 ffdhe8192 NULL null "
    "X509 CN SAN OU DN UTC GMT RFC CVE NIST FIPS IANA BEAST ROBOT POODLE DROWN FREAK Logjam "
    "Bleichenbacher Fermat GCD Hastad Apple goto fail Heartbleed Debian OpenSSL openssl curl "
    "GnuTLS gnutls Wireshark wireshark tshark NSS SSLKEYLOGFILE pcap pcapng JSON YAML Markdown "
    "UTF ASCII ID id hex base64 Base64 tlsstep PID TCP IP IPv4 IPv6 localhost NO_COLOR OSC tmux "
    "e n p g G q a l d r y j k h x c s v w t u m i o b f z "
    "Enter Esc Tab Backspace PgUp PgDn Home End Space Ctrl Alt Shift Del "
    "CLIENT_RANDOM SHA-256 SHA-384 GMP libsodium ncurses ncursesw Diffie-Hellman DigestInfo "
    "RSA-encrypt RSA-decrypt RSA-sign RSA-verify pad mac phi mod gcd "
    "HKDF-Extract HKDF-Expand HKDF-Expand-Label Expand-Label Derive-Secret IKM PRK TLS13-KDF "
    "Transcript-Hash RSA-PSS-sign RSA-PSS-verify TLSInnerPlaintext ";

/* english_left.py's NOTATION: a function of an RFC's notation whose
 * arguments stay as the RFC names them, HKDF-Extract(salt, IKM). */
static const char *const notation[] = {"HKDF-Extract", "HKDF-Expand-Label", "HKDF-Expand",
                                       "Derive-Secret", "Transcript-Hash", "PRF", "HMAC"};

/* Words the engine's texts keep in English on purpose: the notation of
 * formulas (functions, operators and their operands: "g^a mod p",
 * "HKDF-Extract(salt = 0, IKM = 0)",
 * "RSA-sign(..., params)", "SHA-256(body)", "key_block[0 .. mac)"), and
 * protocol and X.509 names that a text quotes ("{sha1, rsa}" of RFC 5246,
 * the point format "uncompressed", the RFC's ServerECDHParams, the
 * basicConstraints flag "cA", the extension "keyUsage"). */
static const char *const allow_engine =
    "mod pad body params mac RSA-encrypt RSA-decrypt RSA-sign rsa uncompressed "
    "ServerECDHParams ServerDHParams cA keyUsage "
    /* RFC 8446's functions and their arguments as it names them:
     * HKDF-Extract(salt, IKM), HKDF-Expand-Label(Secret, ...) */
    "HKDF-Extract HKDF-Expand-Label Derive-Secret Transcript-Hash RSA-PSS-sign salt secret ";

static bool in_list(const char *list, const char *w, size_t n)
{
    for (const char *p = list; *p != '\0';) {
        const char *end = strchr(p, ' ');
        size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
        if (len == n && memcmp(p, w, n) == 0) {
            return true;
        }
        p += len + (end != NULL);
    }
    return false;
}

static bool word_char(char c)
{
    return isalnum((unsigned char)c) || strchr("'_.-/:#=+", c) != NULL;
}

/* english_left.py's allowed(): w (n bytes) needs no translation. */
static bool allowed(const char *w, size_t n)
{
    while (n > 0 && strchr(".:-/=#+'", w[0]) != NULL) {
        w++;
        n--;
    }
    while (n > 0 && strchr(".:-/=#+'", w[n - 1]) != NULL) {
        n--;
    }
    if (n == 0 || in_list(allow_shared, w, n) || in_list(allow_engine, w, n)) {
        return true;
    }
    char lower[64];
    if (n < sizeof(lower)) {
        for (size_t i = 0; i < n; i++) {
            lower[i] = (char)tolower((unsigned char)w[i]);
        }
        if (in_list(allow_shared, lower, n)) {
            return true;
        }
    }
    bool upper = true, hex = true;
    for (size_t i = 0; i < n; i++) {
        char c = w[i];
        if (c == '_' || c == '/' || c == '=' || c == ':' || (c == '.' && i > 0) ||
            isdigit((unsigned char)c)) {
            return true; /* identifiers, paths, key=value, TLS1.2, 0x0303 */
        }
        upper = upper && isupper((unsigned char)c);
        hex = hex && isxdigit((unsigned char)c);
    }
    return (hex && n >= 4) || (upper && n <= 6);
}

/* Writes the English words of text (outside "quoted labels") into out,
 * space-separated; returns how many. */
static size_t english_words(const char *text, char *out, size_t cap)
{
    size_t found = 0, used = 0;
    bool quoted = false;
    out[0] = '\0';
    for (size_t i = 0; text[i] != '\0';) {
        char c = text[i];
        if (c == '"') {
            quoted = !quoted;
            i++;
            continue;
        }
        if (c == '-' && text[i + 1] == '-' && isalpha((unsigned char)text[i + 2])) {
            i += 2; /* an option, "--no-verify": a command's word */
            while (isalnum((unsigned char)text[i]) || text[i] == '-') {
                i++;
            }
            continue;
        }
        if (quoted || !isalpha((unsigned char)c)) {
            i++;
            continue;
        }
        size_t n = 0;
        while (text[i + n] != '\0' && word_char(text[i + n])) {
            n++;
        }
        if (text[i + n] == '(' && (i == 0 || !word_char(text[i - 1]))) {
            const char *close = strchr(text + i + n + 1, ')');
            const char *open = strchr(text + i + n + 1, '(');
            for (size_t k = 0; close != NULL && (open == NULL || close < open) &&
                               k < sizeof(notation) / sizeof(notation[0]);
                 k++) {
                if (strlen(notation[k]) == n && memcmp(notation[k], text + i, n) == 0) {
                    n = (size_t)(close + 1 - (text + i)); /* the call, arguments and all */
                    break;
                }
            }
            if (text[i + n - 1] == ')') {
                i += n;
                continue;
            }
        }
        if (!allowed(text + i, n)) {
            found++;
            int k = snprintf(out + used, cap - used, "%s%.*s", used ? " " : "", (int)n, text + i);
            used += k > 0 && (size_t)k < cap - used ? (size_t)k : 0;
        }
        i += n;
    }
    return found;
}

/* --- the texts collected --- */

typedef struct {
    char *text;
    char where[64];
} item;

static struct {
    item *items;
    size_t n, cap;
} texts;

static void add(const char *where, const char *text)
{
    if (text == NULL || text[0] == '\0') {
        return;
    }
    for (size_t i = 0; i < texts.n; i++) {
        if (strcmp(texts.items[i].text, text) == 0) {
            return;
        }
    }
    if (texts.n == texts.cap) {
        texts.cap = texts.cap ? 2 * texts.cap : 256;
        texts.items = realloc(texts.items, texts.cap * sizeof(*texts.items));
        assert_non_null(texts.items);
    }
    item *it = &texts.items[texts.n++];
    it->text = strdup(text);
    assert_non_null(it->text);
    snprintf(it->where, sizeof(it->where), "%s", where);
}

/* A protocol value as the decoders write it, "name (22)", "TLS 1.2
 * (0x0303)": stays English. */
static bool protocol_value(const char *v)
{
    size_t n = strlen(v);
    const char *open = strrchr(v, '(');
    if (n < 4 || v[n - 1] != ')' || open == NULL || open == v || open[-1] != ' ' ||
        strstr(v, ", ") != NULL) {
        return false;
    }
    const char *p = open + 1;
    if (p[0] == '0' && p[1] == 'x') {
        p += 2;
    }
    for (; *p != ')'; p++) {
        if (!isxdigit((unsigned char)*p)) {
            return false;
        }
    }
    return true;
}

static void add_fields(const char *where, const ts_fields *f)
{
    for (size_t i = 0; i < f->n; i++) {
        const ts_field *it = &f->items[i];
        if (strcmp(it->name, "http") != 0 && !protocol_value(it->value)) {
            add(where, it->value);
        }
    }
}

/* Everything a front end shows of session s's last run. */
static void collect(const char *label, const ts_session *s)
{
    char where[64];
    const ts_trace *t = ts_session_trace(s);
    for (size_t i = 0; i < ts_trace_count(t); i++) {
        const ts_event *ev = &ts_trace_get(t, i)->ev;
        snprintf(where, sizeof(where), "%s: %s", label, ev->name != NULL ? ev->name : "?");
        add(where, ev->how);
        add(where, ev->formula);
    }
    const ts_chan *ch = ts_session_chan(s);
    for (size_t n = 1; n <= ts_chan_count(ch); n++) {
        const ts_chan_record *rec = ts_chan_get(ch, n);
        snprintf(where, sizeof(where), "%s: record #%zu", label, n);
        add_fields(where, &rec->fields);
        add_fields(where, &rec->plain_fields);
    }
    snprintf(where, sizeof(where), "%s: result", label);
    add(where, ts_session_result(s)->reason);
}

static ts_session *run(const ts_session_config *base, const ts_action *acts, size_t n)
{
    ts_session_config cfg = *base;
    cfg.seed = cfg.seed != NULL ? cfg.seed : "engine-text";
    cfg.bits = ts_suite_is_tls13(cfg.suite) ? 640 : 512; /* RSA-PSS needs 528 bits */
    ts_session *s;
    assert_int_equal(ts_session_new(&cfg, &s), TS_OK);
    assert_int_equal(ts_session_set_actions(s, acts, n), TS_OK);
    assert_int_equal(ts_session_run(s), TS_OK);
    return s;
}

/* The first record whose type name starts with name, or 0. */
static size_t find_record(const ts_session *s, const char *name)
{
    const ts_chan *ch = ts_session_chan(s);
    for (size_t n = 1; n <= ts_chan_count(ch); n++) {
        if (strncmp(ts_chan_get(ch, n)->type_name, name, strlen(name)) == 0) {
            return n;
        }
    }
    return 0;
}

static void collect_runs(void)
{
    ts_session_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    for (int i = 0; i < TS_SUITE_COUNT; i++) {
        cfg.suite = ts_suite_get((ts_suite_id)i);
        if (!ts_suite_usable(cfg.suite)) {
            continue;
        }
        for (int ems = 0; ems < 2; ems++) {
            cfg.ems = ems;
            ts_session *s = run(&cfg, NULL, 0);
            assert_int_equal(ts_session_result(s)->kind, TS_RESULT_OK);
            collect(cfg.suite->cli_name, s);
            ts_session_free(s);
        }
    }
    /* TLS 1.3 with a HelloRetryRequest (the server requires ffdhe2048) and KeyUpdate */
    cfg = (ts_session_config){.suite = ts_suite_get(TS_SUITE_TLS13_CHACHA), .group = 0x0100,
                              .key_update = true};
    ts_session *hrr = run(&cfg, NULL, 0);
    assert_int_equal(ts_session_result(hrr)->kind, TS_RESULT_OK);
    collect("tls13-chacha ffdhe2048 key-update", hrr);
    ts_session_free(hrr);
    cfg = (ts_session_config){.suite = ts_suite_get(TS_SUITE_ECDHE), .no_verify = true,
                              .skip_ske_check = true, .offer_one = true};
    ts_session *s = run(&cfg, NULL, 0);
    collect("flawed client", s);
    ts_session_free(s);

    /* a clean run names the records the actions below aim at */
    cfg = (ts_session_config){.suite = ts_suite_get(TS_SUITE_ECDHE)};
    ts_session *clean = run(&cfg, NULL, 0);
    size_t count = ts_chan_count(ts_session_chan(clean));
    size_t cert = find_record(clean, "Certificate");
    size_t ske = find_record(clean, "ServerKeyExchange");
    size_t app = find_record(clean, "ApplicationData");
    size_t fin = find_record(clean, "Finished");
    assert_true(count >= 6 && cert > 0 && ske > 0 && app > 0 && fin > 0);
    ts_session_free(clean);
    const ts_action acts[][2] = {
        {{.kind = TS_ACT_TAMPER, .record = 1, .offset = 0, .xor_mask = 0x80}},  /* type */
        {{.kind = TS_ACT_TAMPER, .record = 1, .offset = 1, .xor_mask = 0x01}},  /* version */
        {{.kind = TS_ACT_TAMPER, .record = 1, .offset = 3, .xor_mask = 0x40}},  /* length */
        {{.kind = TS_ACT_TAMPER, .record = 1, .offset = 5, .xor_mask = 0x03}},  /* hs type */
        {{.kind = TS_ACT_TAMPER, .record = 1, .offset = 20, .xor_mask = 0x01}}, /* random */
        {{.kind = TS_ACT_TAMPER, .record = cert, .offset = 40, .xor_mask = 0x01}},
        {{.kind = TS_ACT_TAMPER, .record = ske, .offset = 60, .xor_mask = 0x01}},
        {{.kind = TS_ACT_TAMPER, .record = fin, .offset = 20, .xor_mask = 0x01}},
        {{.kind = TS_ACT_TAMPER, .record = app, .offset = 20, .xor_mask = 0x01}},
        {{.kind = TS_ACT_DROP, .record = 2}},
        {{.kind = TS_ACT_DROP, .record = count - 2}, {.kind = TS_ACT_DROP, .record = count - 1}},
        {{.kind = TS_ACT_REPLAY, .record = 1}},
        {{.kind = TS_ACT_REPLAY, .record = app}},
    };
    for (size_t i = 0; i < sizeof(acts) / sizeof(acts[0]); i++) {
        char label[32];
        snprintf(label, sizeof(label), "actions %zu", i);
        s = run(&cfg, acts[i], acts[i][1].record != 0 ? 2 : 1);
        collect(label, s);
        ts_session_free(s);
    }
}

/* The reasons given for a wrong --tamper, --drop or --replay. */
static void collect_action_reasons(void)
{
    static const struct {
        ts_action_kind kind;
        const char *text;
    } bad[] = {
        {TS_ACT_TAMPER, "1,2"},   {TS_ACT_TAMPER, ",2,ff"},  {TS_ACT_TAMPER, "x,2,ff"},
        {TS_ACT_TAMPER, "1,,ff"}, {TS_ACT_TAMPER, "1,-1,ff"}, {TS_ACT_TAMPER, "1,2,"},
        {TS_ACT_TAMPER, "1,2,1g"}, {TS_ACT_TAMPER, "1,2,00"}, {TS_ACT_DROP, ""},
        {TS_ACT_REPLAY, "0"},     {TS_ACT_EDIT, "1"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        ts_action a;
        char why[TS_ACTION_WHY_CAP];
        assert_int_equal(ts_action_parse(bad[i].kind, bad[i].text, &a, why, sizeof(why)),
                         TS_ERR_ARG);
        add("action reason", why);
    }
    ts_action a;
    char why[TS_ACTION_WHY_CAP];
    assert_int_equal(ts_action_parse(TS_ACT_DROP, NULL, &a, why, sizeof(why)), TS_ERR_ARG);
    add("action reason", why);
}

/* The certificate checks' explanations, passing and failing. */
static void collect_x509_reasons(void)
{
    ts_session_config cfg = {.suite = ts_suite_get(TS_SUITE_ECDHE)};
    ts_session *s = run(&cfg, NULL, 0);
    const ts_buf *sd = ts_session_server_der(s), *cd = ts_session_ca_der(s);
    ts_cert server, ca;
    assert_int_equal(ts_x509_parse(sd->data, sd->len, &server), TS_OK);
    assert_int_equal(ts_x509_parse(cd->data, cd->len, &ca), TS_OK);
    const ts_session_config *in = ts_session_config_of(s);
    const struct {
        const ts_cert *leaf, *anchor;
        const char *host;
        ts_time now;
    } cases[] = {
        {&server, &ca, in->host, in->now},                /* passes */
        {&server, &ca, "other.example", in->now},         /* host */
        {&server, &ca, in->host, in->now + 400 * 86400LL * 365}, /* expired */
        {&server, &ca, in->host, 86400},                  /* not yet valid */
        {&server, &server, in->host, in->now},            /* issuer */
        {&ca, &ca, in->host, in->now},                    /* a CA as leaf */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *why = NULL;
        (void)ts_x509_verify_chain(cases[i].leaf, cases[i].anchor, cases[i].host, cases[i].now,
                                   false, &why);
        add("x509 reason", why);
    }
    ts_x509_free(&server);
    ts_x509_free(&ca);
    ts_session_free(s);
}

/* Names a front end shows beside the sentences. */
static void collect_names(void)
{
    for (int side = TS_SIDE_CLIENT; side <= TS_SIDE_ATTACKER; side++) {
        add("side", ts_side_name((ts_side)side));
    }
    for (int st = TS_REC_SEALED; st <= TS_REC_DROPPED; st++) {
        add("record state", ts_rec_status_name((ts_rec_status)st));
    }
    add("direction", ts_dir_arrow(TS_DIR_C2S));
    add("direction", ts_dir_arrow(TS_DIR_S2C));
    for (int k = TS_RESULT_OK; k <= TS_RESULT_WRONG; k++) {
        add("result", ts_result_kind_name((ts_result_kind)k));
    }
    add("oracle", ts_oracle_strength_name(TS_ORACLE_PKCS1));
    add("oracle", ts_oracle_strength_name(TS_ORACLE_PREFIX));
    /* the bytes left unauthenticated: the first ClientHello's, the
     * ServerHello's and the HelloRetryRequest's record version */
    ts_session_config cfg = {.suite = ts_suite_get(TS_SUITE_TLS13_CHACHA), .group = 0x0100};
    for (int hrr = 0; hrr <= 1; hrr++) {
        cfg.group = hrr ? 0x0100 : 0;
        ts_session *s = run(&cfg, NULL, 0);
        add("unauthenticated", ts_chan_unauthenticated(ts_session_chan(s), 1, 2));
        add("unauthenticated", ts_chan_unauthenticated(ts_session_chan(s), 2, 2));
        ts_session_free(s);
    }
}

static void test_every_engine_text_in_korean(void **state)
{
    (void)state;
    collect_runs();
    collect_action_reasons();
    collect_x509_reasons();
    collect_names();
    size_t checked = 0, left = 0;
    for (size_t i = 0; i < texts.n; i++) {
        const char *en = texts.items[i].text;
        char words[256], out[1024];
        if (english_words(en, words, sizeof(words)) == 0) {
            continue; /* nothing to translate: names, numbers, notation */
        }
        checked++;
        const char *ko = ts_tr_text(TS_LANG_KO, en, out, sizeof(out));
        if (getenv("TS_ENGINE_TEXT_DUMP") != NULL) { /* to read them all */
            print_message("[%s] %s\n    %s\n", texts.items[i].where, en, ko);
        }
        if (english_words(ko, words, sizeof(words)) > 0) {
            left++;
            print_message("English left [%s]: \"%s\" -> \"%s\" (%s)\n", texts.items[i].where, en,
                          ko, words);
        }
    }
    print_message("%zu engine texts, %zu with words to translate, %zu left English\n", texts.n,
                  checked, left);
    for (size_t i = 0; i < texts.n; i++) {
        free(texts.items[i].text);
    }
    free(texts.items);
    /* the runs above reach the sentences of every kind (a weak check
     * would pass on an empty collection) */
    assert_true(checked >= 60);
    assert_int_equal(left, 0);
}

/* Each template, filled, is read back by that template and no other: the
 * Korean is its own translation filled with the same arguments, so no
 * template earlier in TS_TEMPLATE_LIST takes its sentences. */
static void test_each_template_reads_as_itself(void **state)
{
    (void)state;
    const char *words[] = {"Alpha", "Beta", "Gamma", "Delta", "Eps", "Zeta"};
    const char *nums[] = {"17", "23", "29", "31", "37", "41"};
    for (size_t t = 0; t < ts_templates_count; t++) {
        const char *fill[6];
        size_t k = 0;
        for (const char *p = ts_templates[t]; *p != '\0' && k < 6; p++) {
            if (p[0] == '%' && p[1] == '%') {
                p++;
            } else if (p[0] == '%') {
                const char *q = p + 1;
                while (*q == 'z' || *q == 'l' || *q == 'h') {
                    q++;
                }
                fill[k] = *q == 's' ? words[k] : nums[k];
                k++;
            }
        }
        char english[512], want[512], out[512];
        ts_i18n_fill(english, sizeof(english), ts_templates[t], fill, k);
        ts_i18n_fill(want, sizeof(want), ts_tr(TS_LANG_KO, ts_templates[t]), fill, k);
        const char *ko = ts_tr_text(TS_LANG_KO, english, out, sizeof(out));
        if (strcmp(ko, want) != 0) {
            fail_msg("template %zu \"%s\": \"%s\" reads as \"%s\", not \"%s\"", t,
                     ts_templates[t], english, ko, want);
        }
        assert_string_not_equal(want, english); /* translated at all */
    }
}

/* A protocol name inside a note stays as it is, even one the catalogue
 * holds as a word ("padding", the extension, is also a lesson's step). */
static void test_protocol_names_stay(void **state)
{
    (void)state;
    char out[256];
    assert_string_equal(ts_tr_text(TS_LANG_KO, "padding (21), 5 bytes", out, sizeof(out)),
                        "padding (21), 5바이트");
    assert_string_equal(ts_tr_text(TS_LANG_KO, "the client sent a fatal handshake_failure alert",
                                   out, sizeof(out)),
                        "클라이언트가 치명적 경고를 보냈습니다: handshake_failure");
}

/* The checker itself: English is found, Korean and notation are not. */
static void test_checker(void **state)
{
    (void)state;
    char w[256];
    assert_int_equal(english_words("the client waits", w, sizeof(w)), 3);
    assert_string_equal(w, "the client waits");
    assert_int_equal(english_words("클라이언트가 기다립니다", w, sizeof(w)), 0);
    assert_int_equal(english_words("PRF(master_secret, \"key expansion\", client_random)", w,
                                   sizeof(w)),
                     0);
    assert_int_equal(english_words("g^a mod p", w, sizeof(w)), 0);
    assert_int_equal(english_words("#3 클라이언트 → 서버 ClientHello 전달됨", w, sizeof(w)), 0);
    assert_int_equal(english_words("12바이트 (tampered)", w, sizeof(w)), 1);
    assert_int_equal(english_words("(--no-verify) 01..FF", w, sizeof(w)), 0);
    assert_true(protocol_value("handshake (22)"));
    assert_true(protocol_value("TLS 1.2 (0x0303)"));
    assert_false(protocol_value("server_name (0), 14 bytes"));
    assert_false(protocol_value("96 (48 suites)"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checker),
        cmocka_unit_test(test_each_template_reads_as_itself),
        cmocka_unit_test(test_protocol_names_stay),
        cmocka_unit_test(test_every_engine_text_in_korean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
