/* ts_pcap: an Ethernet/IPv4/TCP capture of one TLS connection.
 *
 * Each packet, as built here (RFC 791, RFC 9293):
 *
 *   Ethernet  dst MAC(6) src MAC(6) ethertype 0x0800(2)
 *   IPv4      0x45 tos(1) total_length(2) id(2) flags=DF|frag 0(2) ttl 64(1)
 *             protocol 6(1) header_checksum(2) src(4) dst(4)
 *   TCP       src_port(2) dst_port(2) seq(4) ack(4) data_offset<<4(1)
 *             flags(1) window 65535(2) checksum(2) urgent 0(2) [MSS option]
 *             payload
 *
 * The IPv4 checksum covers the IPv4 header; the TCP checksum covers the
 * pseudo header (src, dst, 0, 6, TCP length), the TCP header and payload.
 *
 * Packets are kept in memory as (time in microseconds u64, length u32,
 * frame) and written out in one piece by ts_pcap_bytes: the classic format
 * through libpcap; pcapng by hand, because libpcap (1.10) writes only the
 * classic format and the Decryption Secrets Block is what lets one pcapng
 * file open already decrypted (pcapng: draft-ietf-opsawg-pcapng, blocks
 * SHB, IDB, DSB, EPB; every field little-endian here). */
#include "export/ts_pcap.h"

#include <ctype.h>
#include <pcap/pcap.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ts_file.h"

#define ETH_LEN 14
#define IP_LEN 20
#define TCP_LEN 20
#define MSS_OPT_LEN 4
#define MAX_MSS 1460

#define TCP_FIN 0x01
#define TCP_SYN 0x02
#define TCP_PSH 0x08
#define TCP_ACK 0x10

#define USEC 1000000u

/* pcapng block types and constants */
#define PCAPNG_SHB 0x0A0D0D0Au
#define PCAPNG_IDB 0x00000001u
#define PCAPNG_EPB 0x00000006u
#define PCAPNG_DSB 0x0000000Au
#define PCAPNG_BYTE_ORDER_MAGIC 0x1A2B3C4Du
#define PCAPNG_SECRETS_TLS 0x544c534bu /* "TLSK": NSS key log text */
#define PCAPNG_OPT_END 0
#define PCAPNG_SHB_USERAPPL 4
#define LINKTYPE_ETHERNET 1

struct ts_pcap {
    ts_pcap_config cfg;
    ts_buf frames;        /* (u64 usec, u32 len, frame bytes)... */
    size_t count;
    ts_buf secrets;       /* key log text for the DSB */
    uint64_t next_usec;   /* time of the next packet */
    uint32_t next_seq[2]; /* indexed by ts_dir: what that sender sends next */
    uint16_t ip_id[2];
    size_t unacked[2];    /* bytes sent in a direction, not yet acknowledged */
    bool established;
    bool closed;
};

void ts_pcap_config_default(ts_pcap_config *cfg)
{
    *cfg = (ts_pcap_config){
        .format = TS_PCAP_CLASSIC,
        .client_ip = {127, 0, 0, 1},
        .server_ip = {127, 0, 0, 2},
        .client_port = 49152,
        .server_port = 443,
        .step_usec = TS_PCAP_DEFAULT_STEP_USEC,
        .mss = TS_PCAP_DEFAULT_MSS,
        .client_isn = 0x0c11e000u,
        .server_isn = 0x5e7e0000u,
    };
}

ts_pcap_format ts_pcap_format_for(const char *path)
{
    static const char ext[] = ".pcapng";
    size_t n = path != NULL ? strlen(path) : 0;
    size_t e = sizeof(ext) - 1;
    if (n < e) {
        return TS_PCAP_CLASSIC;
    }
    for (size_t i = 0; i < e; i++) {
        if (tolower((unsigned char)path[n - e + i]) != ext[i]) {
            return TS_PCAP_CLASSIC;
        }
    }
    return TS_PCAP_NG;
}

