/* dp-facility.h: the care centre (voorziening) a dossier is for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DP_TYPE_FACILITY (dp_facility_get_type ())

G_DECLARE_FINAL_TYPE (DpFacility, dp_facility, DP, FACILITY, GObject)

/* Properties, read-only and construct-only:
 *   "registration-number"   char*  the erkenningsnummer, e.g. "PE-1234"
 *   "name"                  char*  e.g. "WZC De Linde"
 *   "recognised-capacity"   guint  erkende capaciteit on the measurement date
 */

DpFacility *dp_facility_new                         (const char *registration_number,
                                                     const char *name,
                                                     guint       recognised_capacity);
const char *dp_facility_get_registration_number     (DpFacility *self);
const char *dp_facility_get_name                    (DpFacility *self);
guint       dp_facility_get_recognised_capacity     (DpFacility *self);

G_END_DECLS
