using System;
using System.Management.Automation;
using QlikOAuth.Engine.Clients;

namespace QlikOAuth.Infrastructure
{
    /// <summary>
    /// Base of Update-QlikOAuthClientSecret and Update-QlikOAuthClientKey: runs the engine's two-step rotation and puts
    /// the new credential out between the steps. WriteObject runs the rest of the pipeline before it returns, so what
    /// the pipeline does with the new credential (store it in a vault, hand it to the application) is done while the
    /// old one still works, and only then is the old one removed. (Output collected into a variable arrives after the
    /// removal: a script that must switch first does it in the pipeline, or uses -KeepOld and removes the old one later.)
    /// </summary>
    public abstract class RotationCmdlet : OAuthClientCmdlet
    {
        /// <summary>Do not ask for confirmation (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Asks first (ConfirmImpact High) unless -Force; a dry run (-WhatIf) stops here, before any key file is read.</summary>
        internal bool ConfirmRotation(string clientId, string action) => ConfirmChange($"client {clientId}", action, Force);

        internal void Rotate<TCredential>(CredentialRotation<TCredential> rotation, Func<TCredential, object> toOutput)
            where TCredential : class
        {
            if (!TryEngine(() => RunEngine(rotation.StartAsync), rotation.ClientId, out RotationStart<TCredential> start))
            {
                return;
            }

            if (start.AddedKept)
            {
                WriteObject(toOutput(start.Added));
            }

            if (start.Failure != null)
            {
                WriteError(ErrorRecords.From(start.Failure, rotation.ClientId));
                return;
            }

            TryEngine(() => RunEngine(cancellationToken => rotation.RetireAsync(start, cancellationToken)), rotation.ClientId);
        }
    }
}
