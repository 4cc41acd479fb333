/* Unit tests for ts_dh: the built-in groups (checked against RFC 7919 and
 * with GMP's primality test), key agreement, public-value and group checks,
 * and the stripping of leading zero bytes from the shared secret. GMP is
 * used here, in the test only, as an independent reference. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gmp.h>

#include "base/ts_buf.h"
#include "base/ts_hex.h"
#include "crypto/ts_dh.h"
#include "crypto/ts_rng.h"
#include "crypto/ts_secret.h"

/* RFC 7919 Appendix A.1, ffdhe2048 p, as printed there. */
static const char ffdhe2048_p_rfc[] =
    "FFFFFFFF FFFFFFFF ADF85458 A2BB4A9A AFDC5620 273D3CF1"
    "D8B9C583 CE2D3695 A9E13641 146433FB CC939DCE 249B3EF9"
    "7D2FE363 630C75D8 F681B202 AEC4617A D3DF1ED5 D5FD6561"
    "2433F51F 5F066ED0 85636555 3DED1AF3 B557135E 7F57C935"
    "984F0C70 E0E68B77 E2A689DA F3EFE872 1DF158A1 36ADE735"
    "30ACCA4F 483A797A BC0AB182 B324FB61 D108A94B B2C8E3FB"
    "B96ADAB7 60D7F468 1D4F42A3 DE394DF4 AE56EDE7 6372BB19"
    "0B07A7C8 EE0A6D70 9E02FCE1 CDF7E2EC C03404CD 28342F61"
    "9172FE9C E98583FF 8E4F1232 EEF28183 C3FE3B1B 4C6FAD73"
    "3BB5FCBC 2EC22005 C58EF183 7D1683B2 C6F34A26 C1B2EFFA"
    "886B4238 61285C97 FFFFFFFF FFFFFFFF";

static void to_mpz(mpz_t z, const uint8_t *bytes, size_t n)
{
    mpz_set_ui(z, 0);
    if (n > 0) {
        mpz_import(z, n, 1, 1, 1, 0, bytes);
    }
}

/* Appends z to b, big-endian, padded to len bytes (len 0: minimal). */
static void from_mpz(ts_buf *b, const mpz_t z, size_t len)
{
    size_t n = mpz_sgn(z) == 0 ? 0 : (mpz_sizeinbase(z, 2) + 7) / 8;
    if (len < n) {
        len = n;
    }
    uint8_t *tmp = calloc(len + 1, 1);
    assert_non_null(tmp);
    if (n > 0) {
        mpz_export(tmp + (len - n), NULL, 1, 1, 1, 0, z);
    }
    assert_int_equal(ts_buf_write_bytes(b, tmp, len), TS_OK);
    free(tmp);
}

/* Checks that group p is a safe prime (p and (p-1)/2 probably prime),
 * p = 7 mod 8, and that g = 2 generates the subgroup of order (p-1)/2. */
static void check_safe_prime_group(const ts_dh_group *grp)
{
    mpz_t p, q, g, r;
    mpz_inits(p, q, g, r, NULL);
    to_mpz(p, grp->p, grp->p_len);
    to_mpz(g, grp->g, grp->g_len);
    assert_int_equal(mpz_sizeinbase(p, 2), grp->bits);
    assert_int_equal(grp->p_len, grp->bits / 8);
    assert_int_not_equal(mpz_probab_prime_p(p, 30), 0);
    mpz_sub_ui(q, p, 1);
    mpz_fdiv_q_2exp(q, q, 1);
    assert_int_not_equal(mpz_probab_prime_p(q, 30), 0);
    assert_int_equal(mpz_fdiv_ui(p, 8), 7);
    assert_int_equal(mpz_cmp_ui(g, 2), 0);
    mpz_powm(r, g, q, p);
    assert_int_equal(mpz_cmp_ui(r, 1), 0);
    mpz_clears(p, q, g, r, NULL);
}

