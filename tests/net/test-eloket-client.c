/* test-eloket-client.c: DpEloketClient against a scripted SoupServer on loopback.
 *
 * Each test queues the answers the fake service gives, in order, and looks at what the
 * client sent and what it made of the answers: the error codes of the status mapping, the
 * retries of transient failures, the headers (token, If-Match, Idempotency-Key), and the
 * parsing of every answer. The end-to-end tests against dagprijzen-server are elsewhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <libsoup/soup.h>

#include "dp-eloket-client.h"
#include "dp-test-common.h"

#define DOSSIER_JSON \
  "{\"formaat\":\"dagprijzen-meting\",\"versie\":1," \
  "\"campagne\":{\"jaar\":2025,\"meetdatum\":\"2025-05-01\",\"deadline\":\"2025-05-31\"," \
  "\"korting_infrastructuurforfait_cent\":629}," \
  "\"voorziening\":{\"erkenningsnummer\":\"PE-1234\",\"naam\":\"WZC De Linde\"," \
  "\"erkende_capaciteit\":106}," \
  "\"status\":\"ontwerp\",\"ingediend_op\":null,\"referentie\":null," \
  "\"luik1\":[{\"kamertype\":\"eenpersoonskamer\",\"beschrijving\":\"Standaardkamer\"," \
  "\"capaciteit\":100,\"prijs_cent\":7250}]," \
  "\"luik2\":[{\"kamertype\":\"tweepersoonskamer\",\"beschrijving\":\"\"," \
  "\"capaciteit\":6,\"brutoprijs_cent\":4500}]," \
  "\"vorig_jaar\":{\"luik1\":[],\"luik2\":[]}}"

typedef struct
{
  guint  status;
  char  *body;
  char  *etag;
} Reply;

typedef struct
{
  char *method;
  char *path;
  char *authorization;
  char *if_match;
  char *idempotency_key;
  char *body;
} Request;

typedef struct
{
  SoupServer     *server;
  char           *url;
  DpEloketClient *client;
  GQueue          replies;      /* of Reply: what the next requests get */
  GPtrArray      *requests;     /* of Request: what arrived */
  GAsyncResult   *result;
} Fixture;

static void
reply_free (Reply *reply)
{
  g_free (reply->body);
  g_free (reply->etag);
  g_free (reply);
}

static void
request_free (Request *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->authorization);
  g_free (request->if_match);
  g_free (request->idempotency_key);
  g_free (request->body);
  g_free (request);
}

static void
push_reply (Fixture    *fixture,
            guint       status,
            const char *body,
            const char *etag)
{
  Reply *reply = g_new0 (Reply, 1);

  reply->status = status;
  reply->body = g_strdup (body);
  reply->etag = g_strdup (etag);
  g_queue_push_tail (&fixture->replies, reply);
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  Request *request = g_new0 (Request, 1);
  Reply *reply;

  request->method = g_strdup (soup_server_message_get_method (message));
  request->path = g_strdup (path);
  request->authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
  request->if_match = g_strdup (soup_message_headers_get_one (headers, "If-Match"));
  request->idempotency_key =
    g_strdup (soup_message_headers_get_one (headers, "Idempotency-Key"));
  request->body = g_strndup (body->data, body->length);
  g_ptr_array_add (fixture->requests, request);

  reply = g_queue_pop_head (&fixture->replies);
  if (reply == NULL)
    {
      soup_server_message_set_status (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      return;
    }

  soup_server_message_set_status (message, reply->status, NULL);
  if (reply->etag != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                  "ETag", reply->etag);
  if (reply->body != NULL)
    soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                      reply->body, strlen (reply->body));
  reply_free (reply);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  GSList *listeners;

  fixture->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_free);
  g_queue_init (&fixture->replies);

  /* Bound to an address and asked for its port, as dp_server_listen() and
   * dp_server_dup_uri() do: soup_server_listen_local() and soup_server_get_uris() of
   * libsoup 3.2 each leak an address (valgrind fails the test on them). */
  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, server_callback, fixture, NULL);
  soup_server_listen (fixture->server, any_port, 0, &error);
  g_assert_no_error (error);

  listeners = soup_server_get_listeners (fixture->server);
  g_assert_nonnull (listeners);
  bound = g_socket_get_local_address (listeners->data, &error);
  g_slist_free (listeners);
  g_assert_no_error (error);
  fixture->url = g_strdup_printf ("http://127.0.0.1:%u",
                                  g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  fixture->client = dp_eloket_client_new (fixture->url);
  /* Short delays: the behaviour is the same, the tests stay fast. */
  dp_eloket_client_set_retry_delay (fixture->client, 5);
  dp_eloket_client_set_max_attempts (fixture->client, 3);
  dp_eloket_client_set_token (fixture->client, "tok-1");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->result);
  if (fixture->server != NULL)
    soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_queue_clear_full (&fixture->replies, (GDestroyNotify) reply_free);
  g_clear_pointer (&fixture->requests, g_ptr_array_unref);
  g_clear_pointer (&fixture->url, g_free);
}