ts_err ts_pcap_open(const ts_pcap_config *cfg, ts_pcap **out)
{
    TS_ENSURE(cfg != NULL && out != NULL, TS_ERR_ARG);
    TS_ENSURE(cfg->mss >= 1 && cfg->mss <= MAX_MSS, TS_ERR_ARG);
    TS_ENSURE(cfg->start_usec < USEC && cfg->start_sec >= 0, TS_ERR_ARG);
    TS_ENSURE(cfg->format == TS_PCAP_CLASSIC || cfg->format == TS_PCAP_NG, TS_ERR_ARG);
    ts_pcap *p = calloc(1, sizeof(*p));
    TS_ENSURE(p != NULL, TS_ERR_NOMEM);
    p->cfg = *cfg;
    if (p->cfg.step_usec == 0) {
        p->cfg.step_usec = 1;
    }
    ts_buf_init(&p->frames);
    ts_buf_init(&p->secrets);
    p->next_usec = (uint64_t)cfg->start_sec * USEC + cfg->start_usec;
    p->next_seq[TS_DIR_C2S] = cfg->client_isn;
    p->next_seq[TS_DIR_S2C] = cfg->server_isn;
    p->ip_id[TS_DIR_C2S] = 0x1000;
    p->ip_id[TS_DIR_S2C] = 0x2000;
    *out = p;
    return TS_OK;
}

void ts_pcap_free(ts_pcap *p)
{
    if (p == NULL) {
        return;
    }
    ts_buf_free(&p->frames);
    ts_buf_free(&p->secrets);
    free(p);
}

ts_err ts_pcap_add_secrets(ts_pcap *p, const char *text)
{
    TS_ENSURE(p != NULL && text != NULL, TS_ERR_ARG);
    return ts_buf_write_bytes(&p->secrets, (const uint8_t *)text, strlen(text));
}

ts_err ts_pcap_set_time(ts_pcap *p, int64_t sec, uint32_t usec)
{
    TS_ENSURE(p != NULL && sec >= 0 && usec < USEC, TS_ERR_ARG);
    p->next_usec = (uint64_t)sec * USEC + usec;
    return TS_OK;
}

size_t ts_pcap_packet_count(const ts_pcap *p)
{
    return p != NULL ? p->count : 0;
}

/* Adds the big-endian 16-bit words of n bytes to acc (an odd last byte is
 * padded with a zero, RFC 1071). */
static uint64_t sum16(uint64_t acc, const uint8_t *data, size_t n)
{
    ts_buf v;
    ts_buf_view(&v, data, n);
    uint16_t w;
    while (ts_buf_read_u16(&v, &w) == TS_OK) {
        acc += w;
    }
    uint8_t b;
    if (ts_buf_read_u8(&v, &b) == TS_OK) {
        acc += (uint64_t)b << 8;
    }
    return acc;
}

/* The ones' complement of the ones' complement sum acc. */
static uint16_t fold(uint64_t acc)
{
    while (acc >> 16) {
        acc = (acc & 0xFFFF) + (acc >> 16);
    }
    return (uint16_t)~acc;
}

static const uint8_t *src_ip(const ts_pcap *p, ts_dir dir)
{
    return dir == TS_DIR_C2S ? p->cfg.client_ip : p->cfg.server_ip;
}

static const uint8_t *dst_ip(const ts_pcap *p, ts_dir dir)
{
    return dir == TS_DIR_C2S ? p->cfg.server_ip : p->cfg.client_ip;
}

static ts_dir other(ts_dir dir)
{
    return dir == TS_DIR_C2S ? TS_DIR_S2C : TS_DIR_C2S;
}

