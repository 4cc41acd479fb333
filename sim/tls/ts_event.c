/* ts_event: names of sides and event kinds. */
#include "tls/ts_event.h"

const char *ts_side_name(ts_side side)
{
    switch (side) {
    case TS_SIDE_CLIENT:
        return N_("client");
    case TS_SIDE_SERVER:
        return N_("server");
    case TS_SIDE_CHANNEL:
        return N_("channel");
    case TS_SIDE_ATTACKER:
        return N_("attacker");
    }
    return "unknown";
}

const char *ts_ev_kind_name(ts_ev_kind kind)
{
    static const char *const names[TS_EV_KIND_COUNT] = {
        [TS_EV_MESSAGE] = "message",   [TS_EV_SEALED] = "sealed",
        [TS_EV_PARSED] = "parsed",     [TS_EV_VALUE] = "value",
        [TS_EV_CHECK] = "check",       [TS_EV_ALERT_SENT] = "alert_sent",
        [TS_EV_ALERT_RECEIVED] = "alert_received",
        [TS_EV_WIPE] = "wipe",         [TS_EV_DONE] = "done",
        [TS_EV_RECORD] = "record",     [TS_EV_OPENED] = "opened",
    };
    return (unsigned)kind < TS_EV_KIND_COUNT ? names[kind] : "unknown";
}
