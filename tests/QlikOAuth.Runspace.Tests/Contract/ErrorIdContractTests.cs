using System.Text.RegularExpressions;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Contract;

/// <summary>
/// The ErrorId table of about_QlikOAuth and the ids the code can raise are the same set. The code's ids are found in
/// the source, where every error is made: the id constants of the *Errors classes (and ErrorRecords), and the first
/// argument of every <c>new Qlik…Exception(</c> and <c>ErrorRecords.Create(</c>. A third test fails for any such call
/// whose id this scan cannot tell, so a new way of making errors cannot slip past the table.
/// </summary>
public sealed partial class ErrorIdContractTests
{
    private const string ApiStatusFamily = "QlikApi.Status<code>";
    private const string TokenRefusedFamily = "TokenRefused.<Reason>";

    private static readonly string SourceRoot = Path.Combine(ModuleUnderTest.RepoRoot, "src");
    private static readonly string HelpFolder = Path.Combine(SourceRoot, "QlikOAuth", "en-US");

    [Fact]
    public void EveryIdTheCodeCanRaiseIsInTheTable()
    {
        HashSet<string> table = TableIds();

        Assert.Empty(CodeIds().Where(id => !table.Contains(id)).Order());
    }

    [Fact]
    public void EveryIdTheDocsNameExistsInTheCode()
    {
        HashSet<string> code = CodeIds();
        IEnumerable<string> documented = TableIds().Concat(Mentions(File.ReadAllText(Path.Combine(HelpFolder, "QlikOAuth.dll-Help.xml"))))
            .Concat(Mentions(File.ReadAllText(Path.Combine(HelpFolder, "about_QlikOAuth.help.txt"))));

        Assert.Empty(documented.Where(id => !code.Contains(id)).Distinct().Order());
    }

    [Fact]
    public void EveryPlaceThatMakesAnErrorNamesItsIdInAWayTheScanReads()
    {
        Assert.NotEmpty(ErrorSites());
        Assert.Empty(ErrorSites().Where(site => site.Id is null).Select(site => $"{site.File}: {site.Type}({site.Argument}, ..."));
    }

    private static HashSet<string> TableIds()
    {
        string about = File.ReadAllText(Path.Combine(HelpFolder, "about_QlikOAuth.help.txt"));
        int start = about.IndexOf("\n  ERRORS\n", StringComparison.Ordinal);
        int end = about.IndexOf("\nEXAMPLES\n", start, StringComparison.Ordinal);
        Assert.True(start > 0 && end > start, "about_QlikOAuth has no ERRORS section before EXAMPLES");
        var ids = TableLine().Matches(about[start..end]).Select(match => match.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.True(ids.Count > 20, $"the ERRORS table of about_QlikOAuth lists only {ids.Count} ids");
        return ids;
    }

    private static HashSet<string> CodeIds()
    {
        var ids = new HashSet<string>(Constants().Values, StringComparer.Ordinal);
        ids.UnionWith(ErrorSites().Select(site => site.Id).OfType<string>());
        // QlikApiException names its ids by status; "QlikApi.Status" + code is the family of the other statuses.
        ids.UnionWith(QlikApiLiteral().Matches(Read("QlikOAuth.Engine/Errors/QlikApiException.cs"))
            .Select(match => match.Groups[1].Value == "QlikApi.Status" ? ApiStatusFamily : match.Groups[1].Value));
        return ids;
    }

    private static IReadOnlyList<(string File, string Type, string Argument, string? Id)> ErrorSites()
    {
        Dictionary<string, string> constants = Constants();
        var sites = new List<(string, string, string, string?)>();
        foreach (string file in SourceFiles())
        {
            foreach (Match match in ErrorSite().Matches(File.ReadAllText(file)))
            {
                string type = match.Groups[1].Value, argument = match.Groups[2].Value.Trim();
                string? id = argument.StartsWith('"') ? argument.Trim('"')
                    : constants.TryGetValue(argument, out string? constant) ? constant
                    : constants.TryGetValue(argument[(argument.LastIndexOf('.') + 1)..], out constant) && argument.Contains("Errors.", StringComparison.Ordinal) ? constant
                    : argument == "errorId" && IsErrorsFile(file) ? "(forwarded)" // a helper of an *Errors class: its callers pass constants
                    : argument.EndsWith(".ErrorId", StringComparison.Ordinal) ? "(forwarded)" // rewords a caught error, keeping its id
                    : type == "new QlikApiException" ? ApiStatusFamily
                    : type == "new QlikTokenException" ? TokenRefusedFamily
                    : null;
                sites.Add((Path.GetRelativePath(SourceRoot, file), type, argument, id));
            }
        }

        sites.RemoveAll(site => site.Item4 == "(forwarded)");
        return sites;
    }

    /// <summary>The id constants: every const string of an *Errors class or of ErrorRecords, by name.</summary>
    private static Dictionary<string, string> Constants()
    {
        var constants = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in SourceFiles().Where(IsErrorsFile))
        {
            foreach (Match match in Constant().Matches(File.ReadAllText(file)))
            {
                constants[match.Groups[1].Value] = match.Groups[2].Value;
            }
        }

        return constants;
    }

    private static IEnumerable<string> Mentions(string text) => Mention().Matches(text).Select(match => match.Groups[1].Value);

    private static bool IsErrorsFile(string file) => Path.GetFileName(file) is var name && (name.EndsWith("Errors.cs", StringComparison.Ordinal) || name == "ErrorRecords.cs");

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(SourceRoot, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string Read(string relative) => File.ReadAllText(Path.Combine(SourceRoot, relative));

    [GeneratedRegex(@"^    ([A-Z][\w.]*(?:<\w+>)?)$", RegexOptions.Multiline)]
    private static partial Regex TableLine();

    [GeneratedRegex(@"ErrorId ([A-Z][\w.]*(?:<\w+>)?)")]
    private static partial Regex Mention();

    [GeneratedRegex(@"(new Qlik\w*Exception|ErrorRecords\.Create)\(\s*([^,()]+),")]
    private static partial Regex ErrorSite();

    [GeneratedRegex(@"const string (\w+) = ""([\w.]+)"";")]
    private static partial Regex Constant();

    [GeneratedRegex(@"""(QlikApi\.[A-Za-z]+)""")]
    private static partial Regex QlikApiLiteral();
}
