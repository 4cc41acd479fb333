/* ts_dh: finite-field Diffie-Hellman on GMP. Private values go through
 * mpz_powm_sec; every mpz holding a secret is wiped before it is freed. */
#include "crypto/ts_dh.h"

#include <stdbool.h>
#include <string.h>

#include <gmp.h>

#include "crypto/ts_dh_ffdhe.h"
#include "crypto/ts_secret.h"

/* RFC 7919 Appendix A.1: ffdhe2048, p = 2^2048 - 2^1984 +
 * {[2^1918 * e] + 560316} * 2^64 - 1, a safe prime. */
static const uint8_t ffdhe2048_p[256] = {
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xAD, 0xF8, 0x54, 0x58, 0xA2, 0xBB, 0x4A, 0x9A,
    0xAF, 0xDC, 0x56, 0x20, 0x27, 0x3D, 0x3C, 0xF1,
    0xD8, 0xB9, 0xC5, 0x83, 0xCE, 0x2D, 0x36, 0x95,
    0xA9, 0xE1, 0x36, 0x41, 0x14, 0x64, 0x33, 0xFB,
    0xCC, 0x93, 0x9D, 0xCE, 0x24, 0x9B, 0x3E, 0xF9,
    0x7D, 0x2F, 0xE3, 0x63, 0x63, 0x0C, 0x75, 0xD8,
    0xF6, 0x81, 0xB2, 0x02, 0xAE, 0xC4, 0x61, 0x7A,
    0xD3, 0xDF, 0x1E, 0xD5, 0xD5, 0xFD, 0x65, 0x61,
    0x24, 0x33, 0xF5, 0x1F, 0x5F, 0x06, 0x6E, 0xD0,
    0x85, 0x63, 0x65, 0x55, 0x3D, 0xED, 0x1A, 0xF3,
    0xB5, 0x57, 0x13, 0x5E, 0x7F, 0x57, 0xC9, 0x35,
    0x98, 0x4F, 0x0C, 0x70, 0xE0, 0xE6, 0x8B, 0x77,
    0xE2, 0xA6, 0x89, 0xDA, 0xF3, 0xEF, 0xE8, 0x72,
    0x1D, 0xF1, 0x58, 0xA1, 0x36, 0xAD, 0xE7, 0x35,
    0x30, 0xAC, 0xCA, 0x4F, 0x48, 0x3A, 0x79, 0x7A,
    0xBC, 0x0A, 0xB1, 0x82, 0xB3, 0x24, 0xFB, 0x61,
    0xD1, 0x08, 0xA9, 0x4B, 0xB2, 0xC8, 0xE3, 0xFB,
    0xB9, 0x6A, 0xDA, 0xB7, 0x60, 0xD7, 0xF4, 0x68,
    0x1D, 0x4F, 0x42, 0xA3, 0xDE, 0x39, 0x4D, 0xF4,
    0xAE, 0x56, 0xED, 0xE7, 0x63, 0x72, 0xBB, 0x19,
    0x0B, 0x07, 0xA7, 0xC8, 0xEE, 0x0A, 0x6D, 0x70,
    0x9E, 0x02, 0xFC, 0xE1, 0xCD, 0xF7, 0xE2, 0xEC,
    0xC0, 0x34, 0x04, 0xCD, 0x28, 0x34, 0x2F, 0x61,
    0x91, 0x72, 0xFE, 0x9C, 0xE9, 0x85, 0x83, 0xFF,
    0x8E, 0x4F, 0x12, 0x32, 0xEE, 0xF2, 0x81, 0x83,
    0xC3, 0xFE, 0x3B, 0x1B, 0x4C, 0x6F, 0xAD, 0x73,
    0x3B, 0xB5, 0xFC, 0xBC, 0x2E, 0xC2, 0x20, 0x05,
    0xC5, 0x8E, 0xF1, 0x83, 0x7D, 0x16, 0x83, 0xB2,
    0xC6, 0xF3, 0x4A, 0x26, 0xC1, 0xB2, 0xEF, 0xFA,
    0x88, 0x6B, 0x42, 0x38, 0x61, 0x28, 0x5C, 0x97,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
};

/* The largest safe prime below 2^64 that is 7 mod 8 (found with GMP's
 * mpz_probab_prime_p on p and (p-1)/2; tests/unit/ts_dh_test.c checks it):
 * 18446744073709543127. Tiny enough to work by hand, far too small to be
 * secure: for lessons only. */
static const uint8_t toy64_p[8] = {
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xDE, 0xD7,
};

static const uint8_t generator_2[1] = { 0x02 };

