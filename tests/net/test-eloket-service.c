/* test-eloket-service.c: DpEloketClient and "dagprijzen-cli submit" against a real
 * dagprijzen-server on 127.0.0.1, started as a child process on a temporary database.
 *
 * The tests run in order on one server (its --demo data plus seven facilities added with its
 * admin commands) and share one login: the service accepts each TOTP code only once, so the
 * logins are few.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <signal.h>
#include <string.h>

#include "dp-demo.h"
#include "dp-eloket-client.h"
#include "dp-sync.h"
#include "dp-totp.h"
#include "test-service.h"

/* Waiting on the client -------------------------------------------------------------------- */

static void
on_done (GObject      *source_object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* A client of the test server, logged in with the shared session. */
static DpEloketClient *
new_client (const char *url)
{
  DpEloketClient *client = dp_eloket_client_new (url ? url : test_service.url);

  dp_eloket_client_set_retry_delay (client, 10);
  dp_eloket_client_set_max_attempts (client, 3);
  dp_eloket_client_set_timeout (client, 10);
  dp_eloket_client_set_token (client, test_service.token);
  return client;
}

static char *
login (DpEloketClient  *client,
       const char      *code,
       GDateTime      **out_expires_at,
       GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dp_eloket_client_login_async (client, DP_DEMO_USER, code, NULL, on_done, &result);
  return dp_eloket_client_login_finish (client, wait_for (&result), out_expires_at, error);
}

static GPtrArray *
list_facilities (DpEloketClient  *client,
                 GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dp_eloket_client_list_facilities_async (client, NULL, on_done, &result);
  return dp_eloket_client_list_facilities_finish (client, wait_for (&result), error);
}

static GPtrArray *
list_dossiers (DpEloketClient  *client,
               GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dp_eloket_client_list_dossiers_async (client, NULL, on_done, &result);
  return dp_eloket_client_list_dossiers_finish (client, wait_for (&result), error);
}

static DpDossier *
get_measurement (DpEloketClient  *client,
                 const char      *registration_number,
                 char           **out_etag,
                 GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dp_eloket_client_get_measurement_async (client, registration_number, 2025, NULL, on_done,
                                          &result);
  return dp_eloket_client_get_measurement_finish (client, wait_for (&result), out_etag, error);
}

static char *
save_measurement (DpEloketClient  *client,
                  DpDossier       *dossier,
                  const char      *etag,
                  GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dp_eloket_client_save_measurement_async (client, dossier, etag, NULL, on_done, &result);
  return dp_eloket_client_save_measurement_finish (client, wait_for (&result), error);
}

static char *
submit (DpEloketClient  *client,
        const char      *registration_number,
        const char      *key,
        GDateTime      **out_submitted_at,
        GPtrArray      **out_findings,
        GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dp_eloket_client_submit_async (client, registration_number, 2025, key, NULL, on_done,
                                 &result);
  return dp_eloket_client_submit_finish (client, wait_for (&result), out_submitted_at,
                                         out_findings, error);
}

/* Puts @n single rooms at 72,50 euro in Luik 1 of @dossier in place of all its lines: a
 * dossier the checks accept when @n is the recognised capacity. */
static void
fill_valid (DpDossier *dossier,
            guint      n)
{
  g_autoptr(DpLine) line = dp_line_new (DP_ROOM_TYPE_SINGLE, "Standaardkamer", n, 7250);

  for (guint part = DP_PART_1; part < DP_N_PARTS; part++)
    while (g_list_model_get_n_items (dp_dossier_get_lines (dossier, part)) > 0)
      dp_dossier_remove_line (dossier, part, 0);
  dp_dossier_append_line (dossier, DP_PART_1, line);
}

/* The tests ---------------------------------------------------------------------------- */

static void
test_login (void)
{
  g_autoptr(DpEloketClient) client = dp_eloket_client_new (test_service.url);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) expires_at = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *code = test_service_wrong_code ();
  g_autofree char *token = NULL;

  token = login (client, code, &expires_at, &error);
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_WRONG_CODE);
  g_assert_null (token);
  g_assert_null (expires_at);
  g_assert_null (dp_eloket_client_get_token (client));

  g_clear_pointer (&error, g_error_free);
  g_clear_pointer (&code, g_free);
  code = test_service_fresh_code ();
  token = login (client, code, &expires_at, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  g_assert_cmpstr (dp_eloket_client_get_token (client), ==, token);
  g_assert_nonnull (expires_at);
  g_assert_cmpint (g_date_time_compare (expires_at, now), >, 0);

  /* The same code a second time is refused: it was spent. */
  {
    g_autoptr(DpEloketClient) other = dp_eloket_client_new (test_service.url);
    g_autofree char *again = login (other, code, NULL, &error);

    g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_WRONG_CODE);
    g_assert_null (again);
  }

  /* The other tests share this session. */
  test_service.token = g_steal_pointer (&token);
}

static void
test_session_expired (void)
{
  g_autoptr(DpEloketClient) client = new_client (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) facilities = NULL;

  dp_eloket_client_set_token (client, "not-a-session");
  facilities = list_facilities (client, &error);
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_SESSION_EXPIRED);
  g_assert_null (facilities);
}

static void
test_facilities (void)
{
  g_autoptr(DpEloketClient) client = new_client (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) facilities = NULL;
  gboolean seen_linde = FALSE;

  g_assert_nonnull (test_service.token);
  facilities = list_facilities (client, &error);
  g_assert_no_error (error);
  /* The demo's two, and the seven the tests added. */
  g_assert_cmpuint (facilities->len, ==, 9);
  for (guint i = 0; i < facilities->len; i++)
    {
      DpFacility *facility = g_ptr_array_index (facilities, i);

      if (g_str_equal (dp_facility_get_registration_number (facility), DP_DEMO_FACILITY))
        {
          seen_linde = TRUE;
          g_assert_cmpstr (dp_facility_get_name (facility), ==, "WZC De Linde");
          g_assert_cmpuint (dp_facility_get_recognised_capacity (facility), ==, 120);
        }
    }
  g_assert_true (seen_linde);
}

