/* test-server.c: dagprijzen-server as a child process on 127.0.0.1 with a temporary
 * database, driven over HTTP: the whole path of a measurement and every refusal, each
 * followed by a look at what is stored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>
#include <string.h>

#include "dp-auth.h"
#include "dp-demo.h"
#include "dp-totp.h"
#include "server-fixture.h"

#define SECOND_USER "bert"

typedef struct {
  char          *db_path;
  ServerProcess *server;
  guint8        *demo_secret;
  gsize          demo_secret_len;
  guint8         other_secret[DP_TOTP_SECRET_BYTES];
  gint64         demo_last_step;
  gint64         other_last_step;
} Fixture;

/* The demo data (PE-1234 with its 2024 submission, PE-5678, user demo for both) and a
 * second user, bert, who acts for PE-5678 only. */
static void
seed (Fixture *fixture)
{
  g_autoptr(DpStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = dp_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  dp_demo_seed (store, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < sizeof fixture->other_secret; i++)
    fixture->other_secret[i] = (guint8) (i * 7 + 3);
  dp_store_add_user (store, SECOND_USER, fixture->other_secret, sizeof fixture->other_secret,
                     &error);
  g_assert_no_error (error);
  dp_store_grant (store, SECOND_USER, "PE-5678", &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char * const *args = data;

  fixture->db_path = g_build_filename (g_get_user_data_dir (), "test.db", NULL);
  fixture->demo_secret = dp_base32_decode (DP_DEMO_TOTP_SECRET, &fixture->demo_secret_len);
  fixture->demo_last_step = -1;
  fixture->other_last_step = -1;
  seed (fixture);
  fixture->server = server_process_start (fixture->db_path, args);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->server, server_process_free);
  g_free (fixture->demo_secret);
  g_free (fixture->db_path);
}

static Client *
login_demo (Fixture *fixture)
{
  Client *client = client_new (fixture->server->base_uri);
  char code[9];

  dp_test_totp_next_code (fixture->demo_secret, fixture->demo_secret_len,
                          &fixture->demo_last_step, code);
  g_assert_cmpuint (client_login (client, DP_DEMO_USER, code), ==, 201);
  return client;
}

static Client *
login_other (Fixture *fixture)
{
  Client *client = client_new (fixture->server->base_uri);
  char code[9];

  dp_test_totp_next_code (fixture->other_secret, sizeof fixture->other_secret,
                          &fixture->other_last_step, code);
  g_assert_cmpuint (client_login (client, SECOND_USER, code), ==, 201);
  return client;
}

/* What is stored of a measurement: "" when nothing, else "revision|status|document". */
static char *
stored_state (Fixture    *fixture,
              const char *registration_number,
              guint       year)
{
  g_autoptr(DpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) campaigns = NULL;
  g_auto(DpStoredMeasurement) stored = { 0 };
  g_autoptr(DpFacility) facility = NULL;
  gint64 user_id = 0;
  gint64 facility_id = 0;

  store = dp_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  dp_store_lookup_user (store, DP_DEMO_USER, &user_id, NULL, NULL, &error);
  g_assert_no_error (error);
  facility = dp_store_get_granted_facility (store, user_id, registration_number, &facility_id,
                                            &error);
  g_assert_no_error (error);
  dp_store_get_measurement (store, facility_id, year, &stored, &error);
  g_assert_no_error (error);
  if (stored.document == NULL)
    return g_strdup ("");
  return g_strdup_printf ("%" G_GINT64_FORMAT "|%s|%s", stored.revision,
                          dp_status_to_wire (stored.status), stored.document);
}

static gboolean
is_stored (Fixture    *fixture,
           const char *registration_number,
           guint       year)
{
  g_autofree char *state = stored_state (fixture, registration_number, year);

  return *state != '\0';
}

static guint
count_rows (Fixture    *fixture,
            const char *what)
{
  g_autoptr(DpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  store = dp_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  if (g_str_equal (what, "dossiers"))
    {
      gint64 user_id = 0;
      g_autoptr(GPtrArray) rows = NULL;

      dp_store_lookup_user (store, DP_DEMO_USER, &user_id, NULL, NULL, &error);
      rows = dp_store_list_dossiers (store, user_id);
      n = rows->len;
    }
  else
    g_assert_not_reached ();
  return n;
}

/* How many sessions the database holds: a refused login must add none. */
static guint
count_sessions (Fixture *fixture)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_cmpint (sqlite3_open_v2 (fixture->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sessions", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static DpDossier *
body_dossier (Client *client)
{
  g_autoptr(GError) error = NULL;
  DpDossier *dossier = dp_format_load_data (client_body_text (client), -1, &error);

  g_assert_no_error (error);
  return dossier;
}

static char *
dossier_text (DpDossier *dossier)
{
  return dp_format_save_data (dossier, NULL);
}

static const char *
member_string (JsonNode   *root,
               const char *name)
{
  return json_object_get_string_member (json_node_get_object (root), name);
}

static gboolean
findings_have_code (JsonNode   *root,
                    const char *code)
{
  JsonArray *findings = json_object_get_array_member (json_node_get_object (root),
                                                      "bevindingen");

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);

      if (g_str_equal (json_object_get_string_member (finding, "code"), code))
        return TRUE;
    }
  return FALSE;
}

#define MEASUREMENT "/api/v1/voorzieningen/PE-1234/metingen/2025"
#define SUBMISSION MEASUREMENT "/indiening"

static void
test_whole_path (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(Client) client = login_demo (fixture);
  g_autoptr(DpDossier) prefill = NULL;
  g_autoptr(DpDossier) saved = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) first_answer = NULL;
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *first_body = NULL;
  JsonArray *array;
  DpLine *line;

  /* The facilities this user acts for. */
  g_assert_cmpuint (client_request (client, "GET", "/api/v1/voorzieningen", NULL, NULL), ==, 200);
  root = client_body_json (client);
  array = json_object_get_array_member (json_node_get_object (root), "voorzieningen");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0),
                                                  "erkenningsnummer"), ==, "PE-1234");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, 0),
                                               "erkende_capaciteit"), ==, 120);
  g_clear_pointer (&root, json_node_unref);

  /* The open campaign. */
  g_assert_cmpuint (client_request (client, "GET", "/api/v1/campagnes", NULL, NULL), ==, 200);
  root = client_body_json (client);
  g_assert_cmpstr (member_string (root, "vandaag"), ==, "2025-05-20");
  array = json_object_get_array_member (json_node_get_object (root), "campagnes");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, 0), "jaar"),
                   ==, 2025);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (array, 0),
                                                 "open"));
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (array, 1),
                                                  "open"));
  g_clear_pointer (&root, json_node_unref);

  /* A new measurement: prefilled from 2024, with 2024 in vorig_jaar; nothing stored yet. */
  g_assert_cmpuint (client_request (client, "GET", MEASUREMENT, NULL, NULL), ==, 200);
  g_assert_cmpstr (client_header (client, "ETag"), ==, "\"0\"");
  prefill = body_dossier (client);
  g_assert_cmpint (dp_dossier_get_status (prefill), ==, DP_STATUS_DRAFT);
  g_assert_cmpuint (g_list_model_get_n_items (dp_dossier_get_lines (prefill, DP_PART_1)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (dp_dossier_get_lines (prefill, DP_PART_2)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (dp_dossier_get_previous_lines (prefill, DP_PART_1)),
                    ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (dp_dossier_get_previous_lines (prefill, DP_PART_2)),
                    ==, 2);
  g_assert_cmpint (dp_campaign_get_discount (dp_dossier_get_campaign (prefill)), ==, 629);
  g_assert_cmpuint (dp_facility_get_recognised_capacity (dp_dossier_get_facility (prefill)), ==,
                    120);
  g_assert_cmpuint (dp_dossier_get_total_capacity (prefill), ==, 120);
  g_assert_false (is_stored (fixture, "PE-1234", 2025));

  /* Save: a new price on the first line. */
  line = g_list_model_get_item (dp_dossier_get_lines (prefill, DP_PART_1), 0);
  dp_line_set_price (line, 7000);
  g_object_unref (line);
  text = dossier_text (prefill);
  g_assert_cmpuint (client_request (client, "PUT", MEASUREMENT, text,
                                    (const char *[]) { "If-Match", "\"0\"", NULL }), ==, 200);
  g_assert_cmpstr (client_header (client, "ETag"), ==, "\"1\"");
  before = stored_state (fixture, "PE-1234", 2025);
  g_assert_true (g_str_has_prefix (before, "1|ontwerp|"));

  /* A stale save (412) and a blind one (428) change nothing. */
  g_assert_cmpuint (client_request (client, "PUT", MEASUREMENT, text,
                                    (const char *[]) { "If-Match", "\"0\"", NULL }), ==, 412);
  g_assert_cmpuint (client_request (client, "PUT", MEASUREMENT, text, NULL), ==, 428);
  g_assert_cmpuint (client_request (client, "PUT", MEASUREMENT, text,
                                    (const char *[]) { "If-Match", "W/\"1\"", NULL }), ==, 412);
  after = stored_state (fixture, "PE-1234", 2025);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* Read back what was saved. */
  g_assert_cmpuint (client_request (client, "GET", MEASUREMENT, NULL, NULL), ==, 200);
  g_assert_cmpstr (client_header (client, "ETag"), ==, "\"1\"");
  saved = body_dossier (client);
  line = g_list_model_get_item (dp_dossier_get_lines (saved, DP_PART_1), 0);
  g_assert_cmpint (dp_line_get_price (line), ==, 7000);
  g_object_unref (line);

  /* A draft with errors saves, but does not submit: 422 with the codes. */
  line = g_list_model_get_item (dp_dossier_get_lines (saved, DP_PART_1), 1);
  dp_line_set_capacity (line, 0);
  dp_line_set_price (line, DP_CENTS_NONE);
  g_object_unref (line);
  g_free (text);
  text = dossier_text (saved);
  g_assert_cmpuint (client_request (client, "PUT", MEASUREMENT, text,
                                    (const char *[]) { "If-Match", "\"1\"", NULL }), ==, 200);
  g_assert_cmpstr (client_header (client, "ETag"), ==, "\"2\"");
  g_free (before);
  before = stored_state (fixture, "PE-1234", 2025);

  g_assert_cmpuint (client_request (client, "POST", SUBMISSION, NULL,
                                    (const char *[]) { "Idempotency-Key", "k-1", NULL }), ==, 422);
  root = client_body_json (client);
  g_assert_true (findings_have_code (root, "capaciteit-ongeldig"));
  g_assert_true (findings_have_code (root, "prijs-ontbreekt"));
  g_assert_true (findings_have_code (root, "capaciteit-onder-erkend"));
  g_assert_false (findings_have_code (root, "indientermijn-verstreken"));
  g_clear_pointer (&root, json_node_unref);
  /* Without a key: 400. */
  g_assert_cmpuint (client_request (client, "POST", SUBMISSION, NULL, NULL), ==, 400);
  after = stored_state (fixture, "PE-1234", 2025);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* Fixed, saved, submitted. */
  line = g_list_model_get_item (dp_dossier_get_lines (saved, DP_PART_1), 1);
  dp_line_set_capacity (line, 20);
  dp_line_set_price (line, 7500);
  g_object_unref (line);
  g_free (text);
  text = dossier_text (saved);
  g_assert_cmpuint (client_request (client, "PUT", MEASUREMENT, text,
                                    (const char *[]) { "If-Match", "\"2\"", NULL }), ==, 200);
  g_assert_cmpuint (client_request (client, "POST", SUBMISSION, NULL,
                                    (const char *[]) { "Idempotency-Key", "k-2", NULL }), ==, 201);
  first_body = g_strdup (client_body_text (client));
  first_answer = client_body_json (client);
  reference = g_strdup (member_string (first_answer, "referentie"));
  g_assert_true (g_regex_match_simple ("^MDP-2025-PE1234-[0-9A-HJKMNP-TV-Z]{4}$", reference, 0, 0));
  g_assert_true (g_regex_match_simple ("^2025-05-20T\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d$",
                                       member_string (first_answer, "ingediend_op"), 0, 0));

  /* The same key again: the same answer. Another key: 409. */
  g_assert_cmpuint (client_request (client, "POST", SUBMISSION, NULL,
                                    (const char *[]) { "Idempotency-Key", "k-2", NULL }), ==, 201);
  g_assert_cmpstr (client_body_text (client), ==, first_body);
  before = (g_free (before), stored_state (fixture, "PE-1234", 2025));
  g_assert_true (g_str_has_prefix (before, "4|ingediend|"));
  g_assert_cmpuint (client_request (client, "POST", SUBMISSION, NULL,
                                    (const char *[]) { "Idempotency-Key", "k-3", NULL }), ==, 409);

  /* A change after submission: 409, whatever the If-Match. */
  g_assert_cmpuint (client_request (client, "PUT", MEASUREMENT, text,
                                    (const char *[]) { "If-Match", "\"4\"", NULL }), ==, 409);
  g_assert_cmpuint (client_request (client, "PUT", MEASUREMENT, text, NULL), ==, 409);
  after = stored_state (fixture, "PE-1234", 2025);
  g_assert_cmpstr (after, ==, before);

  /* The list of dossiers: this year's, submitted, and last year's. */
  g_assert_cmpuint (client_request (client, "GET", "/api/v1/dossiers", NULL, NULL), ==, 200);
  root = client_body_json (client);
  array = json_object_get_array_member (json_node_get_object (root), "dossiers");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  {
    JsonObject *first = json_array_get_object_element (array, 0);
    JsonObject *second = json_array_get_object_element (array, 1);

    g_assert_cmpstr (json_object_get_string_member (first, "type"), ==, "meting-dagprijzen");
    g_assert_cmpint (json_object_get_int_member (first, "jaar"), ==, 2025);
    g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "ingediend");
    g_assert_cmpstr (json_object_get_string_member (first, "referentie"), ==, reference);
    g_assert_cmpstr (json_object_get_string_member (first, "ingediend_op"), ==,
                     member_string (first_answer, "ingediend_op"));
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first,
                                                                                 "voorziening"),
                                                    "naam"), ==, "WZC De Linde");
    g_assert_cmpint (json_object_get_int_member (second, "jaar"), ==, 2024);
  }

  /* Read back: submitted, read-only, with the reference and the fixed line. */
  g_clear_object (&saved);
  g_assert_cmpuint (client_request (client, "GET", MEASUREMENT, NULL, NULL), ==, 200);
  saved = body_dossier (client);
  g_assert_cmpint (dp_dossier_get_status (saved), ==, DP_STATUS_SUBMITTED);
  g_assert_cmpstr (dp_dossier_get_reference (saved), ==, reference);
  {
    g_autofree char *in_document = g_date_time_format (dp_dossier_get_submitted_at (saved),
                                                       "%Y-%m-%dT%H:%M:%S%:z");

    g_assert_cmpstr (in_document, ==, member_string (first_answer, "ingediend_op"));
  }
  g_assert_cmpuint (dp_dossier_get_total_capacity (saved), ==, 120);
  line = g_list_model_get_item (dp_dossier_get_lines (saved, DP_PART_1), 1);
  g_assert_cmpint (dp_line_get_price (line), ==, 7500);
  g_object_unref (line);
  g_assert_cmpuint (count_rows (fixture, "dossiers"), ==, 2);
}