static const ts_dh_group groups[TS_DH_GROUP_COUNT] = {
    [TS_DH_FFDHE2048] = { "ffdhe2048", ffdhe2048_p, sizeof ffdhe2048_p,
                          generator_2, sizeof generator_2, 2048, 256 },
    [TS_DH_TOY] = { "toy64", toy64_p, sizeof toy64_p, generator_2, sizeof generator_2, 64, 0 },
    [TS_DH_FFDHE3072] = { "ffdhe3072", ts_ffdhe3072_p, sizeof ts_ffdhe3072_p,
                          generator_2, sizeof generator_2, 3072, 257 },
    [TS_DH_FFDHE4096] = { "ffdhe4096", ts_ffdhe4096_p, sizeof ts_ffdhe4096_p,
                          generator_2, sizeof generator_2, 4096, 258 },
    [TS_DH_FFDHE6144] = { "ffdhe6144", ts_ffdhe6144_p, sizeof ts_ffdhe6144_p,
                          generator_2, sizeof generator_2, 6144, 259 },
    [TS_DH_FFDHE8192] = { "ffdhe8192", ts_ffdhe8192_p, sizeof ts_ffdhe8192_p,
                          generator_2, sizeof generator_2, 8192, 260 },
};

/* Most draws of a private exponent before giving up (each succeeds with
 * probability above 1/2). */
#define DRAW_TRIES 128

const ts_dh_group *ts_dh_group_get(ts_dh_group_id id)
{
    if ((unsigned)id >= TS_DH_GROUP_COUNT) {
        return NULL;
    }
    return &groups[id];
}

bool ts_dh_group_by_named(uint16_t named, ts_dh_group_id *id)
{
    for (size_t i = 0; i < TS_DH_GROUP_COUNT; i++) {
        if (named != 0 && groups[i].named == named) {
            *id = (ts_dh_group_id)i;
            return true;
        }
    }
    return false;
}

static void import_be(mpz_t z, const uint8_t *bytes, size_t n)
{
    if (n == 0) {
        mpz_set_ui(z, 0);
        return;
    }
    mpz_import(z, n, 1, 1, 1, 0, bytes);
}

/* Bytes needed for z (0 for z = 0). */
static size_t byte_len(const mpz_t z)
{
    if (mpz_sgn(z) == 0) {
        return 0;
    }
    return (mpz_sizeinbase(z, 2) + 7) / 8;
}

/* Writes z into exactly len bytes, big-endian, left-padded with zeros
 * (z must fit). */
static void export_be(uint8_t *out, size_t len, const mpz_t z)
{
    size_t n = byte_len(z);
    memset(out, 0, len - n);
    if (n > 0) {
        mpz_export(out + (len - n), NULL, 1, 1, 1, 0, z);
    }
}

/* Wipes z's limbs, then frees them. */
static void clear_secret(mpz_t z)
{
    ts_secret_wipe(z->_mp_d, (size_t)z->_mp_alloc * sizeof(mp_limb_t));
    mpz_clear(z);
}

/* TS_OK when 1 < y < p - 1. */
static ts_err check_range(const mpz_t y, const mpz_t p)
{
    mpz_t top;
    mpz_init(top);
    mpz_sub_ui(top, p, 1);
    bool ok = mpz_cmp_ui(y, 1) > 0 && mpz_cmp(y, top) < 0;
    mpz_clear(top);
    return ok ? TS_OK : TS_ERR_DH_PUBLIC;
}

/* Checks a group held as mpz: p odd, min_bits <= bits(p) <= TS_DH_MAX_BITS,
 * 1 < g < p - 1. */
static ts_err check_group_z(const mpz_t p, const mpz_t g, unsigned min_bits)
{
    size_t bits = mpz_sizeinbase(p, 2);
    TS_ENSURE(mpz_odd_p(p), TS_ERR_DH_PUBLIC);
    TS_ENSURE(bits >= min_bits && bits <= TS_DH_MAX_BITS, TS_ERR_DH_PUBLIC);
    return check_range(g, p);
}

ts_err ts_dh_check_group(const uint8_t *p, size_t p_len, const uint8_t *g, size_t g_len,
                         unsigned min_bits)
{
    TS_ENSURE((p != NULL || p_len == 0) && (g != NULL || g_len == 0), TS_ERR_ARG);
    mpz_t zp, zg;
    mpz_inits(zp, zg, NULL);
    import_be(zp, p, p_len);
    import_be(zg, g, g_len);
    ts_err err = check_group_z(zp, zg, min_bits);
    mpz_clears(zp, zg, NULL);
    return err;
}

ts_err ts_dh_check_public(const uint8_t *p, size_t p_len, const uint8_t *y, size_t y_len)
{
    TS_ENSURE((p != NULL || p_len == 0) && (y != NULL || y_len == 0), TS_ERR_ARG);
    mpz_t zp, zy;
    mpz_inits(zp, zy, NULL);
    import_be(zp, p, p_len);
    import_be(zy, y, y_len);
    ts_err err = check_range(zy, zp);
    mpz_clears(zp, zy, NULL);
    return err;
}

