/* Unit tests for ts_x509, ts_x509_build and ts_x509_parse: times, building
 * and parsing back every field, each verification failure, malformed input
 * (every truncation, single-byte corruptions), and real certificates made
 * by OpenSSL and by Mbed TLS's test suite. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "crypto/ts_der.h"
#include "crypto/ts_hash.h"
#include "crypto/ts_rng.h"
#include "crypto/ts_rsa.h"
#include "crypto/ts_x509.h"
#include "crypto/ts_x509_build.h"
#include "crypto/ts_x509_parse.h"

#define NOW ((ts_time)1700000000) /* 2023-11-14 22:13:20 UTC (GNU date -u -d) */
#define DAY ((ts_time)86400)

/* Made with OpenSSL 3.0.x on 2026-11-22 (system clock of the test machine):
 *   openssl req -x509 -newkey rsa:1024 -nodes -sha256 -subj /CN=x \
 *       -addext basicConstraints=critical,CA:TRUE -days 3650 \
 *       -keyout k.pem -out o.pem
 * `openssl x509 -text` shows: notBefore Nov 22 10:42:52 2026 GMT, notAfter
 * Nov 19 10:42:52 2036 GMT, SKI = AKI = 82:75:DF:C9:A0:5E:FB:0E:82:AD:B0:34:
 * EB:F5:D7:C2:6A:7F:6B:47, Basic Constraints: critical CA:TRUE, no SAN. */
static const char openssl_pem[] =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIB9DCCAV2gAwIBAgIUHcqWyAyCa8XZG4+fC4GemA4biy0wDQYJKoZIhvcNAQEL\n"
    "BQAwDDEKMAgGA1UEAwwBeDAeFw0yNjExMjIxMDQyNTJaFw0zNjExMTkxMDQyNTJa\n"
    "MAwxCjAIBgNVBAMMAXgwgZ8wDQYJKoZIhvcNAQEBBQADgY0AMIGJAoGBANwWnyBv\n"
    "Vti51RpphXhzYZPmpPAD5tfoezu49EOYP+4T0TjVsRgTtFn9nuAN3LEdxG1pmIPC\n"
    "RSUfxItAFuMRfu07k+3CHWcpibk7GGGrmCUGWlzW4mCWfq/qVKZFZxl2oGDqP06o\n"
    "IJa5d/NI4SsqBojcc8jevAcgTstynCKpVdf/AgMBAAGjUzBRMB0GA1UdDgQWBBSC\n"
    "dd/JoF77DoKtsDTr9dfCan9rRzAfBgNVHSMEGDAWgBSCdd/JoF77DoKtsDTr9dfC\n"
    "an9rRzAPBgNVHRMBAf8EBTADAQH/MA0GCSqGSIb3DQEBCwUAA4GBAM3jniY/z6kk\n"
    "0D0e1Ei00Vv7dNPwvas6Bsvr7Vcz97VbwR1UvOdO8lpUfC8MBVH2Rs3t3ZV+Vg8K\n"
    "QIuY8j0iUz71/uilDdNe/0RAawbw6ByMRUyTAyLcLa9kUfk7JNj1j9uYq95hUMsR\n"
    "3FRkWQYqT+neCNRubTCV56L7LLuIxxyr\n"
    "-----END CERTIFICATE-----\n";
#define OPENSSL_NOT_BEFORE ((ts_time)1795344172) /* date -u -d "2026-11-22 10:42:52" +%s */
#define OPENSSL_NOT_AFTER ((ts_time)2110704172)  /* date -u -d "2036-11-19 10:42:52" +%s */

/* Mbed TLS test suite, tests/data_files/test-ca-sha256.crt (github.com/
 * Mbed-TLS/mbedtls): "C=NL, O=PolarSSL, CN=PolarSSL Test CA", self-signed,
 * sha256WithRSAEncryption, 2048 bits, Names in UTF8String. */
static const char mbedtls_ca_pem[] =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIDRDCCAiygAwIBAgIBAzANBgkqhkiG9w0BAQsFADA7MQswCQYDVQQGEwJOTDER\n"
    "MA8GA1UECgwIUG9sYXJTU0wxGTAXBgNVBAMMEFBvbGFyU1NMIFRlc3QgQ0EwHhcN\n"
    "MTkwMjEwMTQ0NDAwWhcNMjkwMjEwMTQ0NDAwWjA7MQswCQYDVQQGEwJOTDERMA8G\n"
    "A1UECgwIUG9sYXJTU0wxGTAXBgNVBAMMEFBvbGFyU1NMIFRlc3QgQ0EwggEiMA0G\n"
    "CSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQDA3zf8F7vglp0/ht6WMn1EpRagzSHx\n"
    "mdTs6st8GFgIlKXsm8WL3xoemTiZhx57wI053zhdcHgH057Zk+i5clHFzqMwUqny\n"
    "50BwFMtEonILwuVA+T7lpg6z+exKY8C4KQB0nFc7qKUEkHHxvYPZP9al4jwqj+8n\n"
    "YMPGn8u67GB9t+aEMr5P+1gmIgNb1LTV+/Xjli5wwOQuvfwu7uJBVcA0Ln0kcmnL\n"
    "R7EUQIN9Z/SG9jGr8XmksrUuEvmEF/Bibyc+E1ixVA0hmnM3oTDPb5Lc9un8rNsu\n"
    "KNF+AksjoBXyOGVkCeoMbo4bF6BxyLObyavpw/LPh5aPgAIynplYb6LVAgMBAAGj\n"
    "UzBRMA8GA1UdEwEB/wQFMAMBAf8wHQYDVR0OBBYEFLRa5KWz3tJS9rnVppUP6z68\n"
    "x/3/MB8GA1UdIwQYMBaAFLRa5KWz3tJS9rnVppUP6z68x/3/MA0GCSqGSIb3DQEB\n"
    "CwUAA4IBAQB8wWWa7kRMYyfCvze0ZoQXb7ebecECnB+kPWM2QMGvBi7Z5HGIZE6S\n"
    "ZYJ/9pd1o2lp3ey5zhwlXfAGhdqdYsO528n/xE52P29woPDLfgp3dKRn/9O4u+1N\n"
    "uLzFkK5gAOtgsW1DWLTYgCAsI9GvhnkRtKe6hBcUjAGDQvgp+B3qPX2uafJsi9ua\n"
    "KjOgLwq7RjYzPb0pJPCq/eq1oOMuQGmjnctlf67y4jDkkM8VR+vDcpU8E/8s+z0v\n"
    "mTNckpuDbCKrvFIu+HviIy9jgbu+u3H+yF4tS5brWeVPnOtfWjXKB/fZLfMJ0qX4\n"
    "PkwqUCeum9QeHVJV7/Gpxo6Ama/Y3E1q\n"
    "-----END CERTIFICATE-----\n";

/* Mbed TLS test suite, tests/data_files/server2-sha256.crt: "C=NL,
 * O=PolarSSL, CN=localhost", issued by the CA above (its issuer Name is in
 * PrintableString), 2019-02-10 14:44:06 .. 2029-02-10 14:44:06 UTC.
 * `openssl verify -attime 1700000000 -CAfile test-ca-sha256.crt` says OK. */
