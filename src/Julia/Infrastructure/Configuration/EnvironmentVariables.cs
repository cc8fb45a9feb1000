namespace Julia.Infrastructure.Configuration;

/// <summary>
/// The single table that maps the runbook's variable names (docs/decisions.md#configuration) onto configuration keys.
/// Features bind their options classes to the keys; nothing else reads the environment.
/// </summary>
internal static class EnvironmentVariables
{
    public static readonly IReadOnlyList<EnvironmentVariable> All =
    [
        // Infrastructure
        new("DATABASE_URL", "Database:Url", ValueKind.PostgresUrl, Secret: true),
        new("SUPABASE_URL", "Supabase:Url", ValueKind.Url),
        new("SUPABASE_KEY", "Supabase:Key", Aliases: ["SUPABASE_SERVICE_KEY"], Secret: true),
        new("REDIS_URL", "Redis:Url", ValueKind.RedisUrl, Secret: true),
        new("PORT", "Http:Port", ValueKind.Integer, "8000", Min: 1, Max: 65535),
        new("HOST", "Http:Host", ValueKind.ListenHost, "127.0.0.1"),
        new("LOG_LEVEL", "Log:Level", ValueKind.LogLevel, "INFO"),
        new("MAX_WORKERS", "Workers:MaxWorkers", ValueKind.Integer, "4", Min: 1, Max: 256),
        new("CACHE_TTL", "Cache:TtlSeconds", ValueKind.Integer, "300", Min: 1, Max: 86_400),
        new("CACHE_TTL_VAGAS", "Cache:VagasTtlSeconds", ValueKind.Integer, "60", Min: 1, Max: 86_400),
        new("CACHE_TTL_CONTEXTO", "Cache:ContextoTtlSeconds", ValueKind.Integer, "120", Min: 1, Max: 86_400),
        new("ENVIRONMENT", "App:Environment", ValueKind.Choice, "development", Choices: ["development", "staging", "production", "test"]),
        new("APP_NAME", "App:Name", Default: "Agente Júlia"),
        new("NOME_EMPRESA", "App:CompanyName", Default: Hosting.AppOptions.DefaultCompanyName),
        new("DEBUG", "App:Debug", ValueKind.Boolean, "false"),
        new("ADMIN_API_TOKEN", "Admin:ApiToken", Secret: true, RequiredInProduction: true),

        // Agent
        new("LLM_PROVIDER", "Agent:Provider", ValueKind.Choice, "anthropic", Choices: ["anthropic", "openai"]),
        new("ANTHROPIC_API_KEY", "Agent:ApiKey", Secret: true, RequiredInProduction: true, OnlyWith: ("LLM_PROVIDER", "anthropic")),
        new("ANTHROPIC_BASE_URL", "Agent:BaseUrl", ValueKind.Url, "https://api.anthropic.com"),
        new("OPENAI_BASE_URL", "Agent:OpenAIBaseUrl", ValueKind.Url, "https://api.openai.com/v1"),
        new("OPENAI_API_KEY", "Agent:OpenAIApiKey", Secret: true, RequiredInProduction: true, OnlyWith: ("LLM_PROVIDER", "openai")),
        // Model defaults are the Anthropic SDK's own constants, set in AgentOptions (Infrastructure knows no feature);
        // an OpenAI-compatible server has no name Júlia could guess.
        new("LLM_MODEL", "Agent:Model", Required: true, OnlyWith: ("LLM_PROVIDER", "openai"),
            Hint: "o nome do modelo no servidor, ex.: gpt-4o-mini, llama3.1:8b"),
        new("LLM_MODEL_COMPLEX", "Agent:ComplexModel"),
        new("LLM_MAX_TOKENS", "Agent:MaxTokens", ValueKind.Integer, "300", Min: 1, Max: 64_000),
        new("LLM_TEMPERATURE", "Agent:Temperature", ValueKind.Decimal, "0.7"),
        new("FALLBACK_HANDOFF_MINUTOS", "Agent:FallbackHandoffMinutes", ValueKind.Integer, "10", Min: 0, Max: 1_440),
        new("HISTORICO_LIMITE", "Agent:HistoryLimit", ValueKind.Integer, "10", Min: 1, Max: 100),
        new("VAGAS_NO_CONTEXTO", "Agent:ShiftsInContext", ValueKind.Integer, "5", Min: 0, Max: 20),

        // WhatsApp (Evolution API)
        new("EVOLUTION_URL", "Evolution:BaseUrl", ValueKind.Url, Aliases: ["EVOLUTION_API_URL"], RequiredInProduction: true),
        new("EVOLUTION_API_KEY", "Evolution:ApiKey", Secret: true, RequiredInProduction: true),
        new("EVOLUTION_INSTANCE", "Evolution:Instance", Default: "julia"),
        new("EVOLUTION_WEBHOOK_TOKEN", "Evolution:WebhookToken", Secret: true, RequiredInProduction: true),

        // Conversations
        new("MAX_MENSAGEM_CHARS", "Conversations:MaxMessageChars", ValueKind.Integer, "4000", Min: 100, Max: 1_000_000),
        new("MAX_MENSAGEM_CHARS_TRUNCAR", "Conversations:TruncateAboveChars", ValueKind.Integer, "10000", Min: 100, Max: 1_000_000),
        new("MAX_MENSAGEM_CHARS_REJEITAR", "Conversations:RejectAboveChars", ValueKind.Integer, "50000", Min: 100, Max: 10_000_000),
        new("DEBOUNCE_SEGUNDOS", "Conversations:DebounceSeconds", ValueKind.Integer, Min: 0, Max: 600),
        new("DEBOUNCE_MAX_SEGUNDOS", "Conversations:DebounceMaxSeconds", ValueKind.Integer, "20", Min: 0, Max: 3_600),
        new("RESPONDER_FORA_HORARIO", "Conversations:AnswerOutsideBusinessHours", ValueKind.Boolean, "true"),
        new("HUMANIZAR", "App:Humanize", ValueKind.Boolean, "true"),

        // Business hours (shared by Conversations, Queue, Campaigns, Metrics)
        new("TIMEZONE", "BusinessHours:TimeZone", ValueKind.TimeZone, "America/Sao_Paulo"),
        new("HORARIO_INICIO", "BusinessHours:Start", ValueKind.TimeOfDay, "08:00"),
        new("HORARIO_FIM", "BusinessHours:End", ValueKind.TimeOfDay, "20:00"),
        new("DIAS_UTEIS", "BusinessHours:Weekdays", ValueKind.Weekdays, "1-5"),
        new("FERIADOS", "BusinessHours:Holidays", ValueKind.Dates, ""),

        // Queue and limits
        new("MAX_MSGS_POR_HORA", "Queue:MaxPerHour", ValueKind.Integer, "20", Min: 0, Max: 100_000),
        new("MAX_MSGS_POR_DIA", "Queue:MaxPerDay", ValueKind.Integer, "100", Min: 0, Max: 1_000_000),
        new("INTERVALO_MIN_SEGUNDOS", "Queue:MinIntervalSeconds", ValueKind.Integer, "45", Min: 0, Max: 86_400),
        new("INTERVALO_MAX_SEGUNDOS", "Queue:MaxIntervalSeconds", ValueKind.Integer, "180", Min: 0, Max: 86_400),
        new("MAX_PRIMEIROS_CONTATOS_DIA", "Queue:MaxFirstContactsPerDay", ValueKind.Integer, "50", Min: 0, Max: 100_000),
        new("INTERVALO_ENTRE_ENVIOS_SEGUNDOS", "Queue:FirstContactIntervalSeconds", ValueKind.Integer, "300", Min: 0, Max: 86_400),
        new("FILA_PROCESSANDO_TIMEOUT_SEGUNDOS", "Queue:ProcessingTimeoutSeconds", ValueKind.Integer, "300", Min: 10, Max: 86_400),

        // Chatwoot
        new("CHATWOOT_URL", "Chatwoot:BaseUrl", ValueKind.Url),
        new("CHATWOOT_API_TOKEN", "Chatwoot:ApiToken", Aliases: ["CHATWOOT_API_KEY"], Secret: true),
        new("CHATWOOT_ACCOUNT_ID", "Chatwoot:AccountId", ValueKind.Integer, "1", Min: 1),
        new("CHATWOOT_INBOX_ID", "Chatwoot:InboxId", ValueKind.Integer, "1", Min: 1),
        new("CHATWOOT_WEBHOOK_TOKEN", "Chatwoot:WebhookToken", Secret: true, RequiredInProduction: true),
        new("CHATWOOT_WEBHOOK_SECRET", "Chatwoot:WebhookSecret", Secret: true),
        new("CHATWOOT_ESPELHAMENTO", "Chatwoot:Mirroring", ValueKind.Choice, "evolution", Choices: ["evolution", "app"]),
        new("CHATWOOT_TRANSICAO_NO_LABEL", "Chatwoot:TransitionOnLabel", ValueKind.Boolean, "true"),

        // Slack
        new("SLACK_WEBHOOK_URL", "Slack:WebhookUrl", ValueKind.Url, Secret: true),
        new("SLACK_CHANNEL", "Slack:Channel", Default: "#julia-gestao"),
        new("SLACK_MASCARAR_TELEFONE", "Slack:MaskPhone", ValueKind.Boolean, "true"),
        new("HANDOFF_LEMBRETE_MINUTOS", "Slack:HandoffReminderMinutes", ValueKind.Integer, "30", Min: 1, Max: 1_440),

        // Shifts, metrics, maintenance
        new("RESERVA_EXPIRA_HORAS", "Shifts:ReservationExpiryHours", ValueKind.Integer, "24", Min: 1, Max: 720),
        new("LLM_PRECOS", "Dashboard:Prices", ValueKind.Prices, ModelPrices.Defaults),
        new("ALERTA_COOLDOWN_MINUTOS", "Alerts:CooldownMinutes", ValueKind.Integer, "60", Min: 0, Max: 10_080),
        new("RETENCAO_CONVERSAS_DIAS", "Maintenance:ConversationsDays", ValueKind.Integer, "90", Min: 1, Max: 3_650),
        new("RETENCAO_INTERACOES_DIAS", "Maintenance:InteractionsDays", ValueKind.Integer, "90", Min: 1, Max: 3_650),
        new("RETENCAO_FILA_ENVIADA_DIAS", "Maintenance:SentQueueDays", ValueKind.Integer, "30", Min: 1, Max: 3_650),

        // OpenTelemetry's own names, read by its library from configuration: mapped onto themselves, so the library reads
        // the checked (trimmed, lower-case) value; a bad one dropped every span in silence (docs/decisions.md#configuration).
        new("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT", ValueKind.Url,
            Hint: "ex.: http://otel-collector:4317 com grpc, http://otel-collector:4318 com http/protobuf"),
        new("OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL", ValueKind.Choice, Choices: ["grpc", "http/protobuf"]),
        // Per signal (each wins over the general one for its signal; its endpoint is used as written, path included).
        new("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", ValueKind.Url, Hint: SignalEndpointHint("traces")),
        new("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", ValueKind.Choice, Choices: ["grpc", "http/protobuf"]),
        new("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", ValueKind.Url, Hint: SignalEndpointHint("metrics")),
        new("OTEL_EXPORTER_OTLP_METRICS_PROTOCOL", "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL", ValueKind.Choice, Choices: ["grpc", "http/protobuf"]),
        new("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", ValueKind.Url, Hint: SignalEndpointHint("logs")),
        new("OTEL_EXPORTER_OTLP_LOGS_PROTOCOL", "OTEL_EXPORTER_OTLP_LOGS_PROTOCOL", ValueKind.Choice, Choices: ["grpc", "http/protobuf"]),
        new("OTEL_SERVICE_NAME", "OTEL_SERVICE_NAME", Default: "julia"),

        // LGPD (data-subject requests): the HMAC key of the phone hashes an erasure keeps
        new("LGPD_SEGREDO", "Privacy:Secret", Secret: true, RequiredInProduction: true),

        // Accepted for compatibility with the reference, unused.
        new("GESTOR_WHATSAPP", "Compat:GestorWhatsapp"),
        new("JULIA_API_URL", "Compat:JuliaApiUrl"),
    ];

    static string SignalEndpointHint(string signal) =>
        $"ex.: http://otel-collector:4317 com grpc, http://otel-collector:4318/v1/{signal} com http/protobuf (usada como está)";
}
