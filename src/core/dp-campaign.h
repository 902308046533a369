/* dp-campaign.h: the yearly campaign: measurement date, deadline, discount.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DP_TYPE_CAMPAIGN (dp_campaign_get_type ())

G_DECLARE_FINAL_TYPE (DpCampaign, dp_campaign, DP, CAMPAIGN, GObject)

/* Immutable once made. Properties (read-only, construct-only):
 *   "year"                guint
 *   "measurement-date"    GDate (boxed): 1 May of the year; shown, never editable (R9)
 *   "deadline"            GDate (boxed): the last day of submission, inclusive
 *   "discount"            gint64: korting infrastructuurforfait in cents (2025: 629).
 *                         A parameter of the campaign, never hard-coded in checks.
 */

/* A NULL date is the handleiding's: measured on 1 May, submitted by 31 May of @year. */
DpCampaign   *dp_campaign_new                   (guint         year,
                                                 const GDate  *measurement_date,
                                                 const GDate  *deadline,
                                                 gint64        discount);
/* The campaigns the department published: 2023 (600), 2024 (607), 2025 (629); 1 May and
 * 31 May of the year. NULL for a year it does not know. Used for demo data and defaults;
 * the dossier always carries its own campaign. */
DpCampaign   *dp_campaign_new_for_year          (guint         year);

guint         dp_campaign_get_year              (DpCampaign   *self);
const GDate  *dp_campaign_get_measurement_date  (DpCampaign   *self);
const GDate  *dp_campaign_get_deadline          (DpCampaign   *self);
gint64        dp_campaign_get_discount          (DpCampaign   *self);

/* TRUE while @today is on or before the deadline. */
gboolean      dp_campaign_is_open_on            (DpCampaign   *self,
                                                 const GDate  *today);

/* "2025-05-01": ISO 8601, for the wire. */
char         *dp_date_to_iso                    (const GDate  *date);
/* The day of @time, in its own time zone, into @out_date. */
void          dp_date_of_time                   (GDateTime    *time,
                                                 GDate        *out_date);
/* "2025-05-20T10:15:00+02:00": a time as the format writes `ingediend_op`, in whole
 * seconds with a numeric offset (one spelling, so that a reload writes the same bytes). */
char         *dp_time_to_iso                    (GDateTime    *time);
/* Parses exactly YYYY-MM-DD into @out_date (a valid date) or returns FALSE. */
gboolean      dp_date_from_iso                  (const char   *iso,
                                                 GDate        *out_date);
/* "1 mei 2025" under nl_BE, "1 May 2025" in English: for people. */
char         *dp_date_format_long               (const GDate  *date);

G_END_DECLS
