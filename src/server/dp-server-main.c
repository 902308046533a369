/* dp-server-main.c: the dagprijzen-server command line: serve, or administer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>

#ifdef HAVE_QRENCODE
#include <qrencode.h>
#endif

#include "dp-auth.h"
#include "dp-demo.h"
#include "dp-server.h"
#include "dp-totp.h"

static char *opt_db;
static int opt_port = 8080;
static char *opt_address;
static char *opt_tls_cert;
static char *opt_tls_key;
static char *opt_today;
static gboolean opt_demo;
static gboolean opt_list_routes;
static gint64 opt_session_lifetime = DP_AUTH_SESSION_LIFETIME;

static const GOptionEntry entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db,
    "The database (default: $XDG_DATA_HOME/dagprijzen-server/dagprijzen.db)", "FILE" },
  { "port", 0, 0, G_OPTION_ARG_INT, &opt_port,
    "The port to listen on (default 8080; 0 picks a free one and prints it)", "N" },
  { "address", 0, 0, G_OPTION_ARG_STRING, &opt_address,
    "The address to listen on (default 127.0.0.1; others need TLS)", "IP" },
  { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &opt_tls_cert,
    "Serve HTTPS with this PEM certificate", "FILE" },
  { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &opt_tls_key,
    "The PEM private key of the certificate", "FILE" },
  { "today", 0, 0, G_OPTION_ARG_STRING, &opt_today,
    "The date that decides deadlines (default: today)", "YYYY-MM-DD" },
  { "demo", 0, 0, G_OPTION_ARG_NONE, &opt_demo,
    "Add the demo facilities, user and last year's measurement, then serve", NULL },
  { "session-lifetime", 0, 0, G_OPTION_ARG_INT64, &opt_session_lifetime,
    "Seconds a login stays valid (default 43200)", "SECONDS" },
  { "list-routes", 0, 0, G_OPTION_ARG_NONE, &opt_list_routes,
    "Print the routes the server answers and exit", NULL },
  { NULL }
};

static char *
default_db_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "dagprijzen-server", "dagprijzen.db", NULL);
}

/* The URI as a QR code of half blocks, two modules per character row, with the quiet
 * zone the standard asks for, so that a phone can scan it from the terminal. */
static void
print_qr_code (const char *text)
{
#ifdef HAVE_QRENCODE
  QRcode *qr = QRcode_encodeString (text, 0, QR_ECLEVEL_L, QR_MODE_8, 1);
  const int quiet = 2;
  int size;

  if (qr == NULL)
    return;
  size = qr->width;

  /* Dark modules print as spaces on a light background: terminals are mostly dark. */
  for (int y = -quiet; y < size + quiet; y += 2)
    {
      g_autoptr(GString) row = g_string_new (NULL);

      for (int x = -quiet; x < size + quiet; x++)
        {
          gboolean top = y >= 0 && y < size && x >= 0 && x < size &&
                         (qr->data[y * size + x] & 1);
          gboolean bottom = y + 1 >= 0 && y + 1 < size && x >= 0 && x < size &&
                            (qr->data[(y + 1) * size + x] & 1);

          if (top && bottom)
            g_string_append_c (row, ' ');
          else if (top)
            g_string_append (row, "▄");
          else if (bottom)
            g_string_append (row, "▀");
          else
            g_string_append (row, "█");
        }
      printf ("%s\n", row->str);
    }
  QRcode_free (qr);
#else
  (void) text;
#endif
}

