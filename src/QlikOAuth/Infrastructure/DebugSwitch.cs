using System;
using System.Management.Automation;
using System.Reflection;

namespace QlikOAuth.Infrastructure
{
    /// <summary>
    /// What the -Debug switch may not do to a runbook. First, it must not make Verbose, Debug and Warning messages
    /// ask "Continue?". On a compiled cmdlet, -Debug turns the Verbose and Warning preferences (and, on PowerShell 7.4 and
    /// Windows PowerShell 5.1, the Debug preference) into Inquire. In an interactive console every message then
    /// waits for a key; in pwsh -NonInteractive (a runbook, a CI job) the first message fails the command with
    /// "PowerShell is in NonInteractive mode", possibly after its change was made. Someone who adds -Debug to a
    /// runbook wants more output, not a failed run: an Inquire that came from the -Debug switch is Continue here.
    /// PowerShell's own Write-Verbose, Write-Debug and Write-Warning cmdlets do exactly that through an internal
    /// overload of the command runtime with overrideInquire (in Windows PowerShell 5.1's and PowerShell 7's
    /// sources; checked here on 7.4 and 7.6); there is no public one, so it is found by reflection once. Where a future PowerShell lacks it, the
    /// public write is used, which is PowerShell's own behaviour. The Pester suite runs -Debug in
    /// pwsh -NonInteractive on 7.4 and 7.6, so a change on PowerShell's side shows up as a failing test.
    /// </summary>
    internal static class DebugSwitch
    {
        private static readonly MethodInfo? WriteVerboseOverride = FindOverride("WriteVerbose", typeof(VerboseRecord));
        private static readonly MethodInfo? WriteDebugOverride = FindOverride("WriteDebug", typeof(DebugRecord));
        private static readonly MethodInfo? WriteWarningOverride = FindOverride("WriteWarning", typeof(WarningRecord));

        public static void WriteVerbose(PSCmdlet cmdlet, string text)
        {
            if (!Write(cmdlet, WriteVerboseOverride, new VerboseRecord(text)))
            {
                cmdlet.WriteVerbose(text);
            }
        }

        public static void WriteDebug(PSCmdlet cmdlet, string text)
        {
            if (!Write(cmdlet, WriteDebugOverride, new DebugRecord(text)))
            {
                cmdlet.WriteDebug(text);
            }
        }

        public static void WriteWarning(PSCmdlet cmdlet, string text)
        {
            if (!Write(cmdlet, WriteWarningOverride, new WarningRecord(text)))
            {
                cmdlet.WriteWarning(text);
            }
        }

        /// <summary>True when the record was written with Inquire read as Continue; false: use the public write.</summary>
        private static bool Write(PSCmdlet cmdlet, MethodInfo? writeOverride, InformationalRecord record)
        {
            if (writeOverride is null || !DebugSwitchGiven(cmdlet) || !writeOverride.DeclaringType!.IsInstanceOfType(cmdlet.CommandRuntime))
            {
                return false;
            }

            try
            {
                writeOverride.Invoke(cmdlet.CommandRuntime, new object[] { record, true });
            }
            catch (TargetInvocationException invocation) when (invocation.InnerException != null)
            {
                // A PipelineStoppedException (Ctrl+C) and the like must reach PowerShell as themselves.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(invocation.InnerException).Throw();
            }

            return true;
        }

        /// <summary>
        /// Second, -Debug must not make a change ask "Are you sure?". PowerShell 7.4 and Windows PowerShell 5.1 lower
        /// the confirm threshold to Low when -Debug is given, so every ShouldProcess prompts, and fails in
        /// pwsh -NonInteractive; PowerShell 7.6 no longer does. With -Debug and neither -Confirm nor -WhatIf, this
        /// confirms exactly where $ConfirmPreference would without -Debug, as 7.6 does. -Debug changes nothing else:
        /// under $WhatIfPreference the change is only described, as PowerShell's own ShouldProcess does (a wrapper
        /// script run with -WhatIf passes that preference down, and -Debug with it must never make the write).
        /// </summary>
        public static bool ShouldProcess(PSCmdlet cmdlet, string target, string action)
        {
            var bound = cmdlet.MyInvocation.BoundParameters;
            if (!DebugSwitchGiven(cmdlet) || bound.ContainsKey("Confirm") || bound.ContainsKey("WhatIf") || WhatIfPreferred(cmdlet))
            {
                return cmdlet.ShouldProcess(target, action);
            }

            ConfirmImpact impact = cmdlet.GetType().GetCustomAttribute<CmdletAttribute>()?.ConfirmImpact ?? ConfirmImpact.Medium;
            object? preferenceValue = cmdlet.SessionState.PSVariable.GetValue("ConfirmPreference");
            if (!Enum.TryParse(preferenceValue?.ToString(), ignoreCase: true, out ConfirmImpact preference))
            {
                preference = ConfirmImpact.High;
            }

            if (preference != ConfirmImpact.None && impact >= preference)
            {
                return cmdlet.ShouldProcess(target, action);
            }

            // What ShouldProcess itself says when it goes ahead without asking (it shows with -Verbose or -Debug).
            WriteVerbose(cmdlet, $"Performing the operation \"{action}\" on target \"{target}\".");
            return true;
        }

        private static bool WhatIfPreferred(PSCmdlet cmdlet) =>
            LanguagePrimitives.IsTrue(cmdlet.SessionState.PSVariable.GetValue("WhatIfPreference"));

        private static bool DebugSwitchGiven(PSCmdlet cmdlet) =>
            cmdlet.MyInvocation.BoundParameters.TryGetValue("Debug", out object? value) && value is SwitchParameter { IsPresent: true };

        private static MethodInfo? FindOverride(string name, Type recordType)
        {
            Type? runtime = typeof(PSCmdlet).Assembly.GetType("System.Management.Automation.MshCommandRuntime", throwOnError: false);
            return runtime?.GetMethod(
                name,
                BindingFlags.Instance | BindingFlags.NonPublic,
                binder: null,
                new[] { recordType, typeof(bool) },
                modifiers: null);
        }
    }
}
