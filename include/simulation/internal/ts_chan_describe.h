/* ts_chan_describe: names and decodes a record on the channel, for the
 * transcript, the JSON and the inspector (Wireshark style). */
#ifndef TS_CHAN_DESCRIBE_H
#define TS_CHAN_DESCRIBE_H

#include "base/ts_err.h"
#include "simulation/ts_chan.h"

/* Fills rec->type_name, rec->fields (the record header and what can be read
 * of the bytes as sent, offsets from the record's first byte) and
 * rec->plain_fields (protected records: the plaintext the sender sealed,
 * offsets into it) from rec->sent, rec->plaintext and the record's
 * protection details. A field list that cannot be decoded is cut short,
 * never an error; only TS_ERR_NOMEM / TS_ERR_TOO_LONG are returned. */
ts_err ts_chan_describe(ts_chan_record *rec);

#endif