static void
test_campaigns (void)
{
  g_autoptr(DpEloketClient) client = new_client (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) campaigns = NULL;
  g_autofree char *today_text = NULL;
  guint open_year = 0;
  GDate today;

  g_autoptr(GAsyncResult) result = NULL;
  dp_eloket_client_list_campaigns_async (client, NULL, on_done, &result);
  campaigns = dp_eloket_client_list_campaigns_finish (client, wait_for (&result), &today,
                                                      &open_year, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (campaigns->len, >=, 1);
  g_assert_cmpuint (open_year, ==, 2025);
  today_text = dp_date_to_iso (&today);
  g_assert_cmpstr (today_text, ==, TEST_SERVICE_TODAY);
}

/* A new measurement starts from last year's submission (R2). */
static void
test_prefill (void)
{
  g_autoptr(DpEloketClient) client = new_client (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DpDossier) dossier = NULL;
  g_autofree char *etag = NULL;
  DpLine *line;

  dossier = get_measurement (client, DP_DEMO_FACILITY, &etag, &error);
  g_assert_no_error (error);
  g_assert_nonnull (etag);
  g_assert_cmpint (dp_dossier_get_status (dossier), ==, DP_STATUS_DRAFT);
  g_assert_cmpuint (dp_campaign_get_year (dp_dossier_get_campaign (dossier)), ==, 2025);
  g_assert_cmpint (dp_campaign_get_discount (dp_dossier_get_campaign (dossier)), ==, 629);

  /* The demo's 2024 lines: three in Luik 1, two in Luik 2, 120 units. */
  g_assert_cmpuint (g_list_model_get_n_items (dp_dossier_get_lines (dossier, DP_PART_1)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (dp_dossier_get_lines (dossier, DP_PART_2)), ==, 2);
  g_assert_cmpuint (dp_dossier_get_total_capacity (dossier), ==, 120);
  line = dp_test_line_at (dossier, DP_PART_1, 0);
  g_assert_cmpstr (dp_line_get_description (line), ==, "Standaardkamer");
  g_assert_cmpint (dp_line_get_price (line), ==, 6850);
  /* ... and the same lines as last year's, for the change per line. */
  g_assert_cmpint (dp_line_get_previous_price (line), ==, 6850);
  g_assert_cmpuint (g_list_model_get_n_items (dp_dossier_get_previous_lines (dossier,
                                                                            DP_PART_2)),
                    ==, 2);
}

/* Two clients open the same draft; the second save is refused with CONFLICT_CHANGED and the
 * first one's work is what the service keeps. */
static void
test_save_conflict (void)
{
  g_autoptr(DpEloketClient) first = new_client (NULL);
  g_autoptr(DpEloketClient) second = new_client (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DpDossier) a = NULL;
  g_autoptr(DpDossier) b = NULL;
  g_autoptr(DpDossier) reread = NULL;
  g_autofree char *etag_a = NULL;
  g_autofree char *etag_b = NULL;
  g_autofree char *saved_a = NULL;
  g_autofree char *saved_b = NULL;
  g_autofree char *etag_reread = NULL;
  g_autofree char *saved_again = NULL;

  a = get_measurement (first, "PE-5678", &etag_a, &error);
  g_assert_no_error (error);
  b = get_measurement (second, "PE-5678", &etag_b, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (etag_a, ==, etag_b);

  fill_valid (a, 84);
  saved_a = save_measurement (first, a, etag_a, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved_a, !=, etag_a);

  fill_valid (b, 80);
  saved_b = save_measurement (second, b, etag_b, &error);
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_CONFLICT_CHANGED);
  g_assert_null (saved_b);

  /* The service kept the first save; with the fresh ETag the second client may save. */
  g_clear_pointer (&error, g_error_free);
  reread = get_measurement (second, "PE-5678", &etag_reread, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (etag_reread, ==, saved_a);
  g_assert_cmpuint (dp_dossier_get_total_capacity (reread), ==, 84);

  dp_line_set_price (dp_test_line_at (reread, DP_PART_1, 0), 7300);
  saved_again = save_measurement (second, reread, etag_reread, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved_again);
}

static void
test_submit_refused (void)
{
  g_autoptr(DpEloketClient) client = new_client (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DpDossier) dossier = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GDateTime) submitted_at = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *reference = NULL;
  gboolean seen = FALSE;

  dossier = get_measurement (client, DP_DEMO_FACILITY, &etag, &error);
  g_assert_no_error (error);
  /* A draft may lack a price; a submission may not. */
  dp_line_set_price (dp_test_line_at (dossier, DP_PART_1, 1), DP_CENTS_NONE);
  saved = save_measurement (client, dossier, etag, &error);
  g_assert_no_error (error);

  reference = submit (client, DP_DEMO_FACILITY, key, &submitted_at, &findings, &error);
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_REFUSED);
  g_assert_null (reference);
  g_assert_null (submitted_at);
  g_assert_nonnull (findings);
  for (guint i = 0; i < findings->len; i++)
    {
      DpFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *path = dp_finding_dup_path (finding, dossier);

      if (g_str_equal (dp_finding_get_code (finding), DP_CHECK_PRIJS_ONTBREEKT))
        {
          seen = TRUE;
          g_assert_cmpint (dp_finding_get_severity (finding), ==, DP_SEVERITY_ERROR);
          g_assert_cmpstr (path, ==, "luik1[1].prijs_cent");
        }
      /* Said in this program's language, whatever the service's is: by its code. */
      g_assert_cmpstr (dp_finding_get_message (finding), ==,
                       dp_check_code_describe (dp_finding_get_code (finding)));
    }
  g_assert_true (seen);
}

static void
test_submit_ok (void)
{
  g_autoptr(DpEloketClient) client = new_client (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DpDossier) dossier = NULL;
  g_autoptr(DpDossier) submitted = NULL;
  g_autoptr(GDateTime) submitted_at = NULL;
  g_autoptr(GPtrArray) dossiers = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *other_key = g_uuid_string_random ();
  g_autofree char *reference = NULL;
  g_autofree char *again = NULL;
  g_autofree char *other = NULL;
  gboolean listed = FALSE;

  dossier = get_measurement (client, DP_DEMO_FACILITY, &etag, &error);
  g_assert_no_error (error);
  dp_line_set_price (dp_test_line_at (dossier, DP_PART_1, 1), 7600);
  saved = save_measurement (client, dossier, etag, &error);
  g_assert_no_error (error);

  reference = submit (client, DP_DEMO_FACILITY, key, &submitted_at, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reference);
  g_assert_nonnull (submitted_at);

  /* The same key: the same answer, not a second submission. */
  again = submit (client, DP_DEMO_FACILITY, key, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, reference);

  /* Another key: it was submitted already. */
  other = submit (client, DP_DEMO_FACILITY, other_key, NULL, NULL, &error);
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_ALREADY_SUBMITTED);
  g_assert_null (other);

  /* A save now is refused too, and the dossier reads back submitted and read-only. */
  g_clear_pointer (&error, g_error_free);
  g_clear_pointer (&etag, g_free);
  submitted = get_measurement (client, DP_DEMO_FACILITY, &etag, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dp_dossier_get_status (submitted), ==, DP_STATUS_SUBMITTED);
  g_assert_true (dp_dossier_get_read_only (submitted));
  g_assert_cmpstr (dp_dossier_get_reference (submitted), ==, reference);
  g_assert_cmpint (dp_line_get_price (dp_test_line_at (submitted, DP_PART_1, 1)), ==, 7600);

  g_clear_pointer (&saved, g_free);
  saved = save_measurement (client, dossier, etag, &error);
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_ALREADY_SUBMITTED);

  g_clear_pointer (&error, g_error_free);
  dossiers = list_dossiers (client, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < dossiers->len; i++)
    {
      DpDossierSummary *summary = g_ptr_array_index (dossiers, i);

      if (g_strcmp0 (dp_dossier_summary_get_registration_number (summary),
                     DP_DEMO_FACILITY) == 0 &&
          dp_dossier_summary_get_year (summary) == 2025)
        {
          listed = TRUE;
          g_assert_cmpint (dp_dossier_summary_get_status (summary), ==, DP_STATUS_SUBMITTED);
          g_assert_cmpstr (dp_dossier_summary_get_reference (summary), ==, reference);
          g_assert_cmpint (g_date_time_compare (dp_dossier_summary_get_submitted_at (summary),
                                                submitted_at), ==, 0);
        }
    }
  g_assert_true (listed);
}

