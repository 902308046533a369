/* dp-application.c: the Dagprijzen application.
 *
 * Started without a file it opens the start window: the login to the e-loket (skipped while
 * the session kept in the keyring lasts), the user's dossiers and the open campaign; from
 * there, or with --offline, it works on the most recent local draft, or, when there is none
 * yet, on the demo dossier embedded in the program, and says which. Started with a file (or
 * --demo) it opens that.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "dp-application.h"
#include "dp-general-section.h"
#include "dp-resources.h"
#include "dp-start-window.h"
#include "dp-window.h"

struct _DpApplication
{
  AdwApplication  parent_instance;

  DpDraftStore   *store;
  DpEloketClient *client;
  DpTokenStore   *token_store;
  char           *service;        /* --service: the e-loket's address, over the setting */
  char           *user;           /* --user: the user name to fill in on the login page */
  gboolean        demo_user;      /* --demo-user: the service is dagprijzen-server --demo */
  gboolean        demo;           /* --demo: the demo dossier, whatever drafts exist */
  gboolean        offline;        /* --offline: the local draft, without the e-loket */
  gboolean        first_frame_exit;
};

G_DEFINE_FINAL_TYPE (DpApplication, dp_application, ADW_TYPE_APPLICATION)

void
dp_application_ensure_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      dp_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

DpDossier *
dp_application_load_demo (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *data;

  dp_application_ensure_resources ();

  bytes = g_resources_lookup_data (DP_DEMO_DOSSIER_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                   error);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &length);
  return dp_format_load_data (data, length, error);
}

static DpDraftStore *
get_store (DpApplication *self)
{
  if (self->store == NULL)
    self->store = dp_draft_store_new_default ();

  return self->store;
}

/* For the start-up benchmark: the time of the first frame on stdout, then quit. */
static void
on_after_paint (GdkFrameClock *clock,
                DpApplication *self)
{
  g_print ("first-frame-monotonic-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, self);
  g_application_quit (G_APPLICATION (self));
}

static void
on_window_realize (GtkWidget     *window,
                   DpApplication *self)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint), self);
}

