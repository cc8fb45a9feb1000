using System.Text;
using Julia.Infrastructure.Text;

namespace Julia.Quality;

/// <summary>One interacoes row of a conversation, as the transcript needs it.</summary>
internal sealed record TranscriptLine(string Direction, string? AuthorType, string Kind, string? Content);

/// <summary>
/// The conversation as the judge reads it, oldest first, one labelled line per message: `Médico:` (entrada),
/// `Júlia:` (her replies), `Júlia (mensagem automática):` (system messages sent in her name: handoff transition,
/// opt-out confirmation, holding message), `Equipe:` (a person of the team, autor_tipo `humano`).
/// </summary>
internal static class QualityTranscript
{
    public const string Doctor = "Médico", Julia = "Júlia", Automatic = "Júlia (mensagem automática)", Staff = "Equipe";
    const int MaxLineLength = 1_500;

    public static string Label(TranscriptLine line) => line.Direction == "entrada" ? Doctor : line.AuthorType switch
    {
        "humano" => Staff,
        "sistema" => Automatic,
        _ => Julia,
    };

    /// <param name="omitted">Older messages left out (only the latest are sent).</param>
    public static string Build(IReadOnlyList<TranscriptLine> lines, int omitted)
    {
        var text = new StringBuilder();
        // "(1 mensagem anterior omitida)", never "(1 mensagens anteriores omitidas)".
        if (omitted > 0) text.Append('(').Append(Infrastructure.Text.PtBrCount.Of(omitted, "mensagem anterior omitida", "mensagens anteriores omitidas")).Append(")\n");
        foreach (var line in lines)
            text.Append(Label(line)).Append(": ").Append(Content(line)).Append('\n');
        return text.ToString();
    }

    static string Content(TranscriptLine line)
    {
        var content = line.Content?.Trim();
        if (string.IsNullOrEmpty(content)) return $"[{line.Kind}]";
        content = content.Replace("\r", "").Replace("\n", " / ");
        return content.Length > MaxLineLength ? TextPrefix.Of(content, MaxLineLength) + "…" : content;
    }
}
