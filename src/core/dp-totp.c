/* dp-totp.c: one-time login codes (RFC 4226, RFC 6238) and their secrets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dp-totp.h"

#include <string.h>

static const char base32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

guint32
dp_totp_hotp (const guint8 *key,
              gsize         key_len,
              guint64       counter,
              guint         digits)
{
  g_autoptr(GHmac) hmac = NULL;
  guint8 message[8];
  guint8 digest[20];
  gsize digest_len = sizeof digest;
  guint offset;
  guint32 binary;
  guint32 modulus = 1;

  g_return_val_if_fail (key != NULL, 0);
  g_return_val_if_fail (digits >= 6 && digits <= 8, 0);

  /* The counter goes in big-endian, whatever the host. */
  for (guint i = 0; i < 8; i++)
    message[i] = (guint8) (counter >> (56 - 8 * i));

  hmac = g_hmac_new (G_CHECKSUM_SHA1, key, key_len);
  g_hmac_update (hmac, message, sizeof message);
  g_hmac_get_digest (hmac, digest, &digest_len);
  g_assert (digest_len == 20);

  /* Dynamic truncation, RFC 4226 section 5.3. */
  offset = digest[19] & 0x0f;
  binary = ((guint32) (digest[offset] & 0x7f) << 24)
         | ((guint32) digest[offset + 1] << 16)
         | ((guint32) digest[offset + 2] << 8)
         | (guint32) digest[offset + 3];

  for (guint i = 0; i < digits; i++)
    modulus *= 10;

  return binary % modulus;
}

gint64
dp_totp_step_for_time (gint64 unix_time)
{
  if (unix_time < 0)
    return -1;
  return unix_time / DP_TOTP_PERIOD;
}

void
dp_totp_format_code (const guint8 *key,
                     gsize         key_len,
                     gint64        step,
                     char          out[static 9])
{
  guint32 code = dp_totp_hotp (key, key_len, (guint64) step, DP_TOTP_DIGITS);

  g_snprintf (out, 9, "%06u", code);
}

static gboolean
constant_time_equal (const char *a,
                     const char *b,
                     gsize       len)
{
  guint8 diff = 0;

  for (gsize i = 0; i < len; i++)
    diff |= (guint8) (a[i] ^ b[i]);
  return diff == 0;
}

gboolean
dp_totp_verify (const guint8 *key,
                gsize         key_len,
                const char   *code,
                gint64        unix_time,
                gint64        last_used_step,
                gint64       *out_step)
{
  gint64 now_step;
  gboolean found = FALSE;
  gint64 found_step = -1;

  g_return_val_if_fail (key != NULL, FALSE);

  if (code == NULL || strlen (code) != DP_TOTP_DIGITS)
    return FALSE;
  for (guint i = 0; i < DP_TOTP_DIGITS; i++)
    if (!g_ascii_isdigit (code[i]))
      return FALSE;

  now_step = dp_totp_step_for_time (unix_time);

  /* Every candidate is computed, so that the time taken does not tell which step matched. */
  for (gint64 step = now_step - 1; step <= now_step + 1; step++)
    {
      char expected[9];

      if (step < 0)
        continue;
      dp_totp_format_code (key, key_len, step, expected);
      if (constant_time_equal (expected, code, DP_TOTP_DIGITS) && step > last_used_step && !found)
        {
          found = TRUE;
          found_step = step;
        }
    }

  if (found && out_step != NULL)
    *out_step = found_step;
  return found;
}

char *
dp_base32_encode (const guint8 *data,
                  gsize         len)
{
  GString *out = g_string_sized_new ((len * 8 + 4) / 5 + 1);
  guint32 buffer = 0;
  guint bits = 0;

  for (gsize i = 0; i < len; i++)
    {
      buffer = (buffer << 8) | data[i];
      bits += 8;
      while (bits >= 5)
        {
          g_string_append_c (out, base32_alphabet[(buffer >> (bits - 5)) & 0x1f]);
          bits -= 5;
        }
    }
  if (bits > 0)
    g_string_append_c (out, base32_alphabet[(buffer << (5 - bits)) & 0x1f]);

  return g_string_free (out, FALSE);
}

guint8 *
dp_base32_decode (const char *text,
                  gsize      *out_len)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint32 buffer = 0;
  guint bits = 0;

  g_return_val_if_fail (text != NULL, NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      char c = g_ascii_toupper (*p);
      const char *pos;
      guint8 byte;

      if (c == ' ' || c == '=')
        continue;
      pos = strchr (base32_alphabet, c);
      if (pos == NULL || c == '\0')
        return NULL;
      buffer = (buffer << 5) | (guint32) (pos - base32_alphabet);
      bits += 5;
      if (bits >= 8)
        {
          byte = (guint8) (buffer >> (bits - 8));
          g_byte_array_append (out, &byte, 1);
          bits -= 8;
        }
    }

  if (out_len != NULL)
    *out_len = out->len;
  if (out->len == 0)
    return g_new0 (guint8, 1);   /* empty, but not the NULL of an error */
  return g_byte_array_free (g_steal_pointer (&out), FALSE);
}

char *
dp_totp_dup_uri (const char   *user_name,
                 const guint8 *key,
                 gsize         key_len)
{
  g_autofree char *secret = dp_base32_encode (key, key_len);
  g_autofree char *escaped_user = g_uri_escape_string (user_name, NULL, FALSE);

  return g_strdup_printf ("otpauth://totp/Dagprijzen:%s?secret=%s&issuer=Dagprijzen"
                          "&algorithm=SHA1&digits=%d&period=%d",
                          escaped_user, secret, DP_TOTP_DIGITS, DP_TOTP_PERIOD);
}
