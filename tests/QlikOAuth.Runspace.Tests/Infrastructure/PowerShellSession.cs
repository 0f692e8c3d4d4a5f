using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using PSRunspace = System.Management.Automation.Runspaces.Runspace;

namespace QlikOAuth.Runspace.Tests.Infrastructure;

/// <summary>
/// A real PowerShell 7.6 runspace (InitialSessionState.CreateDefault2) with the built module imported by
/// its manifest, as a user would. Scripts run exactly as typed; every command looked up for execution is
/// recorded for the exported-cmdlet coverage check.
/// </summary>
public sealed class PowerShellSession : IDisposable
{
    private readonly PSRunspace _runspace;

    public PowerShellSession()
    {
        InitialSessionState state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(ModuleUnderTest.ManifestPath);
        state.ThrowOnRunspaceOpenError = true;
        _runspace = RunspaceFactory.CreateRunspace(state);
        _runspace.Open();
        _runspace.SessionStateProxy.InvokeCommand.PostCommandLookupAction =
            (_, lookup) => CmdletCoverage.Record(lookup.CommandName);
    }

    public PSRunspace Runspace => _runspace;

    /// <summary>Sets a variable the next scripts can use, such as $TenantUrl or $ApiKey.</summary>
    public void SetVariable(string name, object? value) => _runspace.SessionStateProxy.SetVariable(name, value);

    public object? GetVariable(string name) => _runspace.SessionStateProxy.GetVariable(name);

    /// <summary>Runs a script and gathers every stream; a terminating error is captured, not thrown.</summary>
    public RunResult Run(string script, IDictionary? parameters = null)
    {
        using PowerShell shell = Create(script, parameters);
        return Invoke(shell);
    }

    /// <summary>A pipeline on this runspace to drive by hand (Stop() from another thread, BeginInvoke).</summary>
    public PowerShell Create(string script, IDictionary? parameters = null)
    {
        PowerShell shell = PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script);
        if (parameters != null)
        {
            shell.AddParameters(parameters);
        }

        return shell;
    }

    public static RunResult Invoke(PowerShell shell)
    {
        var output = new List<PSObject>();
        RuntimeException? terminating = null;
        try
        {
            output.AddRange(shell.Invoke());
        }
        catch (RuntimeException exception)
        {
            terminating = exception;
        }

        return Collect(shell, output, terminating);
    }

    public static RunResult Collect(PowerShell shell, IEnumerable<PSObject> output, RuntimeException? terminating) => new()
    {
        Output = output.Where(item => item != null).ToList(),
        Errors = shell.Streams.Error.ToList(),
        Verbose = shell.Streams.Verbose.ToList(),
        Debug = shell.Streams.Debug.ToList(),
        Warnings = shell.Streams.Warning.ToList(),
        Information = shell.Streams.Information.ToList(),
        HadErrors = shell.HadErrors,
        Terminating = terminating,
    };

    public void Dispose() => _runspace.Dispose();
}
