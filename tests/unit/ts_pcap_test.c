/* Unit tests for ts_pcap (capture files), ts_keylog (NSS key log lines) and
 * ts_capture (a session's run as a capture). The packets are parsed here
 * independently of the writer: pcap file format (libpcap's pcap(5)
 * / pcap-savefile(5): magic 0xa1b2c3d4, version 2.4), pcapng blocks
 * (draft-ietf-opsawg-pcapng: SHB 0x0A0D0D0A, IDB 1, EPB 6, DSB 0x0A with
 * secrets type 0x544c534b), IPv4 header checksum (RFC 791, RFC 1071) and
 * TCP checksum over the pseudo header (RFC 9293 §3.1) recomputed from the
 * bytes; sequence and acknowledgement numbers checked against RFC 9293
 * arithmetic (SYN and FIN count one). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "crypto/ts_rng.h"
#include "export/ts_capture.h"
#include "export/ts_keylog.h"
#include "export/ts_pcap.h"

#define START 1767225600

/* --- an independent reader --- */

static uint32_t le32_at(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t be16_at(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t be32_at(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* RFC 1071 sum of n bytes, folded (not complemented). */
static uint32_t csum_add(uint32_t sum, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i + 1 < n; i += 2) {
        sum += (uint32_t)(p[i] << 8 | p[i + 1]);
    }
    if (n % 2) {
        sum += (uint32_t)p[n - 1] << 8;
    }
    while (sum >> 16) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return sum;
}

typedef struct {
    uint64_t usec;
    uint8_t src[4], dst[4];
    uint16_t sport, dport;
    uint32_t seq, ack;
    uint8_t flags;
    const uint8_t *payload;
    size_t payload_len;
    uint16_t mss; /* from a SYN's option, else 0 */
} pkt;

/* Checks one Ethernet frame (both checksums verify) and fills k. */
static void parse_frame(const uint8_t *f, size_t n, uint64_t usec, pkt *k)
{
    assert_true(n >= 54);
    assert_int_equal(be16_at(f + 12), 0x0800);
    const uint8_t *ip = f + 14;
    assert_int_equal(ip[0], 0x45);
    assert_int_equal(ip[9], 6);
    assert_int_equal(be16_at(ip + 2), n - 14);
    assert_int_equal(be16_at(ip + 6), 0x4000);
    /* A correct header sums to 0xffff with its checksum in place. */
    assert_int_equal(csum_add(0, ip, 20), 0xffff);
    const uint8_t *tcp = ip + 20;
    size_t tcp_len = n - 34;
    uint8_t pseudo[12];
    memcpy(pseudo, ip + 12, 8);
    pseudo[8] = 0;
    pseudo[9] = 6;
    pseudo[10] = (uint8_t)(tcp_len >> 8);
    pseudo[11] = (uint8_t)tcp_len;
    assert_int_equal(csum_add(csum_add(0, pseudo, 12), tcp, tcp_len), 0xffff);
    memset(k, 0, sizeof(*k));
    k->usec = usec;
    memcpy(k->src, ip + 12, 4);
    memcpy(k->dst, ip + 16, 4);
    k->sport = be16_at(tcp);
    k->dport = be16_at(tcp + 2);
    k->seq = be32_at(tcp + 4);
    k->ack = be32_at(tcp + 8);
    size_t hlen = (size_t)(tcp[12] >> 4) * 4;
    assert_true(hlen >= 20 && hlen <= tcp_len);
    k->flags = tcp[13];
    if (hlen == 24 && tcp[20] == 2 && tcp[21] == 4) {
        k->mss = be16_at(tcp + 22);
    }
    k->payload = tcp + hlen;
    k->payload_len = tcp_len - hlen;
}

/* Parses a classic pcap file into at most max packets; returns the count. */
static size_t parse_classic(const uint8_t *b, size_t n, pkt *out, size_t max)
{
    assert_true(n >= 24);
    assert_int_equal(le32_at(b), 0xa1b2c3d4); /* microseconds, little-endian host */
    assert_int_equal(b[4] | b[5] << 8, 2);
    assert_int_equal(b[6] | b[7] << 8, 4);
    assert_int_equal(le32_at(b + 16), TS_PCAP_SNAPLEN);
    assert_int_equal(le32_at(b + 20), 1); /* LINKTYPE_ETHERNET */
    size_t at = 24, count = 0;
    while (at < n) {
        assert_true(at + 16 <= n);
        uint64_t usec = (uint64_t)le32_at(b + at) * 1000000 + le32_at(b + at + 4);
        uint32_t caplen = le32_at(b + at + 8);
        assert_int_equal(caplen, le32_at(b + at + 12));
        assert_true(at + 16 + caplen <= n);
        assert_true(count < max);
        parse_frame(b + at + 16, caplen, usec, &out[count++]);
        at += 16 + caplen;
    }
    return count;
}

/* The pcapng blocks: checks each block's framing; returns the packets and
 * copies the DSB text (if any) into secrets. */
static size_t parse_ng(const uint8_t *b, size_t n, pkt *out, size_t max, char *secrets,
                       size_t secrets_max, size_t *dsb_count)
{
    size_t at = 0, count = 0, blocks = 0;
    *dsb_count = 0;
    secrets[0] = '\0';
    while (at < n) {
        assert_true(at + 12 <= n);
        uint32_t type = le32_at(b + at);
        uint32_t len = le32_at(b + at + 4);
        assert_true(len % 4 == 0 && len >= 12 && at + len <= n);
        assert_int_equal(le32_at(b + at + len - 4), len);
        const uint8_t *body = b + at + 8;
        if (blocks == 0) {
            assert_int_equal(type, 0x0A0D0D0A);
            assert_int_equal(le32_at(body), 0x1A2B3C4D);
            assert_int_equal(body[4] | body[5] << 8, 1);
            assert_int_equal(body[6] | body[7] << 8, 0);
        } else if (type == 1) {
            assert_int_equal(body[0] | body[1] << 8, 1); /* Ethernet */
        } else if (type == 0x0A) {
            assert_int_equal(le32_at(body), 0x544c534b);
            uint32_t slen = le32_at(body + 4);
            size_t padded = (slen + 3) / 4 * 4;
            assert_int_equal(len, 20 + padded);
            for (size_t i = slen; i < padded; i++) {
                assert_int_equal(body[8 + i], 0); /* padding is zero */
            }
            assert_true(slen < secrets_max);
            memcpy(secrets, body + 8, slen);
            secrets[slen] = '\0';
            assert_int_equal(count, 0); /* before every packet */
            (*dsb_count)++;
        } else if (type == 6) {
            assert_int_equal(le32_at(body), 0); /* interface 0 */
            uint64_t usec = (uint64_t)le32_at(body + 4) << 32 | le32_at(body + 8);
            uint32_t caplen = le32_at(body + 12);
            assert_int_equal(caplen, le32_at(body + 16));
            assert_int_equal(len, 32 + (caplen + 3) / 4 * 4);
            assert_true(count < max);
            parse_frame(body + 20, caplen, usec, &out[count++]);
        } else {
            fail_msg("unexpected block type %u", type);
        }
        blocks++;
        at += len;
    }
    return count;
}

static ts_pcap *open_default(ts_pcap_format format)
{
    ts_pcap_config cfg;
    ts_pcap_config_default(&cfg);
    cfg.format = format;
    cfg.start_sec = START;
    ts_pcap *p = NULL;
    assert_int_equal(ts_pcap_open(&cfg, &p), TS_OK);
    return p;
}

static void fill(uint8_t *b, size_t n, uint8_t seed)
{
    for (size_t i = 0; i < n; i++) {
        b[i] = (uint8_t)(seed + i * 7);
    }
}

/* The conversation of test_classic_framing. */
static ts_pcap *conversation(ts_pcap_format format, uint8_t *c2s, uint8_t *s2c)
{
    fill(c2s, 5, 1);
    fill(s2c, 3000, 2);
    ts_pcap *p = open_default(format);
    assert_int_equal(ts_pcap_tcp_handshake(p), TS_OK);
    assert_int_equal(ts_pcap_segment(p, TS_DIR_C2S, c2s, 5), TS_OK);
    assert_int_equal(ts_pcap_segment(p, TS_DIR_S2C, s2c, 3000), TS_OK);
    assert_int_equal(ts_pcap_tcp_close(p, TS_DIR_C2S), TS_OK);
    return p;
}

static void check_conversation(const pkt *k, size_t count, const uint8_t *c2s,
                               const uint8_t *s2c)
{
    ts_pcap_config d;
    ts_pcap_config_default(&d);
    uint32_t c = d.client_isn, s = d.server_isn;
    enum { F = 0x01, S = 0x02, P = 0x08, A = 0x10 };
    const struct {
        int from_client;
        uint8_t flags;
        uint32_t seq, ack;
        size_t len;
    } want[] = {
        {1, S, c, 0, 0},
        {0, S | A, s, c + 1, 0},
        {1, A, c + 1, s + 1, 0},
        {1, P | A, c + 1, s + 1, 5},
        {0, A, s + 1, c + 6, 1460},
        {0, A, s + 1461, c + 6, 1460},
        {0, P | A, s + 2921, c + 6, 80},
        {1, F | A, c + 6, s + 3001, 0},
        {0, F | A, s + 3001, c + 7, 0},
        {1, A, c + 7, s + 3002, 0},
    };
    assert_int_equal(count, sizeof(want) / sizeof(want[0]));
    const uint8_t cip[4] = {127, 0, 0, 1}, sip[4] = {127, 0, 0, 2};
    for (size_t i = 0; i < count; i++) {
        assert_int_equal(k[i].usec, (uint64_t)START * 1000000 + i * TS_PCAP_DEFAULT_STEP_USEC);
        assert_int_equal(k[i].flags, want[i].flags);
        assert_int_equal(k[i].seq, want[i].seq);
        assert_int_equal(k[i].ack, want[i].ack);
        assert_int_equal(k[i].payload_len, want[i].len);
        assert_memory_equal(k[i].src, want[i].from_client ? cip : sip, 4);
        assert_memory_equal(k[i].dst, want[i].from_client ? sip : cip, 4);
        assert_int_equal(k[i].sport, want[i].from_client ? 49152 : 443);
        assert_int_equal(k[i].dport, want[i].from_client ? 443 : 49152);
    }
    assert_int_equal(k[0].mss, 1460);
    assert_int_equal(k[1].mss, 1460);
    assert_memory_equal(k[3].payload, c2s, 5);
    assert_memory_equal(k[4].payload, s2c, 1460);
    assert_memory_equal(k[5].payload, s2c + 1460, 1460);
    assert_memory_equal(k[6].payload, s2c + 2920, 80);
}

static void test_classic_framing(void **state)
{
    (void)state;
    uint8_t c2s[5], s2c[3000];
    ts_pcap *p = conversation(TS_PCAP_CLASSIC, c2s, s2c);
    assert_int_equal(ts_pcap_packet_count(p), 10);
    ts_buf b;
    ts_buf_init(&b);
    assert_int_equal(ts_pcap_bytes(p, &b), TS_OK);
    pkt k[16];
    size_t count = parse_classic(b.data, b.len, k, 16);
    check_conversation(k, count, c2s, s2c);
    ts_buf_free(&b);
    ts_pcap_free(p);
}

static void test_pcapng_blocks_and_dsb(void **state)
{
    (void)state;
    uint8_t c2s[5], s2c[3000];
    ts_pcap *p = conversation(TS_PCAP_NG, c2s, s2c);
    /* 13 bytes: padded with 3 zero bytes to 16. */
    assert_int_equal(ts_pcap_add_secrets(p, "CLIENT_RANDOM"), TS_OK);
    assert_int_equal(ts_pcap_add_secrets(p, " x\n"), TS_OK);
    ts_buf b;
    ts_buf_init(&b);
    assert_int_equal(ts_pcap_bytes(p, &b), TS_OK);
    pkt k[16];
    char secrets[64];
    size_t dsb;
    size_t count = parse_ng(b.data, b.len, k, 16, secrets, sizeof(secrets), &dsb);
    check_conversation(k, count, c2s, s2c);
    assert_int_equal(dsb, 1);
    assert_string_equal(secrets, "CLIENT_RANDOM x\n");
    ts_buf_free(&b);
    ts_pcap_free(p);

    /* No secrets: no DSB. */
    p = conversation(TS_PCAP_NG, c2s, s2c);
    ts_buf_init(&b);
    assert_int_equal(ts_pcap_bytes(p, &b), TS_OK);
    count = parse_ng(b.data, b.len, k, 16, secrets, sizeof(secrets), &dsb);
    assert_int_equal(count, 10);
    assert_int_equal(dsb, 0);
    ts_buf_free(&b);
    ts_pcap_free(p);
}

static void test_deterministic_and_clock(void **state)
{
    (void)state;
    uint8_t c2s[5], s2c[3000];
    for (int f = 0; f < 2; f++) {
        ts_pcap *p1 = conversation(f ? TS_PCAP_NG : TS_PCAP_CLASSIC, c2s, s2c);
        ts_pcap *p2 = conversation(f ? TS_PCAP_NG : TS_PCAP_CLASSIC, c2s, s2c);
        ts_buf b1, b2;
        ts_buf_init(&b1);
        ts_buf_init(&b2);
        assert_int_equal(ts_pcap_bytes(p1, &b1), TS_OK);
        assert_int_equal(ts_pcap_bytes(p2, &b2), TS_OK);
        assert_int_equal(b1.len, b2.len);
        assert_memory_equal(b1.data, b2.data, b1.len);
        ts_buf_free(&b1);
        ts_buf_free(&b2);
        ts_pcap_free(p1);
        ts_pcap_free(p2);
    }
    /* set_time moves the clock for the next packets. */
    ts_pcap *p = open_default(TS_PCAP_CLASSIC);
    assert_int_equal(ts_pcap_set_time(p, START + 10, 999999), TS_OK);
    assert_int_equal(ts_pcap_tcp_handshake(p), TS_OK);
    ts_buf b;
    ts_buf_init(&b);
    assert_int_equal(ts_pcap_bytes(p, &b), TS_OK);
    pkt k[4];
    assert_int_equal(parse_classic(b.data, b.len, k, 4), 3);
    assert_int_equal(k[0].usec, (uint64_t)(START + 10) * 1000000 + 999999);
    assert_int_equal(k[2].usec, (uint64_t)(START + 11) * 1000000 + 1999);
    assert_int_equal(ts_pcap_set_time(p, START, 1000000), TS_ERR_ARG);
    assert_int_equal(ts_pcap_set_time(p, -1, 0), TS_ERR_ARG);
    ts_buf_free(&b);
    ts_pcap_free(p);
}

static void test_large_write_acks_and_auto_handshake(void **state)
{
    (void)state;
    size_t n = 40000;
    uint8_t *data = malloc(n);
    assert_non_null(data);
    fill(data, n, 9);
    ts_pcap *p = open_default(TS_PCAP_CLASSIC);
    /* No explicit handshake: the first segment writes it. */
    assert_int_equal(ts_pcap_segment(p, TS_DIR_S2C, data, n), TS_OK);
    ts_buf b;
    ts_buf_init(&b);
    assert_int_equal(ts_pcap_bytes(p, &b), TS_OK);
    pkt k[64];
    size_t count = parse_classic(b.data, b.len, k, 64);
    assert_int_equal(k[0].flags, 0x02);
    size_t data_pkts = (n + 1459) / 1460;
    assert_int_equal(count, 3 + data_pkts + 1); /* one pure ACK past 32768 bytes */
    size_t got = 0, acks = 0;
    ts_pcap_config d;
    ts_pcap_config_default(&d);
    for (size_t i = 3; i < count; i++) {
        if (k[i].sport == 443) {
            assert_int_equal(k[i].seq, d.server_isn + 1 + got);
            assert_true(k[i].payload_len <= 1460);
            assert_memory_equal(k[i].payload, data + got, k[i].payload_len);
            got += k[i].payload_len;
        } else {
            assert_int_equal(k[i].payload_len, 0);
            assert_int_equal(k[i].ack, d.server_isn + 1 + got);
            assert_true(got >= TS_PCAP_ACK_EVERY);
            acks++;
        }
    }
    assert_int_equal(got, n);
    assert_int_equal(acks, 1);
    ts_buf_free(&b);
    ts_pcap_free(p);
    free(data);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    ts_pcap_config cfg;
    ts_pcap_config_default(&cfg);
    ts_pcap *p = NULL;
    cfg.mss = 0;
    assert_int_equal(ts_pcap_open(&cfg, &p), TS_ERR_ARG);
    cfg.mss = 1461;
    assert_int_equal(ts_pcap_open(&cfg, &p), TS_ERR_ARG);
    cfg.mss = 1460;
    cfg.start_usec = 1000000;
    assert_int_equal(ts_pcap_open(&cfg, &p), TS_ERR_ARG);
    cfg.start_usec = 0;
    cfg.start_sec = -1;
    assert_int_equal(ts_pcap_open(&cfg, &p), TS_ERR_ARG);
    assert_null(p);

    p = open_default(TS_PCAP_CLASSIC);
    uint8_t x = 0x16;
    assert_int_equal(ts_pcap_tcp_close(p, TS_DIR_C2S), TS_ERR_ARG); /* before the handshake */
    assert_int_equal(ts_pcap_segment(p, TS_DIR_C2S, &x, 0), TS_ERR_ARG);
    assert_int_equal(ts_pcap_tcp_handshake(p), TS_OK);
    assert_int_equal(ts_pcap_tcp_handshake(p), TS_ERR_ARG);
    assert_int_equal(ts_pcap_tcp_close(p, TS_DIR_S2C), TS_OK);
    assert_int_equal(ts_pcap_tcp_close(p, TS_DIR_S2C), TS_ERR_CLOSED);
    assert_int_equal(ts_pcap_segment(p, TS_DIR_C2S, &x, 1), TS_ERR_CLOSED);
    assert_int_equal(ts_pcap_packet_count(p), 6);
    ts_pcap_free(p);
    ts_pcap_free(NULL);

    assert_int_equal(ts_pcap_format_for("a.pcapng"), TS_PCAP_NG);
    assert_int_equal(ts_pcap_format_for("A.PcapNG"), TS_PCAP_NG);
    assert_int_equal(ts_pcap_format_for("a.pcap"), TS_PCAP_CLASSIC);
    assert_int_equal(ts_pcap_format_for("pcapng"), TS_PCAP_CLASSIC);
    assert_int_equal(ts_pcap_format_for(""), TS_PCAP_CLASSIC);
}

static void test_save(void **state)
{
    (void)state;
    char dir[] = "/tmp/ts_pcap_testXXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128], bad[160];
    snprintf(path, sizeof(path), "%s/a.pcapng", dir);
    snprintf(bad, sizeof(bad), "%s/missing/a.pcap", dir);
    uint8_t c2s[5], s2c[3000];
    ts_pcap *p = conversation(TS_PCAP_NG, c2s, s2c);
    assert_int_equal(ts_pcap_save(p, path), TS_OK);
    assert_int_equal(ts_pcap_save(p, bad), TS_ERR_IO);
    assert_int_equal(ts_pcap_save(p, dir), TS_ERR_IO); /* a directory */
    ts_buf b;
    ts_buf_init(&b);
    assert_int_equal(ts_pcap_bytes(p, &b), TS_OK);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    uint8_t *got = malloc(b.len + 1);
    assert_int_equal(fread(got, 1, b.len + 1, f), b.len);
    fclose(f);
    assert_memory_equal(got, b.data, b.len);
    free(got);
    ts_buf_free(&b);
    ts_pcap_free(p);
    unlink(path);
    assert_int_equal(rmdir(dir), 0); /* nothing else (no temporary file) left */
}

/* NSS key log line: the format of the NSS "Key Log Format" page. */
static void test_keylog(void **state)
{
    (void)state;
    uint8_t cr[32], ms[48];
    for (int i = 0; i < 32; i++) {
        cr[i] = (uint8_t)i;
    }
    for (int i = 0; i < 48; i++) {
        ms[i] = (uint8_t)(0xff - i);
    }
    char line[TS_KEYLOG_LINE_MAX];
    assert_int_equal(ts_keylog_line(cr, ms, 48, line), TS_OK);
    assert_string_equal(line,
                        "CLIENT_RANDOM "
                        "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f "
                        "fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0efeeedecebeae9e8e7e6e5e4e3e2e1e0"
                        "dfdedddcdbdad9d8d7d6d5d4d3d2d1d0\n");
    assert_int_equal(strlen(line), TS_KEYLOG_LINE_MAX - 1);
    assert_int_equal(ts_keylog_line(cr, ms, 47, line), TS_ERR_ARG);

    char dir[] = "/tmp/ts_keylog_testXXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof(path), "%s/k.log", dir);
    assert_int_equal(ts_keylog_line(cr, ms, 48, line), TS_OK);
    assert_int_equal(ts_keylog_append(path, line), TS_OK);
    assert_int_equal(ts_keylog_append(path, line), TS_OK); /* appends, as SSLKEYLOGFILE */
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_size, 2 * strlen(line));
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(ts_keylog_append(dir, line), TS_ERR_IO);
    unlink(path);
    rmdir(dir);
}

/* Concatenates the TCP payload of one direction (by source port). */
static void stream(const pkt *k, size_t count, uint16_t sport, ts_buf *out)
{
    for (size_t i = 0; i < count; i++) {
        if (k[i].sport == sport && k[i].payload_len > 0) {
            assert_int_equal(ts_buf_write_bytes(out, k[i].payload, k[i].payload_len), TS_OK);
        }
    }
}

/* Fails unless the key log text keys has, for client random cr, the line
 * label with the value name as the trace of s has it (the client's). */
static void expect_key_line(const ts_session *s, const char *keys, const char *cr,
                            const char *label, const char *name)
{
    const ts_step *st = ts_trace_find(ts_session_trace(s), name, TS_SIDE_CLIENT);
    assert_non_null(st);
    char want[256];
    int n = snprintf(want, sizeof(want), "%s %s ", label, cr);
    for (size_t i = 0; i < st->ev.value_len; i++) {
        n += snprintf(want + n, sizeof(want) - (size_t)n, "%02x", st->ev.value[i]);
    }
    snprintf(want + n, sizeof(want) - (size_t)n, "\n");
    assert_non_null(strstr(keys, want));
}

/* A TLS 1.3 run's key log: a line per traffic secret and the exporter
 * secret, the second generation after a KeyUpdate, no CLIENT_RANDOM line;
 * the same lines in the pcapng's Decryption Secrets Block. */
static void test_keylog_tls13(void **state)
{
    (void)state;
    ts_session_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.seed = "k13";
    cfg.bits = 640;
    cfg.suite = ts_suite_get(TS_SUITE_TLS13_CHACHA);
    cfg.key_update = true;
    ts_session *s = NULL;
    assert_int_equal(ts_session_new(&cfg, &s), TS_OK);
    assert_int_equal(ts_session_run(s), TS_OK);
    char *keys = NULL;
    assert_int_equal(ts_capture_keylog(s, &keys), TS_OK);
    const ts_step *crs = ts_trace_find(ts_session_trace(s), "client_random", TS_SIDE_CLIENT);
    char cr[65];
    for (int i = 0; i < 32; i++) {
        snprintf(cr + 2 * i, 3, "%02x", crs->ev.value[i]);
    }
    static const char *const lines[][2] = {
        {"CLIENT_HANDSHAKE_TRAFFIC_SECRET", "client_handshake_traffic_secret"},
        {"SERVER_HANDSHAKE_TRAFFIC_SECRET", "server_handshake_traffic_secret"},
        {"CLIENT_TRAFFIC_SECRET_0", "client_application_traffic_secret_0"},
        {"SERVER_TRAFFIC_SECRET_0", "server_application_traffic_secret_0"},
        {"EXPORTER_SECRET", "exporter_master_secret"},
        {"CLIENT_TRAFFIC_SECRET_1", "client_application_traffic_secret_1"},
        {"SERVER_TRAFFIC_SECRET_1", "server_application_traffic_secret_1"},
    };
    size_t count = 0;
    for (const char *p = keys; *p; p++) {
        count += *p == '\n';
    }
    assert_int_equal(count, sizeof(lines) / sizeof(lines[0]));
    for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
        expect_key_line(s, keys, cr, lines[i][0], lines[i][1]);
    }
    assert_null(strstr(keys, "CLIENT_RANDOM"));

    ts_pcap_config pc;
    ts_pcap_config_default(&pc);
    pc.format = TS_PCAP_NG;
    ts_pcap *p = NULL;
    assert_int_equal(ts_pcap_open(&pc, &p), TS_OK);
    assert_int_equal(ts_capture_session(s, p), TS_OK);
    ts_buf b;
    ts_buf_init(&b);
    assert_int_equal(ts_pcap_bytes(p, &b), TS_OK);
    pkt *k = calloc(4096, sizeof(*k));
    char secrets[2048];
    size_t dsb;
    (void)parse_ng(b.data, b.len, k, 4096, secrets, sizeof(secrets), &dsb);
    assert_int_equal(dsb, 1);
    assert_string_equal(secrets, keys);
    free(k);
    ts_buf_free(&b);
    ts_pcap_free(p);
    free(keys);
    ts_session_free(s);
}

