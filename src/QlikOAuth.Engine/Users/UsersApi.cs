using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Json;

namespace QlikOAuth.Engine.Users
{
    /// <summary>The users API: who a credential acts as, and finding a user by email (Qlik cannot impersonate by email).</summary>
    public static class UsersApi
    {
        public static async Task<QlikUser> GetMeAsync(QlikConnection connection, ITenantCredential credential, CancellationToken cancellationToken)
        {
            QlikResponse response = await connection.SendAsync(new QlikRequest(HttpMethod.Get, "/api/v1/users/me") { Credential = credential }, cancellationToken).ConfigureAwait(false);
            return Read(response.Json(), response.Path);
        }

        /// <summary>The one user with this email; none or several is an error that says so.</summary>
        public static Task<QlikUser> FindByEmailAsync(QlikConnection connection, ITenantCredential credential, string email, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(email) || email.IndexOf('@') < 1 || email.IndexOf('"') >= 0)
            {
                throw new QlikValidationException("InvalidEmail", $"'{email}' is not an email address.", email);
            }

            return FindOneAsync(connection, credential, "email", email, UsersApiErrors.UserNotFoundByEmail, UsersApiErrors.AmbiguousEmail, cancellationToken);
        }

        /// <summary>The one user with this subject (such as auth0|alice); none is an error that says so.</summary>
        public static Task<QlikUser> FindBySubjectAsync(QlikConnection connection, ITenantCredential credential, string subject, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(subject) || subject.IndexOf('"') >= 0)
            {
                throw new QlikValidationException("InvalidSubject", $"'{subject}' is not a user subject.", subject);
            }

            return FindOneAsync(connection, credential, "subject", subject, UsersApiErrors.UserNotFoundBySubject, UsersApiErrors.AmbiguousSubject, cancellationToken);
        }

        private static async Task<QlikUser> FindOneAsync(
            QlikConnection connection, ITenantCredential credential, string attribute, string value, string notFoundId, string ambiguousId, CancellationToken cancellationToken)
        {
            string filter = Uri.EscapeDataString($"{attribute} eq \"{value}\"");
            QlikResponse response = await connection.SendAsync(new QlikRequest(HttpMethod.Get, $"/api/v1/users?filter={filter}&limit=2") { Credential = credential }, cancellationToken).ConfigureAwait(false);
            var matches = new List<QlikUser>();
            foreach (JsonElement item in QlikPage.Read(response).Items)
            {
                matches.Add(Read(item, response.Path));
            }

            return matches.Count switch
            {
                1 => matches[0],
                0 => throw UsersApiErrors.NoUser(notFoundId, attribute, value),
                _ => throw UsersApiErrors.SeveralUsers(ambiguousId, attribute, value),
            };
        }

        /// <summary>The first page of the tenant's users (at most 100), for argument completion.</summary>
        public static async Task<IReadOnlyList<QlikUser>> ListFirstAsync(QlikConnection connection, ITenantCredential credential, CancellationToken cancellationToken)
        {
            QlikResponse response = await connection.SendAsync(new QlikRequest(HttpMethod.Get, "/api/v1/users?limit=100") { Credential = credential }, cancellationToken).ConfigureAwait(false);
            return QlikPage.Read(response).Items.Select(item => Read(item, response.Path)).ToList();
        }

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
                throw new QlikOAuthException("QlikApi.InvalidResponse", QlikErrorKind.InvalidResponse, $"GET {path} answered something that is not a user: {exception.Message}", path, exception);
            }
        }
    }
}
