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
    /// <summary>Pool threads this test host keeps blocked: vstest's message loop, xunit's runner, and the running pipeline.</summary>
    private const int PoolThreadsHeldByTheHost = 3;

    private readonly PSRunspace _runspace;

    /// <summary>
    /// Gives the thread pool room for the threads the test host holds, so the emulator and the module's HTTP answers
    /// always find a free one. PowerShell runs a pipeline on the thread that invokes it, a pool thread under xunit, and a
    /// cmdlet sleeps there until its answer comes; vstest and xunit hold one more each for the whole run. The pool lets
    /// only as many threads work as its goal, which it lowers toward its minimum, the core count (2 here). With the goal
    /// at 3 and all three held, an answer waited for the pool's starvation check, which adds a thread every half second,
    /// and the fault matrix's next call took 600 to 1000 ms (seen in dotnet-stack and the pool's own events). pwsh gives
    /// its pipeline a thread of its own, so a user's session never holds a pool thread this way.
    /// </summary>
    static PowerShellSession()
    {
        ThreadPool.GetMinThreads(out int workers, out int completionPorts);
        ThreadPool.SetMinThreads(workers + PoolThreadsHeldByTheHost, completionPorts);
    }

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
        Progress = shell.Streams.Progress.ToList(),
        HadErrors = shell.HadErrors,
        Terminating = terminating,
    };

    public void Dispose() => _runspace.Dispose();
}
