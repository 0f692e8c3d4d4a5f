using System;
using System.Collections.Generic;
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
        public static async Task<QlikUser> FindByEmailAsync(QlikConnection connection, ITenantCredential credential, string email, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(email) || email.IndexOf('@') < 1 || email.IndexOf('"') >= 0)
            {
                throw new QlikValidationException("InvalidEmail", $"'{email}' is not an email address.", email);
            }

            string filter = Uri.EscapeDataString($"email eq \"{email}\"");
            QlikResponse response = await connection.SendAsync(new QlikRequest(HttpMethod.Get, $"/api/v1/users?filter={filter}&limit=2") { Credential = credential }, cancellationToken).ConfigureAwait(false);
            var matches = new List<QlikUser>();
            foreach (JsonElement item in QlikPage.Read(response).Items)
            {
                matches.Add(Read(item, response.Path));
            }

            return matches.Count switch
            {
                1 => matches[0],
                0 => throw new QlikOAuthException(UsersApiErrors.UserNotFoundByEmail, QlikErrorKind.NotFound, $"No user on the tenant has the email '{email}'.", email),
                _ => throw new QlikOAuthException(UsersApiErrors.AmbiguousEmail, QlikErrorKind.InvalidArgument, $"Several users on the tenant have the email '{email}': name the user by -UserId or -Subject instead.", email),
            };
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
