using Julia.IntegrationTests.TestHost;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Julia.Infrastructure.Configuration;
using Microsoft.Extensions.Configuration;
using Xunit.Abstractions;

namespace Julia.IntegrationTests.Operations;

/// <summary>
/// docker-compose.yml is the customer's runbook deployment (`docker compose ps`, `logs -f api`, `restart worker`…) and
/// .env.example is the file an operator copies to `.env` beside it. No Docker engine runs here, so the compose file is
/// checked the way `docker compose up` would first read it: `docker-compose config` (Debian's docker-compose 1.29) on a
/// copy with .env.example as its .env.
/// </summary>
public sealed partial class ComposeFileTests(ITestOutputHelper output)
{
    static readonly string[] RunbookServices = ["api", "worker", "redis", "evolution", "chatwoot", "chatwoot-sidekiq", "postgres"];

    [Fact]
    public void EnvExampleListsEveryConfigurationVariableByItsCanonicalName()
    {
        var assigned = AssignedNames(File.ReadAllText(Path.Combine(Repository.Root, ".env.example")));

        var missing = EnvironmentVariables.All.Select(v => v.Name).Where(name => !assigned.Contains(name)).ToList();
        Assert.True(missing.Count == 0, $".env.example has no NAME= line for: {string.Join(", ", missing)}");

        var aliases = EnvironmentVariables.All.SelectMany(v => v.Aliases ?? []).Where(assigned.Contains).ToList();
        Assert.True(aliases.Count == 0, $".env.example should use the canonical names, not the aliases: {string.Join(", ", aliases)}");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("production")]
    public void EnvExampleIsAcceptedByTheConfigurationChecks(string? environment)
    {
        var values = AssignmentLine().Matches(File.ReadAllText(Path.Combine(Repository.Root, ".env.example")))
            .ToDictionary(m => m.Groups[1].Value, m => (string?)m.Groups[2].Value.Trim());
        if (environment is not null) values["ENVIRONMENT"] = environment;
        static IReadOnlyList<string> Errors(Dictionary<string, string?> values) =>
            ConfigurationMapper.Map(new ConfigurationBuilder().AddInMemoryCollection(values).Build()).Errors;

        if (environment == "production")
        {
            // Production refuses the file's "troque-me-…" placeholders, each by name; filled in, it is accepted.
            var placeholders = values.Where(v => v.Value?.Contains("troque-me") == true && EnvironmentVariables.All.Any(e => e.Name == v.Key && e.Secret))
                .Select(v => v.Key).Order().ToList();
            Assert.Equal(placeholders, Errors(values).Select(e => e[..e.IndexOf(':')]).Order());
            foreach (var name in placeholders) values[name] = values[name]!.Replace("troque-me", "segredo-gerado-com-openssl-rand");
        }

        var errors = Errors(values);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task ComposeFileIsValidAndHasTheRunbookServices()
    {
        var compose = FindOnPath("docker-compose");
        if (compose is null)
        {
            const string message = "docker-compose is not on PATH (Debian: apt-get install docker-compose); " +
                                   "set JULIA_SKIP_COMPOSE_TEST=1 to skip this check on purpose";
            if (Environment.GetEnvironmentVariable("JULIA_SKIP_COMPOSE_TEST") == "1")
            {
                output.WriteLine($"SKIPPED: {message}");
                return;
            }
            Assert.Fail(message);
        }

        var root = Repository.Root;
        var folder = Directory.CreateTempSubdirectory("julia-compose-");
        try
        {
            File.Copy(Path.Combine(root, "docker-compose.yml"), Path.Combine(folder.FullName, "docker-compose.yml"));
            File.Copy(Path.Combine(root, ".env.example"), Path.Combine(folder.FullName, ".env"));
            var envNames = AssignedNames(File.ReadAllText(Path.Combine(root, ".env.example")));

            var (code, text) = await RunAsync(compose, folder.FullName, envNames, "-f", "docker-compose.yml", "config", "-q");
            Assert.True(code == 0, $"docker-compose config -q exited {code}:\n{text}");

            (code, text) = await RunAsync(compose, folder.FullName, envNames, "-f", "docker-compose.yml", "--profile", "postgres", "config", "--services");
            Assert.True(code == 0, $"docker-compose config --services exited {code}:\n{text}");
            var services = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
            var absent = RunbookServices.Where(s => !services.Contains(s)).ToList();
            Assert.True(absent.Count == 0, $"services missing from docker-compose.yml: {string.Join(", ", absent)}\n{text}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Names given a value on a line of their own (`NAME=…`), comments ignored.</summary>
    static HashSet<string> AssignedNames(string envFile) =>
        AssignmentLine().Matches(envFile).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^([A-Z][A-Z0-9_]*)=(.*)$", RegexOptions.Multiline)]
    private static partial Regex AssignmentLine();

    static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    static async Task<(int Code, string Output)> RunAsync(string program, string directory, IEnumerable<string> envNames, params string[] args)
    {
        var start = new ProcessStartInfo(program, args)
        {
            WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        // The shell's variables win over .env in compose interpolation: only the copied .env may decide here.
        foreach (var name in envNames) start.Environment.Remove(name);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("COMPOSE_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        var (code, stdout, stderr) = await ChildProcess.RunAsync(start, null, TimeSpan.FromMinutes(2));
        return (code, stdout + stderr);
    }

}
