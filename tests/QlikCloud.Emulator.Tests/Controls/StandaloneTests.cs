using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace QlikCloud.Emulator.Tests.Controls;

public sealed class StandaloneTests
{
    private static string EmulatorDll => Path.Combine(AppContext.BaseDirectory, "QlikCloud.Emulator.dll");

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(EmulatorDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        return Process.Start(start)!;
    }

    [Fact]
    public async Task ExePrintsItsRealPortAndServesTheTenant()
    {
        using var process = Start("--urls", "http://127.0.0.1:0", "--admin-api-key", "standalone-key", "--test-controls", "--tier1-limit", "50");
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var match = Regex.Match(line ?? "", @"^QlikCloud\.Emulator listening on (http://127\.0\.0\.1:(\d+))$");
            Assert.True(match.Success, line);
            Assert.NotEqual("0", match.Groups[2].Value);
            using var http = new HttpClient();
            http.DefaultRequestHeaders.Authorization = new("Bearer", "standalone-key");
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{match.Groups[1].Value}/api/v1/users/me")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{match.Groups[1].Value}/_emulator/requests")).StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task TenantsOptionPrintsEveryTenantsUrlOnConsecutivePortsAndServesEach()
    {
        using var process = Start("--urls", "http://127.0.0.1:0", "--admin-api-key", "fleet-key", "--tenants", "3");
        try
        {
            var urls = new List<string>();
            for (var i = 1; i <= 3; i++)
            {
                var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
                var match = Regex.Match(line ?? "", $@"^QlikCloud\.Emulator tenant {i} of 3 listening on (http://127\.0\.0\.1:(\d+))$");
                Assert.True(match.Success, line);
                urls.Add(match.Groups[1].Value);
            }
            var ports = urls.Select(u => new Uri(u).Port).ToList();
            Assert.Equal([ports[0], ports[0] + 1, ports[0] + 2], ports);
            using var http = new HttpClient();
            http.DefaultRequestHeaders.Authorization = new("Bearer", "fleet-key");
            var tenantIds = new List<string?>();
            foreach (var url in urls)
            {
                var me = await http.GetAsync($"{url}/api/v1/users/me");
                Assert.Equal(HttpStatusCode.OK, me.StatusCode);
                tenantIds.Add((string?)System.Text.Json.Nodes.JsonNode.Parse(await me.Content.ReadAsStringAsync())!["tenantId"]);
            }
            Assert.Equal(3, tenantIds.Distinct().Count());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("many")]
    public async Task TenantsBelowOneOrNotANumberExitsWithCode2(string count)
    {
        using var process = Start("--tenants", count);
        var error = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--help", error);
    }

    [Fact]
    public async Task UnknownOptionExitsWithCode2()
    {
        using var process = Start("--bogus");
        var error = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--bogus", error);
    }

    [Fact]
    public async Task HelpListsEveryOptionTheParserKnowsAndExitsWithCode0()
    {
        using Process process = Start("--help");
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        string parser = File.ReadAllText(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "..", "QlikCloud.Emulator", "Program.cs"));
        string[] known = [.. System.Text.RegularExpressions.Regex.Matches(parser, @"case ""(--[a-z0-9-]+)"":").Select(match => match.Groups[1].Value)];
        Assert.NotEmpty(known);
        Assert.All(known, option => Assert.Contains(option, output));
        Assert.Contains("Usage:", output);
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
