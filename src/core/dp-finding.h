/* dp-finding.h: one verdict of the checks: a stable code, a severity, the place, a message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "dp-line.h"
#include "dp-types.h"

G_BEGIN_DECLS

/* The stable check codes of DESIGN.md. Tests, the CLI and the service rely on them. */
#define DP_CHECK_GEEN_LIJNEN                "geen-lijnen"
#define DP_CHECK_CAPACITEIT_ONGELDIG        "capaciteit-ongeldig"
#define DP_CHECK_TWEEPERSOONSKAMER_ONEVEN   "tweepersoonskamer-oneven"
#define DP_CHECK_PRIJS_ONTBREEKT            "prijs-ontbreekt"
#define DP_CHECK_PRIJS_ONGELDIG             "prijs-ongeldig"
#define DP_CHECK_NETTOPRIJS_NIET_POSITIEF   "nettoprijs-niet-positief"
#define DP_CHECK_CAPACITEIT_BOVEN_ERKEND    "capaciteit-boven-erkend"
#define DP_CHECK_CAPACITEIT_ONDER_ERKEND    "capaciteit-onder-erkend"
#define DP_CHECK_DUBBELE_LIJN               "dubbele-lijn"
#define DP_CHECK_PRIJS_PER_KAMER_VERMOEDEN  "prijs-per-kamer-vermoeden"
#define DP_CHECK_PRIJS_ONWAARSCHIJNLIJK     "prijs-onwaarschijnlijk"
#define DP_CHECK_PRIJSWIJZIGING_GROOT       "prijswijziging-groot"
#define DP_CHECK_INDIENTERMIJN_VERSTREKEN   "indientermijn-verstreken"

/* The field a finding names, as in the path "luik2[3].capaciteit". */
typedef enum {
  DP_FIELD_NONE,         /* the dossier as a whole: the path is "luik1" / "luik2" / "" */
  DP_FIELD_LINE,         /* the line as a whole: "luik1[0]" */
  DP_FIELD_ROOM_TYPE,    /* "kamertype" */
  DP_FIELD_DESCRIPTION,  /* "beschrijving" */
  DP_FIELD_CAPACITY,     /* "capaciteit" */
  DP_FIELD_PRICE,        /* "prijs_cent" in Luik 1, "brutoprijs_cent" in Luik 2 */
} DpField;

#define DP_TYPE_FINDING (dp_finding_get_type ())

G_DECLARE_FINAL_TYPE (DpFinding, dp_finding, DP, FINDING, GObject)

/* Read-only properties: "code" (char*), "severity" (DpSeverity), "part" (DpPart, meaningful
 * when "line" is set or the field is DP_FIELD_NONE with a part), "line" (DpLine*, weak:
 * NULL for a dossier-wide finding), "field" (DpField), "message" (char*, translated, with
 * the figures: "Total capacity 121 is above the recognised capacity 120").
 *
 * A finding points at its line, not at an index, so that inserting or removing lines never
 * rewrites every finding; its path is computed when asked for. */

DpFinding   *dp_finding_new            (const char  *code,
                                        DpSeverity   severity,
                                        DpPart       part,
                                        DpLine      *line,
                                        DpField      field,
                                        const char  *message);
/* A finding that names its place by path only (one received from the service). */
DpFinding   *dp_finding_new_for_path   (const char  *code,
                                        DpSeverity   severity,
                                        const char  *path,
                                        const char  *message);

const char  *dp_finding_get_code       (DpFinding   *self);
DpSeverity   dp_finding_get_severity   (DpFinding   *self);
DpPart       dp_finding_get_part       (DpFinding   *self);
DpLine      *dp_finding_get_line       (DpFinding   *self);
DpField      dp_finding_get_field      (DpFinding   *self);
const char  *dp_finding_get_message    (DpFinding   *self);

/* "luik2[3].capaciteit", "luik1", or "" for the dossier as a whole: the line's present
 * position in @dossier (a DpDossier; gpointer to keep this header free of it). */
char        *dp_finding_dup_path       (DpFinding   *self,
                                        gpointer     dossier);

/* Splits "luik2[3].capaciteit" into Luik, line index (-1 when the path names no line) and
 * field. FALSE for a path that is not of that form. */
gboolean     dp_path_parse             (const char  *path,
                                        DpPart      *out_part,
                                        gint        *out_index,
                                        DpField     *out_field);

/* The translated, general explanation of a check code ("A line has no price"), for a
 * finding received by code alone. NULL for an unknown code. */
const char  *dp_check_code_describe    (const char  *code);
/* The severity DESIGN.md gives the code. FALSE for an unknown code. */
gboolean     dp_check_code_severity    (const char  *code,
                                        DpSeverity  *out_severity);

G_END_DECLS