/* TLS: the system's trust by default (a self-signed test certificate is refused, and not
 * retried), a test CA when the caller passes its database, and back to the system's. */
static void
test_tls (void)
{
  g_autofree char *cert = g_build_filename (test_service.dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (test_service.dir, "key.pem", NULL);
  g_autofree char *err = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GTlsDatabase) trust = NULL;
  g_autoptr(DpEloketClient) client = NULL;
  g_autoptr(GPtrArray) facilities = NULL;
  const char *openssl[] = {
    "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
    "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
    "-addext", "subjectAltName=IP:127.0.0.1", NULL
  };
  const char *tls_args[] = { "--tls-cert", cert, "--tls-key", key, NULL };
  int status;

  g_spawn_sync (NULL, (char **) openssl, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("openssl could not make a test certificate: %s", err);

  server = test_service_spawn (tls_args, 0, &url);
  g_assert_true (g_str_has_prefix (url, "https://127.0.0.1:"));

  client = new_client (url);
  facilities = list_facilities (client, &error);
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_CERTIFICATE);
  g_assert_false (dp_eloket_error_is_transient (error));
  g_assert_null (facilities);

  g_clear_pointer (&error, g_error_free);
  trust = g_tls_file_database_new (cert, &error);
  g_assert_no_error (error);
  dp_eloket_client_set_tls_database (client, trust);
  facilities = list_facilities (client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (facilities->len, ==, 9);

  g_clear_pointer (&facilities, g_ptr_array_unref);
  dp_eloket_client_set_tls_database (client, NULL);
  g_assert_null (dp_eloket_client_get_tls_database (client));
  facilities = list_facilities (client, &error);
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_CERTIFICATE);

  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
}

/* The lost answer: a loopback TCP proxy between client and server that forwards the first
 * submission to the server but cuts the connection before its answer reaches the client. */

typedef struct
{
  GSocketService *socket_service;
  guint           port;
  guint           target_port;
  guint           n_submissions;   /* submissions that went through the proxy */
  guint           n_cut;           /* answers it withheld */
  guint           cut_left;        /* how many more to withhold */
} Proxy;

typedef struct
{
  Proxy        *proxy;
  GIOStream    *client;
  GIOStream    *server;
  GCancellable *cancellable;       /* ends both directions' reads */
  gboolean      is_submission;
  guint         n_open;            /* directions still relaying */
} Pipe;

typedef struct
{
  Pipe          *pipe;
  gboolean       to_server;
  GInputStream  *in;
  GOutputStream *out;
} Direction;

static void relay_read (Direction *direction);

/* One direction has ended (end of stream, an error, or the cut): the other one is stopped,
 * and once both are, both connections are closed. */
static void
direction_done (Direction *direction)
{
  Pipe *pipe = direction->pipe;

  g_cancellable_cancel (pipe->cancellable);
  g_free (direction);
  if (--pipe->n_open == 0)
    {
      g_io_stream_close (pipe->client, NULL, NULL);
      g_io_stream_close (pipe->server, NULL, NULL);
      g_object_unref (pipe->client);
      g_object_unref (pipe->server);
      g_object_unref (pipe->cancellable);
      g_free (pipe);
    }
}

static void
on_relay_read (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Direction *direction = user_data;
  Pipe *pipe = direction->pipe;
  g_autoptr(GBytes) bytes = NULL;
  gsize size = 0;
  const char *data;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source_object), result, NULL);
  if (bytes == NULL || g_bytes_get_size (bytes) == 0 ||
      g_cancellable_is_cancelled (pipe->cancellable))
    {
      direction_done (direction);
      return;
    }

  data = g_bytes_get_data (bytes, &size);
  if (direction->to_server)
    {
      if (g_strstr_len (data, size, "/indiening ") != NULL &&
          g_str_has_prefix (data, "POST "))
        {
          pipe->is_submission = TRUE;
          pipe->proxy->n_submissions++;
        }
    }
  else if (pipe->is_submission && pipe->proxy->cut_left > 0)
    {
      /* The server has stored the submission and answered: the client never hears it. */
      pipe->proxy->cut_left--;
      pipe->proxy->n_cut++;
      direction_done (direction);
      return;
    }

  /* Loopback and small messages: a blocking write does not stall the test. */
  if (!g_output_stream_write_all (direction->out, data, size, NULL, NULL, NULL))
    {
      direction_done (direction);
      return;
    }

  relay_read (direction);
}