static const char mbedtls_server_pem[] =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIDNzCCAh+gAwIBAgIBAjANBgkqhkiG9w0BAQsFADA7MQswCQYDVQQGEwJOTDER\n"
    "MA8GA1UEChMIUG9sYXJTU0wxGTAXBgNVBAMTEFBvbGFyU1NMIFRlc3QgQ0EwHhcN\n"
    "MTkwMjEwMTQ0NDA2WhcNMjkwMjEwMTQ0NDA2WjA0MQswCQYDVQQGEwJOTDERMA8G\n"
    "A1UEChMIUG9sYXJTU0wxEjAQBgNVBAMTCWxvY2FsaG9zdDCCASIwDQYJKoZIhvcN\n"
    "AQEBBQADggEPADCCAQoCggEBAMFNo93nzR3RBNdJcriZrA545Do8Ss86ExbQWuTN\n"
    "owCIp+4ea5anUrSQ7y1yej4kmvy2NKwk9XfgJmSMnLAofaHa6ozmyRyWvP7BBFKz\n"
    "NtSj+uGxdtiQwWG0ZlI2oiZTqqt0Xgd9GYLbKtgfoNkNHC1JZvdbJXNG6AuKT2kM\n"
    "tQCQ4dqCEGZ9rlQri2V5kaHiYcPNQEkI7mgM8YuG0ka/0LiqEQMef1aoGh5EGA8P\n"
    "hYvai0Re4hjGYi/HZo36Xdh98yeJKQHFkA4/J/EwyEoO79bex8cna8cFPXrEAjya\n"
    "HT4P6DSYW8tzS1KW2BGiLICIaTla0w+w3lkvEcf36hIBMJcCAwEAAaNNMEswCQYD\n"
    "VR0TBAIwADAdBgNVHQ4EFgQUpQXoZLjc32APUBJNYKhkr02LQ5MwHwYDVR0jBBgw\n"
    "FoAUtFrkpbPe0lL2udWmlQ/rPrzH/f8wDQYJKoZIhvcNAQELBQADggEBALVvYxsd\n"
    "o5YSOIaApPlpnFUnz5zD/TbI9/63iJH+ae61jvpjTY1bqLBBEcqMMg9tVFUdt4xd\n"
    "9MifL5zRZOGqKpfhWyoUZv7kXXMtfJsy0A6sqK11FcUE9r2Mt50tAO1MLZLJ5tKD\n"
    "XY9/dTqXnENPxCGUo89/UwIFuNhKPUDBRMeyx8FaKsGVksF/lGxYVFWrfzZFlW0M\n"
    "SXduk5xjoHE83erLEtZoxWIgrx7LXXgkDtswGkH+VpFt9dFFXJaeAQPeUBDAhEE9\n"
    "UDkaCx5tPlyriwUW1w1xDx40VFV+Dgg9CFxiHCF+ppg+MG8HV0LVDRJlhN94QHNg\n"
    "DAAVd5iuv8P+00Y=\n"
    "-----END CERTIFICATE-----\n";

/* --- fixture: three 512-bit keys and a CA + server pair built from them --- */

typedef struct {
    ts_rsa_key *ca_key;
    ts_rsa_key *server_key;
    ts_rsa_key *other_key;
    ts_buf ca_der;
    ts_buf server_der;
} fixture;

static fixture fx;

static const uint8_t ca_serial[] = {0x01, 0x02, 0x03};
static const uint8_t server_serial[] = {0x7F, 0xEE, 0xDD, 0xCC, 0xBB, 0xAA, 0x99, 0x88};

static ts_cert_spec ca_spec(void)
{
    ts_cert_spec s = {
        .subject_cn = "Test CA",
        .subject_org = "tlsstep tests",
        .dns_name = NULL,
        .serial = ca_serial,
        .serial_len = sizeof(ca_serial),
        .not_before = NOW - 10 * DAY,
        .not_after = NOW + 1000 * DAY,
        .is_ca = true,
    };
    return s;
}

static ts_cert_spec server_spec(const char *dns)
{
    ts_cert_spec s = {
        .subject_cn = "www.example.com",
        .subject_org = NULL,
        .dns_name = dns,
        .serial = server_serial,
        .serial_len = sizeof(server_serial),
        .not_before = NOW - DAY,
        .not_after = NOW + 365 * DAY,
        .is_ca = false,
    };
    return s;
}

static int group_setup(void **state)
{
    (void)state;
    ts_rng rng;
    if (ts_rng_global_init() != TS_OK || ts_rng_init(&rng, "x509 tests", TS_ACTOR_KEYGEN) != TS_OK) {
        return -1;
    }
    if (ts_rsa_generate(&rng, 512, 65537, &fx.ca_key) != TS_OK ||
        ts_rsa_generate(&rng, 512, 65537, &fx.server_key) != TS_OK ||
        ts_rsa_generate(&rng, 512, 65537, &fx.other_key) != TS_OK) {
        return -1;
    }
    ts_buf_init(&fx.ca_der);
    ts_buf_init(&fx.server_der);
    ts_cert_spec cs = ca_spec();
    ts_cert_spec ss = server_spec("www.example.com");
    if (ts_x509_build(&cs, fx.ca_key, fx.ca_key, "Test CA", "tlsstep tests", &fx.ca_der) != TS_OK ||
        ts_x509_build(&ss, fx.server_key, fx.ca_key, "Test CA", "tlsstep tests",
                      &fx.server_der) != TS_OK) {
        return -1;
    }
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    ts_rsa_free(fx.ca_key);
    ts_rsa_free(fx.server_key);
    ts_rsa_free(fx.other_key);
    ts_buf_free(&fx.ca_der);
    ts_buf_free(&fx.server_der);
    return 0;
}

static void parse_ok(const ts_buf *der, ts_cert *c)
{
    assert_int_equal(ts_x509_parse(der->data, der->len, c), TS_OK);
}

static void pem_to_der(const char *pem, ts_buf *der)
{
    ts_buf_init(der);
    assert_int_equal(ts_x509_from_pem(pem, strlen(pem), der), TS_OK);
}

static bool view_is(const ts_buf *v, const uint8_t *bytes, size_t n)
{
    return ts_buf_remaining(v) == n && memcmp(ts_buf_cursor(v), bytes, n) == 0;
}

/* Builds a server certificate for spec signed by the fixture CA and parses it. */
static void build_server(const ts_cert_spec *spec, ts_cert *out)
{
    ts_buf der;
    ts_buf_init(&der);
    assert_int_equal(ts_x509_build(spec, fx.server_key, fx.ca_key, "Test CA", "tlsstep tests",
                                   &der),
                     TS_OK);
    parse_ok(&der, out);
    ts_buf_free(&der);
}

/* --- time --- */

