/* dp-store.c: the service's SQLite database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dp-store.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#define SCHEMA_VERSION 1

struct _DpStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  /* Prepared statements by their SQL text: each is prepared once and reused. */
  GHashTable *statements;
};

G_DEFINE_TYPE (DpStore, dp_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (dp-store-error-quark, dp_store_error)

static const char schema_sql[] =
  "CREATE TABLE IF NOT EXISTS campaigns ("
  "  year INTEGER PRIMARY KEY,"
  "  measurement_date TEXT NOT NULL,"
  "  deadline TEXT NOT NULL,"
  "  discount_cent INTEGER NOT NULL CHECK (discount_cent >= 0));"
  "CREATE TABLE IF NOT EXISTS facilities ("
  "  id INTEGER PRIMARY KEY,"
  "  registration_number TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  recognised_capacity INTEGER NOT NULL CHECK (recognised_capacity >= 0));"
  "CREATE TABLE IF NOT EXISTS users ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  totp_secret BLOB NOT NULL,"
  "  last_totp_step INTEGER NOT NULL DEFAULT -1);"
  "CREATE TABLE IF NOT EXISTS grants ("
  "  user_id INTEGER NOT NULL REFERENCES users (id),"
  "  facility_id INTEGER NOT NULL REFERENCES facilities (id),"
  "  PRIMARY KEY (user_id, facility_id));"
  "CREATE TABLE IF NOT EXISTS login_failures ("
  "  user_id INTEGER NOT NULL REFERENCES users (id),"
  "  at INTEGER NOT NULL);"
  "CREATE INDEX IF NOT EXISTS login_failures_by_user ON login_failures (user_id, at);"
  "CREATE TABLE IF NOT EXISTS sessions ("
  "  token_hash TEXT PRIMARY KEY,"
  "  user_id INTEGER NOT NULL REFERENCES users (id),"
  "  expires_at INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS measurements ("
  "  facility_id INTEGER NOT NULL REFERENCES facilities (id),"
  "  year INTEGER NOT NULL REFERENCES campaigns (year),"
  "  revision INTEGER NOT NULL,"
  "  status TEXT NOT NULL CHECK (status IN ('ontwerp', 'ingediend')),"
  "  document TEXT NOT NULL,"
  "  reference TEXT UNIQUE,"
  "  submitted_at TEXT,"
  "  idempotency_key TEXT,"
  "  response TEXT,"
  "  PRIMARY KEY (facility_id, year));";

void
dp_stored_measurement_clear (DpStoredMeasurement *m)
{
  g_clear_pointer (&m->document, g_free);
  g_clear_pointer (&m->reference, g_free);
  g_clear_pointer (&m->submitted_at, g_free);
  g_clear_pointer (&m->idempotency_key, g_free);
  g_clear_pointer (&m->response, g_free);
}

void
dp_dossier_row_free (DpDossierRow *row)
{
  if (row == NULL)
    return;
  g_free (row->registration_number);
  g_free (row->facility_name);
  g_free (row->submitted_at);
  g_free (row->reference);
  g_free (row);
}

static void
dp_store_finalize (GObject *object)
{
  DpStore *self = (DpStore *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      sqlite3_close (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (dp_store_parent_class)->finalize (object);
}

static void
dp_store_class_init (DpStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dp_store_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
dp_store_init (DpStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
}

static gboolean
set_sql_error (DpStore  *self,
               GError  **error)
{
  g_set_error (error, DP_STORE_ERROR, DP_STORE_ERROR_SQL, "%s", sqlite3_errmsg (self->db));
  return FALSE;
}

/* The prepared statement for @sql (a string literal: its address is the key), reset and
 * with its bindings cleared, ready to bind. */
static sqlite3_stmt *
prepare (DpStore    *self,
         const char *sql)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);

      if (rc != SQLITE_OK)
        {
          /* A typo in our own SQL: a programming error, not a runtime condition. */
          g_critical ("Cannot prepare “%s”: %s", sql, sqlite3_errmsg (self->db));
          return NULL;
        }
      g_hash_table_insert (self->statements, (gpointer) sql, stmt);
    }
  else
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }

  return stmt;
}

