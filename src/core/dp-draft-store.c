/* dp-draft-store.c: placeholder until core-format lands (it defines no symbols yet).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dp-draft-store.h"
