/* ts_pcap: a capture file of one TCP connection carrying TLS, for Wireshark
 * and tshark. Ethernet + IPv4 + TCP with real framing: a three-way
 * handshake, data segments of at most one MSS with the sender's sequence
 * numbers and the receiver's acknowledgements, correct IPv4 header and TCP
 * checksums, and a FIN/ACK close both ways.
 *
 * Two file formats: classic pcap, written through libpcap (pcap_dump), and
 * pcapng, written by hand (libpcap reads pcapng but cannot write it) so the
 * TLS key log can travel inside the file in a Decryption Secrets Block:
 * Wireshark then decrypts without being told where the key log is.
 *
 * Usable incrementally (network mode feeds bytes as they cross a socket):
 * packets are kept in memory and the file is produced by ts_pcap_bytes or
 * ts_pcap_save (atomically: a temporary file renamed into place), so the
 * secrets may be added at any time and still precede the packets.
 *
 * Timestamps come from a clock the caller sets (no time()): the first
 * packet is at the configured start, each next one step_usec later, so the
 * same inputs give a byte-identical file. Functions that can fail return
 * ts_err. */
#ifndef TS_PCAP_H
#define TS_PCAP_H

#include <stddef.h>
#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "simulation/ts_chan.h" /* ts_dir */

typedef enum {
    TS_PCAP_CLASSIC, /* pcap (libpcap), microsecond timestamps */
    TS_PCAP_NG       /* pcapng with an optional Decryption Secrets Block */
} ts_pcap_format;

#define TS_PCAP_DEFAULT_MSS 1460
#define TS_PCAP_DEFAULT_STEP_USEC 1000
#define TS_PCAP_SNAPLEN 262144
/* The receiver sends a pure ACK once this many bytes are unacknowledged,
 * so the advertised window (65535, no scaling) never fills. */
#define TS_PCAP_ACK_EVERY 32768

typedef struct {
    ts_pcap_format format;
    uint8_t client_ip[4];   /* default 127.0.0.1 */
    uint8_t server_ip[4];   /* default 127.0.0.2 */
    uint16_t client_port;   /* default 49152 */
    uint16_t server_port;   /* default 443: tshark dissects TLS there */
    int64_t start_sec;      /* time of the first packet, seconds since 1970 */
    uint32_t start_usec;    /* 0..999999 */
    uint32_t step_usec;     /* between packets; 0 is taken as 1 */
    uint16_t mss;           /* largest TCP payload of one segment, 1..1460 */
    uint32_t client_isn;    /* initial sequence numbers */
    uint32_t server_isn;
} ts_pcap_config;

typedef struct ts_pcap ts_pcap;

/* Fills cfg with the defaults above: classic format, start_sec 0,
 * step TS_PCAP_DEFAULT_STEP_USEC, MSS 1460, fixed ISNs; cannot fail. */
void ts_pcap_config_default(ts_pcap_config *cfg);

/* The format for a file name: TS_PCAP_NG when it ends in ".pcapng" (any
 * case), else TS_PCAP_CLASSIC. */
ts_pcap_format ts_pcap_format_for(const char *path);

/* Starts an empty capture with cfg (copied). TS_ERR_ARG for an MSS of 0 or
 * above 1460, a start_usec above 999999 or a negative start_sec. */
ts_err ts_pcap_open(const ts_pcap_config *cfg, ts_pcap **out);

/* Frees the capture (NULL is fine). */
void ts_pcap_free(ts_pcap *p);

/* Adds key log text (NSS format lines, each ending in '\n') for the
 * Decryption Secrets Block of a pcapng file; ignored by the classic format
 * (give Wireshark the key log file instead). May be called at any time
 * before the file is produced; text is appended to what was added. */
ts_err ts_pcap_add_secrets(ts_pcap *p, const char *text);

/* Sets the time of the next packet (later ones follow step_usec apart).
 * TS_ERR_ARG for usec above 999999 or a negative sec. */
ts_err ts_pcap_set_time(ts_pcap *p, int64_t sec, uint32_t usec);

/* Writes the three-way handshake: SYN (with the MSS option), SYN/ACK, ACK.
 * TS_ERR_ARG when it was already written. */
ts_err ts_pcap_tcp_handshake(ts_pcap *p);

/* Writes n bytes (n >= 1) sent in direction dir as data segments of at
 * most one MSS each, ACK on every one and PSH on the last; writes the
 * handshake first if it has not been written. TS_ERR_CLOSED after
 * ts_pcap_tcp_close, TS_ERR_ARG for n == 0. */
ts_err ts_pcap_segment(ts_pcap *p, ts_dir dir, const uint8_t *data, size_t n);

/* Writes the close: FIN/ACK from the side sending in direction first, the
 * peer's FIN/ACK, the last ACK. TS_ERR_CLOSED when already closed,
 * TS_ERR_ARG before the handshake. */
ts_err ts_pcap_tcp_close(ts_pcap *p, ts_dir first);

/* Number of packets so far. */
size_t ts_pcap_packet_count(const ts_pcap *p);

/* Appends the bytes of the whole file (as ts_pcap_save would write it) to
 * out. */
ts_err ts_pcap_bytes(const ts_pcap *p, ts_buf *out);

/* Writes the file to path atomically (TS_ERR_IO on failure; nothing partial
 * is left). */
ts_err ts_pcap_save(const ts_pcap *p, const char *path);

#endif
