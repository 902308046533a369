/* test-draft-store.c: local drafts: save, list, latest, load, delete, and interrupted saves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "dagprijzen-core.h"

static DpDossier *
load_demo (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("DAGPRIJZEN_SOURCE_DIR"), "data",
                                            "demo-dossier.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  DpDossier *dossier = dp_format_load_file (file, NULL, &error);

  g_assert_no_error (error);
  return dossier;
}

static DpDossier *
new_dossier (const char *registration_number,
             const char *name,
             guint       year)
{
  g_autoptr(DpCampaign) campaign = dp_campaign_new_for_year (year);
  g_autoptr(DpFacility) facility = dp_facility_new (registration_number, name, 60);
  g_autoptr(DpLine) line = dp_line_new (DP_ROOM_TYPE_SINGLE, "Standaardkamer", 60, 6900);
  DpDossier *dossier = dp_dossier_new (campaign, facility);

  dp_dossier_append_line (dossier, DP_PART_1, line);
  return dossier;
}

static void
set_first_price (DpDossier *dossier,
                 gint64     price)
{
  g_autoptr(DpLine) line = g_list_model_get_item (dp_dossier_get_lines (dossier, DP_PART_1), 0);

  dp_line_set_price (line, price);
}

static gint64
get_first_price (DpDossier *dossier)
{
  g_autoptr(DpLine) line = g_list_model_get_item (dp_dossier_get_lines (dossier, DP_PART_1), 0);

  return dp_line_get_price (line);
}

static char *
file_contents (GFile *file)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_load_contents (file, NULL, &contents, NULL, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names in the drafts directory, sorted, joined by spaces. */
static char *
list_directory (DpDraftStore *store)
{
  g_autofree char *path = g_file_get_path (dp_draft_store_get_directory (store));
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
test_save_list_load_delete (void)
{
  g_autoptr(DpDraftStore) store = dp_draft_store_new_default ();
  g_autoptr(DpDossier) demo = load_demo ();
  g_autoptr(DpDossier) other = new_dossier ("PE-9876", "WZC Ter Meersen", 2024);
  g_autoptr(DpDossier) loaded = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(DpDraftInfo) latest = NULL;
  g_autoptr(GFile) demo_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_dir = g_build_filename (g_get_user_data_dir (), "dagprijzen",
                                                    "drafts", NULL);
  g_autofree char *dir_path = g_file_get_path (dp_draft_store_get_directory (store));
  g_autofree char *demo_path = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *expected = NULL;
  GStatBuf st;

  /* Under the (throwaway) XDG data directory. */
  g_assert_cmpstr (dir_path, ==, expected_dir);

  /* Nothing saved yet: no directory, an empty list, no latest. */
  drafts = dp_draft_store_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 0);
  g_clear_pointer (&drafts, g_ptr_array_unref);
  g_assert_null (dp_draft_store_get_latest (store));

  g_assert_true (dp_draft_store_save (store, demo, NULL, &error));
  g_assert_no_error (error);

  demo_file = dp_draft_store_get_file_for (store, "PE-1234", 2025);
  demo_path = g_file_get_path (demo_file);
  g_assert_true (g_str_has_suffix (demo_path, "/dagprijzen/drafts/PE-1234-2025.json"));
  saved = file_contents (demo_file);
  expected = dp_format_save_data (demo, NULL);
  g_assert_cmpstr (saved, ==, expected);

  /* The care centre's business: only its user reads it. */
  g_assert_cmpint (g_stat (demo_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* The file system clock is coarse: make the second save clearly newer. */
  g_usleep (20 * 1000);
  g_assert_true (dp_draft_store_save (store, other, NULL, &error));
  g_assert_no_error (error);

  drafts = dp_draft_store_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 2);
  {
    DpDraftInfo *first = g_ptr_array_index (drafts, 0);
    DpDraftInfo *second = g_ptr_array_index (drafts, 1);

    g_assert_cmpstr (dp_draft_info_get_registration_number (first), ==, "PE-9876");
    g_assert_cmpstr (dp_draft_info_get_facility_name (first), ==, "WZC Ter Meersen");
    g_assert_cmpuint (dp_draft_info_get_year (first), ==, 2024);
    g_assert_cmpint (dp_draft_info_get_status (first), ==, DP_STATUS_DRAFT);
    g_assert_cmpstr (dp_draft_info_get_registration_number (second), ==, "PE-1234");
    g_assert_cmpstr (dp_draft_info_get_facility_name (second), ==, "WZC De Linde");
    g_assert_cmpuint (dp_draft_info_get_year (second), ==, 2025);
    g_assert_true (g_file_equal (dp_draft_info_get_file (second), demo_file));
    g_assert_cmpint (g_date_time_compare (dp_draft_info_get_modified (first),
                                          dp_draft_info_get_modified (second)), >=, 0);
  }
  g_clear_pointer (&drafts, g_ptr_array_unref);

  latest = dp_draft_store_get_latest (store);
  g_assert_nonnull (latest);
  g_assert_cmpstr (dp_draft_info_get_registration_number (latest), ==, "PE-9876");
  g_clear_object (&latest);

  /* Saving the demo again makes it the latest, and what is loaded is what was saved. */
  g_usleep (20 * 1000);
  set_first_price (demo, 7399);
  g_assert_true (dp_draft_store_save (store, demo, NULL, &error));
  latest = dp_draft_store_get_latest (store);
  g_assert_cmpstr (dp_draft_info_get_registration_number (latest), ==, "PE-1234");

  loaded = dp_draft_store_load (store, "PE-1234", 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpint (get_first_price (loaded), ==, 7399);
  g_assert_cmpuint (dp_dossier_get_total_capacity (loaded), ==, 118);
  g_clear_object (&loaded);

  /* Delete: gone from the list; deleting again or loading says not found. */
  g_assert_true (dp_draft_store_delete (store, "PE-1234", 2025, &error));
  g_assert_no_error (error);
  drafts = dp_draft_store_list (store, &error);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_false (dp_draft_store_delete (store, "PE-1234", 2025, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  loaded = dp_draft_store_load (store, "PE-1234", 2025, &error);
  g_assert_null (loaded);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* A registration number from a document can only ever name a file in the directory. */
static void
test_file_names_stay_inside (void)
{
  g_autoptr(DpDraftStore) store = dp_draft_store_new_default ();
  g_autoptr(DpDossier) sneaky = new_dossier ("../../evil/PE 1", "WZC Sneaky", 2025);
  g_autoptr(DpDossier) loaded = NULL;
  g_autoptr(GFile) file = dp_draft_store_get_file_for (store, "../../evil/PE 1", 2025);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;

  g_assert_true (g_file_equal (parent, dp_draft_store_get_directory (store)));
  g_assert_true (dp_draft_store_save (store, sneaky, NULL, &error));
  g_assert_no_error (error);
  names = list_directory (store);
  g_assert_cmpstr (names, ==, "..%2F..%2Fevil%2FPE%201-2025.json");

  loaded = dp_draft_store_load (store, "../../evil/PE 1", 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dp_facility_get_registration_number (dp_dossier_get_facility (loaded)), ==,
                   "../../evil/PE 1");
}

/* What is not a draft is skipped by the list and left alone. */
static void
test_list_skips_others (void)
{
  g_autoptr(DpDraftStore) store = dp_draft_store_new_default ();
  g_autoptr(DpDossier) demo = load_demo ();
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir_path = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *subdir = NULL;
  g_autofree char *names = NULL;

  g_assert_true (dp_draft_store_save (store, demo, NULL, &error));
  dir_path = g_file_get_path (dp_draft_store_get_directory (store));
  notes = g_build_filename (dir_path, "notes.json", NULL);
  g_assert_true (g_file_set_contents (notes, "{\"not\": \"a dossier\"}", -1, NULL));
  subdir = g_build_filename (dir_path, "old.json", NULL);
  g_assert_cmpint (g_mkdir (subdir, 0700), ==, 0);

  drafts = dp_draft_store_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 1);
  names = list_directory (store);
  g_assert_cmpstr (names, ==, "PE-1234-2025.json notes.json old.json");
}

/* A crash between writing the temporary file and the rename leaves that file behind,
 * half written: the draft beside it is untouched, listed and loadable, and the next save
 * works. */
static void
test_crash_leaves_temporary_file (void)
{
  g_autoptr(DpDraftStore) store = dp_draft_store_new_default ();
  g_autoptr(DpDossier) demo = load_demo ();
  g_autoptr(DpDossier) loaded = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *path = NULL;
  g_autofree char *partial_path = NULL;
  g_autofree char *next = NULL;

  g_assert_true (dp_draft_store_save (store, demo, NULL, &error));
  file = dp_draft_store_get_file_for (store, "PE-1234", 2025);
  before = file_contents (file);

  /* What g_file_set_contents_full() leaves when the process dies mid-write. */
  path = g_file_get_path (file);
  partial_path = g_strconcat (path, ".Q3ZT1Z", NULL);
  next = g_strndup (before, strlen (before) / 2);
  g_assert_true (g_file_set_contents (partial_path, next, -1, NULL));

  after = file_contents (file);
  g_assert_cmpstr (after, ==, before);
  drafts = dp_draft_store_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 1);
  loaded = dp_draft_store_load (store, "PE-1234", 2025, &error);
  g_assert_no_error (error);
  g_clear_object (&loaded);

  set_first_price (demo, 7500);
  g_assert_true (dp_draft_store_save (store, demo, NULL, &error));
  g_assert_no_error (error);
  loaded = dp_draft_store_load (store, "PE-1234", 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpint (get_first_price (loaded), ==, 7500);
}

/* A write that fails half-way (a full disk): simulated with RLIMIT_FSIZE, under which a
 * write past the limit fails (EFBIG) the way it does with ENOSPC on a full disk, even for
 * root. The save reports the error, the previous draft keeps every byte, and no temporary
 * file is left behind. */
static void
test_failed_write_keeps_previous (void)
{
  g_autoptr(DpDraftStore) store = dp_draft_store_new_default ();
  g_autoptr(DpDossier) dossier = new_dossier ("PE-1234", "WZC De Linde", 2025);
  g_autoptr(DpDossier) loaded = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *bigger = NULL;
  g_autofree char *names = NULL;
  struct rlimit saved_limit;
  struct rlimit limit;
  gsize before_length;
  gsize bigger_length;
  gboolean ok;

  g_assert_true (dp_draft_store_save (store, dossier, NULL, &error));
  file = dp_draft_store_get_file_for (store, "PE-1234", 2025);
  before = file_contents (file);
  before_length = strlen (before);

  /* The next version is much longer than the limit; the first was well under it. */
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *description = g_strdup_printf ("Kamer %u", i);
      g_autoptr(DpLine) line = dp_line_new (DP_ROOM_TYPE_SINGLE, description, 1, 7000 + i);

      dp_dossier_append_line (dossier, DP_PART_2, line);
    }
  bigger = dp_format_save_data (dossier, &bigger_length);
  g_assert_cmpuint (bigger_length, >, 4 * before_length);

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved_limit), ==, 0);
  limit = saved_limit;
  limit.rlim_cur = before_length + 512;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  ok = dp_draft_store_save (store, dossier, NULL, &error);

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved_limit), ==, 0);
  signal (SIGXFSZ, SIG_DFL);

  g_assert_false (ok);
  g_assert_nonnull (error);
  g_test_message ("the failed save said: %s", error->message);
  g_clear_error (&error);

  after = file_contents (file);
  g_assert_cmpstr (after, ==, before);
  names = list_directory (store);
  g_assert_cmpstr (names, ==, "PE-1234-2025.json");
  loaded = dp_draft_store_load (store, "PE-1234", 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dp_dossier_get_n_lines (loaded), ==, 1);
  g_clear_object (&loaded);

  /* With room again, the same save goes through whole. */
  g_assert_true (dp_draft_store_save (store, dossier, NULL, &error));
  g_assert_no_error (error);
  loaded = dp_draft_store_load (store, "PE-1234", 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dp_dossier_get_n_lines (loaded), ==, 201);
}