static void test_time_civil(void **state)
{
    (void)state;
    /* expected values: GNU date -u -d "..." +%s */
    static const struct {
        ts_civil c;
        ts_time t;
    } cases[] = {
        {{1970, 1, 1, 0, 0, 0}, 0},
        {{1969, 12, 31, 23, 59, 59}, -1},
        {{2000, 2, 29, 0, 0, 0}, 951782400},
        {{2023, 11, 14, 22, 13, 20}, 1700000000},
        {{2049, 12, 31, 23, 59, 59}, 2524607999},
        {{2050, 1, 1, 0, 0, 0}, 2524608000},
        {{1950, 1, 1, 0, 0, 0}, -631152000},
        {{9999, 12, 31, 23, 59, 59}, 253402300799},
        {{0, 1, 1, 0, 0, 0}, -62167219200},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        ts_time t;
        ts_civil back;
        assert_int_equal(ts_x509_time_from_civil(&cases[i].c, &t), TS_OK);
        assert_int_equal(t, cases[i].t);
        assert_int_equal(ts_x509_time_to_civil(t, &back), TS_OK);
        assert_memory_equal(&back, &cases[i].c, sizeof(back));
    }
    static const ts_civil bad[] = {
        {2100, 2, 29, 0, 0, 0}, {2023, 4, 31, 0, 0, 0}, {2023, 13, 1, 0, 0, 0},
        {2023, 1, 1, 24, 0, 0}, {2023, 1, 1, 0, 60, 0}, {2023, 1, 1, 0, 0, 60},
        {10000, 1, 1, 0, 0, 0}, {-1, 1, 1, 0, 0, 0},    {2023, 0, 1, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        ts_time t;
        assert_int_equal(ts_x509_time_from_civil(&bad[i], &t), TS_ERR_ARG);
    }
    ts_civil c;
    assert_int_equal(ts_x509_time_to_civil(253402300800, &c), TS_ERR_ARG);
    char text[32];
    ts_x509_time_format(1700000000, text);
    assert_string_equal(text, "2023-11-14 22:13:20 UTC");
}

static void expect_time_der(ts_time t, const char *want_hex_tag_and_text)
{
    ts_buf b;
    ts_buf_init(&b);
    assert_int_equal(ts_x509_write_time(&b, t), TS_OK);
    size_t n = strlen(want_hex_tag_and_text + 1);
    assert_int_equal(b.len, 2 + n);
    assert_int_equal(b.data[0], (uint8_t)want_hex_tag_and_text[0]);
    assert_int_equal(b.data[1], n);
    assert_memory_equal(b.data + 2, want_hex_tag_and_text + 1, n);
    ts_time back;
    assert_int_equal(ts_x509_read_time(&b, &back), TS_OK);
    assert_int_equal(back, t);
    assert_int_equal(ts_buf_remaining(&b), 0);
    ts_buf_free(&b);
}

static ts_err read_time_text(uint8_t tag, const char *text, ts_time *t)
{
    ts_buf b;
    ts_buf_init(&b);
    ts_err err = ts_der_write_tlv(&b, tag, (const uint8_t *)text, strlen(text));
    if (err == TS_OK) {
        err = ts_x509_read_time(&b, t);
    }
    ts_buf_free(&b);
    return err;
}

static void test_time_der(void **state)
{
    (void)state;
    /* RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050 */
    expect_time_der(2524607999, "\x17" "491231235959Z");
    expect_time_der(2524608000, "\x18" "20500101000000Z");
    expect_time_der(-631152000, "\x17" "500101000000Z");
    expect_time_der(-631152001, "\x18" "19491231235959Z");
    expect_time_der(1700000000, "\x17" "231114221320Z");
    expect_time_der(253402300799, "\x18" "99991231235959Z");

    ts_time t;
    assert_int_equal(read_time_text(0x17, "490101000000Z", &t), TS_OK);
    assert_int_equal(t, 2493072000); /* 2049-01-01: YY < 50 is 20YY */
    assert_int_equal(read_time_text(0x17, "500101000000Z", &t), TS_OK);
    assert_int_equal(t, -631152000); /* 1950-01-01: YY >= 50 is 19YY */
    assert_int_equal(read_time_text(0x18, "20230101000000Z", &t), TS_OK);
    assert_int_equal(t, 1672531200);

    static const struct {
        uint8_t tag;
        const char *text;
    } bad[] = {
        {0x17, "4912312359Z"},       /* no seconds */
        {0x17, "491231235959"},      /* no Z */
        {0x17, "491231235959z"},     /* lower-case z */
        {0x17, "4912312359590"},     /* not Z */
        {0x17, "491231235959+0000"}, /* offset */
        {0x17, "491231235960Z"},     /* second 60 */
        {0x17, "491331235959Z"},     /* month 13 */
        {0x17, "490230235959Z"},     /* Feb 30 */
        {0x17, "49123123595 Z"},     /* not a digit */
        {0x17, "20500101000000Z"},   /* UTCTime of GeneralizedTime length */
        {0x18, "500101000000Z"},     /* GeneralizedTime of UTCTime length */
        {0x18, "20500101000000.5Z"}, /* fraction */
        {0x18, "2050010100000Z0"},
        {0x04, "491231235959Z"},     /* not a time */
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(read_time_text(bad[i].tag, bad[i].text, &t), TS_ERR_DER);
    }
}

/* --- building and parsing --- */

static void test_build_parse_fields(void **state)
{
    (void)state;
    ts_cert ca;
    ts_cert srv;
    parse_ok(&fx.ca_der, &ca);
    parse_ok(&fx.server_der, &srv);
    uint8_t ca_id[20];
    uint8_t server_id[20];
    assert_int_equal(ts_x509_key_id(fx.ca_key, ca_id), TS_OK);
    assert_int_equal(ts_x509_key_id(fx.server_key, server_id), TS_OK);

    assert_int_equal(ca.version, 3);
    assert_true(view_is(&ca.serial, ca_serial, sizeof(ca_serial)));
    assert_true(ts_der_oid_equal(&ca.sig_alg_oid, &TS_OID_SHA256_WITH_RSA));
    assert_string_equal(ca.issuer_cn, "Test CA");
    assert_string_equal(ca.issuer_org, "tlsstep tests");
    assert_string_equal(ca.subject_cn, "Test CA");
    assert_string_equal(ca.subject_org, "tlsstep tests");
    assert_int_equal(ca.not_before, NOW - 10 * DAY);
    assert_int_equal(ca.not_after, NOW + 1000 * DAY);
    assert_true(ts_rsa_same_public(ca.pub, fx.ca_key));
    assert_false(ts_rsa_is_private(ca.pub));
    assert_true(ca.has_basic_constraints);
    assert_true(ca.is_ca);
    assert_int_equal(ca.path_len, -1);
    assert_true(ca.has_key_usage);
    assert_int_equal(ca.key_usage, TS_KU_KEY_CERT_SIGN | TS_KU_CRL_SIGN);
    assert_false(ca.has_san);
    assert_int_equal(ca.n_dns, 0);
    assert_true(view_is(&ca.ski, ca_id, 20));
    assert_int_equal(ts_buf_remaining(&ca.aki), 0); /* self-signed: no AKI */
    assert_int_equal(ts_buf_remaining(&ca.signature), ts_rsa_len(fx.ca_key));
    assert_true(view_is(&ca.issuer_raw, ts_buf_cursor(&ca.subject_raw),
                        ts_buf_remaining(&ca.subject_raw)));

    assert_int_equal(srv.version, 3);
    assert_true(view_is(&srv.serial, server_serial, sizeof(server_serial)));
    assert_string_equal(srv.issuer_cn, "Test CA");
    assert_string_equal(srv.issuer_org, "tlsstep tests");
    assert_string_equal(srv.subject_cn, "www.example.com");
    assert_string_equal(srv.subject_org, "");
    assert_int_equal(srv.not_before, NOW - DAY);
    assert_int_equal(srv.not_after, NOW + 365 * DAY);
    assert_true(ts_rsa_same_public(srv.pub, fx.server_key));
    assert_true(srv.has_basic_constraints);
    assert_false(srv.is_ca);
    assert_int_equal(srv.key_usage, TS_KU_DIGITAL_SIGNATURE | TS_KU_KEY_ENCIPHERMENT);
    assert_true(srv.has_san);
    assert_int_equal(srv.n_dns, 1);
    assert_string_equal(srv.dns_names[0], "www.example.com");
    assert_true(view_is(&srv.ski, server_id, 20));
    assert_true(view_is(&srv.aki, ca_id, 20));
    assert_true(view_is(&srv.issuer_raw, ts_buf_cursor(&ca.subject_raw),
                        ts_buf_remaining(&ca.subject_raw)));
    /* tbs is the first element of the certificate */
    assert_ptr_equal(ts_buf_cursor(&srv.tbs), srv.der.data + 4);
    /* the key identifier is SHA-256 of the RSAPublicKey, first 20 bytes */
    ts_buf pub;
    uint8_t digest[TS_SHA256_LEN];
    ts_buf_init(&pub);
    assert_int_equal(ts_rsa_to_public_der(fx.server_key, &pub), TS_OK);
    ts_hash(TS_HASH_SHA256, pub.data, pub.len, digest);
    assert_memory_equal(digest, server_id, 20);
    ts_buf_free(&pub);

    assert_int_equal(ts_x509_verify_signature(&ca, ca.pub, false), TS_OK);
    assert_int_equal(ts_x509_verify_signature(&srv, ca.pub, false), TS_OK);
    assert_int_equal(ts_x509_verify_signature(&srv, ca.pub, true), TS_OK);
    assert_int_equal(ts_x509_verify_signature(&srv, srv.pub, false), TS_ERR_CERT_SIGNATURE);
    const char *why = NULL;
    assert_int_equal(ts_x509_verify_chain(&srv, &ca, "www.example.com", NOW, false, &why), TS_OK);
    assert_non_null(why);
    assert_int_equal(ts_x509_verify_chain(&ca, &ca, NULL, NOW, false, &why), TS_OK);
    ts_x509_free(&ca);
    ts_x509_free(&srv);
    ts_x509_free(&srv); /* freeing twice is harmless */
}

static void test_build_pem_roundtrip(void **state)
{
    (void)state;
    ts_buf pem;
    ts_buf der;
    ts_buf_init(&pem);
    ts_buf_init(&der);
    assert_int_equal(ts_x509_to_pem(fx.server_der.data, fx.server_der.len, &pem), TS_OK);
    assert_true(pem.len > 60 && memcmp(pem.data, "-----BEGIN CERTIFICATE-----\n", 28) == 0);
    assert_int_equal(ts_x509_from_pem((const char *)pem.data, pem.len, &der), TS_OK);
    assert_int_equal(der.len, fx.server_der.len);
    assert_memory_equal(der.data, fx.server_der.data, der.len);
    ts_buf_reset(&der);
    static const char not_cert[] = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n";
    assert_int_not_equal(ts_x509_from_pem(not_cert, strlen(not_cert), &der), TS_OK);
    assert_int_not_equal(ts_x509_from_pem("junk", 4, &der), TS_OK);
    ts_buf_free(&pem);
    ts_buf_free(&der);
}

static void test_build_rejects(void **state)
{
    (void)state;
    ts_buf der;
    ts_buf_init(&der);
    ts_cert_spec s = server_spec("www.example.com");
    ts_cert_spec bad = s;
    bad.subject_cn = "";
    assert_int_equal(ts_x509_build(&bad, fx.server_key, fx.ca_key, "Test CA", NULL, &der),
                     TS_ERR_ARG);
    bad = s;
    bad.dns_name = "bad host";
    assert_int_equal(ts_x509_build(&bad, fx.server_key, fx.ca_key, "Test CA", NULL, &der),
                     TS_ERR_ARG);
    bad = s;
    bad.serial_len = 0;
    assert_int_equal(ts_x509_build(&bad, fx.server_key, fx.ca_key, "Test CA", NULL, &der),
                     TS_ERR_ARG);
    static const uint8_t zero[] = {0, 0};
    bad = s;
    bad.serial = zero;
    bad.serial_len = 2;
    assert_int_equal(ts_x509_build(&bad, fx.server_key, fx.ca_key, "Test CA", NULL, &der),
                     TS_ERR_ARG);
    bad = s;
    bad.not_after = bad.not_before - 1;
    assert_int_equal(ts_x509_build(&bad, fx.server_key, fx.ca_key, "Test CA", NULL, &der),
                     TS_ERR_ARG);
    bad = s;
    bad.not_after = 253402300800; /* year 10000 */
    assert_int_not_equal(ts_x509_build(&bad, fx.server_key, fx.ca_key, "Test CA", NULL, &der),
                         TS_OK);
    /* a public key cannot sign */
    ts_rsa_key *pub = ts_rsa_public_copy(fx.ca_key);
    assert_non_null(pub);
    assert_int_equal(ts_x509_build(&s, fx.server_key, pub, "Test CA", NULL, &der), TS_ERR_RSA_KEY);
    ts_rsa_free(pub);
    assert_int_equal(der.len, 0); /* nothing appended on failure */
    /* UTF-8 text becomes a UTF8String, and reads back */
    ts_cert c;
    ts_cert_spec u = s;
    u.subject_org = "\xed\x95\x9c\xea\xb8\x80 org"; /* "한글 org" */
    build_server(&u, &c);
    assert_string_equal(c.subject_org, u.subject_org);
    ts_x509_free(&c);
    ts_buf_free(&der);
}

static void test_make_pki(void **state)
{
    (void)state;
    ts_rng rng;
    ts_rsa_key *ca_key = NULL;
    ts_rsa_key *server_key = NULL;
    ts_buf ca_der;
    ts_buf server_der;
    ts_buf_init(&ca_der);
    ts_buf_init(&server_der);
    assert_int_equal(ts_rng_init(&rng, "pki", TS_ACTOR_KEYGEN), TS_OK);
    assert_int_equal(ts_x509_make_pki(&rng, 512, "localhost", NOW, &ca_key, &ca_der, &server_key,
                                      &server_der),
                     TS_OK);
    ts_cert ca;
    ts_cert srv;
    parse_ok(&ca_der, &ca);
    parse_ok(&server_der, &srv);
    assert_string_equal(ca.subject_cn, TS_X509_CA_CN);
    assert_string_equal(ca.subject_org, TS_X509_CA_ORG);
    assert_string_equal(srv.subject_cn, "localhost");
    assert_string_equal(srv.dns_names[0], "localhost");
    assert_int_equal(ca.not_before, NOW - DAY);
    assert_int_equal(ca.not_after, NOW + 3652 * DAY);
    assert_int_equal(srv.not_before, NOW - DAY);
    assert_int_equal(srv.not_after, NOW + 365 * DAY);
    assert_int_equal(ts_rsa_bits(ca_key), 512);
    assert_int_equal(ts_rsa_bits(server_key), 512);
    assert_true(ts_rsa_same_public(srv.pub, server_key));
    assert_int_equal(ts_buf_remaining(&srv.serial), 8);
    assert_int_equal(ts_buf_cursor(&srv.serial)[0] & 0xC0, 0x40);
    assert_int_equal(ts_buf_remaining(&ca.serial), 8);
    assert_int_equal(ts_x509_verify_chain(&srv, &ca, "localhost", NOW, false, NULL), TS_OK);

    /* same seed, same certificates */
    ts_rng rng2;
    ts_rsa_key *k1 = NULL;
    ts_rsa_key *k2 = NULL;
    ts_buf d1;
    ts_buf d2;
    ts_buf_init(&d1);
    ts_buf_init(&d2);
    assert_int_equal(ts_rng_init(&rng2, "pki", TS_ACTOR_KEYGEN), TS_OK);
    assert_int_equal(ts_x509_make_pki(&rng2, 512, "localhost", NOW, &k1, &d1, &k2, &d2), TS_OK);
    assert_int_equal(d1.len, ca_der.len);
    assert_memory_equal(d1.data, ca_der.data, d1.len);
    assert_int_equal(d2.len, server_der.len);
    assert_memory_equal(d2.data, server_der.data, d2.len);
    ts_rsa_free(k1);
    ts_rsa_free(k2);
    ts_buf_free(&d1);
    ts_buf_free(&d2);

    /* bad arguments: nothing made */
    ts_rsa_key *none = NULL;
    ts_rsa_key *none2 = NULL;
    assert_int_equal(ts_x509_make_pki(&rng, 256, "localhost", NOW, &none, &d1, &none2, &d2),
                     TS_ERR_RSA_SIZE);
    assert_int_equal(ts_x509_make_pki(&rng, 512, "bad host", NOW, &none, &d1, &none2, &d2),
                     TS_ERR_ARG);
    assert_int_equal(ts_x509_make_pki(&rng, 512, "localhost", 253402300799, &none, &d1, &none2,
                                      &d2),
                     TS_ERR_ARG);
    assert_null(none);
    assert_null(none2);
    assert_int_equal(d1.len + d2.len, 0);

    ts_x509_free(&ca);
    ts_x509_free(&srv);
    ts_rsa_free(ca_key);
    ts_rsa_free(server_key);
    ts_buf_free(&ca_der);
    ts_buf_free(&server_der);
    ts_rng_wipe(&rng);
    ts_rng_wipe(&rng2);
}

/* ts_x509_make_certs: keys of one's own, the same certificates as
 * ts_x509_make_pki draws after its keys; a long host gets the fallback CN. */
static void test_make_certs(void **state)
{
    (void)state;
    ts_rng a, b;
    ts_rsa_key *ca_key = NULL, *server_key = NULL, *k1 = NULL, *k2 = NULL;
    ts_buf pki_ca, pki_srv, ca_der, server_der;
    ts_buf_init(&pki_ca);
    ts_buf_init(&pki_srv);
    ts_buf_init(&ca_der);
    ts_buf_init(&server_der);
    assert_int_equal(ts_rng_init(&a, "certs", TS_ACTOR_KEYGEN), TS_OK);
    assert_int_equal(ts_rng_init(&b, "certs", TS_ACTOR_KEYGEN), TS_OK);
    assert_int_equal(ts_x509_make_pki(&a, 512, "localhost", NOW, &k1, &pki_ca, &k2, &pki_srv),
                     TS_OK);
    assert_int_equal(ts_rsa_generate(&b, 512, 65537, &ca_key), TS_OK);
    assert_int_equal(ts_rsa_generate(&b, 512, 65537, &server_key), TS_OK);
    assert_int_equal(ts_x509_make_certs(&b, ca_key, server_key, "localhost", NOW, &ca_der,
                                        &server_der),
                     TS_OK);
    assert_int_equal(ca_der.len, pki_ca.len);
    assert_memory_equal(ca_der.data, pki_ca.data, ca_der.len);
    assert_int_equal(server_der.len, pki_srv.len);
    assert_memory_equal(server_der.data, pki_srv.data, server_der.len);

    /* a host longer than a CN may be: named in the SAN only */
    char host[100];
    memset(host, 'a', 70); /* two labels of 35, then .example: 78 bytes */
    host[35] = '.';
    strcpy(host + 70, ".example");
    ts_buf_reset(&ca_der);
    ts_buf_reset(&server_der);
    assert_int_equal(ts_x509_make_certs(&b, ca_key, server_key, host, NOW, &ca_der, &server_der),
                     TS_OK);
    ts_cert ca, srv;
    parse_ok(&ca_der, &ca);
    parse_ok(&server_der, &srv);
    assert_string_equal(srv.subject_cn, "tlsstep server");
    assert_string_equal(srv.dns_names[0], host);
    assert_int_equal(srv.not_after, NOW + 365 * DAY);
    assert_int_equal(ts_buf_cursor(&ca.serial)[0] & 0xC0, 0x40);
    assert_int_equal(ts_x509_verify_chain(&srv, &ca, host, NOW, false, NULL), TS_OK);
    assert_int_not_equal(ts_x509_verify_chain(&srv, &ca, "localhost", NOW, false, NULL), TS_OK);

    ts_x509_free(&ca);
    ts_x509_free(&srv);
    ts_rsa_free(ca_key);
    ts_rsa_free(server_key);
    ts_rsa_free(k1);
    ts_rsa_free(k2);
    ts_buf_free(&pki_ca);
    ts_buf_free(&pki_srv);
    ts_buf_free(&ca_der);
    ts_buf_free(&server_der);
    ts_rng_wipe(&a);
    ts_rng_wipe(&b);
}

/* --- verification failures --- */

static void test_flipped_tbs(void **state)
{
    (void)state;
    ts_cert ca;
    parse_ok(&fx.ca_der, &ca);
    ts_buf copy;
    assert_int_equal(ts_buf_copy(&copy, &fx.server_der), TS_OK);
    /* change one letter of the subject CN "www.example.com" */
    uint8_t *at = memmem(copy.data, copy.len, "www.example.com", 15);
    assert_non_null(at);
    at[4] = 'E';
    ts_cert srv;
    parse_ok(&copy, &srv);
    assert_string_equal(srv.subject_cn, "www.Example.com");
    const char *why = NULL;
    assert_int_equal(ts_x509_verify_chain(&srv, &ca, "www.example.com", NOW, false, &why),
                     TS_ERR_CERT_SIGNATURE);
    assert_non_null(strstr(why, "signature"));
    ts_x509_free(&srv);

    /* every single-bit change of the tbs: unparsable or unverifiable */
    ts_cert orig;
    parse_ok(&fx.server_der, &orig);
    size_t start = (size_t)(ts_buf_cursor(&orig.tbs) - orig.der.data);
    size_t end = start + ts_buf_remaining(&orig.tbs);
    for (size_t i = start; i < end; i++) {
        memcpy(copy.data, fx.server_der.data, copy.len);
        copy.data[i] ^= 0x01;
        ts_cert c;
        ts_err err = ts_x509_parse(copy.data, copy.len, &c);
        if (err == TS_OK) {
            assert_int_equal(ts_x509_verify_signature(&c, ca.pub, false), TS_ERR_CERT_SIGNATURE);
            assert_int_equal(ts_x509_verify_signature(&c, ca.pub, true), TS_ERR_CERT_SIGNATURE);
        } else {
            assert_true(err == TS_ERR_DER || err == TS_ERR_X509);
        }
        ts_x509_free(&c);
    }
    /* a flipped signature byte */
    memcpy(copy.data, fx.server_der.data, copy.len);
    copy.data[copy.len - 1] ^= 0x40;
    parse_ok(&copy, &srv);
    assert_int_equal(ts_x509_verify_chain(&srv, &ca, "www.example.com", NOW, false, NULL),
                     TS_ERR_CERT_SIGNATURE);
    ts_x509_free(&srv);
    ts_x509_free(&orig);
    ts_x509_free(&ca);
    ts_buf_free(&copy);
}

static void test_wrong_ca(void **state)
{
    (void)state;
    ts_cert srv;
    parse_ok(&fx.server_der, &srv);
    const char *why = NULL;
    /* another CA by name */
    ts_buf der;
    ts_buf_init(&der);
    ts_cert_spec s = ca_spec();
    s.subject_cn = "Other CA";
    assert_int_equal(ts_x509_build(&s, fx.other_key, fx.other_key, "Other CA", "tlsstep tests",
                                   &der),
                     TS_OK);
    ts_cert other;
    parse_ok(&der, &other);
    assert_int_equal(ts_x509_verify_chain(&srv, &other, "www.example.com", NOW, false, &why),
                     TS_ERR_CERT_ISSUER);
    assert_non_null(strstr(why, "issuer"));
    ts_x509_free(&other);
    /* same name, another key: the key identifiers differ */
    ts_buf_reset(&der);
    s = ca_spec();
    assert_int_equal(ts_x509_build(&s, fx.other_key, fx.other_key, "Test CA", "tlsstep tests",
                                   &der),
                     TS_OK);
    parse_ok(&der, &other);
    assert_int_equal(ts_x509_verify_chain(&srv, &other, "www.example.com", NOW, false, NULL),
                     TS_ERR_CERT_ISSUER);
    /* ... and the signature would not verify either */
    assert_int_equal(ts_x509_verify_signature(&srv, other.pub, false), TS_ERR_CERT_SIGNATURE);
    ts_x509_free(&other);
    /* the server certificate as its own CA */
    assert_int_equal(ts_x509_verify_chain(&srv, &srv, "www.example.com", NOW, false, NULL),
                     TS_ERR_CERT_ISSUER);
    ts_x509_free(&srv);
    ts_buf_free(&der);
}

static void test_ca_without_flag(void **state)
{
    (void)state;
    ts_buf ca_der;
    ts_buf srv_der;
    ts_buf_init(&ca_der);
    ts_buf_init(&srv_der);
    ts_cert_spec s = ca_spec();
    s.is_ca = false;
    assert_int_equal(ts_x509_build(&s, fx.ca_key, fx.ca_key, "Test CA", "tlsstep tests", &ca_der),
                     TS_OK);
    ts_cert ca;
    ts_cert srv;
    parse_ok(&ca_der, &ca);
    parse_ok(&fx.server_der, &srv);
    assert_true(ca.has_basic_constraints);
    assert_false(ca.is_ca);
    const char *why = NULL;
    assert_int_equal(ts_x509_verify_chain(&srv, &ca, "www.example.com", NOW, false, &why),
                     TS_ERR_CERT_CA);
    assert_non_null(strstr(why, "not a certificate authority"));
    ts_x509_free(&ca);
    ts_x509_free(&srv);
    ts_buf_free(&ca_der);
    ts_buf_free(&srv_der);
}

static void test_validity(void **state)
{
    (void)state;
    ts_cert ca;
    ts_cert srv;
    parse_ok(&fx.ca_der, &ca);
    parse_ok(&fx.server_der, &srv);
    const char *why = NULL;
    const char *host = "www.example.com";
    assert_int_equal(ts_x509_verify_chain(&srv, &ca, host, srv.not_before, false, NULL), TS_OK);
    assert_int_equal(ts_x509_verify_chain(&srv, &ca, host, srv.not_after, false, NULL), TS_OK);
    assert_int_equal(ts_x509_verify_chain(&srv, &ca, host, srv.not_before - 1, false, &why),
                     TS_ERR_CERT_EXPIRED);
    assert_non_null(strstr(why, "not yet valid"));
    assert_int_equal(ts_x509_verify_chain(&srv, &ca, host, srv.not_after + 1, false, &why),
                     TS_ERR_CERT_EXPIRED);
    assert_non_null(strstr(why, "expired"));
    /* a server certificate outliving its CA */
    ts_cert_spec s = server_spec(host);
    s.not_after = NOW + 2000 * DAY;
    ts_cert longer;
    build_server(&s, &longer);
    assert_int_equal(ts_x509_verify_chain(&longer, &ca, host, NOW + 1500 * DAY, false, &why),
                     TS_ERR_CERT_EXPIRED);
    assert_non_null(strstr(why, "CA"));
    ts_x509_free(&longer);
    ts_x509_free(&ca);
    ts_x509_free(&srv);
}

static void test_host(void **state)
{
    (void)state;
    ts_cert ca;
    ts_cert srv;
    parse_ok(&fx.ca_der, &ca);
    parse_ok(&fx.server_der, &srv);
    const char *why = NULL;
    assert_int_equal(ts_x509_verify_chain(&srv, &ca, "WWW.Example.COM", NOW, false, NULL), TS_OK);
    assert_int_equal(ts_x509_verify_chain(&srv, &ca, "example.com", NOW, false, &why),
                     TS_ERR_CERT_HOST);
    assert_non_null(strstr(why, "host"));
    assert_int_equal(ts_x509_verify_chain(&srv, &ca, "www.example.com.evil", NOW, false, NULL),
                     TS_ERR_CERT_HOST);
    assert_int_equal(ts_x509_verify_chain(&srv, &ca, "", NOW, false, NULL), TS_ERR_CERT_HOST);
    ts_x509_free(&srv);

    /* a wildcard SAN matches exactly one left-most label */
    ts_cert_spec s = server_spec("*.example.com");
    build_server(&s, &srv);
    assert_string_equal(srv.dns_names[0], "*.example.com");
    assert_int_equal(ts_x509_verify_chain(&srv, &ca, "a.example.com", NOW, false, NULL), TS_OK);
    assert_int_equal(ts_x509_verify_chain(&srv, &ca, "A.EXAMPLE.com", NOW, false, NULL), TS_OK);
    assert_int_equal(ts_x509_verify_chain(&srv, &ca, "example.com", NOW, false, NULL),
                     TS_ERR_CERT_HOST);
    assert_int_equal(ts_x509_verify_chain(&srv, &ca, "a.b.example.com", NOW, false, NULL),
                     TS_ERR_CERT_HOST);
    assert_int_equal(ts_x509_verify_chain(&srv, &ca, ".example.com", NOW, false, NULL),
                     TS_ERR_CERT_HOST);
    /* the CN "www.example.com" is ignored when there is a dNSName */
    assert_int_equal(ts_x509_verify_chain(&srv, &ca, "www.example.com", NOW, true, NULL), TS_OK);
    s = server_spec("san.test");
    ts_cert san_only;
    build_server(&s, &san_only);
    assert_int_equal(ts_x509_verify_chain(&san_only, &ca, "www.example.com", NOW, false, NULL),
                     TS_ERR_CERT_HOST);
    ts_x509_free(&san_only);
    ts_x509_free(&srv);

    /* no SAN: the CN is used */
    s = server_spec(NULL);
    build_server(&s, &srv);
    assert_false(srv.has_san);
    assert_int_equal(ts_x509_verify_chain(&srv, &ca, "www.example.com", NOW, false, NULL), TS_OK);
    assert_int_equal(ts_x509_verify_chain(&srv, &ca, "mail.example.com", NOW, false, NULL),
                     TS_ERR_CERT_HOST);
    ts_x509_free(&srv);

    /* the matcher itself */
    assert_true(ts_x509_host_match("*.a.b", 5, "x.a.b"));
    assert_false(ts_x509_host_match("*.com", 5, "a.com"));
    assert_false(ts_x509_host_match("a*.example.com", 14, "ab.example.com"));
    assert_false(ts_x509_host_match("www.*.com", 9, "www.x.com"));
    assert_false(ts_x509_host_match("*.example.com", 13, "*.example.com"));
    assert_false(ts_x509_host_match("a\0b", 3, "a"));
    assert_true(ts_x509_host_match("localhost", 9, "LocalHost"));
    assert_false(ts_x509_host_match("localhost", 9, "localhos"));
    assert_true(ts_x509_dns_name_valid("a-b.example.com", false));
    assert_false(ts_x509_dns_name_valid("-a.example.com", false));
    assert_false(ts_x509_dns_name_valid("a..b", false));
    assert_false(ts_x509_dns_name_valid("a.", false));
    assert_false(ts_x509_dns_name_valid("*.example.com", false));
    assert_true(ts_x509_dns_name_valid("*.example.com", true));
    assert_false(ts_x509_dns_name_valid("*.com", true));
    char long_label[70];
    memset(long_label, 'a', 64);
    long_label[64] = '\0';
    assert_false(ts_x509_dns_name_valid(long_label, false));
    long_label[63] = '\0';
    assert_true(ts_x509_dns_name_valid(long_label, false));
    ts_x509_free(&ca);
}

/* --- malformed input --- */

static void test_truncations(void **state)
{
    (void)state;
    for (size_t n = 0; n < fx.server_der.len; n++) {
        ts_cert c;
        ts_err err = ts_x509_parse(fx.server_der.data, n, &c);
        if (err != TS_ERR_DER && err != TS_ERR_X509) {
            fail_msg("prefix of %zu bytes gave %s", n, ts_err_name(err));
        }
        assert_null(c.pub);
        ts_x509_free(&c);
    }
    /* and one byte too many */
    ts_buf longer;
    assert_int_equal(ts_buf_copy(&longer, &fx.server_der), TS_OK);
    assert_int_equal(ts_buf_write_u8(&longer, 0), TS_OK);
    ts_cert c;
    assert_int_equal(ts_x509_parse(longer.data, longer.len, &c), TS_ERR_DER);
    ts_buf_free(&longer);
    assert_int_equal(ts_x509_parse(NULL, 0, &c), TS_ERR_DER);
}

/* Every single-byte change (four ways) and seeded multi-byte damage to der:
 * the parser returns TS_OK, TS_ERR_DER or TS_ERR_X509, never anything
 * else, and never crashes (run under ASan too). */
static void corrupt_all(const ts_buf *der, const char *seed)
{
    ts_buf copy;
    assert_int_equal(ts_buf_copy(&copy, der), TS_OK);
    static const uint8_t xors[] = {0x01, 0x80, 0xFF, 0x7F};
    size_t parsed = 0;
    for (size_t i = 0; i < copy.len; i++) {
        for (size_t k = 0; k < sizeof(xors); k++) {
            memcpy(copy.data, der->data, copy.len);
            copy.data[i] ^= xors[k];
            ts_cert c;
            ts_err err = ts_x509_parse(copy.data, copy.len, &c);
            assert_true(err == TS_OK || err == TS_ERR_DER || err == TS_ERR_X509);
            parsed += err == TS_OK;
            ts_x509_free(&c);
        }
    }
    assert_true(parsed > 0); /* some changes (names, key bits) still parse */
    ts_rng rng;
    assert_int_equal(ts_rng_init(&rng, seed, TS_ACTOR_ATTACKER), TS_OK);
    for (int round = 0; round < 2000; round++) {
        memcpy(copy.data, der->data, copy.len);
        unsigned changes = 1 + ts_rng_uniform(&rng, 4);
        for (unsigned j = 0; j < changes; j++) {
            uint8_t v;
            ts_rng_bytes(&rng, &v, 1);
            copy.data[ts_rng_uniform(&rng, (uint32_t)copy.len)] = v;
        }
        ts_cert c;
        ts_err err = ts_x509_parse(copy.data, copy.len, &c);
        assert_true(err == TS_OK || err == TS_ERR_DER || err == TS_ERR_X509);
        ts_x509_free(&c);
    }
    ts_rng_wipe(&rng);
    ts_buf_free(&copy);
}

static void test_corruptions(void **state)
{
    (void)state;
    corrupt_all(&fx.server_der, "corrupt ours");
    ts_buf der;
    pem_to_der(mbedtls_server_pem, &der);
    corrupt_all(&der, "corrupt mbedtls");
    ts_buf_free(&der);
    pem_to_der(openssl_pem, &der);
    corrupt_all(&der, "corrupt openssl");
    ts_buf_free(&der);
}

/* Writes a structurally valid certificate (dummy signature) with the given
 * tbs version (0: absent), signature OIDs, SPKI and extension list. */
static void raw_cert(ts_buf *out, int version, const ts_der_oid *tbs_alg,
                     const ts_der_oid *outer_alg, const uint8_t *spki, size_t spki_len,
                     const uint8_t *exts, size_t exts_len)
{
    static const uint8_t serial[] = {0x05};
    static const uint8_t sig[] = {0x00, 0x01, 0x02, 0x03};
    size_t cert, tbs, m;
    ts_buf_init(out);
    assert_int_equal(ts_der_begin(out, TS_DER_SEQUENCE, &cert), TS_OK);
    assert_int_equal(ts_der_begin(out, TS_DER_SEQUENCE, &tbs), TS_OK);
    if (version > 0) {
        assert_int_equal(ts_der_begin(out, TS_DER_CONTEXT_0, &m), TS_OK);
        assert_int_equal(ts_der_write_small(out, (uint64_t)version - 1), TS_OK);
        assert_int_equal(ts_der_end(out, m), TS_OK);
    }
    assert_int_equal(ts_der_write_uint(out, serial, 1), TS_OK);
    assert_int_equal(ts_der_begin(out, TS_DER_SEQUENCE, &m), TS_OK);
    assert_int_equal(ts_der_write_oid(out, tbs_alg), TS_OK);
    assert_int_equal(ts_der_write_null(out), TS_OK);
    assert_int_equal(ts_der_end(out, m), TS_OK);
    static const uint8_t name[] = {0x30, 0x0C, 0x31, 0x0A, 0x30, 0x08, 0x06, 0x03,
                                   0x55, 0x04, 0x03, 0x0C, 0x01, 'x'};
    assert_int_equal(ts_buf_write_bytes(out, name, sizeof(name)), TS_OK);
    assert_int_equal(ts_der_begin(out, TS_DER_SEQUENCE, &m), TS_OK);
    assert_int_equal(ts_x509_write_time(out, NOW - DAY), TS_OK);
    assert_int_equal(ts_x509_write_time(out, NOW + DAY), TS_OK);
    assert_int_equal(ts_der_end(out, m), TS_OK);
    assert_int_equal(ts_buf_write_bytes(out, name, sizeof(name)), TS_OK);
    assert_int_equal(ts_buf_write_bytes(out, spki, spki_len), TS_OK);
    if (exts != NULL) {
        size_t wrap;
        assert_int_equal(ts_der_begin(out, TS_DER_CONTEXT_3, &wrap), TS_OK);
        assert_int_equal(ts_der_begin(out, TS_DER_SEQUENCE, &m), TS_OK);
        assert_int_equal(ts_buf_write_bytes(out, exts, exts_len), TS_OK);
        assert_int_equal(ts_der_end(out, m), TS_OK);
        assert_int_equal(ts_der_end(out, wrap), TS_OK);
    }
    assert_int_equal(ts_der_end(out, tbs), TS_OK);
    assert_int_equal(ts_der_begin(out, TS_DER_SEQUENCE, &m), TS_OK);
    assert_int_equal(ts_der_write_oid(out, outer_alg), TS_OK);
    assert_int_equal(ts_der_write_null(out), TS_OK);
    assert_int_equal(ts_der_end(out, m), TS_OK);
    assert_int_equal(ts_der_write_tlv(out, TS_DER_BIT_STRING, sig, sizeof(sig)), TS_OK);
    assert_int_equal(ts_der_end(out, cert), TS_OK);
}

static ts_err parse_raw(int version, const ts_der_oid *tbs_alg, const ts_der_oid *outer_alg,
                        const uint8_t *exts, size_t exts_len, const uint8_t *spki,
                        size_t spki_len, ts_cert *c)
{
    ts_buf spki_buf;
    ts_buf der;
    ts_buf_init(&spki_buf);
    if (spki == NULL) {
        assert_int_equal(ts_rsa_to_spki_der(fx.server_key, &spki_buf), TS_OK);
        spki = spki_buf.data;
        spki_len = spki_buf.len;
    }
    raw_cert(&der, version, tbs_alg, outer_alg, spki, spki_len, exts, exts_len);
    ts_err err = ts_x509_parse(der.data, der.len, c);
    ts_buf_free(&der);
    ts_buf_free(&spki_buf);
    return err;
}

static void expect_exts(const uint8_t *exts, size_t n, ts_err want)
{
    ts_cert c;
    ts_err err = parse_raw(3, &TS_OID_SHA256_WITH_RSA, &TS_OID_SHA256_WITH_RSA, exts, n, NULL, 0,
                           &c);
    if (err != want) {
        fail_msg("extensions gave %s, wanted %s", ts_err_name(err), ts_err_name(want));
    }
    ts_x509_free(&c);
}

static void test_extensions_and_algorithms(void **state)
{
    (void)state;
    static const uint8_t md5_rsa_bytes[] = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x04};
    static const ts_der_oid md5_rsa = {md5_rsa_bytes, sizeof(md5_rsa_bytes)};
    /* unknown extension 1.2.3.4, critical and not */
    static const uint8_t unknown_critical[] = {0x30, 0x0C, 0x06, 0x03, 0x2A, 0x03, 0x04, 0x01,
                                               0x01, 0xFF, 0x04, 0x02, 0x05, 0x00};
    static const uint8_t unknown_plain[] = {0x30, 0x09, 0x06, 0x03, 0x2A, 0x03,
                                            0x04, 0x04, 0x02, 0x05, 0x00};
    static const uint8_t bc_ca[] = {0x30, 0x0F, 0x06, 0x03, 0x55, 0x1D, 0x13, 0x01, 0x01,
                                    0xFF, 0x04, 0x05, 0x30, 0x03, 0x01, 0x01, 0xFF};
    static const uint8_t bc_twice[] = {0x30, 0x0C, 0x06, 0x03, 0x55, 0x1D, 0x13, 0x01,
                                       0x01, 0xFF, 0x04, 0x02, 0x30, 0x00, 0x30, 0x0C,
                                       0x06, 0x03, 0x55, 0x1D, 0x13, 0x01, 0x01, 0xFF,
                                       0x04, 0x02, 0x30, 0x00};
    static const uint8_t bc_bad_bool[] = {0x30, 0x0F, 0x06, 0x03, 0x55, 0x1D, 0x13, 0x01, 0x01,
                                          0xFF, 0x04, 0x05, 0x30, 0x03, 0x01, 0x01, 0x01};
    static const uint8_t bc_trailing[] = {0x30, 0x0E, 0x06, 0x03, 0x55, 0x1D, 0x13, 0x01,
                                          0x01, 0xFF, 0x04, 0x04, 0x30, 0x00, 0x05, 0x00};
    static const uint8_t ku_dirty[] = {0x30, 0x0E, 0x06, 0x03, 0x55, 0x1D, 0x0F, 0x01,
                                       0x01, 0xFF, 0x04, 0x04, 0x03, 0x02, 0x05, 0xA1};
    static const uint8_t ku_ok[] = {0x30, 0x0E, 0x06, 0x03, 0x55, 0x1D, 0x0F, 0x01,
                                    0x01, 0xFF, 0x04, 0x04, 0x03, 0x02, 0x05, 0xA0};
    static const uint8_t san_nul[] = {0x30, 0x0E, 0x06, 0x03, 0x55, 0x1D, 0x11, 0x04,
                                      0x07, 0x30, 0x05, 0x82, 0x03, 'a', 0x00, 'b'};
    static const uint8_t san_empty[] = {0x30, 0x09, 0x06, 0x03, 0x55, 0x1D,
                                        0x11, 0x04, 0x02, 0x30, 0x00};
    expect_exts(unknown_critical, sizeof(unknown_critical), TS_ERR_X509);
    expect_exts(unknown_plain, sizeof(unknown_plain), TS_OK);
    expect_exts(bc_ca, sizeof(bc_ca), TS_OK);
    expect_exts(bc_twice, sizeof(bc_twice), TS_ERR_X509);
    expect_exts(bc_bad_bool, sizeof(bc_bad_bool), TS_ERR_DER);
    expect_exts(bc_trailing, sizeof(bc_trailing), TS_ERR_DER);
    expect_exts(ku_dirty, sizeof(ku_dirty), TS_ERR_DER);
    expect_exts(ku_ok, sizeof(ku_ok), TS_OK);
    expect_exts(san_nul, sizeof(san_nul), TS_ERR_X509);
    expect_exts(san_empty, sizeof(san_empty), TS_ERR_DER);
    expect_exts(unknown_plain, 0, TS_ERR_DER); /* [3] { SEQUENCE {} }: empty list */

    ts_cert c;
    assert_int_equal(parse_raw(3, &TS_OID_SHA256_WITH_RSA, &TS_OID_SHA256_WITH_RSA, bc_ca,
                               sizeof(bc_ca), NULL, 0, &c),
                     TS_OK);
    assert_true(c.is_ca);
    ts_x509_free(&c);
    /* v1: no version field, no extensions */
    assert_int_equal(parse_raw(0, &TS_OID_SHA256_WITH_RSA, &TS_OID_SHA256_WITH_RSA, NULL, 0, NULL,
                               0, &c),
                     TS_OK);
    assert_int_equal(c.version, 1);
    assert_false(c.has_basic_constraints);
    ts_x509_free(&c);
    /* an explicit v1 is not DER (it is the default) */
    assert_int_equal(parse_raw(1, &TS_OID_SHA256_WITH_RSA, &TS_OID_SHA256_WITH_RSA, NULL, 0, NULL,
                               0, &c),
                     TS_ERR_DER);
    /* extensions in a v1 certificate */
    assert_int_equal(parse_raw(0, &TS_OID_SHA256_WITH_RSA, &TS_OID_SHA256_WITH_RSA, bc_ca,
                               sizeof(bc_ca), NULL, 0, &c),
                     TS_ERR_DER);
    assert_int_equal(parse_raw(4, &TS_OID_SHA256_WITH_RSA, &TS_OID_SHA256_WITH_RSA, NULL, 0, NULL,
                               0, &c),
                     TS_ERR_X509);
    /* other signature algorithms, or inner and outer differing */
    assert_int_equal(parse_raw(3, &md5_rsa, &md5_rsa, NULL, 0, NULL, 0, &c), TS_ERR_X509);
    assert_int_equal(parse_raw(3, &TS_OID_SHA256_WITH_RSA, &md5_rsa, NULL, 0, NULL, 0, &c),
                     TS_ERR_X509);
    /* an EC key: SEQUENCE { SEQUENCE { id-ecPublicKey, prime256v1 }, BIT STRING } */
    static const uint8_t ec_spki[] = {0x30, 0x1B, 0x30, 0x13, 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE,
                                      0x3D, 0x02, 0x01, 0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D,
                                      0x03, 0x01, 0x07, 0x03, 0x04, 0x00, 0x04, 0x01, 0x02};
    assert_int_equal(parse_raw(0, &TS_OID_SHA256_WITH_RSA, &TS_OID_SHA256_WITH_RSA, NULL, 0,
                               ec_spki, sizeof(ec_spki), &c),
                     TS_ERR_X509);
}

