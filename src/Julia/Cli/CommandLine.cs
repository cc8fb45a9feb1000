namespace Julia.Cli;

/// <summary>The parsed command line: a verb and its options. Bad input yields an error text and exit code 2.</summary>
internal sealed partial record CommandLine(string Verb, IReadOnlyDictionary<string, string> Options, string? Error)
{
    /// <summary>`--NAME=value` pairs that set configuration for this run (same names as the environment variables).</summary>
    public IReadOnlyList<string> ConfigurationOverrides { get; init; } = [];

    // Generic host settings that the ASP.NET test host passes as arguments.
    static readonly HashSet<string> HostSettings = new(StringComparer.OrdinalIgnoreCase) { "contentRoot", "applicationName", "environment", "urls" };

    // Configuration sections ("Agent", "Queue"…): hosts pass a section's own key, with an empty value, beside its children.
    static readonly HashSet<string> Sections = Julia.Infrastructure.Configuration.EnvironmentVariables.All
        .Select(v => v.Key.Split(':')[0]).Append("Jobs").ToHashSet(StringComparer.OrdinalIgnoreCase);

    static readonly Dictionary<string, string[]> VerbOptions = new()
    {
        ["serve"] = ["--role", "--seed-demo"],
        ["migrate"] = [],
        ["seed-demo"] = [],
        ["chat"] = ["--telefone", "--nome"],
        ["limpeza"] = ["--dry-run"],
        ["titular exportar"] = ["--telefone", "--saida", "--solicitado-por"],
        ["titular apagar"] = ["--telefone", "--motivo", "--solicitado-por", "--sim"],
        ["avaliar-prompt"] = ["--prompt", "--conversas", "--saida"],
        ["help"] = [],
    };

