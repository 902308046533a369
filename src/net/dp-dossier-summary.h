/* dp-dossier-summary.h: one line of the user's list of dossiers, as the service gives it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "dp-types.h"

G_BEGIN_DECLS

#define DP_TYPE_DOSSIER_SUMMARY (dp_dossier_summary_get_type ())

G_DECLARE_FINAL_TYPE (DpDossierSummary, dp_dossier_summary, DP, DOSSIER_SUMMARY, GObject)

/* Read-only, construct-only properties:
 *   "kind"                 char*       the dossier type on the wire, e.g. "meting-dagprijzen"
 *   "year"                 guint       the campaign year
 *   "registration-number"  char*       the facility's erkenningsnummer
 *   "facility-name"        char*       the facility's name
 *   "status"               DpStatus    draft or submitted
 *   "submitted-at"         GDateTime*  NULL while a draft
 *   "reference"            char*       NULL while a draft
 */

DpDossierSummary *dp_dossier_summary_new          (const char       *kind,
                                                   guint             year,
                                                   const char       *registration_number,
                                                   const char       *facility_name,
                                                   DpStatus          status,
                                                   GDateTime        *submitted_at,
                                                   const char       *reference);

const char       *dp_dossier_summary_get_kind                    (DpDossierSummary *self);
guint             dp_dossier_summary_get_year                    (DpDossierSummary *self);
const char       *dp_dossier_summary_get_registration_number     (DpDossierSummary *self);
const char       *dp_dossier_summary_get_facility_name           (DpDossierSummary *self);
DpStatus          dp_dossier_summary_get_status                  (DpDossierSummary *self);
GDateTime        *dp_dossier_summary_get_submitted_at            (DpDossierSummary *self);
const char       *dp_dossier_summary_get_reference               (DpDossierSummary *self);

G_END_DECLS
