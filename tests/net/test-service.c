/* test-service.c: a dagprijzen-server child process on 127.0.0.1 for the network tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "dp-demo.h"
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

/* A test that fails aborts: the server must not outlive it (and keep its pipes open). */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

GSubprocess *
test_service_spawn (const char * const *extra,
                    guint               port,
                    char              **out_url)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_ptr_array_add (argv, g_strdup (test_service.server_path));
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (test_service.db));
  g_ptr_array_add (argv, g_strdup ("--port"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", port));
  g_ptr_array_add (argv, g_strdup ("--today"));
  g_ptr_array_add (argv, g_strdup (TEST_SERVICE_TODAY));
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (extra[i]));
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));

  /* "Listening on http://127.0.0.1:PORT/" (or https) */
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);  /* the server ended before listening */
      if (g_str_has_prefix (line, "Listening on "))
        {
          *out_url = g_strdup (line + strlen ("Listening on "));
          break;
        }
    }

  /* The pipe stays open with the process: the server writes nothing more. */
  g_object_set_data_full (G_OBJECT (process), "test-service-out", g_steal_pointer (&out),
                          g_object_unref);
  return process;
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
  g_subprocess_wait (test_service.server, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&test_service.server);
}

/* A TOTP code of the demo user the service has not seen yet: the current step or the next
 * (both within the one step of skew it allows, even when the step turns meanwhile), waiting
 * for the clock when both are spent. */
char *
test_service_fresh_code (void)
{
  g_autofree guint8 *secret = NULL;
  gsize secret_len = 0;
  char code[9];

  secret = dp_base32_decode (DP_DEMO_TOTP_SECRET, &secret_len);
  g_assert_nonnull (secret);

  for (;;)
    {
      gint64 now = dp_totp_step_for_time (g_get_real_time () / G_USEC_PER_SEC);
      gint64 step = MAX (test_service.last_step + 1, now);

      if (step <= now + 1)
        {
          test_service.last_step = step;
          dp_totp_format_code (secret, secret_len, step, code);
          return g_strdup (code);
        }
      g_usleep (G_USEC_PER_SEC);
    }
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


static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
test_service_setup (const char * const *facilities)
{
  g_autoptr(GError) error = NULL;
  const char *build_dir = g_getenv ("DAGPRIJZEN_BUILD_DIR");
  const char *seed[] = { "--demo", "grant", DP_DEMO_USER, DP_DEMO_FACILITY, NULL };

  g_assert_nonnull (build_dir);
  test_service.server_path = g_build_filename (build_dir, "src", "server", "dagprijzen-server",
                                               NULL);
  test_service.cli_path = g_build_filename (build_dir, "src", "cli", "dagprijzen-cli", NULL);
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
  remove_tree (test_service.dir);
  g_clear_pointer (&test_service.dir, g_free);
  g_clear_pointer (&test_service.db, g_free);
  g_clear_pointer (&test_service.server_path, g_free);
  g_clear_pointer (&test_service.cli_path, g_free);
  g_clear_pointer (&test_service.url, g_free);
  g_clear_pointer (&test_service.token, g_free);
}