/* Runs a statement that returns no rows to completion. */
static gboolean
run (DpStore       *self,
     sqlite3_stmt  *stmt,
     GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return set_sql_error (self, error);
  return TRUE;
}

static gboolean
exec (DpStore     *self,
      const char  *sql,
      GError     **error)
{
  sqlite3_stmt *stmt = prepare (self, sql);

  if (stmt == NULL)
    return set_sql_error (self, error);
  return run (self, stmt, error);
}

static gboolean
begin (DpStore  *self,
       GError  **error)
{
  /* IMMEDIATE takes the write lock up front, so that an admin command running beside the
   * server waits on the busy timeout instead of failing half-way through. */
  return exec (self, "BEGIN IMMEDIATE", error);
}

static gboolean
commit (DpStore  *self,
        GError  **error)
{
  return exec (self, "COMMIT", error);
}

static void
rollback (DpStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    exec (self, "ROLLBACK", NULL);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static gboolean
create_schema (DpStore  *self,
               GError  **error)
{
  char *message = NULL;
  int version = 0;
  sqlite3_stmt *stmt;

  stmt = prepare (self, "PRAGMA user_version");
  if (stmt == NULL)
    return set_sql_error (self, error);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, DP_STORE_ERROR, DP_STORE_ERROR_INVALID,
                   "The database %s was made by a newer dagprijzen-server (schema %d)",
                   self->path, version);
      return FALSE;
    }

  /* The schema is a fixed script without parameters: the one place exec of raw SQL is
   * right. */
  if (sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, &message) != SQLITE_OK ||
      sqlite3_exec (self->db, schema_sql, NULL, NULL, &message) != SQLITE_OK ||
      sqlite3_exec (self->db, "PRAGMA user_version = 1", NULL, NULL, &message) != SQLITE_OK ||
      sqlite3_exec (self->db, "COMMIT", NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, DP_STORE_ERROR, DP_STORE_ERROR_SQL, "%s", message);
      sqlite3_free (message);
      rollback (self);
      return FALSE;
    }

  return TRUE;
}