static void
on_result (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *fixture = user_data;

  g_assert_null (fixture->result);
  fixture->result = g_object_ref (result);
}

/* Runs the main loop until the call started last has finished; returns its result. */
static GAsyncResult *
wait_result (Fixture *fixture)
{
  g_clear_object (&fixture->result);
  while (fixture->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return fixture->result;
}

static Request *
request_at (Fixture *fixture,
            guint    index)
{
  g_assert_cmpuint (index, <, fixture->requests->len);
  return g_ptr_array_index (fixture->requests, index);
}

static GPtrArray *
list_facilities (Fixture  *fixture,
                 GError  **error)
{
  g_clear_object (&fixture->result);
  dp_eloket_client_list_facilities_async (fixture->client, NULL, on_result, fixture);
  while (fixture->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return dp_eloket_client_list_facilities_finish (fixture->client, fixture->result, error);
}

/* Login -------------------------------------------------------------------------------- */

static void
test_login_ok (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) expires_at = NULL;
  g_autofree char *token = NULL;
  g_autoptr(JsonNode) sent = NULL;
  JsonObject *object;

  dp_eloket_client_set_token (fixture->client, NULL);
  push_reply (fixture, 201, "{\"token\":\"abc\",\"verloopt_op\":\"2025-05-02T10:00:00Z\"}",
              NULL);
  push_reply (fixture, 200, "[]", NULL);

  g_clear_object (&fixture->result);
  dp_eloket_client_login_async (fixture->client, "marie", "123456", NULL, on_result, fixture);
  token = dp_eloket_client_login_finish (fixture->client, wait_result (fixture), &expires_at,
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "abc");
  g_assert_cmpstr (dp_eloket_client_get_token (fixture->client), ==, "abc");
  g_assert_nonnull (expires_at);
  g_assert_cmpint (g_date_time_get_hour (expires_at), ==, 10);
  g_assert_cmpint (g_date_time_get_day_of_month (expires_at), ==, 2);

  g_assert_cmpstr (request_at (fixture, 0)->method, ==, "POST");
  g_assert_cmpstr (request_at (fixture, 0)->path, ==, "/api/v1/sessies");
  g_assert_null (request_at (fixture, 0)->authorization);
  sent = json_from_string (request_at (fixture, 0)->body, &error);
  g_assert_no_error (error);
  object = json_node_get_object (sent);
  g_assert_cmpstr (json_object_get_string_member (object, "gebruiker"), ==, "marie");
  g_assert_cmpstr (json_object_get_string_member (object, "totp"), ==, "123456");

  /* Later requests carry the new token. */
  g_clear_pointer (&error, g_error_free);
  g_ptr_array_unref (list_facilities (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (request_at (fixture, 1)->authorization, ==, "Bearer abc");
}

static void
login (Fixture  *fixture,
       GError  **error)
{
  g_autofree char *token = NULL;

  g_clear_object (&fixture->result);
  dp_eloket_client_login_async (fixture->client, "marie", "000000", NULL, on_result, fixture);
  token = dp_eloket_client_login_finish (fixture->client, wait_result (fixture), NULL, error);
  g_assert_true ((token == NULL) == (error != NULL && *error != NULL));
}

static void
test_login_wrong_code (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  push_reply (fixture, 401, "{\"bericht\":\"verkeerde code\"}", NULL);
  login (fixture, &error);
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_WRONG_CODE);
  /* The message tells the user what to do, not the HTTP status. */
  g_assert_null (strstr (error->message, "401"));
  g_assert_cmpstr (dp_eloket_client_get_token (fixture->client), ==, "tok-1");

  g_clear_pointer (&error, g_error_free);
  push_reply (fixture, 429, NULL, NULL);
  login (fixture, &error);
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_TOO_MANY_ATTEMPTS);
  g_assert_cmpuint (fixture->requests->len, ==, 2);
}

/* A login that may have reached the service is never sent again (its code may be spent),
 * but one the service said it did not take (503) is. */
static void
test_login_retry_policy (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  push_reply (fixture, 502, NULL, NULL);
  push_reply (fixture, 201, "{\"token\":\"abc\",\"verloopt_op\":null}", NULL);
  login (fixture, &error);
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_SERVER);
  g_assert_cmpuint (fixture->requests->len, ==, 1);

  g_clear_pointer (&error, g_error_free);
  g_queue_clear_full (&fixture->replies, (GDestroyNotify) reply_free);
  push_reply (fixture, 503, NULL, NULL);
  push_reply (fixture, 201, "{\"token\":\"abc\",\"verloopt_op\":null}", NULL);
  login (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->requests->len, ==, 3);
  g_assert_cmpstr (dp_eloket_client_get_token (fixture->client), ==, "abc");
}

