/* ts_capture: what Wireshark sees of a simulated run. Writes the records
 * that crossed the session's channel into a capture file (ts_pcap: a
 * synthetic TCP connection 127.0.0.1:49152 -> 127.0.0.2:443, timestamps
 * from the session clock) and the client's secrets into an NSS key log
 * (ts_keylog). Functions that can fail return ts_err. */
#ifndef TS_CAPTURE_H
#define TS_CAPTURE_H

#include <stdbool.h>

#include "base/ts_err.h"
#include "export/ts_keylog.h"
#include "export/ts_pcap.h"
#include "simulation/ts_session.h"

/* The key log of s's last run (ts_keylog_of_trace, each value as the
 * client derived it, else as the server did): TLS 1.2's CLIENT_RANDOM line,
 * or TLS 1.3's traffic and exporter secret lines. *text is malloc'd (the
 * caller wipes and frees it) and "" when no secret was derived (the run
 * ended before). TS_ERR_ARG before a run. */
ts_err ts_capture_keylog(const ts_session *s, char **text);

/* Adds s's last run to p: the TCP handshake, then every record that
 * reached its receiver, in the order delivered, with the bytes delivered
 * (what crossed the wire: a tampered record as tampered; a dropped record
 * never crossed and is left out), consecutive records of one direction
 * sent as one write, then the close (the client first); and, for pcapng,
 * the key log in a Decryption Secrets Block when there is one. */
ts_err ts_capture_session(const ts_session *s, ts_pcap *p);

/* Writes s's last run to pcap_path (pcapng with the key log embedded when
 * the name ends in ".pcapng", else classic pcap) and appends its key log
 * lines to keylog_path; either path may be NULL. The capture's clock starts
 * at the session's clock. A run that derived no secret writes its capture
 * and no key log line (the key log file is still created). TS_ERR_IO when a
 * file cannot be written. */
ts_err ts_capture_write_session(const ts_session *s, const char *pcap_path,
                                const char *keylog_path);

#endif
