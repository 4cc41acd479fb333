/* ts_x509: the simulation clock and certificate times, certificate
 * signature and chain checks, and PEM. The calendar arithmetic is Howard
 * Hinnant's days_from_civil / civil_from_days ("chrono-Compatible Low-Level
 * Date Algorithms"): no timegm, no system clock. */
#include "crypto/ts_x509.h"

#include <stdio.h>
#include <string.h>

#include "crypto/ts_der.h"
#include "crypto/ts_hash.h"
#include "crypto/ts_pem.h"
#include "crypto/ts_rsa_pkcs1.h"

/* --- time --- */

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2 ? 1 : 0;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2 ? 1 : 0);
}

static int days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

ts_err ts_x509_time_from_civil(const ts_civil *c, ts_time *out)
{
    TS_ENSURE(c != NULL && out != NULL, TS_ERR_ARG);
    TS_ENSURE(c->year >= 0 && c->year <= 9999, TS_ERR_ARG);
    TS_ENSURE(c->month >= 1 && c->month <= 12, TS_ERR_ARG);
    TS_ENSURE(c->day >= 1 && c->day <= days_in_month(c->year, c->month), TS_ERR_ARG);
    TS_ENSURE(c->hour >= 0 && c->hour <= 23, TS_ERR_ARG);
    TS_ENSURE(c->minute >= 0 && c->minute <= 59, TS_ERR_ARG);
    TS_ENSURE(c->second >= 0 && c->second <= 59, TS_ERR_ARG);
    int64_t days = days_from_civil(c->year, (unsigned)c->month, (unsigned)c->day);
    *out = days * 86400 + c->hour * 3600 + c->minute * 60 + c->second;
    return TS_OK;
}

/* Seconds of 0000-01-01T00:00:00Z and of 10000-01-01T00:00:00Z. */
#define TIME_MIN (-62167219200LL)
#define TIME_END (253402300800LL)

ts_err ts_x509_time_to_civil(ts_time t, ts_civil *out)
{
    TS_ENSURE(out != NULL, TS_ERR_ARG);
    TS_ENSURE(t >= TIME_MIN && t < TIME_END, TS_ERR_ARG);
    int64_t days = t / 86400;
    int64_t secs = t % 86400;
    if (secs < 0) {
        secs += 86400;
        days -= 1;
    }
    int64_t y;
    unsigned m, d;
    civil_from_days(days, &y, &m, &d);
    out->year = (int)y;
    out->month = (int)m;
    out->day = (int)d;
    out->hour = (int)(secs / 3600);
    out->minute = (int)(secs / 60 % 60);
    out->second = (int)(secs % 60);
    return TS_OK;
}

void ts_x509_time_format(ts_time t, char out[32])
{
    ts_civil c;
    if (ts_x509_time_to_civil(t, &c) != TS_OK) {
        snprintf(out, 32, "%s", N_("out of range"));
        return;
    }
    snprintf(out, 32, "%04d-%02d-%02d %02d:%02d:%02d UTC", c.year, c.month, c.day, c.hour,
             c.minute, c.second);
}

ts_err ts_x509_write_time(ts_buf *b, ts_time t)
{
    ts_civil c;
    TS_GUARD(ts_x509_time_to_civil(t, &c));
    char text[20];
    bool utc = c.year >= 1950 && c.year <= 2049;
    int n = snprintf(text, sizeof(text), "%0*d%02d%02d%02d%02d%02dZ", utc ? 2 : 4,
                     utc ? c.year % 100 : c.year, c.month, c.day, c.hour, c.minute, c.second);
    TS_ENSURE(n == (utc ? 13 : 15), TS_ERR_ARG);
    return ts_der_write_tlv(b, utc ? TS_DER_UTC_TIME : TS_DER_GENERALIZED_TIME,
                            (const uint8_t *)text, (size_t)n);
}

/* Reads `digits` decimal digits from r into *v; TS_ERR_DER on anything else. */
static ts_err read_digits(ts_buf *r, unsigned digits, int *v)
{
    int x = 0;
    for (unsigned i = 0; i < digits; i++) {
        uint8_t ch;
        TS_ENSURE(ts_buf_read_u8(r, &ch) == TS_OK, TS_ERR_DER);
        TS_ENSURE(ch >= '0' && ch <= '9', TS_ERR_DER);
        x = x * 10 + (ch - '0');
    }
    *v = x;
    return TS_OK;
}

