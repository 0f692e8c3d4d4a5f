using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Json;

namespace QlikOAuth.Engine.Users
{
    /// <summary>The users API (section 8.4): who a credential acts as, finding users (Qlik cannot impersonate by email), and creating one.</summary>
    public static class UsersApi
    {
        /// <summary>The most users a page may hold.</summary>
        public const int PageSize = 100;

        private const string BasePath = "/api/v1/users";

        public static async Task<QlikUser> GetMeAsync(QlikConnection connection, ITenantCredential credential, CancellationToken cancellationToken)
        {
            QlikResponse response = await connection.SendAsync(new QlikRequest(HttpMethod.Get, BasePath + "/me") { Credential = credential }, cancellationToken).ConfigureAwait(false);
            return Read(response.Json(), response.Path);
        }

        /// <summary>The one user with this email; none or several is an error that says so.</summary>
        public static async Task<QlikUser> FindByEmailAsync(QlikConnection connection, ITenantCredential credential, string email, CancellationToken cancellationToken) =>
            await FindAsync(connection, credential, "email", CheckEmail(email), UsersApiErrors.AmbiguousEmail, cancellationToken).ConfigureAwait(false)
            ?? throw UsersApiErrors.NoUser(UsersApiErrors.UserNotFoundByEmail, "email", email);

        /// <summary>The one user with this subject (such as auth0|alice); none is an error that says so.</summary>
        public static async Task<QlikUser> FindBySubjectAsync(QlikConnection connection, ITenantCredential credential, string subject, CancellationToken cancellationToken) =>
            await FindAsync(connection, credential, "subject", CheckSubject(subject), UsersApiErrors.AmbiguousSubject, cancellationToken).ConfigureAwait(false)
            ?? throw UsersApiErrors.NoUser(UsersApiErrors.UserNotFoundBySubject, "subject", subject);

        /// <summary>The user with this id; none is an error that says so.</summary>
        public static async Task<QlikUser> GetAsync(QlikConnection connection, ITenantCredential credential, string userId, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(userId))
            {
                throw new QlikValidationException("MissingUser", "The user id is empty: give the 24-character id Qlik shows for the user.");
            }

            try
            {
                QlikResponse response = await connection.SendAsync(
                    new QlikRequest(HttpMethod.Get, BasePath + "/" + Uri.EscapeDataString(userId.Trim())) { Credential = credential }, cancellationToken).ConfigureAwait(false);
                return Read(response.Json(), response.Path);
            }
            catch (QlikApiException missing) when (missing.StatusCode == HttpStatusCode.NotFound)
            {
                throw UsersApiErrors.NoUser(UsersApiErrors.UserNotFoundById, "id", userId);
            }
        }

        /// <summary>
        /// The user whose <paramref name="attribute"/> (email or subject) equals the value, or null when there is none.
        /// Several matches are an error with <paramref name="ambiguousId"/>: a caller asking for one user must not get any one.
        /// </summary>
        public static async Task<QlikUser?> FindAsync(
            QlikConnection connection, ITenantCredential credential, string attribute, string value, string ambiguousId, CancellationToken cancellationToken)
        {
            IReadOnlyList<QlikUser> matches = await ListPageAsync(connection, credential, Eq(attribute, value), 2, cancellationToken).ConfigureAwait(false);
            return matches.Count switch
            {
                0 => null,
                1 => matches[0],
                _ => throw UsersApiErrors.SeveralUsers(ambiguousId, attribute, value),
            };
        }

        /// <summary>Every user whose email or subject (<paramref name="attribute"/>) is the value; none is an error that says so.</summary>
        public static async Task<List<QlikUser>> FindAllAsync(
            QlikConnection connection, ITenantCredential credential, string attribute, string value, CancellationToken cancellationToken)
        {
            bool byEmail = attribute == "email";
            string checkedValue = byEmail ? CheckEmail(value) : CheckSubject(value);
            List<QlikUser> users = await ListAsync(connection, credential, Eq(attribute, checkedValue), all: true, null, cancellationToken).ConfigureAwait(false);
            return users.Count > 0
                ? users
                : throw UsersApiErrors.NoUser(byEmail ? UsersApiErrors.UserNotFoundByEmail : UsersApiErrors.UserNotFoundBySubject, attribute, checkedValue);
        }