/* Status mapping --------------------------------------------------------------------------- */

static void
test_status_mapping (Fixture       *fixture,
                     gconstpointer  data)
{
  static const struct { guint status; DpEloketError code; } cases[] = {
    { 400, DP_ELOKET_ERROR_INVALID },
    { 401, DP_ELOKET_ERROR_SESSION_EXPIRED },
    { 403, DP_ELOKET_ERROR_DEADLINE_PASSED },
    { 404, DP_ELOKET_ERROR_NOT_FOUND },
    { 409, DP_ELOKET_ERROR_ALREADY_SUBMITTED },
    { 412, DP_ELOKET_ERROR_CONFLICT_CHANGED },
    { 413, DP_ELOKET_ERROR_INVALID },
    { 418, DP_ELOKET_ERROR_PROTOCOL },
    { 429, DP_ELOKET_ERROR_TOO_MANY_ATTEMPTS },
    { 500, DP_ELOKET_ERROR_SERVER },
    { 501, DP_ELOKET_ERROR_SERVER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) facilities = NULL;

      push_reply (fixture, cases[i].status, "{\"bericht\":\"kapot\"}", NULL);
      facilities = list_facilities (fixture, &error);
      g_assert_null (facilities);
      g_assert_error (error, DP_ELOKET_ERROR, (gint) cases[i].code);
      g_assert_cmpstr (error->message, !=, "");
      /* Not transient: no retry. */
      g_assert_cmpuint (fixture->requests->len, ==, i + 1);
      g_assert_cmpint (dp_eloket_error_is_transient (error), ==,
                       cases[i].code == DP_ELOKET_ERROR_SERVER);
    }
}

static void
test_bad_answers (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char * const bodies[] = {
    "not json",
    "{\"voorzieningen\":7}",
    "[{\"erkenningsnummer\":\"PE-1\",\"naam\":\"X\",\"erkende_capaciteit\":\"veel\"}]",
    "[{\"erkenningsnummer\":\"PE-1\",\"naam\":\"X\",\"erkende_capaciteit\":-3}]",
    "[1]",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) facilities = NULL;

      push_reply (fixture, 200, bodies[i], NULL);
      facilities = list_facilities (fixture, &error);
      g_assert_null (facilities);
      g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_PROTOCOL);
    }
}

