/* test-line.c: DpLine's properties, notifications and net price.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>

#include "dagprijzen-core.h"

typedef struct {
  GPtrArray *names;   /* the property names notified, in order */
} Recorder;

static void
record_notify (GObject    *object,
               GParamSpec *pspec,
               Recorder   *rec)
{
  g_ptr_array_add (rec->names, g_strdup (pspec->name));
}

static guint
count (Recorder   *rec,
       const char *name)
{
  guint n = 0;

  for (guint i = 0; i < rec->names->len; i++)
    if (g_str_equal (g_ptr_array_index (rec->names, i), name))
      n++;
  return n;
}

static void
test_defaults (void)
{
  g_autoptr(DpLine) line = g_object_new (DP_TYPE_LINE, NULL);

  g_assert_cmpint (dp_line_get_room_type (line), ==, DP_ROOM_TYPE_SINGLE);
  g_assert_cmpstr (dp_line_get_description (line), ==, "");
  g_assert_cmpuint (dp_line_get_capacity (line), ==, 0);
  g_assert_cmpint (dp_line_get_price (line), ==, DP_CENTS_NONE);
  g_assert_false (dp_line_has_price (line));
  g_assert_cmpint (dp_line_get_discount (line), ==, 0);
  g_assert_cmpint (dp_line_get_net_price (line), ==, DP_CENTS_NONE);
  g_assert_cmpint (dp_line_get_previous_price (line), ==, DP_CENTS_NONE);
}

static void
test_properties (void)
{
  g_autoptr(DpLine) line = dp_line_new (DP_ROOM_TYPE_DOUBLE, "Met balkon", 6, 4500);
  g_autofree char *description = NULL;
  DpRoomType room_type;
  guint capacity;
  gint64 price, net;

  g_object_get (line,
                "room-type", &room_type,
                "description", &description,
                "capacity", &capacity,
                "price", &price,
                "net-price", &net,
                NULL);
  g_assert_cmpint (room_type, ==, DP_ROOM_TYPE_DOUBLE);
  g_assert_cmpstr (description, ==, "Met balkon");
  g_assert_cmpuint (capacity, ==, 6);
  g_assert_cmpint (price, ==, 4500);
  g_assert_cmpint (net, ==, 4500);

  g_object_set (line, "description", NULL, "capacity", 4, NULL);
  g_assert_cmpstr (dp_line_get_description (line), ==, "");
  g_assert_cmpuint (dp_line_get_capacity (line), ==, 4);
}

static void
test_notify_only_on_change (void)
{
  g_autoptr(DpLine) line = dp_line_new (DP_ROOM_TYPE_SINGLE, "Standaard", 10, 5000);
  Recorder rec = { g_ptr_array_new_with_free_func (g_free) };

  g_signal_connect (line, "notify", G_CALLBACK (record_notify), &rec);

  /* The same values again: nothing. */
  dp_line_set_room_type (line, DP_ROOM_TYPE_SINGLE);
  dp_line_set_description (line, "Standaard");
  dp_line_set_capacity (line, 10);
  dp_line_set_price (line, 5000);
  dp_line_set_discount (line, 0);
  dp_line_set_previous_price (line, DP_CENTS_NONE);
  g_object_set (line, "capacity", 10, "price", (gint64) 5000, NULL);
  g_assert_cmpuint (rec.names->len, ==, 0);

  dp_line_set_room_type (line, DP_ROOM_TYPE_DOUBLE);
  g_assert_cmpuint (count (&rec, "room-type"), ==, 1);
  dp_line_set_description (line, "Groot");
  g_assert_cmpuint (count (&rec, "description"), ==, 1);
  dp_line_set_capacity (line, 12);
  g_assert_cmpuint (count (&rec, "capacity"), ==, 1);
  dp_line_set_previous_price (line, 4800);
  g_assert_cmpuint (count (&rec, "previous-price"), ==, 1);
  g_assert_cmpuint (rec.names->len, ==, 4);

  /* A price change changes the net price too. */
  dp_line_set_price (line, 5100);
  g_assert_cmpuint (count (&rec, "price"), ==, 1);
  g_assert_cmpuint (count (&rec, "net-price"), ==, 1);

  /* So does a discount, but only when there is a price. */
  dp_line_set_discount (line, 629);
  g_assert_cmpuint (count (&rec, "discount"), ==, 1);
  g_assert_cmpuint (count (&rec, "net-price"), ==, 2);

  dp_line_set_price (line, DP_CENTS_NONE);
  g_assert_cmpuint (count (&rec, "net-price"), ==, 3);
  dp_line_set_discount (line, 600);
  g_assert_cmpuint (count (&rec, "discount"), ==, 2);
  g_assert_cmpuint (count (&rec, "net-price"), ==, 3);

  g_signal_handlers_disconnect_by_data (line, &rec);
  g_ptr_array_unref (rec.names);
}

