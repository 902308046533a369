/* server-fixture.c: dagprijzen-server as a child process, and an HTTP client for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "server-fixture.h"

#include <signal.h>
#include <string.h>

ServerProcess *
server_process_start (const char         *db_path,
                      const char * const *extra_args)
{
  ServerProcess *server = g_new0 (ServerProcess, 1);
  g_autofree char *url = NULL;

  server->process = dp_test_server_spawn (db_path, 0, extra_args, &url,
                                          &server->output);
  server->base_uri = g_strndup (url, strlen (url) - (g_str_has_suffix (url, "/") ? 1 : 0));
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