/* Writes the TCP header (checksum 0), options and payload into seg. */
static ts_err tcp_segment(const ts_pcap *p, ts_dir dir, uint8_t flags, const uint8_t *data,
                          size_t n, ts_buf *seg)
{
    bool mss_opt = (flags & TCP_SYN) != 0;
    uint16_t sport = dir == TS_DIR_C2S ? p->cfg.client_port : p->cfg.server_port;
    uint16_t dport = dir == TS_DIR_C2S ? p->cfg.server_port : p->cfg.client_port;
    uint32_t ack = (flags & TCP_ACK) ? p->next_seq[other(dir)] : 0;
    size_t hlen = TCP_LEN + (mss_opt ? MSS_OPT_LEN : 0);
    TS_GUARD(ts_buf_write_u16(seg, sport));
    TS_GUARD(ts_buf_write_u16(seg, dport));
    TS_GUARD(ts_buf_write_u32(seg, p->next_seq[dir]));
    TS_GUARD(ts_buf_write_u32(seg, ack));
    TS_GUARD(ts_buf_write_u8(seg, (uint8_t)((hlen / 4) << 4)));
    TS_GUARD(ts_buf_write_u8(seg, flags));
    TS_GUARD(ts_buf_write_u16(seg, 65535)); /* window */
    TS_GUARD(ts_buf_write_u16(seg, 0));     /* checksum, filled in later */
    TS_GUARD(ts_buf_write_u16(seg, 0));     /* urgent pointer */
    if (mss_opt) {
        TS_GUARD(ts_buf_write_u8(seg, 2)); /* kind: maximum segment size */
        TS_GUARD(ts_buf_write_u8(seg, MSS_OPT_LEN));
        TS_GUARD(ts_buf_write_u16(seg, p->cfg.mss));
    }
    return ts_buf_write_bytes(seg, data, n);
}

/* Writes the IPv4 header for a TCP segment of seg_len bytes (checksum 0). */
static ts_err ip_header(const ts_pcap *p, ts_dir dir, size_t seg_len, ts_buf *ip)
{
    TS_GUARD(ts_buf_write_u8(ip, 0x45)); /* version 4, 5 words */
    TS_GUARD(ts_buf_write_u8(ip, 0));    /* DSCP/ECN */
    TS_GUARD(ts_buf_write_u16(ip, (uint16_t)(IP_LEN + seg_len)));
    TS_GUARD(ts_buf_write_u16(ip, p->ip_id[dir]));
    TS_GUARD(ts_buf_write_u16(ip, 0x4000)); /* don't fragment */
    TS_GUARD(ts_buf_write_u8(ip, 64));      /* TTL */
    TS_GUARD(ts_buf_write_u8(ip, 6));       /* TCP */
    TS_GUARD(ts_buf_write_u16(ip, 0));      /* checksum, filled in later */
    TS_GUARD(ts_buf_write_bytes(ip, src_ip(p, dir), 4));
    return ts_buf_write_bytes(ip, dst_ip(p, dir), 4);
}

/* Appends bytes [from, to) of b to out. */
static ts_err copy_range(ts_buf *out, const ts_buf *b, size_t from, size_t to)
{
    ts_buf v;
    ts_buf_view(&v, b->data, b->len);
    ts_buf part;
    TS_GUARD(ts_buf_skip(&v, from));
    TS_GUARD(ts_buf_read_view(&v, to - from, &part));
    return ts_buf_write_bytes(out, part.data, part.len);
}

/* Appends the header bytes of b with the 16-bit checksum at offset at
 * replaced by csum. */
static ts_err write_with_checksum(ts_buf *out, const ts_buf *b, size_t at, uint16_t csum)
{
    TS_GUARD(copy_range(out, b, 0, at));
    TS_GUARD(ts_buf_write_u16(out, csum));
    return copy_range(out, b, at + 2, b->len);
}

/* Builds the whole frame of one segment into frame. */
static ts_err build_frame(const ts_pcap *p, ts_dir dir, uint8_t flags, const uint8_t *data,
                          size_t n, ts_buf *frame)
{
    static const uint8_t mac_client[6] = {0x02, 0, 0, 0, 0, 0x01};
    static const uint8_t mac_server[6] = {0x02, 0, 0, 0, 0, 0x02};
    ts_buf seg, ip;
    ts_buf_init(&seg);
    ts_buf_init(&ip);
    ts_err err = tcp_segment(p, dir, flags, data, n, &seg);
    if (err == TS_OK) {
        err = ip_header(p, dir, seg.len, &ip);
    }
    if (err == TS_OK) {
        uint64_t acc = sum16(0, src_ip(p, dir), 4);
        acc = sum16(acc, dst_ip(p, dir), 4);
        acc += 6 + (uint64_t)seg.len; /* zero, protocol, TCP length */
        uint16_t tcp_csum = fold(sum16(acc, seg.data, seg.len));
        uint16_t ip_csum = fold(sum16(0, ip.data, ip.len));
        const uint8_t *dst_mac = dir == TS_DIR_C2S ? mac_server : mac_client;
        const uint8_t *src_mac = dir == TS_DIR_C2S ? mac_client : mac_server;
        err = ts_buf_write_bytes(frame, dst_mac, 6);
        if (err == TS_OK) {
            err = ts_buf_write_bytes(frame, src_mac, 6);
        }
        if (err == TS_OK) {
            err = ts_buf_write_u16(frame, 0x0800);
        }
        if (err == TS_OK) {
            err = write_with_checksum(frame, &ip, 10, ip_csum);
        }
        if (err == TS_OK) {
            err = write_with_checksum(frame, &seg, 16, tcp_csum);
        }
    }
    ts_buf_free(&seg);
    ts_buf_free(&ip);
    return err;
}