static void
relay_read (Direction *direction)
{
  g_input_stream_read_bytes_async (direction->in, 64 * 1024, G_PRIORITY_DEFAULT,
                                   direction->pipe->cancellable, on_relay_read, direction);
}

static gboolean
on_incoming (GSocketService    *socket_service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  Proxy *proxy = user_data;
  g_autoptr(GSocketClient) socket_client = g_socket_client_new ();
  g_autoptr(GSocketConnection) upstream = NULL;
  g_autoptr(GError) error = NULL;
  Pipe *pipe;

  upstream = g_socket_client_connect_to_host (socket_client, "127.0.0.1", proxy->target_port,
                                              NULL, &error);
  if (upstream == NULL)
    {
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return TRUE;
    }

  pipe = g_new0 (Pipe, 1);
  pipe->proxy = proxy;
  pipe->client = G_IO_STREAM (g_object_ref (connection));
  pipe->server = G_IO_STREAM (g_steal_pointer (&upstream));
  pipe->cancellable = g_cancellable_new ();
  pipe->n_open = 2;

  for (guint i = 0; i < 2; i++)
    {
      Direction *direction = g_new0 (Direction, 1);

      direction->pipe = pipe;
      direction->to_server = i == 0;
      direction->in = g_io_stream_get_input_stream (i == 0 ? pipe->client : pipe->server);
      direction->out = g_io_stream_get_output_stream (i == 0 ? pipe->server : pipe->client);
      relay_read (direction);
    }

  return TRUE;
}

static void
proxy_start (Proxy *proxy,
             guint  target_port)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  proxy->target_port = target_port;
  proxy->socket_service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (proxy->socket_service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                 &effective, &error);
  g_assert_no_error (error);
  proxy->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (proxy->socket_service, "incoming", G_CALLBACK (on_incoming), proxy);
  g_socket_service_start (proxy->socket_service);
}

static void
proxy_stop (Proxy *proxy)
{
  g_socket_service_stop (proxy->socket_service);
  g_socket_listener_close (G_SOCKET_LISTENER (proxy->socket_service));
  g_clear_object (&proxy->socket_service);
}

static void
test_lost_answer (void)
{
  Proxy proxy = { 0 };
  g_autoptr(DpEloketClient) client = NULL;
  g_autoptr(DpEloketClient) direct = new_client (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DpDossier) dossier = NULL;
  g_autoptr(DpDossier) stored = NULL;
  g_autoptr(GPtrArray) dossiers = NULL;
  g_autofree char *proxy_url = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *reference = NULL;
  g_autofree char *stored_etag = NULL;
  guint n_listed = 0;

  proxy_start (&proxy, test_service.port);
  proxy_url = g_strdup_printf ("http://127.0.0.1:%u/", proxy.port);
  client = new_client (proxy_url);

  dossier = get_measurement (client, "PE-9004", &etag, &error);
  g_assert_no_error (error);
  fill_valid (dossier, 40);
  saved = save_measurement (client, dossier, etag, &error);
  g_assert_no_error (error);

  proxy.cut_left = 1;
  reference = submit (client, "PE-9004", key, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reference);

  /* The first answer was withheld after the server stored the submission; the retry with
   * the same key found it. */
  g_assert_cmpuint (proxy.n_cut, ==, 1);
  g_assert_cmpuint (proxy.n_submissions, ==, 2);

  /* One submission, with that reference. */
  stored = get_measurement (direct, "PE-9004", &stored_etag, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dp_dossier_get_status (stored), ==, DP_STATUS_SUBMITTED);
  g_assert_cmpstr (dp_dossier_get_reference (stored), ==, reference);

  dossiers = list_dossiers (direct, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < dossiers->len; i++)
    {
      DpDossierSummary *summary = g_ptr_array_index (dossiers, i);

      if (g_str_equal (dp_dossier_summary_get_registration_number (summary), "PE-9004"))
        {
          n_listed++;
          g_assert_cmpint (dp_dossier_summary_get_status (summary), ==, DP_STATUS_SUBMITTED);
          g_assert_cmpstr (dp_dossier_summary_get_reference (summary), ==, reference);
        }
    }
  g_assert_cmpuint (n_listed, ==, 1);

  g_clear_object (&client);
  proxy_stop (&proxy);
}

/* Server stopped: OFFLINE, the draft kept; restarted on the same port: the same client goes
 * on with the same session. */
