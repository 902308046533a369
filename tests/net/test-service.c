/* test-service.c: a dagprijzen-server child process on 127.0.0.1 for the network tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <string.h>

#include "dp-demo.h"
#include "dp-test-common.h"
#include "dp-totp.h"
#include "test-service.h"

TestService test_service;

/* The server ------------------------------------------------------------------------------- */

void
test_service_run_admin (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, test_service.server_path);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, test_service.db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);
}

GSubprocess *
test_service_spawn (const char * const *extra,
                    guint               port,
                    char              **out_url)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  g_ptr_array_add (args, (char *) "--today");
  g_ptr_array_add (args, (char *) TEST_SERVICE_TODAY);
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (args, (char *) extra[i]);
  g_ptr_array_add (args, NULL);

  return dp_test_server_spawn (test_service.db, port, (const char * const *) args->pdata,
                               out_url, NULL);
}

/* Starts the server on @port (0: any free one) and waits for its "Listening on" line. */
void
test_service_start (guint port)
{
  g_autofree char *url = NULL;
  const char *prefix = "http://127.0.0.1:";
  char *end = NULL;
  guint64 found;

  test_service.server = test_service_spawn (NULL, port, &url);
  g_assert_true (g_str_has_prefix (url, prefix));
  found = g_ascii_strtoull (url + strlen (prefix), &end, 10);
  g_assert_cmpstr (end, ==, "/");
  g_assert_cmpuint (found, >, 0);
  g_assert_cmpuint (found, <=, 65535);
  test_service.port = (guint) found;

  g_assert_true (port == 0 || test_service.port == port);
  g_free (test_service.url);
  test_service.url = g_steal_pointer (&url);
}

void
test_service_stop (void)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (test_service.server, SIGTERM);
  /* A clean stop, exit status 0: under $DAGPRIJZEN_SERVER_WRAPPER also no leak. */
  g_subprocess_wait_check (test_service.server, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&test_service.server);
}

/* A TOTP code of the demo user the service has not seen yet. */
char *
test_service_fresh_code (void)
{
  g_autofree guint8 *secret = NULL;
  gsize secret_len = 0;
  char code[9];

  secret = dp_base32_decode (DP_DEMO_TOTP_SECRET, &secret_len);
  g_assert_nonnull (secret);
  dp_test_totp_next_code (secret, secret_len, &test_service.last_step, code);
  return g_strdup (code);
}

/* A six-digit code the service accepts at no step near now. */
char *
test_service_wrong_code (void)
{
  g_autofree guint8 *secret = NULL;
  gsize secret_len = 0;
  gint64 now = dp_totp_step_for_time (g_get_real_time () / G_USEC_PER_SEC);

  secret = dp_base32_decode (DP_DEMO_TOTP_SECRET, &secret_len);
  for (guint candidate = 0; candidate < 10; candidate++)
    {
      g_autofree char *text = g_strdup_printf ("%06u", candidate * 111111);
      gboolean valid = FALSE;

      for (gint64 step = now - 2; step <= now + 2; step++)
        {
          char code[9];

          dp_totp_format_code (secret, secret_len, step, code);
          valid |= g_str_equal (code, text);
        }
      if (!valid)
        return g_steal_pointer (&text);
    }

  g_assert_not_reached ();
}


void
test_service_setup (const char * const *facilities)
{
  g_autoptr(GError) error = NULL;
  const char *seed[] = { "--demo", "grant", DP_DEMO_USER, DP_DEMO_FACILITY, NULL };

  test_service.server_path = dp_test_build_path ("src", "server", "dagprijzen-server", NULL);
  test_service.cli_path = dp_test_build_path ("src", "cli", "dagprijzen-cli", NULL);
  test_service.dir = g_dir_make_tmp ("dagprijzen-net-XXXXXX", &error);
  g_assert_no_error (error);
  test_service.db = g_build_filename (test_service.dir, "service.db", NULL);

  /* --demo seeds the database before the command runs (a grant the seed made already). */
  test_service_run_admin (seed);
  for (guint i = 0; facilities != NULL && facilities[i] != NULL; i += 3)
    {
      const char *add[] = { "add-facility", facilities[i], facilities[i + 1],
                            facilities[i + 2], NULL };
      const char *grant[] = { "grant", DP_DEMO_USER, facilities[i], NULL };

      test_service_run_admin (add);
      test_service_run_admin (grant);
    }

  test_service_start (0);
}

void
test_service_teardown (void)
{
  if (test_service.server != NULL)
    test_service_stop ();
  dp_test_remove_tree (test_service.dir);
  g_clear_pointer (&test_service.dir, g_free);
  g_clear_pointer (&test_service.db, g_free);
  g_clear_pointer (&test_service.server_path, g_free);
  g_clear_pointer (&test_service.cli_path, g_free);
  g_clear_pointer (&test_service.url, g_free);
  g_clear_pointer (&test_service.token, g_free);
}
