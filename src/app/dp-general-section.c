/* dp-general-section.c: "Algemeen" and the measurement date of the form.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "dp-general-section.h"
#include "dp-wrap.h"

#define N_POINTS 10

struct _DpGeneralSection
{
  GtkWidget       parent_instance;

  GtkBox            *top_box;
  GtkFlowBox        *help_box;
  AdwActionRow      *facility_row;
  AdwPreferencesRow *contacts_row;   /* an action row's look on a grid: see the template */
  AdwActionRow      *date_row;
  AdwActionRow      *deadline_row;
  AdwActionRow      *status_row;
  GtkImage          *status_icon;
  AdwExpanderRow    *instructions_row;

  AdwActionRow      *points[N_POINTS];   /* made on the first expansion: see ensure_points() */

  DpDossier      *dossier;
  gulong          status_id;
};

G_DEFINE_FINAL_TYPE (DpGeneralSection, dp_general_section, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOSSIER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
dp_format_date_time (GDateTime *date_time)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;
  GDate date;

  g_return_val_if_fail (date_time != NULL, NULL);

  local = g_date_time_to_local (date_time);
  dp_date_of_time (local, &date);
  day = dp_date_format_long (&date);
  time = g_date_time_format (local, "%H:%M");

  /* TRANSLATORS: a date and a time, e.g. "12 May 2025, 14:03" */
  return g_strdup_printf (_("%s, %s"), day, time);
}

/* The ten points of attention of the handleiding (4.4.3), with this campaign's figures. */
static void
update_points (DpGeneralSection *self)
{
  char *texts[N_POINTS] = { NULL, };
  g_autofree char *discount = NULL;
  g_autofree char *date = NULL;
  g_autofree char *deadline = NULL;
  DpCampaign *campaign;
  guint year;

  if (self->dossier == NULL || self->points[0] == NULL)
    return;

  campaign = dp_dossier_get_campaign (self->dossier);
  year = dp_campaign_get_year (campaign);
  discount = dp_money_format_euro (dp_campaign_get_discount (campaign));
  date = dp_date_format_long (dp_campaign_get_measurement_date (campaign));
  deadline = dp_date_format_long (dp_campaign_get_deadline (campaign));

  texts[0] = g_strdup (_("Only the day prices of the residential care centre are asked for. "
                         "Leave out the short-stay centre, the group of assistance flats and "
                         "other forms of care."));
  texts[1] = g_strdup_printf (_("The data submitted for the %u measurement have been filled "
                                "in beforehand. Check them thoroughly and bring them up to "
                                "date; remove lines that no longer apply."), year - 1);
  texts[2] = g_strdup_printf (_("Enter the units to which the infrastructure allowance "
                                "discount applies under Part 2. Enter the gross amount: the "
                                "discount of %s is deducted automatically."), discount);
  texts[3] = g_strdup (_("A double room counts as two separate units. The day price of a "
                         "double room is per person, not per room: each resident pays that "
                         "day price."));
  texts[4] = g_strdup_printf (_("The total number of units may not exceed the capacity "
                                "recognised on %s."), date);
  texts[5] = g_strdup_printf (_("Units that are not occupied on %s also get a day price: "
                                "without a signed residence agreement, the day price that will "
                                "apply to a new resident; with one, the day price in that "
                                "agreement."), date);
  texts[6] = g_strdup (_("Leave temporary discounts out of the day price: give the standard "
                         "day price."));
  texts[7] = g_strdup (_("Deduct permanent discounts: give the day price as it applies after "
                         "the permanent discount."));
  texts[8] = g_strdup (_("Do not report the price (hotel cost) of self-reliant co-residents, "
                         "such as partners or carers, in units registered for them."));
  texts[9] = g_strdup_printf (_("Submission is open until %s inclusive."), deadline);

  for (guint i = 0; i < N_POINTS; i++)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->points[i]), texts[i]);
      g_free (texts[i]);
    }
}

/* The ten points are long, wrapped texts: shaping them costs more at start-up than the rest
 * of the section together, so they are made when the user first opens them. */