/* Records one packet from dir and advances that sender's sequence number
 * (payload bytes, plus one for SYN and for FIN). */
static ts_err packet(ts_pcap *p, ts_dir dir, uint8_t flags, const uint8_t *data, size_t n)
{
    ts_buf frame, entry;
    ts_buf_init(&frame);
    ts_buf_init(&entry);
    ts_err err = build_frame(p, dir, flags, data, n, &frame);
    if (err == TS_OK) {
        err = ts_buf_write_u64(&entry, p->next_usec);
    }
    if (err == TS_OK) {
        err = ts_buf_write_u32(&entry, (uint32_t)frame.len);
    }
    if (err == TS_OK) {
        err = ts_buf_write_bytes(&entry, frame.data, frame.len);
    }
    if (err == TS_OK) {
        err = ts_buf_write_bytes(&p->frames, entry.data, entry.len);
    }
    ts_buf_free(&frame);
    ts_buf_free(&entry);
    TS_GUARD(err);
    p->count++;
    p->next_usec += p->cfg.step_usec;
    p->next_seq[dir] += (uint32_t)n + ((flags & (TCP_SYN | TCP_FIN)) ? 1 : 0);
    p->ip_id[dir]++;
    if (flags & TCP_ACK) {
        p->unacked[other(dir)] = 0;
    }
    p->unacked[dir] += n;
    return TS_OK;
}

ts_err ts_pcap_tcp_handshake(ts_pcap *p)
{
    TS_ENSURE(p != NULL && !p->established, TS_ERR_ARG);
    TS_GUARD(packet(p, TS_DIR_C2S, TCP_SYN, NULL, 0));
    TS_GUARD(packet(p, TS_DIR_S2C, TCP_SYN | TCP_ACK, NULL, 0));
    TS_GUARD(packet(p, TS_DIR_C2S, TCP_ACK, NULL, 0));
    p->established = true;
    return TS_OK;
}

ts_err ts_pcap_segment(ts_pcap *p, ts_dir dir, const uint8_t *data, size_t n)
{
    TS_ENSURE(p != NULL && data != NULL && n > 0, TS_ERR_ARG);
    TS_ENSURE(!p->closed, TS_ERR_CLOSED);
    if (!p->established) {
        TS_GUARD(ts_pcap_tcp_handshake(p));
    }
    ts_buf in;
    ts_buf_view(&in, data, n);
    while (ts_buf_remaining(&in) > 0) {
        size_t k = ts_buf_remaining(&in) < p->cfg.mss ? ts_buf_remaining(&in) : p->cfg.mss;
        ts_buf chunk;
        TS_GUARD(ts_buf_read_view(&in, k, &chunk));
        uint8_t flags = TCP_ACK | (ts_buf_remaining(&in) == 0 ? TCP_PSH : 0);
        TS_GUARD(packet(p, dir, flags, chunk.data, chunk.len));
        if (p->unacked[dir] >= TS_PCAP_ACK_EVERY) {
            TS_GUARD(packet(p, other(dir), TCP_ACK, NULL, 0));
        }
    }
    return TS_OK;
}