static void test_many_dns_names(void **state)
{
    (void)state;
    /* 10 dNSNames: 8 kept for display, all 10 matched */
    uint8_t exts[256];
    ts_buf b;
    ts_buf_init(&b);
    size_t ext, val, seq;
    assert_int_equal(ts_der_begin(&b, TS_DER_SEQUENCE, &ext), TS_OK);
    assert_int_equal(ts_der_write_oid(&b, &TS_OID_SUBJECT_ALT_NAME), TS_OK);
    assert_int_equal(ts_der_begin(&b, TS_DER_OCTET_STRING, &val), TS_OK);
    assert_int_equal(ts_der_begin(&b, TS_DER_SEQUENCE, &seq), TS_OK);
    static const uint8_t ip[] = {127, 0, 0, 1};
    assert_int_equal(ts_der_write_tlv(&b, 0x87, ip, 4), TS_OK); /* iPAddress, skipped */
    for (int i = 0; i < 10; i++) {
        char name[32];
        snprintf(name, sizeof(name), "h%d.test", i);
        assert_int_equal(ts_der_write_tlv(&b, 0x82, (const uint8_t *)name, strlen(name)), TS_OK);
    }
    assert_int_equal(ts_der_end(&b, seq), TS_OK);
    assert_int_equal(ts_der_end(&b, val), TS_OK);
    assert_int_equal(ts_der_end(&b, ext), TS_OK);
    assert_true(b.len <= sizeof(exts));
    memcpy(exts, b.data, b.len);
    ts_cert c;
    assert_int_equal(parse_raw(3, &TS_OID_SHA256_WITH_RSA, &TS_OID_SHA256_WITH_RSA, exts, b.len,
                               NULL, 0, &c),
                     TS_OK);
    assert_int_equal(c.n_dns, 10);
    assert_string_equal(c.dns_names[7], "h7.test");
    /* host matching sees all ten, not only the eight kept */
    assert_true(ts_x509_names_host(&c, "h9.test"));
    assert_true(ts_x509_names_host(&c, "H0.TEST"));
    assert_false(ts_x509_names_host(&c, "h10.test"));
    assert_false(ts_x509_names_host(&c, "x")); /* the CN is not used: there are dNSNames */
    assert_false(ts_x509_names_host(&c, "127.0.0.1"));
    ts_x509_free(&c);
    ts_buf_free(&b);
}

