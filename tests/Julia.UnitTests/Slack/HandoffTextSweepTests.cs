using System.Text.Json.Nodes;
using Julia.Chatwoot;
using Julia.Handoffs;
using Julia.Slack;

namespace Julia.UnitTests.Slack;

/// <summary>
/// Every handoff type, as staff read it (docs/decisions.md#staff-texts): the type in words beside its stored word, and
/// what to do — in the Slack notice (opened, reminder) and in the Chatwoot note. A recruiter read "🚨 Handoff (juridico):
/// gatilho juridico na mensagem do médico" and a manager "Tipo: baixa_confianca", and neither was told what was wanted
/// (an audit of what people read, 2026-12-05).
/// </summary>
public sealed class HandoffTextSweepTests
{
    static readonly SlackFormat Format = new(MaskPhone: true, ChatwootBaseUrl: "https://chatwoot.example.com", ChatwootAccountId: 1);

    public static TheoryData<string> Types() => [.. HandoffTriggers.All];

    static HandoffNotice Notice(string type, string? reason = "o médico pediu") => new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Dr. Ana",
        "5511999990001", type, reason, "quero falar com alguém", "pendente", DateTimeOffset.UtcNow, null, null, null, "42");

    static IEnumerable<string> Texts(JsonObject payload) =>
        payload["attachments"]![0]!["blocks"]!.AsArray().SelectMany(b => b!["fields"] is JsonArray fields
            ? fields.Select(f => f!["text"]!.GetValue<string>())
            : b!["text"]?["text"] is { } t ? [t.GetValue<string>()] : []);

    [Theory]
    [MemberData(nameof(Types))]
    public void SlackNamesTheTypeInWordsAndSaysWhatToDo(string type)
    {
        foreach (var payload in new[] { SlackMessages.HandoffOpened(Notice(type), Format), SlackMessages.HandoffReminder(Notice(type), TimeSpan.FromMinutes(20), Format) })
        {
            var texts = Texts(payload).ToList();
            var tipo = Assert.Single(texts, t => t.StartsWith("*Tipo:*\n", StringComparison.Ordinal))["*Tipo:*\n".Length..];
            // Words a person reads first, the stored word in parentheses: no bare enum name.
            Assert.Equal($"({type})", tipo[tipo.IndexOf('(')..]);
            Assert.True(char.IsUpper(tipo[0]), tipo);
            Assert.DoesNotContain('_', tipo[..tipo.IndexOf('(')]);
            var todo = Assert.Single(texts, t => t.StartsWith("*O que fazer:* ", StringComparison.Ordinal))["*O que fazer:* ".Length..];
            Assert.True(char.IsUpper(todo[0]), todo);
            Assert.EndsWith(".", todo);
            Assert.DoesNotContain("_", todo);
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void TheChatwootNoteSaysWhatToDo(string type)
    {
        var note = ChatwootNotes.NoteText(Notice(type));

        var line = Assert.Single(note.Split('\n'), l => l.StartsWith("O que fazer: ", StringComparison.Ordinal));
        Assert.Equal("O que fazer: " + HandoffTriggers.StaffAction(type), line);
        Assert.DoesNotContain("_", line);
    }

    /// <summary>A handoff without a reason: the note's header says the type in words, never "-" or an empty reason.</summary>
    [Theory]
    [MemberData(nameof(Types))]
    public void ANoteWithoutAReasonSaysTheTypeInWords(string type)
    {
        var first = ChatwootNotes.NoteText(Notice(type, reason: null)).Split('\n')[0];

        Assert.Equal($"🚨 Handoff ({type}): {HandoffTriggers.Label(type)}", first);
    }

    [Fact]
    public void ATypeThisVersionDoesNotKnowIsShownAsStoredWithAGenericStep()
    {
        var texts = Texts(SlackMessages.HandoffOpened(Notice("outro_tipo"), Format)).ToList();

        Assert.Contains("*Tipo:*\noutro_tipo", texts);
        Assert.Contains("*O que fazer:* Responda ao médico.", texts);
    }
}
