/* bench_openssl_hs: the reference for bench_hs. OpenSSL 3 does the same
 * TLS 1.2 handshakes in one process over memory BIOs: an RSA-2048 server
 * key and certificate made once outside the timed loop; per suite the same
 * cipher (SSL_CTX_set_cipher_list "CIPHER:@SECLEVEL=0"), X25519 for ecdhe,
 * ffdhe2048 for dhe, signatures rsa_pkcs1_sha256, no extended master secret
 * (tlsstep's default), no session cache and no tickets (every handshake a
 * full one); the client verifies the certificate (its own trust anchor) and
 * the host name. Each timed handshake ends when both sides have finished
 * it; no application data. rsa and tls13-aes run again with mutual TLS: the
 * server requires a client certificate (RSA-2048, trusted by the server,
 * its name sent in CertificateRequest as tlsstep's server sends its CA's)
 * and verifies it and CertificateVerify. Prints, in milliseconds per
 * handshake:
 *   handshake_rsa_2048 mean=A runs=N
 *   handshake_rsa_2048_mtls mean=A runs=N
 * Built only for the bench (tests/bench/run.sh), linked with libssl. */
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define MIN_RUNS 20
#define MIN_MS 1500.0

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* A self-signed certificate for "localhost" with key. */
static X509 *make_cert(EVP_PKEY *key)
{
    X509 *x = X509_new();
    if (x == NULL) {
        return NULL;
    }
    X509_set_version(x, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
    X509_gmtime_adj(X509_getm_notBefore(x), -86400);
    X509_gmtime_adj(X509_getm_notAfter(x), 86400L * 365);
    X509_set_pubkey(x, key);
    X509_NAME *name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)"localhost", -1,
                               -1, 0);
    X509_set_issuer_name(x, name);
    X509V3_CTX v3;
    X509V3_set_ctx_nodb(&v3);
    X509V3_set_ctx(&v3, x, x, NULL, NULL, 0);
    X509_EXTENSION *san = X509V3_EXT_conf_nid(NULL, &v3, NID_subject_alt_name, "DNS:localhost");
    X509_EXTENSION *bc = X509V3_EXT_conf_nid(NULL, &v3, NID_basic_constraints, "critical,CA:TRUE");
    if (san == NULL || bc == NULL || !X509_add_ext(x, san, -1) || !X509_add_ext(x, bc, -1) ||
        !X509_sign(x, key, EVP_sha256())) {
        X509_EXTENSION_free(san);
        X509_EXTENSION_free(bc);
        X509_free(x);
        return NULL;
    }
    X509_EXTENSION_free(san);
    X509_EXTENSION_free(bc);
    return x;
}

static EVP_PKEY *ffdhe2048(void)
{
    EVP_PKEY_CTX *pc = EVP_PKEY_CTX_new_from_name(NULL, "DH", NULL);
    EVP_PKEY *params = NULL;
    if (pc == NULL || EVP_PKEY_paramgen_init(pc) <= 0 ||
        EVP_PKEY_CTX_set_group_name(pc, "ffdhe2048") <= 0 ||
        EVP_PKEY_paramgen(pc, &params) <= 0) {
        params = NULL;
    }
    EVP_PKEY_CTX_free(pc);
    return params;
}

/* A TLS 1.2 suite by its OpenSSL cipher name, or a TLS 1.3 one (tls13):
 * then TLS 1.3 only, RSA-PSS with SHA-256, one ticket as tlsstep's server
 * sends. */
static void common(SSL_CTX *ctx, const char *cipher, int tls13)
{
    char list[128];
    snprintf(list, sizeof(list), "%s:@SECLEVEL=0", cipher);
    SSL_CTX_set_min_proto_version(ctx, tls13 ? TLS1_3_VERSION : TLS1_2_VERSION);
    SSL_CTX_set_max_proto_version(ctx, tls13 ? TLS1_3_VERSION : TLS1_2_VERSION);
    if (tls13) {
        SSL_CTX_set_ciphersuites(ctx, cipher);
        SSL_CTX_set_num_tickets(ctx, 1);
        SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
        SSL_CTX_set1_sigalgs_list(ctx, "rsa_pss_rsae_sha256");
    } else {
        SSL_CTX_set_cipher_list(ctx, list);
        SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
        SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET | SSL_OP_NO_EXTENDED_MASTER_SECRET);
        SSL_CTX_set1_sigalgs_list(ctx, "RSA+SHA256");
    }
    SSL_CTX_set1_groups_list(ctx, "X25519");
}

