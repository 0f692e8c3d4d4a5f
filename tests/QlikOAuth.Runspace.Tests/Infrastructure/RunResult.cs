using System.Management.Automation;

namespace QlikOAuth.Runspace.Tests.Infrastructure;

/// <summary>Everything one pipeline produced: output, every stream, and a terminating error if any.</summary>
public sealed class RunResult
{
    public required IReadOnlyList<PSObject> Output { get; init; }
    public required IReadOnlyList<ErrorRecord> Errors { get; init; }
    public required IReadOnlyList<VerboseRecord> Verbose { get; init; }
    public required IReadOnlyList<DebugRecord> Debug { get; init; }
    public required IReadOnlyList<WarningRecord> Warnings { get; init; }
    public required IReadOnlyList<InformationRecord> Information { get; init; }
    public required IReadOnlyList<ProgressRecord> Progress { get; init; }
    public required bool HadErrors { get; init; }

    /// <summary>The error that ended the pipeline (-ErrorAction Stop, ThrowTerminatingError), or null.</summary>
    public RuntimeException? Terminating { get; init; }

    /// <summary>
    /// The output, each asserted to be of the module's type <paramref name="typeName"/> (such as
    /// "QlikOAuth.QlikSession"). By name: this project deliberately does not reference the module's
    /// assembly, which PowerShell loads from the module layout as it would for a user.
    /// </summary>
    public IReadOnlyList<PSObject> OutputOfType(string typeName)
    {
        AssertNoErrors();
        Assert.All(Output, item => Assert.Equal(typeName, item.BaseObject.GetType().FullName));
        return Output;
    }

    /// <summary>The one output object, of the module's type <paramref name="typeName"/>, with no error on the way.</summary>
    public PSObject Single(string typeName)
    {
        AssertNoErrors();
        PSObject item = Assert.Single(Output);
        Assert.Equal(typeName, item.BaseObject.GetType().FullName);
        return item;
    }

    /// <summary>
    /// The run stopped at a question it could not ask (ShouldContinue in a runspace with no host to answer): one error,
    /// written or terminating, that says so.
    /// </summary>
    public void AssertStoppedAtPrompt()
    {
        ErrorRecord stop = Assert.Single(Errors.Concat(Terminating is null ? [] : [Terminating.ErrorRecord]));
        Assert.Contains("prompt", stop.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    public void AssertNoErrors()
    {
        Assert.True(Terminating is null, $"terminating error: {Terminating?.ErrorRecord.FullyQualifiedErrorId}: {Terminating?.Message}");
        Assert.True(Errors.Count == 0, "errors: " + string.Join(" | ", Errors.Select(error => error.FullyQualifiedErrorId + ": " + error)));
    }

    /// <summary>Every text the streams, errors and output ToString() hold: where a secret must never appear.</summary>
    public string AllText() => string.Join("\n",
        Output.Select(item => item.ToString())
            .Concat(Errors.SelectMany(ErrorTexts))
            .Concat(Verbose.Select(record => record.Message))
            .Concat(Debug.Select(record => record.Message))
            .Concat(Warnings.Select(record => record.Message))
            .Concat(Information.Select(record => record.MessageData?.ToString() ?? string.Empty))
            .Concat(Terminating is null ? Array.Empty<string>() : ErrorTexts(Terminating.ErrorRecord)));

    private static IEnumerable<string> ErrorTexts(ErrorRecord record) => new[]
    {
        record.ToString(),
        record.Exception?.ToString() ?? string.Empty,
        record.ErrorDetails?.Message ?? string.Empty,
        record.ErrorDetails?.RecommendedAction ?? string.Empty,
        record.TargetObject?.ToString() ?? string.Empty,
    };
}