static void
test_login_refusals (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(Client) client = client_new (fixture->server->base_uri);
  char code[9];
  char wrong[9];
  gint64 step;

  /* Malformed logins. */
  g_assert_cmpuint (client_request (client, "POST", "/api/v1/sessies", "{\"gebruiker\": ", NULL),
                    ==, 400);
  g_assert_cmpuint (client_request (client, "POST", "/api/v1/sessies", "[1, 2]", NULL), ==, 400);
  g_assert_cmpuint (client_request (client, "POST", "/api/v1/sessies",
                                    "{\"gebruiker\": \"demo\", \"totp\": 123456}", NULL), ==, 400);

  /* An unknown user gets what a wrong code gets. */
  g_assert_cmpuint (client_login (client, "nobody", "123456"), ==, 401);
  g_assert_cmpuint (count_sessions (fixture), ==, 0);

  /* A code is good once. */
  dp_test_totp_next_code (fixture->other_secret, sizeof fixture->other_secret,
                          &fixture->other_last_step, code);
  g_assert_cmpuint (client_login (client, SECOND_USER, code), ==, 201);
  g_assert_nonnull (client->token);
  g_assert_cmpuint (client_login (client, SECOND_USER, code), ==, 401);
  g_assert_null (client->token);
  g_assert_cmpuint (count_sessions (fixture), ==, 1);

  /* Wrong codes: a code of none of the three accepted steps. */
  step = dp_totp_step_for_time (g_get_real_time () / G_USEC_PER_SEC) + 10;
  for (;; step++)
    {
      gboolean clash = FALSE;

      dp_totp_format_code (fixture->demo_secret, fixture->demo_secret_len, step, wrong);
      for (gint64 near = step - 13; near <= step - 7; near++)
        {
          char near_code[9];

          dp_totp_format_code (fixture->demo_secret, fixture->demo_secret_len, near, near_code);
          clash |= g_str_equal (near_code, wrong);
        }
      if (!clash)
        break;
    }

  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (client_login (client, DP_DEMO_USER, wrong), ==, 401);

  /* Locked now: even the right code is refused, and no session was made. */
  dp_test_totp_next_code (fixture->demo_secret, fixture->demo_secret_len,
                          &fixture->demo_last_step, code);
  g_assert_cmpuint (client_login (client, DP_DEMO_USER, code), ==, 429);
  g_assert_nonnull (client_header (client, "Retry-After"));
  g_assert_null (client->token);
  g_assert_cmpuint (client_login (client, DP_DEMO_USER, wrong), ==, 429);
  g_assert_cmpuint (count_sessions (fixture), ==, 1);

  /* The lock is per user: bert still logs in. */
  dp_test_totp_next_code (fixture->other_secret, sizeof fixture->other_secret,
                          &fixture->other_last_step, code);
  g_assert_cmpuint (client_login (client, SECOND_USER, code), ==, 201);
}

