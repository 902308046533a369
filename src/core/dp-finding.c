/* dp-finding.c: one verdict of the checks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gi18n-lib.h>

#include "dp-dossier.h"
#include "dp-finding.h"

struct _DpFinding
{
  GObject     parent_instance;

  char       *code;
  char       *message;
  char       *path;       /* only for a finding made from a path */
  DpLine     *line;       /* weak */
  DpSeverity  severity;
  DpPart      part;
  DpField     field;
  gboolean    had_line;   /* made for a line, which may since have been freed */
};

G_DEFINE_FINAL_TYPE (DpFinding, dp_finding, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_SEVERITY,
  PROP_PART,
  PROP_LINE,
  PROP_FIELD,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *code;
  DpSeverity  severity;
  const char *description;
} check_codes[] = {
  { DP_CHECK_GEEN_LIJNEN, DP_SEVERITY_ERROR,
    N_("Neither part has a line") },
  { DP_CHECK_CAPACITEIT_ONGELDIG, DP_SEVERITY_ERROR,
    N_("A line’s capacity is below 1 unit") },
  { DP_CHECK_TWEEPERSOONSKAMER_ONEVEN, DP_SEVERITY_ERROR,
    N_("A double room line has an odd capacity, but a double room counts as two units") },
  { DP_CHECK_PRIJS_ONTBREEKT, DP_SEVERITY_ERROR,
    N_("A line has no price") },
  { DP_CHECK_PRIJS_ONGELDIG, DP_SEVERITY_ERROR,
    N_("A price is zero or less, above 1 000,00 euro, or has more than two decimals") },
  { DP_CHECK_NETTOPRIJS_NIET_POSITIEF, DP_SEVERITY_ERROR,
    N_("In part 2 a gross price is not above the infrastructure allowance discount") },
  { DP_CHECK_CAPACITEIT_BOVEN_ERKEND, DP_SEVERITY_ERROR,
    N_("The total capacity is above the recognised capacity") },
  { DP_CHECK_CAPACITEIT_ONDER_ERKEND, DP_SEVERITY_WARNING,
    N_("The total capacity is below the recognised capacity") },
  { DP_CHECK_DUBBELE_LIJN, DP_SEVERITY_WARNING,
    N_("Two lines of one part have the same room type and description") },
  { DP_CHECK_PRIJS_PER_KAMER_VERMOEDEN, DP_SEVERITY_WARNING,
    N_("A double room’s price per resident is at least 1,6 times the median single room "
       "price: probably a price per room") },
  { DP_CHECK_PRIJS_ONWAARSCHIJNLIJK, DP_SEVERITY_WARNING,
    N_("A price is outside 30,00 to 250,00 euro") },
  { DP_CHECK_PRIJSWIJZIGING_GROOT, DP_SEVERITY_WARNING,
    /* Not a format: "10 %" would otherwise pass for a printf directive. */
    /* xgettext:no-c-format */
    N_("A price differs more than 10 % from the matching line of last year") },
  { DP_CHECK_INDIENTERMIJN_VERSTREKEN, DP_SEVERITY_ERROR,
    N_("The submission period has ended") },
};

static void
line_gone (gpointer  data,
           GObject  *where_the_line_was)
{
  DpFinding *self = data;

  self->line = NULL;
}

static void
dp_finding_finalize (GObject *object)
{
  DpFinding *self = (DpFinding *) object;

  if (self->line != NULL)
    g_object_weak_unref (G_OBJECT (self->line), line_gone, self);
  self->line = NULL;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (dp_finding_parent_class)->finalize (object);
}

