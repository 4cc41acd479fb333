/* ts_session_result: how a run ended, decided from its trace, its channel
 * and the two endpoints. */
#ifndef TS_SESSION_RESULT_H
#define TS_SESSION_RESULT_H

#include "base/ts_buf.h"
#include "simulation/ts_chan.h"
#include "simulation/ts_session.h"
#include "simulation/ts_trace.h"
#include "tls/ts_conn.h"

/* Fills r: the first fatal alert sent (who sent it, the sender's reason),
 * else ok when both sides closed and the client received exactly payload
 * with HTTP 200 (wrong otherwise), else stalled (which sides still wait,
 * and the dropped records). Also the SHA-256 and size of the body the
 * client received. Cannot fail. */
void ts_session_result_compute(const ts_trace *t, const ts_chan *ch, const ts_conn *client,
                               const ts_conn *server, const ts_buf *payload, ts_result *r);

#endif
