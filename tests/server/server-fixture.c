/* server-fixture.c: dagprijzen-server as a child process, and an HTTP client for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "server-fixture.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "dp-totp.h"

char *
server_binary_path (void)
{
  const char *build_dir = g_getenv ("DAGPRIJZEN_BUILD_DIR");

  g_assert_nonnull (build_dir);
  return g_build_filename (build_dir, "src", "server", "dagprijzen-server", NULL);
}

/* A server outlives no test: when the test dies (an assertion), the kernel kills it. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

ServerProcess *
server_process_start (const char         *db_path,
                      const char * const *extra_args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GString) output = g_string_new (NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  ServerProcess *server = g_new0 (ServerProcess, 1);

  /* DAGPRIJZEN_SERVER_WRAPPER runs the server under a tool, e.g.
   * "valgrind --leak-check=full --error-exitcode=1": a clean stop then checks it. */
  if (g_getenv ("DAGPRIJZEN_SERVER_WRAPPER") != NULL)
    {
      g_auto(GStrv) wrapper = NULL;

      g_shell_parse_argv (g_getenv ("DAGPRIJZEN_SERVER_WRAPPER"), NULL, &wrapper, &error);
      g_assert_no_error (error);
      for (guint i = 0; wrapper[i] != NULL; i++)
        g_ptr_array_add (argv, g_strdup (wrapper[i]));
    }
  g_ptr_array_add (argv, server_binary_path ());
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (db_path));
  g_ptr_array_add (argv, g_strdup ("--port"));
  g_ptr_array_add (argv, g_strdup ("0"));
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (extra_args[i]));
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                  &error);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);

      g_assert_no_error (error);
      if (line == NULL)
        g_error ("dagprijzen-server ended before listening; it printed:\n%s", output->str);
      if (g_str_has_prefix (line, "Listening on "))
        {
          const char *uri = line + strlen ("Listening on ");

          server->base_uri = g_strndup (uri, strlen (uri) - (g_str_has_suffix (uri, "/") ? 1 : 0));
          break;
        }
      g_string_append_printf (output, "%s\n", line);
    }

  server->output = g_string_free (g_steal_pointer (&output), FALSE);
  return server;
}

void
server_process_kill (ServerProcess *server)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (server->process, SIGKILL);
  g_subprocess_wait (server->process, NULL, &error);
  g_assert_no_error (error);
}

void
server_process_stop (ServerProcess *server)
{
  g_autoptr(GError) error = NULL;

  if (g_subprocess_get_identifier (server->process) == NULL)
    return;
  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait (server->process, NULL, &error);
  g_assert_no_error (error);
  /* A clean shutdown: under a sanitizer this is also where leaks would show. */
  g_subprocess_wait_check (server->process, NULL, &error);
  g_assert_no_error (error);
}

void
server_process_free (ServerProcess *server)
{
  if (server == NULL)
    return;
  server_process_stop (server);
  g_clear_object (&server->process);
  g_free (server->base_uri);
  g_free (server->output);
  g_free (server);
}

Client *
client_new (const char *base_uri)
{
  Client *client = g_new0 (Client, 1);

  /* No proxy: the tests talk to loopback, and the isolated XDG dirs hold no proxy settings. */
  client->session = soup_session_new_with_options ("timeout", 60, "proxy-resolver", NULL, NULL);
  client->base_uri = g_strdup (base_uri);
  return client;
}

void
client_free (Client *client)
{
  if (client == NULL)
    return;
  g_clear_object (&client->session);
  g_clear_pointer (&client->body, g_bytes_unref);
  g_clear_pointer (&client->headers, soup_message_headers_unref);
  g_free (client->base_uri);
  g_free (client->token);
  g_free (client);
}

guint
client_request (Client             *client,
                const char         *method,
                const char         *path,
                const char         *body,
                const char * const *headers)
{
  g_autofree char *uri = g_strconcat (client->base_uri, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *request_headers;

  g_assert_nonnull (msg);
  request_headers = soup_message_get_request_headers (msg);
  if (client->token != NULL)
    {
      g_autofree char *value = g_strdup_printf ("Bearer %s", client->token);

      soup_message_headers_replace (request_headers, "Authorization", value);
    }
  for (guint i = 0; headers != NULL && headers[i] != NULL; i += 2)
    soup_message_headers_replace (request_headers, headers[i], headers[i + 1]);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  g_clear_pointer (&client->body, g_bytes_unref);
  g_clear_pointer (&client->headers, soup_message_headers_unref);
  client->body = soup_session_send_and_read (client->session, msg, NULL, &error);
  g_assert_no_error (error);
  client->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  client->status = soup_message_get_status (msg);
  return client->status;
}

const char *
client_body_text (Client *client)
{
  gsize len;
  const char *data;

  if (client->body == NULL)
    return "";
  data = g_bytes_get_data (client->body, &len);
  /* libsoup's answers are not NUL-terminated: keep a terminated copy alongside. */
  if (len == 0)
    return "";
  if (data[len - 1] != '\0')
    {
      g_autoptr(GByteArray) copy = g_byte_array_sized_new ((guint) len + 1);
      GBytes *terminated;

      g_byte_array_append (copy, (const guint8 *) data, (guint) len);
      g_byte_array_append (copy, (const guint8 *) "", 1);
      terminated = g_byte_array_free_to_bytes (g_steal_pointer (&copy));
      g_bytes_unref (client->body);
      client->body = terminated;
      data = g_bytes_get_data (client->body, NULL);
    }
  return data;
}

JsonNode *
client_body_json (Client *client)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, client_body_text (client), -1, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

const char *
client_header (Client     *client,
               const char *name)
{
  return client->headers != NULL ? soup_message_headers_get_one (client->headers, name) : NULL;
}

void
totp_next_code (const guint8 *secret,
                gsize         secret_len,
                gint64       *last_step,
                char          code[static 9])
{
  for (;;)
    {
      gint64 now_step = dp_totp_step_for_time (g_get_real_time () / G_USEC_PER_SEC);
      gint64 step = MAX (now_step, *last_step + 1);

      /* The server takes one step ahead at most. */
      if (step <= now_step + 1)
        {
          dp_totp_format_code (secret, secret_len, step, code);
          *last_step = step;
          return;
        }
      g_usleep (G_USEC_PER_SEC / 2);
    }
}

guint
client_login (Client     *client,
              const char *user,
              const char *code)
{
  g_autofree char *body = g_strdup_printf ("{\"gebruiker\": \"%s\", \"totp\": \"%s\"}", user, code);
  guint status;

  g_clear_pointer (&client->token, g_free);
  status = client_request (client, "POST", "/api/v1/sessies", body, NULL);
  if (status == SOUP_STATUS_CREATED)
    {
      g_autoptr(JsonNode) root = client_body_json (client);

      client->token = g_strdup (json_object_get_string_member (json_node_get_object (root),
                                                               "token"));
    }
  return status;
}
