/* dp-auth.c: logins with TOTP codes and bearer tokens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dp-auth.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "dp-totp.h"

#define TOKEN_BYTES 32

void
dp_auth_random_bytes (guint8 *buffer,
                      gsize   len)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t n = getrandom (buffer + done, len - done, 0);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          /* Without randomness no token or secret can be made safely: stop here. */
          g_error ("getrandom() failed: %s", g_strerror (errno));
        }
      done += (gsize) n;
    }
}

char *
dp_auth_new_token (void)
{
  guint8 bytes[TOKEN_BYTES];
  char *token;

  dp_auth_random_bytes (bytes, sizeof bytes);
  token = g_base64_encode (bytes, sizeof bytes);

  /* base64url (RFC 4648 section 5): safe in a header without quoting. */
  for (char *p = token; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }
  memset (bytes, 0, sizeof bytes);
  return token;
}

char *
dp_auth_hash_token (const char *token)
{
  g_return_val_if_fail (token != NULL, NULL);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

DpLoginResult
dp_auth_login (DpStore     *store,
               const char  *user_name,
               const char  *code,
               gint64       now,
               gint64       lifetime,
               char       **out_token,
               gint64      *out_expires_at,
               GError     **error)
{
  g_autoptr(GBytes) secret = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *hash = NULL;
  gint64 user_id = 0;
  gint64 last_step = -1;
  gint64 step = -1;
  const guint8 *key;
  gsize key_len;

  g_return_val_if_fail (DP_IS_STORE (store), DP_LOGIN_FAILED);

  if (user_name == NULL ||
      !dp_store_lookup_user (store, user_name, &user_id, &secret, &last_step, &local_error))
    {
      if (local_error != NULL && !g_error_matches (local_error, DP_STORE_ERROR,
                                                   DP_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return DP_LOGIN_FAILED;
        }
      /* An unknown name gets the answer of a wrong code: names are not revealed. */
      return DP_LOGIN_REFUSED;
    }

  if (dp_store_count_login_failures (store, user_id, now - DP_AUTH_FAILURE_WINDOW) >=
      DP_AUTH_MAX_FAILURES)
    return DP_LOGIN_LOCKED;

  key = g_bytes_get_data (secret, &key_len);
  if (!dp_totp_verify (key, key_len, code, now, last_step, &step))
    {
      if (!dp_store_add_login_failure (store, user_id, now, error))
        return DP_LOGIN_FAILED;
      return DP_LOGIN_REFUSED;
    }

  token = dp_auth_new_token ();
  hash = dp_auth_hash_token (token);
  if (!dp_store_accept_login (store, user_id, step, hash, now, now + lifetime,
                              &local_error))
    {
      if (g_error_matches (local_error, DP_STORE_ERROR, DP_STORE_ERROR_STALE))
        {
          /* Another login took this code a moment ago. */
          if (!dp_store_add_login_failure (store, user_id, now, error))
            return DP_LOGIN_FAILED;
          return DP_LOGIN_REFUSED;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return DP_LOGIN_FAILED;
    }

  if (out_token != NULL)
    *out_token = g_steal_pointer (&token);
  if (out_expires_at != NULL)
    *out_expires_at = now + lifetime;
  return DP_LOGIN_OK;
}

gint64
dp_auth_check_token (DpStore    *store,
                     const char *token,
                     gint64      now)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (DP_IS_STORE (store), 0);

  if (token == NULL || *token == '\0' || strlen (token) > 256)
    return 0;
  hash = dp_auth_hash_token (token);
  return dp_store_lookup_session (store, hash, now);
}
