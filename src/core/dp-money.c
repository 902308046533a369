/* dp-money.c: euro amounts as gint64 cents, parsed and printed without doubles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <langinfo.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "dp-money.h"

G_DEFINE_QUARK (dp-money-error-quark, dp_money_error)

#define EURO_SIGN "\xe2\x82\xac"
#define MINUS_SIGN "\xe2\x88\x92"  /* U+2212, what some keyboards and spreadsheets give */

/* The example amount of every message, written the way this locale prints amounts. */
#define EXAMPLE_CENTS 4550

/* Length in bytes of the white space character at @p (ASCII space, no-break space or
 * narrow no-break space, the grouping characters of printed amounts), 0 if none. */
static gsize
space_len (const char *p,
           const char *end)
{
  if (p >= end)
    return 0;
  if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    return 1;
  if (end - p >= 2 && (guchar) p[0] == 0xc2 && (guchar) p[1] == 0xa0)
    return 2;
  if (end - p >= 3 && (guchar) p[0] == 0xe2 && (guchar) p[1] == 0x80 && (guchar) p[2] == 0xaf)
    return 3;
  return 0;
}

static gsize
space_len_before (const char *start,
                  const char *end)
{
  if (end - start >= 1 && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
    return 1;
  if (end - start >= 2 && (guchar) end[-2] == 0xc2 && (guchar) end[-1] == 0xa0)
    return 2;
  if (end - start >= 3 && (guchar) end[-3] == 0xe2 && (guchar) end[-2] == 0x80
      && (guchar) end[-1] == 0xaf)
    return 3;
  return 0;
}

static void
trim (const char **start,
      const char **end)
{
  gsize n;

  while ((n = space_len (*start, *end)) > 0)
    *start += n;
  while ((n = space_len_before (*start, *end)) > 0)
    *end -= n;
}

static gboolean
eat_prefix (const char **start,
            const char  *end,
            const char  *prefix)
{
  gsize len = strlen (prefix);

  if ((gsize) (end - *start) >= len && memcmp (*start, prefix, len) == 0)
    {
      *start += len;
      return TRUE;
    }
  return FALSE;
}

static gboolean
eat_suffix (const char  *start,
            const char **end,
            const char  *suffix)
{
  gsize len = strlen (suffix);

  if ((gsize) (*end - start) >= len && memcmp (*end - len, suffix, len) == 0)
    {
      *end -= len;
      return TRUE;
    }
  return FALSE;
}

static gboolean
set_error (GError       **error,
           DpMoneyError   code,
           const char    *text)
{
  g_autofree char *example = dp_money_format (EXAMPLE_CENTS);
  g_autofree char *largest = NULL;

  switch (code)
    {
    case DP_MONEY_ERROR_EMPTY:
      g_set_error (error, DP_MONEY_ERROR, code,
                   _("No amount: type an amount in euro, for example %s"), example);
      break;
    case DP_MONEY_ERROR_INVALID:
      g_set_error (error, DP_MONEY_ERROR, code,
                   _("“%s” is not an amount: type only digits and at most one decimal "
                     "comma, for example %s"), text, example);
      break;
    case DP_MONEY_ERROR_NEGATIVE:
      g_set_error (error, DP_MONEY_ERROR, code,
                   _("An amount cannot be negative: type it without a minus sign, "
                     "for example %s"), example);
      break;
    case DP_MONEY_ERROR_TOO_MANY_DECIMALS:
      g_set_error (error, DP_MONEY_ERROR, code,
                   _("An amount has at most two decimals (euro cents): type for example %s"),
                   example);
      break;
    case DP_MONEY_ERROR_OVERFLOW:
      largest = dp_money_format (DP_CENTS_MAX);
      g_set_error (error, DP_MONEY_ERROR, code,
                   _("The amount is too large: type at most %s"), largest);
      break;
    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

/* Parses the whole euros of @start..@end: digits, optionally grouped by thousands with
 * one kind of separator ('.' or a space): the first group one to three digits, every
 * other group exactly three. An empty part is zero euros (",50"). */
static gboolean
parse_euros (const char   *start,
             const char   *end,
             gboolean     *out_overflow,
             gint64       *out_euros)
{
  gint64 euros = 0;
  gboolean overflow = FALSE;
  char sep = 0;          /* '.' or ' ' once a separator was met */
  guint group_len = 0;   /* digits in the current group */
  gboolean grouped = FALSE;
  const char *p = start;

  while (p < end)
    {
      gsize n;

      if (g_ascii_isdigit (*p))
        {
          if (euros > DP_CENTS_MAX / 100)
            overflow = TRUE;
          else
            euros = euros * 10 + (*p - '0');
          group_len++;
          p++;
          continue;
        }

      if (*p == '.')
        n = 1;
      else if ((n = space_len (p, end)) == 0)
        return FALSE;

      if (sep == 0)
        sep = *p == '.' ? '.' : ' ';
      else if (sep != (*p == '.' ? '.' : ' '))
        return FALSE;

      /* The group that ends here: the first has one to three digits, the others three. */
      if (grouped ? group_len != 3 : (group_len < 1 || group_len > 3))
        return FALSE;
      grouped = TRUE;
      group_len = 0;
      p += n;
    }

  if (grouped && group_len != 3)
    return FALSE;

  *out_overflow = overflow;
  *out_euros = euros;
  return TRUE;
}

gboolean
dp_money_parse (const char  *text,
                gint64      *out_cents,
                GError     **error)
{
  const char *start;
  const char *end;
  const char *p;
  const char *dec = NULL;   /* the decimal separator, if any */
  const char *frac_end;
  gboolean negative = FALSE;
  gboolean overflow = FALSE;
  gint64 euros;
  gint64 cents;
  guint n_commas = 0;
  guint n_dots = 0;
  const char *last_dot = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    return set_error (error, DP_MONEY_ERROR_EMPTY, "");

  start = text;
  end = text + strlen (text);
  trim (&start, &end);

  /* A euro sign before or after, and a minus sign before or after the euro sign. */
  for (guint i = 0; i < 2; i++)
    {
      if (eat_prefix (&start, end, "-") || eat_prefix (&start, end, MINUS_SIGN))
        negative = TRUE;
      trim (&start, &end);
      if (eat_prefix (&start, end, EURO_SIGN) || eat_suffix (start, &end, EURO_SIGN))
        trim (&start, &end);
    }

  if (start == end)
    return set_error (error, negative ? DP_MONEY_ERROR_INVALID : DP_MONEY_ERROR_EMPTY, text);

  /* "45,-": whole euros, the Belgian way of writing it on a price card. */
  frac_end = end;
  if (end - start >= 2 && end[-1] == '-' && (end[-2] == ',' || end[-2] == '.'))
    frac_end = end - 1;

  for (p = start; p < frac_end; )
    {
      gsize n = 1;

      if (*p == ',')
        {
          n_commas++;
          dec = p;
        }
      else if (*p == '.')
        {
          n_dots++;
          last_dot = p;
        }
      else if (!g_ascii_isdigit (*p) && (n = space_len (p, frac_end)) == 0)
        return set_error (error, DP_MONEY_ERROR_INVALID, text);
      p += n;
    }

  if (n_commas > 1)
    return set_error (error, DP_MONEY_ERROR_INVALID, text);

  if (n_commas == 1)
    {
      /* A comma is always the decimal separator; dots may only group the euros. */
      if (last_dot != NULL && last_dot > dec)
        return set_error (error, DP_MONEY_ERROR_INVALID, text);
    }
  else if (last_dot != NULL)
    {
      gsize after = frac_end - (last_dot + 1);

      /* Three digits after a dot make it a thousands separator ("1.045"); otherwise it is
       * the decimal point, and then the only dot ("45.50", "45.505" has three decimals
       * only when written with a comma). */
      if (after != 3 || frac_end != end)
        {
          if (n_dots > 1)
            return set_error (error, DP_MONEY_ERROR_INVALID, text);
          dec = last_dot;
        }
    }

  if (dec != NULL)
    {
      gsize n_frac = frac_end - (dec + 1);

      for (p = dec + 1; p < frac_end; p++)
        if (!g_ascii_isdigit (*p))
          return set_error (error, DP_MONEY_ERROR_INVALID, text);
      if (n_frac > 2)
        return set_error (error, DP_MONEY_ERROR_TOO_MANY_DECIMALS, text);
      if (n_frac == 0 && dec == start)
        return set_error (error, DP_MONEY_ERROR_INVALID, text);
    }

  if (!parse_euros (start, dec != NULL ? dec : frac_end, &overflow, &euros))
    return set_error (error, DP_MONEY_ERROR_INVALID, text);
  if (overflow)
    return set_error (error, DP_MONEY_ERROR_OVERFLOW, text);

  cents = euros * 100;
  if (dec != NULL)
    {
      gsize n_frac = frac_end - (dec + 1);

      if (n_frac >= 1)
        cents += (dec[1] - '0') * 10;
      if (n_frac == 2)
        cents += dec[2] - '0';
    }

  if (cents > DP_CENTS_MAX)
    return set_error (error, DP_MONEY_ERROR_OVERFLOW, text);
  if (negative)
    return set_error (error, DP_MONEY_ERROR_NEGATIVE, text);

  if (out_cents != NULL)
    *out_cents = cents;
  return TRUE;
}

/* The one locale-dependent part of money: the decimal separator of LC_NUMERIC. */
static const char *
decimal_separator (void)
{
  const char *radix = nl_langinfo (RADIXCHAR);

  return radix != NULL && *radix != '\0' ? radix : ".";
}

char *
dp_money_format (gint64 cents)
{
  guint64 magnitude;

  if (cents == DP_CENTS_NONE)
    return g_strdup ("");

  magnitude = cents < 0 ? (guint64) -cents : (guint64) cents;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT "%s%02u",
                          cents < 0 ? "-" : "",
                          magnitude / 100,
                          decimal_separator (),
                          (guint) (magnitude % 100));
}

char *
dp_money_format_euro (gint64 cents)
{
  g_autofree char *amount = NULL;

  if (cents == DP_CENTS_NONE)
    return g_strdup ("");

  amount = dp_money_format (cents);
  return g_strconcat (EURO_SIGN " ", amount, NULL);
}