        /// <summary>Users matching a filter in the tenant's own syntax (null: every user), every page or the first one.</summary>
        /// <param name="more">Set when <paramref name="all"/> is false and the tenant holds more matches than the page.</param>
        public static async Task<List<QlikUser>> ListAsync(
            QlikConnection connection, ITenantCredential credential, string? filter, bool all, Action? more, CancellationToken cancellationToken)
        {
            if (!all)
            {
                return await ListPageAsync(connection, credential, filter, PageSize, cancellationToken, more).ConfigureAwait(false);
            }

            var users = new List<QlikUser>();
            await foreach (JsonElement item in QlikPage.ReadAllAsync(connection, credential, ListPath(filter, PageSize), cancellationToken).ConfigureAwait(false))
            {
                users.Add(Read(item, BasePath));
            }

            return users;
        }

        /// <summary>The first page of the tenant's users (at most 100), for argument completion.</summary>
        public static async Task<IReadOnlyList<QlikUser>> ListFirstAsync(QlikConnection connection, ITenantCredential credential, CancellationToken cancellationToken) =>
            await ListPageAsync(connection, credential, null, PageSize, cancellationToken).ConfigureAwait(false);

        /// <summary>
        /// One POST, never repeated (a create is not idempotent): a 409 or a lost answer reaches the caller, who reads the
        /// user to learn what is there (<see cref="UserDirectory"/>). Sends <c>status: active</c> as Qlik's embedding
        /// sample does, so the user can be impersonated at once; the documented default, invited, cannot act yet.
        /// </summary>
        public static async Task<QlikUser> CreateAsync(QlikConnection connection, ITenantCredential credential, NewUser user, CancellationToken cancellationToken)
        {
            string body = JsonText.Write(json =>
            {
                json.WriteStartObject();
                json.WriteString("subject", user.Subject);
                json.WriteString("name", user.Name);
                if (user.Email != null)
                {
                    json.WriteString("email", user.Email);
                }

                json.WriteString("status", "active");
                if (user.Roles.Count > 0)
                {
                    json.WriteStartArray("assignedRoles");
                    foreach (string role in user.Roles)
                    {
                        json.WriteStartObject();
                        json.WriteString("name", role);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            });
            QlikResponse response = await connection.SendAsync(new QlikRequest(HttpMethod.Post, BasePath) { Credential = credential, JsonBody = body }, cancellationToken).ConfigureAwait(false);
            return Read(response.Json(), response.Path);
        }

        internal static string CheckEmail(string email)
        {
            if (string.IsNullOrWhiteSpace(email) || !NewUser.IsEmail(email.Trim()))
            {
                throw new QlikValidationException(UsersApiErrors.InvalidEmail, $"'{email}' is not an email address: give one like alice@example.com.", email);
            }

            return email.Trim();
        }

        internal static string CheckSubject(string subject)
        {
            if (string.IsNullOrWhiteSpace(subject))
            {
                throw new QlikValidationException("InvalidSubject", $"'{subject}' is not a user subject.", subject);
            }

            return subject.Trim();
        }

        /// <param name="more">Called when the tenant holds more matches than this page.</param>
        private static async Task<List<QlikUser>> ListPageAsync(
            QlikConnection connection, ITenantCredential credential, string? filter, int limit, CancellationToken cancellationToken, Action? more = null)
        {
            QlikResponse response = await connection.SendAsync(new QlikRequest(HttpMethod.Get, ListPath(filter, limit)) { Credential = credential }, cancellationToken).ConfigureAwait(false);
            QlikPage page = QlikPage.Read(response);
            if (page.NextHref != null)
            {
                more?.Invoke();
            }

            return page.Items.Select(item => Read(item, response.Path)).ToList();
        }

        private static string ListPath(string? filter, int limit) =>
            BasePath + "?limit=" + limit + (string.IsNullOrWhiteSpace(filter) ? string.Empty : "&filter=" + Uri.EscapeDataString(filter!.Trim()));

        /// <summary><c>attribute eq "value"</c>, the value escaped as RFC 7644 strings are (a quote or backslash in a subject stays literal).</summary>
        private static string Eq(string attribute, string value) =>
            $"{attribute} eq \"{value.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"";

        private static QlikUser Read(JsonElement json, string path)
        {
            try
            {
                return json.Deserialize<QlikUser>(QlikJson.Options)
                    ?? throw new QlikOAuthException("QlikApi.InvalidResponse", QlikErrorKind.InvalidResponse, $"GET {path} answered no user.", path);
            }
            catch (JsonException exception)
            {
                // A user of another shape than documented (an array, a number where text belongs) is the tenant's fault.
                throw new QlikOAuthException("QlikApi.InvalidResponse", QlikErrorKind.InvalidResponse, $"{path} answered something that is not a user: {exception.Message}", path, exception);
            }
        }
    }
}