static void
test_token_refusals (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(Client) client = client_new (fixture->server->base_uri);
  g_autoptr(Client) forged = client_new (fixture->server->base_uri);
  g_autofree char *token = NULL;

  /* No token. */
  g_assert_cmpuint (client_request (client, "GET", "/api/v1/voorzieningen", NULL, NULL), ==, 401);
  g_assert_nonnull (client_header (client, "WWW-Authenticate"));
  g_assert_cmpuint (client_request (client, "GET", MEASUREMENT, NULL, NULL), ==, 401);

  /* A forged token, of the right shape. */
  forged->token = dp_auth_new_token ();
  g_assert_cmpuint (client_request (forged, "GET", "/api/v1/voorzieningen", NULL, NULL), ==, 401);
  g_assert_cmpuint (client_request (forged, "POST", SUBMISSION, NULL,
                                    (const char *[]) { "Idempotency-Key", "x", NULL }), ==, 401);
  /* Not a bearer at all. */
  g_assert_cmpuint (client_request (client, "GET", "/api/v1/dossiers", NULL,
                                    (const char *[]) { "Authorization", "Basic ZGVtbzpkZW1v",
                                                       NULL }), ==, 401);

  /* This server's sessions last two seconds: a token expires. */
  g_clear_pointer (&client, client_free);
  client = login_demo (fixture);
  g_assert_cmpuint (client_request (client, "GET", "/api/v1/voorzieningen", NULL, NULL), ==, 200);
  g_usleep (3100 * 1000);
  g_assert_cmpuint (client_request (client, "GET", "/api/v1/voorzieningen", NULL, NULL), ==, 401);
  g_assert_cmpuint (client_request (client, "PUT", MEASUREMENT, "{}",
                                    (const char *[]) { "If-Match", "\"0\"", NULL }), ==, 401);
  g_assert_false (is_stored (fixture, "PE-1234", 2025));
}

