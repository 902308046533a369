/* bare-window.c: the floors of the start-up benchmark: a GTK 4 window with one label, and
 * (built with BARE_ADWAITA) the same as a libadwaita application and window, to tell what
 * libadwaita itself costs from what the dagprijzen window adds.
 *
 * Started the way the benchmark starts dagprijzen (DAGPRIJZEN_FIRST_FRAME_EXIT=1), it prints
 * the monotonic time of its first frame and quits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtk/gtk.h>
#ifdef BARE_ADWAITA
#include <adwaita.h>
#endif

static void
on_after_paint (GdkFrameClock  *clock,
                GtkApplication *app)
{
  g_print ("first-frame-monotonic-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, app);
  g_application_quit (G_APPLICATION (app));
}

static void
on_realize (GtkWidget      *window,
            GtkApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint), app);
}

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window;

#ifdef BARE_ADWAITA
  window = adw_application_window_new (app);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window),
                                      gtk_label_new ("Dagprijzen"));
#else
  window = gtk_application_window_new (app);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Dagprijzen"));
#endif
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = NULL;

#ifdef BARE_ADWAITA
  app = GTK_APPLICATION (adw_application_new ("io.github.dagprijzen.BareAdwWindow",
                                              G_APPLICATION_NON_UNIQUE));
#else
  app = gtk_application_new ("io.github.dagprijzen.BareWindow", G_APPLICATION_NON_UNIQUE);
#endif
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
