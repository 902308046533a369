/* dp-eloket-client.c: the client of the e-loket dossier service.
 *
 * One GTask per public call carries a Call: the request to make, the attempt it is at, and
 * what the answer gave. Each attempt builds a fresh SoupMessage; transient failures wait an
 * exponentially growing delay (cancellable) before the next attempt.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dp-eloket-client.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#define DEFAULT_TIMEOUT       30
#define DEFAULT_MAX_ATTEMPTS  4
#define DEFAULT_RETRY_DELAY   500
/* No single wait between attempts grows beyond this, however many attempts are allowed. */
#define MAX_RETRY_DELAY       30000

struct _DpEloketClient
{
  GObject       parent_instance;

  SoupSession  *session;
  char         *base_url;
  char         *token;
  GTlsDatabase *tls_database;
  guint         timeout;
  guint         max_attempts;
  guint         retry_delay;
};

G_DEFINE_FINAL_TYPE (DpEloketClient, dp_eloket_client, G_TYPE_OBJECT)

G_DEFINE_QUARK (dp-eloket-error-quark, dp_eloket_error)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TOKEN,
  PROP_TLS_DATABASE,
  PROP_TIMEOUT,
  PROP_MAX_ATTEMPTS,
  PROP_RETRY_DELAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum {
  CALL_LOGIN,
  CALL_CAMPAIGNS,
  CALL_FACILITIES,
  CALL_GET_MEASUREMENT,
  CALL_SAVE_MEASUREMENT,
  CALL_SUBMIT,
  CALL_DOSSIERS,
} CallKind;

typedef struct
{
  CallKind      kind;
  const char   *method;
  char         *path;             /* below the base URL */
  GBytes       *body;             /* NULL for none */
  char         *if_match;
  char         *idempotency_key;
  /* Whether a request that may already have reached the service may be sent again: true for
   * reads, for a save guarded by If-Match and for a submission carrying its key. A login is
   * only repeated when it certainly never arrived. */
  gboolean      may_repeat;
  guint         attempt;
  /* A save repeated after a lost answer can meet its own first attempt as a 412: the answer
   * to a GET made to tell that apart from a real conflict. */
  gboolean      verifying;
  SoupMessage  *message;
  GSource      *delay_source;
  GSource      *cancel_source;

  /* What the answer gave, for the _finish functions. */
  char         *etag;
  GDateTime    *time;
  GPtrArray    *findings;
  GDate         today;
  guint         open_year;
} Call;

static void
call_free (Call *call)
{
  g_assert (call->delay_source == NULL);
  g_assert (call->cancel_source == NULL);

  g_clear_pointer (&call->path, g_free);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_clear_pointer (&call->if_match, g_free);
  g_clear_pointer (&call->idempotency_key, g_free);
  g_clear_object (&call->message);
  g_clear_pointer (&call->etag, g_free);
  g_clear_pointer (&call->time, g_date_time_unref);
  g_clear_pointer (&call->findings, g_ptr_array_unref);
  g_free (call);
}

/* Errors -------------------------------------------------------------------------------- */

gboolean
dp_eloket_error_is_transient (const GError *error)
{
  return error != NULL &&
         (g_error_matches (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_OFFLINE) ||
          g_error_matches (error, DP_ELOKET_ERROR, DP_ELOKET_ERROR_SERVER));
}

/* The messages of the errors that carry no figures, one place for all. */
static const char *
standard_message (DpEloketError code)
{
  switch (code)
    {
    case DP_ELOKET_ERROR_WRONG_CODE:
      return _("The user name or the code is not right. Type the six digits your "
               "authenticator app shows now.");
    case DP_ELOKET_ERROR_TOO_MANY_ATTEMPTS:
      return _("Too many wrong codes in a short time. Wait five minutes, then log in again "
               "with the code your authenticator app shows.");
    case DP_ELOKET_ERROR_SESSION_EXPIRED:
      return _("Your session on the e-loket has ended. Log in again; your work is kept.");
    case DP_ELOKET_ERROR_NOT_FOUND:
      return _("The e-loket does not know this facility or dossier, or you do not act for "
               "it. Check the registration number, or ask your access manager for access.");
    case DP_ELOKET_ERROR_CONFLICT_CHANGED:
      return _("The draft was changed elsewhere since you opened it. Compare both versions "
               "and choose which one to keep.");
    case DP_ELOKET_ERROR_ALREADY_SUBMITTED:
      return _("This dossier has already been submitted and can no longer be changed. Open "
               "it from the list of dossiers to consult it.");
    case DP_ELOKET_ERROR_DEADLINE_PASSED:
      return _("The submission period of this campaign is over, so the e-loket no longer "
               "accepts this dossier. Contact Team Prijzen at prijzen@vlaanderen.be.");
    case DP_ELOKET_ERROR_OFFLINE:
      return _("The e-loket cannot be reached. Check the network connection and the service "
               "address, then try again; your work is kept on this computer.");
    case DP_ELOKET_ERROR_CERTIFICATE:
      return _("The identity of the e-loket could not be verified: its certificate is not "
               "trusted. Check the service address; if it is right, ask the technical "
               "helpdesk.");
    case DP_ELOKET_ERROR_INVALID:
      return _("The dossier is too large for the e-loket. Remove lines that do not belong in "
               "it and try again.");
    case DP_ELOKET_ERROR_REFUSED:
    case DP_ELOKET_ERROR_SERVER:
    case DP_ELOKET_ERROR_PROTOCOL:
    default:
      break;
    }

  g_return_val_if_reached (NULL);
}

GError *
dp_eloket_error_new (DpEloketError code)
{
  return g_error_new_literal (DP_ELOKET_ERROR, code, standard_message (code));
}

