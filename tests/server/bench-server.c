/* bench-server.c: every care centre of Flanders (about 830) submitting in the last
 * minute, against one dagprijzen-server on loopback.
 *
 * N facilities, each with a saved draft that passes the checks and last year's
 * submission (so that each submission does the real work: load, prefill the previous
 * year, check, store), submitted concurrently from C client connections, each a thread
 * with its own SoupSession and user. Beside it, in the same run and over the same
 * connections, the floor: the same number of requests to a trivial authenticated
 * endpoint (GET /api/v1/voorzieningen). Prints rates and latencies; asserts only that
 * every request got its expected answer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "dp-totp.h"
#include "server-fixture.h"

#define N_FACILITIES  830
#define N_CONNECTIONS 8

typedef struct {
  guint       index;
  const char *base_uri;
  char        user[32];
  guint8      secret[DP_TOTP_SECRET_BYTES];
  GArray     *floor_us;        /* latencies in microseconds */
  GArray     *submit_us;
  guint       failures;
} Worker;

static gint start_gate;            /* atomic: the workers wait for it to open */
static gint phase;                 /* atomic: 1 floor, 2 submissions */
static gint phase_ready;           /* atomic: workers done with the current phase */

static char *
registration_number (guint i)
{
  return g_strdup_printf ("BENCH-%04u", i);
}

/* A facility of 120 units in 4 lines, as many centres have. */
static DpDossier *
make_dossier (DpCampaign *campaign,
              DpFacility *facility,
              gint64      raise)
{
  static const struct {
    DpPart part;
    DpRoomType type;
    const char *description;
    guint capacity;
    gint64 price;
  } lines[] = {
    { DP_PART_1, DP_ROOM_TYPE_SINGLE, "Standaardkamer", 80, 6900 },
    { DP_PART_1, DP_ROOM_TYPE_SINGLE, "Grote kamer", 16, 7600 },
    { DP_PART_1, DP_ROOM_TYPE_DOUBLE, "", 8, 6000 },
    { DP_PART_2, DP_ROOM_TYPE_SINGLE, "Nieuwbouw", 16, 7300 },
  };
  DpDossier *dossier = dp_dossier_new (campaign, facility);

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autoptr(DpLine) line = dp_line_new (lines[i].type, lines[i].description,
                                            lines[i].capacity, lines[i].price + raise);

      dp_dossier_append_line (dossier, lines[i].part, line);
    }
  return dossier;
}

static void
seed (const char *db_path,
      Worker     *workers)
{
  g_autoptr(DpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DpCampaign) campaign_2024 = NULL;
  g_autoptr(DpCampaign) campaign_2025 = NULL;

  store = dp_store_open (db_path, &error);
  g_assert_no_error (error);
  campaign_2024 = dp_store_get_campaign (store, 2024, &error);
  campaign_2025 = dp_store_get_campaign (store, 2025, &error);
  g_assert_no_error (error);

  for (guint w = 0; w < N_CONNECTIONS; w++)
    {
      g_snprintf (workers[w].user, sizeof workers[w].user, "bench-%u", w);
      for (guint i = 0; i < DP_TOTP_SECRET_BYTES; i++)
        workers[w].secret[i] = (guint8) g_random_int ();
      dp_store_add_user (store, workers[w].user, workers[w].secret, DP_TOTP_SECRET_BYTES,
                         &error);
      g_assert_no_error (error);
    }

  for (guint i = 0; i < N_FACILITIES; i++)
    {
      g_autofree char *erk = registration_number (i);
      g_autofree char *name = g_strdup_printf ("WZC Bench %u", i);
      g_autofree char *reference = g_strdup_printf ("MDP-2024-BENCH%04u-SEED", i);
      g_autoptr(DpFacility) facility = NULL;
      g_autoptr(DpDossier) previous = NULL;
      g_autoptr(DpDossier) draft = NULL;
      g_autoptr(GDateTime) submitted = g_date_time_new_utc (2024, 5, 20, 9, 0, 0);
      g_autofree char *previous_text = NULL;
      g_autofree char *draft_text = NULL;
      Worker *worker = &workers[i % N_CONNECTIONS];
      gint64 user_id = 0;
      gint64 facility_id = 0;

      dp_store_add_facility (store, erk, name, 120, &error);
      g_assert_no_error (error);
      dp_store_grant (store, worker->user, erk, &error);
      g_assert_no_error (error);
      dp_store_lookup_user (store, worker->user, &user_id, NULL, NULL, &error);
      facility = dp_store_get_granted_facility (store, user_id, erk, &facility_id, &error);
      g_assert_no_error (error);

      previous = make_dossier (campaign_2024, facility, 0);
      dp_dossier_mark_submitted (previous, submitted, reference);
      previous_text = dp_format_save_data (previous, NULL);
      dp_store_submit (store, facility_id, 2024, 0, previous_text, reference,
                       "2024-05-20T09:00:00Z", "seed", "{}", &error);
      g_assert_no_error (error);

      draft = make_dossier (campaign_2025, facility, 250);
      draft_text = dp_format_save_data (draft, NULL);
      dp_store_put_draft (store, facility_id, 2025, 0, draft_text, NULL, &error);
      g_assert_no_error (error);
    }
}

static gint64
timed_request (Client     *client,
               const char *method,
               const char *path,
               const char * const *headers,
               guint       expected,
               guint      *failures)
{
  gint64 start = g_get_monotonic_time ();
  guint status = client_request (client, method, path, NULL, headers);
  gint64 elapsed = g_get_monotonic_time () - start;

  if (status != expected)
    {
      (*failures)++;
      g_printerr ("%s %s: %u %s\n", method, path, status, client_body_text (client));
    }
  return elapsed;
}