/* Retries ---------------------------------------------------------------------------------- */

static void
test_retry_transient (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) facilities = NULL;

  push_reply (fixture, 503, NULL, NULL);
  push_reply (fixture, 504, NULL, NULL);
  push_reply (fixture, 200, "{\"voorzieningen\":[{\"erkenningsnummer\":\"PE-1234\","
              "\"naam\":\"WZC De Linde\",\"erkende_capaciteit\":120}]}", NULL);
  facilities = list_facilities (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->requests->len, ==, 3);
  g_assert_cmpuint (facilities->len, ==, 1);
  g_assert_cmpstr (dp_facility_get_name (g_ptr_array_index (facilities, 0)), ==,
                   "WZC De Linde");
  g_assert_cmpuint (dp_facility_get_recognised_capacity (g_ptr_array_index (facilities, 0)),
                    ==, 120);

  /* Three attempts at most, then the error of the last. */
  g_clear_pointer (&facilities, g_ptr_array_unref);
  g_clear_pointer (&error, g_error_free);
  push_reply (fixture, 502, NULL, NULL);
  push_reply (fixture, 502, NULL, NULL);
  push_reply (fixture, 502, NULL, NULL);
  push_reply (fixture, 200, "[]", NULL);
  facilities = list_facilities (fixture, &error);
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_SERVER);
  g_assert_true (dp_eloket_error_is_transient (error));
  g_assert_cmpuint (fixture->requests->len, ==, 6);
  g_assert_cmpuint (g_queue_get_length (&fixture->replies), ==, 1);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* A cancellation during the wait before a retry ends the call at once. */
static void
test_cancel_during_backoff (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) facilities = NULL;

  /* Should the cancellation not work, the second attempt would come after a minute and end
   * in SERVER, not CANCELLED. */
  dp_eloket_client_set_retry_delay (fixture->client, 60000);
  dp_eloket_client_set_max_attempts (fixture->client, 2);
  push_reply (fixture, 503, NULL, NULL);
  push_reply (fixture, 503, NULL, NULL);

  g_clear_object (&fixture->result);
  dp_eloket_client_list_facilities_async (fixture->client, cancellable, on_result, fixture);
  while (fixture->requests->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_timeout_add (50, cancel_cb, cancellable);

  facilities = dp_eloket_client_list_facilities_finish (fixture->client,
                                                        wait_result (fixture), &error);
  g_assert_null (facilities);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->requests->len, ==, 1);
}

/* Nothing listens: OFFLINE, after the allowed attempts. */
static void
test_offline (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) facilities = NULL;

  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);

  facilities = list_facilities (fixture, &error);
  g_assert_null (facilities);
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_OFFLINE);
  g_assert_true (dp_eloket_error_is_transient (error));
}

/* Measurements ---------------------------------------------------------------------------- */

static DpDossier *
get_measurement (Fixture  *fixture,
                 char    **out_etag,
                 GError  **error)
{
  g_clear_object (&fixture->result);
  dp_eloket_client_get_measurement_async (fixture->client, "PE-1234", 2025, NULL, on_result,
                                          fixture);
  return dp_eloket_client_get_measurement_finish (fixture->client, wait_result (fixture),
                                                  out_etag, error);
}

static char *
save_measurement (Fixture    *fixture,
                  DpDossier  *dossier,
                  const char *etag,
                  GError    **error)
{
  g_clear_object (&fixture->result);
  dp_eloket_client_save_measurement_async (fixture->client, dossier, etag, NULL, on_result,
                                           fixture);
  return dp_eloket_client_save_measurement_finish (fixture->client, wait_result (fixture),
                                                   error);
}

