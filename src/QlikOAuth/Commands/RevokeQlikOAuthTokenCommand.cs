using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.OAuthTokens;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Infrastructure;
using QlikOAuth.Tokens;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Revokes tenant OAuth tokens as an administrator: by -Id, every token of one user (-UserId, -Email or -Subject:
    /// the sign-out of a web app's user), or the tokens piped from Get-QlikOAuthToken. A revoked token stops working at
    /// once. Revoking more than one token asks first, unless -Force or -Confirm:$false; -WhatIf lists what would go.
    /// Unlike Revoke-QlikAccessToken, this needs no token in hand: only its id or its user.
    /// </summary>
    [Cmdlet(VerbsSecurity.Revoke, "QlikOAuthToken", SupportsShouldProcess = true, DefaultParameterSetName = ByIdSet)]
    [OutputType(typeof(void))]
    public sealed class RevokeQlikOAuthTokenCommand : OAuthTokenCmdlet
    {
        internal const string ByIdSet = "ById";

        private readonly List<(QlikSession Session, string TokenId, string Label)> _targets = new List<(QlikSession, string, string)>();

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = null!;

        /// <summary>Do not ask before revoking several tokens (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Gathers the tokens; they are revoked at the end, once the count to confirm is known.</summary>
        protected override void ProcessRecord()
        {
            QlikSession session = ResolveSession();
            UserReference? user = NamedUser();
            if (user is null)
            {
                _targets.AddRange(Id.Select(id => (session, id, $"OAuth token {id}")));
                return;
            }

            OAuthTokensApi api = TokensApiOf(session);
            if (TryEngine(() => RunEngine(cancellationToken => api.ListOfUserAsync(user, cancellationToken)), user.ToString(), out List<OAuthTokenRecord> tokens))
            {
                WriteVerbose($"{user} has {tokens.Count} live OAuth token(s).");
                _targets.AddRange(tokens.Select(token => (session, token.Id, $"OAuth token {token.Id} of user {token.UserId} ({token.Description})")));
            }
        }

        protected override void EndProcessing()
        {
            bool confirmationOff = Force || (MyInvocation.BoundParameters.TryGetValue("Confirm", out object? confirm) && !((SwitchParameter)confirm).IsPresent);
            bool whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? value) && ((SwitchParameter)value).IsPresent;
            if (_targets.Count > 1 && !confirmationOff && !whatIf
                && !ShouldContinue($"Revoke {_targets.Count} OAuth tokens? Their holders are signed out of Qlik at once.", "Revoke OAuth tokens"))
            {
                return;
            }

            foreach ((QlikSession session, string tokenId, string label) in _targets)
            {
                if (!ShouldProcess(label, "Revoke"))
                {
                    continue;
                }

                TryEngine(() => RunEngine(cancellationToken => TokensApiOf(session).RevokeAsync(tokenId, cancellationToken)), tokenId);
            }
        }
    }
}
