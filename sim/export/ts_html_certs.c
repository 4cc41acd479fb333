/* ts_html_certs: the run's certificates in the handout, decoded (the
 * server's, the client's in mutual TLS, then the CA's): names, serial, validity, key, extensions,
 * signature, and the PEM folded. */
#include "export/internal/ts_html_out.h"

#include "crypto/ts_x509.h"
#include "crypto/ts_x509_parse.h"

static void row(FILE *f, ts_lang lang, const char *label)
{
    fputs("<dt>", f);
    ts_html_tr(f, lang, label);
    fputs("</dt><dd>", f);
}

static void hex_row(FILE *f, ts_lang lang, const char *label, const ts_buf *b)
{
    if (b->len == 0) {
        return;
    }
    row(f, lang, label);
    fputs("<code class=\"hexval\">", f);
    ts_html_hex(f, b->data, b->len);
    fputs("</code></dd>", f);
}

static void name_row(FILE *f, ts_lang lang, const char *label, const char *cn, const char *org)
{
    row(f, lang, label);
    fputs("CN=", f);
    ts_html_str(f, cn);
    if (org[0] != '\0') {
        fputs(", O=", f);
        ts_html_str(f, org);
    }
    fputs("</dd>", f);
}

static void one(FILE *f, const ts_buf *der, const char *title, ts_lang lang)
{
    ts_cert c;
    if (der->len == 0 || ts_x509_parse(der->data, der->len, &c) != TS_OK) {
        return;
    }
    fputs("<section class=\"val\"><h3>", f);
    ts_html_tr(f, lang, title);
    fputs("</h3>\n<dl class=\"kv\">", f);
    name_row(f, lang, N_("subject"), c.subject_cn, c.subject_org);
    name_row(f, lang, N_("issuer"), c.issuer_cn, c.issuer_org);
    row(f, lang, N_("version"));
    fprintf(f, "%d</dd>", c.version);
    hex_row(f, lang, N_("serial number"), &c.serial);
    char t0[32], t1[32];
    ts_x509_time_format(c.not_before, t0);
    ts_x509_time_format(c.not_after, t1);
    row(f, lang, N_("valid"));
    ts_html_str(f, t0);
    fputs(" – ", f);
    ts_html_str(f, t1);
    fputs("</dd>", f);
    if (c.pub != NULL) {
        row(f, lang, N_("public key"));
        ts_html_fmt(f, ts_tr(lang, "RSA, %u bits"), ts_rsa_bits(c.pub));
        fputs("</dd>", f);
    }
    if (c.has_basic_constraints) {
        row(f, lang, N_("certificate authority"));
        ts_html_tr(f, lang, c.is_ca ? N_("yes") : N_("no"));
        fputs("</dd>", f);
    }
    for (size_t i = 0; i < c.n_dns && i < TS_X509_MAX_DNS; i++) {
        row(f, lang, N_("DNS name"));
        ts_html_str(f, c.dns_names[i]);
        fputs("</dd>", f);
    }
    hex_row(f, lang, N_("signature algorithm (OID bytes)"), &c.sig_alg_oid);
    hex_row(f, lang, N_("subject key identifier"), &c.ski);
    hex_row(f, lang, N_("authority key identifier"), &c.aki);
    hex_row(f, lang, N_("signature"), &c.signature);
    fputs("</dl>\n", f);
    ts_buf pem;
    ts_buf_init(&pem);
    if (ts_x509_to_pem(der->data, der->len, &pem) == TS_OK) {
        fputs("<details><summary>PEM</summary><pre>", f);
        ts_html_text(f, pem.data, pem.len);
        fputs("</pre></details>\n", f);
    }
    ts_buf_free(&pem);
    ts_x509_free(&c);
    fputs("</section>\n", f);
}

void ts_html_certs(FILE *f, const ts_session *s, ts_lang lang)
{
    one(f, ts_session_server_der(s), N_("The server's certificate"), lang);
    const ts_buf *client = ts_session_client_der(s);
    if (client != NULL && client->len > 0) {
        one(f, client, N_("The client's certificate (mutual TLS)"), lang);
        one(f, ts_session_ca_der(s),
            N_("The CA's certificate (the trust anchor of the client and of the server)"), lang);
        return;
    }
    one(f, ts_session_ca_der(s), N_("The CA's certificate (the client's trust anchor)"), lang);
}
