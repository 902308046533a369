/* dp-token-store.c: the e-loket session kept in the keyring (libsecret).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dp-token-store.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>

struct _DpTokenStore
{
  GObject  parent_instance;

  char    *collection;
};

G_DEFINE_FINAL_TYPE (DpTokenStore, dp_token_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_COLLECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const SecretSchema *
session_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".Session", SECRET_SCHEMA_NONE,
    {
      { "service", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

DpTokenStore *
dp_token_store_new (const char *collection)
{
  return g_object_new (DP_TYPE_TOKEN_STORE, "collection", collection, NULL);
}

/* Saving ------------------------------------------------------------------------------- */

static void
on_stored (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = G_TASK (user_data);
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
dp_token_store_save_async (DpTokenStore        *self,
                           const char          *service,
                           const char          *user,
                           const char          *token,
                           GDateTime           *expires_at,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (DP_IS_TOKEN_STORE (self));
  g_return_if_fail (service != NULL && user != NULL && token != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dp_token_store_save_async);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "gebruiker");
  json_builder_add_string_value (builder, user);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "verloopt_op");
  if (expires_at != NULL)
    {
      g_autofree char *iso = g_date_time_format_iso8601 (expires_at);
      json_builder_add_string_value (builder, iso);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  secret = json_to_string (root, FALSE);

  /* Translators: the label of the keyring item that holds the login, seen in Passwords and
   * Keys; %s is the service address */
  label = g_strdup_printf (_("Dagprijzen login at %s"), service);
  secret_password_store (session_schema (), self->collection, label, secret, cancellable,
                         on_stored, g_object_ref (task),
                         "service", service, NULL);
}

gboolean
dp_token_store_save_finish (DpTokenStore  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Looking up ------------------------------------------------------------------------------ */

typedef struct
{
  char      *user;
  char      *token;
  GDateTime *expires_at;
} Session;

static void
session_free (Session *session)
{
  g_free (session->user);
  g_free (session->token);
  g_clear_pointer (&session->expires_at, g_date_time_unref);
  g_free (session);
}

static Session *
session_parse (const char *secret)
{
  g_autoptr(JsonNode) root = json_from_string (secret, NULL);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  Session *session;
  JsonObject *object;
  const char *user, *token, *expires;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);
  user = json_object_get_string_member_with_default (object, "gebruiker", NULL);
  token = json_object_get_string_member_with_default (object, "token", NULL);
  expires = json_object_get_string_member_with_default (object, "verloopt_op", NULL);
  if (user == NULL || token == NULL)
    return NULL;

  session = g_new0 (Session, 1);
  session->user = g_strdup (user);
  session->token = g_strdup (token);
  if (expires != NULL)
    session->expires_at = g_date_time_new_from_iso8601 (expires, utc);
  return session;
}

static void
on_looked_up (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = G_TASK (user_data);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GError *error = NULL;
  g_autofree char *secret = NULL;
  Session *session;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* None, unreadable or expired: as good as none, the user logs in. */
  session = secret != NULL ? session_parse (secret) : NULL;
  if (session != NULL && session->expires_at != NULL &&
      g_date_time_compare (session->expires_at, now) <= 0)
    g_clear_pointer (&session, session_free);

  if (session != NULL)
    g_task_set_task_data (task, session, (GDestroyNotify) session_free);
  g_task_return_boolean (task, session != NULL);
}

void
dp_token_store_lookup_async (DpTokenStore        *self,
                             const char          *service,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DP_IS_TOKEN_STORE (self));
  g_return_if_fail (service != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dp_token_store_lookup_async);
  secret_password_lookup (session_schema (), cancellable, on_looked_up, g_object_ref (task),
                          "service", service, NULL);
}

gboolean
dp_token_store_lookup_finish (DpTokenStore  *self,
                              GAsyncResult  *result,
                              char         **out_user,
                              char         **out_token,
                              GDateTime    **out_expires_at,
                              GError       **error)
{
  Session *session;
  gboolean found;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  found = g_task_propagate_boolean (G_TASK (result), error);
  session = found ? g_task_get_task_data (G_TASK (result)) : NULL;
  if (out_user != NULL)
    *out_user = session ? g_strdup (session->user) : NULL;
  if (out_token != NULL)
    *out_token = session ? g_strdup (session->token) : NULL;
  if (out_expires_at != NULL)
    *out_expires_at = session && session->expires_at ? g_date_time_ref (session->expires_at)
                                                     : NULL;
  return found;
}

/* Clearing -------------------------------------------------------------------------------- */

static void
on_cleared (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = G_TASK (user_data);
  GError *error = NULL;

  /* FALSE without an error: there was nothing to forget. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
dp_token_store_clear_async (DpTokenStore        *self,
                            const char          *service,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DP_IS_TOKEN_STORE (self));
  g_return_if_fail (service != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dp_token_store_clear_async);
  secret_password_clear (session_schema (), cancellable, on_cleared, g_object_ref (task),
                         "service", service, NULL);
}

gboolean
dp_token_store_clear_finish (DpTokenStore  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The object -------------------------------------------------------------------------------- */

static void
dp_token_store_finalize (GObject *object)
{
  DpTokenStore *self = DP_TOKEN_STORE (object);

  g_clear_pointer (&self->collection, g_free);

  G_OBJECT_CLASS (dp_token_store_parent_class)->finalize (object);
}

static void
dp_token_store_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DpTokenStore *self = DP_TOKEN_STORE (object);

  switch (prop_id)
    {
    case PROP_COLLECTION:
      g_value_set_string (value, self->collection);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_token_store_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DpTokenStore *self = DP_TOKEN_STORE (object);

  switch (prop_id)
    {
    case PROP_COLLECTION:
      self->collection = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_token_store_class_init (DpTokenStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dp_token_store_finalize;
  object_class->get_property = dp_token_store_get_property;
  object_class->set_property = dp_token_store_set_property;

  properties[PROP_COLLECTION] =
    g_param_spec_string ("collection", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dp_token_store_init (DpTokenStore *self)
{
}