static void test_ffdhe2048_group(void **state)
{
    (void)state;
    const ts_dh_group *grp = ts_dh_group_get(TS_DH_FFDHE2048);
    assert_non_null(grp);
    assert_string_equal(grp->name, "ffdhe2048");
    assert_int_equal(grp->bits, 2048);
    ts_buf want;
    ts_buf_init(&want);
    assert_int_equal(ts_hex_decode(ffdhe2048_p_rfc, &want, NULL), TS_OK);
    assert_int_equal(want.len, 256);
    assert_int_equal(grp->p_len, 256);
    assert_memory_equal(grp->p, want.data, 256);
    /* Known ends: 2^2048 - 2^1984 + ... - 1 begins and ends with 64 ones. */
    static const uint8_t ones[8] = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
    static const uint8_t after[4] = { 0xAD, 0xF8, 0x54, 0x58 };
    static const uint8_t before[4] = { 0x61, 0x28, 0x5C, 0x97 };
    assert_memory_equal(grp->p, ones, 8);
    assert_memory_equal(grp->p + 8, after, 4);
    assert_memory_equal(grp->p + 244, before, 4);
    assert_memory_equal(grp->p + 248, ones, 8);
    ts_buf_free(&want);
    check_safe_prime_group(grp);
    assert_int_equal(ts_dh_check_group(grp->p, grp->p_len, grp->g, grp->g_len, 2048), TS_OK);
}

static void test_toy_group(void **state)
{
    (void)state;
    const ts_dh_group *grp = ts_dh_group_get(TS_DH_TOY);
    assert_non_null(grp);
    assert_string_equal(grp->name, "toy64");
    assert_int_equal(grp->bits, 64);
    check_safe_prime_group(grp);
    assert_int_equal(ts_dh_check_group(grp->p, grp->p_len, grp->g, grp->g_len, 64), TS_OK);
    assert_int_equal(ts_dh_check_group(grp->p, grp->p_len, grp->g, grp->g_len, 65),
                     TS_ERR_DH_PUBLIC);
    assert_null(ts_dh_group_get(TS_DH_GROUP_COUNT));
}

/* ts_dh_check_group refuses even p, short p, and g outside (1, p - 1). */
static void test_check_group(void **state)
{
    (void)state;
    const ts_dh_group *grp = ts_dh_group_get(TS_DH_TOY);
    uint8_t p[8];
    memcpy(p, grp->p, 8);
    /* p - 1 and p as generators. */
    uint8_t pm1[8];
    memcpy(pm1, p, 8);
    pm1[7] -= 1;
    uint8_t g[1];
    g[0] = 0;
    assert_int_equal(ts_dh_check_group(p, 8, g, 1, 2), TS_ERR_DH_PUBLIC);
    g[0] = 1;
    assert_int_equal(ts_dh_check_group(p, 8, g, 1, 2), TS_ERR_DH_PUBLIC);
    g[0] = 2;
    assert_int_equal(ts_dh_check_group(p, 8, g, 1, 2), TS_OK);
    assert_int_equal(ts_dh_check_group(p, 8, NULL, 0, 2), TS_ERR_DH_PUBLIC);
    assert_int_equal(ts_dh_check_group(p, 8, pm1, 8, 2), TS_ERR_DH_PUBLIC);
    assert_int_equal(ts_dh_check_group(p, 8, p, 8, 2), TS_ERR_DH_PUBLIC);
    /* Leading zero bytes in p or g change nothing. */
    uint8_t padded_p[10] = { 0, 0 };
    memcpy(padded_p + 2, p, 8);
    uint8_t padded_g[3] = { 0, 0, 5 };
    assert_int_equal(ts_dh_check_group(padded_p, 10, padded_g, 3, 64), TS_OK);
    /* Even p. */
    p[7] ^= 1;
    assert_int_equal(ts_dh_check_group(p, 8, g, 1, 2), TS_ERR_DH_PUBLIC);
    /* Empty p. */
    assert_int_equal(ts_dh_check_group(NULL, 0, g, 1, 0), TS_ERR_DH_PUBLIC);
    assert_int_equal(ts_dh_check_group(NULL, 8, g, 1, 0), TS_ERR_ARG);
}

/* Both sides of a handshake: keys of the right size, the same secret, and
 * the secret equal to g^(ab) mod p computed by GMP. */