static void
test_offline (void)
{
  g_autoptr(DpEloketClient) client = new_client (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(DpDossier) dossier = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *saved = NULL;
  guint port = test_service.port;

  dossier = get_measurement (client, "PE-5678", &etag, &error);
  g_assert_no_error (error);

  test_service_stop ();

  dp_line_set_price (dp_test_line_at (dossier, DP_PART_1, 0), 7400);
  saved = save_measurement (client, dossier, etag, &error);
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_OFFLINE);
  g_assert_true (dp_eloket_error_is_transient (error));
  g_assert_null (saved);

  g_clear_pointer (&error, g_error_free);
  facilities = list_facilities (client, &error);
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_OFFLINE);

  test_service_start (port);

  g_clear_pointer (&error, g_error_free);
  facilities = list_facilities (client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (facilities->len, ==, 9);

  /* The edit made while offline arrives. */
  saved = save_measurement (client, dossier, etag, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
}

/* DpSync: the draft here and on the service ---------------------------------------------- */

static DpDraftStore *
new_store (const char *name)
{
  g_autofree char *path = g_build_filename (test_service.dir, name, NULL);
  g_autoptr(GFile) directory = g_file_new_for_path (path);

  return dp_draft_store_new (directory);
}

static DpSync *
open_sync (DpEloketClient  *client,
           DpDraftStore    *store,
           const char      *registration_number,
           GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  DpSync *sync;

  dp_sync_open_async (client, store, registration_number, 2025, NULL, on_done, &result);
  sync = dp_sync_open_finish (wait_for (&result), error);
  if (sync != NULL)
    dp_sync_set_retry_interval (sync, 1);
  return sync;
}

static gboolean
sync_save (DpSync  *sync,
           GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dp_sync_save_async (sync, NULL, on_done, &result);
  return dp_sync_save_finish (sync, wait_for (&result), error);
}

static DpDossier *
load_local (DpDraftStore *store,
            const char   *registration_number)
{
  g_autoptr(GError) error = NULL;
  DpDossier *dossier = dp_draft_store_load (store, registration_number, 2025, &error);

  g_assert_no_error (error);
  return dossier;
}

static void
test_sync_save (void)
{
  g_autoptr(DpEloketClient) client = new_client (NULL);
  g_autoptr(DpDraftStore) store = new_store ("drafts-save");
  g_autoptr(GError) error = NULL;
  g_autoptr(DpSync) sync = NULL;
  g_autoptr(DpSync) again = NULL;
  g_autoptr(DpDossier) local = NULL;
  g_autoptr(DpDossier) remote = NULL;
  DpDossier *dossier;

  sync = open_sync (client, store, "PE-9005", &error);
  g_assert_no_error (error);
  g_assert_cmpint (dp_sync_get_state (sync), ==, DP_SYNC_STATE_SYNCED);
  g_assert_nonnull (dp_sync_get_etag (sync));
  dossier = dp_sync_get_dossier (sync);
  g_assert_cmpuint (dp_dossier_get_n_lines (dossier), ==, 0);

  fill_valid (dossier, 50);
  dp_sync_mark_changed (sync);
  g_assert_cmpint (dp_sync_get_state (sync), ==, DP_SYNC_STATE_PENDING);
  g_assert_true (sync_save (sync, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dp_sync_get_state (sync), ==, DP_SYNC_STATE_SYNCED);

  /* Kept here and there. */
  local = load_local (store, "PE-9005");
  g_assert_cmpuint (dp_dossier_get_total_capacity (local), ==, 50);
  remote = get_measurement (client, "PE-9005", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dp_dossier_get_total_capacity (remote), ==, 50);

  /* Opened again: nothing waits here, the service's version is taken. */
  again = open_sync (client, store, "PE-9005", &error);
  g_assert_no_error (error);
  g_assert_cmpint (dp_sync_get_state (again), ==, DP_SYNC_STATE_SYNCED);
  g_assert_cmpstr (dp_sync_get_etag (again), ==, dp_sync_get_etag (sync));
}

static void
on_state_changed (GObject    *object,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  guint *n_changes = user_data;

  (*n_changes)++;
}

/* Offline: the save stays here and goes out by itself once the service is back. */
static void
test_sync_offline (void)
{
  g_autoptr(DpEloketClient) client = new_client (NULL);
  g_autoptr(DpDraftStore) store = new_store ("drafts-offline");
  g_autoptr(DpDraftStore) other_store = new_store ("drafts-offline-2");
  g_autoptr(GError) error = NULL;
  g_autoptr(DpSync) sync = NULL;
  g_autoptr(DpSync) reopened = NULL;
  g_autoptr(DpDossier) local = NULL;
  g_autoptr(DpDossier) remote = NULL;
  guint port = test_service.port;
  guint n_changes = 0;

  sync = open_sync (client, store, "PE-9006", &error);
  g_assert_no_error (error);
  g_signal_connect (sync, "notify::state", G_CALLBACK (on_state_changed), &n_changes);

  test_service_stop ();

  fill_valid (dp_sync_get_dossier (sync), 60);
  g_assert_false (sync_save (sync, &error));
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_OFFLINE);
  g_assert_cmpint (dp_sync_get_state (sync), ==, DP_SYNC_STATE_OFFLINE);
  g_assert_error (dp_sync_get_last_error (sync), DP_ELOKET_ERROR, DP_ELOKET_ERROR_OFFLINE);
  local = load_local (store, "PE-9006");
  g_assert_cmpuint (dp_dossier_get_total_capacity (local), ==, 60);

  /* Opening it again while offline gives the local draft. */
  g_clear_pointer (&error, g_error_free);
  reopened = open_sync (client, store, "PE-9006", &error);
  g_assert_no_error (error);
  g_assert_cmpint (dp_sync_get_state (reopened), ==, DP_SYNC_STATE_OFFLINE);
  g_assert_cmpuint (dp_dossier_get_total_capacity (dp_sync_get_dossier (reopened)), ==, 60);
  g_clear_object (&reopened);

  /* Offline without a local draft: nothing to work on. */
  reopened = open_sync (client, other_store, "PE-9006", &error);
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_OFFLINE);
  g_assert_null (reopened);

  /* A save waiting out a long backoff is ended by the user: kept here, not yet sent. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    g_clear_pointer (&error, g_error_free);
    dp_eloket_client_set_retry_delay (client, 60000);
    dp_sync_save_async (sync, NULL, on_done, &result);
    g_assert_cmpint (dp_sync_get_state (sync), ==, DP_SYNC_STATE_SENDING);
    dp_sync_cancel (sync);
    g_assert_false (dp_sync_save_finish (sync, wait_for (&result), &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpint (dp_sync_get_state (sync), ==, DP_SYNC_STATE_PENDING);
    dp_eloket_client_set_retry_delay (client, 10);
  }

  g_clear_pointer (&error, g_error_free);
  g_assert_false (sync_save (sync, &error));
  g_assert_cmpint (dp_sync_get_state (sync), ==, DP_SYNC_STATE_OFFLINE);

  test_service_start (port);

  n_changes = 0;
  while (dp_sync_get_state (sync) != DP_SYNC_STATE_SYNCED)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_changes, >=, 2);  /* sending, synced */
  g_assert_null (dp_sync_get_last_error (sync));

  g_clear_pointer (&error, g_error_free);
  remote = get_measurement (client, "PE-9006", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dp_dossier_get_total_capacity (remote), ==, 60);
}

