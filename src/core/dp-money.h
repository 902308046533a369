/* dp-money.h: euro amounts as gint64 cents, parsed and printed without doubles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "No amount yet": a draft line whose price is not filled in. Real amounts are never
 * negative, but a derived net price (gross − discount) may be, so the sentinel is the
 * one value no sum of prices reaches. */
#define DP_CENTS_NONE G_MININT64

/* The largest amount the parser accepts (well above any day price; guards overflow). */
#define DP_CENTS_MAX ((gint64) 99999999999)

#define DP_MONEY_ERROR (dp_money_error_quark ())

typedef enum {
  DP_MONEY_ERROR_EMPTY,
  DP_MONEY_ERROR_INVALID,           /* letters, stray signs, misplaced separators */
  DP_MONEY_ERROR_NEGATIVE,
  DP_MONEY_ERROR_TOO_MANY_DECIMALS,
  DP_MONEY_ERROR_OVERFLOW,
} DpMoneyError;

GQuark    dp_money_error_quark   (void);

/* Accepts "45", "45,5", "45,50", "45.50", "€ 45,50", "45,50 €", "1.045,50", "1 045,50",
 * surrounding white space. A lone '.' followed by one or two digits is a decimal
 * point; '.' before groups of three digits is a thousands separator. Refuses negatives,
 * more than two decimals, letters, empty input and overflow with a translated message
 * that says what to type (e.g. "Type an amount such as 45,50"). */
gboolean  dp_money_parse         (const char  *text,
                                  gint64      *out_cents,
                                  GError     **error);

/* "45,50" in a Dutch locale, "45.50" in C: the locale's decimal separator, no grouping,
 * always two decimals. A leading '-' for negative amounts. DP_CENTS_NONE gives "". */
char     *dp_money_format        (gint64       cents);

/* The same with a euro sign: "€ 45,50". */
char     *dp_money_format_euro   (gint64       cents);

G_END_DECLS