static void
test_measurement (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DpDossier) dossier = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *new_etag = NULL;
  g_autoptr(DpDossier) sent = NULL;

  push_reply (fixture, 200, DOSSIER_JSON, "\"v1\"");
  dossier = get_measurement (fixture, &etag, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (etag, ==, "\"v1\"");
  g_assert_cmpstr (request_at (fixture, 0)->method, ==, "GET");
  g_assert_cmpstr (request_at (fixture, 0)->path, ==,
                   "/api/v1/voorzieningen/PE-1234/metingen/2025");
  g_assert_cmpstr (request_at (fixture, 0)->authorization, ==, "Bearer tok-1");
  g_assert_cmpuint (dp_dossier_get_total_capacity (dossier), ==, 106);

  dp_line_set_price (dp_test_line_at (dossier, DP_PART_1, 0), 7300);
  push_reply (fixture, 200, NULL, "\"v2\"");
  new_etag = save_measurement (fixture, dossier, etag, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (new_etag, ==, "\"v2\"");
  g_assert_cmpstr (request_at (fixture, 1)->method, ==, "PUT");
  g_assert_cmpstr (request_at (fixture, 1)->if_match, ==, "\"v1\"");
  sent = dp_format_load_data (request_at (fixture, 1)->body, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dp_line_get_price (dp_test_line_at (sent, DP_PART_1, 0)), ==, 7300);

  /* A save without an ETag in the answer cannot be guarded next time. */
  g_clear_pointer (&new_etag, g_free);
  push_reply (fixture, 204, NULL, NULL);
  new_etag = save_measurement (fixture, dossier, "\"v2\"", &error);
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_PROTOCOL);
  g_assert_null (new_etag);

  /* An answer that is not a dossier. */
  g_clear_object (&dossier);
  g_clear_pointer (&error, g_error_free);
  g_clear_pointer (&etag, g_free);
  push_reply (fixture, 200, "{\"formaat\":\"iets\"}", "\"v3\"");
  dossier = get_measurement (fixture, &etag, &error);
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_PROTOCOL);
  g_assert_null (dossier);
  g_assert_null (etag);
}

/* A save whose answer was lost is sent again; the 412 it then meets is its own first attempt
 * when the service holds exactly what it sent: a success, not a conflict. A dossier that is
 * not the one sent is a real conflict. */
static void
test_save_repeated_after_lost_answer (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DpDossier) dossier = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *own = NULL;

  dossier = dp_format_load_data (DOSSIER_JSON, -1, &error);
  g_assert_no_error (error);
  own = dp_format_save_data (dossier, NULL);

  push_reply (fixture, 502, NULL, NULL);
  push_reply (fixture, 412, NULL, NULL);
  push_reply (fixture, 200, own, "\"v2\"");
  etag = save_measurement (fixture, dossier, "\"v1\"", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (etag, ==, "\"v2\"");
  g_assert_cmpuint (fixture->requests->len, ==, 3);
  g_assert_cmpstr (request_at (fixture, 1)->if_match, ==, "\"v1\"");
  g_assert_cmpstr (request_at (fixture, 2)->method, ==, "GET");

  g_clear_pointer (&etag, g_free);
  dp_line_set_capacity (dp_test_line_at (dossier, DP_PART_1, 0), 90);
  push_reply (fixture, 502, NULL, NULL);
  push_reply (fixture, 412, NULL, NULL);
  push_reply (fixture, 200, own, "\"v3\"");
  etag = save_measurement (fixture, dossier, "\"v2\"", &error);
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_CONFLICT_CHANGED);
  g_assert_null (etag);

  /* A first-attempt 412 is a conflict without asking. */
  g_clear_pointer (&error, g_error_free);
  push_reply (fixture, 412, NULL, NULL);
  etag = save_measurement (fixture, dossier, "\"v2\"", &error);
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_CONFLICT_CHANGED);
  g_assert_cmpuint (fixture->requests->len, ==, 7);
}

/* Submission ---------------------------------------------------------------------------- */

