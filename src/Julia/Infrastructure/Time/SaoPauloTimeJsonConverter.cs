using System.Text.Json;
using System.Text.Json.Serialization;

namespace Julia.Infrastructure.Time;

/// <summary>
/// A date and time an operator sends (a campaign's `agendar_para`): ISO 8601, and without an offset on the São Paulo clock
/// (<see cref="SaoPaulo.TryParseIso"/>) — read as UTC it started a campaign three hours early. Written back with the São
/// Paulo offset.
/// </summary>
internal sealed class SaoPauloTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && SaoPaulo.TryParseIso(reader.GetString(), out var at)
            ? at
            : throw new JsonException("data e hora ISO 8601 esperada (AAAA-MM-DDTHH:MM, sem fuso = horário de São Paulo)");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(SaoPaulo.ToLocal(value).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
}