static GError *
offline_error (void)
{
  return dp_eloket_error_new (DP_ELOKET_ERROR_OFFLINE);
}

static GError *
conflict_error (void)
{
  return dp_eloket_error_new (DP_ELOKET_ERROR_CONFLICT_CHANGED);
}

static GError *
protocol_error (const char *detail)
{
  return g_error_new (DP_ELOKET_ERROR, DP_ELOKET_ERROR_PROTOCOL,
                      _("The e-loket sent an answer this program does not understand (%s). "
                        "Check the service address, or install a newer version of Dagprijzen."),
                      detail);
}

/* TRUE when @error means the request never reached the service, so that even a request that
 * must not arrive twice can be sent again. */
static gboolean
error_is_not_delivered (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
         g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE);
}

/* Maps an error of the transport (GIO, the resolver, TLS, libsoup) to DP_ELOKET_ERROR;
 * @out_transient says whether another attempt may succeed. */
static GError *
map_transport_error (const GError *error,
                     gboolean     *out_transient)
{
  *out_transient = FALSE;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (error->domain == G_TLS_ERROR &&
      (error->code == G_TLS_ERROR_BAD_CERTIFICATE ||
       error->code == G_TLS_ERROR_CERTIFICATE_REQUIRED ||
       error->code == G_TLS_ERROR_NOT_TLS ||
       error->code == G_TLS_ERROR_HANDSHAKE))
    return dp_eloket_error_new (DP_ELOKET_ERROR_CERTIFICATE);

  if (error->domain == SOUP_SESSION_ERROR)
    return protocol_error (error->message);

  if (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND))
    return offline_error ();

  /* Refused, unreachable, timed out, reset, cut off mid-answer, a DNS hiccup: the network
   * or the service is away for now. */
  *out_transient = TRUE;
  return offline_error ();
}

/* A string member of an error answer ({"code": "stable-code", "bericht": "what happened"}),
 * or NULL. */
static const char *
answer_string (JsonNode   *root,
               const char *key)
{
  JsonNode *node;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  node = json_object_get_member (json_node_get_object (root), key);
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);

  return NULL;
}

/* The service's own explanation, when its error answer carries one. */
static const char *
answer_detail (JsonNode *root)
{
  return answer_string (root, "bericht");
}

static const char *
answer_code (JsonNode *root)
{
  return answer_string (root, "code");
}

static guint
count_errors (GPtrArray *findings)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    if (dp_finding_get_severity (g_ptr_array_index (findings, i)) == DP_SEVERITY_ERROR)
      n++;

  return n;
}

/* The findings of an answer, said in this user's language: the service's own "bericht"
 * is in the service's language (the wire is language-neutral through the code and the
 * path), so a code the checks know is told by its translated explanation; an unknown one
 * keeps the service's words. */
static GPtrArray *
read_findings (JsonNode  *node,
               GError   **error)
{
  g_autoptr(GPtrArray) received = dp_format_findings_from_node (node, error);
  GPtrArray *findings;

  if (received == NULL)
    return NULL;

  findings = g_ptr_array_new_full (received->len, g_object_unref);
  for (guint i = 0; i < received->len; i++)
    {
      DpFinding *finding = g_ptr_array_index (received, i);
      const char *code = dp_finding_get_code (finding);
      const char *described = dp_check_code_describe (code);
      g_autofree char *path = dp_finding_dup_path (finding, NULL);

      g_ptr_array_add (findings,
                       dp_finding_new_for_path (code, dp_finding_get_severity (finding), path,
                                                described ? described
                                                          : dp_finding_get_message (finding)));
    }
  return findings;
}

/* The error for a non-2xx answer. */
static GError *
map_status_error (Call        *call,
                  SoupMessage *message,
                  JsonNode    *root)
{
  guint status = soup_message_get_status (message);
  const char *detail = answer_detail (root);

  switch (status)
    {
    case SOUP_STATUS_BAD_REQUEST:
      return g_error_new (DP_ELOKET_ERROR, DP_ELOKET_ERROR_INVALID,
                          _("The e-loket could not read what was sent: %s. Check the dossier "
                            "for errors, or report this to the technical helpdesk."),
                          detail ? detail : soup_message_get_reason_phrase (message));

    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE:
      return dp_eloket_error_new (DP_ELOKET_ERROR_INVALID);

    case SOUP_STATUS_UNAUTHORIZED:
      if (call->kind == CALL_LOGIN)
        return dp_eloket_error_new (DP_ELOKET_ERROR_WRONG_CODE);
      return dp_eloket_error_new (DP_ELOKET_ERROR_SESSION_EXPIRED);

    case SOUP_STATUS_FORBIDDEN:
      return dp_eloket_error_new (DP_ELOKET_ERROR_DEADLINE_PASSED);

    case SOUP_STATUS_NOT_FOUND:
      return dp_eloket_error_new (DP_ELOKET_ERROR_NOT_FOUND);

    case SOUP_STATUS_CONFLICT:
      /* The service also answers 409 to a submission that raced a save. */
      if (g_strcmp0 (answer_code (root), "gewijzigd") == 0)
        return conflict_error ();
      return dp_eloket_error_new (DP_ELOKET_ERROR_ALREADY_SUBMITTED);

    case SOUP_STATUS_PRECONDITION_FAILED:
      return conflict_error ();

    case SOUP_STATUS_UNPROCESSABLE_ENTITY:
      {
        g_autoptr(GError) local_error = NULL;
        JsonNode *findings_node = NULL;

        if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
          findings_node = json_object_get_member (json_node_get_object (root), "bevindingen");
        if (findings_node == NULL)
          return protocol_error ("422 without \"bevindingen\"");

        g_clear_pointer (&call->findings, g_ptr_array_unref);
        call->findings = read_findings (findings_node, &local_error);
        if (call->findings == NULL)
          return protocol_error (local_error->message);

        return g_error_new (DP_ELOKET_ERROR, DP_ELOKET_ERROR_REFUSED,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "The e-loket refused the dossier: its checks found "
                                         "%u error. Correct it and submit again.",
                                         "The e-loket refused the dossier: its checks found "
                                         "%u errors. Correct them and submit again.",
                                         count_errors (call->findings)),
                            count_errors (call->findings));
      }

    case 429: /* Too Many Requests: libsoup 3.2 has no name for it */
      return dp_eloket_error_new (DP_ELOKET_ERROR_TOO_MANY_ATTEMPTS);

    default:
      break;
    }

  if (SOUP_STATUS_IS_SERVER_ERROR (status))
    return g_error_new (DP_ELOKET_ERROR, DP_ELOKET_ERROR_SERVER,
                        _("The e-loket has a problem (HTTP %u). Your work is kept on this "
                          "computer: try again later, and if it persists, contact the "
                          "technical helpdesk."),
                        status);

  {
    g_autofree char *what = g_strdup_printf ("HTTP %u", status);
    return protocol_error (what);
  }
}