/* The rename cannot happen (a directory stands where the draft goes): the save fails and
 * leaves no temporary file. */
static void
test_failed_rename (void)
{
  g_autoptr(DpDraftStore) store = dp_draft_store_new_default ();
  g_autoptr(DpDossier) dossier = new_dossier ("PE-1234", "WZC De Linde", 2025);
  g_autoptr(GFile) file = dp_draft_store_get_file_for (store, "PE-1234", 2025);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *inside = g_build_filename (path, "keep", NULL);
  g_autofree char *names = NULL;

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  g_assert_true (g_file_set_contents (inside, "x", -1, NULL));

  g_assert_false (dp_draft_store_save (store, dossier, NULL, &error));
  g_assert_nonnull (error);
  names = list_directory (store);
  g_assert_cmpstr (names, ==, "PE-1234-2025.json");
  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));
}

typedef struct {
  gboolean  done;
  GError   *error;
} SaveResult;

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  SaveResult *save = user_data;

  g_assert_true (DP_IS_DRAFT_STORE (source));
  dp_draft_store_save_finish (DP_DRAFT_STORE (source), result, &save->error);
  save->done = TRUE;
}

/* The async save writes the dossier as it was at the call, whatever the user does next. */
static void
test_save_async (void)
{
  g_autoptr(DpDraftStore) store = dp_draft_store_new_default ();
  g_autoptr(DpDossier) demo = load_demo ();
  g_autoptr(DpDossier) loaded = NULL;
  g_autoptr(GError) error = NULL;
  SaveResult save = { FALSE, NULL };

  set_first_price (demo, 7111);
  dp_draft_store_save_async (store, demo, NULL, on_saved, &save);
  set_first_price (demo, 9999);  /* an edit while the thread writes */

  while (!save.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (save.error);

  loaded = dp_draft_store_load (store, "PE-1234", 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpint (get_first_price (loaded), ==, 7111);
  g_assert_cmpint (get_first_price (demo), ==, 9999);
}

/* Overlapping saves end with the last call's version on disk, whichever write finishes
 * first: a big version of a draft saved in a thread, then at once a small version, in
 * another thread, whose write is over long before the big one's; the big one must not
 * land over it. Then a synchronous save is ordered after both. */
static void
test_save_async_overlapping (void)
{
  g_autoptr(DpDraftStore) store = dp_draft_store_new_default ();
  g_autoptr(DpDossier) big = load_demo ();
  g_autoptr(DpDossier) small = new_dossier ("PE-1234", "WZC De Linde", 2025);
  g_autoptr(DpDossier) loaded = NULL;
  g_autoptr(GError) error = NULL;
  SaveResult save = { FALSE, NULL };
  SaveResult save_small = { FALSE, NULL };

  /* Big enough that its write takes far longer than the small one. */
  for (guint i = 0; i < 30000; i++)
    {
      g_autofree char *description = g_strdup_printf ("Kamer %u", i);
      g_autoptr(DpLine) line = dp_line_new (DP_ROOM_TYPE_SINGLE, description, 1, 7000);

      dp_dossier_append_line (big, DP_PART_2, line);
    }

  dp_draft_store_save_async (store, big, NULL, on_saved, &save);
  dp_draft_store_save_async (store, small, NULL, on_saved, &save_small);
  while (!save.done || !save_small.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (save.error);
  g_assert_no_error (save_small.error);

  loaded = dp_draft_store_load (store, "PE-1234", 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dp_dossier_get_n_lines (loaded), ==, 1);
  g_clear_object (&loaded);

  /* And a synchronous save right after an asynchronous one. */
  save.done = FALSE;
  dp_draft_store_save_async (store, big, NULL, on_saved, &save);
  g_assert_true (dp_draft_store_save (store, small, NULL, &error));
  g_assert_no_error (error);
  while (!save.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (save.error);
  loaded = dp_draft_store_load (store, "PE-1234", 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dp_dossier_get_n_lines (loaded), ==, 1);
}

/* A cancelled async save fails with G_IO_ERROR_CANCELLED and writes nothing. */
static void
test_save_async_cancelled (void)
{
  g_autoptr(DpDraftStore) store = dp_draft_store_new_default ();
  g_autoptr(DpDossier) demo = load_demo ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) drafts = NULL;
  SaveResult save = { FALSE, NULL };

  g_cancellable_cancel (cancellable);
  dp_draft_store_save_async (store, demo, cancellable, on_saved, &save);
  while (!save.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (save.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&save.error);

  drafts = dp_draft_store_list (store, NULL);
  g_assert_cmpuint (drafts->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/draft-store/save-list-load-delete", test_save_list_load_delete);
  g_test_add_func ("/draft-store/file-names-stay-inside", test_file_names_stay_inside);
  g_test_add_func ("/draft-store/list-skips-others", test_list_skips_others);
  g_test_add_func ("/draft-store/interrupted/crash", test_crash_leaves_temporary_file);
  g_test_add_func ("/draft-store/interrupted/failed-write", test_failed_write_keeps_previous);
  g_test_add_func ("/draft-store/interrupted/failed-rename", test_failed_rename);
  g_test_add_func ("/draft-store/async", test_save_async);
  g_test_add_func ("/draft-store/async-cancelled", test_save_async_cancelled);
  g_test_add_func ("/draft-store/async-overlapping", test_save_async_overlapping);

  return g_test_run ();
}
