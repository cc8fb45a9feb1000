using Julia.Infrastructure.Configuration;
using Microsoft.Extensions.Configuration;

namespace Julia.UnitTests.Infrastructure.Configuration;

/// <summary>LLM_PROVIDER and the variables that depend on it (docs/decisions.md#model-provider).</summary>
public sealed class ModelProviderConfigurationTests
{
    static MappedConfiguration Map(params (string Key, string Value)[] values) =>
        ConfigurationMapper.Map(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    static readonly (string, string)[] Minimal = [("DATABASE_URL", "postgres://u:p@localhost:5432/julia"), ("REDIS_URL", "redis://localhost:6379/0")];

    static readonly (string, string)[] Production =
    [
        .. Minimal, ("ENVIRONMENT", "production"), ("EVOLUTION_URL", "https://evo.example.com"), ("EVOLUTION_API_KEY", "k"),
        ("EVOLUTION_WEBHOOK_TOKEN", "token-webhook-evolution-de-teste"), ("ADMIN_API_TOKEN", "token-admin-de-teste-longo"),
        ("CHATWOOT_WEBHOOK_TOKEN", "token-webhook-chatwoot-de-teste"), ("LGPD_SEGREDO", "segredo-lgpd-de-teste-longo"),
    ];

    static IReadOnlyList<string> Names(MappedConfiguration m) => m.Errors.Select(e => e[..e.IndexOf(':')]).ToList();

    [Fact]
    public void TheDefaultProviderIsAnthropicWithOpenAIsPublicEndpoint()
    {
        var result = Map(Minimal);

        Assert.Empty(result.Errors);
        Assert.Equal("anthropic", result.Values["Agent:Provider"]);
        Assert.Equal("https://api.openai.com/v1", result.Values["Agent:OpenAIBaseUrl"]);
    }

    [Theory]
    [InlineData("gemini")]
    [InlineData("azure")]
    [InlineData("open ai")]
    public void AnUnknownProviderIsAStartupErrorNamingTheVariable(string provider)
    {
        var error = Assert.Single(Map([.. Minimal, ("LLM_PROVIDER", provider)]).Errors);

        Assert.Equal("LLM_PROVIDER: precisa ser um de: anthropic, openai", error);
    }

    [Fact]
    public void OpenAIWithoutLlmModelIsOneLineNamingIt()
    {
        var error = Assert.Single(Map([.. Minimal, ("LLM_PROVIDER", "openai"), ("OPENAI_BASE_URL", "http://localhost:11434/v1")]).Errors);

        Assert.StartsWith("LLM_MODEL: obrigatória com LLM_PROVIDER=openai", error);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void OpenAIWithAModelMapsItsVariablesAndTheProviderIsCaseInsensitive()
    {
        var result = Map([.. Minimal, ("LLM_PROVIDER", "OpenAI"), ("LLM_MODEL", "gpt-4o-mini"), ("OPENAI_API_KEY", "sk-x"),
            ("OPENAI_BASE_URL", "https://julia-rg.openai.azure.com/openai/v1/")]);

        Assert.Empty(result.Errors);
        Assert.Equal(("gpt-4o-mini", "sk-x", "https://julia-rg.openai.azure.com/openai/v1/"),
            (result.Values["Agent:Model"], result.Values["Agent:OpenAIApiKey"], result.Values["Agent:OpenAIBaseUrl"]));
    }

    [Fact]
    public void AnInvalidOpenAIBaseUrlIsRefusedByName()
    {
        var result = Map([.. Minimal, ("LLM_PROVIDER", "openai"), ("LLM_MODEL", "m"), ("OPENAI_BASE_URL", "localhost:11434/v1")]);

        Assert.StartsWith("OPENAI_BASE_URL:", Assert.Single(result.Errors));
    }

    [Fact]
    public void AnthropicNeedsNoLlmModelAndNoOpenAIKeyInProduction()
    {
        var result = Map([.. Production]);

        Assert.Equal(["ANTHROPIC_API_KEY"], Names(result));
        Assert.Empty(Map([.. Production, ("ANTHROPIC_API_KEY", "sk-ant-x")]).Errors);
    }

    [Fact]
    public void ProductionWithOpenAIRequiresItsKeyAndNotAnthropics()
    {
        var result = Map([.. Production, ("LLM_PROVIDER", "openai"), ("LLM_MODEL", "gpt-4o-mini")]);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("OPENAI_API_KEY: obrigatória com ENVIRONMENT=production e LLM_PROVIDER=openai", error);
        Assert.Empty(Map([.. Production, ("LLM_PROVIDER", "openai"), ("LLM_MODEL", "gpt-4o-mini"), ("OPENAI_API_KEY", "sk-x")]).Errors);
    }
}