static void
test_net_price (void)
{
  g_autoptr(DpLine) line = dp_line_new (DP_ROOM_TYPE_SINGLE, "", 1, 4500);

  g_assert_true (dp_line_has_price (line));
  g_assert_cmpint (dp_line_get_net_price (line), ==, 4500);

  /* The handleiding's Luik 2 example: 45,00 gross − 6,29 = 38,71 net. */
  dp_line_set_discount (line, 629);
  g_assert_cmpint (dp_line_get_net_price (line), ==, 3871);

  /* A gross price below the discount gives a negative net price (the checks flag it). */
  dp_line_set_price (line, 500);
  g_assert_cmpint (dp_line_get_net_price (line), ==, -129);

  dp_line_set_price (line, DP_CENTS_NONE);
  g_assert_false (dp_line_has_price (line));
  g_assert_cmpint (dp_line_get_net_price (line), ==, DP_CENTS_NONE);
}

static void
test_kind (void)
{
  g_autoptr(DpLine) a = dp_line_new (DP_ROOM_TYPE_SINGLE, "  Grote kamer MET balkon ", 1, 1);
  g_autoptr(DpLine) b = dp_line_new (DP_ROOM_TYPE_SINGLE, "grote kamer met balkon", 1, 2);
  g_autoptr(DpLine) c = dp_line_new (DP_ROOM_TYPE_DOUBLE, "grote kamer met balkon", 2, 2);
  g_autoptr(DpLine) d = dp_line_new (DP_ROOM_TYPE_SINGLE, "Eénpersoons", 1, 1);
  /* "E" + combining acute accent: the same text in another normal form. */
  g_autoptr(DpLine) e = dp_line_new (DP_ROOM_TYPE_SINGLE, "ee\xcc\x81npersoons", 1, 1);
  g_autoptr(DpLine) f = dp_line_new (DP_ROOM_TYPE_SINGLE, "grote kamer", 1, 2);
  g_autofree char *key_a = dp_line_dup_kind_key (a);
  g_autofree char *key_b = dp_line_dup_kind_key (b);
  g_autofree char *key_c = dp_line_dup_kind_key (c);

  g_assert_true (dp_line_same_kind (a, b));
  g_assert_cmpstr (key_a, ==, key_b);
  g_assert_false (dp_line_same_kind (a, c));
  g_assert_cmpstr (key_a, !=, key_c);
  g_assert_true (dp_line_same_kind (d, e));
  g_assert_false (dp_line_same_kind (a, f));
}

static void
test_copy (void)
{
  g_autoptr(DpLine) line = dp_line_new (DP_ROOM_TYPE_DOUBLE, "Oud", 4, 5200);
  g_autoptr(DpLine) copy = NULL;

  dp_line_set_discount (line, 629);
  copy = dp_line_copy (line);
  g_assert_true (copy != line);
  g_assert_cmpint (dp_line_get_room_type (copy), ==, DP_ROOM_TYPE_DOUBLE);
  g_assert_cmpstr (dp_line_get_description (copy), ==, "Oud");
  g_assert_cmpuint (dp_line_get_capacity (copy), ==, 4);
  g_assert_cmpint (dp_line_get_price (copy), ==, 5200);

  dp_line_set_price (copy, 1);
  g_assert_cmpint (dp_line_get_price (line), ==, 5200);
}

static void
test_types (void)
{
  DpRoomType room_type;
  DpPart part;
  DpStatus status;
  DpSeverity severity;

  g_assert_cmpstr (dp_room_type_to_wire (DP_ROOM_TYPE_SINGLE), ==, "eenpersoonskamer");
  g_assert_cmpstr (dp_room_type_to_wire (DP_ROOM_TYPE_DOUBLE), ==, "tweepersoonskamer");
  g_assert_true (dp_room_type_from_wire ("tweepersoonskamer", &room_type));
  g_assert_cmpint (room_type, ==, DP_ROOM_TYPE_DOUBLE);
  g_assert_false (dp_room_type_from_wire ("driepersoonskamer", &room_type));
  g_assert_false (dp_room_type_from_wire (NULL, &room_type));

  g_assert_cmpstr (dp_part_to_wire (DP_PART_2), ==, "luik2");
  g_assert_true (dp_part_from_wire ("luik1", &part));
  g_assert_cmpint (part, ==, DP_PART_1);

  g_assert_cmpstr (dp_status_to_wire (DP_STATUS_SUBMITTED), ==, "ingediend");
  g_assert_true (dp_status_from_wire ("ontwerp", &status));
  g_assert_cmpint (status, ==, DP_STATUS_DRAFT);

  g_assert_cmpstr (dp_severity_to_wire (DP_SEVERITY_ERROR), ==, "fout");
  g_assert_cmpstr (dp_severity_to_wire (DP_SEVERITY_WARNING), ==, "waarschuwing");
  g_assert_true (dp_severity_from_wire ("waarschuwing", &severity));
  g_assert_cmpint (severity, ==, DP_SEVERITY_WARNING);
  g_assert_false (dp_severity_from_wire ("Fout", &severity));

  g_assert_true (G_TYPE_IS_ENUM (DP_TYPE_ROOM_TYPE));
  g_assert_cmpstr (dp_room_type_to_label (DP_ROOM_TYPE_SINGLE), ==, "Single room");
  g_assert_cmpstr (dp_part_to_label (DP_PART_1), ==, "Part 1");
  g_assert_cmpstr (dp_status_to_label (DP_STATUS_DRAFT), ==, "Draft");
  g_assert_cmpstr (dp_severity_to_label (DP_SEVERITY_ERROR), ==, "Error");
}