ts_err ts_x509_read_time(ts_buf *b, ts_time *t)
{
    ts_buf r = *b;
    uint8_t tag;
    ts_buf c;
    TS_ENSURE(ts_der_read_any(&r, &tag, &c, NULL) == TS_OK, TS_ERR_DER);
    TS_ENSURE(tag == TS_DER_UTC_TIME || tag == TS_DER_GENERALIZED_TIME, TS_ERR_DER);
    bool utc = tag == TS_DER_UTC_TIME;
    TS_ENSURE(ts_buf_remaining(&c) == (utc ? 13u : 15u), TS_ERR_DER);
    ts_civil cv;
    TS_GUARD(read_digits(&c, utc ? 2 : 4, &cv.year));
    if (utc) {
        cv.year += cv.year >= 50 ? 1900 : 2000;
    }
    TS_GUARD(read_digits(&c, 2, &cv.month));
    TS_GUARD(read_digits(&c, 2, &cv.day));
    TS_GUARD(read_digits(&c, 2, &cv.hour));
    TS_GUARD(read_digits(&c, 2, &cv.minute));
    TS_GUARD(read_digits(&c, 2, &cv.second));
    uint8_t z;
    TS_ENSURE(ts_buf_read_u8(&c, &z) == TS_OK && z == 'Z', TS_ERR_DER);
    ts_time v;
    TS_ENSURE(ts_x509_time_from_civil(&cv, &v) == TS_OK, TS_ERR_DER);
    *t = v;
    *b = r;
    return TS_OK;
}

/* --- verification --- */

ts_err ts_x509_verify_signature(const ts_cert *cert, const ts_rsa_key *issuer_pub, bool lax)
{
    TS_ENSURE(cert != NULL && issuer_pub != NULL, TS_ERR_ARG);
    TS_ENSURE(ts_der_oid_equal(&cert->sig_alg_oid, &TS_OID_SHA256_WITH_RSA), TS_ERR_X509);
    uint8_t digest[TS_SHA256_LEN];
    ts_hash(TS_HASH_SHA256, ts_buf_cursor(&cert->tbs), ts_buf_remaining(&cert->tbs), digest);
    const uint8_t *sig = ts_buf_cursor(&cert->signature);
    size_t sig_len = ts_buf_remaining(&cert->signature);
    ts_err err = lax ? ts_rsa_verify_lax(issuer_pub, TS_HASH_SHA256, digest, sig, sig_len)
                     : ts_rsa_verify(issuer_pub, TS_HASH_SHA256, digest, sig, sig_len);
    if (err == TS_OK || err == TS_ERR_NOMEM) {
        return err;
    }
    return TS_ERR_CERT_SIGNATURE;
}

static char ascii_lower(char ch)
{
    return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

static bool ascii_case_equal(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (ascii_lower(a[i]) != ascii_lower(b[i])) {
            return false;
        }
    }
    return true;
}

bool ts_x509_host_match(const char *pattern, size_t pattern_len, const char *host)
{
    if (pattern == NULL || host == NULL) {
        return false;
    }
    size_t host_len = strlen(host);
    if (pattern_len == 0 || host_len == 0 || strchr(host, '*') != NULL ||
        memchr(pattern, '\0', pattern_len) != NULL) {
        return false;
    }
    if (pattern_len >= 2 && pattern[0] == '*' && pattern[1] == '.') {
        /* "*.example.com": the rest must hold two labels and no other '*' */
        const char *rest = pattern + 1;
        size_t rest_len = pattern_len - 1;
        if (rest_len < 4 || memchr(rest + 1, '.', rest_len - 1) == NULL ||
            memchr(rest, '*', rest_len) != NULL) {
            return false;
        }
        const char *dot = strchr(host, '.');
        if (dot == NULL || dot == host) {
            return false;
        }
        size_t tail_len = host_len - (size_t)(dot - host);
        return tail_len == rest_len && ascii_case_equal(dot, rest, rest_len);
    }
    if (memchr(pattern, '*', pattern_len) != NULL) {
        return false;
    }
    return pattern_len == host_len && ascii_case_equal(pattern, host, host_len);
}

static bool label_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '-';
}