static void
ensure_points (DpGeneralSection *self)
{
  if (self->points[0] != NULL)
    return;

  for (guint i = 0; i < N_POINTS; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u.", i + 1);
      GtkWidget *label;

      self->points[i] = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->points[i]), FALSE);
      adw_action_row_set_title_lines (self->points[i], 0);
      label = gtk_label_new (number);
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_size_request (label, 24, -1);
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      adw_action_row_add_prefix (self->points[i], label);
      adw_expander_row_add_row (self->instructions_row, GTK_WIDGET (self->points[i]));
    }

  update_points (self);
}

static void
on_instructions_expanded (DpGeneralSection *self)
{
  g_assert (DP_IS_GENERAL_SECTION (self));

  if (adw_expander_row_get_expanded (self->instructions_row))
    ensure_points (self);
}

static void
update_status (DpGeneralSection *self)
{
  g_autofree char *text = NULL;

  if (self->dossier == NULL)
    return;

  if (dp_dossier_get_status (self->dossier) == DP_STATUS_SUBMITTED)
    {
      g_autofree char *when = NULL;
      GDateTime *submitted_at = dp_dossier_get_submitted_at (self->dossier);
      const char *reference = dp_dossier_get_reference (self->dossier);

      when = submitted_at != NULL ? dp_format_date_time (submitted_at) : g_strdup ("—");
      /* TRANSLATORS: "Submitted on 12 May 2025, 14:03 — reference LOCAL-…" */
      text = g_strdup_printf (_("Submitted on %s — reference %s"), when,
                              reference != NULL ? reference : "—");
      gtk_image_set_from_icon_name (self->status_icon, "emblem-ok-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), "success");
    }
  else
    {
      text = g_strdup_printf (_("%s: not submitted yet"),
                              dp_status_to_label (dp_dossier_get_status (self->dossier)));
      gtk_image_set_from_icon_name (self->status_icon, "document-edit-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "success");
    }

  adw_action_row_set_subtitle (self->status_row, text);
}

static void
on_status_notify (DpDossier        *dossier,
                  GParamSpec       *pspec,
                  DpGeneralSection *self)
{
  g_assert (DP_IS_GENERAL_SECTION (self));

  update_status (self);
}

static void
update (DpGeneralSection *self)
{
  g_autofree char *capacity = NULL;
  g_autofree char *facility_text = NULL;
  g_autofree char *date = NULL;
  g_autofree char *deadline = NULL;
  DpFacility *facility;
  DpCampaign *campaign;
  guint recognised;

  if (self->dossier == NULL)
    return;

  facility = dp_dossier_get_facility (self->dossier);
  campaign = dp_dossier_get_campaign (self->dossier);
  recognised = dp_facility_get_recognised_capacity (facility);

  capacity = g_strdup_printf (ngettext ("%u unit", "%u units", recognised), recognised);
  date = dp_date_format_long (dp_campaign_get_measurement_date (campaign));
  deadline = dp_date_format_long (dp_campaign_get_deadline (campaign));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->facility_row),
                                 dp_facility_get_name (facility));
  /* TRANSLATORS: "Registration number PE-1234 · recognised capacity 120 units" */
  facility_text = g_strdup_printf (_("Registration number %s · recognised capacity %s"),
                                   dp_facility_get_registration_number (facility), capacity);
  adw_action_row_set_subtitle (self->facility_row, facility_text);
  adw_action_row_set_subtitle (self->date_row, date);
  adw_action_row_set_subtitle (self->deadline_row, deadline);

  update_points (self);
  update_status (self);
}

void
dp_general_section_set_dossier (DpGeneralSection *self,
                                DpDossier        *dossier)
{
  g_return_if_fail (DP_IS_GENERAL_SECTION (self));
  g_return_if_fail (dossier == NULL || DP_IS_DOSSIER (dossier));

  if (self->dossier == dossier)
    return;

  if (self->dossier != NULL)
    g_clear_signal_handler (&self->status_id, self->dossier);
  g_set_object (&self->dossier, dossier);
  if (dossier != NULL)
    self->status_id = g_signal_connect (dossier, "notify::status",
                                        G_CALLBACK (on_status_notify), self);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOSSIER]);
}

