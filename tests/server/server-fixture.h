/* server-fixture.h: dagprijzen-server as a child process on loopback, and a small HTTP
 * client for it: shared by the service tests and the benchmark.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "dp-store.h"
#include "dp-test-common.h"

G_BEGIN_DECLS

typedef struct {
  GSubprocess *process;
  char        *base_uri;   /* "http://127.0.0.1:PORT" without the trailing slash */
  char        *output;     /* what the server printed before "Listening on" */
} ServerProcess;

/* Starts build/src/server/dagprijzen-server --db @db_path --port 0 with @extra_args
 * (NULL-terminated, may be NULL) and waits for its "Listening on" line. */
ServerProcess *server_process_start  (const char          *db_path,
                                      const char * const  *extra_args);
/* SIGKILL: no chance to clean up, as in a crash. */
void           server_process_kill   (ServerProcess       *server);
/* SIGTERM and wait. */
void           server_process_stop   (ServerProcess       *server);
void           server_process_free   (ServerProcess       *server);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ServerProcess, server_process_free)

/* One HTTP client connection to the server. */
typedef struct {
  SoupSession *session;
  char        *base_uri;
  char        *token;
  guint        status;
  GBytes      *body;                 /* of the last answer */
  SoupMessageHeaders *headers;       /* of the last answer */
} Client;

Client     *client_new            (const char *base_uri);
void        client_free           (Client     *client);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Client, client_free)

/* Sends @method @path with @body (NULL: none) and the header pairs of @headers
 * (NULL-terminated name, value, name, value...), with the client's token when set.
 * Returns the status; the body and headers stay in the client. */
guint       client_request        (Client              *client,
                                   const char          *method,
                                   const char          *path,
                                   const char          *body,
                                   const char * const  *headers);
/* The last answer's body as text, and parsed. */
const char *client_body_text      (Client              *client);
JsonNode   *client_body_json      (Client              *client);
const char *client_header         (Client              *client,
                                   const char          *name);

/* Logs in; stores the token in the client. The status of the answer. */
guint       client_login          (Client              *client,
                                   const char          *user,
                                   const char          *code);

G_END_DECLS