bool ts_x509_dns_name_valid(const char *name, bool allow_wildcard)
{
    if (name == NULL) {
        return false;
    }
    size_t len = strlen(name);
    if (len == 0 || len > 253) {
        return false;
    }
    size_t labels = 0;
    size_t i = 0;
    if (allow_wildcard && len > 2 && name[0] == '*' && name[1] == '.') {
        i = 2;
    }
    while (i <= len) {
        size_t start = i;
        while (i < len && name[i] != '.') {
            if (!label_char(name[i])) {
                return false;
            }
            i++;
        }
        size_t n = i - start;
        if (n == 0 || n > 63 || name[start] == '-' || name[i - 1] == '-') {
            return false;
        }
        labels++;
        i++; /* past the dot, or past the end */
    }
    return !(name[0] == '*' && labels < 2);
}

bool ts_x509_names_host(const ts_cert *c, const char *host)
{
    if (c == NULL || host == NULL) {
        return false;
    }
    if (c->n_dns == 0) {
        return ts_x509_host_match(c->subject_cn, strlen(c->subject_cn), host);
    }
    ts_buf r = c->san;
    while (ts_buf_remaining(&r) > 0) {
        uint8_t tag;
        ts_buf name;
        if (ts_der_read_any(&r, &tag, &name, NULL) != TS_OK) {
            return false;
        }
        if (tag == 0x82 && ts_x509_host_match((const char *)ts_buf_cursor(&name),
                                              ts_buf_remaining(&name), host)) {
            return true;
        }
    }
    return false;
}

static bool views_equal(const ts_buf *a, const ts_buf *b)
{
    return ts_buf_remaining(a) == ts_buf_remaining(b) &&
           memcmp(ts_buf_cursor(a), ts_buf_cursor(b), ts_buf_remaining(a)) == 0;
}

static ts_err fail(ts_err err, const char *text, const char **why)
{
    if (why != NULL) {
        *why = text;
    }
    return err;
}

ts_err ts_x509_verify_chain(const ts_cert *server, const ts_cert *ca, const char *host,
                            ts_time now, bool lax, const char **why)
{
    if (server == NULL || ca == NULL || ca->pub == NULL) {
        return fail(TS_ERR_ARG, N_("no certificate to check"), why);
    }
    if (!views_equal(&server->issuer_raw, &ca->subject_raw)) {
        return fail(TS_ERR_CERT_ISSUER,
                    N_("the certificate's issuer is not the trusted CA (the names differ)"), why);
    }
    if (ts_buf_remaining(&server->aki) > 0 && ts_buf_remaining(&ca->ski) > 0 &&
        !views_equal(&server->aki, &ca->ski)) {
        return fail(TS_ERR_CERT_ISSUER,
                    N_("the certificate names the CA but another CA key (key identifiers differ)"),
                    why);
    }
    if (!ca->is_ca) {
        return fail(TS_ERR_CERT_CA, N_("the issuer is not a certificate authority (no cA flag)"),
                    why);
    }
    if (ca->has_key_usage && (ca->key_usage & TS_KU_KEY_CERT_SIGN) == 0) {
        return fail(TS_ERR_CERT_CA, N_("the CA's key may not sign certificates (keyUsage)"), why);
    }
    ts_err err = ts_x509_verify_signature(server, ca->pub, lax);
    if (err != TS_OK) {
        return fail(err == TS_ERR_NOMEM ? err : TS_ERR_CERT_SIGNATURE,
                    N_("the CA's signature on the certificate does not verify"), why);
    }
    if (now < server->not_before) {
        return fail(TS_ERR_CERT_EXPIRED, N_("the certificate is not yet valid"), why);
    }
    if (now > server->not_after) {
        return fail(TS_ERR_CERT_EXPIRED, N_("the certificate has expired"), why);
    }
    if (now < ca->not_before || now > ca->not_after) {
        return fail(TS_ERR_CERT_EXPIRED, N_("the CA certificate is not valid at this time"), why);
    }
    if (host != NULL && !ts_x509_names_host(server, host)) {
        return fail(TS_ERR_CERT_HOST, N_("the certificate does not name the host"), why);
    }
    return fail(TS_OK,
                N_("the certificate is signed by the trusted CA, in date, and names the host"),
                why);
}

/* --- PEM --- */

ts_err ts_x509_to_pem(const uint8_t *der, size_t n, ts_buf *out)
{
    return ts_pem_encode("CERTIFICATE", der, n, out);
}

ts_err ts_x509_from_pem(const char *pem, size_t len, ts_buf *der)
{
    TS_ENSURE(pem != NULL || len == 0, TS_ERR_ARG);
    return ts_pem_decode(pem, len, "CERTIFICATE", der);
}
