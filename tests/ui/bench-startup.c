/* bench-startup.c: time from process start to the first frame, and peak memory, of
 * dagprijzen on its demo dossier beside a bare GTK 4 window with one label (the floor the aim
 * is set against) and the same window as a bare libadwaita application, in one run.
 *
 * Each program is started ROUNDS times, alternately, with DAGPRIJZEN_FIRST_FRAME_EXIT=1: it
 * prints the monotonic time of its first frame's after-paint and quits. The start is taken
 * just before the spawn, on the same monotonic clock; the peak resident set size comes from
 * wait4()'s rusage of the child. Medians are printed, and the ratios. Needs an X display
 * (Xvfb) and GSK_RENDERER=cairo; without a display it reports a skip.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#define ROUNDS 7
#define N_PROGRAMS 3

typedef struct {
  const char *name;
  char      **argv;
  gint64      startup_us[ROUNDS];
  glong       maxrss_kib[ROUNDS];
  gint64      cpu_us[ROUNDS];       /* user + system: steadier than wall time on a busy machine */
} Program;

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static gint64
median (const gint64 *values)
{
  gint64 sorted[ROUNDS];

  memcpy (sorted, values, sizeof sorted);
  qsort (sorted, ROUNDS, sizeof sorted[0], compare_gint64);
  return sorted[ROUNDS / 2];
}

static gboolean
run_once (Program  *program,
          char    **envp,
          guint     round)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  g_autofree char *output = NULL;
  struct rusage usage;
  const char *mark;
  gint64 started;
  gint64 first_frame;
  GPid pid;
  int out_fd;
  int status;

  started = g_get_monotonic_time ();
  if (!g_spawn_async_with_pipes (NULL, program->argv, envp, G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &pid, NULL, &out_fd, NULL, &error))
    {
      g_printerr ("%s: %s\n", program->name, error->message);
      return FALSE;
    }

  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  g_io_channel_read_to_end (channel, &output, NULL, NULL);

  while (wait4 (pid, &status, 0, &usage) < 0)
    {
      if (errno != EINTR)
        {
          g_printerr ("%s: wait4: %s\n", program->name, g_strerror (errno));
          return FALSE;
        }
    }
  g_spawn_close_pid (pid);

  mark = output != NULL ? strstr (output, "first-frame-monotonic-us ") : NULL;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0 || mark == NULL)
    {
      g_printerr ("%s: no first frame reported (status %d): %s\n", program->name, status,
                  output != NULL ? output : "");
      return FALSE;
    }

  first_frame = g_ascii_strtoll (mark + strlen ("first-frame-monotonic-us "), NULL, 10);
  program->startup_us[round] = first_frame - started;
  program->maxrss_kib[round] = usage.ru_maxrss;
  program->cpu_us[round] = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC
                           + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  g_auto(GStrv) envp = NULL;
  char *app_argv[] = { NULL, (char *) "--demo", NULL };
  char *bare_argv[] = { NULL, NULL };
  char *adw_argv[] = { NULL, NULL };
  Program programs[N_PROGRAMS] = {
    { .name = "dagprijzen (demo dossier)", .argv = app_argv },
    { .name = "bare GTK 4 window, one label", .argv = bare_argv },
    { .name = "bare libadwaita window", .argv = adw_argv },
  };
  gint64 startup[N_PROGRAMS];
  gint64 rss[N_PROGRAMS];
  gint64 cpu[N_PROGRAMS];

  if (argc != 4)
    {
      g_printerr ("usage: %s DAGPRIJZEN BARE-WINDOW BARE-ADWAITA-WINDOW\n", argv[0]);
      return 2;
    }
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("skipped: no display; run under xvfb-run (see the README)\n");
      return 77;
    }

  app_argv[0] = argv[1];
  bare_argv[0] = argv[2];
  adw_argv[0] = argv[3];

  /* A throwaway data directory: no draft of the user's is opened or written. */
  data_home = g_dir_make_tmp ("dagprijzen-bench-XXXXXX", NULL);
  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "DAGPRIJZEN_FIRST_FRAME_EXIT", "1", TRUE);
  envp = g_environ_setenv (envp, "GSK_RENDERER", "cairo", TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  envp = g_environ_setenv (envp, "NO_AT_BRIDGE", "1", TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data_home, TRUE);

  /* One start each to warm the page cache, not counted. */
  for (guint p = 0; p < N_PROGRAMS; p++)
    if (!run_once (&programs[p], envp, 0))
      return 1;

  /* Alternately, so that a slow moment of the machine hurts both alike. */
  for (guint round = 0; round < ROUNDS; round++)
    for (guint p = 0; p < N_PROGRAMS; p++)
      if (!run_once (&programs[p], envp, round))
        return 1;

  for (guint p = 0; p < N_PROGRAMS; p++)
    {
      gint64 rss_values[ROUNDS];

      for (guint i = 0; i < ROUNDS; i++)
        rss_values[i] = programs[p].maxrss_kib[i];
      startup[p] = median (programs[p].startup_us);
      rss[p] = median (rss_values);
      cpu[p] = median (programs[p].cpu_us);
      g_print ("%-30s start to first frame %7.1f ms   CPU %6.1f ms   peak RSS %6.1f MiB"
               "   (medians of %d)\n", programs[p].name, startup[p] / 1000.0, cpu[p] / 1000.0,
               rss[p] / 1024.0, ROUNDS);
    }

  g_print ("ratio dagprijzen / bare window: start-up %.2fx, CPU %.2fx, peak memory %.2fx "
           "(aim: within 1.3x)\n", (double) startup[0] / (double) startup[1],
           (double) cpu[0] / (double) cpu[1], (double) rss[0] / (double) rss[1]);
  g_print ("ratio bare libadwaita / bare window: start-up %.2fx, CPU %.2fx, peak memory %.2fx "
           "(what libadwaita alone costs)\n", (double) startup[2] / (double) startup[1],
           (double) cpu[2] / (double) cpu[1], (double) rss[2] / (double) rss[1]);

  g_rmdir (data_home);
  return 0;
}
