/* dp-demo.c: the demo data of `dagprijzen-server --demo`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dp-demo.h"

#include "dp-totp.h"

typedef struct {
  DpPart      part;
  DpRoomType  room_type;
  const char *description;
  guint       capacity;
  gint64      price;
} DemoLine;

/* De Linde on 1 May 2024: 120 units, as recognised; Luik 2 is the renovated wing that
 * receives the infrastructure allowance. */
static const DemoLine demo_lines_2024[] = {
  { DP_PART_1, DP_ROOM_TYPE_SINGLE, "Standaardkamer", 70, 6850 },
  { DP_PART_1, DP_ROOM_TYPE_SINGLE, "Grote kamer met balkon", 20, 7425 },
  { DP_PART_1, DP_ROOM_TYPE_DOUBLE, "", 10, 5900 },
  { DP_PART_2, DP_ROOM_TYPE_SINGLE, "Vernieuwde vleugel", 14, 7100 },
  { DP_PART_2, DP_ROOM_TYPE_DOUBLE, "Vernieuwde vleugel", 6, 6200 },
};

static gboolean
ignore_exists (gboolean   ok,
               GError   **error)
{
  if (ok)
    return TRUE;
  if (g_error_matches (*error, DP_STORE_ERROR, DP_STORE_ERROR_EXISTS))
    {
      g_clear_error (error);
      return TRUE;
    }
  return FALSE;
}

gboolean
dp_demo_seed (DpStore  *store,
              GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *secret = NULL;
  g_autoptr(DpFacility) facility = NULL;
  g_autoptr(DpCampaign) campaign = NULL;
  g_autoptr(DpDossier) dossier = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) submitted = NULL;
  g_autofree char *submitted_at = NULL;
  g_autofree char *document = NULL;
  g_autofree char *response = NULL;
  g_auto(DpStoredMeasurement) stored = { 0 };
  const char *reference = "MDP-2024-PE1234-D3M0";
  gint64 user_id = 0;
  gint64 facility_id = 0;
  gsize secret_len = 0;

  g_return_val_if_fail (DP_IS_STORE (store), FALSE);

  secret = dp_base32_decode (DP_DEMO_TOTP_SECRET, &secret_len);
  g_assert (secret != NULL && secret_len == DP_TOTP_SECRET_BYTES);

  if (!ignore_exists (dp_store_add_facility (store, DP_DEMO_FACILITY, "WZC De Linde", 120,
                                             &local_error), &local_error) ||
      !ignore_exists (dp_store_add_facility (store, "PE-5678", "WZC Ter Beuken", 84,
                                             &local_error), &local_error) ||
      !ignore_exists (dp_store_add_user (store, DP_DEMO_USER, secret, secret_len, &local_error),
                      &local_error) ||
      !dp_store_grant (store, DP_DEMO_USER, DP_DEMO_FACILITY, &local_error) ||
      !dp_store_grant (store, DP_DEMO_USER, "PE-5678", &local_error) ||
      !dp_store_lookup_user (store, DP_DEMO_USER, &user_id, NULL, NULL, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  facility = dp_store_get_granted_facility (store, user_id, DP_DEMO_FACILITY, &facility_id,
                                            &local_error);
  campaign = dp_store_get_campaign (store, 2024, &local_error);
  if (facility == NULL || campaign == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!dp_store_get_measurement (store, facility_id, 2024, &stored, error))
    return FALSE;
  if (stored.document != NULL)
    return TRUE;

  dossier = dp_dossier_new (campaign, facility);
  for (guint i = 0; i < G_N_ELEMENTS (demo_lines_2024); i++)
    {
      const DemoLine *l = &demo_lines_2024[i];
      g_autoptr(DpLine) line = dp_line_new (l->room_type, l->description, l->capacity, l->price);

      dp_dossier_append_line (dossier, l->part, line);
    }

  zone = g_time_zone_new_identifier ("Europe/Brussels");
  if (zone == NULL)
    zone = g_time_zone_new_utc ();
  submitted = g_date_time_new (zone, 2024, 5, 21, 10, 30, 0);
  submitted_at = dp_time_to_iso (submitted);
  dp_dossier_mark_submitted (dossier, submitted, reference);
  document = dp_format_save_data (dossier, NULL);
  response = g_strdup_printf ("{\"referentie\":\"%s\",\"ingediend_op\":\"%s\",\"bevindingen\":[]}",
                              reference, submitted_at);

  return dp_store_submit (store, facility_id, 2024, 0, document, reference, submitted_at,
                          "demo-seed", response, error);
}