static void
test_other_facility (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(Client) demo = login_demo (fixture);
  g_autoptr(Client) bert = login_other (fixture);
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(JsonNode) root = NULL;

  /* demo saves a draft of PE-1234 ("*" matches a stored draft only). */
  g_assert_cmpuint (client_request (demo, "GET", MEASUREMENT, NULL, NULL), ==, 200);
  text = g_strdup (client_body_text (demo));
  g_assert_cmpuint (client_request (demo, "PUT", MEASUREMENT, text,
                                    (const char *[]) { "If-Match", "*", NULL }), ==, 412);
  g_assert_false (is_stored (fixture, "PE-1234", 2025));
  g_assert_cmpuint (client_request (demo, "PUT", MEASUREMENT, text, NULL), ==, 200);
  g_assert_cmpuint (client_request (demo, "PUT", MEASUREMENT, text,
                                    (const char *[]) { "If-Match", "*", NULL }), ==, 200);
  g_assert_cmpstr (client_header (demo, "ETag"), ==, "\"2\"");
  before = stored_state (fixture, "PE-1234", 2025);

  /* bert acts for PE-5678 only: PE-1234 does not exist for him, nor does PE-9999. */
  g_assert_cmpuint (client_request (bert, "GET", "/api/v1/voorzieningen", NULL, NULL), ==, 200);
  root = client_body_json (bert);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (root), "voorzieningen")), ==, 1);
  g_assert_cmpuint (client_request (bert, "GET", MEASUREMENT, NULL, NULL), ==, 404);
  g_assert_cmpuint (client_request (bert, "PUT", MEASUREMENT, text,
                                    (const char *[]) { "If-Match", "\"2\"", NULL }), ==, 404);
  g_assert_cmpuint (client_request (bert, "POST", SUBMISSION, NULL,
                                    (const char *[]) { "Idempotency-Key", "b-1", NULL }), ==, 404);
  g_assert_cmpuint (client_request (bert, "GET", "/api/v1/voorzieningen/PE-9999/metingen/2025",
                                    NULL, NULL), ==, 404);
  g_assert_cmpuint (client_request (bert, "GET", "/api/v1/dossiers", NULL, NULL), ==, 200);
  g_clear_pointer (&root, json_node_unref);
  root = client_body_json (bert);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (root), "dossiers")), ==, 0);

  /* Years without a campaign, and paths that are not the API. */
  g_assert_cmpuint (client_request (demo, "GET", "/api/v1/voorzieningen/PE-1234/metingen/2031",
                                    NULL, NULL), ==, 404);
  g_assert_cmpuint (client_request (demo, "GET", "/api/v1/voorzieningen/PE-1234/metingen/twee",
                                    NULL, NULL), ==, 404);
  g_assert_cmpuint (client_request (demo, "GET", "/api/v2/dossiers", NULL, NULL), ==, 404);
  g_assert_cmpuint (client_request (demo, "DELETE", MEASUREMENT, NULL, NULL), ==, 405);
  g_assert_cmpstr (client_header (demo, "Allow"), ==, "GET, PUT");

  after = stored_state (fixture, "PE-1234", 2025);
  g_assert_cmpstr (after, ==, before);
}

