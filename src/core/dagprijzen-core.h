/* dagprijzen-core.h: everything of libdagprijzen-core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dp-types.h"
#include "dp-money.h"
#include "dp-line.h"
#include "dp-campaign.h"
#include "dp-facility.h"
#include "dp-finding.h"
#include "dp-dossier.h"
#include "dp-format.h"
#include "dp-draft-store.h"
#include "dp-core-init.h"
#include "dp-totp.h"
