using System.Text.RegularExpressions;

namespace Julia.Conversations.Text;

/// <summary>
/// Sixty-second blind set (docs/detection-history.md#triggers): one of ours asked for by a first name written in lower case
/// ("o marcelo está aí?", "a fernanda ta?", "me passa pro joão", "chama a patricia pra mim") — a word of pessoa.nomes after
/// an article, a preposition or a title reads as the capitalised name the expressions of Named.cs look for, where a noun
/// does not ("o plantão está aí?"); one of ours asked for by name or by title with a verb of talking ("quero falar com a Dra
/// Ana", "falar c o dr. paulo", "quero falar com a Fernanda"; not "…antes de aceitar", "…do hospital", "vou falar com…");
/// and a person asked in plainer words ("bot não, pessoa", "quero tirar uma dúvida com uma pessoa", "tem alguém que eu possa
/// conversar?", "dá pra falar por voz?", "me passa o contato de quem me ofereceu o plantão", "péssimo atendimento, ninguém
/// responde").
/// </summary>
internal static partial class HandoffTriggerDetector
{
    /// <summary>The text with every lower-case first name after an article, a preposition or a title capitalised; null when none is.</summary>
    static string? NamesCapitalised(string text)
    {
        var names = IntentVocabulary.Instance.FirstNames;
        var changed = false;
        var result = LowerCaseAfterArticleOrTitle().Replace(text, m =>
        {
            var word = Infrastructure.Text.PtBrText.Normalise(m.Value);
            if (!names.Contains(word) && !(m.Groups["title"].Success && word.Length >= 3 && word is not ("que" or "dos" or "das" or "nao" or "sim" or "voce" or "para")))
                return m.Value;
            changed = true;
            return char.ToUpperInvariant(m.Value[0]) + m.Value[1..];
        });
        return changed ? result : null;
    }

    [GeneratedRegex(@"(?<=(?<![\p{L}])(?:(?<title>(?i:dra?|doutora?)\.?)|(?i:a|o|pra|pro|para|com|c|cm|cum)) )\p{Ll}+(?![\p{L}])", RegexOptions.CultureInvariant)]
    private static partial Regex LowerCaseAfterArticleOrTitle();

    /// <summary>One of ours by name or title, with a verb of talking, read on the text with its names capitalised.</summary>
    static bool TalkedToByNameOrTitle(string text, string t) =>
        (t.Contains("falar", StringComparison.Ordinal) || t.Contains("conversar", StringComparison.Ordinal))
        && TalkByName().IsMatch(NamesCapitalised(text) ?? text);

    [GeneratedRegex(
        @"(?:^\s*|(?<![\p{L}])(?<!(?i:n[aã]o|nunca|ñ) )(?i:quero|queria|qro|qria|preciso|precisava|gostaria de|posso|poderia|consigo|prefiro|d[aá] pra|d[aá] para|tem como) )" +
        @"(?i:falar|conversar) (?i:com|c|cm|cum) (?i:a|o) (?:(?i:dra?|doutora?)\.? \p{Lu}\p{Ll}+(?![\p{L}])|" + AName + @")" +
        @"(?! (?i:antes|primeiro|depois|amanh[aã]|mais tarde|do hospital|da cl[ií]nica|de l[aá]|l[aá]|no plant[aã]o|na chegada|quando chegar|da uti|do ps|sobre (?:o|a) paciente)\b)",
        RegexOptions.CultureInvariant)]
    private static partial Regex TalkByName();

    /// <summary>A person asked in plainer words (on the normalised text).</summary>
    static bool AskedInThePlainestWords(string t) =>
        t.AsSpan().ContainsAny(PlainestWords) && PlainestRequest().IsMatch(t);

    static readonly System.Buffers.SearchValues<string> PlainestWords = System.Buffers.SearchValues.Create(
        ["bot nao", "robo nao", "maquina nao", "ia nao", "duvida", "possa falar", "possa conversar", "por voz", "quem me "], StringComparison.Ordinal);

    [GeneratedRegex(
        // "bot não, pessoa", "robô não, quero gente".
        @"^(robo|bot|maquina|ia|chatbot)( nao)+ (quero )?(uma |um )?(pessoa|humano|humana|gente|atendente)( de verdade| real)?( por favor)?$" +
        // "quero tirar uma dúvida com uma pessoa", "prefiro tirar essa dúvida com alguém".
        @"|\b(quero|queria|preciso|prefiro|gostaria de|posso|da para|tem como|consigo) (tirar|esclarecer|resolver) (uma |essa |minha |minhas |umas |essas |uma )?(duvida|duvidas) com (uma pessoa|alguem|um atendente|uma atendente|um humano|gente|uma pessoa real|alguem da equipe)\b" +
        // "tem alguém que eu possa conversar sobre a vaga?", "alguém com quem eu possa falar?".
        @"|\b(tem|existe|preciso de|quero) (alguem|alguma pessoa|uma pessoa) (que|com quem) (eu )?possa (falar|conversar)\b" +
        // "dá pra falar por voz?" — the talk moved to a voice call.
        @"|\b(da para|tem como|podemos|pode ser|prefiro|quero|queria|consigo|posso) (falar|conversar|resolver) por voz\b" +
        // "me passa o contato de quem me ofereceu o plantão" — the one of ours who sent the offer.
        @"|\b(contato|numero|telefone|celular|whats|whatsapp|zap|email) (de|da|do) (quem|pessoa que|moca que|rapaz que) me (ofereceu|mandou|enviou|passou|indicou|contatou)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex PlainestRequest();

    /// <summary>
    /// A request's words in another sense, when nothing else of the message asks for a person: "me liga o despertador" (turn on),
    /// "gente de verdade faz plantão 24h" (people said of, not asked for).
    /// </summary>
    static bool NotAskedInTheseWords(string t) =>
        t.AsSpan().ContainsAny(OtherPersonSenseWords) && OtherPersonSense().Match(t) is { Success: true } m && OnlyInside(m, t, Handoffs.HandoffTriggers.PersonRequested);

    static readonly System.Buffers.SearchValues<string> OtherPersonSenseWords = System.Buffers.SearchValues.Create(["liga o ", "liga a ", "de verdade "], StringComparison.Ordinal);

    [GeneratedRegex(@"\b(me )?liga (o|a) (despertador|alarme|luz|ar|ar condicionado|tv|televisao|ventilador|computador|notebook|som|radio|carro|motor|forno|microondas)\b" +
        @"|^(a |essa )?gente de verdade (faz|fazem|trabalha|trabalham|pega|pegam|aguenta|aguentam|encara|encaram|sabe|sabem)\b", RegexOptions.CultureInvariant)]
    private static partial Regex OtherPersonSense();

    /// <summary>"péssimo atendimento, ninguém responde" — no one answering, after a complaint of our service, asks for a person.</summary>
    [GeneratedRegex(@"^((que|um|uma|esse|essa|o|a) )?((pessimo|pessima|horrivel|ridiculo|ridicula|lamentavel|vergonhoso|vergonhosa)( atendimento| suporte| servico| empresa)?|(porcaria|lixo|merda|bosta|droga) de (atendimento|suporte|servico|empresa)|(atendimento|suporte|servico) (pessimo|horrivel|ridiculo|lamentavel|vergonhoso|de merda|de bosta))( de voces| dai| dessa empresa)?( e)? ninguem (me |nunca |mais )?(responde|atende|retorna|responder|atender)( aqui| ai| nada| mais| nunca| mesmo| isso)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NoOneAnswersAfterAComplaint();
}
