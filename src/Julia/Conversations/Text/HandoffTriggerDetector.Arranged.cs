using System.Text.RegularExpressions;
using Julia.Handoffs;

namespace Julia.Conversations.Text;

/// <summary>
/// Forty-eighth blind set (docs/detection-history.md#triggers): what reads as a person asked for or a legal word but is neither — a call
/// already arranged, asked about as a detail of the shift ("que horas a pessoa da escala vai me ligar?"), a call declined
/// beside the channel he prefers ("prefiro por mensagem, sem ligação"), someone of ours asked to be there on the first day ("vai
/// ter alguém da equipe de vocês no hospital?"); a legal body as someone's workplace ("meu irmão trabalha no Procon") or in a
/// story ("assisti um filme de tribunal").
/// </summary>
internal static partial class HandoffTriggerDetector
{
    /// <summary>
    /// The message's request for a person is only one of the look-alikes above: with it blanked out, nothing of the message asks
    /// for a person any more ("…vai me ligar pra confirmar o plantão? ninguém me respondeu" still asks).
    /// </summary>
    static bool OnlyALookAlikeOfARequest(string t)
    {
        if (!t.Contains("ligar", StringComparison.Ordinal) && !t.Contains("ligac", StringComparison.Ordinal) && !t.Contains("telefon", StringComparison.Ordinal)
            && !t.Contains(" ter ", StringComparison.Ordinal)) return false;
        var m = NoRequestMeant().Match(t);
        return OnlyInside(m, t, HandoffTriggers.PersonRequested);
    }

    [GeneratedRegex(
        // When an arranged call comes, asked: "que horas a pessoa da escala vai me ligar?", "quando vocês vão me ligar pra confirmar?".
        @"\b(que horas|a que horas|quando|que dia|ate que horas|em quanto tempo)\b(?: \w+){0,6}? (vai|vao|iria|iriam|ira|irao) me (ligar|chamar|retornar|telefonar|mandar mensagem)\b" +
        // The arranged call's errand, a detail of the shift: "alguém da equipe vai me ligar pra passar o endereço do hospital?".
        @"|(?:\b(alguem|a pessoa|uma pessoa|o pessoal|a moca|o moco|a equipe|voces|ela|ele)\b(?: \w+){0,4}? )?\b(vai|vao|ira|irao) me (ligar|chamar|telefonar|retornar) para (confirmar|passar|avisar|mandar|informar|combinar|acertar) (o|a|os|as) (plantao|plantoes|escala|escalas|endereco|horario|horarios|vaga|vagas|local|documentos|detalhes|valor|valores)\b" +
        // The one of ours who serves him, by the article, said to call as arranged: "a pessoa da escala vai me ligar" (not "alguém
        // vai me ligar?", which asks).
        @"|\b(a|o) (pessoa|moca|moco|rapaz|menina|coordenadora?|escalista|recrutadora?|atendente|consultora?|pessoal)\b(?: \w+){0,3}? (vai|vao|ira|irao) me (ligar|chamar|retornar|telefonar)\b" +
        // The call declined beside the channel he prefers: "prefiro por mensagem mesmo, sem ligação".
        @"|\bsem (ligacao|ligacoes|telefonema|telefonemas|ligar|chamada|chamadas)\b" +
        // Presence at the hospital asked: "vai ter alguém da equipe de vocês no hospital no primeiro dia?".
        @"|^(e |mas |sera que )?(vai|vao) ter (alguem|alguma pessoa|uma pessoa|algum responsavel|gente)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex NoRequestMeant();

    /// <summary>
    /// A legal body as where someone works or in a story told — "meu irmão trabalha no Procon", "sou estagiária na defensoria",
    /// "assisti um filme de tribunal" — not a step of his (another legal word of the message is still read).
    /// </summary>
    static bool WorkplaceOrStory(string t, int at) =>
        at > 0 && (BodyAsWorkplaceBefore().IsMatch(t.AsSpan(0, at)) || StoryBefore().IsMatch(t.AsSpan(0, at)));

    [GeneratedRegex(@"\b(trabalha|trabalham|trabalho|trabalhou|trabalhei|trabalhava|trabalhar|estagia|estagio|estagiou|estagiei|estagiava|estagiari[oa]|servidor|servidora|concursad[oa]|atende|atendo) (no|na|do|da|em um|numa|num) $", RegexOptions.CultureInvariant)]
    private static partial Regex BodyAsWorkplaceBefore();

    // Fiftieth blind set: the news ("vi uma notícia de um processo contra um hospital"; not "vão ter notícias do meu advogado").
    [GeneratedRegex(@"\b(filme|filmes|serie|series|novela|novelas|documentario|documentarios|livro|livros|podcast|episodio|desenho) (de|sobre|do|da|com) (\w+ )?$" +
        @"|\b(noticia|noticias|reportagem|reportagens|materia|manchete) (de|sobre) (um |uma |o |a |os |as )?$", RegexOptions.CultureInvariant)]
    private static partial Regex StoryBefore();
}
