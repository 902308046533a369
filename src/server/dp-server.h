/* dp-server.h: the e-loket dossier service: a SoupServer answering the API of DESIGN.md
 * from a DpStore, with the checks of the core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dp-store.h"

G_BEGIN_DECLS

/* Bodies above this size are refused with 413 without being kept in memory. */
#define DP_SERVER_MAX_BODY (1024 * 1024)

#define DP_TYPE_SERVER (dp_server_get_type ())

G_DECLARE_FINAL_TYPE (DpServer, dp_server, DP, SERVER, GObject)

/* Properties:
 *   "store"             DpStore*  construct-only
 *   "session-lifetime"  gint64    seconds a token lives (default 12 hours)
 * The day that decides deadlines is the real local date unless set with
 * dp_server_set_today(). */
DpServer   *dp_server_new                    (DpStore      *store);
DpStore    *dp_server_get_store              (DpServer     *self);
void        dp_server_set_today              (DpServer     *self,
                                              const GDate  *today);
void        dp_server_set_session_lifetime   (DpServer     *self,
                                              gint64        seconds);

/* Listens on @address (NULL: 127.0.0.1), port @port (0 picks a free one: see
 * dp_server_dup_uri()). Plain HTTP only on a loopback address; HTTPS with
 * @tls_certificate (one with its private key). */
gboolean    dp_server_listen                 (DpServer        *self,
                                              const char      *address,
                                              guint            port,
                                              GTlsCertificate *tls_certificate,
                                              GError         **error);
/* "http://127.0.0.1:8080/": where the server listens (the first listener). */
char       *dp_server_dup_uri                (DpServer     *self);

/* The routes the server answers, "METHOD /path/{param}" each, in a new NULL-terminated
 * array: what data/openapi.yaml must describe. */
char      **dp_server_list_routes            (void);

G_END_DECLS
