/* dp-capacity-bar.c: "118 of 120 units": the total capacity against the recognised one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "dp-capacity-bar.h"

struct _DpCapacityBar
{
  GtkWidget     parent_instance;

  GtkImage     *icon;
  GtkLabel     *label;
  GtkLevelBar  *level_bar;

  DpDossier    *dossier;
  gulong        total_id;
};

G_DEFINE_FINAL_TYPE (DpCapacityBar, dp_capacity_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOSSIER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (DpCapacityBar *self)
{
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *date = NULL;
  const char *state;
  guint total = 0;
  guint recognised = 0;

  if (self->dossier != NULL)
    {
      total = dp_dossier_get_total_capacity (self->dossier);
      recognised = dp_facility_get_recognised_capacity (dp_dossier_get_facility (self->dossier));
      date = dp_date_format_long (dp_campaign_get_measurement_date (
        dp_dossier_get_campaign (self->dossier)));
    }

  /* TRANSLATORS: the total capacity of both parts against the recognised capacity. */
  text = g_strdup_printf (ngettext ("%u of %u unit", "%u of %u units", recognised),
                          total, recognised);
  gtk_label_set_label (self->label, text);

  gtk_level_bar_set_max_value (self->level_bar, MAX (MAX (total, recognised), 1));
  gtk_level_bar_set_value (self->level_bar, total);

  if (total > recognised)
    {
      state = "error";
      tooltip = g_strdup_printf (ngettext ("The total capacity of both parts is %u unit above "
                                           "the recognised capacity on %s: it may not exceed it.",
                                           "The total capacity of both parts is %u units above "
                                           "the recognised capacity on %s: it may not exceed it.",
                                           total - recognised),
                                 total - recognised, date != NULL ? date : "");
    }
  else if (total < recognised)
    {
      state = "warning";
      tooltip = g_strdup_printf (ngettext ("The total capacity of both parts is %u unit below "
                                           "the recognised capacity on %s: it should equal it.",
                                           "The total capacity of both parts is %u units below "
                                           "the recognised capacity on %s: it should equal it.",
                                           recognised - total),
                                 recognised - total, date != NULL ? date : "");
    }
  else
    {
      state = "success";
      tooltip = g_strdup_printf (_("The total capacity of both parts equals the recognised "
                                   "capacity on %s."), date != NULL ? date : "");
    }

  for (guint i = 0; i < 3; i++)
    {
      static const char *const states[] = { "error", "warning", "success" };

      if (g_strcmp0 (states[i], state) == 0)
        gtk_widget_add_css_class (GTK_WIDGET (self), states[i]);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self), states[i]);
    }

  gtk_image_set_from_icon_name (self->icon, total > recognised ? "dialog-error-symbolic"
                                                               : "dialog-warning-symbolic");
  gtk_widget_set_visible (GTK_WIDGET (self->icon), total != recognised);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->level_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Total capacity"),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                  -1);
}

static void
on_total_notify (DpDossier     *dossier,
                 GParamSpec    *pspec,
                 DpCapacityBar *self)
{
  g_assert (DP_IS_CAPACITY_BAR (self));

  update (self);
}

void
dp_capacity_bar_set_dossier (DpCapacityBar *self,
                             DpDossier     *dossier)
{
  g_return_if_fail (DP_IS_CAPACITY_BAR (self));
  g_return_if_fail (dossier == NULL || DP_IS_DOSSIER (dossier));

  if (self->dossier == dossier)
    return;

  if (self->dossier != NULL)
    g_clear_signal_handler (&self->total_id, self->dossier);
  g_set_object (&self->dossier, dossier);
  if (dossier != NULL)
    self->total_id = g_signal_connect (dossier, "notify::total-capacity",
                                       G_CALLBACK (on_total_notify), self);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOSSIER]);
}

DpDossier *
dp_capacity_bar_get_dossier (DpCapacityBar *self)
{
  g_return_val_if_fail (DP_IS_CAPACITY_BAR (self), NULL);

  return self->dossier;
}

const char *
dp_capacity_bar_get_text (DpCapacityBar *self)
{
  g_return_val_if_fail (DP_IS_CAPACITY_BAR (self), NULL);

  return gtk_label_get_label (self->label);
}

static void
dp_capacity_bar_dispose (GObject *object)
{
  DpCapacityBar *self = (DpCapacityBar *)object;

  if (self->dossier != NULL)
    g_clear_signal_handler (&self->total_id, self->dossier);
  g_clear_object (&self->dossier);

  gtk_widget_dispose_template (GTK_WIDGET (self), DP_TYPE_CAPACITY_BAR);
  /* Children without an id in the template are ours to unparent. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self)));)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (dp_capacity_bar_parent_class)->dispose (object);
}

static void
dp_capacity_bar_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DpCapacityBar *self = DP_CAPACITY_BAR (object);

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
dp_capacity_bar_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DpCapacityBar *self = DP_CAPACITY_BAR (object);

  switch (prop_id)
    {
    case PROP_DOSSIER:
      dp_capacity_bar_set_dossier (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_capacity_bar_class_init (DpCapacityBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dp_capacity_bar_dispose;
  object_class->get_property = dp_capacity_bar_get_property;
  object_class->set_property = dp_capacity_bar_set_property;

  properties[PROP_DOSSIER] =
    g_param_spec_object ("dossier", NULL, NULL, DP_TYPE_DOSSIER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/dagprijzen/Dagprijzen/dp-capacity-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, DpCapacityBar, icon);
  gtk_widget_class_bind_template_child (widget_class, DpCapacityBar, label);
  gtk_widget_class_bind_template_child (widget_class, DpCapacityBar, level_bar);

  gtk_widget_class_set_css_name (widget_class, "dp-capacity-bar");
}

static void
dp_capacity_bar_init (DpCapacityBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The colour says how the total stands against the recognised capacity, not how full the
   * bar is: the level bar's own offsets would call a full house "full" in the wrong tone. */
  gtk_level_bar_remove_offset_value (self->level_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->level_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->level_bar, GTK_LEVEL_BAR_OFFSET_FULL);

  update (self);
}
