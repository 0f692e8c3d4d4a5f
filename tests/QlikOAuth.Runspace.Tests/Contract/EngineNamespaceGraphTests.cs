using System.Text.RegularExpressions;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Contract;

/// <summary>
/// The engine's namespaces form a one-way graph: Errors and Json at the bottom, then Http (with the credential
/// types), then Keys, Users, Tokens, Clients and Rest, then Sessions, then Fleet (many sessions at once) on top. Read from the sources: a using
/// directive or a qualified name (Tokens.GrantTypes) that points up or sideways the wrong way fails.
/// </summary>
public sealed partial class EngineNamespaceGraphTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Errors"] = [],
        ["Json"] = [],
        ["Http"] = ["Errors"],
        ["Keys"] = ["Errors", "Json", "Http"],
        ["Users"] = ["Errors", "Json", "Http"],
        ["Tokens"] = ["Errors", "Json", "Http", "Keys", "Users"],
        ["Clients"] = ["Errors", "Json", "Http", "Keys", "Tokens"],
        ["Rest"] = ["Errors", "Json", "Http"],
        ["Csp"] = ["Errors", "Json", "Http", "Clients", "Tokens"],
        ["SignIn"] = ["Errors", "Json", "Http", "Keys", "Tokens"],
        ["OAuthTokens"] = ["Errors", "Json", "Http", "Clients", "Tokens", "Users"],
        ["Sessions"] = ["Errors", "Json", "Http", "Keys", "Users", "Tokens", "Clients", "Rest", "SignIn"],
        ["Fleet"] = ["Errors", "Json", "Http", "Keys", "Users", "Tokens", "Clients", "Sessions"],
    };

    [Fact]
    public void EveryEngineNamespaceDependsOnlyOnTheOnesBelowIt()
    {
        string engine = Path.Combine(ModuleUnderTest.RepoRoot, "src", "QlikOAuth.Engine");
        var wrong = new List<string>();
        foreach (string folder in Directory.GetDirectories(engine).Where(folder => !Path.GetFileName(folder).StartsWith("bin") && !Path.GetFileName(folder).StartsWith("obj")))
        {
            string from = Path.GetFileName(folder);
            Assert.True(Allowed.ContainsKey(from), $"the engine namespace {from} has no place in the graph yet: add it to {nameof(Allowed)}");
            foreach (string file in Directory.GetFiles(folder, "*.cs"))
            {
                string code = CommentLine().Replace(File.ReadAllText(file), string.Empty);
                IEnumerable<string> targets = EngineUsing().Matches(code).Select(match => match.Groups[1].Value)
                    .Concat(QualifiedName().Matches(code).Select(match => match.Groups[1].Value).Where(Allowed.ContainsKey));
                wrong.AddRange(targets.Where(to => to != from && !Allowed[from].Contains(to)).Distinct().Select(to => $"{Path.GetFileName(file)}: {from} -> {to}"));
            }
        }

        Assert.True(wrong.Count == 0, "dependencies against the graph: " + string.Join("; ", wrong));
    }

    [GeneratedRegex(@"//.*")]
    private static partial Regex CommentLine();

    [GeneratedRegex(@"QlikOAuth\.Engine\.(\w+)")]
    private static partial Regex EngineUsing();

    // "Tokens.GrantTypes", "Errors.QlikValidationException": a namespace named from a sibling, not a member access.
    [GeneratedRegex(@"(?<![\w.])(\w+)\.[A-Z]\w*")]
    private static partial Regex QualifiedName();
}
