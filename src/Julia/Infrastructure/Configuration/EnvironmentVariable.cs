namespace Julia.Infrastructure.Configuration;

/// <summary>How a variable's text is checked before it reaches an options class.</summary>
internal enum ValueKind { Text, Url, PostgresUrl, RedisUrl, Integer, Decimal, Boolean, TimeOfDay, Weekdays, LogLevel, Choice, Dates, Prices, TimeZone, ListenHost }

/// <summary>
/// One operator-facing variable (docs/decisions.md#configuration): its canonical name, accepted aliases and where it lands in
/// configuration. <see cref="Required"/> and <see cref="RequiredInProduction"/> hold only while <see cref="OnlyWith"/> (another
/// variable and its value, e.g. LLM_PROVIDER=openai) holds, when one is given; <see cref="Hint"/> ends the error text.
/// </summary>
internal sealed record EnvironmentVariable(
    string Name,
    string Key,
    ValueKind Kind = ValueKind.Text,
    string? Default = null,
    string[]? Aliases = null,
    bool Secret = false,
    bool RequiredInProduction = false,
    int Min = int.MinValue,
    int Max = int.MaxValue,
    string[]? Choices = null,
    bool Required = false,
    (string Name, string Value)? OnlyWith = null,
    string? Hint = null)
{
    public IReadOnlyList<string> AllNames => [Name, .. Aliases ?? []];
}
