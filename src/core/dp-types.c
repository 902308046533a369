/* dp-types.c: the shared enumerations, their wire names and their labels.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "dp-types.h"

/* The wire names double as the GEnumValue nicks, so that GObject tooling (e.g. a
 * GtkDropDown over an AdwEnumListModel) shows the same words as the file format. */

#define DEFINE_ENUM_TYPE(func, TypeName, ...)                                  \
  GType                                                                        \
  func (void)                                                                  \
  {                                                                            \
    static gsize type_id = 0;                                                  \
    static const GEnumValue values[] = { __VA_ARGS__, { 0, NULL, NULL } };     \
    if (g_once_init_enter (&type_id))                                          \
      g_once_init_leave (&type_id, g_enum_register_static (TypeName, values)); \
    return type_id;                                                            \
  }

DEFINE_ENUM_TYPE (dp_room_type_get_type, "DpRoomType",
                  { DP_ROOM_TYPE_SINGLE, "DP_ROOM_TYPE_SINGLE", "eenpersoonskamer" },
                  { DP_ROOM_TYPE_DOUBLE, "DP_ROOM_TYPE_DOUBLE", "tweepersoonskamer" })

DEFINE_ENUM_TYPE (dp_part_get_type, "DpPart",
                  { DP_PART_1, "DP_PART_1", "luik1" },
                  { DP_PART_2, "DP_PART_2", "luik2" })

DEFINE_ENUM_TYPE (dp_status_get_type, "DpStatus",
                  { DP_STATUS_DRAFT, "DP_STATUS_DRAFT", "ontwerp" },
                  { DP_STATUS_SUBMITTED, "DP_STATUS_SUBMITTED", "ingediend" })

DEFINE_ENUM_TYPE (dp_severity_get_type, "DpSeverity",
                  { DP_SEVERITY_ERROR, "DP_SEVERITY_ERROR", "fout" },
                  { DP_SEVERITY_WARNING, "DP_SEVERITY_WARNING", "waarschuwing" })

static const char *
enum_to_wire (GType type,
              int   value)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *ev = g_enum_get_value (klass, value);
  const char *nick = ev != NULL ? ev->value_nick : NULL;

  /* Enum classes of static types are never finalised, so the nick outlives the ref. */
  g_type_class_unref (klass);
  return nick;
}

static gboolean
enum_from_wire (GType       type,
                const char *wire,
                int        *out_value)
{
  GEnumClass *klass;
  GEnumValue *ev;

  if (wire == NULL)
    return FALSE;

  klass = g_type_class_ref (type);
  ev = g_enum_get_value_by_nick (klass, wire);
  if (ev != NULL && out_value != NULL)
    *out_value = ev->value;
  g_type_class_unref (klass);

  return ev != NULL;
}

#define DEFINE_WIRE(prefix, Type, TYPE_MACRO)                       \
  const char *                                                      \
  prefix##_to_wire (Type value)                                     \
  {                                                                 \
    const char *wire = enum_to_wire (TYPE_MACRO, value);            \
    g_return_val_if_fail (wire != NULL, NULL);                      \
    return wire;                                                    \
  }                                                                 \
                                                                    \
  gboolean                                                          \
  prefix##_from_wire (const char *wire,                             \
                      Type       *out_value)                        \
  {                                                                 \
    int v;                                                          \
    if (!enum_from_wire (TYPE_MACRO, wire, &v))                     \
      return FALSE;                                                 \
    if (out_value != NULL)                                          \
      *out_value = (Type) v;                                        \
    return TRUE;                                                    \
  }

DEFINE_WIRE (dp_room_type, DpRoomType, DP_TYPE_ROOM_TYPE)
DEFINE_WIRE (dp_part, DpPart, DP_TYPE_PART)
DEFINE_WIRE (dp_status, DpStatus, DP_TYPE_STATUS)
DEFINE_WIRE (dp_severity, DpSeverity, DP_TYPE_SEVERITY)

const char *
dp_room_type_to_label (DpRoomType room_type)
{
  switch (room_type)
    {
    case DP_ROOM_TYPE_SINGLE:
      return _("Single room");
    case DP_ROOM_TYPE_DOUBLE:
      return _("Double room");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
dp_part_to_label (DpPart part)
{
  switch (part)
    {
    case DP_PART_1:
      return _("Part 1");
    case DP_PART_2:
      return _("Part 2");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
dp_status_to_label (DpStatus status)
{
  switch (status)
    {
    case DP_STATUS_DRAFT:
      return _("Draft");
    case DP_STATUS_SUBMITTED:
      return _("Submitted");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
dp_severity_to_label (DpSeverity severity)
{
  switch (severity)
    {
    case DP_SEVERITY_ERROR:
      return _("Error");
    case DP_SEVERITY_WARNING:
      return _("Warning");
    default:
      g_return_val_if_reached (NULL);
    }
}
