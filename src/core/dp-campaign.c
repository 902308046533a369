/* dp-campaign.c: the yearly campaign: measurement date, deadline, discount.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "dp-campaign.h"
#include "dp-money.h"

struct _DpCampaign
{
  GObject  parent_instance;

  GDate    measurement_date;
  GDate    deadline;
  gint64   discount;
  guint    year;
};

G_DEFINE_FINAL_TYPE (DpCampaign, dp_campaign, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_YEAR,
  PROP_MEASUREMENT_DATE,
  PROP_DEADLINE,
  PROP_DISCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dp_campaign_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DpCampaign *self = DP_CAMPAIGN (object);

  switch (prop_id)
    {
    case PROP_YEAR:
      g_value_set_uint (value, self->year);
      break;
    case PROP_MEASUREMENT_DATE:
      g_value_set_boxed (value,
                         g_date_valid (&self->measurement_date) ? &self->measurement_date : NULL);
      break;
    case PROP_DEADLINE:
      g_value_set_boxed (value, g_date_valid (&self->deadline) ? &self->deadline : NULL);
      break;
    case PROP_DISCOUNT:
      g_value_set_int64 (value, self->discount);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_date (GDate        *dest,
          const GValue *value)
{
  const GDate *date = g_value_get_boxed (value);

  if (date != NULL && g_date_valid (date))
    *dest = *date;
  else
    g_date_clear (dest, 1);
}

static void
dp_campaign_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DpCampaign *self = DP_CAMPAIGN (object);

  switch (prop_id)
    {
    case PROP_YEAR:
      self->year = g_value_get_uint (value);
      break;
    case PROP_MEASUREMENT_DATE:
      set_date (&self->measurement_date, value);
      break;
    case PROP_DEADLINE:
      set_date (&self->deadline, value);
      break;
    case PROP_DISCOUNT:
      self->discount = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_campaign_constructed (GObject *object)
{
  DpCampaign *self = DP_CAMPAIGN (object);

  G_OBJECT_CLASS (dp_campaign_parent_class)->constructed (object);

  /* A campaign made without dates still answers sensibly: 1 May and 31 May. */
  if (!g_date_valid (&self->measurement_date) && g_date_valid_year (self->year))
    g_date_set_dmy (&self->measurement_date, 1, G_DATE_MAY, self->year);
  if (!g_date_valid (&self->deadline) && g_date_valid_year (self->year))
    g_date_set_dmy (&self->deadline, 31, G_DATE_MAY, self->year);
}

static void
dp_campaign_class_init (DpCampaignClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = dp_campaign_constructed;
  object_class->get_property = dp_campaign_get_property;
  object_class->set_property = dp_campaign_set_property;

  properties[PROP_YEAR] =
    g_param_spec_uint ("year", NULL, NULL,
                       0, G_MAXUINT16, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);
  properties[PROP_MEASUREMENT_DATE] =
    g_param_spec_boxed ("measurement-date", NULL, NULL,
                        G_TYPE_DATE,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS);
  properties[PROP_DEADLINE] =
    g_param_spec_boxed ("deadline", NULL, NULL,
                        G_TYPE_DATE,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS);
  properties[PROP_DISCOUNT] =
    g_param_spec_int64 ("discount", NULL, NULL,
                        0, DP_CENTS_MAX, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dp_campaign_init (DpCampaign *self)
{
  g_date_clear (&self->measurement_date, 1);
  g_date_clear (&self->deadline, 1);
}

DpCampaign *
dp_campaign_new (guint        year,
                 const GDate *measurement_date,
                 const GDate *deadline,
                 gint64       discount)
{
  g_return_val_if_fail (discount >= 0 && discount <= DP_CENTS_MAX, NULL);

  return g_object_new (DP_TYPE_CAMPAIGN,
                       "year", year,
                       "measurement-date", measurement_date,
                       "deadline", deadline,
                       "discount", discount,
                       NULL);
}

DpCampaign *
dp_campaign_new_for_year (guint year)
{
  /* The korting infrastructuurforfait as the department published it, in cents. */
  static const struct { guint year; gint64 discount; } published[] = {
    { 2023, 600 },
    { 2024, 607 },
    { 2025, 629 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (published); i++)
    {
      if (published[i].year == year)
        return dp_campaign_new (year, NULL, NULL, published[i].discount);
    }

  return NULL;
}

guint
dp_campaign_get_year (DpCampaign *self)
{
  g_return_val_if_fail (DP_IS_CAMPAIGN (self), 0);
  return self->year;
}

const GDate *
dp_campaign_get_measurement_date (DpCampaign *self)
{
  g_return_val_if_fail (DP_IS_CAMPAIGN (self), NULL);
  return &self->measurement_date;
}

const GDate *
dp_campaign_get_deadline (DpCampaign *self)
{
  g_return_val_if_fail (DP_IS_CAMPAIGN (self), NULL);
  return &self->deadline;
}

gint64
dp_campaign_get_discount (DpCampaign *self)
{
  g_return_val_if_fail (DP_IS_CAMPAIGN (self), 0);
  return self->discount;
}

gboolean
dp_campaign_is_open_on (DpCampaign  *self,
                        const GDate *today)
{
  g_return_val_if_fail (DP_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (!g_date_valid (&self->deadline))
    return TRUE;

  return g_date_compare (today, &self->deadline) <= 0;
}

char *
dp_date_to_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

void
dp_date_of_time (GDateTime *time,
                 GDate     *out_date)
{
  g_return_if_fail (time != NULL);
  g_return_if_fail (out_date != NULL);

  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, (GDateDay) g_date_time_get_day_of_month (time),
                  (GDateMonth) g_date_time_get_month (time),
                  (GDateYear) g_date_time_get_year (time));
}

char *
dp_time_to_iso (GDateTime *time)
{
  g_return_val_if_fail (time != NULL, NULL);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");
}

gboolean
dp_date_from_iso (const char *iso,
                  GDate      *out_date)
{
  guint year;
  guint month;
  guint day;

  if (iso == NULL || strlen (iso) != 10 || iso[4] != '-' || iso[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (iso[i]))
      return FALSE;

  year = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 + (iso[3] - '0');
  month = (iso[5] - '0') * 10 + (iso[6] - '0');
  day = (iso[8] - '0') * 10 + (iso[9] - '0');

  if (!g_date_valid_dmy (day, month, year))
    return FALSE;

  if (out_date != NULL)
    {
      g_date_clear (out_date, 1);
      g_date_set_dmy (out_date, day, month, year);
    }
  return TRUE;
}

char *
dp_date_format_long (const GDate *date)
{
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  dt = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                            g_date_get_day (date), 0, 0, 0);
  /* %B is the month's name in the locale ("mei"); %-d drops the leading zero. */
  return g_date_time_format (dt, "%-d %B %Y");
}