/* --- real certificates --- */

static void test_openssl_cert(void **state)
{
    (void)state;
    static const uint8_t ski[20] = {0x82, 0x75, 0xDF, 0xC9, 0xA0, 0x5E, 0xFB, 0x0E, 0x82, 0xAD,
                                    0xB0, 0x34, 0xEB, 0xF5, 0xD7, 0xC2, 0x6A, 0x7F, 0x6B, 0x47};
    static const uint8_t serial[] = {0x1D, 0xCA, 0x96, 0xC8, 0x0C, 0x82, 0x6B, 0xC5, 0xD9, 0x1B,
                                     0x8F, 0x9F, 0x0B, 0x81, 0x9E, 0x98, 0x0E, 0x1B, 0x8B, 0x2D};
    ts_buf der;
    ts_cert c;
    pem_to_der(openssl_pem, &der);
    parse_ok(&der, &c);
    assert_int_equal(c.version, 3);
    assert_true(view_is(&c.serial, serial, sizeof(serial)));
    assert_string_equal(c.subject_cn, "x");
    assert_string_equal(c.issuer_cn, "x");
    assert_string_equal(c.subject_org, "");
    assert_int_equal(c.not_before, OPENSSL_NOT_BEFORE);
    assert_int_equal(c.not_after, OPENSSL_NOT_AFTER);
    assert_int_equal(ts_rsa_bits(c.pub), 1024);
    assert_true(c.has_basic_constraints);
    assert_true(c.is_ca);
    assert_false(c.has_key_usage);
    assert_false(c.has_san);
    assert_true(view_is(&c.ski, ski, 20));
    assert_true(view_is(&c.aki, ski, 20));
    /* OpenSSL's signature verifies with our verifier, strict and lax */
    assert_int_equal(ts_x509_verify_signature(&c, c.pub, false), TS_OK);
    assert_int_equal(ts_x509_verify_signature(&c, c.pub, true), TS_OK);
    assert_int_equal(ts_x509_verify_chain(&c, &c, "x", OPENSSL_NOT_BEFORE + DAY, false, NULL),
                     TS_OK);
    assert_int_equal(ts_x509_verify_chain(&c, &c, "y", OPENSSL_NOT_BEFORE + DAY, false, NULL),
                     TS_ERR_CERT_HOST);
    assert_int_equal(ts_x509_verify_chain(&c, &c, "x", OPENSSL_NOT_BEFORE - 1, false, NULL),
                     TS_ERR_CERT_EXPIRED);
    ts_x509_free(&c);
    ts_buf_free(&der);
}

