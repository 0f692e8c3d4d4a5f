using System;
using System.Security;
using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>A client just created: its read model and, when it authenticates by secret, the one-time secret.</summary>
    public sealed class CreatedOAuthClient(OAuthClient client, SecureString? secret)
    {
        public OAuthClient Client { get; } = client;

        /// <summary>Shown once by Qlik and never again; null for a private-key-JWT-only client.</summary>
        public SecureString? Secret { get; } = secret;
    }

    /// <summary>A client created and settled by <see cref="ClientProvisioner.ProvisionAsync"/>, with its one-time secret.</summary>
    public sealed class ProvisionedClient(OAuthClient client, SecureString? secret, string? consentMethod, QlikOAuthException? incomplete)
    {
        /// <summary>The tenant's state after the last step that succeeded.</summary>
        public OAuthClient Client { get; } = client;

        /// <summary>Shown once by Qlik and never again; null for a private-key-JWT-only client.</summary>
        public SecureString? Secret { get; } = secret;

        /// <summary>The consent method in force, as the tenant answered it.</summary>
        public string? ConsentMethod { get; } = consentMethod;

        /// <summary>Why a step after the create failed (<see cref="ClientErrors.ClientCreatedButIncomplete"/>); null when all went well.</summary>
        public QlikOAuthException? Incomplete { get; } = incomplete;
    }

    /// <summary>What <see cref="ClientProvisioner.ApplyAsync"/> did: the secret its patch made, and a step after the patch that failed.</summary>
    public sealed class AppliedDrift(NewClientSecret? secret, QlikOAuthException? incomplete)
    {
        /// <summary>The secret the tenant made when the change enabled client_secret (shown once), else null.</summary>
        public NewClientSecret? Secret { get; } = secret;

        /// <summary>Why the consent call after the patch failed (<see cref="ClientErrors.ClientUpdatedButIncomplete"/>); null when all went well.</summary>
        public QlikOAuthException? Incomplete { get; } = incomplete;
    }

    /// <summary>A secret the tenant just generated (rotation, or a patch that enabled client_secret).</summary>
    public sealed class NewClientSecret(string clientId, SecureString secret, string? hint, DateTimeOffset? createdAt)
    {
        public string ClientId { get; } = clientId;

        public SecureString Secret { get; } = secret;

        /// <summary>The 5-character hint Qlik names the secret by; null when the answer did not carry one (a 202 patch).</summary>
        public string? Hint { get; } = hint;

        public DateTimeOffset? CreatedAt { get; } = createdAt;

        public override string ToString() => $"secret {Hint ?? "(no hint)"} of {ClientId}";
    }
}
