/* dp-demo.h: the demo data of `dagprijzen-server --demo`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dp-store.h"
#include "dp-totp.h"

G_BEGIN_DECLS

/* DP_DEMO_USER and DP_DEMO_TOTP_SECRET are in the core's dp-totp.h: the application shows
 * the demo code too. */
#define DP_DEMO_FACILITY     "PE-1234"

/* Adds, where missing, the facilities PE-1234 "WZC De Linde" (recognised capacity 120)
 * and PE-5678 "WZC Ter Beuken", the user "demo" granted both, and De Linde's submitted
 * 2024 measurement with lines in both Luiken. Running it again changes nothing. */
gboolean dp_demo_seed (DpStore  *store,
                       GError  **error);

G_END_DECLS