static void check_session_capture(const char *seed, const ts_action *acts, size_t n_acts)
{
    ts_session_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.seed = seed;
    cfg.bits = 512;
    cfg.suite = ts_suite_get(TS_SUITE_NULL);
    ts_session *s = NULL;
    assert_int_equal(ts_session_new(&cfg, &s), TS_OK);
    assert_int_equal(ts_session_set_actions(s, acts, n_acts), TS_OK);
    assert_int_equal(ts_session_run(s), TS_OK);

    ts_pcap_config pc;
    ts_pcap_config_default(&pc);
    pc.format = TS_PCAP_NG;
    ts_pcap *p = NULL;
    assert_int_equal(ts_pcap_open(&pc, &p), TS_OK);
    assert_int_equal(ts_capture_session(s, p), TS_OK);
    ts_buf b;
    ts_buf_init(&b);
    assert_int_equal(ts_pcap_bytes(p, &b), TS_OK);
    size_t max = 4096;
    pkt *k = calloc(max, sizeof(*k));
    char secrets[256];
    size_t dsb;
    size_t count = parse_ng(b.data, b.len, k, max, secrets, sizeof(secrets), &dsb);

    /* Each direction's stream is the delivered records of that direction. */
    ts_buf want_c, want_s, got_c, got_s;
    ts_buf_init(&want_c);
    ts_buf_init(&want_s);
    ts_buf_init(&got_c);
    ts_buf_init(&got_s);
    const ts_chan *ch = ts_session_chan(s);
    size_t dropped = 0;
    for (size_t i = 1; i <= ts_chan_count(ch); i++) {
        const ts_chan_record *r = ts_chan_get(ch, i);
        if (r->status != TS_REC_DELIVERED) {
            dropped++;
            continue;
        }
        ts_buf *w = r->dir == TS_DIR_C2S ? &want_c : &want_s;
        assert_int_equal(ts_buf_write_bytes(w, r->delivered.data, r->delivered.len), TS_OK);
    }
    assert_int_equal(dropped, n_acts > 0 && acts[0].kind == TS_ACT_DROP ? 1 : 0);
    stream(k, count, 49152, &got_c);
    stream(k, count, 443, &got_s);
    assert_int_equal(got_c.len, want_c.len);
    assert_memory_equal(got_c.data, want_c.data, want_c.len);
    assert_int_equal(got_s.len, want_s.len);
    assert_memory_equal(got_s.data, want_s.data, want_s.len);
    assert_int_equal(k[0].flags, 0x02);
    assert_int_equal(k[count - 1].flags, 0x10);
    assert_int_equal(k[count - 2].flags & 0x01, 0x01);

    /* The DSB holds the key log line of the trace. */
    char *line = NULL;
    assert_int_equal(ts_capture_keylog(s, &line), TS_OK);
    assert_int_equal(strlen(line), TS_KEYLOG_LINE_MAX - 1);
    assert_int_equal(dsb, 1);
    assert_string_equal(secrets, line);
    const ts_step *cr = ts_trace_find(ts_session_trace(s), "client_random", TS_SIDE_CLIENT);
    char hex[65];
    for (int i = 0; i < 32; i++) {
        snprintf(hex + 2 * i, 3, "%02x", cr->ev.value[i]);
    }
    assert_memory_equal(line + 14, hex, 64);
    free(line);

    ts_buf_free(&want_c);
    ts_buf_free(&want_s);
    ts_buf_free(&got_c);
    ts_buf_free(&got_s);
    ts_buf_free(&b);
    free(k);
    ts_pcap_free(p);
    ts_session_free(s);
}