static void
test_campaign (void)
{
  g_autoptr(DpCampaign) c2023 = dp_campaign_new_for_year (2023);
  g_autoptr(DpCampaign) c2024 = dp_campaign_new_for_year (2024);
  g_autoptr(DpCampaign) c2025 = dp_campaign_new_for_year (2025);
  g_autoptr(DpCampaign) c1999 = dp_campaign_new_for_year (1999);
  g_autofree char *iso = NULL;
  g_autofree char *deadline = NULL;
  g_autofree char *long_date = NULL;
  GDate day;

  g_assert_cmpint (dp_campaign_get_discount (c2023), ==, 600);
  g_assert_cmpint (dp_campaign_get_discount (c2024), ==, 607);
  g_assert_cmpint (dp_campaign_get_discount (c2025), ==, 629);
  g_assert_null (c1999);
  g_assert_cmpuint (dp_campaign_get_year (c2025), ==, 2025);

  g_assert_cmpstr ((iso = dp_date_to_iso (dp_campaign_get_measurement_date (c2025))), ==,
                   "2025-05-01");
  g_assert_cmpstr ((deadline = dp_date_to_iso (dp_campaign_get_deadline (c2025))), ==,
                   "2025-05-31");

  g_assert_true (dp_date_from_iso ("2025-05-31", &day));
  g_assert_true (dp_campaign_is_open_on (c2025, &day));
  g_assert_true (dp_date_from_iso ("2025-06-01", &day));
  g_assert_false (dp_campaign_is_open_on (c2025, &day));

  g_assert_false (dp_date_from_iso ("2025-02-30", &day));
  g_assert_false (dp_date_from_iso ("2025-5-1", &day));
  g_assert_false (dp_date_from_iso ("2025-05-01T00", &day));
  g_assert_false (dp_date_from_iso (NULL, &day));

  g_assert_true (dp_date_from_iso ("2025-05-01", &day));
  g_assert_cmpstr ((long_date = dp_date_format_long (&day)), ==, "1 May 2025");

  /* A submission time: whole seconds and a numeric offset, as ingediend_op is written. */
  {
    g_autoptr(GTimeZone) zone = g_time_zone_new_offset (2 * 3600);
    g_autoptr(GDateTime) at = g_date_time_new (zone, 2025, 5, 20, 10, 15, 0.5);
    g_autofree char *text = dp_time_to_iso (at);

    g_assert_cmpstr (text, ==, "2025-05-20T10:15:00+02:00");
    /* Its day is the one of its own zone: 00:30 in Brussels is still the 31st in UTC. */
    {
      g_autoptr(GDateTime) late = g_date_time_new (zone, 2025, 6, 1, 0, 30, 0);
      g_autoptr(GDateTime) utc = g_date_time_to_utc (late);
      g_autofree char *late_day = NULL;
      g_autofree char *utc_day = NULL;

      dp_date_of_time (late, &day);
      late_day = dp_date_to_iso (&day);
      dp_date_of_time (utc, &day);
      utc_day = dp_date_to_iso (&day);
      g_assert_cmpstr (late_day, ==, "2025-06-01");
      g_assert_cmpstr (utc_day, ==, "2025-05-31");
    }
  }
}

static void
test_date_dutch (void)
{
  g_autofree char *long_date = NULL;
  GDate day;

  if (setlocale (LC_ALL, "nl_BE.UTF-8") == NULL)
    {
      g_test_skip ("the nl_BE.UTF-8 locale is not installed");
      return;
    }

  g_assert_true (dp_date_from_iso ("2025-05-01", &day));
  long_date = dp_date_format_long (&day);
  setlocale (LC_ALL, "C");
  g_assert_cmpstr (long_date, ==, "1 mei 2025");
}

static void
test_facility (void)
{
  g_autoptr(DpFacility) facility = dp_facility_new ("PE-1234", "WZC De Linde", 120);

  g_assert_cmpstr (dp_facility_get_registration_number (facility), ==, "PE-1234");
  g_assert_cmpstr (dp_facility_get_name (facility), ==, "WZC De Linde");
  g_assert_cmpuint (dp_facility_get_recognised_capacity (facility), ==, 120);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/line/defaults", test_defaults);
  g_test_add_func ("/line/properties", test_properties);
  g_test_add_func ("/line/notify-only-on-change", test_notify_only_on_change);
  g_test_add_func ("/line/net-price", test_net_price);
  g_test_add_func ("/line/kind", test_kind);
  g_test_add_func ("/line/copy", test_copy);
  g_test_add_func ("/types/wire-and-labels", test_types);
  g_test_add_func ("/campaign/years-and-dates", test_campaign);
  g_test_add_func ("/campaign/date-in-dutch", test_date_dutch);
  g_test_add_func ("/facility/properties", test_facility);

  return g_test_run ();
}
