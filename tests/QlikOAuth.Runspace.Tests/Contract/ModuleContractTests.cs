using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Reflection;
using System.Runtime.Loader;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Contract;

/// <summary>The promises the module makes by its shape: manifest, verbs, output types, ShouldProcess, isolation.</summary>
public sealed class ModuleContractTests : IDisposable
{
    private static readonly string[] StateChangingVerbs = { "New", "Set", "Remove", "Publish", "Revoke" };
    private readonly PowerShellSession _shell = new();

    public void Dispose() => _shell.Dispose();

    [Fact]
    public void TheManifestExportsExactlyTheCmdletsTheAssemblyDefines()
    {
        string[] declared = ((object[])Manifest()["CmdletsToExport"]!).Cast<string>().OrderBy(name => name).ToArray();

        Assert.Equal(declared, CmdletTypes().Select(type => NameOf(type)).OrderBy(name => name).ToArray());
    }

    [Fact]
    public void TheBuiltManifestCarriesTheAssemblyVersion()
    {
        Version assemblyVersion = ModuleAssembly().GetName().Version!;

        Assert.Equal(assemblyVersion.ToString(3), (string)Manifest()["ModuleVersion"]!);
    }

    [Fact]
    public void EveryCmdletUsesAnApprovedVerbAndDeclaresItsOutput()
    {
        var approved = new[] { typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic), typeof(VerbsLifecycle), typeof(VerbsOther), typeof(VerbsSecurity) }
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Select(field => (string)field.GetValue(null)!)
            .ToHashSet();

        Assert.All(CmdletTypes(), type =>
        {
            Assert.Contains(type.GetCustomAttribute<CmdletAttribute>()!.VerbName, approved);
            Assert.True(type.GetCustomAttributes<OutputTypeAttribute>().Any(), $"{NameOf(type)} has no [OutputType]");
        });
    }

    [Fact]
    public void EveryCmdletThatChangesTheTenantSupportsWhatIfAndDeletesAskFirst()
    {
        Assert.All(CmdletTypes().Where(type => StateChangingVerbs.Contains(type.GetCustomAttribute<CmdletAttribute>()!.VerbName)), type =>
        {
            CmdletAttribute cmdlet = type.GetCustomAttribute<CmdletAttribute>()!;
            Assert.True(cmdlet.SupportsShouldProcess, $"{NameOf(type)} does not support -WhatIf");
            if (cmdlet.VerbName == "Remove")
            {
                Assert.Equal(ConfirmImpact.High, cmdlet.ConfirmImpact);
                Assert.NotNull(type.GetProperty("Force"));
            }
        });
    }

    [Fact]
    public void EveryCmdletButConnectAndGetSessionTakesTheSessionByPropertyName()
    {
        string[] sessionless = { "Connect-QlikTenant", "Get-QlikSession", "New-QlikOAuthKey" };
        Assert.All(CmdletTypes().Where(type => !sessionless.Contains(NameOf(type))), type =>
        {
            PropertyInfo? session = type.GetProperty("Session");
            Assert.True(session != null, $"{NameOf(type)} has no -Session");
            // An array: the cmdlets that act across tenants take several; the others refuse more than one (SessionNotSingle).
            Assert.Equal("QlikOAuth.QlikSession[]", session!.PropertyType.FullName);
            Assert.Contains(session.GetCustomAttributes<ParameterAttribute>(), parameter => parameter.ValueFromPipelineByPropertyName);
        });
    }

    [Fact]
    public void ConnectQlikTenantHasTheApiKeyOAuthClientAndInteractiveParameterSets()
    {
        CommandInfo connect = _shell.Run("Get-Command Connect-QlikTenant").Output.Select(item => (CommandInfo)item.BaseObject).Single();

        Assert.Equal("ApiKey", connect.ParameterSets.Single(set => set.IsDefault).Name);
        Assert.Equal(new[] { "ApiKey", "Interactive", "OAuthClient" }, connect.ParameterSets.Select(set => set.Name).OrderBy(name => name));
        Assert.Equal(new[] { "ApiKey", "TenantUrl" }, MandatoryIn(connect, "ApiKey"));
        Assert.Equal(new[] { "Credential", "TenantUrl" }, MandatoryIn(connect, "OAuthClient"));
        Assert.Equal(new[] { "ClientId", "RedirectUri", "TenantUrl" }, MandatoryIn(connect, "Interactive"));
        Assert.Equal(typeof(System.Security.SecureString), connect.Parameters["ClientSecret"].ParameterType);
        Assert.Equal(typeof(System.Security.SecureString), connect.Parameters["ApiKey"].ParameterType);
        Assert.Equal(typeof(PSCredential), connect.Parameters["Credential"].ParameterType);
    }

    [Fact]
    public void TheEngineLoadsInTheModulesOwnContextNotBesideOtherModules()
    {
        _shell.Run("Connect-QlikTenant -TenantUrl http://127.0.0.1:1 -ApiKey ([securestring]::new()) -ErrorAction SilentlyContinue");

        Assembly engine = AppDomain.CurrentDomain.GetAssemblies().Single(assembly => assembly.GetName().Name == "QlikOAuth.Engine");
        Assert.Equal("QlikOAuth", AssemblyLoadContext.GetLoadContext(engine)!.Name);
        Assert.StartsWith(Path.Combine(Path.GetDirectoryName(ModuleUnderTest.ManifestPath)!, "dependencies"), engine.Location);
    }

    [Fact]
    public void TheLayoutShipsNoPowerShellAssembly()
    {
        string moduleDirectory = Path.GetDirectoryName(ModuleUnderTest.ManifestPath)!;

        Assert.Empty(Directory.GetFiles(moduleDirectory, "System.Management.Automation.dll", SearchOption.AllDirectories));
        Assert.True(File.Exists(Path.Combine(moduleDirectory, "dependencies", "QlikOAuth.Engine.dll")));
        Assert.False(File.Exists(Path.Combine(moduleDirectory, "QlikOAuth.Engine.dll")), "the engine must not sit beside the cmdlets, where the default context would find it");
    }

    private Assembly ModuleAssembly() =>
        (Assembly)_shell.Run("(Get-Module QlikOAuth).ImplementingAssembly").Output.Single().BaseObject;

    private IEnumerable<Type> CmdletTypes() =>
        ModuleAssembly().GetExportedTypes().Where(type => type.GetCustomAttribute<CmdletAttribute>() != null);

    private static string NameOf(Type type)
    {
        CmdletAttribute cmdlet = type.GetCustomAttribute<CmdletAttribute>()!;
        return $"{cmdlet.VerbName}-{cmdlet.NounName}";
    }

    private static string[] MandatoryIn(CommandInfo command, string setName) =>
        command.ParameterSets.Single(set => set.Name == setName).Parameters.Where(parameter => parameter.IsMandatory).Select(parameter => parameter.Name).OrderBy(name => name).ToArray();

    private static Hashtable Manifest()
    {
        ScriptBlockAst ast = Parser.ParseFile(ModuleUnderTest.ManifestPath, out _, out ParseError[] errors);
        Assert.Empty(errors);
        return (Hashtable)ast.Find(node => node is HashtableAst, false)!.SafeGetValue();
    }
}