static gboolean
seed_campaigns (DpStore  *self,
                GError  **error)
{
  for (guint year = 2023; year <= 2025; year++)
    {
      g_autoptr(DpCampaign) campaign = dp_campaign_new_for_year (year);
      sqlite3_stmt *stmt;
      g_autofree char *measured = NULL;
      g_autofree char *deadline = NULL;

      if (campaign == NULL)
        continue;
      measured = dp_date_to_iso (dp_campaign_get_measurement_date (campaign));
      deadline = dp_date_to_iso (dp_campaign_get_deadline (campaign));

      stmt = prepare (self, "INSERT OR IGNORE INTO campaigns (year, measurement_date, deadline,"
                            " discount_cent) VALUES (?1, ?2, ?3, ?4)");
      sqlite3_bind_int (stmt, 1, (int) year);
      sqlite3_bind_text (stmt, 2, measured, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, deadline, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, dp_campaign_get_discount (campaign));
      if (!run (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

DpStore *
dp_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(DpStore) self = NULL;
  g_autofree char *dir = NULL;
  char *message = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot create %s: %s", dir, g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (DP_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, DP_STORE_ERROR, DP_STORE_ERROR_SQL, "Cannot open %s: %s", path,
                   self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  /* An admin command may write while the server runs: wait for the lock, do not fail. */
  sqlite3_busy_timeout (self->db, 5000);

  if (sqlite3_exec (self->db,
                    "PRAGMA journal_mode = WAL;"
                    "PRAGMA synchronous = FULL;"
                    "PRAGMA foreign_keys = ON;",
                    NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, DP_STORE_ERROR, DP_STORE_ERROR_SQL, "%s: %s", path, message);
      sqlite3_free (message);
      return NULL;
    }

  if (!create_schema (self, error) || !seed_campaigns (self, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  return g_steal_pointer (&self);
}

char *
dp_store_integrity_check (DpStore *self)
{
  sqlite3_stmt *stmt;
  char *result = NULL;

  g_return_val_if_fail (DP_IS_STORE (self), NULL);

  stmt = prepare (self, "PRAGMA integrity_check");
  if (stmt == NULL)
    return g_strdup (sqlite3_errmsg (self->db));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = column_dup (stmt, 0);
  else
    result = g_strdup (sqlite3_errmsg (self->db));
  sqlite3_reset (stmt);
  return result;
}

gboolean
dp_store_add_campaign (DpStore     *self,
                       DpCampaign  *campaign,
                       GError     **error)
{
  g_autofree char *measured = NULL;
  g_autofree char *deadline = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DP_IS_STORE (self), FALSE);
  g_return_val_if_fail (DP_IS_CAMPAIGN (campaign), FALSE);

  measured = dp_date_to_iso (dp_campaign_get_measurement_date (campaign));
  deadline = dp_date_to_iso (dp_campaign_get_deadline (campaign));
  stmt = prepare (self, "INSERT INTO campaigns (year, measurement_date, deadline, discount_cent)"
                        " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (year) DO UPDATE SET"
                        " measurement_date = ?2, deadline = ?3, discount_cent = ?4");
  sqlite3_bind_int (stmt, 1, (int) dp_campaign_get_year (campaign));
  sqlite3_bind_text (stmt, 2, measured, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, deadline, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, dp_campaign_get_discount (campaign));
  return run (self, stmt, error);
}

static gboolean
insert_unique (DpStore       *self,
               sqlite3_stmt  *stmt,
               const char    *what,
               const char    *name,
               GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc == SQLITE_CONSTRAINT)
    {
      g_set_error (error, DP_STORE_ERROR, DP_STORE_ERROR_EXISTS, "%s “%s” already exists",
                   what, name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return set_sql_error (self, error);
  return TRUE;
}

gboolean
dp_store_add_facility (DpStore     *self,
                       const char  *registration_number,
                       const char  *name,
                       guint        recognised_capacity,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DP_IS_STORE (self), FALSE);

  if (registration_number == NULL || *registration_number == '\0' ||
      strchr (registration_number, '/') != NULL || name == NULL || *name == '\0')
    {
      g_set_error (error, DP_STORE_ERROR, DP_STORE_ERROR_INVALID,
                   "A facility needs a registration number without “/” and a name");
      return FALSE;
    }

  stmt = prepare (self, "INSERT INTO facilities (registration_number, name, recognised_capacity)"
                        " VALUES (?1, ?2, ?3)");
  sqlite3_bind_text (stmt, 1, registration_number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, recognised_capacity);
  return insert_unique (self, stmt, "Facility", registration_number, error);
}

gboolean
dp_store_add_user (DpStore       *self,
                   const char    *name,
                   const guint8  *totp_secret,
                   gsize          secret_len,
                   GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DP_IS_STORE (self), FALSE);
  g_return_val_if_fail (totp_secret != NULL && secret_len > 0, FALSE);

  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, DP_STORE_ERROR, DP_STORE_ERROR_INVALID, "A user needs a name");
      return FALSE;
    }

  stmt = prepare (self, "INSERT INTO users (name, totp_secret) VALUES (?1, ?2)");
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 2, totp_secret, (int) secret_len, SQLITE_STATIC);
  return insert_unique (self, stmt, "User", name, error);
}

