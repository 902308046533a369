/* dp-token-store.h: the e-loket session kept in the keyring (libsecret), never in a file.
 *
 * One session per service address: the user name, the token and its expiry, stored as the
 * secret of an item with the attribute "service".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DP_TYPE_TOKEN_STORE (dp_token_store_get_type ())

G_DECLARE_FINAL_TYPE (DpTokenStore, dp_token_store, DP, TOKEN_STORE, GObject)

/* Property "collection" (char*, construct-only): the keyring collection; NULL (the default)
 * for the user's default keyring, "session" (SECRET_COLLECTION_SESSION) for one that lives
 * only as long as the login session, as tests use. */
DpTokenStore *dp_token_store_new          (const char          *collection);

void          dp_token_store_save_async   (DpTokenStore        *self,
                                           const char          *service,
                                           const char          *user,
                                           const char          *token,
                                           GDateTime           *expires_at,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean      dp_token_store_save_finish  (DpTokenStore        *self,
                                           GAsyncResult        *result,
                                           GError             **error);

/* The session kept for @service: TRUE with the user and token (and expiry, NULL when
 * unknown), or FALSE without an error when there is none, or one that has expired. */
void          dp_token_store_lookup_async (DpTokenStore        *self,
                                           const char          *service,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean      dp_token_store_lookup_finish (DpTokenStore       *self,
                                            GAsyncResult       *result,
                                            char              **out_user,
                                            char              **out_token,
                                            GDateTime         **out_expires_at,
                                            GError            **error);

/* Logging out: forgets the session kept for @service. */
void          dp_token_store_clear_async  (DpTokenStore        *self,
                                           const char          *service,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean      dp_token_store_clear_finish (DpTokenStore        *self,
                                           GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
