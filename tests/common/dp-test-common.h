/* dp-test-common.h: what the service tests of tests/server and tests/net share: the built
 * dagprijzen-server as a child process on loopback, TOTP codes it has not seen yet, and
 * small helpers (also for tests/core).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dp-dossier.h"

G_BEGIN_DECLS

/* The path of a program of the build, e.g. ("src", "server", "dagprijzen-server"). */
char        *dp_test_build_path      (const char          *first_element,
                                      ...) G_GNUC_NULL_TERMINATED;

/* Starts dagprijzen-server --db @db_path --port @port with @extra (NULL-terminated, may be
 * NULL), under $DAGPRIJZEN_SERVER_WRAPPER when set (e.g. "valgrind --leak-check=full
 * --error-exitcode=1": a clean stop then checks it), and waits for its "Listening on" line.
 * The process dies with the test; its standard output stays open with it. *@out_url is the
 * address as printed ("http://127.0.0.1:PORT/"), *@out_printed (may be NULL) what the server
 * printed before it. */
GSubprocess *dp_test_server_spawn    (const char          *db_path,
                                      guint                port,
                                      const char * const  *extra,
                                      char               **out_url,
                                      char               **out_printed);

/* The code for @secret that the server accepts next for a user whose last accepted step is
 * *@last_step (updated): the current step or the next (within the one step of skew the
 * server allows, even when the step turns meanwhile), waiting for the clock when both are
 * spent. */
void         dp_test_totp_next_code  (const guint8        *secret,
                                      gsize                secret_len,
                                      gint64              *last_step,
                                      char                 code[static 9]);

/* The line at @position of Luik @part, owned by the dossier. */
DpLine      *dp_test_line_at         (DpDossier           *dossier,
                                      DpPart               part,
                                      guint                position);

/* Appends a new line to Luik @part; returns it, owned by the dossier. */
DpLine      *dp_test_append          (DpDossier           *dossier,
                                      DpPart               part,
                                      DpRoomType           room_type,
                                      const char          *description,
                                      guint                capacity,
                                      gint64               price);

/* Removes the directory @path and everything below it. */
void         dp_test_remove_tree     (const char          *path);

/* A source that keeps g_main_context_iteration() from blocking when nothing else happens. */
gboolean     dp_test_wait_tick       (gpointer             user_data);

/* Runs the main loop until @cond holds; fails the test after @seconds. Never sleeps on its
 * own: a short timer only keeps the loop from blocking, at a low priority so that it never
 * starves the frame clock's layout and paint. */
#define DP_TEST_WAIT_FOR(cond, seconds)                                            \
  G_STMT_START {                                                                   \
    gint64 deadline_ = g_get_monotonic_time () + (seconds) * G_USEC_PER_SEC;       \
    guint tick_ = g_timeout_add_full (G_PRIORITY_LOW, 10, dp_test_wait_tick,      \
                                      NULL, NULL);                                 \
    while (!(cond))                                                                \
      {                                                                            \
        if (g_get_monotonic_time () > deadline_)                                   \
          g_error ("%s:%d: timed out waiting for %s", __FILE__, __LINE__, #cond);  \
        g_main_context_iteration (NULL, TRUE);                                     \
      }                                                                            \
    g_source_remove (tick_);                                                       \
  } G_STMT_END

G_END_DECLS