/* Changed here and elsewhere: never overwritten without the user's choice. */
static void
test_sync_conflict (void)
{
  g_autoptr(DpEloketClient) client = new_client (NULL);
  g_autoptr(DpEloketClient) elsewhere = new_client (NULL);
  g_autoptr(DpDraftStore) store = new_store ("drafts-conflict");
  g_autoptr(GError) error = NULL;
  g_autoptr(DpSync) sync = NULL;
  g_autoptr(DpSync) reopened = NULL;
  g_autoptr(DpDossier) other = NULL;
  g_autoptr(DpDossier) remote = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *saved = NULL;

  sync = open_sync (client, store, "PE-9005", &error);
  g_assert_no_error (error);

  /* Someone else saves 7 300 as the price. */
  other = get_measurement (elsewhere, "PE-9005", &etag, &error);
  g_assert_no_error (error);
  dp_line_set_price (dp_test_line_at (other, DP_PART_1, 0), 7300);
  saved = save_measurement (elsewhere, other, etag, &error);
  g_assert_no_error (error);

  /* Here 7 400. */
  dp_line_set_price (dp_test_line_at (dp_sync_get_dossier (sync), DP_PART_1, 0), 7400);
  g_assert_false (sync_save (sync, &error));
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_CONFLICT_CHANGED);
  g_assert_cmpint (dp_sync_get_state (sync), ==, DP_SYNC_STATE_CONFLICT);
  g_assert_nonnull (dp_sync_get_remote_dossier (sync));
  g_assert_cmpint (dp_line_get_price (dp_test_line_at (dp_sync_get_remote_dossier (sync),
                                               DP_PART_1, 0)), ==, 7300);
  g_assert_cmpint (dp_line_get_price (dp_test_line_at (dp_sync_get_dossier (sync), DP_PART_1, 0)),
                   ==, 7400);

  /* Until the user chooses, no save goes out. */
  g_clear_pointer (&error, g_error_free);
  g_assert_false (sync_save (sync, &error));
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_CONFLICT_CHANGED);

  /* Opened again in the meantime: still a conflict (both changed). */
  g_clear_pointer (&error, g_error_free);
  reopened = open_sync (client, store, "PE-9005", &error);
  g_assert_no_error (error);
  g_assert_cmpint (dp_sync_get_state (reopened), ==, DP_SYNC_STATE_CONFLICT);
  g_clear_object (&reopened);

  /* The user keeps theirs: it goes over the version they saw. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    dp_sync_resolve_keep_local_async (sync, NULL, on_done, &result);
    g_assert_true (dp_sync_resolve_keep_local_finish (sync, wait_for (&result), &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (dp_sync_get_state (sync), ==, DP_SYNC_STATE_SYNCED);
  remote = get_measurement (client, "PE-9005", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dp_line_get_price (dp_test_line_at (remote, DP_PART_1, 0)), ==, 7400);

  /* Again, and this time the user takes the service's version. */
  g_clear_object (&other);
  g_clear_pointer (&etag, g_free);
  g_clear_pointer (&saved, g_free);
  other = get_measurement (elsewhere, "PE-9005", &etag, &error);
  g_assert_no_error (error);
  dp_line_set_price (dp_test_line_at (other, DP_PART_1, 0), 7500);
  saved = save_measurement (elsewhere, other, etag, &error);
  g_assert_no_error (error);

  dp_line_set_price (dp_test_line_at (dp_sync_get_dossier (sync), DP_PART_1, 0), 7600);
  g_assert_false (sync_save (sync, &error));
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_CONFLICT_CHANGED);
  g_clear_pointer (&error, g_error_free);
  g_assert_true (dp_sync_resolve_take_remote (sync, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dp_sync_get_state (sync), ==, DP_SYNC_STATE_SYNCED);
  g_assert_cmpint (dp_line_get_price (dp_test_line_at (dp_sync_get_dossier (sync), DP_PART_1, 0)),
                   ==, 7500);
  g_assert_cmpstr (dp_sync_get_etag (sync), ==, saved);
  {
    g_autoptr(DpDossier) local = load_local (store, "PE-9005");

    g_assert_cmpint (dp_line_get_price (dp_test_line_at (local, DP_PART_1, 0)), ==, 7500);
  }
}

static void
test_sync_submit (void)
{
  g_autoptr(DpEloketClient) client = new_client (NULL);
  g_autoptr(DpDraftStore) store = new_store ("drafts-submit");
  g_autoptr(GError) error = NULL;
  g_autoptr(DpSync) sync = NULL;
  g_autoptr(DpSync) reopened = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(DpDossier) local = NULL;
  g_autofree char *reference = NULL;

  sync = open_sync (client, store, "PE-9005", &error);
  g_assert_no_error (error);

  /* Refused: the findings come back, nothing changes state. */
  dp_line_set_capacity (dp_test_line_at (dp_sync_get_dossier (sync), DP_PART_1, 0), 0);
  {
    g_autoptr(GAsyncResult) result = NULL;

    dp_sync_submit_async (sync, NULL, on_done, &result);
    reference = dp_sync_submit_finish (sync, wait_for (&result), &findings, &error);
  }
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_REFUSED);
  g_assert_null (reference);
  g_assert_nonnull (findings);
  g_assert_cmpuint (findings->len, >, 0);
  g_assert_cmpint (dp_sync_get_state (sync), ==, DP_SYNC_STATE_SYNCED);

  g_clear_pointer (&error, g_error_free);
  g_clear_pointer (&findings, g_ptr_array_unref);
  dp_line_set_capacity (dp_test_line_at (dp_sync_get_dossier (sync), DP_PART_1, 0), 50);
  dp_sync_mark_changed (sync);
  {
    g_autoptr(GAsyncResult) result = NULL;

    dp_sync_submit_async (sync, NULL, on_done, &result);
    reference = dp_sync_submit_finish (sync, wait_for (&result), &findings, &error);
  }
  g_assert_no_error (error);
  g_assert_nonnull (reference);
  g_assert_cmpint (dp_sync_get_state (sync), ==, DP_SYNC_STATE_SUBMITTED);
  g_assert_true (dp_dossier_get_read_only (dp_sync_get_dossier (sync)));
  g_assert_cmpstr (dp_dossier_get_reference (dp_sync_get_dossier (sync)), ==, reference);

  /* Kept here as submitted, and opened again read-only. */
  local = load_local (store, "PE-9005");
  g_assert_cmpint (dp_dossier_get_status (local), ==, DP_STATUS_SUBMITTED);
  reopened = open_sync (client, store, "PE-9005", &error);
  g_assert_no_error (error);
  g_assert_cmpint (dp_sync_get_state (reopened), ==, DP_SYNC_STATE_SUBMITTED);
  g_assert_false (sync_save (reopened, &error));
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_ALREADY_SUBMITTED);
}

