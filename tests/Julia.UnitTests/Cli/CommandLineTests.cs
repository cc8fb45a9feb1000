using Julia.Cli;

namespace Julia.UnitTests.Cli;

public sealed class CommandLineTests
{
    [Fact]
    public void NoArgumentsMeansServeAllRoles()
    {
        var command = CommandLine.Parse([]);
        Assert.Equal("serve", command.Verb);
        Assert.Null(command.Error);
        Assert.False(command.Options.ContainsKey("--role"));
    }

    [Theory]
    [InlineData("serve --role api", "api")]
    [InlineData("serve --role=worker", "worker")]
    [InlineData("serve --role all --seed-demo", "all")]
    public void ServeAcceptsARole(string line, string role)
    {
        var command = CommandLine.Parse(line.Split(' '));
        Assert.Null(command.Error);
        Assert.Equal(role, command.Options["--role"]);
    }

    [Theory]
    [InlineData("deploy")]
    [InlineData("serve --role cron")]
    [InlineData("serve --verbose")]
    [InlineData("migrate --force")]
    [InlineData("serve --role")]
    [InlineData("--bogus")]
    public void UnknownVerbsAndBadFlagsAreUsageErrors(string line) =>
        Assert.NotNull(CommandLine.Parse(line.Split(' ')).Error);

    [Fact]
    public void ConfigurationOverridesUseTheVariableNames()
    {
        var command = CommandLine.Parse(["serve", "--PORT=8001", "--role", "api", "--contentRoot=/srv"]);

        Assert.Null(command.Error);
        Assert.Equal(["--PORT=8001", "--contentRoot=/srv"], command.ConfigurationOverrides);
        Assert.Equal("api", command.Options["--role"]);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("help")]
    [InlineData("serve --help")]
    public void HelpIsRecognised(string line) => Assert.Equal("help", CommandLine.Parse(line.Split(' ')).Verb);

    /// <summary>
    /// The help lists every exit code a verb returns, 3 included (`titular apagar` when Chatwoot failed; docs/runbook.md
    /// "10. LGPD — pedidos do titular"; an operator walk, 2026-12-03: the help stopped at 2).
    /// </summary>
    [Fact]
    public void TheHelpNamesEveryExitCode() =>
        Assert.Matches(@"Códigos de saída: 0 ok, 1 [^\n]*, 2 uso incorreto,\s+3 titular apagar: apagado no banco, mas o Chatwoot falhou", CommandLine.Usage);
}

public sealed class PromptReviewCommandLineTests
{
    [Fact]
    public void AvaliarPromptTakesThePromptTheCountAndTheReport()
    {
        var command = CommandLine.Parse(["avaliar-prompt", "--prompt", "p.md", "--conversas=20", "--saida", "r.html"]);

        Assert.Null(command.Error);
        Assert.Equal(("p.md", "20", "r.html"), (command.Options["--prompt"], command.Options["--conversas"], command.Options["--saida"]));
    }

    [Theory]
    [InlineData("avaliar-prompt")]
    [InlineData("avaliar-prompt --conversas 5")]
    [InlineData("avaliar-prompt --prompt p.md --conversas 0")]
    [InlineData("avaliar-prompt --prompt p.md --conversas 501")]
    [InlineData("avaliar-prompt --prompt p.md --conversas muitas")]
    [InlineData("avaliar-prompt --prompt p.md --dry-run")]
    public void AvaliarPromptWithoutAPromptOrWithABadCountIsAUsageError(string line) =>
        Assert.NotNull(CommandLine.Parse(line.Split(' ')).Error);
}