static int
command_add_facility (DpStore  *store,
                      char    **args)
{
  g_autoptr(GError) error = NULL;
  guint64 capacity;

  if (g_strv_length (args) != 3 ||
      !g_ascii_string_to_unsigned (args[2], 10, 0, 100000, &capacity, NULL))
    {
      g_printerr ("Usage: dagprijzen-server add-facility ERKENNINGSNUMMER NAME CAPACITY\n");
      return 2;
    }
  if (!dp_store_add_facility (store, args[0], args[1], (guint) capacity, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  printf ("Added facility %s “%s” with recognised capacity %u\n", args[0], args[1],
          (guint) capacity);
  return 0;
}

static int
command_add_user (DpStore  *store,
                  char    **args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  guint8 secret[DP_TOTP_SECRET_BYTES];

  if (g_strv_length (args) != 1)
    {
      g_printerr ("Usage: dagprijzen-server add-user NAME\n");
      return 2;
    }

  dp_auth_random_bytes (secret, sizeof secret);
  if (!dp_store_add_user (store, args[0], secret, sizeof secret, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  uri = dp_totp_dup_uri (args[0], secret, sizeof secret);
  printf ("Added user %s. Their login secret is shown this once: add it to an authenticator app.\n"
          "%s\n", args[0], uri);
  print_qr_code (uri);
  return 0;
}

static int
command_grant (DpStore  *store,
               char    **args)
{
  g_autoptr(GError) error = NULL;

  if (g_strv_length (args) != 2)
    {
      g_printerr ("Usage: dagprijzen-server grant USER ERKENNINGSNUMMER\n");
      return 2;
    }
  if (!dp_store_grant (store, args[0], args[1], &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  printf ("%s now acts for %s\n", args[0], args[1]);
  return 0;
}

static int
command_add_campaign (DpStore  *store,
                      char    **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DpCampaign) campaign = NULL;
  guint64 year;
  gint64 discount;

  if (g_strv_length (args) != 2 ||
      !g_ascii_string_to_unsigned (args[0], 10, 2000, 9999, &year, NULL) ||
      !dp_money_parse (args[1], &discount, NULL))
    {
      g_printerr ("Usage: dagprijzen-server add-campaign YEAR DISCOUNT (e.g. 2026 6,45)\n");
      return 2;
    }

  /* The handleiding's calendar: measured on 1 May, submitted by 31 May. */
  campaign = dp_campaign_new ((guint) year, NULL, NULL, discount);
  if (!dp_store_add_campaign (store, campaign, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  printf ("Campaign %u: measured on 1 May, deadline 31 May, discount %s cent\n", (guint) year,
          args[1]);
  return 0;
}

static void
print_demo_login (void)
{
  g_autofree guint8 *secret = NULL;
  g_autofree char *uri = NULL;
  gsize secret_len = 0;
  char code[9];

  secret = dp_base32_decode (DP_DEMO_TOTP_SECRET, &secret_len);
  uri = dp_totp_dup_uri (DP_DEMO_USER, secret, secret_len);
  dp_totp_format_code (secret, secret_len,
                       dp_totp_step_for_time (g_get_real_time () / G_USEC_PER_SEC), code);

  printf ("Demo user “%s”, TOTP secret %s\n%s\n", DP_DEMO_USER, DP_DEMO_TOTP_SECRET, uri);
  print_qr_code (uri);
  printf ("The code right now is %s (it changes every %d seconds).\n", code, DP_TOTP_PERIOD);
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static int
serve (DpStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DpServer) server = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *uri = NULL;

  if ((opt_tls_cert == NULL) != (opt_tls_key == NULL))
    {
      g_printerr ("--tls-cert and --tls-key go together\n");
      return 2;
    }
  if (opt_port < 0 || opt_port > 65535)
    {
      g_printerr ("--port: %d is not a port\n", opt_port);
      return 2;
    }
  if (opt_session_lifetime <= 0 || opt_session_lifetime > G_MAXINT32)
    {
      g_printerr ("--session-lifetime: give a number of seconds\n");
      return 2;
    }

  if (opt_tls_cert != NULL)
    {
      certificate = g_tls_certificate_new_from_files (opt_tls_cert, opt_tls_key, &error);
      if (certificate == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }

  server = dp_server_new (store);
  dp_server_set_session_lifetime (server, opt_session_lifetime);
  if (opt_today != NULL)
    {
      GDate today;

      if (!dp_date_from_iso (opt_today, &today))
        {
          g_printerr ("--today: “%s” is not a date like 2025-05-20\n", opt_today);
          return 2;
        }
      dp_server_set_today (server, &today);
    }

  if (!dp_server_listen (server, opt_address, (guint) opt_port, certificate, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* SIGTERM and SIGINT end the loop, so that the database is closed properly (a kill
   * without that chance loses nothing either: every answered write is committed). Set up
   * before the address is printed: whoever reads it may stop the server at once. */
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);

  if (opt_demo)
    print_demo_login ();

  uri = dp_server_dup_uri (server);
  /* Tests and scripts read this line to learn the port: flush it at once. */
  printf ("Listening on %s\n", uri);
  fflush (stdout);

  g_main_loop_run (loop);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DpStore) store = NULL;
  g_autofree char *db_path = NULL;
  const char *command;

  setlocale (LC_ALL, "");
  dp_core_init_i18n ();

  context = g_option_context_new ("[COMMAND ARGUMENTS…] — the e-loket dossier service");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "Without a command, serves the API on http://127.0.0.1:8080/.\n"
    "\n"
    "Commands:\n"
    "  add-facility ERKENNINGSNUMMER NAME CAPACITY   add a care centre\n"
    "  add-user NAME                                 add a user; prints their TOTP secret once\n"
    "  grant USER ERKENNINGSNUMMER                   let a user act for a care centre\n"
    "  add-campaign YEAR DISCOUNT                    add a year (1 May, deadline 31 May)\n");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (opt_list_routes)
    {
      g_auto(GStrv) list = dp_server_list_routes ();

      for (guint i = 0; list[i] != NULL; i++)
        printf ("%s\n", list[i]);
      return 0;
    }

  db_path = opt_db != NULL ? g_strdup (opt_db) : default_db_path ();
  store = dp_store_open (db_path, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (opt_demo && !dp_demo_seed (store, &error))
    {
      g_printerr ("Cannot add the demo data: %s\n", error->message);
      return 1;
    }

  command = argc > 1 ? argv[1] : NULL;
  if (command == NULL)
    return serve (store);
  if (g_str_equal (command, "add-facility"))
    return command_add_facility (store, argv + 2);
  if (g_str_equal (command, "add-user"))
    return command_add_user (store, argv + 2);
  if (g_str_equal (command, "grant"))
    return command_grant (store, argv + 2);
  if (g_str_equal (command, "add-campaign"))
    return command_add_campaign (store, argv + 2);

  g_printerr ("Unknown command “%s”; see --help\n", command);
  return 2;
}