static void agree(const ts_dh_group *grp, const char *seed)
{
    ts_rng crng, srng;
    assert_int_equal(ts_rng_init(&crng, seed, TS_ACTOR_CLIENT), TS_OK);
    assert_int_equal(ts_rng_init(&srng, seed, TS_ACTOR_SERVER), TS_OK);
    ts_buf cpriv, cpub, spriv, spub, cz, sz;
    ts_buf_init(&cpriv);
    ts_buf_init(&cpub);
    ts_buf_init(&spriv);
    ts_buf_init(&spub);
    ts_buf_init(&cz);
    ts_buf_init(&sz);
    assert_int_equal(ts_dh_keypair(&crng, grp->p, grp->p_len, grp->g, grp->g_len, &cpriv, &cpub),
                     TS_OK);
    assert_int_equal(ts_dh_keypair(&srng, grp->p, grp->p_len, grp->g, grp->g_len, &spriv, &spub),
                     TS_OK);
    assert_int_equal(cpub.len, grp->p_len);
    assert_int_equal(spub.len, grp->p_len);
    assert_int_equal(cpriv.len, grp->p_len);
    assert_memory_not_equal(cpub.data, spub.data, grp->p_len);
    assert_int_equal(ts_dh_check_public(grp->p, grp->p_len, cpub.data, cpub.len), TS_OK);

    assert_int_equal(ts_dh_shared(grp->p, grp->p_len, cpriv.data, cpriv.len, spub.data, spub.len,
                                  &cz),
                     TS_OK);
    assert_int_equal(ts_dh_shared(grp->p, grp->p_len, spriv.data, spriv.len, cpub.data, cpub.len,
                                  &sz),
                     TS_OK);
    assert_int_equal(cz.len, sz.len);
    assert_true(ts_secret_equal(cz.data, sz.data, cz.len));

    /* Reference: the private values lie in [2, p - 2], pub = g^x mod p and
     * Z = g^(ab) mod p, minimal big-endian. */
    mpz_t p, g, a, b, y, z;
    mpz_inits(p, g, a, b, y, z, NULL);
    to_mpz(p, grp->p, grp->p_len);
    to_mpz(g, grp->g, grp->g_len);
    to_mpz(a, cpriv.data, cpriv.len);
    to_mpz(b, spriv.data, spriv.len);
    assert_true(mpz_cmp_ui(a, 2) >= 0);
    mpz_sub_ui(y, p, 2);
    assert_true(mpz_cmp(a, y) <= 0);
    assert_true(mpz_cmp(b, y) <= 0);
    mpz_powm(y, g, a, p);
    ts_buf ref;
    ts_buf_init(&ref);
    from_mpz(&ref, y, grp->p_len);
    assert_memory_equal(ref.data, cpub.data, grp->p_len);
    ts_buf_reset(&ref);
    mpz_powm(z, g, a, p);
    mpz_powm(z, z, b, p);
    from_mpz(&ref, z, 0);
    assert_int_equal(ref.len, cz.len);
    assert_memory_equal(ref.data, cz.data, cz.len);
    mpz_clears(p, g, a, b, y, z, NULL);

    ts_buf_free(&ref);
    ts_secret_free_buf(&cpriv);
    ts_secret_free_buf(&spriv);
    ts_secret_free_buf(&cz);
    ts_secret_free_buf(&sz);
    ts_buf_free(&cpub);
    ts_buf_free(&spub);
    ts_rng_wipe(&crng);
    ts_rng_wipe(&srng);
}

static void test_agree_toy(void **state)
{
    (void)state;
    agree(ts_dh_group_get(TS_DH_TOY), "dh-toy-1");
    agree(ts_dh_group_get(TS_DH_TOY), "dh-toy-2");
}

static void test_agree_ffdhe2048(void **state)
{
    (void)state;
    agree(ts_dh_group_get(TS_DH_FFDHE2048), "dh-ffdhe");
}

