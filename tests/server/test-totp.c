/* test-totp.c: HOTP and TOTP against the RFCs' own test vectors, base32, and the rules
 * the service adds (one step of skew, no code twice).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "dp-totp.h"

/* RFC 6238 appendix B: the SHA-1 key is the ASCII of "12345678901234567890". */
static const char rfc_key[] = "12345678901234567890";

static void
test_rfc6238_vectors (void)
{
  static const struct {
    gint64 time;
    guint32 code;
  } vectors[] = {
    { 59, 94287082 },
    { 1111111109, 7081804 },
    { 1111111111, 14050471 },
    { 1234567890, 89005924 },
    { 2000000000, 69279037 },
    { 20000000000, 65353130 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      gint64 step = dp_totp_step_for_time (vectors[i].time);
      char six[9];
      char expected_six[9];

      g_assert_cmpuint (dp_totp_hotp ((const guint8 *) rfc_key, 20, (guint64) step, 8), ==,
                        vectors[i].code);

      /* Six digits are the last six of the eight. */
      dp_totp_format_code ((const guint8 *) rfc_key, 20, step, six);
      g_snprintf (expected_six, sizeof expected_six, "%06u", vectors[i].code % 1000000);
      g_assert_cmpstr (six, ==, expected_six);
    }
}

/* RFC 4226 appendix D: HOTP values for counters 0 to 9 with the same key. */
static void
test_rfc4226_vectors (void)
{
  static const guint32 expected[] = {
    755224, 287082, 359152, 969429, 338314, 254676, 287922, 162583, 399871, 520489,
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpuint (dp_totp_hotp ((const guint8 *) rfc_key, 20, i, 6), ==, expected[i]);
}

static void
test_base32 (void)
{
  /* RFC 4648 section 10 (without padding). */
  static const struct {
    const char *plain;
    const char *encoded;
  } vectors[] = {
    { "", "" },
    { "f", "MY" },
    { "fo", "MZXQ" },
    { "foo", "MZXW6" },
    { "foob", "MZXW6YQ" },
    { "fooba", "MZXW6YTB" },
    { "foobar", "MZXW6YTBOI" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autofree char *encoded = dp_base32_encode ((const guint8 *) vectors[i].plain,
                                                   strlen (vectors[i].plain));
      g_autofree guint8 *decoded = NULL;
      g_autofree char *lower = g_ascii_strdown (vectors[i].encoded, -1);
      g_autofree guint8 *decoded_lower = NULL;
      gsize len = 0;

      g_assert_cmpstr (encoded, ==, vectors[i].encoded);
      decoded = dp_base32_decode (vectors[i].encoded, &len);
      g_assert_nonnull (decoded);
      g_assert_cmpmem (decoded, len, vectors[i].plain, strlen (vectors[i].plain));
      decoded_lower = dp_base32_decode (lower, &len);
      g_assert_cmpmem (decoded_lower, len, vectors[i].plain, strlen (vectors[i].plain));
    }

  g_assert_null (dp_base32_decode ("MZXW1", NULL));   /* 1 is not in the alphabet */
  g_assert_null (dp_base32_decode ("MZ-XW", NULL));
}

static void
test_verify_window (void)
{
  const guint8 *key = (const guint8 *) rfc_key;
  gint64 now = 1111111111;
  gint64 step = dp_totp_step_for_time (now);
  gint64 matched = -1;
  char code[9];

  /* The present step and one either side are accepted... */
  for (gint64 delta = -1; delta <= 1; delta++)
    {
      dp_totp_format_code (key, 20, step + delta, code);
      g_assert_true (dp_totp_verify (key, 20, code, now, -1, &matched));
      g_assert_cmpint (matched, ==, step + delta);
    }

  /* ...two steps away is not... */
  dp_totp_format_code (key, 20, step - 2, code);
  g_assert_false (dp_totp_verify (key, 20, code, now, -1, NULL));
  dp_totp_format_code (key, 20, step + 2, code);
  g_assert_false (dp_totp_verify (key, 20, code, now, -1, NULL));

  /* ...nor a code of a step already used, nor of one before it. */
  dp_totp_format_code (key, 20, step, code);
  g_assert_false (dp_totp_verify (key, 20, code, now, step, NULL));
  dp_totp_format_code (key, 20, step - 1, code);
  g_assert_false (dp_totp_verify (key, 20, code, now, step, NULL));
  dp_totp_format_code (key, 20, step + 1, code);
  g_assert_true (dp_totp_verify (key, 20, code, now, step, &matched));
  g_assert_cmpint (matched, ==, step + 1);

  /* Anything but six digits. */
  g_assert_false (dp_totp_verify (key, 20, "12345", now, -1, NULL));
  g_assert_false (dp_totp_verify (key, 20, "1234567", now, -1, NULL));
  g_assert_false (dp_totp_verify (key, 20, "12a456", now, -1, NULL));
  g_assert_false (dp_totp_verify (key, 20, NULL, now, -1, NULL));
}

static void
test_uri (void)
{
  g_autofree char *uri = dp_totp_dup_uri ("an de wit", (const guint8 *) "foobar", 6);

  g_assert_cmpstr (uri, ==, "otpauth://totp/Dagprijzen:an%20de%20wit?secret=MZXW6YTBOI"
                            "&issuer=Dagprijzen&algorithm=SHA1&digits=6&period=30");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/totp/rfc6238", test_rfc6238_vectors);
  g_test_add_func ("/totp/rfc4226", test_rfc4226_vectors);
  g_test_add_func ("/totp/base32", test_base32);
  g_test_add_func ("/totp/verify-window", test_verify_window);
  g_test_add_func ("/totp/uri", test_uri);

  return g_test_run ();
}
