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
        /// The gap of a client's parts: an app type this module does not know (one newer than the four of today; a
        /// read without appType counts as web), or fewer readable keys than registered kids (a copy would lose the
        /// others); null when there is none.
        /// </summary>
        public static DefinitionGap? Of(string? appType, int registeredKeyCount, int readableKeyCount)
        {
            if (AppTypeRules.Of(appType) is null)
            {
                return new DefinitionGap(
                    ClientErrors.UnsupportedAppType,
                    $"it is of app type '{appType}', which this module does not know (it describes web, native, spa and anonymous-embed clients)");
            }

            return registeredKeyCount > readableKeyCount
                ? new DefinitionGap(ClientErrors.UnreadablePublicKey, $"it registers {registeredKeyCount} public keys, of which this module can read {readableKeyCount}")
                : null;
        }

        public override string ToString() => Reason;
    }
}
