using System.Collections.Concurrent;

namespace QlikOAuth.Runspace.Tests.Infrastructure;

/// <summary>
/// Which commands the runspace tests actually ran. The coverage test runs last (see LastCollectionOrderer)
/// and fails for any exported cmdlet no test invoked.
/// </summary>
public static class CmdletCoverage
{
    private static readonly ConcurrentDictionary<string, bool> Invoked = new(StringComparer.OrdinalIgnoreCase);

    public static void Record(string commandName) => Invoked[commandName] = true;

    public static bool WasInvoked(string commandName) => Invoked.ContainsKey(commandName);
}