static DpDossier *
load_latest_draft (DpApplication  *self,
                   char          **out_announcement)
{
  g_autoptr(DpDraftInfo) info = NULL;
  g_autoptr(DpDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;

  info = dp_draft_store_get_latest (get_store (self));
  if (info == NULL)
    return NULL;

  dossier = dp_format_load_file (dp_draft_info_get_file (info), NULL, &error);
  if (dossier == NULL)
    {
      g_warning ("Could not reopen the latest draft: %s", error->message);
      return NULL;
    }

  when = dp_format_date_time (dp_draft_info_get_modified (info));
  if (dp_dossier_get_read_only (dossier))
    *out_announcement = g_strdup_printf (_("Showing your submitted dossier of %s for %u"),
                                         dp_draft_info_get_facility_name (info),
                                         dp_draft_info_get_year (info));
  else
    *out_announcement = g_strdup_printf (_("Reopened your draft of %s for %u, saved %s"),
                                         dp_draft_info_get_facility_name (info),
                                         dp_draft_info_get_year (info), when);

  return g_steal_pointer (&dossier);
}

static DpWindow *
create_window (DpApplication *self,
               gboolean       announce)
{
  g_autoptr(DpDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *announcement = NULL;
  DpWindow *window;

  if (!self->demo)
    dossier = load_latest_draft (self, &announcement);

  if (dossier == NULL)
    {
      dossier = dp_application_load_demo (&error);
      if (dossier == NULL)
        g_error ("The embedded demo dossier does not load: %s", error->message);
      g_clear_pointer (&announcement, g_free);
      announcement = g_strdup (_("Showing the demo dossier of a fictitious care centre: "
                                 "open your own with Ctrl+O"));
    }

  window = dp_window_new (GTK_APPLICATION (self), get_store (self), dossier);

  if (self->first_frame_exit)
    g_signal_connect (window, "realize", G_CALLBACK (on_window_realize), self);

  if (announce && announcement != NULL)
    dp_window_announce (window, announcement);

  return window;
}

GtkWindow *
dp_application_open_local (DpApplication *self)
{
  GtkWindow *window;

  g_return_val_if_fail (DP_IS_APPLICATION (self), NULL);

  window = GTK_WINDOW (create_window (self, TRUE));
  gtk_window_present (window);
  return window;
}

static GtkWindow *
create_start_window (DpApplication *self)
{
  DpStartWindow *start;

  if (self->client == NULL)
    {
      self->client = dp_eloket_client_new (self->service);
      /* A demo service lives as long as tools/run-demo: its session goes to the keyring's
       * session collection, which needs no password and ends with the login session. */
      self->token_store = dp_token_store_new (self->demo_user ? "session" : NULL);
    }

  start = dp_start_window_new (GTK_APPLICATION (self), self->client, get_store (self),
                               self->token_store);
  if (self->user != NULL)
    dp_start_window_set_user (start, self->user);
  dp_start_window_set_demo (start, self->demo_user);
  return GTK_WINDOW (start);
}

/* The demo code is shown only for a service on this computer: its secret is published, and
 * no real e-loket would accept it. */
static gboolean
is_loopback_url (const char *url)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  return host != NULL && (g_str_equal (host, "127.0.0.1") || g_str_equal (host, "localhost") ||
                          g_str_equal (host, "::1"));
}

static void
dp_application_activate (GApplication *application)
{
  DpApplication *self = DP_APPLICATION (application);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    {
      /* The demo, the start-up benchmark and --offline show a dossier at once; otherwise the
       * e-loket comes first. */
      if (self->demo || self->offline || self->first_frame_exit)
        window = GTK_WINDOW (create_window (self, TRUE));
      else
        window = create_start_window (self);
    }

  gtk_window_present (window);
}

static void
dp_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  DpApplication *self = DP_APPLICATION (application);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    window = GTK_WINDOW (create_window (self, FALSE));

  /* One dossier per window: the first file is opened, in the window at hand. */
  if (n_files > 0)
    dp_window_open_file (DP_WINDOW (window), files[0]);

  gtk_window_present (window);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  DpApplication *self = DP_APPLICATION (user_data);
  GtkWidget *about;
  const char *developers[] = { _("The Dagprijzen authors"), NULL };

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Dagprijzen"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Dagprijzen authors"),
                        "developers", developers,
                        "comments", _("Prepare, check and submit the yearly measurement of the "
                                      "day prices of a residential care centre."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/dagprijzen/dagprijzen",
                        "issue-url", "https://github.com/dagprijzen/dagprijzen/issues",
                        "translator-credits", _("translator-credits"),
                        NULL);
  adw_about_window_add_link (ADW_ABOUT_WINDOW (about), _("Guidelines of the Department"),
                             "https://www.zorg-en-gezondheid.be/e-loket-voor-zorgvoorzieningen");
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  DpApplication *self = DP_APPLICATION (user_data);
  GList *windows;

  /* Through close-request, so that every window saves its draft first. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
}

static int
dp_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  DpApplication *self = DP_APPLICATION (application);

  if (g_variant_dict_contains (options, "demo"))
    self->demo = TRUE;
  if (g_variant_dict_contains (options, "offline"))
    self->offline = TRUE;
  g_variant_dict_lookup (options, "service", "s", &self->service);
  g_variant_dict_lookup (options, "user", "s", &self->user);
  if (g_variant_dict_contains (options, "demo-user"))
    {
      if (is_loopback_url (self->service))
        self->demo_user = TRUE;
      else
        g_printerr (_("--demo-user needs --service with the address of a demo service on this "
                      "computer (http://127.0.0.1:PORT/)\n"));
    }

  return -1;
}

static void
dp_application_startup (GApplication *application)
{
  DpApplication *self = DP_APPLICATION (application);
  static const GActionEntry actions[] = {
    { .name = "about", .activate = about_action },
    { .name = "quit", .activate = quit_action },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *help_overlay_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (dp_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  /* What GtkApplication does for gtk/help-overlay.ui; the window builds it lazily instead. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         help_overlay_accels);
  gtk_window_set_default_icon_name (APP_ID);
}

static void
dp_application_finalize (GObject *object)
{
  DpApplication *self = (DpApplication *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_object (&self->token_store);
  g_clear_pointer (&self->service, g_free);
  g_clear_pointer (&self->user, g_free);

  G_OBJECT_CLASS (dp_application_parent_class)->finalize (object);
}

static void
dp_application_class_init (DpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  dp_application_ensure_resources ();

  object_class->finalize = dp_application_finalize;

  app_class->activate = dp_application_activate;
  app_class->open = dp_application_open;
  app_class->startup = dp_application_startup;
  app_class->handle_local_options = dp_application_handle_local_options;
}

static void
dp_application_init (DpApplication *self)
{
  const GOptionEntry options[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Open the embedded demo dossier instead of the latest draft"), NULL },
    { "offline", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Work on the latest draft on this computer, without the e-loket"), NULL },
    { "service", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("The address of the e-loket service (default: the one used last)"), N_("URL") },
    { "user", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("The user name to fill in on the login page"), N_("NAME") },
    { "demo-user", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("The service is dagprijzen-server --demo on this computer: fill in its user and its "
         "current code"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE]"));

  /* DAGPRIJZEN_FIRST_FRAME_EXIT=1: print the time of the first frame and quit, for the
   * start-up benchmark (tests/ui). */
  self->first_frame_exit = g_strcmp0 (g_getenv ("DAGPRIJZEN_FIRST_FRAME_EXIT"), "1") == 0;
}

DpApplication *
dp_application_new (void)
{
  GApplicationFlags flags = G_APPLICATION_HANDLES_OPEN;

  /* The benchmark must measure this process, not hand its work to one already running. */
  if (g_strcmp0 (g_getenv ("DAGPRIJZEN_FIRST_FRAME_EXIT"), "1") == 0)
    flags |= G_APPLICATION_NON_UNIQUE;

  return g_object_new (DP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags,
                       "resource-base-path", "/io/github/dagprijzen/Dagprijzen",
                       NULL);
}
