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
