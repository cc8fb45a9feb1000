using System.Globalization;

namespace Julia.Infrastructure.Configuration;

/// <summary>
/// Reads the operator's variables (environment, command line or test settings), checks each one, and returns
/// the configuration keys the options classes bind to. Error texts name the variable and never echo a secret.
/// </summary>
internal static class ConfigurationMapper
{
    public static MappedConfiguration Map(IConfiguration raw)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var errors = new List<string>();
        foreach (var variable in EnvironmentVariables.All)
        {
            var value = ReadOne(raw, variable, errors);
            if (value is null) continue;
            if (ValueValidator.Check(variable, value) is { } problem)
                errors.Add($"{variable.Name}: {problem}");
            else
                values[variable.Key] = ValueValidator.Canonical(variable, value);
        }

        var production = string.Equals(values.GetValueOrDefault("App:Environment"), "production", StringComparison.OrdinalIgnoreCase);
        CheckRequired(values, errors, production);
        CheckTogether(values, errors);
        return new MappedConfiguration(values, errors);
    }

    /// <summary>Values each valid alone that do not fit together (an outside pass, 2026-12-02: all were accepted).</summary>
    static void CheckTogether(Dictionary<string, string?> values, List<string> errors)
    {
        decimal? Number(string key) => decimal.TryParse(values.GetValueOrDefault(key), System.Globalization.NumberStyles.Number,
            System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
        var openai = string.Equals(values.GetValueOrDefault("Agent:Provider"), "openai", StringComparison.OrdinalIgnoreCase);
        // Anthropic's Messages API takes 0–1 (a 5 failed every call, and every doctor got the holding message); OpenAI's 0–2.
        if (Number("Agent:Temperature") is { } temperature && (temperature < 0 || temperature > (openai ? 2 : 1)))
            errors.Add($"LLM_TEMPERATURE: precisa estar entre 0 e {(openai ? 2 : 1)} com LLM_PROVIDER={(openai ? "openai" : "anthropic")}");
        if (Number("Queue:MinIntervalSeconds") is { } min && Number("Queue:MaxIntervalSeconds") is { } max and > 0 && min > max)
            errors.Add("INTERVALO_MIN_SEGUNDOS: maior que INTERVALO_MAX_SEGUNDOS (o intervalo é sorteado entre os dois; 0 no máximo desliga)");
        if (Number("Conversations:MaxMessageChars") is { } shown && Number("Conversations:TruncateAboveChars") is { } truncate && shown > truncate)
            errors.Add("MAX_MENSAGEM_CHARS: maior que MAX_MENSAGEM_CHARS_TRUNCAR (acima dele o texto já foi cortado)");
        // The window does not cross midnight: 20:00–08:00 was accepted and left every proactive send, campaign and
        // follow-up waiting for an opening that never came, without a word (an audit, 2026-12-03). Equal is "all day".
        if (TimeOnly.TryParse(values.GetValueOrDefault("BusinessHours:Start"), System.Globalization.CultureInfo.InvariantCulture, out var opens)
            && TimeOnly.TryParse(values.GetValueOrDefault("BusinessHours:End"), System.Globalization.CultureInfo.InvariantCulture, out var closes)
            && opens > closes)
            errors.Add("HORARIO_INICIO: depois de HORARIO_FIM (o horário comercial não atravessa a meia-noite; HORARIO_INICIO = HORARIO_FIM é o dia todo)");
        if (Number("Conversations:TruncateAboveChars") is { } cut && Number("Conversations:RejectAboveChars") is { } reject && cut > reject)
            errors.Add("MAX_MENSAGEM_CHARS_TRUNCAR: maior que MAX_MENSAGEM_CHARS_REJEITAR");
    }

    static string? ReadOne(IConfiguration raw, EnvironmentVariable variable, List<string> errors)
    {
        var given = variable.AllNames
            .Select(name => (name, value: raw[name]))
            .Where(p => !string.IsNullOrWhiteSpace(p.value))
            .ToList();
        if (given.Select(p => p.value!.Trim()).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            errors.Add($"{variable.Name}: definida também como {string.Join(", ", given.Skip(1).Select(p => p.name))} com outro valor; use só {variable.Name}");
            return null;
        }
        return given.Count > 0 ? given[0].value!.Trim() : variable.Default;
    }

    const string PlaceholderPrefix = "troque-me";
    const int MinOwnSecretLength = 16;

    /// <summary>Secrets the operator makes up (not a provider's key): a guessable one opens the admin, LGPD and webhook endpoints.</summary>
    static readonly HashSet<string> OwnSecrets = ["ADMIN_API_TOKEN", "EVOLUTION_WEBHOOK_TOKEN", "CHATWOOT_WEBHOOK_TOKEN", "LGPD_SEGREDO"];

    static void CheckRequired(Dictionary<string, string?> values, List<string> errors, bool production)
    {
        bool Has(string key) => !string.IsNullOrWhiteSpace(values.GetValueOrDefault(key));
        if (!Has("Database:Url") && !errors.Any(e => e.StartsWith("DATABASE_URL", StringComparison.Ordinal)))
        {
            errors.Add(Has("Supabase:Url")
                ? "DATABASE_URL: obrigatória. SUPABASE_URL sozinha não basta: Júlia fala direto com o Postgres. Copie a connection string em Supabase → Project Settings → Database → Connection string (URI) e defina DATABASE_URL"
                : "DATABASE_URL: obrigatória (ex.: postgres://usuario:senha@localhost:5432/julia); ./run.sh define uma local quando ausente");
        }
        if (!Has("Redis:Url") && !errors.Any(e => e.StartsWith("REDIS_URL", StringComparison.Ordinal)))
            errors.Add("REDIS_URL: obrigatória (ex.: redis://localhost:6379/0); ./run.sh define uma local quando ausente");
        foreach (var variable in EnvironmentVariables.All.Where(v => v.Required && Applies(v) && !Has(v.Key) && !Refused(v)))
            errors.Add($"{variable.Name}: obrigatória{Condition(variable, " com ")}{Hint(variable)}");
        if (!production) return;
        foreach (var variable in EnvironmentVariables.All.Where(v => v.RequiredInProduction && !v.Required && Applies(v) && !Has(v.Key) && !Refused(v)))
            errors.Add($"{variable.Name}: obrigatória com ENVIRONMENT=production{Condition(variable, " e ")}{Hint(variable)}");
        // .env.example's placeholders and one-letter tokens guard the LGPD and admin endpoints of a public port: never in production.
        foreach (var variable in EnvironmentVariables.All.Where(v => (v.Secret || v.Name == "DATABASE_URL") && Has(v.Key)))
        {
            var value = values[variable.Key]!;
            if (value.Contains(PlaceholderPrefix, StringComparison.OrdinalIgnoreCase))
                errors.Add($"{variable.Name}: ainda tem o valor de exemplo do .env.example (\"{PlaceholderPrefix}…\"); com ENVIRONMENT=production use o segredo de verdade (gere um com: openssl rand -hex 24)");
            else if (OwnSecrets.Contains(variable.Name) && value.Trim().Length < MinOwnSecretLength)
                errors.Add($"{variable.Name}: curta demais para produção (mínimo {MinOwnSecretLength} caracteres; gere com: openssl rand -hex 24)");
        }

        // A variable given with a value that was refused is already named for that value: adding "obrigatória" told an
        // operator who had set EVOLUTION_URL (without its scheme, or also as EVOLUTION_API_URL) that it was missing.
        bool Refused(EnvironmentVariable v) => errors.Any(e => e.StartsWith(v.Name + ":", StringComparison.Ordinal));
        // OnlyWith names a variable; its value is compared as validated (a Choice is case-insensitive).
        bool Applies(EnvironmentVariable v) => v.OnlyWith is not { } when ||
            string.Equals(values.GetValueOrDefault(EnvironmentVariables.All.Single(o => o.Name == when.Name).Key), when.Value, StringComparison.OrdinalIgnoreCase);
        static string Condition(EnvironmentVariable v, string joiner) => v.OnlyWith is { } when ? $"{joiner}{when.Name}={when.Value}" : "";
        static string Hint(EnvironmentVariable v) => v.Hint is null ? "" : $" ({v.Hint})";
    }
}