/* A body of @size bytes: a JSON document padded with spaces. */
static char *
padded_body (const char *document,
             gsize       size)
{
  char *body = g_malloc (size + 1);
  gsize len = strlen (document);

  memcpy (body, document, len);
  memset (body + len, ' ', size - len);
  body[size] = '\0';
  return body;
}

static guint
send_chunked (Client     *client,
              const char *path,
              const char *body)
{
  g_autofree char *uri = g_strconcat (client->base_uri, path, NULL);
  g_autofree char *auth = g_strdup_printf ("Bearer %s", client->token);
  g_autoptr(SoupMessage) msg = soup_message_new ("PUT", uri);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  stream = g_memory_input_stream_new_from_data (g_strdup (body), (gssize) strlen (body), g_free);
  /* Length -1: sent chunked, so the server learns the size only by reading. */
  soup_message_set_request_body (msg, "application/json", stream, -1);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "If-Match", "\"1\"");
  answer = soup_session_send_and_read (client->session, msg, NULL, &error);
  g_assert_no_error (error);
  return soup_message_get_status (msg);
}

static void
test_bodies (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(Client) client = login_demo (fixture);
  g_autoptr(DpDossier) dossier = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *big = NULL;
  g_autofree char *wrong_year = NULL;
  g_autofree char *six = NULL;

  g_assert_cmpuint (client_request (client, "GET", MEASUREMENT, NULL, NULL), ==, 200);
  text = g_strdup (client_body_text (client));
  g_assert_cmpuint (client_request (client, "PUT", MEASUREMENT, text, NULL), ==, 200);
  before = stored_state (fixture, "PE-1234", 2025);

  /* Not JSON: 400 with the parser's message. */
  g_assert_cmpuint (client_request (client, "PUT", MEASUREMENT, "{\"formaat\": ",
                                    (const char *[]) { "If-Match", "\"1\"", NULL }), ==, 400);
  root = client_body_json (client);
  g_assert_cmpstr (member_string (root, "code"), ==, "ongeldig-document");
  g_assert_cmpstr (member_string (root, "bericht"), !=, "");
  g_clear_pointer (&root, json_node_unref);

  /* Nested deeper than any dossier: refused, and the server does not fall over. */
  {
    g_autofree char *deep = g_strnfill (200000, '[');

    g_assert_cmpuint (client_request (client, "PUT", MEASUREMENT, deep,
                                      (const char *[]) { "If-Match", "\"1\"", NULL }), ==, 400);
    g_assert_cmpuint (client_request (client, "POST", "/api/v1/sessies", deep, NULL), ==, 400);
  }

  /* JSON, but not a dossier: the loader's message names the place. */
  {
    /* The first line's capacity, 70, as a word. */
    g_autoptr(GRegex) regex = g_regex_new ("(\"capaciteit\"\\s*:\\s*)70\\b", 0, 0, NULL);

    six = g_regex_replace (regex, text, -1, 0, "\\1\"six\"", 0, NULL);
    g_assert_cmpstr (six, !=, text);
  }
  g_assert_cmpuint (client_request (client, "PUT", MEASUREMENT, six,
                                    (const char *[]) { "If-Match", "\"1\"", NULL }), ==, 400);
  root = client_body_json (client);
  g_assert_nonnull (strstr (member_string (root, "bericht"), "luik1[0].capaciteit"));
  g_assert_nonnull (strstr (member_string (root, "bericht"), "six"));
  g_clear_pointer (&root, json_node_unref);

  /* A document of another year than the address. */
  dossier = dp_format_load_data (text, -1, NULL);
  {
    g_autoptr(DpCampaign) campaign = dp_campaign_new_for_year (2024);
    g_autoptr(DpDossier) other = dp_dossier_new (campaign, dp_dossier_get_facility (dossier));

    wrong_year = dp_format_save_data (other, NULL);
  }
  g_assert_cmpuint (client_request (client, "PUT", MEASUREMENT, wrong_year,
                                    (const char *[]) { "If-Match", "\"1\"", NULL }), ==, 400);
  root = client_body_json (client);
  g_assert_nonnull (strstr (member_string (root, "bericht"), "campagne.jaar"));
  g_clear_pointer (&root, json_node_unref);

  /* Over 1 MiB, announced by Content-Length, and sent chunked: 413. */
  big = padded_body (text, 1024 * 1024 + 10);
  g_assert_cmpuint (client_request (client, "PUT", MEASUREMENT, big,
                                    (const char *[]) { "If-Match", "\"1\"", NULL }), ==, 413);
  g_assert_cmpuint (send_chunked (client, MEASUREMENT, big), ==, 413);

  /* Far over it: the server stops reading and hangs up (or answers 413 first). */
  g_free (big);
  big = padded_body (text, 6 * 1024 * 1024);
  for (guint chunked = 0; chunked <= 1; chunked++)
    {
      g_autofree char *uri = g_strconcat (client->base_uri, MEASUREMENT, NULL);
      g_autofree char *auth = g_strdup_printf ("Bearer %s", client->token);
      g_autoptr(SoupMessage) msg = soup_message_new ("PUT", uri);
      g_autoptr(GBytes) answer = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(Client) fresh = client_new (client->base_uri);

      if (chunked)
        {
          g_autoptr(GInputStream) stream =
            g_memory_input_stream_new_from_data (g_strdup (big), (gssize) strlen (big), g_free);

          soup_message_set_request_body (msg, "application/json", stream, -1);
        }
      else
        {
          g_autoptr(GBytes) bytes = g_bytes_new_static (big, strlen (big));

          soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
        }
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "If-Match", "\"1\"");
      /* A new connection: libsoup repeats a request whose reused connection closes, and
       * would send what is left of the consumed stream. */
      answer = soup_session_send_and_read (fresh->session, msg, NULL, &error);
      g_test_message ("%s body of 6 MiB: %s", chunked ? "chunked" : "announced",
                      error != NULL ? error->message : soup_message_get_reason_phrase (msg));
      if (error == NULL)
        g_assert_cmpuint (soup_message_get_status (msg), ==, 413);
      g_assert_cmpuint (client_request (client, "GET", "/api/v1/campagnes", NULL, NULL), ==, 200);
    }
  after = stored_state (fixture, "PE-1234", 2025);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* Just under the limit is a body like any other. */
  g_free (big);
  big = padded_body (text, 1024 * 1024 - 10);
  g_assert_cmpuint (send_chunked (client, MEASUREMENT, big), ==, 200);
  g_free (before);
  before = stored_state (fixture, "PE-1234", 2025);
  g_assert_true (g_str_has_prefix (before, "2|ontwerp|"));

  /* The server is still well after all of it. */
  g_assert_cmpuint (client_request (client, "GET", "/api/v1/dossiers", NULL, NULL), ==, 200);
  after = stored_state (fixture, "PE-1234", 2025);
  g_assert_cmpstr (after, ==, before);
}

