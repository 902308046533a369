/* dp-totp.h: one-time login codes, RFC 4226 (HOTP) and RFC 6238 (TOTP), and the base32
 * secrets and otpauth:// URIs that authenticator apps read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The user of `dagprijzen-server --demo` and their secret: fixed and published (README), so
 * that anyone may log in to a demo server, and the application can show the demo code.
 * Base32 of 20 bytes. */
#define DP_DEMO_USER         "demo"
#define DP_DEMO_TOTP_SECRET  "DAGPRIJZENDEMOWZCDELINDEMEIJAARS"

/* RFC 6238 with the defaults every authenticator app uses. */
#define DP_TOTP_PERIOD        30
#define DP_TOTP_DIGITS        6
/* Bytes of a new secret: 160 bits, the size of an HMAC-SHA-1 block's recommended key. */
#define DP_TOTP_SECRET_BYTES  20

/* HOTP (RFC 4226 section 5.3) with HMAC-SHA-1: the code for @counter, @digits long
 * (6 to 8), as a number; print it with leading zeros. */
guint32   dp_totp_hotp               (const guint8 *key,
                                      gsize         key_len,
                                      guint64       counter,
                                      guint         digits);

/* The 30-second step that @unix_time (seconds since the epoch) falls in. */
gint64    dp_totp_step_for_time      (gint64        unix_time);

/* The six-digit code of @step, zero-padded, in @out (at least 7 bytes). */
void      dp_totp_format_code        (const guint8 *key,
                                      gsize         key_len,
                                      gint64        step,
                                      char          out[static 9]);

/* Checks @code against the steps of @unix_time and one step either side (clock skew),
 * skipping any step at or before @last_used_step so that a code is never accepted
 * twice. TRUE with the matching step in @out_step. @code must be exactly six digits. */
gboolean  dp_totp_verify             (const guint8 *key,
                                      gsize         key_len,
                                      const char   *code,
                                      gint64        unix_time,
                                      gint64        last_used_step,
                                      gint64       *out_step);

/* RFC 4648 base32, upper case, without padding: what otpauth:// URIs carry. */
char     *dp_base32_encode           (const guint8 *data,
                                      gsize         len);
/* Accepts upper or lower case, ignores spaces and '=' padding. NULL on anything else. */
guint8   *dp_base32_decode           (const char   *text,
                                      gsize        *out_len);

/* otpauth://totp/Dagprijzen:NAME?secret=...&issuer=Dagprijzen&... */
char     *dp_totp_dup_uri            (const char   *user_name,
                                      const guint8 *key,
                                      gsize         key_len);

G_END_DECLS