/* Same seed, same key pair; another seed, another one. */
static void test_keypair_deterministic(void **state)
{
    (void)state;
    const ts_dh_group *grp = ts_dh_group_get(TS_DH_FFDHE2048);
    ts_buf pub[3], priv[3];
    const char *seeds[3] = { "same", "same", "other" };
    for (int i = 0; i < 3; i++) {
        ts_rng rng;
        ts_buf_init(&pub[i]);
        ts_buf_init(&priv[i]);
        assert_int_equal(ts_rng_init(&rng, seeds[i], TS_ACTOR_SERVER), TS_OK);
        assert_int_equal(ts_dh_keypair(&rng, grp->p, grp->p_len, grp->g, grp->g_len, &priv[i],
                                       &pub[i]),
                         TS_OK);
        ts_rng_wipe(&rng);
    }
    assert_memory_equal(pub[0].data, pub[1].data, 256);
    assert_memory_equal(priv[0].data, priv[1].data, 256);
    assert_memory_not_equal(pub[0].data, pub[2].data, 256);
    for (int i = 0; i < 3; i++) {
        ts_secret_free_buf(&priv[i]);
        ts_buf_free(&pub[i]);
    }
}

/* A public value below 2^56 in the toy group is sent with a leading zero
 * byte (padded to the length of p, RFC 7919 §3): draw key pairs until one
 * turns up (about 1 in 256), then check it against GMP. */
static void test_public_padded(void **state)
{
    (void)state;
    const ts_dh_group *grp = ts_dh_group_get(TS_DH_TOY);
    ts_rng rng;
    assert_int_equal(ts_rng_init(&rng, "dh-pad", TS_ACTOR_CLIENT), TS_OK);
    ts_buf priv, pub;
    ts_buf_init(&priv);
    ts_buf_init(&pub);
    int tries = 0;
    for (;;) {
        ts_buf_reset(&priv);
        ts_buf_reset(&pub);
        assert_int_equal(ts_dh_keypair(&rng, grp->p, grp->p_len, grp->g, grp->g_len, &priv,
                                       &pub),
                         TS_OK);
        assert_int_equal(pub.len, 8);
        if (pub.data[0] == 0) {
            break;
        }
        assert_true(++tries < 20000);
    }
    mpz_t p, x, y;
    mpz_inits(p, x, y, NULL);
    to_mpz(p, grp->p, grp->p_len);
    to_mpz(x, priv.data, priv.len);
    mpz_set_ui(y, 2);
    mpz_powm(y, y, x, p);
    ts_buf ref;
    ts_buf_init(&ref);
    from_mpz(&ref, y, 8);
    assert_memory_equal(ref.data, pub.data, 8);
    assert_true(mpz_sizeinbase(y, 2) <= 56);
    mpz_clears(p, x, y, NULL);
    ts_buf_free(&ref);
    ts_secret_free_buf(&priv);
    ts_buf_free(&pub);
    ts_rng_wipe(&rng);
}

/* RFC 5246 §8.1.2: leading zero bytes of Z are stripped. Search small
 * exponent pairs (a, b) in the toy group for a Z = 2^(ab) mod p below
 * 2^56, then check both sides give the same 7-byte (or shorter) secret. */