DpDossier *
dp_general_section_get_dossier (DpGeneralSection *self)
{
  g_return_val_if_fail (DP_IS_GENERAL_SECTION (self), NULL);

  return self->dossier;
}

void
dp_general_section_focus_status (DpGeneralSection *self)
{
  g_return_if_fail (DP_IS_GENERAL_SECTION (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->status_row));
}

const char *
dp_general_section_get_status_text (DpGeneralSection *self)
{
  g_return_val_if_fail (DP_IS_GENERAL_SECTION (self), NULL);

  return adw_action_row_get_subtitle (self->status_row);
}

const char *
dp_general_section_get_date_text (DpGeneralSection *self)
{
  g_return_val_if_fail (DP_IS_GENERAL_SECTION (self), NULL);

  return adw_action_row_get_subtitle (self->date_row);
}

void
dp_general_section_show_instructions (DpGeneralSection *self)
{
  g_return_if_fail (DP_IS_GENERAL_SECTION (self));

  adw_expander_row_set_expanded (self->instructions_row, TRUE);
}

const char *
dp_general_section_get_point_text (DpGeneralSection *self,
                                   guint             index)
{
  g_return_val_if_fail (DP_IS_GENERAL_SECTION (self), NULL);
  g_return_val_if_fail (index < N_POINTS, NULL);

  if (self->points[index] == NULL)
    return NULL;

  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->points[index]));
}

static void
dp_general_section_dispose (GObject *object)
{
  DpGeneralSection *self = (DpGeneralSection *)object;

  if (self->dossier != NULL)
    g_clear_signal_handler (&self->status_id, self->dossier);
  g_clear_object (&self->dossier);

  gtk_widget_dispose_template (GTK_WIDGET (self), DP_TYPE_GENERAL_SECTION);
  /* Children without an id in the template are ours to unparent. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self)));)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (dp_general_section_parent_class)->dispose (object);
}

static void
dp_general_section_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DpGeneralSection *self = DP_GENERAL_SECTION (object);

  switch (prop_id)
    {
    case PROP_DOSSIER:
      g_value_set_object (value, self->dossier);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_general_section_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DpGeneralSection *self = DP_GENERAL_SECTION (object);

  switch (prop_id)
    {
    case PROP_DOSSIER:
      dp_general_section_set_dossier (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_general_section_class_init (DpGeneralSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dp_general_section_dispose;
  object_class->get_property = dp_general_section_get_property;
  object_class->set_property = dp_general_section_set_property;

  properties[PROP_DOSSIER] =
    g_param_spec_object ("dossier", NULL, NULL, DP_TYPE_DOSSIER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/dagprijzen/Dagprijzen/dp-general-section.ui");
  gtk_widget_class_bind_template_child (widget_class, DpGeneralSection, top_box);
  gtk_widget_class_bind_template_child (widget_class, DpGeneralSection, help_box);
  gtk_widget_class_bind_template_child (widget_class, DpGeneralSection, facility_row);
  gtk_widget_class_bind_template_child (widget_class, DpGeneralSection, contacts_row);
  gtk_widget_class_bind_template_child (widget_class, DpGeneralSection, date_row);
  gtk_widget_class_bind_template_child (widget_class, DpGeneralSection, deadline_row);
  gtk_widget_class_bind_template_child (widget_class, DpGeneralSection, status_row);
  gtk_widget_class_bind_template_child (widget_class, DpGeneralSection, status_icon);
  gtk_widget_class_bind_template_child (widget_class, DpGeneralSection, instructions_row);

  gtk_widget_class_set_css_name (widget_class, "dp-general-section");
}

static void
dp_general_section_init (DpGeneralSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The flow box only lays out: its children are not stops of their own for Tab. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->help_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);

  dp_wrap_labels_between_words (GTK_WIDGET (self));

  g_signal_connect_object (self->instructions_row, "notify::expanded",
                           G_CALLBACK (on_instructions_expanded), self, G_CONNECT_SWAPPED);
}