/// <summary>ASP.NET Core's hosting environment follows ENVIRONMENT, so logs and the banner agree.</summary>
internal static class HostingEnvironment
{
    /// <summary>"Production", "Staging", "Development", "Test" from ENVIRONMENT (argument or variable), or null to keep the host's own.</summary>
    public static string? FromArguments(string[] args)
    {
        // The host's own --environment (test hosts pass one) wins: changing it after the fact is not allowed.
        if (args.Any(a => a.StartsWith("--environment=", StringComparison.OrdinalIgnoreCase))) return null;
        var given = args.LastOrDefault(a => a.StartsWith("--ENVIRONMENT=", StringComparison.Ordinal))?["--ENVIRONMENT=".Length..]
                    ?? System.Environment.GetEnvironmentVariable("ENVIRONMENT");
        return given?.Trim().ToLowerInvariant() switch
        {
            "production" => "Production",
            "staging" => "Staging",
            "development" => "Development",
            "test" => "Test",
            _ => null,
        };
    }
}

internal sealed record MappedConfiguration(IReadOnlyDictionary<string, string?> Values, IReadOnlyList<string> Errors);

/// <summary>Thrown at start-up when configuration is unusable; the CLI prints one line per problem and exits 1.</summary>
internal sealed class ConfigurationException(IReadOnlyList<string> problems)
    : Exception(string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