static void
wait_for_phase (gint wanted)
{
  while (g_atomic_int_get (&phase) < wanted)
    g_usleep (100);
}

static gpointer
worker_thread (gpointer data)
{
  Worker *worker = data;
  g_autoptr(Client) client = client_new (worker->base_uri);
  gint64 last_step = -1;
  char code[9];

  dp_test_totp_next_code (worker->secret, DP_TOTP_SECRET_BYTES, &last_step, code);
  g_assert_cmpuint (client_login (client, worker->user, code), ==, 201);
  g_atomic_int_inc (&start_gate);

  /* The floor: as many trivial authenticated requests as this worker will submit. */
  wait_for_phase (1);
  for (guint i = worker->index; i < N_FACILITIES; i += N_CONNECTIONS)
    {
      gint64 us = timed_request (client, "GET", "/api/v1/voorzieningen", NULL, 200,
                                 &worker->failures);

      g_array_append_val (worker->floor_us, us);
    }
  g_atomic_int_inc (&phase_ready);

  /* The submissions. */
  wait_for_phase (2);
  for (guint i = worker->index; i < N_FACILITIES; i += N_CONNECTIONS)
    {
      g_autofree char *erk = registration_number (i);
      g_autofree char *path = g_strdup_printf ("/api/v1/voorzieningen/%s/metingen/2025/indiening",
                                               erk);
      g_autofree char *key = g_strdup_printf ("bench-%u", i);
      const char *headers[] = { "Idempotency-Key", key, NULL };
      gint64 us = timed_request (client, "POST", path, headers, 201, &worker->failures);

      g_array_append_val (worker->submit_us, us);
    }
  g_atomic_int_inc (&phase_ready);
  return NULL;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static double
percentile_ms (GArray *sorted,
               double  p)
{
  guint index = (guint) (p * (sorted->len - 1) + 0.5);

  return g_array_index (sorted, gint64, index) / 1000.0;
}

/* Runs one phase over all workers and prints its figures; the rate in requests/s. */
static double
run_phase (const char *label,
           gint        number,
           Worker     *workers,
           gboolean    submissions)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 start;
  gint64 elapsed;
  double rate;

  g_atomic_int_set (&phase_ready, 0);
  start = g_get_monotonic_time ();
  g_atomic_int_set (&phase, number);
  while (g_atomic_int_get (&phase_ready) < N_CONNECTIONS)
    g_usleep (200);
  elapsed = g_get_monotonic_time () - start;

  for (guint w = 0; w < N_CONNECTIONS; w++)
    {
      GArray *source = submissions ? workers[w].submit_us : workers[w].floor_us;

      g_array_append_vals (all, source->data, source->len);
    }
  g_array_sort (all, compare_gint64);
  rate = all->len / (elapsed / 1e6);

  g_print ("%-44s %4u requests in %6.3f s: %8.1f/s   p50 %7.2f ms   p99 %7.2f ms\n", label,
           all->len, elapsed / 1e6, rate, percentile_ms (all, 0.50), percentile_ms (all, 0.99));
  return rate;
}

static void
bench_submissions (void)
{
  g_autofree char *db_path = g_build_filename (g_get_user_data_dir (), "bench.db", NULL);
  g_autoptr(ServerProcess) server = NULL;
  Worker workers[N_CONNECTIONS] = { 0 };
  GThread *threads[N_CONNECTIONS];
  gint64 seed_start = g_get_monotonic_time ();
  guint failures = 0;
  double floor_rate;
  double submit_rate;

  seed (db_path, workers);
  g_print ("\nSeeded %u facilities (a draft for 2025, a submission of 2024 each) in %.1f s\n",
           N_FACILITIES, (g_get_monotonic_time () - seed_start) / 1e6);

  /* The last day of the campaign. */
  server = server_process_start (db_path, (const char *[]) { "--today", "2025-05-31", NULL });

  for (guint w = 0; w < N_CONNECTIONS; w++)
    {
      workers[w].index = w;
      workers[w].base_uri = server->base_uri;
      workers[w].floor_us = g_array_new (FALSE, FALSE, sizeof (gint64));
      workers[w].submit_us = g_array_new (FALSE, FALSE, sizeof (gint64));
      threads[w] = g_thread_new ("client", worker_thread, &workers[w]);
    }
  while (g_atomic_int_get (&start_gate) < N_CONNECTIONS)
    g_usleep (1000);

  g_print ("%u client connections on %s, one server process (SQLite WAL, synchronous=FULL)\n",
           N_CONNECTIONS, server->base_uri);
  floor_rate = run_phase ("floor: GET /api/v1/voorzieningen", 1, workers, FALSE);
  submit_rate = run_phase ("submissions: POST .../metingen/2025/indiening", 2, workers, TRUE);
  g_print ("submissions run at %.2f of the floor's rate; all %u care centres in %.2f s\n",
           submit_rate / floor_rate, N_FACILITIES, N_FACILITIES / submit_rate);

  for (guint w = 0; w < N_CONNECTIONS; w++)
    {
      g_thread_join (threads[w]);
      failures += workers[w].failures;
      g_array_unref (workers[w].floor_us);
      g_array_unref (workers[w].submit_us);
    }
  g_assert_cmpuint (failures, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/server/bench/submissions", bench_submissions);

  return g_test_run ();
}