static char *
submit (Fixture     *fixture,
        const char  *key,
        GDateTime  **out_submitted_at,
        GPtrArray  **out_findings,
        GError     **error)
{
  g_clear_object (&fixture->result);
  dp_eloket_client_submit_async (fixture->client, "PE-1234", 2025, key, NULL, on_result,
                                 fixture);
  return dp_eloket_client_submit_finish (fixture->client, wait_result (fixture),
                                         out_submitted_at, out_findings, error);
}

static void
test_submit (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) submitted_at = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *reference = NULL;

  /* Each attempt carries the same key. */
  push_reply (fixture, 503, NULL, NULL);
  push_reply (fixture, 502, NULL, NULL);
  push_reply (fixture, 201, "{\"referentie\":\"MDP-2025-0001\","
              "\"ingediend_op\":\"2025-05-20T09:30:00+02:00\"}", NULL);
  reference = submit (fixture, "key-1", &submitted_at, &findings, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reference, ==, "MDP-2025-0001");
  g_assert_null (findings);
  g_assert_nonnull (submitted_at);
  g_assert_cmpint (g_date_time_to_unix (submitted_at), ==, 1747726200);
  g_assert_cmpuint (fixture->requests->len, ==, 3);
  /* The idempotency key is in the header; the submission has no body. */
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpstr (request_at (fixture, i)->method, ==, "POST");
      g_assert_cmpstr (request_at (fixture, i)->path, ==,
                       "/api/v1/voorzieningen/PE-1234/metingen/2025/indiening");
      g_assert_cmpstr (request_at (fixture, i)->idempotency_key, ==, "key-1");
    }

  /* The warnings of an accepted submission come along. */
  g_clear_pointer (&reference, g_free);
  push_reply (fixture, 201, "{\"referentie\":\"MDP-2025-0002\","
              "\"ingediend_op\":\"2025-05-20T09:31:00Z\",\"bevindingen\":["
              "{\"code\":\"prijs-onwaarschijnlijk\",\"ernst\":\"waarschuwing\","
              "\"pad\":\"luik2[1].brutoprijs_cent\",\"bericht\":\"Price 25,00 is unusual\"}]}",
              NULL);
  reference = submit (fixture, "key-2", NULL, &findings, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reference, ==, "MDP-2025-0002");
  g_assert_nonnull (findings);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpstr (dp_finding_get_code (g_ptr_array_index (findings, 0)), ==,
                   "prijs-onwaarschijnlijk");
  g_assert_cmpint (dp_finding_get_part (g_ptr_array_index (findings, 0)), ==, DP_PART_2);
}

static void
test_submit_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) submitted_at = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *reference = NULL;
  DpFinding *finding;

  push_reply (fixture, 422, "{\"bevindingen\":["
              "{\"code\":\"prijs-ontbreekt\",\"ernst\":\"fout\",\"pad\":\"luik1[0].prijs_cent\","
              "\"bericht\":\"Line 1 of part 1 has no price\"},"
              "{\"code\":\"capaciteit-onder-erkend\",\"ernst\":\"waarschuwing\",\"pad\":\"\","
              "\"bericht\":\"Total capacity 100 is below 106\"}]}", NULL);
  reference = submit (fixture, "key-2", &submitted_at, &findings, &error);
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_REFUSED);
  g_assert_null (reference);
  g_assert_null (submitted_at);
  g_assert_nonnull (findings);
  g_assert_cmpuint (findings->len, ==, 2);
  finding = g_ptr_array_index (findings, 0);
  g_assert_cmpstr (dp_finding_get_code (finding), ==, "prijs-ontbreekt");
  g_assert_cmpint (dp_finding_get_severity (finding), ==, DP_SEVERITY_ERROR);
  g_assert_cmpint (dp_finding_get_field (finding), ==, DP_FIELD_PRICE);
  g_assert_cmpint (dp_finding_get_part (finding), ==, DP_PART_1);
  /* The message counts the errors, not the warnings. */
  g_assert_nonnull (strstr (error->message, "1"));
  g_assert_cmpuint (fixture->requests->len, ==, 1);

  /* Other refusals carry no findings. */
  g_clear_pointer (&error, g_error_free);
  g_clear_pointer (&findings, g_ptr_array_unref);
  push_reply (fixture, 409, NULL, NULL);
  reference = submit (fixture, "key-3", NULL, &findings, &error);
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_ALREADY_SUBMITTED);
  g_assert_null (findings);

  /* A 409 that says the draft changed under the submission is a conflict. */
  g_clear_pointer (&error, g_error_free);
  push_reply (fixture, 409, "{\"code\":\"gewijzigd\",\"bericht\":\"try again\"}", NULL);
  reference = submit (fixture, "key-3b", NULL, &findings, &error);
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_CONFLICT_CHANGED);
  g_assert_null (findings);

  g_clear_pointer (&error, g_error_free);
  push_reply (fixture, 403, NULL, NULL);
  reference = submit (fixture, "key-4", NULL, &findings, &error);
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_DEADLINE_PASSED);
  g_assert_null (findings);

  g_clear_pointer (&error, g_error_free);
  push_reply (fixture, 422, "{\"iets\":[]}", NULL);
  reference = submit (fixture, "key-5", NULL, &findings, &error);
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_PROTOCOL);
  g_assert_null (findings);
}

