/* ts_content_type: ContentType (RFC 5246 §6.2.1), the four protocols a
 * record carries. Types only: the record layer (tls/ts_record.h) frames
 * records of these types, the codecs (tls/msg/) describe their payloads. */
#ifndef TS_CONTENT_TYPE_H
#define TS_CONTENT_TYPE_H

enum {
    TS_CT_CHANGE_CIPHER_SPEC = 20,
    TS_CT_ALERT = 21,
    TS_CT_HANDSHAKE = 22,
    TS_CT_APPLICATION_DATA = 23
};

#endif
