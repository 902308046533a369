/* dp-eloket-client.h: the client of the e-loket dossier service (DESIGN.md, "Service API").
 *
 * Every request of the API as an async call with a GCancellable, returning typed results or a
 * GError in DP_ELOKET_ERROR whose message says what happened and what to do. The application
 * and the CLI talk to the service only through this object: no libsoup outside src/net.
 *
 * Transient failures (no connection, a timeout, 502/503/504) are retried with exponential
 * backoff. A submission is only ever repeated with the idempotency key its caller passed, so
 * an answer lost on the way back can never make two submissions.
 *
 * The system proxy (GProxyResolver default) and the system's TLS trust (the default
 * GTlsDatabase) are honoured; "tls-database" replaces the trust store for tests only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dagprijzen-core.h"
#include "dp-dossier-summary.h"

G_BEGIN_DECLS

#define DP_ELOKET_ERROR (dp_eloket_error_quark ())

typedef enum {
  DP_ELOKET_ERROR_WRONG_CODE,         /* 401 on login */
  DP_ELOKET_ERROR_TOO_MANY_ATTEMPTS,  /* 429 */
  DP_ELOKET_ERROR_SESSION_EXPIRED,    /* 401 on anything but login: log in again */
  DP_ELOKET_ERROR_NOT_FOUND,          /* 404: unknown, or not granted to this user */
  DP_ELOKET_ERROR_CONFLICT_CHANGED,   /* 412: the draft was saved elsewhere in the meantime */
  DP_ELOKET_ERROR_ALREADY_SUBMITTED,  /* 409 */
  DP_ELOKET_ERROR_DEADLINE_PASSED,    /* 403 */
  DP_ELOKET_ERROR_REFUSED,            /* 422: the checks found errors (see the findings) */
  DP_ELOKET_ERROR_OFFLINE,            /* no network, refused, unreachable, timeout, DNS */
  DP_ELOKET_ERROR_SERVER,             /* 5xx */
  DP_ELOKET_ERROR_PROTOCOL,           /* an answer this client does not understand */
  DP_ELOKET_ERROR_INVALID,            /* 400/413: the service could not read the request */
  DP_ELOKET_ERROR_CERTIFICATE,        /* the service's TLS certificate is not trusted */
} DpEloketError;

GQuark dp_eloket_error_quark (void);

/* A new error of @code with its usual message, for the codes whose message needs no figures
 * (all but REFUSED, SERVER and PROTOCOL): for code that reports the same situation. */
GError  *dp_eloket_error_new (DpEloketError code);

/* TRUE for the errors after which the work can be sent later unchanged (OFFLINE, SERVER):
 * the application keeps the local draft and tries again when the service is back. */
gboolean dp_eloket_error_is_transient (const GError *error);

#define DP_TYPE_ELOKET_CLIENT (dp_eloket_client_get_type ())

G_DECLARE_FINAL_TYPE (DpEloketClient, dp_eloket_client, DP, ELOKET_CLIENT, GObject)

/* Properties (G_PARAM_EXPLICIT_NOTIFY):
 *   "base-url"        char*          read-write, e.g. "https://eloket.example/" (a missing
 *                                    trailing slash is added); the API lives under api/v1/
 *   "token"           char*          read-write, the session token (set by a login)
 *   "tls-database"    GTlsDatabase*  read-write, NULL (the default) for the system's trust;
 *                                    set only to trust a test CA. A change closes the open
 *                                    connections (and ends the requests on their way)
 *   "timeout"         guint          read-write, seconds of silence before a request fails
 *                                    (and is retried when that is safe); default 30
 *   "max-attempts"    guint          read-write, attempts per request for transient
 *                                    failures, at least 1; default 4
 *   "retry-delay"     guint          read-write, milliseconds before the first retry, doubled
 *                                    for each further one; default 500
 */

DpEloketClient *dp_eloket_client_new              (const char      *base_url);

const char     *dp_eloket_client_get_base_url     (DpEloketClient  *self);
void            dp_eloket_client_set_base_url     (DpEloketClient  *self,
                                                   const char      *base_url);
const char     *dp_eloket_client_get_token        (DpEloketClient  *self);
void            dp_eloket_client_set_token        (DpEloketClient  *self,
                                                   const char      *token);
GTlsDatabase   *dp_eloket_client_get_tls_database (DpEloketClient  *self);
void            dp_eloket_client_set_tls_database (DpEloketClient  *self,
                                                   GTlsDatabase    *database);
guint           dp_eloket_client_get_timeout      (DpEloketClient  *self);
void            dp_eloket_client_set_timeout      (DpEloketClient  *self,
                                                   guint            seconds);
guint           dp_eloket_client_get_max_attempts (DpEloketClient  *self);
void            dp_eloket_client_set_max_attempts (DpEloketClient  *self,
                                                   guint            max_attempts);
