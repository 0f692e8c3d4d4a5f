using System.Collections;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Credentials;

/// <summary>
/// An application under rotation: a background loop in its own runspace asks for a new token (-NoCache) again and
/// again with the credential it holds now, and counts what the tenant issued and refused. <see cref="Switch"/> is the
/// application taking the new credential: called from the rotating pipeline, it returns once no request made with an
/// older credential is still on its way, as a real application would drain its in-flight calls.
/// </summary>
public sealed class TokenLoop : IDisposable
{
    private const string Request = "param($Call) $null = Get-QlikAccessToken -NoCache @Call";
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(30);

    private readonly PowerShellSession _shell = new();
    private readonly object _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _refusals = [];
    private readonly Dictionary<int, int> _inFlight = [];
    private readonly Dictionary<int, int> _issuedBy = [];
    private Hashtable _credential;
    private int _generation;
    private Task? _loop;

    /// <param name="credential">Token cmdlet parameters: @{ Credential = ... } or @{ ClientId; KeyId; PrivateKeyPath }.</param>
    public TokenLoop(PowerShellSession connectedFrom, Hashtable credential)
    {
        _credential = credential;
        _shell.SetVariable("TenantUrl", connectedFrom.GetVariable("TenantUrl"));
        _shell.SetVariable("ApiKey", connectedFrom.GetVariable("ApiKey"));
        _shell.Run(TenantTestBase.ConnectScript + " | Out-Null").AssertNoErrors();
    }

    /// <summary>Tokens issued so far, with any credential.</summary>
    public int Issued
    {
        get
        {
            lock (_gate)
            {
                return _issuedBy.Values.Sum();
            }
        }
    }

    /// <summary>Tokens issued with the credential the loop holds now.</summary>
    public int IssuedWithCurrent
    {
        get
        {
            lock (_gate)
            {
                return _issuedBy.GetValueOrDefault(_generation);
            }
        }
    }

    /// <summary>Every refusal, as error id and message.</summary>
    public IReadOnlyList<string> Refusals
    {
        get
        {
            lock (_gate)
            {
                return [.. _refusals];
            }
        }
    }

    public void Start() => _loop = Task.Run(Run);

    /// <summary>Takes the new credential and waits (at most 30 s) until no request with an older one is in flight.</summary>
    public void Switch(Hashtable credential)
    {
        int previous;
        lock (_gate)
        {
            previous = _generation;
            _credential = credential;
            _generation++;
        }

        DateTime deadline = DateTime.UtcNow + DrainLimit;
        while (InFlightUpTo(previous) > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"requests with the old credential were still in flight after {DrainLimit.TotalSeconds} s");
            }

            Thread.Sleep(1);
        }
    }

    /// <summary>Waits (at most 30 s) until the condition holds, so a test can let the loop run on before it looks.</summary>
    public void WaitUntil(Func<TokenLoop, bool> condition)
    {
        DateTime deadline = DateTime.UtcNow + DrainLimit;
        while (!condition(this))
        {
            Assert.True(DateTime.UtcNow < deadline, "the token loop did not get there within 30 s");
            Thread.Sleep(5);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _loop?.Wait(DrainLimit);
        _shell.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            Hashtable credential;
            int generation;
            lock (_gate)
            {
                credential = _credential;
                generation = _generation;
                _inFlight[generation] = _inFlight.GetValueOrDefault(generation) + 1;
            }

            RunResult result = _shell.Run(Request, new Hashtable { ["Call"] = credential });
            lock (_gate)
            {
                _inFlight[generation]--;
                if (result.Errors.Count == 0 && result.Terminating is null)
                {
                    _issuedBy[generation] = _issuedBy.GetValueOrDefault(generation) + 1;
                }
                else
                {
                    _refusals.AddRange(result.Errors.Select(error => $"{error.FullyQualifiedErrorId}: {error.Exception.Message}"));
                    if (result.Terminating != null)
                    {
                        _refusals.Add(result.Terminating.Message);
                    }
                }
            }
        }
    }

    private int InFlightUpTo(int generation)
    {
        lock (_gate)
        {
            return _inFlight.Where(entry => entry.Key <= generation).Sum(entry => entry.Value);
        }
    }
}