ts_err ts_pcap_tcp_close(ts_pcap *p, ts_dir first)
{
    TS_ENSURE(p != NULL, TS_ERR_ARG);
    TS_ENSURE(!p->closed, TS_ERR_CLOSED);
    TS_ENSURE(p->established, TS_ERR_ARG);
    TS_GUARD(packet(p, first, TCP_FIN | TCP_ACK, NULL, 0));
    TS_GUARD(packet(p, other(first), TCP_FIN | TCP_ACK, NULL, 0));
    TS_GUARD(packet(p, first, TCP_ACK, NULL, 0));
    p->closed = true;
    return TS_OK;
}

/* --- classic pcap, through libpcap --- */

static ts_err classic_bytes(const ts_pcap *p, ts_buf *out)
{
    pcap_t *pd = pcap_open_dead_with_tstamp_precision(DLT_EN10MB, TS_PCAP_SNAPLEN,
                                                      PCAP_TSTAMP_PRECISION_MICRO);
    TS_ENSURE(pd != NULL, TS_ERR_NOMEM);
    char *mem = NULL;
    size_t mem_len = 0;
    FILE *f = open_memstream(&mem, &mem_len);
    if (f == NULL) {
        pcap_close(pd);
        return TS_ERR_NOMEM;
    }
    pcap_dumper_t *d = pcap_dump_fopen(pd, f);
    if (d == NULL) {
        fclose(f);
        free(mem);
        pcap_close(pd);
        return TS_ERR_IO;
    }
    ts_buf in;
    ts_buf_view(&in, p->frames.data, p->frames.len);
    ts_err err = TS_OK;
    while (err == TS_OK && ts_buf_remaining(&in) > 0) {
        uint64_t usec;
        uint32_t len;
        ts_buf frame;
        err = ts_buf_read_u64(&in, &usec);
        if (err == TS_OK) {
            err = ts_buf_read_u32(&in, &len);
        }
        if (err == TS_OK) {
            err = ts_buf_read_view(&in, len, &frame);
        }
        if (err == TS_OK) {
            struct pcap_pkthdr h;
            memset(&h, 0, sizeof(h));
            h.ts.tv_sec = (time_t)(usec / USEC);
            h.ts.tv_usec = (suseconds_t)(usec % USEC);
            h.caplen = len;
            h.len = len;
            pcap_dump((u_char *)d, &h, frame.data);
        }
    }
    if (pcap_dump_flush(d) != 0 && err == TS_OK) {
        err = TS_ERR_IO;
    }
    pcap_dump_close(d); /* closes f: mem and mem_len are final */
    pcap_close(pd);
    if (err == TS_OK) {
        err = ts_buf_write_bytes(out, (const uint8_t *)mem, mem_len);
    }
    free(mem);
    return err;
}

/* --- pcapng, by hand (little-endian) --- */

static ts_err le16(ts_buf *b, uint16_t v)
{
    const uint8_t x[2] = {(uint8_t)v, (uint8_t)(v >> 8)};
    return ts_buf_write_bytes(b, x, sizeof(x));
}