/* JSON helpers ----------------------------------------------------------------------------- */

static gboolean
get_string_member (JsonObject  *object,
                   const char  *key,
                   gboolean     nullable,
                   const char **out_value,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  *out_value = NULL;
  if (node != NULL && nullable && JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autofree char *detail = g_strdup_printf ("\"%s\" is not a string", key);
      g_propagate_error (error, protocol_error (detail));
      return FALSE;
    }

  *out_value = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_uint_member (JsonObject  *object,
                 const char  *key,
                 guint       *out_value,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 0 || json_node_get_int (node) > G_MAXUINT)
    {
      g_autofree char *detail = g_strdup_printf ("\"%s\" is not a whole number", key);
      g_propagate_error (error, protocol_error (detail));
      return FALSE;
    }

  *out_value = (guint) json_node_get_int (node);
  return TRUE;
}

static gboolean
get_time_member (JsonObject  *object,
                 const char  *key,
                 gboolean     nullable,
                 GDateTime  **out_value,
                 GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  const char *text;

  *out_value = NULL;
  if (!get_string_member (object, key, nullable, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  *out_value = g_date_time_new_from_iso8601 (text, utc);
  if (*out_value == NULL)
    {
      g_autofree char *detail = g_strdup_printf ("\"%s\" is not an ISO 8601 time", key);
      g_propagate_error (error, protocol_error (detail));
      return FALSE;
    }

  return TRUE;
}

static JsonObject *
get_object_member (JsonObject  *object,
                   const char  *key,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *detail = g_strdup_printf ("\"%s\" is not an object", key);
      g_propagate_error (error, protocol_error (detail));
      return NULL;
    }

  return json_node_get_object (node);
}

/* The array of a list answer: the answer itself, or its member @key. */
static JsonArray *
get_list (JsonNode    *root,
          const char  *key,
          GError     **error)
{
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonNode *node = json_object_get_member (json_node_get_object (root), key);

      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        return json_node_get_array (node);
    }
  else if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    return json_node_get_array (root);

  {
    g_autofree char *detail = g_strdup_printf ("no list of \"%s\"", key);
    g_propagate_error (error, protocol_error (detail));
  }
  return NULL;
}

static JsonObject *
get_element_object (JsonArray  *array,
                    guint       index,
                    GError    **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *detail = g_strdup_printf ("element %u is not an object", index);
      g_propagate_error (error, protocol_error (detail));
      return NULL;
    }

  return json_node_get_object (node);
}

/* Answers ------------------------------------------------------------------------------ */

