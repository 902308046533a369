/* dp-test-common.c: what the service tests of tests/server and tests/net share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "dp-test-common.h"
#include "dp-totp.h"

char *
dp_test_build_path (const char *first_element,
                    ...)
{
  const char *build_dir = g_getenv ("DAGPRIJZEN_BUILD_DIR");
  g_autoptr(GPtrArray) elements = g_ptr_array_new ();
  va_list args;

  g_assert_nonnull (build_dir);
  g_ptr_array_add (elements, (char *) build_dir);
  va_start (args, first_element);
  for (const char *e = first_element; e != NULL; e = va_arg (args, const char *))
    g_ptr_array_add (elements, (char *) e);
  va_end (args);
  g_ptr_array_add (elements, NULL);

  return g_build_filenamev ((char **) elements->pdata);
}

/* A server outlives no test: when the test dies (an assertion), the kernel kills it, so
 * that it keeps neither its port nor the test's pipes. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

GSubprocess *
dp_test_server_spawn (const char         *db_path,
                      guint               port,
                      const char * const *extra,
                      char              **out_url,
                      char              **out_printed)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GString) printed = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *wrapper = g_getenv ("DAGPRIJZEN_SERVER_WRAPPER");
  GSubprocess *process;

  if (wrapper != NULL)
    {
      g_auto(GStrv) words = NULL;

      g_shell_parse_argv (wrapper, NULL, &words, &error);
      g_assert_no_error (error);
      for (guint i = 0; words[i] != NULL; i++)
        g_ptr_array_add (argv, g_strdup (words[i]));
    }
  g_ptr_array_add (argv, dp_test_build_path ("src", "server", "dagprijzen-server", NULL));
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (db_path));
  g_ptr_array_add (argv, g_strdup ("--port"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", port));
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
      if (line == NULL)
        g_error ("dagprijzen-server ended before listening; it printed:\n%s", printed->str);
      if (g_str_has_prefix (line, "Listening on "))
        {
          *out_url = g_strdup (line + strlen ("Listening on "));
          break;
        }
      g_string_append_printf (printed, "%s\n", line);
    }

  if (out_printed != NULL)
    *out_printed = g_string_free (g_steal_pointer (&printed), FALSE);
  /* The pipe stays open with the process: closing it would make a later line fail. */
  g_object_set_data_full (G_OBJECT (process), "dp-test-server-out", g_steal_pointer (&out),
                          g_object_unref);
  return process;
}

void
dp_test_totp_next_code (const guint8 *secret,
                        gsize         secret_len,
                        gint64       *last_step,
                        char          code[static 9])
{
  for (;;)
    {
      gint64 now_step = dp_totp_step_for_time (g_get_real_time () / G_USEC_PER_SEC);
      gint64 step = MAX (now_step, *last_step + 1);

      if (step <= now_step + 1)
        {
          dp_totp_format_code (secret, secret_len, step, code);
          *last_step = step;
          return;
        }
      g_usleep (G_USEC_PER_SEC / 2);
    }
}

DpLine *
dp_test_line_at (DpDossier *dossier,
                 DpPart     part,
                 guint      position)
{
  g_autoptr(DpLine) line = g_list_model_get_item (dp_dossier_get_lines (dossier, part),
                                                  position);
  g_assert_nonnull (line);
  return line;
}

DpLine *
dp_test_append (DpDossier  *dossier,
                DpPart      part,
                DpRoomType  room_type,
                const char *description,
                guint       capacity,
                gint64      price)
{
  g_autoptr(DpLine) line = dp_line_new (room_type, description, capacity, price);

  dp_dossier_append_line (dossier, part, line);
  return line;
}

void
dp_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        dp_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

gboolean
dp_test_wait_tick (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}
