/* test-money.c: parsing and formatting euro amounts as cents.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>

#include "dagprijzen-core.h"

static void
test_parse_accepted (void)
{
  static const struct { const char *text; gint64 cents; } cases[] = {
    /* The forms DESIGN.md lists. */
    { "45", 4500 },
    { "45,5", 4550 },
    { "45,50", 4550 },
    { "45.50", 4550 },
    { "€ 45,50", 4550 },
    { "1.045,50", 104550 },
    /* The others dp-money.h promises. */
    { "45,50 €", 4550 },
    { "€45,50", 4550 },
    { "1 045,50", 104550 },
    { "1\xc2\xa0" "045,50", 104550 },       /* no-break space */
    { "  45,50\t", 4550 },
    { "45.5", 4550 },
    { "1.045", 104500 },                   /* a dot before three digits groups thousands */
    { "1.000.000", 100000000 },
    { "0", 0 },
    { "0,01", 1 },
    { "0,5", 50 },
    { ",50", 50 },
    { "45,", 4500 },
    { "45,-", 4500 },
    { "007", 700 },
    { "999999999,99", DP_CENTS_MAX },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 cents = -1;

      g_test_message ("parsing “%s”", cases[i].text);
      g_assert_true (dp_money_parse (cases[i].text, &cents, &error));
      g_assert_no_error (error);
      g_assert_cmpint (cents, ==, cases[i].cents);
    }
}

static void
test_parse_refused (void)
{
  static const struct { const char *text; DpMoneyError code; } cases[] = {
    { "", DP_MONEY_ERROR_EMPTY },
    { "   ", DP_MONEY_ERROR_EMPTY },
    { "€", DP_MONEY_ERROR_EMPTY },
    { "-45", DP_MONEY_ERROR_NEGATIVE },
    { "-45,50", DP_MONEY_ERROR_NEGATIVE },
    { "€ -45,50", DP_MONEY_ERROR_NEGATIVE },
    { "\xe2\x88\x92" "5", DP_MONEY_ERROR_NEGATIVE },  /* U+2212 minus sign */
    { "45,505", DP_MONEY_ERROR_TOO_MANY_DECIMALS },
    { "45.5055", DP_MONEY_ERROR_TOO_MANY_DECIMALS },
    { "0,001", DP_MONEY_ERROR_TOO_MANY_DECIMALS },
    { "abc", DP_MONEY_ERROR_INVALID },
    { "45 euro", DP_MONEY_ERROR_INVALID },
    { "4x5", DP_MONEY_ERROR_INVALID },
    { "1e3", DP_MONEY_ERROR_INVALID },
    { "+45", DP_MONEY_ERROR_INVALID },
    { "-", DP_MONEY_ERROR_INVALID },
    { "45,50,10", DP_MONEY_ERROR_INVALID },
    { "1,045.50", DP_MONEY_ERROR_INVALID },
    { "1.04,50", DP_MONEY_ERROR_INVALID },     /* a group of two digits */
    { "1.045.50", DP_MONEY_ERROR_INVALID },    /* grouping dots and a decimal dot */
    { "1 045.000,5 0", DP_MONEY_ERROR_INVALID },
    { "4 5", DP_MONEY_ERROR_INVALID },
    { ".", DP_MONEY_ERROR_INVALID },
    { ",", DP_MONEY_ERROR_INVALID },
    { "45 € 50", DP_MONEY_ERROR_INVALID },
    { "1000000000", DP_MONEY_ERROR_OVERFLOW },
    { "999999999999999999999999999", DP_MONEY_ERROR_OVERFLOW },
    { "1.000.000.000,00", DP_MONEY_ERROR_OVERFLOW },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 cents = 12345;

      g_test_message ("refusing “%s”", cases[i].text);
      g_assert_false (dp_money_parse (cases[i].text, &cents, &error));
      g_assert_error (error, DP_MONEY_ERROR, (int) cases[i].code);
      /* Untouched on failure, and the message says what to type. */
      g_assert_cmpint (cents, ==, 12345);
      g_assert_nonnull (error->message);
      g_assert_cmpuint (strlen (error->message), >, 10);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (dp_money_parse (NULL, NULL, &error));
    g_assert_error (error, DP_MONEY_ERROR, DP_MONEY_ERROR_EMPTY);
  }
}

static void
test_messages_say_what_to_type (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *example = dp_money_format (4550);

  g_assert_false (dp_money_parse ("abc", NULL, &error));
  g_assert_nonnull (strstr (error->message, "abc"));
  g_assert_nonnull (strstr (error->message, example));
  g_clear_error (&error);

  g_assert_false (dp_money_parse ("45,505", NULL, &error));
  g_assert_nonnull (strstr (error->message, example));
  g_clear_error (&error);

  g_assert_false (dp_money_parse ("1000000000", NULL, &error));
  g_assert_nonnull (strstr (error->message, "999999999"));
}

static void
test_format_c (void)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;
  g_autofree char *e = NULL;
  g_autofree char *f = NULL;
  g_autofree char *g = NULL;

  setlocale (LC_NUMERIC, "C");

  g_assert_cmpstr ((a = dp_money_format (4550)), ==, "45.50");
  g_assert_cmpstr ((b = dp_money_format (5)), ==, "0.05");
  g_assert_cmpstr ((c = dp_money_format (-629)), ==, "-6.29");
  g_assert_cmpstr ((d = dp_money_format (104550)), ==, "1045.50");
  g_assert_cmpstr ((e = dp_money_format (DP_CENTS_NONE)), ==, "");
  g_assert_cmpstr ((f = dp_money_format_euro (4550)), ==, "€ 45.50");
  g_assert_cmpstr ((g = dp_money_format (0)), ==, "0.00");
}

static void
test_format_dutch (void)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  gint64 cents = 0;

  if (setlocale (LC_NUMERIC, "nl_BE.UTF-8") == NULL)
    {
      g_test_skip ("the nl_BE.UTF-8 locale is not installed");
      return;
    }

  g_assert_cmpstr ((a = dp_money_format (4550)), ==, "45,50");
  g_assert_cmpstr ((b = dp_money_format_euro (3871)), ==, "€ 38,71");
  g_assert_cmpstr ((c = dp_money_format (104550)), ==, "1045,50");

  /* Parsing does not depend on the locale. */
  g_assert_true (dp_money_parse ("45.50", &cents, NULL));
  g_assert_cmpint (cents, ==, 4550);

  setlocale (LC_NUMERIC, "C");
}

static void
test_round_trip (void)
{
  setlocale (LC_NUMERIC, "C");

  for (gint64 cents = 0; cents < 200000; cents += 7)
    {
      g_autofree char *text = dp_money_format (cents);
      gint64 back = -1;

      g_assert_true (dp_money_parse (text, &back, NULL));
      g_assert_cmpint (back, ==, cents);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/money/parse/accepted", test_parse_accepted);
  g_test_add_func ("/money/parse/refused", test_parse_refused);
  g_test_add_func ("/money/parse/messages", test_messages_say_what_to_type);
  g_test_add_func ("/money/format/c", test_format_c);
  g_test_add_func ("/money/format/nl-BE", test_format_dutch);
  g_test_add_func ("/money/round-trip", test_round_trip);

  return g_test_run ();
}