static ts_err le32(ts_buf *b, uint32_t v)
{
    const uint8_t x[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    return ts_buf_write_bytes(b, x, sizeof(x));
}

static size_t pad4(size_t n)
{
    return (n + 3) & ~(size_t)3;
}

/* Appends n bytes and zero padding to a multiple of 4. */
static ts_err padded(ts_buf *b, const uint8_t *data, size_t n)
{
    static const uint8_t zeros[4] = {0};
    TS_GUARD(ts_buf_write_bytes(b, data, n));
    return ts_buf_write_bytes(b, zeros, pad4(n) - n);
}

/* Section Header Block with the shb_userappl option. */
static ts_err ng_shb(ts_buf *b)
{
    static const char app[] = "tlsstep";
    size_t app_len = sizeof(app) - 1;
    uint32_t total = (uint32_t)(28 + 4 + pad4(app_len) + 4);
    TS_GUARD(le32(b, PCAPNG_SHB));
    TS_GUARD(le32(b, total));
    TS_GUARD(le32(b, PCAPNG_BYTE_ORDER_MAGIC));
    TS_GUARD(le16(b, 1)); /* major version */
    TS_GUARD(le16(b, 0)); /* minor version */
    TS_GUARD(le32(b, 0xFFFFFFFFu)); /* section length: -1, not given */
    TS_GUARD(le32(b, 0xFFFFFFFFu));
    TS_GUARD(le16(b, PCAPNG_SHB_USERAPPL));
    TS_GUARD(le16(b, (uint16_t)app_len));
    TS_GUARD(padded(b, (const uint8_t *)app, app_len));
    TS_GUARD(le16(b, PCAPNG_OPT_END));
    TS_GUARD(le16(b, 0));
    return le32(b, total);
}

/* Interface Description Block: Ethernet, default microsecond resolution. */
static ts_err ng_idb(ts_buf *b)
{
    TS_GUARD(le32(b, PCAPNG_IDB));
    TS_GUARD(le32(b, 20));
    TS_GUARD(le16(b, LINKTYPE_ETHERNET));
    TS_GUARD(le16(b, 0)); /* reserved */
    TS_GUARD(le32(b, TS_PCAP_SNAPLEN));
    return le32(b, 20);
}

/* Decryption Secrets Block carrying the TLS key log text. */
static ts_err ng_dsb(ts_buf *b, const ts_buf *secrets)
{
    uint32_t total = (uint32_t)(20 + pad4(secrets->len));
    TS_GUARD(le32(b, PCAPNG_DSB));
    TS_GUARD(le32(b, total));
    TS_GUARD(le32(b, PCAPNG_SECRETS_TLS));
    TS_GUARD(le32(b, (uint32_t)secrets->len));
    TS_GUARD(padded(b, secrets->data, secrets->len));
    return le32(b, total);
}

/* Enhanced Packet Block on interface 0. */
static ts_err ng_epb(ts_buf *b, uint64_t usec, const ts_buf *frame)
{
    uint32_t total = (uint32_t)(32 + pad4(frame->len));
    TS_GUARD(le32(b, PCAPNG_EPB));
    TS_GUARD(le32(b, total));
    TS_GUARD(le32(b, 0)); /* interface id */
    TS_GUARD(le32(b, (uint32_t)(usec >> 32)));
    TS_GUARD(le32(b, (uint32_t)usec));
    TS_GUARD(le32(b, (uint32_t)frame->len)); /* captured */
    TS_GUARD(le32(b, (uint32_t)frame->len)); /* original */
    TS_GUARD(padded(b, frame->data, frame->len));
    return le32(b, total);
}

static ts_err ng_bytes(const ts_pcap *p, ts_buf *out)
{
    TS_GUARD(ng_shb(out));
    TS_GUARD(ng_idb(out));
    if (p->secrets.len > 0) {
        TS_GUARD(ng_dsb(out, &p->secrets));
    }
    ts_buf in;
    ts_buf_view(&in, p->frames.data, p->frames.len);
    while (ts_buf_remaining(&in) > 0) {
        uint64_t usec;
        uint32_t len;
        ts_buf frame;
        TS_GUARD(ts_buf_read_u64(&in, &usec));
        TS_GUARD(ts_buf_read_u32(&in, &len));
        TS_GUARD(ts_buf_read_view(&in, len, &frame));
        TS_GUARD(ng_epb(out, usec, &frame));
    }
    return TS_OK;
}

ts_err ts_pcap_bytes(const ts_pcap *p, ts_buf *out)
{
    TS_ENSURE(p != NULL && out != NULL, TS_ERR_ARG);
    ts_buf tmp;
    ts_buf_init(&tmp);
    ts_err err = p->cfg.format == TS_PCAP_NG ? ng_bytes(p, &tmp) : classic_bytes(p, &tmp);
    if (err == TS_OK) {
        err = ts_buf_write_bytes(out, tmp.data, tmp.len);
    }
    ts_buf_free(&tmp);
    return err;
}

ts_err ts_pcap_save(const ts_pcap *p, const char *path)
{
    TS_ENSURE(p != NULL && path != NULL && path[0] != '\0', TS_ERR_ARG);
    ts_buf bytes;
    ts_buf_init(&bytes);
    ts_err err = ts_pcap_bytes(p, &bytes);
    if (err == TS_OK) {
        err = ts_file_write_atomic(path, bytes.data, bytes.len, 0644);
    }
    ts_buf_free(&bytes);
    return err;
}
