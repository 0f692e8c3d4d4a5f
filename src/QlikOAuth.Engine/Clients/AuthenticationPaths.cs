using System.Linq;
using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>
    /// The ways a client can still prove itself at the token endpoint: each secret while it allows client_secret, each
    /// registered key (or its JWKS URL) while it allows private_key_jwt. Removing the last one locks every application
    /// of the client out, so it needs -Force. (A key is never the last one removed: Qlik requires a key while the client
    /// allows private_key_jwt, see <see cref="ClientCredentials.RemoveKeyAsync"/>.)
    /// </summary>
    internal static class AuthenticationPaths
    {
        public static void EnsureOneRemains(OAuthClient client, int secretsRemoved, string what)
        {
            if (Count(client) - secretsRemoved > 0)
            {
                return;
            }

            throw new QlikOAuthException(
                CredentialErrors.LastAuthenticationPath,
                QlikErrorKind.InvalidArgument,
                $"Removing {what} would leave client {client.ClientId} no way to authenticate: it is the last {Describe(client)}. Add another first (New-QlikOAuthClientSecret, Add-QlikOAuthClientKey), or rotate with Update-QlikOAuthClientSecret / Update-QlikOAuthClientKey; add -Force to remove it anyway.",
                client.ClientId);
        }

        private static int Count(OAuthClient client)
        {
            int paths = 0;
            if (client.AllowedAuthMethods.Contains(ClientVocabulary.ClientSecretMethod))
            {
                paths += client.SecretHints.Count;
            }

            if (client.AllowedAuthMethods.Contains(ClientVocabulary.PrivateKeyJwtMethod))
            {
                paths += client.PublicKeyIds.Count + (client.JwksUri is null ? 0 : 1);
            }

            return paths;
        }

        private static string Describe(OAuthClient client) =>
            client.AllowedAuthMethods.Count == 1 ? $"credential of its only authentication method ({client.AllowedAuthMethods[0]})" : "credential it has";
    }
}