static void
complete_login (GTask    *task,
                Call     *call,
                JsonNode *root)
{
  DpEloketClient *self = g_task_get_source_object (task);
  GError *error = NULL;
  const char *token;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_task_return_error (task, protocol_error ("no session object"));
      return;
    }

  if (!get_string_member (json_node_get_object (root), "token", FALSE, &token, &error) ||
      !get_time_member (json_node_get_object (root), "verloopt_op", TRUE, &call->time, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  dp_eloket_client_set_token (self, token);
  g_task_return_pointer (task, g_strdup (token), g_free);
}

static gboolean
get_date_member (JsonObject  *object,
                 const char  *key,
                 GDate       *out_date,
                 GError     **error)
{
  const char *text;

  if (!get_string_member (object, key, FALSE, &text, error))
    return FALSE;

  if (!dp_date_from_iso (text, out_date))
    {
      g_autofree char *detail = g_strdup_printf ("\"%s\" is not a date", key);
      g_propagate_error (error, protocol_error (detail));
      return FALSE;
    }

  return TRUE;
}

static void
complete_campaigns (GTask    *task,
                    Call     *call,
                    JsonNode *root)
{
  g_autoptr(GPtrArray) campaigns = g_ptr_array_new_with_free_func (g_object_unref);
  GError *error = NULL;
  JsonArray *array;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_task_return_error (task, protocol_error ("no campaigns object"));
      return;
    }

  if (!get_date_member (json_node_get_object (root), "vandaag", &call->today, &error) ||
      !(array = get_list (root, "campagnes", &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object;
      JsonNode *open;
      GDate measured, deadline;
      guint year, discount;

      if (!(object = get_element_object (array, i, &error)) ||
          !get_uint_member (object, "jaar", &year, &error) ||
          !get_date_member (object, "meetdatum", &measured, &error) ||
          !get_date_member (object, "deadline", &deadline, &error) ||
          !get_uint_member (object, "korting_infrastructuurforfait_cent", &discount, &error))
        {
          g_task_return_error (task, error);
          return;
        }

      open = json_object_get_member (object, "open");
      if (open != NULL && JSON_NODE_HOLDS_VALUE (open) &&
          json_node_get_value_type (open) == G_TYPE_BOOLEAN && json_node_get_boolean (open))
        call->open_year = year;

      g_ptr_array_add (campaigns, dp_campaign_new (year, &measured, &deadline, discount));
    }

  g_task_return_pointer (task, g_steal_pointer (&campaigns),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
complete_facilities (GTask    *task,
                     Call     *call,
                     JsonNode *root)
{
  g_autoptr(GPtrArray) facilities = g_ptr_array_new_with_free_func (g_object_unref);
  GError *error = NULL;
  JsonArray *array;

  if (!(array = get_list (root, "voorzieningen", &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object;
      const char *number, *name;
      guint capacity;

      if (!(object = get_element_object (array, i, &error)) ||
          !get_string_member (object, "erkenningsnummer", FALSE, &number, &error) ||
          !get_string_member (object, "naam", FALSE, &name, &error) ||
          !get_uint_member (object, "erkende_capaciteit", &capacity, &error))
        {
          g_task_return_error (task, error);
          return;
        }

      g_ptr_array_add (facilities, dp_facility_new (number, name, capacity));
    }

  g_task_return_pointer (task, g_steal_pointer (&facilities),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
complete_dossiers (GTask    *task,
                   Call     *call,
                   JsonNode *root)
{
  g_autoptr(GPtrArray) dossiers = g_ptr_array_new_with_free_func (g_object_unref);
  GError *error = NULL;
  JsonArray *array;

  if (!(array = get_list (root, "dossiers", &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GDateTime) submitted_at = NULL;
      JsonObject *object, *facility;
      const char *kind, *number, *name, *status_wire, *reference;
      guint year;
      DpStatus status;

      if (!(object = get_element_object (array, i, &error)) ||
          !get_string_member (object, "type", FALSE, &kind, &error) ||
          !get_uint_member (object, "jaar", &year, &error) ||
          !(facility = get_object_member (object, "voorziening", &error)) ||
          !get_string_member (facility, "erkenningsnummer", FALSE, &number, &error) ||
          !get_string_member (facility, "naam", FALSE, &name, &error) ||
          !get_string_member (object, "status", FALSE, &status_wire, &error) ||
          !get_time_member (object, "ingediend_op", TRUE, &submitted_at, &error) ||
          !get_string_member (object, "referentie", TRUE, &reference, &error))
        {
          g_task_return_error (task, error);
          return;
        }

      if (!dp_status_from_wire (status_wire, &status))
        {
          g_task_return_error (task, protocol_error ("unknown \"status\""));
          return;
        }

      g_ptr_array_add (dossiers, dp_dossier_summary_new (kind, year, number, name, status,
                                                         submitted_at, reference));
    }

  g_task_return_pointer (task, g_steal_pointer (&dossiers), (GDestroyNotify) g_ptr_array_unref);
}

static gboolean
take_etag (Call         *call,
           SoupMessage  *message,
           GError      **error)
{
  const char *etag = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                   "ETag");

  if (etag == NULL || *etag == '\0')
    {
      g_propagate_error (error, protocol_error ("no ETag"));
      return FALSE;
    }

  g_free (call->etag);
  call->etag = g_strdup (etag);
  return TRUE;
}

static void
complete_get_measurement (GTask       *task,
                          Call        *call,
                          SoupMessage *message,
                          JsonNode    *root)
{
  g_autoptr(DpDossier) dossier = NULL;
  GError *error = NULL;

  if (root == NULL)
    {
      g_task_return_error (task, protocol_error ("no dossier"));
      return;
    }

  if (!(dossier = dp_format_load_node (root, &error)))
    {
      g_autoptr(GError) load_error = error;
      g_task_return_error (task, protocol_error (load_error->message));
      return;
    }

  if (!take_etag (call, message, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&dossier), g_object_unref);
}

static void
complete_save_measurement (GTask       *task,
                           Call        *call,
                           SoupMessage *message)
{
  GError *error = NULL;

  if (!take_etag (call, message, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_strdup (call->etag), g_free);
}

/* The answer to the GET of a save's verification: the save had arrived when the stored
 * dossier is the one it sent. */
static void
complete_verification (GTask       *task,
                       Call        *call,
                       SoupMessage *message,
                       JsonNode    *root)
{
  g_autoptr(DpDossier) stored = NULL;
  g_autofree char *stored_data = NULL;
  gsize stored_length = 0;

  if (root != NULL && (stored = dp_format_load_node (root, NULL)) != NULL)
    stored_data = dp_format_save_data (stored, &stored_length);

  if (stored_data != NULL &&
      stored_length == g_bytes_get_size (call->body) &&
      memcmp (stored_data, g_bytes_get_data (call->body, NULL), stored_length) == 0)
    {
      complete_save_measurement (task, call, message);
      return;
    }

  g_task_return_error (task, conflict_error ());
}

static void
complete_submit (GTask    *task,
                 Call     *call,
                 JsonNode *root)
{
  GError *error = NULL;
  JsonNode *findings_node;
  const char *reference;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_task_return_error (task, protocol_error ("no submission object"));
      return;
    }

  if (!get_string_member (json_node_get_object (root), "referentie", FALSE, &reference,
                          &error) ||
      !get_time_member (json_node_get_object (root), "ingediend_op", FALSE, &call->time,
                        &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* The warnings the service found, if it sends them. */
  findings_node = json_object_get_member (json_node_get_object (root), "bevindingen");
  if (findings_node != NULL &&
      !(call->findings = read_findings (findings_node, &error)))
    {
      g_autoptr(GError) findings_error = error;
      g_task_return_error (task, protocol_error (findings_error->message));
      return;
    }

  g_task_return_pointer (task, g_strdup (reference), g_free);
}

/* Sending ---------------------------------------------------------------------------------- */

static void call_send (GTask *task);

static void
call_clear_delay (Call *call)
{
  if (call->delay_source != NULL)
    {
      g_source_destroy (call->delay_source);
      g_clear_pointer (&call->delay_source, g_source_unref);
    }
  if (call->cancel_source != NULL)
    {
      g_source_destroy (call->cancel_source);
      g_clear_pointer (&call->cancel_source, g_source_unref);
    }
}

static gboolean
on_delay_done (gpointer user_data)
{
  GTask *task = G_TASK (user_data);
  Call *call = g_task_get_task_data (task);

  /* The sources hold the task: keep it alive past their destruction. */
  g_object_ref (task);
  call_clear_delay (call);
  call_send (task);
  g_object_unref (task);

  return G_SOURCE_REMOVE;
}

static gboolean
on_delay_cancelled (GCancellable *cancellable,
                    gpointer      user_data)
{
  GTask *task = G_TASK (user_data);
  Call *call = g_task_get_task_data (task);

  g_object_ref (task);
  call_clear_delay (call);
  g_task_return_error_if_cancelled (task);
  g_object_unref (task);

  return G_SOURCE_REMOVE;
}

/* Waits before the next attempt: retry-delay, doubled for each attempt made so far. */
static void
call_retry_later (GTask *task)
{
  DpEloketClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  guint64 delay = self->retry_delay;

  for (guint i = 1; i < call->attempt && delay < MAX_RETRY_DELAY; i++)
    delay *= 2;
  delay = MIN (delay, MAX_RETRY_DELAY);

  g_debug ("%s %s: attempt %u failed, next in %" G_GUINT64_FORMAT " ms",
           call->method, call->path, call->attempt, delay);

  call->delay_source = g_timeout_source_new ((guint) delay);
  g_task_attach_source (task, call->delay_source, on_delay_done);

  if (cancellable != NULL)
    {
      call->cancel_source = g_cancellable_source_new (cancellable);
      g_task_attach_source (task, call->cancel_source, G_SOURCE_FUNC (on_delay_cancelled));
    }
}

static gboolean
may_retry (DpEloketClient *self,
           Call           *call,
           gboolean        not_delivered)
{
  return call->attempt < MAX (self->max_attempts, 1) && !call->verifying &&
         (call->may_repeat || not_delivered);
}

static JsonNode *
parse_answer (GBytes  *bytes,
              GError **error)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (size == 0)
    return NULL;

  /* The core's parser refuses deep nesting before json-glib's recursive parser could
   * overflow the stack: an answer is as untrusted as a request. */
  root = dp_format_parse_data (data, (gssize) size, &local_error);
  if (root == NULL)
    g_propagate_error (error, protocol_error (local_error->message));

  return root;
}

static void
on_sent (GObject      *source_object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = G_TASK (user_data);
  DpEloketClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  SoupMessage *message = call->message;
  guint status;

  g_assert (DP_IS_ELOKET_CLIENT (self));

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source_object), result, &error);
  if (bytes == NULL)
    {
      gboolean transient;
      GError *mapped = map_transport_error (error, &transient);

      g_debug ("%s %s: %s", call->method, call->path, error->message);
      if (transient && may_retry (self, call, error_is_not_delivered (error)))
        {
          g_error_free (mapped);
          call_retry_later (task);
          return;
        }

      g_task_return_error (task, mapped);
      return;
    }

  status = soup_message_get_status (message);
  g_debug ("%s %s: HTTP %u", call->method, call->path, status);

  if ((status == SOUP_STATUS_BAD_GATEWAY || status == SOUP_STATUS_SERVICE_UNAVAILABLE ||
       status == SOUP_STATUS_GATEWAY_TIMEOUT) &&
      may_retry (self, call, status == SOUP_STATUS_SERVICE_UNAVAILABLE))
    {
      call_retry_later (task);
      return;
    }

  root = parse_answer (bytes, &error);
  if (error != NULL && SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (call->verifying)
    {
      if (status == SOUP_STATUS_OK)
        complete_verification (task, call, message, root);
      else
        g_task_return_error (task, map_status_error (call, message, root));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      /* A 412 to a save that was sent again may be the first attempt's own work. */
      if (status == SOUP_STATUS_PRECONDITION_FAILED && call->kind == CALL_SAVE_MEASUREMENT &&
          call->attempt > 1)
        {
          call->verifying = TRUE;
          call_send (task);
          return;
        }

      g_task_return_error (task, map_status_error (call, message, root));
      return;
    }

  switch (call->kind)
    {
    case CALL_LOGIN:
      complete_login (task, call, root);
      break;
    case CALL_CAMPAIGNS:
      complete_campaigns (task, call, root);
      break;
    case CALL_FACILITIES:
      complete_facilities (task, call, root);
      break;
    case CALL_GET_MEASUREMENT:
      complete_get_measurement (task, call, message, root);
      break;
    case CALL_SAVE_MEASUREMENT:
      complete_save_measurement (task, call, message);
      break;
    case CALL_SUBMIT:
      complete_submit (task, call, root);
      break;
    case CALL_DOSSIERS:
      complete_dossiers (task, call, root);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
call_send (GTask *task)
{
  DpEloketClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) message = NULL;
  SoupMessageHeaders *headers;
  const char *method = call->verifying ? SOUP_METHOD_GET : call->method;

  if (self->base_url == NULL ||
      !(url = g_strconcat (self->base_url, call->path, NULL)) ||
      !(message = soup_message_new (method, url)))
    {
      g_task_return_new_error (task, DP_ELOKET_ERROR, DP_ELOKET_ERROR_OFFLINE,
                               _("The service address “%s” is not valid. Type an address "
                                 "such as https://eloket.example.be/."),
                               self->base_url ? self->base_url : "");
      return;
    }

  if (!call->verifying)
    call->attempt++;

  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (call->kind != CALL_LOGIN && self->token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", self->token, NULL);
      soup_message_headers_replace (headers, "Authorization", authorization);
    }

  if (!call->verifying)
    {
      if (call->if_match != NULL)
        soup_message_headers_replace (headers, "If-Match", call->if_match);
      if (call->idempotency_key != NULL)
        soup_message_headers_replace (headers, "Idempotency-Key", call->idempotency_key);
      if (call->body != NULL)
        soup_message_set_request_body_from_bytes (message, "application/json", call->body);
    }

  g_set_object (&call->message, message);
  soup_session_send_and_read_async (self->session, message, g_task_get_priority (task),
                                    g_task_get_cancellable (task), on_sent,
                                    g_object_ref (task));
}

static void
call_start (DpEloketClient      *self,
            Call                *call,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);
  call_send (task);
}

static Call *
call_new (CallKind    kind,
          const char *method,
          char       *path)
{
  Call *call = g_new0 (Call, 1);

  call->kind = kind;
  call->method = method;
  call->path = path;
  call->may_repeat = TRUE;
  g_date_clear (&call->today, 1);
  return call;
}

static char *
measurement_path (const char *registration_number,
                  guint       year,
                  const char *suffix)
{
  g_autofree char *escaped = g_uri_escape_string (registration_number, NULL, FALSE);

  return g_strdup_printf ("api/v1/voorzieningen/%s/metingen/%u%s", escaped, year, suffix);
}

static GBytes *
node_to_bytes (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length = 0;
  char *data;

  json_generator_set_root (generator, node);
  data = json_generator_to_data (generator, &length);
  return g_bytes_new_take (data, length);
}

/* The async calls ------------------------------------------------------------------------ */

void
dp_eloket_client_login_async (DpEloketClient      *self,
                              const char          *user,
                              const char          *totp_code,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) body = NULL;
  Call *call;

  g_return_if_fail (DP_IS_ELOKET_CLIENT (self));
  g_return_if_fail (user != NULL);
  g_return_if_fail (totp_code != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "gebruiker");
  json_builder_add_string_value (builder, user);
  json_builder_set_member_name (builder, "totp");
  json_builder_add_string_value (builder, totp_code);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  call = call_new (CALL_LOGIN, SOUP_METHOD_POST, g_strdup ("api/v1/sessies"));
  call->body = node_to_bytes (body);
  /* A code that reached the service may be spent: send it again only when it never left. */
  call->may_repeat = FALSE;
  call_start (self, call, dp_eloket_client_login_async, cancellable, callback, user_data);
}

char *
dp_eloket_client_login_finish (DpEloketClient  *self,
                               GAsyncResult    *result,
                               GDateTime      **out_expires_at,
                               GError         **error)
{
  char *token;

  g_return_val_if_fail (DP_IS_ELOKET_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  token = g_task_propagate_pointer (G_TASK (result), error);
  if (out_expires_at != NULL)
    {
      Call *call = g_task_get_task_data (G_TASK (result));
      *out_expires_at = token && call->time ? g_date_time_ref (call->time) : NULL;
    }

  return token;
}

void
dp_eloket_client_list_campaigns_async (DpEloketClient      *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (DP_IS_ELOKET_CLIENT (self));

  call_start (self, call_new (CALL_CAMPAIGNS, SOUP_METHOD_GET, g_strdup ("api/v1/campagnes")),
              dp_eloket_client_list_campaigns_async, cancellable, callback, user_data);
}

GPtrArray *
dp_eloket_client_list_campaigns_finish (DpEloketClient  *self,
                                        GAsyncResult    *result,
                                        GDate           *out_today,
                                        guint           *out_open_year,
                                        GError         **error)
{
  Call *call;
  GPtrArray *campaigns;

  g_return_val_if_fail (DP_IS_ELOKET_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  call = g_task_get_task_data (G_TASK (result));
  campaigns = g_task_propagate_pointer (G_TASK (result), error);
  if (out_today != NULL)
    {
      if (campaigns != NULL)
        *out_today = call->today;
      else
        g_date_clear (out_today, 1);
    }
  if (out_open_year != NULL)
    *out_open_year = campaigns != NULL ? call->open_year : 0;

  return campaigns;
}

void
dp_eloket_client_list_facilities_async (DpEloketClient      *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (DP_IS_ELOKET_CLIENT (self));

  call_start (self, call_new (CALL_FACILITIES, SOUP_METHOD_GET,
                              g_strdup ("api/v1/voorzieningen")),
              dp_eloket_client_list_facilities_async, cancellable, callback, user_data);
}

GPtrArray *
dp_eloket_client_list_facilities_finish (DpEloketClient  *self,
                                         GAsyncResult    *result,
                                         GError         **error)
{
  g_return_val_if_fail (DP_IS_ELOKET_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
dp_eloket_client_get_measurement_async (DpEloketClient      *self,
                                        const char          *registration_number,
                                        guint                year,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (DP_IS_ELOKET_CLIENT (self));
  g_return_if_fail (registration_number != NULL);

  call_start (self, call_new (CALL_GET_MEASUREMENT, SOUP_METHOD_GET,
                              measurement_path (registration_number, year, "")),
              dp_eloket_client_get_measurement_async, cancellable, callback, user_data);
}

DpDossier *
dp_eloket_client_get_measurement_finish (DpEloketClient  *self,
                                         GAsyncResult    *result,
                                         char           **out_etag,
                                         GError         **error)
{
  DpDossier *dossier;

  g_return_val_if_fail (DP_IS_ELOKET_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  dossier = g_task_propagate_pointer (G_TASK (result), error);
  if (out_etag != NULL)
    {
      Call *call = g_task_get_task_data (G_TASK (result));
      *out_etag = dossier ? g_strdup (call->etag) : NULL;
    }

  return dossier;
}

void
dp_eloket_client_save_measurement_async (DpEloketClient      *self,
                                         DpDossier           *dossier,
                                         const char          *etag,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  DpFacility *facility;
  DpCampaign *campaign;
  Call *call;
  char *data;
  gsize length = 0;

  g_return_if_fail (DP_IS_ELOKET_CLIENT (self));
  g_return_if_fail (DP_IS_DOSSIER (dossier));

  facility = dp_dossier_get_facility (dossier);
  campaign = dp_dossier_get_campaign (dossier);
  call = call_new (CALL_SAVE_MEASUREMENT, SOUP_METHOD_PUT,
                   measurement_path (dp_facility_get_registration_number (facility),
                                     dp_campaign_get_year (campaign), ""));
  data = dp_format_save_data (dossier, &length);
  call->body = g_bytes_new_take (data, length);
  call->if_match = g_strdup (etag);
  call_start (self, call, dp_eloket_client_save_measurement_async, cancellable, callback,
              user_data);
}

char *
dp_eloket_client_save_measurement_finish (DpEloketClient  *self,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  g_return_val_if_fail (DP_IS_ELOKET_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
dp_eloket_client_submit_async (DpEloketClient      *self,
                               const char          *registration_number,
                               guint                year,
                               const char          *idempotency_key,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Call *call;

  g_return_if_fail (DP_IS_ELOKET_CLIENT (self));
  g_return_if_fail (registration_number != NULL);
  g_return_if_fail (idempotency_key != NULL && *idempotency_key != '\0');

  call = call_new (CALL_SUBMIT, SOUP_METHOD_POST,
                   measurement_path (registration_number, year, "/indiening"));
  /* Every attempt carries the caller's key, so a repeat is recognised by the service. */
  call->idempotency_key = g_strdup (idempotency_key);
  call_start (self, call, dp_eloket_client_submit_async, cancellable, callback, user_data);
}

char *
dp_eloket_client_submit_finish (DpEloketClient  *self,
                                GAsyncResult    *result,
                                GDateTime      **out_submitted_at,
                                GPtrArray      **out_findings,
                                GError         **error)
{
  Call *call;
  char *reference;

  g_return_val_if_fail (DP_IS_ELOKET_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  call = g_task_get_task_data (G_TASK (result));
  reference = g_task_propagate_pointer (G_TASK (result), error);
  if (out_submitted_at != NULL)
    *out_submitted_at = reference && call->time ? g_date_time_ref (call->time) : NULL;
  if (out_findings != NULL)
    *out_findings = call->findings ? g_ptr_array_ref (call->findings) : NULL;

  return reference;
}

void
dp_eloket_client_list_dossiers_async (DpEloketClient      *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (DP_IS_ELOKET_CLIENT (self));

  call_start (self, call_new (CALL_DOSSIERS, SOUP_METHOD_GET, g_strdup ("api/v1/dossiers")),
              dp_eloket_client_list_dossiers_async, cancellable, callback, user_data);
}

GPtrArray *
dp_eloket_client_list_dossiers_finish (DpEloketClient  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  g_return_val_if_fail (DP_IS_ELOKET_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The object -------------------------------------------------------------------------------- */

DpEloketClient *
dp_eloket_client_new (const char *base_url)
{
  return g_object_new (DP_TYPE_ELOKET_CLIENT, "base-url", base_url, NULL);
}

const char *
dp_eloket_client_get_base_url (DpEloketClient *self)
{
  g_return_val_if_fail (DP_IS_ELOKET_CLIENT (self), NULL);
  return self->base_url;
}

void
dp_eloket_client_set_base_url (DpEloketClient *self,
                               const char     *base_url)
{
  g_autofree char *normalised = NULL;

  g_return_if_fail (DP_IS_ELOKET_CLIENT (self));

  /* The API paths are relative to the base: it must end in a slash to keep its own path. */
  if (base_url != NULL && *base_url != '\0')
    normalised = g_str_has_suffix (base_url, "/") ? g_strdup (base_url)
                                                  : g_strconcat (base_url, "/", NULL);

  if (g_strcmp0 (normalised, self->base_url) == 0)
    return;

  g_free (self->base_url);
  self->base_url = g_steal_pointer (&normalised);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
}

const char *
dp_eloket_client_get_token (DpEloketClient *self)
{
  g_return_val_if_fail (DP_IS_ELOKET_CLIENT (self), NULL);
  return self->token;
}

void
dp_eloket_client_set_token (DpEloketClient *self,
                            const char     *token)
{
  g_return_if_fail (DP_IS_ELOKET_CLIENT (self));

  if (g_strcmp0 (self->token, token) == 0)
    return;

  g_free (self->token);
  self->token = g_strdup (token);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);
}

GTlsDatabase *
dp_eloket_client_get_tls_database (DpEloketClient *self)
{
  g_return_val_if_fail (DP_IS_ELOKET_CLIENT (self), NULL);
  return self->tls_database;
}

void
dp_eloket_client_set_tls_database (DpEloketClient *self,
                                   GTlsDatabase   *database)
{
  g_return_if_fail (DP_IS_ELOKET_CLIENT (self));
  g_return_if_fail (database == NULL || G_IS_TLS_DATABASE (database));

  if (!g_set_object (&self->tls_database, database))
    return;

  /* Connections checked against the old trust must not be reused under the new one. */
  soup_session_abort (self->session);

  if (database != NULL)
    soup_session_set_tls_database (self->session, database);
  else
    {
      /* Back to the system's trust, as a new session has it. */
      GTlsDatabase *system_database =
        g_tls_backend_get_default_database (g_tls_backend_get_default ());

      soup_session_set_tls_database (self->session, system_database);
      g_clear_object (&system_database);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TLS_DATABASE]);
}

guint
dp_eloket_client_get_timeout (DpEloketClient *self)
{
  g_return_val_if_fail (DP_IS_ELOKET_CLIENT (self), 0);
  return self->timeout;
}

void
dp_eloket_client_set_timeout (DpEloketClient *self,
                              guint           seconds)
{
  g_return_if_fail (DP_IS_ELOKET_CLIENT (self));

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  soup_session_set_timeout (self->session, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
dp_eloket_client_get_max_attempts (DpEloketClient *self)
{
  g_return_val_if_fail (DP_IS_ELOKET_CLIENT (self), 0);
  return self->max_attempts;
}

void
dp_eloket_client_set_max_attempts (DpEloketClient *self,
                                   guint           max_attempts)
{
  g_return_if_fail (DP_IS_ELOKET_CLIENT (self));

  max_attempts = MAX (max_attempts, 1);
  if (self->max_attempts == max_attempts)
    return;

  self->max_attempts = max_attempts;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_ATTEMPTS]);
}

guint
dp_eloket_client_get_retry_delay (DpEloketClient *self)
{
  g_return_val_if_fail (DP_IS_ELOKET_CLIENT (self), 0);
  return self->retry_delay;
}

void
dp_eloket_client_set_retry_delay (DpEloketClient *self,
                                  guint           milliseconds)
{
  g_return_if_fail (DP_IS_ELOKET_CLIENT (self));

  if (self->retry_delay == milliseconds)
    return;

  self->retry_delay = milliseconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_DELAY]);
}

static void
dp_eloket_client_dispose (GObject *object)
{
  DpEloketClient *self = DP_ELOKET_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_object (&self->tls_database);

  G_OBJECT_CLASS (dp_eloket_client_parent_class)->dispose (object);
}

static void
dp_eloket_client_finalize (GObject *object)
{
  DpEloketClient *self = DP_ELOKET_CLIENT (object);

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->token, g_free);

  G_OBJECT_CLASS (dp_eloket_client_parent_class)->finalize (object);
}

static void
dp_eloket_client_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DpEloketClient *self = DP_ELOKET_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;
    case PROP_TLS_DATABASE:
      g_value_set_object (value, self->tls_database);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_MAX_ATTEMPTS:
      g_value_set_uint (value, self->max_attempts);
      break;
    case PROP_RETRY_DELAY:
      g_value_set_uint (value, self->retry_delay);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_eloket_client_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DpEloketClient *self = DP_ELOKET_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      dp_eloket_client_set_base_url (self, g_value_get_string (value));
      break;
    case PROP_TOKEN:
      dp_eloket_client_set_token (self, g_value_get_string (value));
      break;
    case PROP_TLS_DATABASE:
      dp_eloket_client_set_tls_database (self, g_value_get_object (value));
      break;
    case PROP_TIMEOUT:
      dp_eloket_client_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_MAX_ATTEMPTS:
      dp_eloket_client_set_max_attempts (self, g_value_get_uint (value));
      break;
    case PROP_RETRY_DELAY:
      dp_eloket_client_set_retry_delay (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dp_eloket_client_class_init (DpEloketClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = dp_eloket_client_dispose;
  object_class->finalize = dp_eloket_client_finalize;
  object_class->get_property = dp_eloket_client_get_property;
  object_class->set_property = dp_eloket_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL, flags);
  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL, NULL, flags);
  properties[PROP_TLS_DATABASE] =
    g_param_spec_object ("tls-database", NULL, NULL, G_TYPE_TLS_DATABASE, flags);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, G_MAXUINT, DEFAULT_TIMEOUT, flags);
  properties[PROP_MAX_ATTEMPTS] =
    g_param_spec_uint ("max-attempts", NULL, NULL, 1, 100, DEFAULT_MAX_ATTEMPTS, flags);
  properties[PROP_RETRY_DELAY] =
    g_param_spec_uint ("retry-delay", NULL, NULL, 0, 60000, DEFAULT_RETRY_DELAY, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dp_eloket_client_init (DpEloketClient *self)
{
  /* A plain session: the system proxy (GProxyResolver default) and the system's TLS trust
   * (the default GTlsDatabase) apply as they are. */
  self->session = soup_session_new_with_options ("user-agent", "Dagprijzen/" PACKAGE_VERSION,
                                                 "timeout", DEFAULT_TIMEOUT,
                                                 NULL);
  self->timeout = DEFAULT_TIMEOUT;
  self->max_attempts = DEFAULT_MAX_ATTEMPTS;
  self->retry_delay = DEFAULT_RETRY_DELAY;
}