    static readonly HashSet<string> Flags = ["--seed-demo", "--dry-run", "--sim"];

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        // A section named by a Section:Key override may also come alone, empty (`--Notifications=`), as hosts pass it.
        var sections = args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.IndexOf(':') > 2 && a.IndexOf(':') < (a.IndexOf('=') is var e and > 0 ? e : int.MaxValue))
            .Select(a => a[2..a.IndexOf(':')]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool IsOverride(string a) => IsConfigurationOverride(a) || (a.EndsWith('=') && a.StartsWith("--", StringComparison.Ordinal) && sections.Contains(a[2..^1]));
        var overrides = args.Where(IsOverride).ToList();
        var rest = args.Where(a => !IsOverride(a)).ToList();
        return ParseVerb(rest) with { ConfigurationOverrides = overrides };
    }

    static bool IsConfigurationOverride(string arg)
    {
        if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.IndexOf('=') is var eq && eq < 3) return false;
        var name = arg[2..arg.IndexOf('=')];
        // Section:Key names set internal settings directly (tests, tuning); plain names must be documented variables.
        return HostSettings.Contains(name) || name.Contains(':') || Sections.Contains(name) ||
               Julia.Infrastructure.Configuration.EnvironmentVariables.All.Any(v => v.AllNames.Contains(name, StringComparer.Ordinal));
    }

    static CommandLine ParseVerb(IReadOnlyList<string> args)
    {
        if (args.Count == 0) return new("serve", new Dictionary<string, string>(), null);
        var verb = args[0];
        if (verb is "--help" or "-h" or "help") return new("help", new Dictionary<string, string>(), null);
        var first = 1;
        if (verb == "titular")
        {
            // Two words: `julia titular exportar|apagar …`.
            if (args.Count < 2 || args[1] is not ("exportar" or "apagar"))
                return new(verb, new Dictionary<string, string>(), "titular precisa de exportar ou apagar (ex.: julia titular exportar --telefone 5511999990001)");
            verb = $"titular {args[1]}";
            first = 2;
        }
        if (!VerbOptions.TryGetValue(verb, out var allowed))
            return new(verb, new Dictionary<string, string>(), $"comando desconhecido: {verb}");

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = first; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h") return new("help", options, null);
            var (name, value) = arg.Split('=', 2) is [var n, var v] ? (n, (string?)v) : (arg, null);
            if (!allowed.Contains(name)) return new(verb, options, $"opção desconhecida para {verb}: {name}");
            if (Flags.Contains(name)) { options[name] = "true"; continue; }
            value ??= i + 1 < args.Count ? args[++i] : null;
            if (value is null) return new(verb, options, $"{name} precisa de um valor");
            options[name] = value;
        }
        if (verb.StartsWith("titular ", StringComparison.Ordinal) && !options.ContainsKey("--telefone"))
            return new(verb, options, $"{verb} precisa de --telefone (ex.: julia {verb} --telefone 5511999990001)");
        if (verb == "chat" && !options.ContainsKey("--telefone"))
            return new(verb, options, "chat precisa de --telefone (ex.: julia chat --telefone 5511999990001)");
        if (verb == "avaliar-prompt" && !options.ContainsKey("--prompt"))
            return new(verb, options, "avaliar-prompt precisa de --prompt (ex.: julia avaliar-prompt --prompt persona.md)");
        if (verb == "avaliar-prompt" && options.TryGetValue("--conversas", out var wanted) &&
            !(int.TryParse(wanted, out var count) && count is >= 1 and <= Julia.PromptReview.PromptReviewRunner.MaxConversations))
            return new(verb, options, $"--conversas precisa ser um número de 1 a {Julia.PromptReview.PromptReviewRunner.MaxConversations} (recebido: {wanted})");
        if (verb == "serve" && options.TryGetValue("--role", out var role) && role is not ("api" or "worker" or "all"))
            return new(verb, options, $"--role precisa ser api, worker ou all (recebido: {role})");
        return new(verb, options, null);
    }

    /// <summary>
    /// The usage line of one verb, for the line after a usage error: "Uso: julia limpeza [--dry-run] (julia --help lista
    /// todos os comandos)"; for a verb that does not exist, the list of verbs.
    /// </summary>
    public static string UsageOf(string verb)
    {
        var lines = Usage.Split('\n').Select(l => l.TrimEnd()).ToList();
        var own = lines.Where(l => l.TrimStart().StartsWith($"julia {verb} ", StringComparison.Ordinal) || l.Trim() == $"julia {verb}")
            .Select(l => Gap().Split(l.Trim())[0]).ToList();
        return own.Count > 0
            ? $"Uso: {string.Join(" | ", own)} (julia --help mostra todos os comandos)"
            : $"Uso: julia <comando> — comandos: {string.Join(", ", VerbOptions.Keys.Where(v => v != "help"))} (julia --help mostra o uso de cada um)";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\s{3,}")]
    private static partial System.Text.RegularExpressions.Regex Gap();

    public const string Usage = """
        Júlia — agente de escalas no WhatsApp

        Uso:
          julia serve [--role api|worker|all] [--seed-demo]   sobe a API e/ou o worker (padrão: all)
          julia migrate                                      aplica as migrações do banco e sai
          julia seed-demo                                    carrega os dados de demonstração (idempotente) e sai
          julia chat --telefone 5511… [--nome "Dr. Teste"]    conversa com a Júlia como esse médico, pelo pipeline real
          julia limpeza [--dry-run]                          retenção agora (RETENCAO_*), em lotes de 1.000; --dry-run só conta
          julia titular exportar --telefone 5511… [--saida arquivo.json]
                                                             LGPD: tudo o que a Júlia guarda do médico, em um JSON
          julia titular apagar --telefone 5511… [--motivo "…"] [--sim]
                                                             LGPD: apaga/anonimiza os dados do médico (sem volta); num
                                                             terminal pede confirmação, salvo --sim
          julia avaliar-prompt --prompt persona.md [--conversas 50] [--saida relatorio.html]
                                                             reproduz as últimas conversas com o prompt candidato (só leitura)
                                                             e compara as notas do avaliador num relatório HTML
          julia --help                                       mostra esta ajuda

        Qualquer variável de configuração também pode ser passada como --NOME=valor (ex.: --PORT=8001).

        Opções de serve:
          --role       api (webhooks, admin, respostas), worker (fila proativa, jobs) ou all
          --seed-demo  carrega os dados de demonstração se o banco estiver vazio

        Opções de titular: --solicitado-por "nome" (vai para a auditoria solicitacoes_titular; padrão cli:<usuário>).

        Configuração por variáveis de ambiente (DATABASE_URL, REDIS_URL, …): veja README.md.
        Códigos de saída: 0 ok, 1 configuração inválida, falha ou médico não encontrado, 2 uso incorreto,
        3 titular apagar: apagado no banco, mas o Chatwoot falhou (apague o contato lá à mão).
        """;
}
