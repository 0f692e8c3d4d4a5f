using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Contract;

/// <summary>
/// The MAML help (en-US/QlikOAuth.dll-Help.xml) cannot drift from the code: for every cmdlet the manifest exports,
/// Get-Help in a real runspace documents exactly the cmdlet's parameters (common parameters aside; -WhatIf and
/// -Confirm included), one syntax per parameter set with that set's parameters, a description for each parameter,
/// a synopsis of its own and at least one example with code and remarks.
/// </summary>
public sealed class HelpContractTests : IClassFixture<HelpContractTests.Shell>
{
    // Where-Object and ForEach-Object are Core cmdlets: the hosted runspace has no Utility module (no Out-String).
    private const string ReadHelp = """
        param($Name)
        $help = Get-Help -Name $Name -Full
        function Text($value) { (@($value) | Where-Object { $_ } | ForEach-Object { if ($_.Text) { $_.Text } else { "$_" } }) -join "`n" }
        @{
            Synopsis   = [string] $help.Synopsis
            Parameters = [string[]] @(@($help.parameters.parameter) | Where-Object { $_ } | ForEach-Object { $_.name })
            Undescribed = [string[]] @(@($help.parameters.parameter) | Where-Object { $_ -and -not (Text $_.description).Trim() } | ForEach-Object { $_.name })
            Syntax     = [string[]] @(@($help.syntax.syntaxItem) | Where-Object { $_ } | ForEach-Object { (@($_.parameter) | Where-Object { $_ } | ForEach-Object { $_.name }) -join ',' })
            Examples   = [object[]] @(@($help.examples.example) | Where-Object { $_ } | ForEach-Object { ,@([string] $_.code, (Text $_.remarks)) })
        }
        """;

    private readonly Shell _shell;

    public HelpContractTests(Shell shell) => _shell = shell;

    public static TheoryData<string> ExportedCmdlets()
    {
        ScriptBlockAst ast = Parser.ParseFile(ModuleUnderTest.ManifestPath, out _, out ParseError[] errors);
        Assert.Empty(errors);
        var manifest = (Hashtable)ast.Find(node => node is HashtableAst, false)!.SafeGetValue();
        return new TheoryData<string>(((object[])manifest["CmdletsToExport"]!).Cast<string>());
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void HelpDocumentsExactlyTheCmdletsParameters(string name)
    {
        Hashtable help = _shell.Help(name);
        CommandInfo command = _shell.Command(name);

        Assert.Equal(ParameterNames(command.Parameters.Keys), ((string[])help["Parameters"]!).OrderBy(parameter => parameter, StringComparer.Ordinal));
        Assert.Empty((string[])help["Undescribed"]!);
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void HelpHasOneSyntaxPerParameterSetWithThatSetsParameters(string name)
    {
        Hashtable help = _shell.Help(name);
        CommandInfo command = _shell.Command(name);

        string[] expected = command.ParameterSets.Select(set => string.Join(",", ParameterNames(set.Parameters.Select(parameter => parameter.Name)))).OrderBy(set => set, StringComparer.Ordinal).ToArray();
        string[] documented = ((string[])help["Syntax"]!).Select(set => string.Join(",", ParameterNames(set.Split(',', StringSplitOptions.RemoveEmptyEntries)))).OrderBy(set => set, StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, documented);
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void HelpHasASynopsisOfItsOwnAndExamplesWithCodeAndRemarks(string name)
    {
        Hashtable help = _shell.Help(name);

        string synopsis = ((string)help["Synopsis"]!).Trim();
        Assert.False(string.IsNullOrEmpty(synopsis), $"{name} has no synopsis");
        Assert.False(synopsis.StartsWith(name + " ", StringComparison.Ordinal), $"{name}'s synopsis is the generated syntax, so the MAML was not found: {synopsis}");

        object[] examples = (object[])help["Examples"]!;
        Assert.NotEmpty(examples);
        Assert.All(examples.Select(example => (object[])Unwrap(example)), example =>
        {
            Assert.Contains(name, (string)Unwrap(example[0]));
            Assert.False(string.IsNullOrWhiteSpace((string)Unwrap(example[1])), $"an example of {name} has no remarks");
        });
    }

    // Common parameters (-Verbose, -ErrorAction, ...) are documented by <CommonParameters>; -WhatIf and -Confirm are not
    // common parameters in that sense, so a cmdlet that supports them must document them.
    private static string[] ParameterNames(IEnumerable<string> names) =>
        names.Where(parameter => !Cmdlet.CommonParameters.Contains(parameter)).OrderBy(parameter => parameter, StringComparer.Ordinal).ToArray();

    private static object Unwrap(object value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    /// <summary>One runspace with the module imported, shared by the help tests (they only read).</summary>
    public sealed class Shell : IDisposable
    {
        private readonly PowerShellSession _session = new();

        // Get-Help and Get-Command look every cmdlet up, which PowerShellSession records as run: reading help must
        // not count as a runspace test of the cmdlet (ExportedCmdletCoverageTests), so this runspace records nothing.
        public Shell() => _session.Runspace.SessionStateProxy.InvokeCommand.PostCommandLookupAction = null;

        public Hashtable Help(string name)
        {
            RunResult result = _session.Run(ReadHelp, new Hashtable { ["Name"] = name });
            result.AssertNoErrors();
            return (Hashtable)Assert.Single(result.Output).BaseObject;
        }

        public CommandInfo Command(string name)
        {
            RunResult result = _session.Run("param($Name) Get-Command -Name $Name -Module QlikOAuth", new Hashtable { ["Name"] = name });
            result.AssertNoErrors();
            return (CommandInfo)Assert.Single(result.Output).BaseObject;
        }

        public void Dispose() => _session.Dispose();
    }
}