gboolean
dp_store_grant (DpStore     *self,
                const char  *user_name,
                const char  *registration_number,
                GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DP_IS_STORE (self), FALSE);

  stmt = prepare (self, "INSERT OR IGNORE INTO grants (user_id, facility_id)"
                        " SELECT users.id, facilities.id FROM users, facilities"
                        " WHERE users.name = ?1 AND facilities.registration_number = ?2");
  sqlite3_bind_text (stmt, 1, user_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, registration_number, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sql_error (self, error);

  /* Nothing inserted: either it was granted already, or a name is unknown. */
  stmt = prepare (self, "SELECT 1 FROM grants JOIN users ON users.id = grants.user_id"
                        " JOIN facilities ON facilities.id = grants.facility_id"
                        " WHERE users.name = ?1 AND facilities.registration_number = ?2");
  sqlite3_bind_text (stmt, 1, user_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, registration_number, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, DP_STORE_ERROR, DP_STORE_ERROR_NOT_FOUND,
                   "No user “%s” or no facility “%s”", user_name, registration_number);
      return FALSE;
    }
  return TRUE;
}

gboolean
dp_store_lookup_user (DpStore     *self,
                      const char  *name,
                      gint64      *out_user_id,
                      GBytes     **out_secret,
                      gint64      *out_last_step,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DP_IS_STORE (self), FALSE);

  stmt = prepare (self, "SELECT id, totp_secret, last_totp_step FROM users WHERE name = ?1");
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (out_user_id != NULL)
        *out_user_id = sqlite3_column_int64 (stmt, 0);
      if (out_secret != NULL)
        *out_secret = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
      if (out_last_step != NULL)
        *out_last_step = sqlite3_column_int64 (stmt, 2);
      sqlite3_reset (stmt);
      return TRUE;
    }

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, DP_STORE_ERROR, DP_STORE_ERROR_NOT_FOUND, "No user “%s”", name);
  else
    set_sql_error (self, error);
  return FALSE;
}

guint
dp_store_count_login_failures (DpStore *self,
                               gint64   user_id,
                               gint64   since)
{
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (DP_IS_STORE (self), 0);

  stmt = prepare (self, "SELECT count(*) FROM login_failures WHERE user_id = ?1 AND at > ?2");
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, since);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

gboolean
dp_store_add_login_failure (DpStore  *self,
                            gint64    user_id,
                            gint64    at,
                            GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DP_IS_STORE (self), FALSE);

  if (!begin (self, error))
    return FALSE;

  /* Failures older than a day tell nothing any more: keep the table small. */
  stmt = prepare (self, "DELETE FROM login_failures WHERE at < ?1");
  sqlite3_bind_int64 (stmt, 1, at - 24 * 3600);
  if (!run (self, stmt, error))
    goto fail;

  stmt = prepare (self, "INSERT INTO login_failures (user_id, at) VALUES (?1, ?2)");
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, at);
  if (!run (self, stmt, error) || !commit (self, error))
    goto fail;
  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

gboolean
dp_store_accept_login (DpStore     *self,
                       gint64       user_id,
                       gint64       step,
                       const char  *token_hash,
                       gint64       now,
                       gint64       expires_at,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DP_IS_STORE (self), FALSE);

  if (!begin (self, error))
    return FALSE;

  /* The condition on the step makes a code usable once even if two logins race. */
  stmt = prepare (self, "UPDATE users SET last_totp_step = ?2"
                        " WHERE id = ?1 AND last_totp_step < ?2");
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, step);
  if (!run (self, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) != 1)
    {
      g_set_error (error, DP_STORE_ERROR, DP_STORE_ERROR_STALE, "The code was used already");
      goto fail;
    }

  stmt = prepare (self, "DELETE FROM sessions WHERE expires_at <= ?1");
  sqlite3_bind_int64 (stmt, 1, now);
  if (!run (self, stmt, error))
    goto fail;

  stmt = prepare (self, "INSERT INTO sessions (token_hash, user_id, expires_at)"
                        " VALUES (?1, ?2, ?3)");
  sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, user_id);
  sqlite3_bind_int64 (stmt, 3, expires_at);
  if (!run (self, stmt, error) || !commit (self, error))
    goto fail;
  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

