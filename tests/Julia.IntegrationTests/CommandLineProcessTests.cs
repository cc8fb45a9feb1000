using Julia.IntegrationTests.Infrastructure;

namespace Julia.IntegrationTests;

/// <summary>The `julia` program as an operator runs it: exit codes and one-line messages.</summary>
public sealed class CommandLineProcessTests
{
    static readonly Dictionary<string, string> NoDatabase = new() { ["REDIS_URL"] = "redis://127.0.0.1:6399/0" };

    [Fact]
    public async Task MissingDatabaseUrlStopsWithOneLineAndNonZeroExit()
    {
        var (exit, _, stderr) = await JuliaProcess.RunAsync(NoDatabase, "serve");

        Assert.Equal(1, exit);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("DATABASE_URL", line);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task SupabaseUrlAloneGetsThePointerToTheConnectionString()
    {
        var env = new Dictionary<string, string>(NoDatabase) { ["SUPABASE_URL"] = "https://abc.supabase.co", ["SUPABASE_KEY"] = "eyJ-segredo" };

        var (exit, stdout, stderr) = await JuliaProcess.RunAsync(env, "migrate");

        Assert.Equal(1, exit);
        Assert.Contains("DATABASE_URL", stderr);
        Assert.Contains("Supabase", stderr);
        Assert.DoesNotContain("eyJ-segredo", stderr + stdout);
    }

    [Fact]
    public async Task WrongPasswordInDatabaseUrlIsNeverPrinted()
    {
        var env = new Dictionary<string, string> { ["DATABASE_URL"] = "postgres://u:senha-secreta@:1/x", ["REDIS_URL"] = "redis://127.0.0.1:6399" };

        var (exit, stdout, stderr) = await JuliaProcess.RunAsync(env, "serve");

        Assert.Equal(1, exit);
        Assert.Contains("DATABASE_URL", stderr);
        Assert.DoesNotContain("senha-secreta", stderr + stdout);
    }

    [Theory]
    [InlineData("deploy")]
    [InlineData("serve", "--role", "cron")]
    [InlineData("migrate", "--force")]
    public async Task UnknownVerbsAndBadFlagsPrintUsageAndExit2(params string[] args)
    {
        var (exit, _, stderr) = await JuliaProcess.RunAsync(NoDatabase, args);

        Assert.Equal(2, exit);
        Assert.Contains("Uso:", stderr);
    }

    [Fact]
    public async Task HelpListsTheVerbs()
    {
        var (exit, stdout, _) = await JuliaProcess.RunAsync(NoDatabase, "--help");

        Assert.Equal(0, exit);
        Assert.Contains("julia serve", stdout);
        Assert.Contains("julia migrate", stdout);
        Assert.Contains("julia seed-demo", stdout);
    }
}
