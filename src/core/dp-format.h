/* dp-format.h: the dossier file and wire format, version 1 (DESIGN.md), as JSON.
 *
 * One document serves a local draft, an export, and a request or response body.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "dp-dossier.h"

G_BEGIN_DECLS

#define DP_FORMAT_NAME     "dagprijzen-meting"
#define DP_FORMAT_VERSION  1

/* The largest capacity (of a line, and recognised) the format accepts: far above any care
 * centre, and it keeps every total far from overflow. Editors bound their input by it, so
 * that whatever is saved loads again. */
#define DP_FORMAT_CAPACITY_MAX  100000

#define DP_FORMAT_ERROR (dp_format_error_quark ())

typedef enum {
  DP_FORMAT_ERROR_SYNTAX,     /* not JSON at all */
  DP_FORMAT_ERROR_INVALID,    /* JSON, but not a version-1 dossier: the message names the place */
  DP_FORMAT_ERROR_VERSION,    /* a newer "versie" than this program knows */
} DpFormatError;

GQuark      dp_format_error_quark        (void);

/* JSON nested deeper than this is refused before parsing: json-glib's parser recurses, and
 * a body of "[[[[..." would overflow the stack. A dossier is 4 levels deep. */
#define DP_FORMAT_MAX_DEPTH  32

/* Parses JSON from elsewhere (a file, a request or response body) with that guard: a new
 * node, or NULL and DP_FORMAT_ERROR_SYNTAX (not JSON, or nested too deep) or
 * DP_FORMAT_ERROR_INVALID (empty). Every JSON the programs receive should come through
 * here; dp_format_load_data() does. */
JsonNode   *dp_format_parse_data         (const char  *data,
                                          gssize       length,
                                          GError     **error);

/* Refuses anything that is not a version-1 dossier with an error whose message starts
 * with the path of the offending place and says what was expected and what was found:
 *   luik2[3].capaciteit: expected a whole number, found "six"
 * A draft may carry a null price and a zero capacity; a submitted one may not. */
DpDossier  *dp_format_load_data          (const char  *data,
                                          gssize       length,
                                          GError     **error);
DpDossier  *dp_format_load_node          (JsonNode    *root,
                                          GError     **error);
DpDossier  *dp_format_load_file          (GFile       *file,
                                          GCancellable *cancellable,
                                          GError     **error);

/* The document with its keys in DESIGN.md's order, two-space indented, ending in a
 * newline; load then save gives back the same bytes for any document this wrote. */
JsonNode   *dp_format_save_node          (DpDossier   *dossier);
char       *dp_format_save_data          (DpDossier   *dossier,
                                          gsize       *out_length);
/* TRUE when both dossiers write the same document: the same facts, whatever objects hold
 * them (a local draft against the service's copy, a file against the open window). */
gboolean    dp_format_same_document      (DpDossier   *a,
                                          DpDossier   *b);
/* Atomic: written to a temporary file, synced, then renamed over @file. */
gboolean    dp_format_save_file          (DpDossier   *dossier,
                                          GFile       *file,
                                          GCancellable *cancellable,
                                          GError     **error);

/* The findings as the service sends them: [{"code","ernst","pad","bericht"}, ...]. */
JsonNode   *dp_format_findings_to_node   (GPtrArray   *findings,
                                          DpDossier   *dossier);
/* The reverse, for a client: a new array of DpFinding made with dp_finding_new_for_path(). */
GPtrArray  *dp_format_findings_from_node (JsonNode    *node,
                                          GError     **error);

G_END_DECLS