/* The draft changed on disk without DpSync (a window working offline, an import): the next
 * opening notices it by its digest and sends it, never overwrites it with the e-loket's. */
static void
test_sync_changed_on_disk (void)
{
  g_autoptr(DpEloketClient) client = new_client (NULL);
  g_autoptr(DpDraftStore) store = new_store ("drafts-disk");
  g_autoptr(GError) error = NULL;
  g_autoptr(DpSync) sync = NULL;
  g_autoptr(DpDossier) local = NULL;
  g_autoptr(DpDossier) remote = NULL;

  sync = open_sync (client, store, "PE-9007", &error);
  g_assert_no_error (error);
  fill_valid (dp_sync_get_dossier (sync), 70);
  g_assert_true (sync_save (sync, &error));
  g_assert_no_error (error);
  g_clear_object (&sync);

  local = load_local (store, "PE-9007");
  dp_line_set_price (dp_test_line_at (local, DP_PART_1, 0), 7777);
  g_assert_true (dp_draft_store_save (store, local, NULL, &error));
  g_assert_no_error (error);

  sync = open_sync (client, store, "PE-9007", &error);
  g_assert_no_error (error);
  g_assert_cmpint (dp_sync_get_state (sync), ==, DP_SYNC_STATE_PENDING);
  g_assert_cmpint (dp_line_get_price (dp_test_line_at (dp_sync_get_dossier (sync), DP_PART_1,
                                                       0)), ==, 7777);
  g_assert_true (sync_save (sync, &error));
  g_assert_no_error (error);
  remote = get_measurement (client, "PE-9007", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dp_line_get_price (dp_test_line_at (remote, DP_PART_1, 0)), ==, 7777);
}

/* A submission whose answer was lost, and the client gave up: the key stays with the draft,
 * and the user's next Submit repeats it, finding the first submission instead of being told
 * that the measurement was submitted already. */
static void
test_sync_lost_answer (void)
{
  Proxy proxy = { 0 };
  g_autoptr(DpEloketClient) client = NULL;
  g_autoptr(DpDraftStore) store = new_store ("drafts-lost");
  g_autoptr(GError) error = NULL;
  g_autoptr(DpSync) sync = NULL;
  g_autofree char *proxy_url = NULL;
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;

  proxy_start (&proxy, test_service.port);
  proxy_url = g_strdup_printf ("http://127.0.0.1:%u/", proxy.port);
  client = new_client (proxy_url);
  dp_eloket_client_set_max_attempts (client, 1);

  sync = open_sync (client, store, "PE-9006", &error);
  g_assert_no_error (error);

  proxy.cut_left = 1;
  {
    g_autoptr(GAsyncResult) result = NULL;

    dp_sync_submit_async (sync, NULL, on_done, &result);
    first = dp_sync_submit_finish (sync, wait_for (&result), NULL, &error);
  }
  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_OFFLINE);
  g_assert_null (first);
  g_assert_cmpuint (proxy.n_cut, ==, 1);
  g_assert_cmpint (dp_sync_get_state (sync), ==, DP_SYNC_STATE_OFFLINE);

  g_clear_pointer (&error, g_error_free);
  {
    g_autoptr(GAsyncResult) result = NULL;

    dp_sync_submit_async (sync, NULL, on_done, &result);
    again = dp_sync_submit_finish (sync, wait_for (&result), NULL, &error);
  }
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpint (dp_sync_get_state (sync), ==, DP_SYNC_STATE_SUBMITTED);
  g_assert_cmpstr (dp_dossier_get_reference (dp_sync_get_dossier (sync)), ==, again);
  g_assert_true (dp_dossier_get_read_only (dp_sync_get_dossier (sync)));
  g_assert_cmpuint (proxy.n_submissions, ==, 2);

  g_clear_object (&client);
  g_clear_object (&sync);
  proxy_stop (&proxy);
}

/* The CLI ------------------------------------------------------------------------------ */