static void
test_late_submission (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(Client) client = login_demo (fixture);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpuint (client_request (client, "GET", MEASUREMENT, NULL, NULL), ==, 200);
  text = g_strdup (client_body_text (client));
  g_assert_cmpuint (client_request (client, "PUT", MEASUREMENT, text, NULL), ==, 200);
  before = stored_state (fixture, "PE-1234", 2025);

  /* A dossier without errors, but 1 June 2025: 403 with the finding. */
  g_assert_cmpuint (client_request (client, "POST", SUBMISSION, NULL,
                                    (const char *[]) { "Idempotency-Key", "late-1", NULL }),
                    ==, 403);
  root = client_body_json (client);
  g_assert_cmpstr (member_string (root, "code"), ==, "indientermijn-verstreken");
  g_assert_true (findings_have_code (root, "indientermijn-verstreken"));
  after = stored_state (fixture, "PE-1234", 2025);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (client_request (client, "GET", "/api/v1/campagnes", NULL, NULL), ==, 200);
  g_clear_pointer (&root, json_node_unref);
  root = client_body_json (client);
  g_assert_false (json_object_get_boolean_member (
                    json_array_get_object_element (json_object_get_array_member (
                      json_node_get_object (root), "campagnes"), 0), "open"));
}

/* Saves one after another from a thread, noting the revision of each acknowledged one,
 * until the server is killed under it. */
typedef struct {
  const char *base_uri;
  char       *token;
  char       *document;
  gint        acknowledged;     /* atomic */
  char       *acknowledged_text;
  GMutex      lock;
} SaveStream;

static char *
document_with_description (const char *document,
                           gint64      n)
{
  g_autoptr(DpDossier) dossier = dp_format_load_data (document, -1, NULL);
  g_autoptr(DpLine) line = g_list_model_get_item (dp_dossier_get_lines (dossier, DP_PART_1), 0);
  g_autofree char *description = g_strdup_printf ("Standaardkamer, bewaring %" G_GINT64_FORMAT, n);

  dp_line_set_description (line, description);
  return dp_format_save_data (dossier, NULL);
}

static gpointer
save_stream_thread (gpointer data)
{
  SaveStream *stream = data;
  g_autoptr(Client) client = client_new (stream->base_uri);
  gint64 revision = 1;

  client->token = g_strdup (stream->token);
  for (;;)
    {
      g_autofree char *uri = g_strconcat (stream->base_uri, MEASUREMENT, NULL);
      g_autoptr(SoupMessage) msg = soup_message_new ("PUT", uri);
      g_autofree char *auth = g_strdup_printf ("Bearer %s", stream->token);
      g_autofree char *etag = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", revision);
      g_autofree char *text = document_with_description (stream->document, revision + 1);
      g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));
      g_autoptr(GBytes) answer = NULL;
      g_autoptr(GError) error = NULL;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "If-Match", etag);
      soup_message_set_request_body_from_bytes (msg, "application/json", body);
      answer = soup_session_send_and_read (client->session, msg, NULL, &error);
      if (error != NULL || soup_message_get_status (msg) != 200)
        break;

      revision++;
      g_mutex_lock (&stream->lock);
      g_free (stream->acknowledged_text);
      stream->acknowledged_text = g_strndup (g_bytes_get_data (answer, NULL),
                                             g_bytes_get_size (answer));
      g_atomic_int_set (&stream->acknowledged, (gint) revision);
      g_mutex_unlock (&stream->lock);
    }
  return NULL;
}

