/* dp-findings-list.c: the live list of the checks' errors and warnings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "dp-findings-list.h"
#include "dp-wrap.h"

struct _DpFindingsList
{
  GtkWidget    parent_instance;

  GtkLabel    *title_label;
  GtkLabel    *summary_label;
  GtkListBox  *list_box;

  DpDossier   *dossier;
  gulong       counts_ids[2];
  gulong       lines_ids[DP_N_PARTS];
};

G_DEFINE_FINAL_TYPE (DpFindingsList, dp_findings_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOSSIER,
  N_PROPS
};

enum {
  FINDING_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *
field_label (DpField field)
{
  switch (field)
    {
    case DP_FIELD_ROOM_TYPE:   return _("room type");
    case DP_FIELD_DESCRIPTION: return _("description");
    case DP_FIELD_CAPACITY:    return _("capacity");
    case DP_FIELD_PRICE:       return _("price");
    case DP_FIELD_NONE:
    case DP_FIELD_LINE:
    default:                   return NULL;
    }
}

char *
dp_finding_describe_place (DpFinding *finding,
                           DpDossier *dossier)
{
  g_autofree char *path = NULL;
  DpField field;
  DpPart part;
  gint index = -1;

  g_return_val_if_fail (DP_IS_FINDING (finding), NULL);

  /* The path is worked out from the line's present position, so the place stays right when
   * lines above it come and go. */
  path = dossier != NULL ? dp_finding_dup_path (finding, dossier) : NULL;
  if (path == NULL || *path == '\0' || !dp_path_parse (path, &part, &index, &field))
    return g_strdup (_("Whole dossier"));

  if (index < 0)
    return g_strdup (dp_part_to_label (part));

  if (field_label (field) != NULL)
    /* TRANSLATORS: "Part 2, line 3: capacity" */
    return g_strdup_printf (_("%s, line %d: %s"), dp_part_to_label (part), index + 1,
                            field_label (field));

  return g_strdup_printf (_("%s, line %d"), dp_part_to_label (part), index + 1);
}

static void
update_row_place (DpFindingsList *self,
                  GtkWidget      *row)
{
  DpFinding *finding = g_object_get_data (G_OBJECT (row), "dp-finding");
  g_autofree char *place = NULL;

  if (finding == NULL)
    return;

  place = dp_finding_describe_place (finding, self->dossier);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), place);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  DpFindingsList *self = DP_FINDINGS_LIST (user_data);
  DpFinding *finding = DP_FINDING (item);
  gboolean error = dp_finding_get_severity (finding) == DP_SEVERITY_ERROR;
  g_autofree char *label = NULL;
  GtkWidget *row;
  GtkWidget *icon;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), dp_finding_get_message (finding));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  g_object_set_data_full (G_OBJECT (row), "dp-finding", g_object_ref (finding), g_object_unref);

  icon = gtk_image_new_from_icon_name (error ? "dialog-error-symbolic"
                                             : "dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, error ? "error" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  dp_severity_to_label (dp_finding_get_severity (finding)), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  if (dp_finding_get_line (finding) != NULL)
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_widget_set_tooltip_text (row, _("Go to the field"));
    }

  update_row_place (self, row);
  dp_wrap_labels_between_words (row);

  label = g_strdup_printf ("%s: %s", dp_severity_to_label (dp_finding_get_severity (finding)),
                           dp_finding_get_message (finding));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  /* The row is labelled by its title too, which GTK 4.8 appends to the label: the message
   * would be read twice. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);

  return row;
}

static void
update_summary (DpFindingsList *self)
{
  g_autofree char *errors = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *text = NULL;
  guint n_errors = 0;
  guint n_warnings = 0;

  if (self->dossier != NULL)
    {
      n_errors = dp_dossier_get_n_errors (self->dossier);
      n_warnings = dp_dossier_get_n_warnings (self->dossier);
    }

  errors = g_strdup_printf (ngettext ("%u error", "%u errors", n_errors), n_errors);
  warnings = g_strdup_printf (ngettext ("%u warning", "%u warnings", n_warnings), n_warnings);

  if (n_errors > 0)
    /* TRANSLATORS: "2 errors, 1 warning: errors must be corrected before submitting." */
    text = g_strdup_printf (_("%s, %s: errors must be corrected before submitting; "
                              "warnings may be submitted as they are."), errors, warnings);
  else if (n_warnings > 0)
    text = g_strdup_printf (_("%s: check them; the dossier may be submitted with them."),
                            warnings);
  else
    text = g_strdup (_("The dossier passes every check the department will run."));

  gtk_label_set_label (self->summary_label, text);
}

