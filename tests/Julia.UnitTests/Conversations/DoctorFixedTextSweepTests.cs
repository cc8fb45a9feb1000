using System.Text.RegularExpressions;
using Julia.Agent.Tools;
using Julia.Campaigns;
using Julia.Conversations;
using Julia.FollowUps;
using Julia.Handoffs;
using Julia.Shifts;

namespace Julia.UnitTests.Conversations;

/// <summary>
/// Every text Júlia sends a doctor without the model (docs/decisions.md#textos), rendered with names, shifts and fields
/// present and missing, read as WhatsApp shows it on a small phone: no Markdown, no internal word, no empty slot, no
/// gap or stray punctuation where a field was missing, in Júlia's "vc" register, short enough for a few chunks.
/// </summary>
public sealed partial class DoctorFixedTextSweepTests
{
    static readonly DateOnly Friday = new(2026, 12, 11);

    static Shift MakeShift(string? period, TimeOnly? start, TimeOnly? end, string? sector, string payKind, int? value, int? min = null, int? max = null,
        string hospital = "Hospital São Luiz", string city = "Santo André") =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), hospital, city, null, Friday, start, end, period, sector, null, value, payKind, min, max, "normal", "aberta");

    static IEnumerable<Shift> Shifts() =>
    [
        MakeShift("noturno", new TimeOnly(19, 0), new TimeOnly(7, 0), "UTI adulto", "fixo", 1800),
        MakeShift(null, new TimeOnly(7, 0), new TimeOnly(19, 0), null, "faixa", null, 1500, 2100, hospital: "Santa Casa de Mauá", city: "Mauá"),
        MakeShift(null, null, null, null, "a_combinar", null, hospital: "UPA Centro"),
        MakeShift("  ", null, null, "", "fixo", null),
        // A hospital with no city in the catalogue: "Hospital X", never "Hospital X ()".
        MakeShift("diurno", new TimeOnly(7, 0), new TimeOnly(19, 0), null, "fixo", 1500, hospital: "Hospital Sem Cidade", city: ""),
    ];

    static readonly (string? Title, string? Name)[] Names = [("Dr.", "André"), ("dra", "ANA"), (null, "joão"), (null, null), ("Dr.", "  "), ("", "🩺")];

    /// <summary>The texts, each with what made it: a failure names the case.</summary>
    public static TheoryData<string, string> Texts()
    {
        var data = new TheoryData<string, string>
        {
            { "opt-out", TurnOutcomes.OptOutConfirmation },
            { "opt-out falecimento", TurnOutcomes.OptOutConfirmationDeath },
            { "opt-out engano", TurnOutcomes.OptOutConfirmationWrongNumber },
            { "espera", TurnOutcomes.HoldingMessage },
        };
        foreach (var type in HandoffTriggers.All) data.Add($"transição {type}", HandoffMessages.Transition(type));
        foreach (var (title, name) in Names)
        {
            var greeting = FollowUpJob.Greeting(title, name);
            var salutation = Julia.Doctors.DoctorSalutation.Of(title, name);
            var who = $"{title ?? "sem título"}/{name ?? "sem nome"}";
            foreach (var step in new[] { "fu1", "fu2", "fu3" }) data.Add($"follow-up {step} {who}", FollowUpJob.Text(step, greeting, null));
            foreach (var shift in Shifts())
            {
                data.Add($"follow-up fu2 {who} {shift.Hospital} {shift.Periodo ?? "sem período"}", FollowUpJob.Text("fu2", greeting, shift));
                data.Add($"confirmação {who} {shift.Hospital} {shift.Periodo ?? "sem período"}", ConversationReservationEffect.ConfirmedText(salutation,
                    new ConfirmedReservation(Guid.NewGuid(), shift.Id, Guid.NewGuid(), null, null, shift.Hospital, shift.Data, shift.Periodo, shift.HoraInicio)));
            }
            foreach (var subject in new[] { "plantões de UTI.", null, "  " })
                data.Add($"lembrete {who} {subject ?? "sem assunto"}", ConversationTools.DefaultReminderText(salutation, subject));
            data.Add($"saudação de campanha {who}", CampaignTemplate.Render("{saudacao_especialidade}",
                new CampaignRecipient(Guid.NewGuid(), title, name, null, null, null, true), "Revoluna"));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void ReadsAsJuliaWritesOnWhatsApp(string which, string text)
    {
        Assert.False(string.IsNullOrWhiteSpace(text), which);
        // WhatsApp shows Markdown as typed: "**" and "__" reach the doctor as asterisks and underscores.
        Assert.DoesNotContain("**", text);
        Assert.DoesNotContain("_", text);
        Assert.DoesNotMatch(@"(^|\n)\s*(#|[-*•] )", text);
        // An empty or unfilled slot: "null", braces, "()", a gap or a stray comma where a missing field was.
        Assert.DoesNotMatch(@"(?i)\b(null|none|undefined|n/a|true|false)\b", text);
        Assert.DoesNotMatch(@"[{}]|\(\s*\)|  | [,.!?]|[,;]\s*[,.!?]|(?<!\.)\.\.(?!\.)", text);
        Assert.Equal(text.Trim(), text);
        // Internal words a doctor never needs: ids, statuses, the queue, "handoff".
        Assert.DoesNotMatch(@"(?i)\b(handoff|fila|vaga_id|reserva_id|status|pendente|pré-reserva|opt-out|id)\b", text);
        Assert.DoesNotMatch(@"[0-9a-f]{8}-[0-9a-f]{4}", text);
        // Júlia's register is "vc" (Agent/Prompts/persona.md): a fixed text saying "você" sounds like someone else.
        Assert.DoesNotMatch(@"(?i)\bvocê\b", text);
        Assert.True(char.IsUpper(text[0]), $"{which}: \"{text}\"");
        // What four chunks of a reply carry: more is a wall of text on a phone.
        Assert.True(text.Length <= 300, $"{which}: {text.Length} characters");
        Assert.DoesNotMatch(Iso(), text);
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}|T\d{2}:\d{2}|UTC")]
    private static partial Regex Iso();
}