static void
test_crash (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(Client) client = login_demo (fixture);
  g_autoptr(Client) after_client = NULL;
  g_autoptr(DpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *integrity = NULL;
  g_autofree char *etag = NULL;
  SaveStream stream = { 0 };
  GThread *thread;
  gint64 acknowledged;
  gint64 revision;

  g_assert_cmpuint (client_request (client, "GET", MEASUREMENT, NULL, NULL), ==, 200);
  stream.document = g_strdup (client_body_text (client));
  g_assert_cmpuint (client_request (client, "PUT", MEASUREMENT, stream.document, NULL), ==, 200);
  stream.base_uri = fixture->server->base_uri;
  stream.token = g_strdup (client->token);
  stream.acknowledged = 1;
  g_mutex_init (&stream.lock);

  thread = g_thread_new ("saves", save_stream_thread, &stream);
  /* Let a good number of saves through, then pull the plug in the middle of one. */
  while (g_atomic_int_get (&stream.acknowledged) < 20)
    g_usleep (1000);
  g_usleep (g_test_rand_int_range (0, 20000));
  server_process_kill (fixture->server);
  g_thread_join (thread);
  acknowledged = g_atomic_int_get (&stream.acknowledged);
  g_test_message ("killed after %" G_GINT64_FORMAT " acknowledged saves", acknowledged);

  /* The database opens and is whole. */
  store = dp_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  integrity = dp_store_integrity_check (store);
  g_assert_cmpstr (integrity, ==, "ok");
  g_clear_object (&store);

  /* The server starts on it again, and the last acknowledged save is there (or the one in
   * flight, which the server may have stored just before it died). */
  server_process_free (fixture->server);
  fixture->server = server_process_start (fixture->db_path, data);
  after_client = login_demo (fixture);
  g_assert_cmpuint (client_request (after_client, "GET", MEASUREMENT, NULL, NULL), ==, 200);
  etag = g_strdup (client_header (after_client, "ETag"));
  revision = g_ascii_strtoll (etag + 1, NULL, 10);
  g_assert_cmpint (revision, >=, acknowledged);
  g_assert_cmpint (revision, <=, acknowledged + 1);
  if (revision == acknowledged)
    g_assert_cmpstr (client_body_text (after_client), ==, stream.acknowledged_text);

  g_free (stream.document);
  g_free (stream.token);
  g_free (stream.acknowledged_text);
  g_mutex_clear (&stream.lock);
}

static void
test_admin_commands (void)
{
  g_autofree char *binary = dp_test_build_path ("src", "server", "dagprijzen-server", NULL);
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), "admin.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *secret_text = NULL;
  g_autofree guint8 *secret = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ServerProcess) server = NULL;
  g_autoptr(Client) client = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GRegex) regex = NULL;
  gint64 last_step = -1;
  gsize secret_len;
  char code[9];
  int status;

  {
    const char *argv[] = { binary, "--db", db, "add-facility", "VZB-77", "WZC Het Anker", "64",
                           NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                  &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    /* Twice: refused, not duplicated. */
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                  &error);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, "already exists"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { binary, "--db", db, "add-user", "els", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                  &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  /* The secret is shown once, as an otpauth:// URI that an authenticator app reads. */
  regex = g_regex_new ("otpauth://totp/Dagprijzen:els\\?secret=([A-Z2-7]+)&issuer=Dagprijzen",
                       0, 0, NULL);
  g_assert_true (g_regex_match (regex, out, 0, &match));
  secret_text = g_match_info_fetch (match, 1);
  secret = dp_base32_decode (secret_text, &secret_len);
  g_assert_cmpuint (secret_len, ==, DP_TOTP_SECRET_BYTES);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    const char *argv[] = { binary, "--db", db, "grant", "els", "VZB-77", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                  &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { binary, "--db", db, "grant", "els", "VZB-78", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                  &error);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* Without --db: the database under the XDG data directory, made with its directory. */
  {
    g_autofree char *default_db = g_build_filename (g_get_user_data_dir (), "dagprijzen-server",
                                                    "dagprijzen.db", NULL);
    const char *argv[] = { binary, "add-facility", "VZB-1", "WZC Elders", "10", NULL };
    /* GLib points the environment's XDG directories at /dev/null in an isolated test: hand
     * the child this test's own. */
    g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME",
                                           g_get_user_data_dir (), TRUE);

    g_assert_false (g_file_test (default_db, G_FILE_TEST_EXISTS));
    g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                  &error);
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("add-facility without --db failed: %s", err);
    g_assert_true (g_file_test (default_db, G_FILE_TEST_IS_REGULAR));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* The new user logs in with the secret and sees the facility. */
  server = server_process_start (db, (const char *[]) { "--today", "2025-05-02", NULL });
  client = client_new (server->base_uri);
  dp_test_totp_next_code (secret, secret_len, &last_step, code);
  g_assert_cmpuint (client_login (client, "els", code), ==, 201);
  g_assert_cmpuint (client_request (client, "GET", "/api/v1/voorzieningen", NULL, NULL), ==, 200);
  g_assert_nonnull (strstr (client_body_text (client), "WZC Het Anker"));
  /* No submission last year: an empty draft, with an empty vorig_jaar. */
  g_assert_cmpuint (client_request (client, "GET", "/api/v1/voorzieningen/VZB-77/metingen/2025",
                                    NULL, NULL), ==, 200);
  {
    g_autoptr(DpDossier) dossier = body_dossier (client);

    g_assert_cmpuint (dp_dossier_get_n_lines (dossier), ==, 0);
    g_assert_cmpuint (dp_facility_get_recognised_capacity (dp_dossier_get_facility (dossier)),
                      ==, 64);
  }
}

static void
test_demo (void)
{
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), "demo.db", NULL);
  g_autoptr(ServerProcess) first = NULL;
  g_autoptr(ServerProcess) second = NULL;
  g_autoptr(Client) client = NULL;
  g_autofree guint8 *secret = NULL;
  gint64 last_step = -1;
  gsize secret_len;
  char code[9];

  first = server_process_start (db, (const char *[]) { "--demo", NULL });
  g_assert_nonnull (strstr (first->output, "otpauth://totp/Dagprijzen:demo?secret="
                                           DP_DEMO_TOTP_SECRET));
  server_process_stop (first);

  /* Seeding again changes nothing. */
  second = server_process_start (db, (const char *[]) { "--demo", "--today", "2025-05-02", NULL });
  client = client_new (second->base_uri);
  secret = dp_base32_decode (DP_DEMO_TOTP_SECRET, &secret_len);
  dp_test_totp_next_code (secret, secret_len, &last_step, code);
  g_assert_cmpuint (client_login (client, DP_DEMO_USER, code), ==, 201);
  g_assert_cmpuint (client_request (client, "GET", "/api/v1/dossiers", NULL, NULL), ==, 200);
  {
    g_autoptr(JsonNode) root = client_body_json (client);
    JsonArray *dossiers = json_object_get_array_member (json_node_get_object (root), "dossiers");

    g_assert_cmpuint (json_array_get_length (dossiers), ==, 1);
    JsonObject *dossier;

    g_assert_cmpuint (json_array_get_length (dossiers), ==, 1);
    dossier = json_array_get_object_element (dossiers, 0);
    g_assert_cmpstr (json_object_get_string_member (dossier, "referentie"), ==,
                     "MDP-2024-PE1234-D3M0");
    /* The time is spelled as in the dossier's own ingediend_op (whole seconds, an offset). */
    g_assert_true (g_str_has_prefix (json_object_get_string_member (dossier, "ingediend_op"),
                                     "2024-05-21T10:30:00+0"));
    g_assert_true (g_str_has_suffix (json_object_get_string_member (dossier, "ingediend_op"),
                                     ":00"));
  }
}