gint64
dp_store_lookup_session (DpStore    *self,
                         const char *token_hash,
                         gint64      now)
{
  sqlite3_stmt *stmt;
  gint64 user_id = 0;

  g_return_val_if_fail (DP_IS_STORE (self), 0);

  stmt = prepare (self, "SELECT user_id FROM sessions WHERE token_hash = ?1 AND expires_at > ?2");
  sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, now);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    user_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return user_id;
}

GPtrArray *
dp_store_list_facilities (DpStore *self,
                          gint64   user_id)
{
  GPtrArray *facilities = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DP_IS_STORE (self), facilities);

  stmt = prepare (self, "SELECT registration_number, name, recognised_capacity FROM facilities"
                        " JOIN grants ON grants.facility_id = facilities.id"
                        " WHERE grants.user_id = ?1 ORDER BY registration_number");
  sqlite3_bind_int64 (stmt, 1, user_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (facilities,
                     dp_facility_new ((const char *) sqlite3_column_text (stmt, 0),
                                      (const char *) sqlite3_column_text (stmt, 1),
                                      (guint) sqlite3_column_int64 (stmt, 2)));
  sqlite3_reset (stmt);
  return facilities;
}

DpFacility *
dp_store_get_granted_facility (DpStore     *self,
                               gint64       user_id,
                               const char  *registration_number,
                               gint64      *out_facility_id,
                               GError     **error)
{
  sqlite3_stmt *stmt;
  DpFacility *facility = NULL;
  int rc;

  g_return_val_if_fail (DP_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT facilities.id, registration_number, name, recognised_capacity"
                        " FROM facilities JOIN grants ON grants.facility_id = facilities.id"
                        " WHERE grants.user_id = ?1 AND registration_number = ?2");
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, registration_number, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (out_facility_id != NULL)
        *out_facility_id = sqlite3_column_int64 (stmt, 0);
      facility = dp_facility_new ((const char *) sqlite3_column_text (stmt, 1),
                                  (const char *) sqlite3_column_text (stmt, 2),
                                  (guint) sqlite3_column_int64 (stmt, 3));
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, DP_STORE_ERROR, DP_STORE_ERROR_NOT_FOUND, "No facility “%s”",
                 registration_number);
  else
    set_sql_error (self, error);
  sqlite3_reset (stmt);
  return facility;
}

static DpCampaign *
campaign_from_row (sqlite3_stmt *stmt)
{
  GDate measured, deadline;

  if (!dp_date_from_iso ((const char *) sqlite3_column_text (stmt, 1), &measured) ||
      !dp_date_from_iso ((const char *) sqlite3_column_text (stmt, 2), &deadline))
    return NULL;
  return dp_campaign_new ((guint) sqlite3_column_int (stmt, 0), &measured, &deadline,
                          sqlite3_column_int64 (stmt, 3));
}

DpCampaign *
dp_store_get_campaign (DpStore  *self,
                       guint     year,
                       GError  **error)
{
  sqlite3_stmt *stmt;
  DpCampaign *campaign = NULL;
  int rc;

  g_return_val_if_fail (DP_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT year, measurement_date, deadline, discount_cent FROM campaigns"
                        " WHERE year = ?1");
  sqlite3_bind_int (stmt, 1, (int) year);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    campaign = campaign_from_row (stmt);
  else if (rc != SQLITE_DONE)
    set_sql_error (self, error);
  sqlite3_reset (stmt);

  if (campaign == NULL && error != NULL && *error == NULL)
    g_set_error (error, DP_STORE_ERROR, DP_STORE_ERROR_NOT_FOUND, "No campaign %u", year);
  return campaign;
}