static void test_leading_zeros_stripped(void **state)
{
    (void)state;
    const ts_dh_group *grp = ts_dh_group_get(TS_DH_TOY);
    mpz_t p, z, two;
    mpz_inits(p, z, two, NULL);
    mpz_set_ui(two, 2);
    to_mpz(p, grp->p, grp->p_len);
    unsigned long a = 0;
    unsigned long b = 0;
    for (unsigned long i = 100; i < 2000 && a == 0; i++) {
        for (unsigned long j = i; j < i + 8; j++) {
            mpz_powm_ui(z, two, i * j, p);
            if (mpz_sizeinbase(z, 2) <= 56) {
                a = i;
                b = j;
                break;
            }
        }
    }
    assert_int_not_equal(a, 0);
    uint8_t a_bytes[8] = { 0 };
    uint8_t b_bytes[8] = { 0 };
    for (int k = 0; k < 8; k++) {
        a_bytes[7 - k] = (uint8_t)(a >> (8 * k));
        b_bytes[7 - k] = (uint8_t)(b >> (8 * k));
    }
    /* Public values through ts_dh itself: 2^x = Z computed against peer 2. */
    ts_buf apub, bpub, za, zb, ref;
    ts_buf_init(&apub);
    ts_buf_init(&bpub);
    ts_buf_init(&za);
    ts_buf_init(&zb);
    ts_buf_init(&ref);
    assert_int_equal(ts_dh_shared(grp->p, grp->p_len, a_bytes, 8, grp->g, grp->g_len, &apub),
                     TS_OK);
    assert_int_equal(ts_dh_shared(grp->p, grp->p_len, b_bytes, 8, grp->g, grp->g_len, &bpub),
                     TS_OK);
    assert_int_equal(ts_dh_shared(grp->p, grp->p_len, a_bytes, 8, bpub.data, bpub.len, &za),
                     TS_OK);
    assert_int_equal(ts_dh_shared(grp->p, grp->p_len, b_bytes, 8, apub.data, apub.len, &zb),
                     TS_OK);
    from_mpz(&ref, z, 0);
    assert_true(ref.len < 8);
    assert_int_equal(za.len, ref.len);
    assert_int_equal(zb.len, ref.len);
    assert_memory_equal(za.data, ref.data, ref.len);
    assert_memory_equal(zb.data, ref.data, ref.len);
    assert_int_not_equal(za.data[0], 0);
    mpz_clears(p, z, two, NULL);
    ts_buf_free(&apub);
    ts_buf_free(&bpub);
    ts_buf_free(&za);
    ts_buf_free(&zb);
    ts_buf_free(&ref);
}

/* Peer values 0, 1, p - 1, p, p + 1 and an empty one are refused, and so is
 * a value whose result is 1 (2 has order q; raised to x = q it gives 1). */
static void test_bad_peer_values(void **state)
{
    (void)state;
    const ts_dh_group *grp = ts_dh_group_get(TS_DH_TOY);
    mpz_t p, v;
    mpz_inits(p, v, NULL);
    to_mpz(p, grp->p, grp->p_len);
    uint8_t priv[8] = { 0, 0, 0, 0, 0, 0, 0x12, 0x34 };
    ts_buf out;
    ts_buf_init(&out);
    static const long offsets[] = { -1, 0, 1 }; /* p - 1, p, p + 1 */
    for (int i = 0; i < 2; i++) {
        ts_buf peer;
        ts_buf_init(&peer);
        mpz_set_ui(v, (unsigned long)i);
        from_mpz(&peer, v, 8);
        assert_int_equal(ts_dh_shared(grp->p, grp->p_len, priv, 8, peer.data, peer.len, &out),
                         TS_ERR_DH_PUBLIC);
        assert_int_equal(ts_dh_check_public(grp->p, grp->p_len, peer.data, peer.len),
                         TS_ERR_DH_PUBLIC);
        ts_buf_free(&peer);
    }
    for (size_t i = 0; i < 3; i++) {
        ts_buf peer;
        ts_buf_init(&peer);
        if (offsets[i] < 0) {
            mpz_sub_ui(v, p, 1);
        } else {
            mpz_add_ui(v, p, (unsigned long)offsets[i]);
        }
        from_mpz(&peer, v, 0);
        assert_int_equal(ts_dh_shared(grp->p, grp->p_len, priv, 8, peer.data, peer.len, &out),
                         TS_ERR_DH_PUBLIC);
        ts_buf_free(&peer);
    }
    assert_int_equal(ts_dh_shared(grp->p, grp->p_len, priv, 8, NULL, 0, &out), TS_ERR_DH_PUBLIC);
    /* p - 2 is fine. */
    ts_buf peer;
    ts_buf_init(&peer);
    mpz_sub_ui(v, p, 2);
    from_mpz(&peer, v, 0);
    assert_int_equal(ts_dh_check_public(grp->p, grp->p_len, peer.data, peer.len), TS_OK);
    ts_buf_free(&peer);

    /* x = q = (p - 1) / 2 against y = 2: Z = 1, no shared secret. */
    ts_buf q;
    ts_buf_init(&q);
    mpz_sub_ui(v, p, 1);
    mpz_fdiv_q_2exp(v, v, 1);
    from_mpz(&q, v, 0);
    assert_int_equal(ts_dh_shared(grp->p, grp->p_len, q.data, q.len, grp->g, grp->g_len, &out),
                     TS_ERR_DH_PUBLIC);
    ts_buf_free(&q);

    /* Nothing was appended by any failure. */
    assert_int_equal(out.len, 0);
    mpz_clears(p, v, NULL);
    ts_buf_free(&out);
}

