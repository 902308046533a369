/* test-service.h: a dagprijzen-server child process on 127.0.0.1 for the network tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dp-test-common.h"

G_BEGIN_DECLS

/* A date inside the 2025 campaign: the server's clock decides deadlines. */
#define TEST_SERVICE_TODAY "2025-05-15"

typedef struct
{
  char             *dir;          /* a temporary directory, removed by teardown */
  char             *db;
  char             *server_path;
  char             *cli_path;
  GSubprocess      *server;
  guint             port;
  char             *url;          /* "http://127.0.0.1:PORT/" */
  char             *token;        /* a session of the demo user, when a test made one */
  gint64            last_step;    /* the last TOTP step used */
} TestService;

extern TestService test_service;

/* A temporary database with the --demo data plus the facilities @facilities (triples of
 * number, name, recognised capacity, NULL-terminated), granted to the demo user; then the
 * server started on a free port. Call after g_test_init(). */
void   test_service_setup        (const char * const *facilities);
void   test_service_teardown     (void);

/* Runs "dagprijzen-server --db DB ARGS..." to its end. */
void   test_service_run_admin    (const char * const *args);
/* Starts the server on @port (0: any free one) and waits for its "Listening on" line. */
void   test_service_start        (guint port);
/* Another server on the same database, with @extra arguments (e.g. --tls-cert): its process
 * (it dies with the test) and its address in @out_url. */
GSubprocess *test_service_spawn  (const char * const *extra,
                                  guint               port,
                                  char              **out_url);
void   test_service_stop         (void);

/* A TOTP code of the demo user the service has not seen yet (waits for the clock when the
 * codes near now are spent), and one it accepts at no step near now. */
char  *test_service_fresh_code   (void);
char  *test_service_wrong_code   (void);

G_END_DECLS
