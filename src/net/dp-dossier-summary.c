/* dp-dossier-summary.c: one line of the user's list of dossiers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dp-dossier-summary.h"

struct _DpDossierSummary
{
  GObject    parent_instance;

  char      *kind;
  guint      year;
  char      *registration_number;
  char      *facility_name;
  DpStatus   status;
  GDateTime *submitted_at;
  char      *reference;
};

G_DEFINE_FINAL_TYPE (DpDossierSummary, dp_dossier_summary, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_YEAR,
  PROP_REGISTRATION_NUMBER,
  PROP_FACILITY_NAME,
  PROP_STATUS,
  PROP_SUBMITTED_AT,
  PROP_REFERENCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dp_dossier_summary_finalize (GObject *object)
{
  DpDossierSummary *self = DP_DOSSIER_SUMMARY (object);

  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->registration_number, g_free);
  g_clear_pointer (&self->facility_name, g_free);
  g_clear_pointer (&self->submitted_at, g_date_time_unref);
  g_clear_pointer (&self->reference, g_free);

  G_OBJECT_CLASS (dp_dossier_summary_parent_class)->finalize (object);
}

static void
dp_dossier_summary_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DpDossierSummary *self = DP_DOSSIER_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_YEAR:
      g_value_set_uint (value, self->year);
      break;
    case PROP_REGISTRATION_NUMBER:
      g_value_set_string (value, self->registration_number);
      break;
    case PROP_FACILITY_NAME:
      g_value_set_string (value, self->facility_name);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_SUBMITTED_AT:
      g_value_set_boxed (value, self->submitted_at);
      break;
    case PROP_REFERENCE:
      g_value_set_string (value, self->reference);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_dossier_summary_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DpDossierSummary *self = DP_DOSSIER_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_dup_string (value);
      break;
    case PROP_YEAR:
      self->year = g_value_get_uint (value);
      break;
    case PROP_REGISTRATION_NUMBER:
      self->registration_number = g_value_dup_string (value);
      break;
    case PROP_FACILITY_NAME:
      self->facility_name = g_value_dup_string (value);
      break;
    case PROP_STATUS:
      self->status = g_value_get_enum (value);
      break;
    case PROP_SUBMITTED_AT:
      self->submitted_at = g_value_dup_boxed (value);
      break;
    case PROP_REFERENCE:
      self->reference = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_dossier_summary_class_init (DpDossierSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                      G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = dp_dossier_summary_finalize;
  object_class->get_property = dp_dossier_summary_get_property;
  object_class->set_property = dp_dossier_summary_set_property;

  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  properties[PROP_YEAR] =
    g_param_spec_uint ("year", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_REGISTRATION_NUMBER] =
    g_param_spec_string ("registration-number", NULL, NULL, NULL, flags);
  properties[PROP_FACILITY_NAME] =
    g_param_spec_string ("facility-name", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, DP_TYPE_STATUS, DP_STATUS_DRAFT, flags);
  properties[PROP_SUBMITTED_AT] =
    g_param_spec_boxed ("submitted-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_REFERENCE] =
    g_param_spec_string ("reference", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dp_dossier_summary_init (DpDossierSummary *self)
{
}

DpDossierSummary *
dp_dossier_summary_new (const char *kind,
                        guint       year,
                        const char *registration_number,
                        const char *facility_name,
                        DpStatus    status,
                        GDateTime  *submitted_at,
                        const char *reference)
{
  return g_object_new (DP_TYPE_DOSSIER_SUMMARY,
                       "kind", kind,
                       "year", year,
                       "registration-number", registration_number,
                       "facility-name", facility_name,
                       "status", status,
                       "submitted-at", submitted_at,
                       "reference", reference,
                       NULL);
}

const char *
dp_dossier_summary_get_kind (DpDossierSummary *self)
{
  g_return_val_if_fail (DP_IS_DOSSIER_SUMMARY (self), NULL);
  return self->kind;
}

guint
dp_dossier_summary_get_year (DpDossierSummary *self)
{
  g_return_val_if_fail (DP_IS_DOSSIER_SUMMARY (self), 0);
  return self->year;
}

const char *
dp_dossier_summary_get_registration_number (DpDossierSummary *self)
{
  g_return_val_if_fail (DP_IS_DOSSIER_SUMMARY (self), NULL);
  return self->registration_number;
}

const char *
dp_dossier_summary_get_facility_name (DpDossierSummary *self)
{
  g_return_val_if_fail (DP_IS_DOSSIER_SUMMARY (self), NULL);
  return self->facility_name;
}

DpStatus
dp_dossier_summary_get_status (DpDossierSummary *self)
{
  g_return_val_if_fail (DP_IS_DOSSIER_SUMMARY (self), DP_STATUS_DRAFT);
  return self->status;
}

GDateTime *
dp_dossier_summary_get_submitted_at (DpDossierSummary *self)
{
  g_return_val_if_fail (DP_IS_DOSSIER_SUMMARY (self), NULL);
  return self->submitted_at;
}

const char *
dp_dossier_summary_get_reference (DpDossierSummary *self)
{
  g_return_val_if_fail (DP_IS_DOSSIER_SUMMARY (self), NULL);
  return self->reference;
}