GPtrArray *
dp_store_list_campaigns (DpStore *self)
{
  GPtrArray *campaigns = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DP_IS_STORE (self), campaigns);

  stmt = prepare (self, "SELECT year, measurement_date, deadline, discount_cent FROM campaigns"
                        " ORDER BY year DESC");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      DpCampaign *campaign = campaign_from_row (stmt);

      if (campaign != NULL)
        g_ptr_array_add (campaigns, campaign);
    }
  sqlite3_reset (stmt);
  return campaigns;
}

gboolean
dp_store_get_measurement (DpStore             *self,
                          gint64               facility_id,
                          guint                year,
                          DpStoredMeasurement *out,
                          GError             **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DP_IS_STORE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  stmt = prepare (self, "SELECT revision, status, document, reference, submitted_at,"
                        " idempotency_key, response FROM measurements"
                        " WHERE facility_id = ?1 AND year = ?2");
  sqlite3_bind_int64 (stmt, 1, facility_id);
  sqlite3_bind_int (stmt, 2, (int) year);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out->revision = sqlite3_column_int64 (stmt, 0);
      if (!dp_status_from_wire ((const char *) sqlite3_column_text (stmt, 1), &out->status))
        out->status = DP_STATUS_DRAFT;
      out->document = column_dup (stmt, 2);
      out->reference = column_dup (stmt, 3);
      out->submitted_at = column_dup (stmt, 4);
      out->idempotency_key = column_dup (stmt, 5);
      out->response = column_dup (stmt, 6);
      sqlite3_reset (stmt);
      return TRUE;
    }

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  return set_sql_error (self, error);
}

/* Inside a transaction: the stored revision (0 when none) and whether it is submitted. */
static gboolean
current_revision (DpStore   *self,
                  gint64     facility_id,
                  guint      year,
                  gint64    *out_revision,
                  gboolean  *out_submitted,
                  GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self, "SELECT revision, status FROM measurements"
                        " WHERE facility_id = ?1 AND year = ?2");
  sqlite3_bind_int64 (stmt, 1, facility_id);
  sqlite3_bind_int (stmt, 2, (int) year);
  rc = sqlite3_step (stmt);
  *out_revision = 0;
  *out_submitted = FALSE;
  if (rc == SQLITE_ROW)
    {
      *out_revision = sqlite3_column_int64 (stmt, 0);
      *out_submitted = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "ingediend") == 0;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_sql_error (self, error);
  return TRUE;
}

static gboolean
check_revision (gint64    stored,
                gboolean  submitted,
                gint64    expected,
                GError  **error)
{
  if (submitted)
    {
      g_set_error (error, DP_STORE_ERROR, DP_STORE_ERROR_SUBMITTED,
                   "The measurement is submitted and can no longer change");
      return FALSE;
    }
  /* -1 ("If-Match: *") matches any stored revision, but not the absence of one. */
  if ((expected >= 0 && expected != stored) || (expected == -1 && stored == 0))
    {
      g_set_error (error, DP_STORE_ERROR, DP_STORE_ERROR_STALE,
                   "The measurement was saved elsewhere in the meantime (revision %"
                   G_GINT64_FORMAT ", not %" G_GINT64_FORMAT ")", stored, expected);
      return FALSE;
    }
  return TRUE;
}

/* One write for a save and a submission: both are a new revision of the row, guarded by
 * the revision the client saw, in one transaction. A @reference makes it the submission. */
