using System.Management.Automation;

namespace QlikOAuth.Runspace.Tests.Infrastructure;

/// <summary>Everything one pipeline produced: output, all six streams, and a terminating error if any.</summary>
public sealed class RunResult
{
    public required IReadOnlyList<PSObject> Output { get; init; }
    public required IReadOnlyList<ErrorRecord> Errors { get; init; }
    public required IReadOnlyList<VerboseRecord> Verbose { get; init; }
    public required IReadOnlyList<DebugRecord> Debug { get; init; }
    public required IReadOnlyList<WarningRecord> Warnings { get; init; }
    public required IReadOnlyList<InformationRecord> Information { get; init; }
    public required bool HadErrors { get; init; }

    /// <summary>The error that ended the pipeline (-ErrorAction Stop, ThrowTerminatingError), or null.</summary>
    public RuntimeException? Terminating { get; init; }

    /// <summary>Output as its base objects, cast to T (fails the test when one is not a T).</summary>
    public IReadOnlyList<T> OutputOf<T>() => Output.Select(item => Assert.IsType<T>(item.BaseObject)).ToList();

    public T Single<T>()
    {
        Assert.True(Terminating is null, $"terminating error: {Terminating?.ErrorRecord.FullyQualifiedErrorId}: {Terminating?.Message}");
        Assert.True(Errors.Count == 0, "errors: " + string.Join(" | ", Errors.Select(error => error.FullyQualifiedErrorId + ": " + error)));
        return Assert.IsType<T>(Assert.Single(Output).BaseObject);
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
