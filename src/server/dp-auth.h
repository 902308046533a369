/* dp-auth.h: logins with TOTP codes, bearer tokens stored as hashes, and the limit on
 * failed logins.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "dp-store.h"

G_BEGIN_DECLS

/* At most this many failed logins per user within the window; then 429. */
#define DP_AUTH_MAX_FAILURES      5
#define DP_AUTH_FAILURE_WINDOW    (5 * 60)
/* A working day: long enough for one sitting over the form, short enough that a lost
 * token does not stay useful. */
#define DP_AUTH_SESSION_LIFETIME  (12 * 3600)

typedef enum {
  DP_LOGIN_OK,
  DP_LOGIN_REFUSED,   /* unknown user, wrong code, or a code used before */
  DP_LOGIN_LOCKED,    /* too many failures in the window: not even a right code counts */
  DP_LOGIN_FAILED,    /* the database failed: @error says why */
} DpLoginResult;

/* Fills @buffer with bytes from the kernel's random generator. */
void           dp_auth_random_bytes   (guint8       *buffer,
                                       gsize         len);
/* A new bearer token: 32 random bytes, base64url without padding. */
char          *dp_auth_new_token      (void);
/* What the database keeps of a token: its SHA-256, in hex. */
char          *dp_auth_hash_token     (const char   *token);

/* Checks @code for @user_name at @now (seconds since the epoch); on success stores the
 * session (lifetime @lifetime seconds) and gives the token and its expiry. */
DpLoginResult  dp_auth_login          (DpStore      *store,
                                       const char   *user_name,
                                       const char   *code,
                                       gint64        now,
                                       gint64        lifetime,
                                       char        **out_token,
                                       gint64       *out_expires_at,
                                       GError      **error);

/* The user of a bearer token that is live at @now, or 0. */
gint64         dp_auth_check_token    (DpStore      *store,
                                       const char   *token,
                                       gint64        now);

G_END_DECLS