/* One full handshake over a BIO pair; 1 on success. */
static int handshake(SSL_CTX *sctx, SSL_CTX *cctx)
{
    SSL *s = SSL_new(sctx), *c = SSL_new(cctx);
    BIO *sb = NULL, *cb = NULL;
    int ok = 0;
    if (s == NULL || c == NULL || !BIO_new_bio_pair(&sb, 0, &cb, 0)) {
        goto out;
    }
    SSL_set_bio(s, sb, sb);
    SSL_set_bio(c, cb, cb);
    SSL_set_accept_state(s);
    SSL_set_connect_state(c);
    SSL_set_tlsext_host_name(c, "localhost");
    SSL_set1_host(c, "localhost");
    int cdone = 0, sdone = 0;
    for (int turn = 0; turn < 64 && !(cdone && sdone); turn++) {
        if (!cdone) {
            int r = SSL_do_handshake(c);
            if (r == 1) {
                cdone = 1;
            } else if (SSL_get_error(c, r) != SSL_ERROR_WANT_READ) {
                goto out;
            }
        }
        if (!sdone) {
            int r = SSL_do_handshake(s);
            if (r == 1) {
                sdone = 1;
            } else if (SSL_get_error(s, r) != SSL_ERROR_WANT_READ) {
                goto out;
            }
        }
    }
    ok = cdone && sdone && SSL_get_verify_result(c) == X509_V_OK &&
         SSL_get_verify_result(s) == X509_V_OK;
out:
    if (!ok) {
        ERR_print_errors_fp(stderr);
    }
    SSL_free(c); /* frees the BIOs */
    SSL_free(s);
    return ok;
}

/* Times handshakes for at least MIN_RUNS runs and MIN_MS; prints
 * handshake_NAME_2048TAG; 0 on success. */
static int timed(SSL_CTX *sctx, SSL_CTX *cctx, const char *name, const char *tag)
{
    if (!handshake(sctx, cctx)) { /* warm-up, and a check */
        fprintf(stderr, "bench_openssl_hs: %s%s handshake failed\n", name, tag);
        return 1;
    }
    unsigned runs = 0;
    double t0 = now_ms(), t = 0;
    while (runs < MIN_RUNS || t < MIN_MS) {
        if (!handshake(sctx, cctx)) {
            return 1;
        }
        runs++;
        t = now_ms() - t0;
    }
    printf("handshake_%s_2048%s mean=%.4f runs=%u\n", name, tag, t / runs, runs);
    fflush(stdout);
    return 0;
}

int main(void)
{
    static const struct {
        const char *name, *cipher;
        int tls13;
    } suites[] = {
        {"rsa", "AES256-GCM-SHA384", 0},
        {"ecdhe", "ECDHE-RSA-CHACHA20-POLY1305", 0},
        {"dhe", "DHE-RSA-CHACHA20-POLY1305", 0},
        {"null", "NULL-SHA256", 0},
        {"tls13-aes", "TLS_AES_256_GCM_SHA384", 1},
        {"tls13-chacha", "TLS_CHACHA20_POLY1305_SHA256", 1},
    };
    EVP_PKEY *client_key = EVP_RSA_gen(2048);
    X509 *client_cert = client_key != NULL ? make_cert(client_key) : NULL;
    if (client_cert == NULL) {
        fprintf(stderr, "bench_openssl_hs: cannot make the client key and certificate\n");
        return 1;
    }
    EVP_PKEY *key = EVP_RSA_gen(2048);
    X509 *cert = key != NULL ? make_cert(key) : NULL;
    if (cert == NULL) {
        fprintf(stderr, "bench_openssl_hs: cannot make the key and certificate\n");
        return 1;
    }
    int rc = 0;
    for (size_t i = 0; i < sizeof(suites) / sizeof(suites[0]) && rc == 0; i++) {
        SSL_CTX *sctx = SSL_CTX_new(TLS_server_method());
        SSL_CTX *cctx = SSL_CTX_new(TLS_client_method());
        EVP_PKEY *dh = ffdhe2048();
        if (sctx == NULL || cctx == NULL || dh == NULL) {
            rc = 1;
            break;
        }
        common(sctx, suites[i].cipher, suites[i].tls13);
        common(cctx, suites[i].cipher, suites[i].tls13);
        SSL_CTX_use_certificate(sctx, cert);
        SSL_CTX_use_PrivateKey(sctx, key);
        SSL_CTX_set0_tmp_dh_pkey(sctx, dh);
        X509_STORE_add_cert(SSL_CTX_get_cert_store(cctx), cert);
        SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);
        rc = timed(sctx, cctx, suites[i].name, "");
        if (rc == 0 && (strcmp(suites[i].name, "rsa") == 0 ||
                        strcmp(suites[i].name, "tls13-aes") == 0)) {
            X509_STORE_add_cert(SSL_CTX_get_cert_store(sctx), client_cert);
            SSL_CTX_add_client_CA(sctx, client_cert);
            SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
            SSL_CTX_use_certificate(cctx, client_cert);
            SSL_CTX_use_PrivateKey(cctx, client_key);
            rc = timed(sctx, cctx, suites[i].name, "_mtls");
        }
        SSL_CTX_free(sctx);
        SSL_CTX_free(cctx);
    }
    X509_free(cert);
    EVP_PKEY_free(key);
    X509_free(client_cert);
    EVP_PKEY_free(client_key);
    return rc;
}