/* Dossiers ----------------------------------------------------------------------------- */

static void
test_dossiers (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) dossiers = NULL;
  DpDossierSummary *summary;

  push_reply (fixture, 200, "{\"dossiers\":["
              "{\"type\":\"meting-dagprijzen\",\"jaar\":2024,\"voorziening\":"
              "{\"erkenningsnummer\":\"PE-1234\",\"naam\":\"WZC De Linde\"},"
              "\"status\":\"ingediend\","
              "\"ingediend_op\":\"2024-05-12T08:00:00Z\",\"referentie\":\"MDP-2024-0007\"},"
              "{\"type\":\"meting-dagprijzen\",\"jaar\":2025,\"voorziening\":"
              "{\"erkenningsnummer\":\"PE-1234\",\"naam\":\"WZC De Linde\"},\"status\":\"ontwerp\","
              "\"ingediend_op\":null,\"referentie\":null}]}", NULL);

  g_clear_object (&fixture->result);
  dp_eloket_client_list_dossiers_async (fixture->client, NULL, on_result, fixture);
  dossiers = dp_eloket_client_list_dossiers_finish (fixture->client, wait_result (fixture),
                                                    &error);
  g_assert_no_error (error);
  g_assert_cmpstr (request_at (fixture, 0)->path, ==, "/api/v1/dossiers");
  g_assert_cmpuint (dossiers->len, ==, 2);

  summary = g_ptr_array_index (dossiers, 0);
  g_assert_cmpstr (dp_dossier_summary_get_kind (summary), ==, "meting-dagprijzen");
  g_assert_cmpuint (dp_dossier_summary_get_year (summary), ==, 2024);
  g_assert_cmpstr (dp_dossier_summary_get_registration_number (summary), ==, "PE-1234");
  g_assert_cmpstr (dp_dossier_summary_get_facility_name (summary), ==, "WZC De Linde");
  g_assert_cmpint (dp_dossier_summary_get_status (summary), ==, DP_STATUS_SUBMITTED);
  g_assert_cmpstr (dp_dossier_summary_get_reference (summary), ==, "MDP-2024-0007");
  g_assert_cmpint (g_date_time_get_month (dp_dossier_summary_get_submitted_at (summary)), ==, 5);

  summary = g_ptr_array_index (dossiers, 1);
  g_assert_cmpint (dp_dossier_summary_get_status (summary), ==, DP_STATUS_DRAFT);
  g_assert_null (dp_dossier_summary_get_reference (summary));
  g_assert_null (dp_dossier_summary_get_submitted_at (summary));
}