static gboolean
store_measurement (DpStore     *self,
                   gint64       facility_id,
                   guint        year,
                   gint64       expected_revision,
                   const char  *document,
                   const char  *reference,
                   const char  *submitted_at,
                   const char  *idempotency_key,
                   const char  *response,
                   gint64      *out_revision,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 stored;
  gboolean submitted;

  if (!begin (self, error))
    return FALSE;
  if (!current_revision (self, facility_id, year, &stored, &submitted, error) ||
      !check_revision (stored, submitted, expected_revision, error))
    goto fail;

  /* The row replaced is a draft (check_revision), which has no reference, time, key or
   * answer: a save writes them as NULL again. */
  stmt = prepare (self, "INSERT INTO measurements (facility_id, year, revision, status, document,"
                        " reference, submitted_at, idempotency_key, response)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                        " ON CONFLICT (facility_id, year) DO UPDATE SET"
                        " revision = ?3, status = ?4, document = ?5, reference = ?6,"
                        " submitted_at = ?7, idempotency_key = ?8, response = ?9");
  sqlite3_bind_int64 (stmt, 1, facility_id);
  sqlite3_bind_int (stmt, 2, (int) year);
  sqlite3_bind_int64 (stmt, 3, stored + 1);
  sqlite3_bind_text (stmt, 4, dp_status_to_wire (reference != NULL ? DP_STATUS_SUBMITTED
                                                                   : DP_STATUS_DRAFT),
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, document, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, reference, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, submitted_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, idempotency_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, response, -1, SQLITE_STATIC);
  if (!run (self, stmt, error) || !commit (self, error))
    goto fail;

  if (out_revision != NULL)
    *out_revision = stored + 1;
  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

gboolean
dp_store_put_draft (DpStore     *self,
                    gint64       facility_id,
                    guint        year,
                    gint64       expected_revision,
                    const char  *document,
                    gint64      *out_revision,
                    GError     **error)
{
  g_return_val_if_fail (DP_IS_STORE (self), FALSE);
  g_return_val_if_fail (document != NULL, FALSE);

  return store_measurement (self, facility_id, year, expected_revision, document,
                            NULL, NULL, NULL, NULL, out_revision, error);
}

gboolean
dp_store_submit (DpStore     *self,
                 gint64       facility_id,
                 guint        year,
                 gint64       expected_revision,
                 const char  *document,
                 const char  *reference,
                 const char  *submitted_at,
                 const char  *idempotency_key,
                 const char  *response,
                 GError     **error)
{
  g_return_val_if_fail (DP_IS_STORE (self), FALSE);
  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (reference != NULL, FALSE);

  return store_measurement (self, facility_id, year, expected_revision, document, reference,
                            submitted_at, idempotency_key, response, NULL, error);
}

gboolean
dp_store_reference_exists (DpStore    *self,
                           const char *reference)
{
  sqlite3_stmt *stmt;
  gboolean exists;

  g_return_val_if_fail (DP_IS_STORE (self), FALSE);

  stmt = prepare (self, "SELECT 1 FROM measurements WHERE reference = ?1");
  sqlite3_bind_text (stmt, 1, reference, -1, SQLITE_STATIC);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return exists;
}

GPtrArray *
dp_store_list_dossiers (DpStore *self,
                        gint64   user_id)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) dp_dossier_row_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DP_IS_STORE (self), rows);

  stmt = prepare (self, "SELECT facilities.registration_number, facilities.name,"
                        " measurements.year, measurements.status, measurements.submitted_at,"
                        " measurements.reference"
                        " FROM measurements"
                        " JOIN facilities ON facilities.id = measurements.facility_id"
                        " JOIN grants ON grants.facility_id = facilities.id"
                        " WHERE grants.user_id = ?1"
                        " ORDER BY measurements.year DESC, facilities.registration_number");
  sqlite3_bind_int64 (stmt, 1, user_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      DpDossierRow *row = g_new0 (DpDossierRow, 1);

      row->registration_number = column_dup (stmt, 0);
      row->facility_name = column_dup (stmt, 1);
      row->year = (guint) sqlite3_column_int (stmt, 2);
      if (!dp_status_from_wire ((const char *) sqlite3_column_text (stmt, 3), &row->status))
        row->status = DP_STATUS_DRAFT;
      row->submitted_at = column_dup (stmt, 4);
      row->reference = column_dup (stmt, 5);
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  return rows;
}