static char *
write_dossier (const char *name,
               const char *registration_number,
               guint       capacity,
               const char *luik1)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (test_service.dir, name, NULL);
  g_autofree char *text = g_strdup_printf (
    "{\n"
    "  \"formaat\": \"dagprijzen-meting\",\n"
    "  \"versie\": 1,\n"
    "  \"campagne\": { \"jaar\": 2025, \"meetdatum\": \"2025-05-01\",\n"
    "                \"deadline\": \"2025-05-31\",\n"
    "                \"korting_infrastructuurforfait_cent\": 629 },\n"
    "  \"voorziening\": { \"erkenningsnummer\": \"%s\", \"naam\": \"WZC %s\",\n"
    "                   \"erkende_capaciteit\": %u },\n"
    "  \"status\": \"ontwerp\",\n"
    "  \"ingediend_op\": null,\n"
    "  \"referentie\": null,\n"
    "  \"luik1\": [ %s ],\n"
    "  \"luik2\": [],\n"
    "  \"vorig_jaar\": { \"luik1\": [], \"luik2\": [] }\n"
    "}\n", registration_number, registration_number, capacity, luik1);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_cli_submit (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *code = NULL;
  g_autofree char *input = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_references = 0;
  gboolean seen_refused = FALSE;

  first = write_dossier ("een.json", "PE-9001", 60,
                         "{ \"kamertype\": \"eenpersoonskamer\", \"beschrijving\": \"\","
                         " \"capaciteit\": 60, \"prijs_cent\": 7100 }");
  /* A double room with an odd capacity: refused here, never sent. */
  second = write_dossier ("twee.json", "PE-9002", 50,
                          "{ \"kamertype\": \"eenpersoonskamer\", \"beschrijving\": \"\","
                          " \"capaciteit\": 45, \"prijs_cent\": 7100 },"
                          "{ \"kamertype\": \"tweepersoonskamer\", \"beschrijving\": \"\","
                          " \"capaciteit\": 5, \"prijs_cent\": 6000 }");
  /* 28 of 30 units: submitted with a warning, told with its figures. */
  third = write_dossier ("drie.json", "PE-9003", 30,
                         "{ \"kamertype\": \"eenpersoonskamer\", \"beschrijving\": \"Groot\","
                         " \"capaciteit\": 28, \"prijs_cent\": 8050 }");

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  process = g_subprocess_launcher_spawn (launcher, &error, test_service.cli_path, "submit",
                                         first, second, third, "--service", test_service.url,
                                         "--user", DP_DEMO_USER, NULL);
  g_assert_no_error (error);

  /* Standard input is a pipe, not a terminal: the code is read from it. */
  code = test_service_fresh_code ();
  input = g_strconcat (code, "\n", NULL);
  g_subprocess_communicate_utf8 (process, input, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("stdout:\n%s\nstderr:\n%s", out, err);

  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, first) || g_str_has_prefix (line, third))
        {
          const char *reference = strstr (line, ": ") + 2;

          g_assert_false (g_str_has_prefix (reference, "refused"));
          g_assert_cmpuint (strlen (reference), >, 0);
          n_references++;
          if (g_str_has_prefix (line, third))
            {
              g_assert_nonnull (lines[i + 1]);
              g_assert_nonnull (strstr (lines[i + 1], DP_CHECK_CAPACITEIT_ONDER_ERKEND));
              g_assert_nonnull (strstr (lines[i + 1], "The total capacity 28 is below the "
                                                      "recognised capacity 30"));
            }
        }
      else if (g_str_has_prefix (line, second))
        {
          g_assert_true (g_str_has_prefix (line + strlen (second), ": refused: "));
          seen_refused = TRUE;
          /* The findings follow, indented, with their codes and paths. */
          g_assert_nonnull (lines[i + 1]);
          g_assert_nonnull (strstr (lines[i + 1], DP_CHECK_TWEEPERSOONSKAMER_ONEVEN));
          g_assert_nonnull (strstr (lines[i + 1], "luik1[1].capaciteit"));
        }
    }
  g_assert_cmpuint (n_references, ==, 2);
  g_assert_true (seen_refused);

  /* The refused file never reached the service: its draft there is untouched. */
  {
    g_autoptr(DpEloketClient) client = new_client (NULL);
    g_autoptr(DpDossier) dossier = get_measurement (client, "PE-9002", NULL, &error);
    g_autoptr(DpDossier) accepted = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (dp_dossier_get_n_lines (dossier), ==, 0);
    accepted = get_measurement (client, "PE-9001", NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (dp_dossier_get_status (accepted), ==, DP_STATUS_SUBMITTED);
  }
}

/* Last, as it locks the demo user out: five wrong codes in five minutes, then 429. */
static void
test_too_many_attempts (void)
{
  g_autoptr(DpEloketClient) client = dp_eloket_client_new (test_service.url);
  g_autoptr(GError) error = NULL;
  g_autofree char *code = test_service_wrong_code ();
  guint n_wrong = 0;

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *token = login (client, code, NULL, &error);

      g_assert_null (token);
      if (g_error_matches (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_TOO_MANY_ATTEMPTS))
        break;
      g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_WRONG_CODE);
      g_clear_pointer (&error, g_error_free);
      n_wrong++;
    }

  g_assert_error (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_TOO_MANY_ATTEMPTS);
  /* test_login made one failure, and the spent code another. */
  g_assert_cmpuint (n_wrong, <=, 5);
}

/* Set-up --------------------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  /* The demo user acts for seven more facilities, for the tests that submit. */
  const char * const facilities[] = {
    "PE-9001", "WZC Een", "60",
    "PE-9002", "WZC Twee", "50",
    "PE-9003", "WZC Drie", "30",
    "PE-9004", "WZC Vier", "40",
    "PE-9005", "WZC Vijf", "50",
    "PE-9006", "WZC Zes", "60",
    "PE-9007", "WZC Zeven", "70",
    NULL
  };
  int status;

  /* The isolated XDG directories hide the system's GSettings schemas, which the GNOME proxy
   * resolver reads (and aborts without); these tests never leave loopback anyway. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  test_service_setup (facilities);

  g_test_add_func ("/net/service/login", test_login);
  g_test_add_func ("/net/service/session-expired", test_session_expired);
  g_test_add_func ("/net/service/facilities", test_facilities);
  g_test_add_func ("/net/service/campaigns", test_campaigns);
  g_test_add_func ("/net/service/prefill", test_prefill);
  g_test_add_func ("/net/service/save-conflict", test_save_conflict);
  g_test_add_func ("/net/service/submit-refused", test_submit_refused);
  g_test_add_func ("/net/service/submit-ok", test_submit_ok);
  g_test_add_func ("/net/service/tls", test_tls);
  g_test_add_func ("/net/service/lost-answer", test_lost_answer);
  g_test_add_func ("/net/service/offline", test_offline);
  g_test_add_func ("/net/service/sync/save", test_sync_save);
  g_test_add_func ("/net/service/sync/offline", test_sync_offline);
  g_test_add_func ("/net/service/sync/conflict", test_sync_conflict);
  g_test_add_func ("/net/service/sync/submit", test_sync_submit);
  g_test_add_func ("/net/service/sync/changed-on-disk", test_sync_changed_on_disk);
  g_test_add_func ("/net/service/sync/lost-answer", test_sync_lost_answer);
  g_test_add_func ("/net/service/cli-submit", test_cli_submit);
  g_test_add_func ("/net/service/too-many-attempts", test_too_many_attempts);

  status = g_test_run ();
  test_service_teardown ();
  return status;
}
