/* dp-store.h: the service's SQLite database: campaigns, facilities, users, grants,
 * sessions, login failures and measurements.
 *
 * Every statement is prepared once and run with bound parameters; every change that
 * touches more than one row is one transaction, so that a failed request changes nothing.
 * The database runs in WAL mode with synchronous=FULL: an answered save survives a crash
 * of the process or of the machine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dagprijzen-core.h"

G_BEGIN_DECLS

#define DP_STORE_ERROR (dp_store_error_quark ())

typedef enum {
  DP_STORE_ERROR_SQL,          /* the database refused: the message is SQLite's */
  DP_STORE_ERROR_NOT_FOUND,    /* no such user, facility, campaign or measurement */
  DP_STORE_ERROR_EXISTS,       /* the name is taken */
  DP_STORE_ERROR_STALE,        /* If-Match names an older revision */
  DP_STORE_ERROR_SUBMITTED,    /* the measurement is submitted and never changes again */
  DP_STORE_ERROR_INVALID,      /* an argument the store refuses (capacity, name) */
} DpStoreError;

GQuark dp_store_error_quark (void);

/* A stored measurement as it is on disk. */
typedef struct {
  gint64    revision;         /* 1 for the first save, +1 for each later one */
  DpStatus  status;
  char     *document;         /* the version-1 JSON document */
  char     *reference;        /* NULL while a draft */
  char     *submitted_at;     /* ISO 8601, NULL while a draft */
  char     *idempotency_key;  /* of the submission that was accepted */
  char     *response;         /* the body answered to that submission */
} DpStoredMeasurement;

void dp_stored_measurement_clear (DpStoredMeasurement *m);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DpStoredMeasurement, dp_stored_measurement_clear)

/* One row of the user's list of dossiers. */
typedef struct {
  char     *registration_number;
  char     *facility_name;
  guint     year;
  DpStatus  status;
  char     *submitted_at;
  char     *reference;
} DpDossierRow;

void dp_dossier_row_free (DpDossierRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DpDossierRow, dp_dossier_row_free)

#define DP_TYPE_STORE (dp_store_get_type ())

G_DECLARE_FINAL_TYPE (DpStore, dp_store, DP, STORE, GObject)

/* Opens (creating when missing, with its directory) the database at @path, brings the
 * schema up to date and makes sure the campaigns 2023-2025 are there. */
DpStore    *dp_store_open                    (const char    *path,
                                              GError       **error);
/* "ok" when PRAGMA integrity_check finds nothing; the first problem otherwise. */
char       *dp_store_integrity_check         (DpStore       *self);

/* Administration. */
gboolean    dp_store_add_campaign            (DpStore       *self,
                                              DpCampaign    *campaign,
                                              GError       **error);
gboolean    dp_store_add_facility            (DpStore       *self,
                                              const char    *registration_number,
                                              const char    *name,
                                              guint          recognised_capacity,
                                              GError       **error);
gboolean    dp_store_add_user                (DpStore       *self,
                                              const char    *name,
                                              const guint8  *totp_secret,
                                              gsize          secret_len,
                                              GError       **error);
gboolean    dp_store_grant                   (DpStore       *self,
                                              const char    *user_name,
                                              const char    *registration_number,
                                              GError       **error);

/* Logins. */
gboolean    dp_store_lookup_user             (DpStore       *self,
                                              const char    *name,
                                              gint64        *out_user_id,
                                              GBytes       **out_secret,
                                              gint64        *out_last_step,
                                              GError       **error);
guint       dp_store_count_login_failures    (DpStore       *self,
                                              gint64         user_id,
                                              gint64         since);
gboolean    dp_store_add_login_failure       (DpStore       *self,
                                              gint64         user_id,
                                              gint64         at,
                                              GError       **error);
/* In one transaction: records @step as the user's last used TOTP step (refusing, with
 * DP_STORE_ERROR_STALE, one at or before the recorded step), drops the sessions expired by
 * @now and stores the new one. */
gboolean    dp_store_accept_login            (DpStore       *self,
                                              gint64         user_id,
                                              gint64         step,
                                              const char    *token_hash,
                                              gint64         now,
                                              gint64         expires_at,
                                              GError       **error);
/* The user of a live session, or 0. */
gint64      dp_store_lookup_session          (DpStore       *self,
                                              const char    *token_hash,
                                              gint64         now);

/* Facilities and campaigns. */
GPtrArray  *dp_store_list_facilities         (DpStore       *self,
                                              gint64         user_id);
/* The facility when granted to the user, else NULL (and NOT_FOUND: the service does not
 * reveal whether a facility it does not grant exists). */
DpFacility *dp_store_get_granted_facility    (DpStore       *self,
                                              gint64         user_id,
                                              const char    *registration_number,
                                              gint64        *out_facility_id,
                                              GError       **error);
DpCampaign *dp_store_get_campaign            (DpStore       *self,
                                              guint          year,
                                              GError       **error);
GPtrArray  *dp_store_list_campaigns          (DpStore       *self);

/* Measurements. */
/* The stored measurement of @year in @out; when none is stored, TRUE with @out empty
 * (document NULL, revision 0): only a failing database is an error. */
gboolean    dp_store_get_measurement         (DpStore       *self,
                                              gint64         facility_id,
                                              guint          year,
                                              DpStoredMeasurement *out,
                                              GError       **error);
/* Saves @document as the draft. @expected_revision is the revision the client last saw
 * (0: none stored yet), or -1 for any stored one. Fails with STALE or SUBMITTED and then
 * changes nothing. */
gboolean    dp_store_put_draft               (DpStore       *self,
                                              gint64         facility_id,
                                              guint          year,
                                              gint64         expected_revision,
                                              const char    *document,
                                              gint64        *out_revision,
                                              GError       **error);
/* Stores the submitted @document with its reference, time, key and answer, provided the
 * stored revision is still @expected_revision (0: none stored) and not submitted. */
gboolean    dp_store_submit                  (DpStore       *self,
                                              gint64         facility_id,
                                              guint          year,
                                              gint64         expected_revision,
                                              const char    *document,
                                              const char    *reference,
                                              const char    *submitted_at,
                                              const char    *idempotency_key,
                                              const char    *response,
                                              GError       **error);
gboolean    dp_store_reference_exists        (DpStore       *self,
                                              const char    *reference);
/* The user's dossiers: a new array of DpDossierRow, newest year first. */
GPtrArray  *dp_store_list_dossiers           (DpStore       *self,
                                              gint64         user_id);

G_END_DECLS