guint           dp_eloket_client_get_retry_delay  (DpEloketClient  *self);
void            dp_eloket_client_set_retry_delay  (DpEloketClient  *self,
                                                   guint            milliseconds);

/* POST /api/v1/sessies. On success the client keeps the token ("token" is notified) and
 * returns a copy of it, with its expiry in @out_expires_at (may be NULL).
 * WRONG_CODE, TOO_MANY_ATTEMPTS. */
void            dp_eloket_client_login_async      (DpEloketClient  *self,
                                                   const char      *user,
                                                   const char      *totp_code,
                                                   GCancellable    *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer         user_data);
char           *dp_eloket_client_login_finish     (DpEloketClient  *self,
                                                   GAsyncResult    *result,
                                                   GDateTime      **out_expires_at,
                                                   GError         **error);

/* GET /api/v1/campagnes: a new array of DpCampaign, the campaigns the service knows; the
 * service's date (its clock decides deadlines) in @out_today and the year of the campaign open
 * for submission on it in @out_open_year (0 when none is). Either out-parameter may be NULL. */
void            dp_eloket_client_list_campaigns_async   (DpEloketClient  *self,
                                                         GCancellable    *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer         user_data);
GPtrArray      *dp_eloket_client_list_campaigns_finish  (DpEloketClient  *self,
                                                         GAsyncResult    *result,
                                                         GDate           *out_today,
                                                         guint           *out_open_year,
                                                         GError         **error);

/* GET /api/v1/voorzieningen: a new array of DpFacility, the facilities this user acts for. */
void            dp_eloket_client_list_facilities_async  (DpEloketClient  *self,
                                                         GCancellable    *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer         user_data);
GPtrArray      *dp_eloket_client_list_facilities_finish (DpEloketClient  *self,
                                                         GAsyncResult    *result,
                                                         GError         **error);

/* GET /api/v1/voorzieningen/{erk}/metingen/{jaar}: the dossier (a new draft prefilled from
 * last year's submission when none exists yet) and its ETag for a later save. */
void            dp_eloket_client_get_measurement_async  (DpEloketClient  *self,
                                                         const char      *registration_number,
                                                         guint            year,
                                                         GCancellable    *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer         user_data);
DpDossier      *dp_eloket_client_get_measurement_finish (DpEloketClient  *self,
                                                         GAsyncResult    *result,
                                                         char           **out_etag,
                                                         GError         **error);

/* PUT /api/v1/voorzieningen/{erk}/metingen/{jaar} of @dossier (its facility and campaign
 * name the place), with If-Match: @etag when not NULL. Returns the new ETag.
 * CONFLICT_CHANGED when it was saved elsewhere since @etag; ALREADY_SUBMITTED. The dossier is
 * serialised at the call, so later edits do not race the request. */
void            dp_eloket_client_save_measurement_async  (DpEloketClient  *self,
                                                          DpDossier       *dossier,
                                                          const char      *etag,
                                                          GCancellable    *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer         user_data);
char           *dp_eloket_client_save_measurement_finish (DpEloketClient  *self,
                                                          GAsyncResult    *result,
                                                          GError         **error);

/* POST /api/v1/voorzieningen/{erk}/metingen/{jaar}/indiening: submits the saved draft.
 * @idempotency_key is made by the caller once per intended submission (for instance
 * g_uuid_string_random()) and passed again, unchanged, to any later attempt to send the same
 * submission: the service then answers with the first submission's reference instead of
 * submitting twice. Returns the reference, and the submission time in @out_submitted_at.
 * @out_findings gets the findings the service sent (DpFinding made from their paths, their
 * messages the translated explanation of their code, dp_check_code_describe()), or NULL: on
 * success its warnings, with REFUSED the errors (and warnings) that stopped it.
 * ALREADY_SUBMITTED, DEADLINE_PASSED, CONFLICT_CHANGED (a save raced the submission). */
void            dp_eloket_client_submit_async     (DpEloketClient  *self,
                                                   const char      *registration_number,
                                                   guint            year,
                                                   const char      *idempotency_key,
                                                   GCancellable    *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer         user_data);
char           *dp_eloket_client_submit_finish    (DpEloketClient  *self,
                                                   GAsyncResult    *result,
                                                   GDateTime      **out_submitted_at,
                                                   GPtrArray      **out_findings,
                                                   GError         **error);

/* GET /api/v1/dossiers: a new array of DpDossierSummary, the user's dossiers. */
void            dp_eloket_client_list_dossiers_async  (DpEloketClient  *self,
                                                       GCancellable    *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer         user_data);
GPtrArray      *dp_eloket_client_list_dossiers_finish (DpEloketClient  *self,
                                                       GAsyncResult    *result,
                                                       GError         **error);

G_END_DECLS