/* Private exponents of large groups have this many bits: RFC 7919 section
 * 5.2 asks for at least twice the group's security strength (ffdhe2048:
 * 103 bits), and a short exponent makes g^x several times faster. */
#define SHORT_EXPONENT_BITS 256

/* Sets x to a uniform value in [2, bound + 1] drawn from rng, where bound is
 * p - 3 for small groups and 2^256 - 2 for groups above 512 bits: draws of
 * bits(bound) bits are rejected until one falls below bound, then 2 is added. */
static ts_err draw_exponent(ts_rng *rng, const mpz_t p, mpz_t x)
{
    mpz_t range;
    mpz_init(range);
    if (mpz_sizeinbase(p, 2) > 2 * SHORT_EXPONENT_BITS) {
        mpz_setbit(range, SHORT_EXPONENT_BITS);
        mpz_sub_ui(range, range, 2);
    } else {
        mpz_sub_ui(range, p, 3);
    }
    size_t bits = mpz_sizeinbase(range, 2);
    size_t len = (bits + 7) / 8;
    uint8_t bytes[TS_DH_MAX_LEN];
    uint8_t top_mask = (uint8_t)(0xFF >> (8 * len - bits));
    ts_err err = TS_ERR_RNG;
    for (int i = 0; i < DRAW_TRIES; i++) {
        ts_rng_bytes(rng, bytes, len);
        bytes[0] &= top_mask;
        import_be(x, bytes, len);
        if (mpz_cmp(x, range) < 0) {
            mpz_add_ui(x, x, 2);
            err = TS_OK;
            break;
        }
    }
    ts_secret_wipe(bytes, len);
    mpz_clear(range);
    return err;
}

ts_err ts_dh_keypair(ts_rng *rng, const uint8_t *p, size_t p_len, const uint8_t *g, size_t g_len,
                     ts_buf *priv, ts_buf *pub)
{
    TS_ENSURE(rng != NULL && priv != NULL && pub != NULL, TS_ERR_ARG);
    TS_GUARD(ts_dh_check_group(p, p_len, g, g_len, 2));
    mpz_t zp, zg, x, y;
    mpz_inits(zp, zg, x, y, NULL);
    import_be(zp, p, p_len);
    import_be(zg, g, g_len);
    size_t len = byte_len(zp);
    uint8_t x_bytes[TS_DH_MAX_LEN];
    uint8_t y_bytes[TS_DH_MAX_LEN];
    ts_err err = draw_exponent(rng, zp, x);
    if (err == TS_OK) {
        mpz_powm_sec(y, zg, x, zp);
        export_be(x_bytes, len, x);
        export_be(y_bytes, len, y);
        err = ts_buf_reserve(priv, len);
    }
    if (err == TS_OK) {
        err = ts_buf_reserve(pub, len);
    }
    if (err == TS_OK) {
        err = ts_buf_write_bytes(priv, x_bytes, len);
    }
    if (err == TS_OK) {
        err = ts_buf_write_bytes(pub, y_bytes, len);
    }
    ts_secret_wipe(x_bytes, sizeof x_bytes);
    clear_secret(x);
    mpz_clears(zp, zg, y, NULL);
    return err;
}

ts_err ts_dh_shared(const uint8_t *p, size_t p_len, const uint8_t *priv, size_t priv_len,
                    const uint8_t *peer_pub, size_t peer_len, ts_buf *shared)
{
    TS_ENSURE(shared != NULL, TS_ERR_ARG);
    TS_ENSURE((p != NULL || p_len == 0) && (priv != NULL || priv_len == 0), TS_ERR_ARG);
    TS_GUARD(ts_dh_check_public(p, p_len, peer_pub, peer_len));
    mpz_t zp, x, y, z;
    mpz_inits(zp, x, y, z, NULL);
    import_be(zp, p, p_len);
    import_be(x, priv, priv_len);
    import_be(y, peer_pub, peer_len);
    ts_err err = TS_OK;
    uint8_t z_bytes[TS_DH_MAX_LEN];
    size_t len = 0;
    if (!mpz_odd_p(zp) || mpz_sizeinbase(zp, 2) > TS_DH_MAX_BITS || mpz_sgn(x) == 0) {
        err = TS_ERR_ARG;
    }
    if (err == TS_OK) {
        mpz_powm_sec(z, y, x, zp);
        /* Z = 1 means the peer's value lies in a subgroup whose order
         * divides x: no secret is shared. */
        if (mpz_cmp_ui(z, 1) <= 0) {
            err = TS_ERR_DH_PUBLIC;
        }
    }
    if (err == TS_OK) {
        len = byte_len(z); /* RFC 5246 §8.1.2: leading zero bytes stripped */
        export_be(z_bytes, len, z);
        err = ts_buf_write_bytes(shared, z_bytes, len);
    }
    ts_secret_wipe(z_bytes, len);
    clear_secret(x);
    clear_secret(z);
    mpz_clears(zp, y, NULL);
    return err;
}