static void test_capture_session(void **state)
{
    (void)state;
    check_session_capture("5", NULL, 0);
    /* Record 6 (the client's ChangeCipherSpec or later) dropped: it never
     * crossed, so it is not in the capture. */
    ts_action drop = {.kind = TS_ACT_DROP, .record = 6};
    check_session_capture("5", &drop, 1);
}

static void test_capture_without_run(void **state)
{
    (void)state;
    ts_session_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.seed = "x";
    cfg.bits = 512;
    ts_session *s = NULL;
    assert_int_equal(ts_session_new(&cfg, &s), TS_OK);
    char *keys = NULL;
    assert_int_equal(ts_capture_keylog(s, &keys), TS_ERR_ARG);
    assert_null(keys);
    assert_int_equal(ts_capture_write_session(s, NULL, NULL), TS_ERR_ARG);
    ts_session_free(s);
}

int main(void)
{
    if (ts_rng_global_init() != TS_OK) {
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_classic_framing),
        cmocka_unit_test(test_pcapng_blocks_and_dsb),
        cmocka_unit_test(test_deterministic_and_clock),
        cmocka_unit_test(test_large_write_acks_and_auto_handshake),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_save),
        cmocka_unit_test(test_keylog),
        cmocka_unit_test(test_keylog_tls13),
        cmocka_unit_test(test_capture_session),
        cmocka_unit_test(test_capture_without_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