/* HTTPS with a certificate and key; plain HTTP never beyond loopback. */
static void
test_tls (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "tls", NULL);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *db = g_build_filename (dir, "tls.db", NULL);
  g_autofree char *binary = dp_test_build_path ("src", "server", "dagprijzen-server", NULL);
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) trust = NULL;
  g_autoptr(GSubprocess) plain = NULL;
  g_autoptr(ServerProcess) server = NULL;
  g_autoptr(Client) client = NULL;
  g_autoptr(Client) untrusting = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autofree char *uri = NULL;
  const char *openssl[] = {
    "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
    "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
    "-addext", "subjectAltName=IP:127.0.0.1", NULL
  };
  int status;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_spawn_sync (NULL, (char **) openssl, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("openssl could not make a test certificate: %s", err);

  /* Plain HTTP on every interface: refused before listening. */
  plain = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error, binary, "--db", db, "--port", "0", "--address", "0.0.0.0",
                            NULL);
  g_assert_no_error (error);
  g_clear_pointer (&err, g_free);
  g_subprocess_communicate_utf8 (plain, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_false (g_subprocess_get_successful (plain));
  g_assert_nonnull (strstr (err, "loopback only"));

  server = server_process_start (db, (const char *[]) { "--tls-cert", cert, "--tls-key", key,
                                                        "--demo", NULL });
  g_assert_true (g_str_has_prefix (server->base_uri, "https://127.0.0.1:"));

  /* A client that trusts the certificate logs in over TLS... */
  trust = g_tls_file_database_new (cert, &error);
  g_assert_no_error (error);
  client = client_new (server->base_uri);
  soup_session_set_tls_database (client->session, trust);
  {
    g_autofree guint8 *secret = NULL;
    gint64 last_step = -1;
    gsize secret_len;
    char code[9];

    secret = dp_base32_decode (DP_DEMO_TOTP_SECRET, &secret_len);
    dp_test_totp_next_code (secret, secret_len, &last_step, code);
    g_assert_cmpuint (client_login (client, DP_DEMO_USER, code), ==, 201);
  }
  g_assert_cmpuint (client_request (client, "GET", "/api/v1/voorzieningen", NULL, NULL), ==, 200);

  /* ...one that does not, does not get through. */
  untrusting = client_new (server->base_uri);
  uri = g_strconcat (server->base_uri, "/api/v1/campagnes", NULL);
  msg = soup_message_new ("GET", uri);
  answer = soup_session_send_and_read (untrusting->session, msg, NULL, &error);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
}

static const char *args_open[] = { "--today", "2025-05-20", NULL };
/* Two seconds: expiry is judged in whole seconds, so a one-second session could expire
 * between the login and the request right after it. */
static const char *args_short_sessions[] = { "--today", "2025-05-20", "--session-lifetime", "2",
                                             NULL };
static const char *args_late[] = { "--today", "2025-06-01", NULL };

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, args) \
  g_test_add (path, Fixture, args, fixture_set_up, func, fixture_tear_down)

  ADD ("/server/whole-path", test_whole_path, args_open);
  ADD ("/server/refused/login", test_login_refusals, args_open);
  ADD ("/server/refused/token", test_token_refusals, args_short_sessions);
  ADD ("/server/refused/other-facility", test_other_facility, args_open);
  ADD ("/server/refused/bodies", test_bodies, args_open);
  ADD ("/server/refused/late", test_late_submission, args_late);
  ADD ("/server/crash", test_crash, args_open);
  g_test_add_func ("/server/admin-commands", test_admin_commands);
  g_test_add_func ("/server/demo", test_demo);
  g_test_add_func ("/server/tls", test_tls);

  return g_test_run ();
}
