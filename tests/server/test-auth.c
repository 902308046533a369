/* test-auth.c: logins, the limit on failures and its window, tokens and their expiry,
 * directly on a DpStore with a clock the test controls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>
#include <string.h>

#include "dp-auth.h"
#include "dp-totp.h"

/* 2025-05-20 10:00:00 UTC: any fixed moment does. */
#define T0 ((gint64) 1747735200)

typedef struct {
  char    *path;
  DpStore *store;
  guint8   secret[DP_TOTP_SECRET_BYTES];
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->path = g_build_filename (g_get_user_data_dir (), "dagprijzen-server", "auth.db", NULL);
  fixture->store = dp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  dp_auth_random_bytes (fixture->secret, sizeof fixture->secret);
  dp_store_add_user (fixture->store, "an", fixture->secret, sizeof fixture->secret, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_free (fixture->path);
}

static DpLoginResult
login_at (Fixture  *fixture,
          gint64    now,
          gint64    step,
          char    **out_token)
{
  g_autoptr(GError) error = NULL;
  DpLoginResult result;
  char code[9];

  dp_totp_format_code (fixture->secret, sizeof fixture->secret, step, code);
  result = dp_auth_login (fixture->store, "an", code, now, 60, out_token, NULL, &error);
  g_assert_no_error (error);
  return result;
}

static void
test_token (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *token = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(GError) error = NULL;
  gint64 user_id = 0;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (login_at (fixture, T0, dp_totp_step_for_time (T0), &token), ==, DP_LOGIN_OK);
  g_assert_cmpuint (strlen (token), ==, 43);   /* 32 bytes of base64url */
  dp_store_lookup_user (fixture->store, "an", &user_id, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Valid for its lifetime, then not. */
  g_assert_cmpint (dp_auth_check_token (fixture->store, token, T0), ==, user_id);
  g_assert_cmpint (dp_auth_check_token (fixture->store, token, T0 + 59), ==, user_id);
  g_assert_cmpint (dp_auth_check_token (fixture->store, token, T0 + 60), ==, 0);
  g_assert_cmpint (dp_auth_check_token (fixture->store, "forged", T0), ==, 0);
  g_assert_cmpint (dp_auth_check_token (fixture->store, "", T0), ==, 0);

  /* The database holds the token's SHA-256 only. */
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT token_hash FROM sessions", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, hash);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* A login clears the sessions that have expired by the time it is judged at, and only
 * those: a second login within the first one's lifetime leaves it valid. */
static void
test_sessions_expire_by_the_login_time (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  gint64 step = dp_totp_step_for_time (T0);

  g_assert_cmpint (login_at (fixture, T0, step, &first), ==, DP_LOGIN_OK);
  g_assert_cmpint (login_at (fixture, T0 + 30, step + 1, &second), ==, DP_LOGIN_OK);
  g_assert_cmpint (dp_auth_check_token (fixture->store, first, T0 + 31), !=, 0);
  g_assert_cmpint (dp_auth_check_token (fixture->store, second, T0 + 31), !=, 0);

  /* Much later: the first two are gone from the table, not only refused. */
  g_assert_cmpint (login_at (fixture, T0 + 3600, dp_totp_step_for_time (T0 + 3600), &third),
                   ==, DP_LOGIN_OK);
  g_assert_cmpint (dp_auth_check_token (fixture->store, first, T0 + 31), ==, 0);
  g_assert_cmpint (dp_auth_check_token (fixture->store, third, T0 + 3601), !=, 0);
}

static void
test_code_once (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 step = dp_totp_step_for_time (T0);

  g_assert_cmpint (login_at (fixture, T0, step, NULL), ==, DP_LOGIN_OK);
  /* The same code, and the one before it, are spent. */
  g_assert_cmpint (login_at (fixture, T0, step, NULL), ==, DP_LOGIN_REFUSED);
  g_assert_cmpint (login_at (fixture, T0, step - 1, NULL), ==, DP_LOGIN_REFUSED);
  /* The next step's code, within the skew, is not. */
  g_assert_cmpint (login_at (fixture, T0, step + 1, NULL), ==, DP_LOGIN_OK);
  /* Two steps off the clock: refused. */
  g_assert_cmpint (login_at (fixture, T0, step + 3, NULL), ==, DP_LOGIN_REFUSED);
}

static void
test_failure_limit (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 step = dp_totp_step_for_time (T0);

  char wrong[9] = "000000";

  /* A code that none of the accepted steps has. */
  for (guint attempt = 0;; attempt++)
    {
      gboolean valid = FALSE;

      for (gint64 near = step - 1; near <= step + 1; near++)
        {
          char code[9];

          dp_totp_format_code (fixture->secret, sizeof fixture->secret, near, code);
          valid |= g_str_equal (code, wrong);
        }
      if (!valid)
        break;
      g_snprintf (wrong, sizeof wrong, "%06u", attempt + 1);
    }

  for (guint i = 0; i < DP_AUTH_MAX_FAILURES; i++)
    {
      DpLoginResult result = dp_auth_login (fixture->store, "an", wrong, T0 + i, 60, NULL,
                                            NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (result, ==, DP_LOGIN_REFUSED);
    }

  /* Locked: the right code counts for nothing while five failures lie within the last
   * five minutes (a sliding window)... */
  g_assert_cmpint (login_at (fixture, T0 + 10, step, NULL), ==, DP_LOGIN_LOCKED);
  {
    gint64 still = T0 + DP_AUTH_FAILURE_WINDOW - 1;

    g_assert_cmpint (login_at (fixture, still, dp_totp_step_for_time (still), NULL), ==,
                     DP_LOGIN_LOCKED);
  }

  /* ...and once the first failures have left the window, a right code is taken. */
  {
    gint64 later = T0 + DP_AUTH_FAILURE_WINDOW + 1;

    g_assert_cmpint (login_at (fixture, later, dp_totp_step_for_time (later), NULL), ==,
                     DP_LOGIN_OK);
  }

  /* ...and an unknown user is refused like a wrong code, never locked. */
  for (guint i = 0; i < DP_AUTH_MAX_FAILURES + 2; i++)
    {
      g_assert_cmpint (dp_auth_login (fixture->store, "nobody", "123456", T0, 60, NULL, NULL,
                                      &error), ==, DP_LOGIN_REFUSED);
      g_assert_no_error (error);
    }
}

static void
test_new_token (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 1000; i++)
    {
      char *token = dp_auth_new_token ();

      g_assert_cmpuint (strlen (token), ==, 43);
      g_assert_null (strpbrk (token, "+/="));
      g_assert_true (g_hash_table_add (seen, token));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/auth/token", Fixture, NULL, fixture_set_up, test_token, fixture_tear_down);
  g_test_add ("/auth/sessions-expire", Fixture, NULL, fixture_set_up,
              test_sessions_expire_by_the_login_time, fixture_tear_down);
  g_test_add ("/auth/code-once", Fixture, NULL, fixture_set_up, test_code_once, fixture_tear_down);
  g_test_add ("/auth/failure-limit", Fixture, NULL, fixture_set_up, test_failure_limit,
              fixture_tear_down);
  g_test_add_func ("/auth/new-token", test_new_token);

  return g_test_run ();
}
