/* dp-facility.c: the care centre (voorziening) a dossier is for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dp-facility.h"

struct _DpFacility
{
  GObject  parent_instance;

  char    *registration_number;
  char    *name;
  guint    recognised_capacity;
};

G_DEFINE_FINAL_TYPE (DpFacility, dp_facility, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REGISTRATION_NUMBER,
  PROP_NAME,
  PROP_RECOGNISED_CAPACITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dp_facility_finalize (GObject *object)
{
  DpFacility *self = (DpFacility *) object;

  g_clear_pointer (&self->registration_number, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (dp_facility_parent_class)->finalize (object);
}

static void
dp_facility_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DpFacility *self = DP_FACILITY (object);

  switch (prop_id)
    {
    case PROP_REGISTRATION_NUMBER:
      g_value_set_string (value, self->registration_number);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_RECOGNISED_CAPACITY:
      g_value_set_uint (value, self->recognised_capacity);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_facility_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DpFacility *self = DP_FACILITY (object);

  switch (prop_id)
    {
    case PROP_REGISTRATION_NUMBER:
      g_free (self->registration_number);
      self->registration_number = g_strdup (g_value_get_string (value) ?: "");
      break;
    case PROP_NAME:
      g_free (self->name);
      self->name = g_strdup (g_value_get_string (value) ?: "");
      break;
    case PROP_RECOGNISED_CAPACITY:
      self->recognised_capacity = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_facility_class_init (DpFacilityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dp_facility_finalize;
  object_class->get_property = dp_facility_get_property;
  object_class->set_property = dp_facility_set_property;

  properties[PROP_REGISTRATION_NUMBER] =
    g_param_spec_string ("registration-number", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_RECOGNISED_CAPACITY] =
    g_param_spec_uint ("recognised-capacity", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dp_facility_init (DpFacility *self)
{
}

DpFacility *
dp_facility_new (const char *registration_number,
                 const char *name,
                 guint       recognised_capacity)
{
  return g_object_new (DP_TYPE_FACILITY,
                       "registration-number", registration_number,
                       "name", name,
                       "recognised-capacity", recognised_capacity,
                       NULL);
}

const char *
dp_facility_get_registration_number (DpFacility *self)
{
  g_return_val_if_fail (DP_IS_FACILITY (self), NULL);
  return self->registration_number;
}

const char *
dp_facility_get_name (DpFacility *self)
{
  g_return_val_if_fail (DP_IS_FACILITY (self), NULL);
  return self->name;
}

guint
dp_facility_get_recognised_capacity (DpFacility *self)
{
  g_return_val_if_fail (DP_IS_FACILITY (self), 0);
  return self->recognised_capacity;
}