static void
test_campaigns (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) campaigns = NULL;
  guint open_year = 1;
  GDate today;
  DpCampaign *campaign;

  push_reply (fixture, 200, "{\"vandaag\":\"2025-05-15\",\"campagnes\":["
              "{\"jaar\":2024,\"meetdatum\":\"2024-05-01\",\"deadline\":\"2024-05-31\","
              "\"korting_infrastructuurforfait_cent\":607,\"open\":false},"
              "{\"jaar\":2025,\"meetdatum\":\"2025-05-01\",\"deadline\":\"2025-05-31\","
              "\"korting_infrastructuurforfait_cent\":629,\"open\":true}]}", NULL);

  g_clear_object (&fixture->result);
  dp_eloket_client_list_campaigns_async (fixture->client, NULL, on_result, fixture);
  campaigns = dp_eloket_client_list_campaigns_finish (fixture->client, wait_result (fixture),
                                                      &today, &open_year, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (request_at (fixture, 0)->path, ==, "/api/v1/campagnes");
  g_assert_cmpuint (campaigns->len, ==, 2);
  g_assert_cmpuint (open_year, ==, 2025);
  g_assert_true (g_date_valid (&today));
  g_assert_cmpint (g_date_get_day (&today), ==, 15);

  campaign = g_ptr_array_index (campaigns, 1);
  g_assert_cmpuint (dp_campaign_get_year (campaign), ==, 2025);
  g_assert_cmpint (dp_campaign_get_discount (campaign), ==, 629);
  g_assert_cmpint (g_date_get_day (dp_campaign_get_deadline (campaign)), ==, 31);
  g_assert_true (dp_campaign_is_open_on (campaign, &today));

  /* A date that is not one. */
  g_clear_pointer (&campaigns, g_ptr_array_unref);
  push_reply (fixture, 200, "{\"vandaag\":\"15 mei\",\"campagnes\":[]}", NULL);
  g_clear_object (&fixture->result);
  dp_eloket_client_list_campaigns_async (fixture->client, NULL, on_result, fixture);
  campaigns = dp_eloket_client_list_campaigns_finish (fixture->client, wait_result (fixture),
                                                      &today, &open_year, &error);
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_PROTOCOL);
  g_assert_null (campaigns);
  g_assert_cmpuint (open_year, ==, 0);
  g_assert_false (g_date_valid (&today));
}

static void
test_base_url (void)
{
  g_autoptr(DpEloketClient) client = dp_eloket_client_new ("https://eloket.example/pad");

  /* The API is below the base: the trailing slash keeps the base's own path. */
  g_assert_cmpstr (dp_eloket_client_get_base_url (client), ==, "https://eloket.example/pad/");
  dp_eloket_client_set_base_url (client, "http://127.0.0.1:8080/");
  g_assert_cmpstr (dp_eloket_client_get_base_url (client), ==, "http://127.0.0.1:8080/");
  /* By default the system's trust store. */
  g_assert_null (dp_eloket_client_get_tls_database (client));
}

int
main (int   argc,
      char *argv[])
{
  /* The isolated XDG directories hide the system's GSettings schemas, which the GNOME proxy
   * resolver reads (and aborts without); these tests never leave loopback anyway. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/net/client/login/ok", test_login_ok);
  ADD ("/net/client/login/wrong-code", test_login_wrong_code);
  ADD ("/net/client/login/retry-policy", test_login_retry_policy);
  ADD ("/net/client/status-mapping", test_status_mapping);
  ADD ("/net/client/bad-answers", test_bad_answers);
  ADD ("/net/client/retry/transient", test_retry_transient);
  ADD ("/net/client/retry/cancel", test_cancel_during_backoff);
  ADD ("/net/client/offline", test_offline);
  ADD ("/net/client/measurement", test_measurement);
  ADD ("/net/client/save-repeated", test_save_repeated_after_lost_answer);
  ADD ("/net/client/submit/ok", test_submit);
  ADD ("/net/client/submit/refused", test_submit_refused);
  ADD ("/net/client/dossiers", test_dossiers);
  ADD ("/net/client/campaigns", test_campaigns);
  g_test_add_func ("/net/client/base-url", test_base_url);

  return g_test_run ();
}