/* Bad arguments: zero private value, even modulus, bad groups for keypair
 * (outputs untouched), NULL buffers. */
static void test_bad_args(void **state)
{
    (void)state;
    const ts_dh_group *grp = ts_dh_group_get(TS_DH_TOY);
    ts_buf out;
    ts_buf_init(&out);
    uint8_t zero[8] = { 0 };
    uint8_t three[1] = { 3 };
    assert_int_equal(ts_dh_shared(grp->p, grp->p_len, zero, 8, three, 1, &out), TS_ERR_ARG);
    assert_int_equal(ts_dh_shared(grp->p, grp->p_len, NULL, 0, three, 1, &out), TS_ERR_ARG);
    uint8_t even_p[1] = { 10 };
    uint8_t one[1] = { 1 };
    assert_int_equal(ts_dh_shared(even_p, 1, one, 1, three, 1, &out), TS_ERR_ARG);
    assert_int_equal(ts_dh_shared(grp->p, grp->p_len, one, 1, three, 1, NULL), TS_ERR_ARG);
    assert_int_equal(out.len, 0);

    ts_rng rng;
    assert_int_equal(ts_rng_init(&rng, "dh-bad", TS_ACTOR_CLIENT), TS_OK);
    ts_buf priv, pub;
    ts_buf_init(&priv);
    ts_buf_init(&pub);
    uint8_t g1[1] = { 1 };
    assert_int_equal(ts_dh_keypair(&rng, grp->p, grp->p_len, g1, 1, &priv, &pub),
                     TS_ERR_DH_PUBLIC);
    uint8_t g2[1] = { 2 };
    assert_int_equal(ts_dh_keypair(&rng, even_p, 1, g2, 1, &priv, &pub), TS_ERR_DH_PUBLIC);
    assert_int_equal(ts_dh_keypair(NULL, grp->p, grp->p_len, g2, 1, &priv, &pub), TS_ERR_ARG);
    assert_int_equal(priv.len, 0);
    assert_int_equal(pub.len, 0);
    /* Writing into a read-only view fails, and appends nothing to priv. */
    ts_buf view;
    ts_buf_view(&view, g2, 1);
    assert_int_equal(ts_dh_keypair(&rng, grp->p, grp->p_len, g2, 1, &priv, &view), TS_ERR_ARG);
    assert_int_equal(priv.len, 0);
    /* The smallest group that passes: p = 5, g = 2, x in {2, 3}. */
    uint8_t five[1] = { 5 };
    for (int i = 0; i < 20; i++) {
        ts_buf_reset(&priv);
        ts_buf_reset(&pub);
        assert_int_equal(ts_dh_keypair(&rng, five, 1, g2, 1, &priv, &pub), TS_OK);
        assert_int_equal(priv.len, 1);
        assert_true(priv.data[0] == 2 || priv.data[0] == 3);
        assert_int_equal(pub.data[0], priv.data[0] == 2 ? 4 : 3);
    }
    ts_secret_free_buf(&priv);
    ts_buf_free(&pub);
    ts_buf_free(&out);
    ts_rng_wipe(&rng);
}

int main(void)
{
    if (ts_rng_global_init() != TS_OK) {
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ffdhe2048_group),
        cmocka_unit_test(test_toy_group),
        cmocka_unit_test(test_check_group),
        cmocka_unit_test(test_agree_toy),
        cmocka_unit_test(test_agree_ffdhe2048),
        cmocka_unit_test(test_keypair_deterministic),
        cmocka_unit_test(test_public_padded),
        cmocka_unit_test(test_leading_zeros_stripped),
        cmocka_unit_test(test_bad_peer_values),
        cmocka_unit_test(test_bad_args),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
