/* ts_http_type: the Content-Type a server sends for a file, from its name's
 * extension (as web servers do with a mime.types table), so that a browser
 * shows an .html page instead of downloading it. */
#ifndef TS_HTTP_TYPE_H
#define TS_HTTP_TYPE_H

/* The media type for name's extension (case-insensitive; text types with
 * "; charset=utf-8"), "application/octet-stream" for any other; never NULL. */
const char *ts_http_content_type(const char *name);

#endif