static void test_mbedtls_certs(void **state)
{
    (void)state;
    ts_buf ca_der;
    ts_buf srv_der;
    ts_cert ca;
    ts_cert srv;
    pem_to_der(mbedtls_ca_pem, &ca_der);
    pem_to_der(mbedtls_server_pem, &srv_der);
    parse_ok(&ca_der, &ca);
    parse_ok(&srv_der, &srv);
    assert_string_equal(ca.subject_cn, "PolarSSL Test CA");
    assert_string_equal(ca.subject_org, "PolarSSL");
    assert_true(ca.is_ca);
    assert_int_equal(ts_rsa_bits(ca.pub), 2048);
    assert_int_equal(ca.not_before, 1549809840); /* 2019-02-10 14:44:00 UTC */
    assert_string_equal(srv.subject_cn, "localhost");
    assert_string_equal(srv.issuer_cn, "PolarSSL Test CA");
    assert_int_equal(srv.not_before, 1549809846); /* 2019-02-10 14:44:06 UTC */
    assert_int_equal(srv.not_after, 1865429046);  /* 2029-02-10 14:44:06 UTC */
    assert_true(srv.has_basic_constraints);
    assert_false(srv.is_ca);
    assert_int_equal(srv.n_dns, 0);
    assert_true(view_is(&srv.aki, ts_buf_cursor(&ca.ski), ts_buf_remaining(&ca.ski)));
    assert_int_equal(ts_x509_verify_signature(&ca, ca.pub, false), TS_OK);
    assert_int_equal(ts_x509_verify_signature(&srv, ca.pub, false), TS_OK);
    /* The server's issuer Name spells "PolarSSL" as PrintableString, the
     * CA's subject as UTF8String: RFC 5280 §7.1 would call them equal, our
     * byte comparison does not (OpenSSL, which normalises, accepts). */
    const char *why = NULL;
    assert_int_equal(ts_x509_verify_chain(&srv, &ca, "localhost", NOW, false, &why),
                     TS_ERR_CERT_ISSUER);
    ts_x509_free(&ca);
    ts_x509_free(&srv);
    ts_buf_free(&ca_der);
    ts_buf_free(&srv_der);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_time_civil),
        cmocka_unit_test(test_time_der),
        cmocka_unit_test(test_build_parse_fields),
        cmocka_unit_test(test_build_pem_roundtrip),
        cmocka_unit_test(test_build_rejects),
        cmocka_unit_test(test_make_pki),
        cmocka_unit_test(test_make_certs),
        cmocka_unit_test(test_flipped_tbs),
        cmocka_unit_test(test_wrong_ca),
        cmocka_unit_test(test_ca_without_flag),
        cmocka_unit_test(test_validity),
        cmocka_unit_test(test_host),
        cmocka_unit_test(test_truncations),
        cmocka_unit_test(test_corruptions),
        cmocka_unit_test(test_extensions_and_algorithms),
        cmocka_unit_test(test_many_dns_names),
        cmocka_unit_test(test_openssl_cert),
        cmocka_unit_test(test_mbedtls_certs),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
