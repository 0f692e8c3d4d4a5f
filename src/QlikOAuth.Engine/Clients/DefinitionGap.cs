using System;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>
    /// Why no definition can describe a client faithfully: the one rule Export-QlikOAuthClient refuses a client by and
    /// Sync-QlikOAuthClient -Prune leaves a client alone by (a client no definition can describe is never missing
    /// from the definitions, so it must not be pruned for it).
    /// </summary>
    public sealed class DefinitionGap
    {
        private DefinitionGap(string errorId, string reason)
        {
            ErrorId = errorId;
            Reason = reason;
        }

        /// <summary><see cref="ClientErrors.UnsupportedAppType"/> or <see cref="ClientErrors.UnreadablePublicKey"/>.</summary>
        public string ErrorId { get; }

        /// <summary>What the client has that a definition cannot hold, as a clause ("it is of app type 'spa', ...").</summary>
        public string Reason { get; }

        /// <summary>The gap of a client read from a tenant; null when a definition can describe it.</summary>
        public static DefinitionGap? Of(OAuthClient client) =>
            Of(client.AppType, client.PublicKeyIds.Count, client.PublicKeys.Count);

        /// <summary>
        /// The gap of a client's parts: an app type other than web (definitions, like this module, hold web clients
        /// only; a read without appType counts as web), or fewer readable keys than registered kids (a copy would lose the
        /// others); null when there is none.
        /// </summary>
        public static DefinitionGap? Of(string? appType, int registeredKeyCount, int readableKeyCount)
        {
            if (appType != null && !string.Equals(appType, ClientVocabulary.WebAppType, StringComparison.Ordinal))
            {
                return new DefinitionGap(
                    ClientErrors.UnsupportedAppType,
                    $"it is of app type '{appType}', and this module describes and creates web (machine-to-machine) clients only");
            }

            return registeredKeyCount > readableKeyCount
                ? new DefinitionGap(ClientErrors.UnreadablePublicKey, $"it registers {registeredKeyCount} public keys, of which this module can read {readableKeyCount}")
                : null;
        }

        public override string ToString() => Reason;
    }
}