static void
on_counts_notify (DpDossier      *dossier,
                  GParamSpec     *pspec,
                  DpFindingsList *self)
{
  g_assert (DP_IS_FINDINGS_LIST (self));

  update_summary (self);
}

static void
on_lines_changed (GListModel     *model,
                  guint           position,
                  guint           removed,
                  guint           added,
                  DpFindingsList *self)
{
  g_assert (DP_IS_FINDINGS_LIST (self));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    update_row_place (self, row);
}

static void
on_row_activated (GtkListBox     *list_box,
                  GtkListBoxRow  *row,
                  DpFindingsList *self)
{
  DpFinding *finding;

  g_assert (DP_IS_FINDINGS_LIST (self));

  finding = g_object_get_data (G_OBJECT (row), "dp-finding");
  if (finding != NULL)
    g_signal_emit (self, signals[FINDING_ACTIVATED], 0, finding);
}

static void
disconnect_dossier (DpFindingsList *self)
{
  if (self->dossier == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (self->counts_ids); i++)
    g_clear_signal_handler (&self->counts_ids[i], self->dossier);
  for (guint i = 0; i < DP_N_PARTS; i++)
    g_clear_signal_handler (&self->lines_ids[i], dp_dossier_get_lines (self->dossier, i));
}

void
dp_findings_list_set_dossier (DpFindingsList *self,
                              DpDossier      *dossier)
{
  g_return_if_fail (DP_IS_FINDINGS_LIST (self));
  g_return_if_fail (dossier == NULL || DP_IS_DOSSIER (dossier));

  if (self->dossier == dossier)
    return;

  disconnect_dossier (self);
  g_set_object (&self->dossier, dossier);

  if (dossier != NULL)
    {
      self->counts_ids[0] = g_signal_connect (dossier, "notify::n-errors",
                                              G_CALLBACK (on_counts_notify), self);
      self->counts_ids[1] = g_signal_connect (dossier, "notify::n-warnings",
                                              G_CALLBACK (on_counts_notify), self);
      for (guint i = 0; i < DP_N_PARTS; i++)
        self->lines_ids[i] = g_signal_connect (dp_dossier_get_lines (dossier, i),
                                               "items-changed",
                                               G_CALLBACK (on_lines_changed), self);
      gtk_list_box_bind_model (self->list_box, dp_dossier_get_findings (dossier),
                               create_row, self, NULL);
    }
  else
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);

  update_summary (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOSSIER]);
}

DpDossier *
dp_findings_list_get_dossier (DpFindingsList *self)
{
  g_return_val_if_fail (DP_IS_FINDINGS_LIST (self), NULL);

  return self->dossier;
}

GtkWidget *
dp_findings_list_get_row (DpFindingsList *self,
                          guint           index)
{
  g_return_val_if_fail (DP_IS_FINDINGS_LIST (self), NULL);

  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->list_box, index));
}

void
dp_findings_list_focus_first (DpFindingsList *self)
{
  GtkListBoxRow *row;

  g_return_if_fail (DP_IS_FINDINGS_LIST (self));

  row = gtk_list_box_get_row_at_index (self->list_box, 0);
  if (row == NULL || !gtk_widget_grab_focus (GTK_WIDGET (row)))
    gtk_widget_grab_focus (GTK_WIDGET (self->list_box));
}

static void
dp_findings_list_dispose (GObject *object)
{
  DpFindingsList *self = (DpFindingsList *)object;

  disconnect_dossier (self);
  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  g_clear_object (&self->dossier);

  gtk_widget_dispose_template (GTK_WIDGET (self), DP_TYPE_FINDINGS_LIST);
  /* Children without an id in the template are ours to unparent. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self)));)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (dp_findings_list_parent_class)->dispose (object);
}

static void
dp_findings_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DpFindingsList *self = DP_FINDINGS_LIST (object);

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
dp_findings_list_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DpFindingsList *self = DP_FINDINGS_LIST (object);

  switch (prop_id)
    {
    case PROP_DOSSIER:
      dp_findings_list_set_dossier (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_findings_list_class_init (DpFindingsListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dp_findings_list_dispose;
  object_class->get_property = dp_findings_list_get_property;
  object_class->set_property = dp_findings_list_set_property;

  properties[PROP_DOSSIER] =
    g_param_spec_object ("dossier", NULL, NULL, DP_TYPE_DOSSIER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, DP_TYPE_FINDING);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/dagprijzen/Dagprijzen/dp-findings-list.ui");
  gtk_widget_class_bind_template_child (widget_class, DpFindingsList, title_label);
  gtk_widget_class_bind_template_child (widget_class, DpFindingsList, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DpFindingsList, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_set_css_name (widget_class, "dp-findings-list");
}

static void
dp_findings_list_init (DpFindingsList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Findings"), -1);
  update_summary (self);
}