static void
dp_finding_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DpFinding *self = DP_FINDING (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;
    case PROP_PART:
      g_value_set_enum (value, self->part);
      break;
    case PROP_LINE:
      g_value_set_object (value, self->line);
      break;
    case PROP_FIELD:
      g_value_set_int (value, self->field);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_finding_class_init (DpFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dp_finding_finalize;
  object_class->get_property = dp_finding_get_property;

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL, DP_TYPE_SEVERITY, DP_SEVERITY_ERROR,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PART] =
    g_param_spec_enum ("part", NULL, NULL, DP_TYPE_PART, DP_PART_1,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINE] =
    g_param_spec_object ("line", NULL, NULL, DP_TYPE_LINE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* DpField has no GType of its own in the contract: an int holding the enum value. */
  properties[PROP_FIELD] =
    g_param_spec_int ("field", NULL, NULL, DP_FIELD_NONE, DP_FIELD_PRICE, DP_FIELD_NONE,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dp_finding_init (DpFinding *self)
{
}

DpFinding *
dp_finding_new (const char *code,
                DpSeverity  severity,
                DpPart      part,
                DpLine     *line,
                DpField     field,
                const char *message)
{
  DpFinding *self;

  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (line == NULL || DP_IS_LINE (line), NULL);

  self = g_object_new (DP_TYPE_FINDING, NULL);
  self->code = g_strdup (code);
  self->severity = severity;
  self->part = part;
  self->field = field;
  self->message = g_strdup (message != NULL ? message : "");

  if (line != NULL)
    {
      self->line = line;
      self->had_line = TRUE;
      g_object_weak_ref (G_OBJECT (line), line_gone, self);
    }

  return self;
}

DpFinding *
dp_finding_new_for_path (const char *code,
                         DpSeverity  severity,
                         const char *path,
                         const char *message)
{
  DpFinding *self;
  DpPart part = DP_PART_1;
  DpField field = DP_FIELD_NONE;
  gint index = -1;

  g_return_val_if_fail (code != NULL, NULL);

  if (path == NULL)
    path = "";

  if (!dp_path_parse (path, &part, &index, &field))
    {
      part = DP_PART_1;
      field = DP_FIELD_NONE;
    }

  self = dp_finding_new (code, severity, part, NULL, field, message);
  self->path = g_strdup (path);
  return self;
}

const char *
dp_finding_get_code (DpFinding *self)
{
  g_return_val_if_fail (DP_IS_FINDING (self), NULL);
  return self->code;
}

DpSeverity
dp_finding_get_severity (DpFinding *self)
{
  g_return_val_if_fail (DP_IS_FINDING (self), DP_SEVERITY_ERROR);
  return self->severity;
}

DpPart
dp_finding_get_part (DpFinding *self)
{
  g_return_val_if_fail (DP_IS_FINDING (self), DP_PART_1);
  return self->part;
}

DpLine *
dp_finding_get_line (DpFinding *self)
{
  g_return_val_if_fail (DP_IS_FINDING (self), NULL);
  return self->line;
}

DpField
dp_finding_get_field (DpFinding *self)
{
  g_return_val_if_fail (DP_IS_FINDING (self), DP_FIELD_NONE);
  return self->field;
}

const char *
dp_finding_get_message (DpFinding *self)
{
  g_return_val_if_fail (DP_IS_FINDING (self), NULL);
  return self->message;
}

static const char *
field_to_wire (DpField field,
               DpPart  part)
{
  switch (field)
    {
    case DP_FIELD_ROOM_TYPE:
      return "kamertype";
    case DP_FIELD_DESCRIPTION:
      return "beschrijving";
    case DP_FIELD_CAPACITY:
      return "capaciteit";
    case DP_FIELD_PRICE:
      return part == DP_PART_2 ? "brutoprijs_cent" : "prijs_cent";
    case DP_FIELD_NONE:
    case DP_FIELD_LINE:
    default:
      return NULL;
    }
}

char *
dp_finding_dup_path (DpFinding *self,
                     gpointer   dossier)
{
  DpPart part;
  guint position;
  const char *field;

  g_return_val_if_fail (DP_IS_FINDING (self), NULL);
  g_return_val_if_fail (dossier == NULL || DP_IS_DOSSIER (dossier), NULL);

  if (self->path != NULL)
    return g_strdup (self->path);

  /* A line no longer in the dossier (or freed) has no index any more: its Luik only. */
  if (self->line == NULL)
    return g_strdup (self->had_line ? dp_part_to_wire (self->part) : "");
  if (dossier == NULL || !dp_dossier_find_line (dossier, self->line, &part, &position))
    return g_strdup (dp_part_to_wire (self->part));

  field = field_to_wire (self->field, part);
  if (field == NULL)
    return g_strdup_printf ("%s[%u]", dp_part_to_wire (part), position);
  return g_strdup_printf ("%s[%u].%s", dp_part_to_wire (part), position, field);
}

gboolean
dp_path_parse (const char *path,
               DpPart     *out_part,
               gint       *out_index,
               DpField    *out_field)
{
  static const struct { const char *name; DpField field; } fields[] = {
    { "kamertype", DP_FIELD_ROOM_TYPE },
    { "beschrijving", DP_FIELD_DESCRIPTION },
    { "capaciteit", DP_FIELD_CAPACITY },
  };
  DpPart part;
  gint index = -1;
  DpField field = DP_FIELD_NONE;
  const char *p;

  if (path == NULL)
    return FALSE;

  /* "" is the dossier as a whole. */
  if (*path == '\0')
    {
      if (out_part != NULL)
        *out_part = DP_PART_1;
      if (out_index != NULL)
        *out_index = -1;
      if (out_field != NULL)
        *out_field = DP_FIELD_NONE;
      return TRUE;
    }

  if (strncmp (path, "luik1", 5) == 0)
    part = DP_PART_1;
  else if (strncmp (path, "luik2", 5) == 0)
    part = DP_PART_2;
  else
    return FALSE;
  p = path + 5;

  if (*p == '[')
    {
      gint64 value = 0;
      const char *digits = ++p;

      while (g_ascii_isdigit (*p))
        {
          value = value * 10 + (*p - '0');
          if (value > G_MAXINT)
            return FALSE;
          p++;
        }
      /* No empty index, no leading zeros ("[01]"): one spelling per path. */
      if (p == digits || *p != ']' || (p - digits > 1 && *digits == '0'))
        return FALSE;
      p++;
      index = (gint) value;
      field = DP_FIELD_LINE;

      if (*p == '.')
        {
          const char *name = p + 1;
          gboolean found = FALSE;

          for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
            if (strcmp (name, fields[i].name) == 0)
              {
                field = fields[i].field;
                found = TRUE;
              }
          if (!found && strcmp (name, part == DP_PART_2 ? "brutoprijs_cent" : "prijs_cent") == 0)
            {
              field = DP_FIELD_PRICE;
              found = TRUE;
            }
          if (!found)
            return FALSE;
          p += strlen (p);
        }
    }

  if (*p != '\0')
    return FALSE;

  if (out_part != NULL)
    *out_part = part;
  if (out_index != NULL)
    *out_index = index;
  if (out_field != NULL)
    *out_field = field;
  return TRUE;
}

const char *
dp_check_code_describe (const char *code)
{
  if (code == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (check_codes); i++)
    if (strcmp (check_codes[i].code, code) == 0)
      return _(check_codes[i].description);

  return NULL;
}

gboolean
dp_check_code_severity (const char *code,
                        DpSeverity *out_severity)
{
  if (code == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (check_codes); i++)
    if (strcmp (check_codes[i].code, code) == 0)
      {
        if (out_severity != NULL)
          *out_severity = check_codes[i].severity;
        return TRUE;
      }

  return FALSE;
}
