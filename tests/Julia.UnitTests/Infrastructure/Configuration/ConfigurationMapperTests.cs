using Julia.Infrastructure.Configuration;
using Microsoft.Extensions.Configuration;

namespace Julia.UnitTests.Infrastructure.Configuration;

public sealed class ConfigurationMapperTests
{
    static MappedConfiguration Map(params (string Key, string Value)[] values) =>
        ConfigurationMapper.Map(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    static readonly (string, string)[] Minimal = [("DATABASE_URL", "postgres://u:p@localhost:5432/julia"), ("REDIS_URL", "redis://localhost:6379/0")];

    [Fact]
    public void MinimalConfigurationMapsDefaultsOfSpecSection11()
    {
        var result = Map(Minimal);

        Assert.Empty(result.Errors);
        Assert.Equal("8000", result.Values["Http:Port"]);
        Assert.Equal("4", result.Values["Workers:MaxWorkers"]);
        Assert.Equal("300", result.Values["Cache:TtlSeconds"]);
        Assert.Equal("julia", result.Values["Evolution:Instance"]);
        Assert.Equal("America/Sao_Paulo", result.Values["BusinessHours:TimeZone"]);
        Assert.Equal("Revoluna", result.Values["App:CompanyName"]);
        Assert.False(result.Values.ContainsKey("Evolution:BaseUrl"));
    }

    /// <summary>
    /// Every spelling the check accepts reaches the options as true/false: "HUMANIZAR=0" used to pass the check, start,
    /// and fail every webhook with a 500 when the options were bound (an outside runbook pass, 2026-12-02).
    /// </summary>
    [Theory]
    [InlineData("0", "false")]
    [InlineData("1", "true")]
    [InlineData("sim", "true")]
    [InlineData("não", "false")]
    [InlineData("nao", "false")]
    [InlineData("yes", "true")]
    [InlineData("NO", "false")]
    [InlineData("on", "true")]
    [InlineData("Off", "false")]
    [InlineData("TRUE", "true")]
    public void EveryBooleanSpellingTheCheckAcceptsReachesTheOptionsAsTrueOrFalse(string given, string bound)
    {
        var booleans = EnvironmentVariables.All.Where(v => v.Kind == ValueKind.Boolean).ToList();

        var result = Map([.. Minimal, .. booleans.Select(v => (v.Name, given))]);

        Assert.Empty(result.Errors);
        Assert.NotEmpty(booleans);
        Assert.All(booleans, v => Assert.Equal(bound, result.Values[v.Key]));
        var options = new ConfigurationBuilder().AddInMemoryCollection(result.Values).Build();
        Assert.All(booleans, v => Assert.Equal(bool.Parse(bound), options.GetValue<bool>(v.Key)));
    }

    [Theory]
    [InlineData("TIMEZONE", "Mars/Olympus")]
    [InlineData("REDIS_URL", "http://localhost:6379")]
    [InlineData("REDIS_URL", "https://cache.example.com:6380/0")]
    public void AValueTheProcessCouldNotUseIsRefusedAtStartWithOneLine(string name, string value)
    {
        var result = Map([.. Minimal.Where(m => m.Item1 != name), (name, value)]);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith(name + ":", error);
    }

    [Fact]
    public void MissingDatabaseUrlIsOneLineNamingTheVariable()
    {
        var result = Map(("REDIS_URL", "redis://localhost:6379"));

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("DATABASE_URL:", error);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void SupabaseUrlWithoutDatabaseUrlSaysWhereSupabaseShowsTheConnectionString()
    {
        var result = Map(("SUPABASE_URL", "https://xyz.supabase.co"), ("REDIS_URL", "redis://localhost:6379"));

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("DATABASE_URL:", error);
        Assert.Contains("Connection string", error);
        Assert.Contains("SUPABASE_URL", error);
    }

    [Fact]
    public void InvalidSecretIsRejectedWithoutEchoingItsValue()
    {
        var result = Map(("DATABASE_URL", "postgres://user:s3cr3t-senha@:5432/x"), ("REDIS_URL", "redis://localhost:6379"));

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("DATABASE_URL:", error);
        Assert.DoesNotContain("s3cr3t-senha", error);
    }

    [Theory]
    [InlineData("MAX_WORKERS", "zero")]
    [InlineData("MAX_WORKERS", "0")]
    [InlineData("PORT", "70000")]
    [InlineData("LOG_LEVEL", "LOUD")]
    [InlineData("HUMANIZAR", "talvez")]
    [InlineData("HORARIO_INICIO", "8h")]
    [InlineData("DIAS_UTEIS", "5-1")]
    [InlineData("EVOLUTION_URL", "localhost:8080")]
    [InlineData("ENVIRONMENT", "prod")]
    [InlineData("HOST", "julia.interna")]
    [InlineData("HOST", "127.0.0.1:8000")]
    [InlineData("HOST", "http://0.0.0.0")]
    [InlineData("HOST", "127.1")]
    public void InvalidValuesAreRefusedByName(string variable, string value)
    {
        var result = Map([.. Minimal, (variable, value)]);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith($"{variable}:", error);
    }

    /// <summary>
    /// OpenTelemetry's variables are read by its library, which drops spans and metrics in silence for an endpoint it cannot
    /// use (`collector:4317`, no scheme) or a protocol it does not know: start-up names them instead (docs/decisions.md#configuration).
    /// </summary>
    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "otel-collector")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "grpc://collector:4317")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "http")]
    [InlineData("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "tempo:4317")]
    [InlineData("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "otel-collector/v1/metrics")]
    [InlineData("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", "grpc://collector:4317")]
    [InlineData("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/json")]
    [InlineData("OTEL_EXPORTER_OTLP_METRICS_PROTOCOL", "http")]
    [InlineData("OTEL_EXPORTER_OTLP_LOGS_PROTOCOL", "thrift")]
    public void AnOpenTelemetrySettingItsLibraryCouldNotUseIsRefusedByName(string variable, string value)
    {
        var result = Map([.. Minimal, (variable, value)]);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith($"{variable}:", error);
    }

    /// <summary>The library compares the protocol case-sensitively: what the check accepts reaches it as the library spells it.</summary>
    [Theory]
    [InlineData(" http://collector:4317 ", "GRPC", "http://collector:4317", "grpc")]
    [InlineData("https://otlp.example.com:4318", "HTTP/Protobuf", "https://otlp.example.com:4318", "http/protobuf")]
    public void AnAcceptedOpenTelemetrySettingReachesTheLibraryAsItReadsIt(string endpoint, string protocol, string boundEndpoint, string boundProtocol)
    {
        var result = Map([.. Minimal, ("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint), ("OTEL_EXPORTER_OTLP_PROTOCOL", protocol), ("OTEL_SERVICE_NAME", "julia-staging")]);

        Assert.Empty(result.Errors);
        Assert.Equal((boundEndpoint, boundProtocol, "julia-staging"),
            (result.Values["OTEL_EXPORTER_OTLP_ENDPOINT"], result.Values["OTEL_EXPORTER_OTLP_PROTOCOL"], result.Values["OTEL_SERVICE_NAME"]));
    }

    /// <summary>HOST as the listen URL needs it: an IPv6 address in brackets (`http://::1:8000` was a URL Kestrel could not read).</summary>
    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData(" 0.0.0.0 ", "0.0.0.0")]
    [InlineData("localhost", "localhost")]
    [InlineData("::", "[::]")]
    [InlineData("::1", "[::1]")]
    [InlineData("[::1]", "[::1]")]
    public void AHostThatIsAnAddressReachesTheListenUrlReadyToUse(string given, string bound)
    {
        var result = Map([.. Minimal, ("HOST", given)]);

        Assert.Empty(result.Errors);
        Assert.Equal(bound, result.Values["Http:Host"]);
    }

    [Fact]
    public void AliasIsAcceptedAndConflictingAliasIsAnError()
    {
        Assert.Equal("https://evo.example.com", Map([.. Minimal, ("EVOLUTION_API_URL", "https://evo.example.com")]).Values["Evolution:BaseUrl"]);
        Assert.Equal("tok", Map([.. Minimal, ("CHATWOOT_API_KEY", "tok")]).Values["Chatwoot:ApiToken"]);

        var conflict = Map([.. Minimal, ("EVOLUTION_URL", "https://a.example.com"), ("EVOLUTION_API_URL", "https://b.example.com")]);

        Assert.StartsWith("EVOLUTION_URL:", Assert.Single(conflict.Errors));
    }

    /// <summary>
    /// Production refuses .env.example's "troque-me-…" placeholders and guessable tokens of our own; elsewhere they pass
    /// (an outside pass, 2026-12-02: `ADMIN_API_TOKEN=troque-me-admin` opened the LGPD erase endpoint of a public port).
    /// </summary>
    [Fact]
    public void ProductionRefusesPlaceholderAndShortSecrets()
    {
        (string, string)[] given =
        [
            .. Minimal, ("ADMIN_API_TOKEN", "troque-me-admin"), ("EVOLUTION_WEBHOOK_TOKEN", "a"), ("LGPD_SEGREDO", "segredo-lgpd-de-teste-longo"),
            ("ANTHROPIC_API_KEY", "troque-me-anthropic"), ("EVOLUTION_API_KEY", "k"),
        ];

        var production = Map([.. given, ("ENVIRONMENT", "production")]).Errors;
        var development = Map(given).Errors;

        Assert.Contains(production, e => e.StartsWith("ADMIN_API_TOKEN: ainda tem o valor de exemplo", StringComparison.Ordinal));
        Assert.Contains(production, e => e.StartsWith("ANTHROPIC_API_KEY: ainda tem o valor de exemplo", StringComparison.Ordinal));
        Assert.Contains(production, e => e.StartsWith("EVOLUTION_WEBHOOK_TOKEN: curta demais", StringComparison.Ordinal));
        Assert.DoesNotContain(production, e => e.StartsWith("LGPD_SEGREDO", StringComparison.Ordinal) || e.StartsWith("EVOLUTION_API_KEY", StringComparison.Ordinal));
        Assert.DoesNotContain(production, e => e.Contains("troque-me-admin", StringComparison.Ordinal)); // never the value itself
        Assert.Empty(development);
    }

    /// <summary>Values each valid alone that cannot work together (an outside pass, 2026-12-02: LLM_TEMPERATURE=5 made every model call fail).</summary>
    [Theory]
    [InlineData("LLM_TEMPERATURE", "5", null, null, "LLM_TEMPERATURE")]
    [InlineData("LLM_TEMPERATURE", "1.5", "LLM_PROVIDER", "anthropic", "LLM_TEMPERATURE")]
    [InlineData("INTERVALO_MIN_SEGUNDOS", "200", "INTERVALO_MAX_SEGUNDOS", "100", "INTERVALO_MIN_SEGUNDOS")]
    [InlineData("MAX_MENSAGEM_CHARS", "20000", null, null, "MAX_MENSAGEM_CHARS")]
    [InlineData("HORARIO_INICIO", "20:00", "HORARIO_FIM", "08:00", "HORARIO_INICIO")]
    public void ValuesThatDoNotFitTogetherAreRefused(string name, string value, string? other, string? otherValue, string refused)
    {
        (string, string)[] given = other is null ? [.. Minimal, (name, value)] : [.. Minimal, (name, value), (other, otherValue!)];

        Assert.Contains(Map(given).Errors, e => e.StartsWith(refused + ":", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("LLM_TEMPERATURE", "1.5", "LLM_PROVIDER", "openai")]
    [InlineData("INTERVALO_MIN_SEGUNDOS", "200", "INTERVALO_MAX_SEGUNDOS", "0")]
    [InlineData("HORARIO_INICIO", "00:00", "HORARIO_FIM", "00:00")] // equal: all day
    [InlineData("HORARIO_INICIO", "09:00", "HORARIO_FIM", "18:00")]
    public void ValuesThatFitTogetherPass(string name, string value, string other, string otherValue) =>
        Assert.DoesNotContain(Map([.. Minimal, (name, value), (other, otherValue), ("LLM_MODEL", "m")]).Errors, e => e.StartsWith(name + ":", StringComparison.Ordinal));

    [Fact]
    public void ProductionRequiresTheRunbookIntegrations()
    {
        var result = Map([.. Minimal, ("ENVIRONMENT", "production")]);

        var names = result.Errors.Select(e => e[..e.IndexOf(':')]).ToHashSet();
        Assert.Contains("ANTHROPIC_API_KEY", names);
        Assert.Contains("EVOLUTION_URL", names);
        Assert.Contains("EVOLUTION_API_KEY", names);
        Assert.Contains("EVOLUTION_WEBHOOK_TOKEN", names);
        Assert.Contains("ADMIN_API_TOKEN", names);
        Assert.DoesNotContain("SUPABASE_URL", names);
    }
}
