/* dp-types.h: enumerations shared by the dossier model, the checks and the wire format.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The two room types of the form. The wire names are "eenpersoonskamer" and
 * "tweepersoonskamer"; a new line is a single room (handleiding 4.4.5.3). */
typedef enum {
  DP_ROOM_TYPE_SINGLE,
  DP_ROOM_TYPE_DOUBLE,
} DpRoomType;

/* Luik 1: not subject to the infrastructure allowance discount; Luik 2: subject to it. */
typedef enum {
  DP_PART_1,
  DP_PART_2,
} DpPart;

#define DP_N_PARTS 2

typedef enum {
  DP_STATUS_DRAFT,      /* "ontwerp" */
  DP_STATUS_SUBMITTED,  /* "ingediend" */
} DpStatus;

typedef enum {
  DP_SEVERITY_ERROR,    /* "fout": blocks submission */
  DP_SEVERITY_WARNING,  /* "waarschuwing": shown, submission allowed */
} DpSeverity;

#define DP_TYPE_ROOM_TYPE (dp_room_type_get_type ())
#define DP_TYPE_PART      (dp_part_get_type ())
#define DP_TYPE_STATUS    (dp_status_get_type ())
#define DP_TYPE_SEVERITY  (dp_severity_get_type ())

GType       dp_room_type_get_type      (void);
GType       dp_part_get_type           (void);
GType       dp_status_get_type         (void);
GType       dp_severity_get_type       (void);

/* Wire names ("eenpersoonskamer", "luik1", "ontwerp", "fout"): never translated. */
const char *dp_room_type_to_wire       (DpRoomType   room_type);
gboolean    dp_room_type_from_wire     (const char  *wire,
                                        DpRoomType  *out_room_type);
const char *dp_part_to_wire            (DpPart       part);
gboolean    dp_part_from_wire          (const char  *wire,
                                        DpPart      *out_part);
const char *dp_status_to_wire          (DpStatus     status);
gboolean    dp_status_from_wire        (const char  *wire,
                                        DpStatus    *out_status);
const char *dp_severity_to_wire        (DpSeverity   severity);
gboolean    dp_severity_from_wire      (const char  *wire,
                                        DpSeverity  *out_severity);

/* Translated labels for people ("Single room" / "éénpersoonskamer", "Part 1" / "Luik 1",
 * "Draft" / "Ontwerp", "Error" / "Fout"). */
const char *dp_room_type_to_label      (DpRoomType   room_type);
const char *dp_part_to_label           (DpPart       part);
const char *dp_status_to_label         (DpStatus     status);
const char *dp_severity_to_label       (DpSeverity   severity);

G_END_DECLS
