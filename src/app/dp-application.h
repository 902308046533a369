/* dp-application.h: the Dagprijzen application: one window per dossier shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dagprijzen-core.h"

G_BEGIN_DECLS

#define DP_TYPE_APPLICATION (dp_application_get_type ())

G_DECLARE_FINAL_TYPE (DpApplication, dp_application, DP, APPLICATION, AdwApplication)

/* The resource path of the embedded demo dossier. */
#define DP_DEMO_DOSSIER_RESOURCE "/io/github/dagprijzen/Dagprijzen/demo-dossier.json"

DpApplication *dp_application_new               (void);
/* Registers the templates, style sheet and demo data (once; safe to call again). */
void           dp_application_ensure_resources  (void);
/* The embedded demo dossier, a new copy each time. */
DpDossier     *dp_application_load_demo         (GError **error);
/* Working without the e-loket: a window on the latest local draft (or the demo dossier),
 * presented. */
GtkWindow     *dp_application_open_local        (DpApplication *self);

G_END_DECLS
