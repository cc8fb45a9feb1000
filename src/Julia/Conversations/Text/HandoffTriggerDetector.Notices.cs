using System.Text.RegularExpressions;
using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// Fifty-fourth blind set (docs/detection-history.md#triggers): legal steps veiled as a notice or an authority told — "vocês vão receber
/// uma notificação" (not an app's: "…do aplicativo"), "aguardem a notificação", "o SIMESP / o fiscal do trabalho vai saber
/// disso", "vou acionar a LGPD", "vou denunciar na vigilância sanitária", "vou levar pro jurídico do hospital contra vocês" —
/// and a person asked in the forms the earlier sets missed: "me retorna" / "me retornem" as the whole message, the offer closed
/// only by talking to someone ("essa vaga eu só fecho falando com alguém"), the details settled with a person ("prefiro
/// acertar os detalhes com uma pessoa"), "anyone there?".
/// </summary>
internal static partial class HandoffTriggerDetector
{
    [GeneratedRegex(
        // "vocês vão receber uma notificação" — a notice to come, theirs to receive (not "…do app", "…no celular").
        @"\b(voces|vcs|voce|a empresa|essa empresa|a agencia)( \w+)? (vao|vai|irao|ira) receber (uma |a |minha |nossa |o )?(notificacao|notificacoes|notificado|comunicado formal)\b(?! (do|da|no|na|pelo|pela|via|por|de) (app|aplicativo|celular|whatsapp|zap|sistema|email|e mail|banco|hospital|pix)\b)" +
        @"|\baguard(em|e|a|am) (a |uma |minha |nossa )?notificacao\b(?! (do|da|no|na|pelo|pela|via|por|de) (app|aplicativo|celular|whatsapp|zap|sistema|email|e mail|banco|hospital|pix)\b)" +
        // "o SIMESP vai saber disso", "o fiscal do trabalho vai ficar sabendo" — an authority told of what they did.
        @"|\b(simesp|sindicato|sindicato dos medicos|sindmed|simers|sinmed|crm|cremesp|cremerj|cremers|cremego|cremepe|conselho|cfm|mp|mpt|ministerio publico|ministerio do trabalho|fiscal do trabalho|fiscalizacao|procon|policia|delegado|justica|juiz|meu advogado|minha advogada|meus advogados|vigilancia sanitaria) (vai|vao|ira) (saber|ficar sabendo|tomar conhecimento) (disso|disto|de tudo|de voces|dessa|desse|do que)\b" +
        // "vou acionar a LGPD" — the data-protection law invoked against them.
        @"|\b(acionar|aciono|acionarei|invocar|usar|entrar com|recorrer a|recorrer na|apelar para a) (a )?lgpd\b" +
        // "vou denunciar na vigilância sanitária", "vou acionar a ANVISA".
        @"|\b(denunciar|denuncio|denunciarei|acionar|aciono|acionarei|reclamar|reclamo|chamar|levar isso|levar)( voces| vcs| a empresa)? (na|a|para a|pra|com a|junto a) (vigilancia sanitaria|anvisa)\b" +
        // "vou levar pro jurídico do hospital contra vocês" — whoever's lawyers, aimed at us.
        @"|\b(juridico|advogad[oa]s?|acao|queixa|representacao)\b(?: \w+){0,5} contra (voces|vcs|a empresa|essa empresa|esta empresa|a agencia|essa agencia)\b" +
        // "isso vai pro CRM", "vocês vão parar no Procon" — the matter taken to the council, the court or the consumer body.
        @"|\b(isso|tudo isso|isto|voces|vcs|o caso|essa historia|a empresa|essa empresa) (vai|vao) (direto )?(para o|parar no|parar na|ao|para a) (crm|cremesp|cremerj|conselho|cfm|procon|mp|ministerio publico|ministerio do trabalho|sindicato|juiz|juizado|justica|policia|delegacia)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex LegalNotice();

    static readonly System.Buffers.SearchValues<string> LegalNoticeWords = System.Buffers.SearchValues.Create(
        ["notific", "comunicado formal", "vai saber", "vao saber", "ira saber", "ficar sabendo", "tomar conhecimento", "lgpd", "vigilancia sanitaria", "anvisa", "contra ", "vai para ", "vao para ", "vai parar n", "vao parar n", "vai ao ", "vao ao "],
        StringComparison.Ordinal);

    internal static bool MayBeLegalNotice(string t) => t.AsSpan().ContainsAny(LegalNoticeWords);

    internal static bool LegalNoticeMatches(string t) => LegalNotice().IsMatch(t);

    [GeneratedRegex(
        // "me retorna", "me retornem por favor", "oi, me retorna assim que puder" — a call back asked as the whole message (not
        // "me retorna o valor", "me retorna amanhã com as vagas").
        @"^((oi|ola|ei|bom dia|boa tarde|boa noite|pessoal|gente|julia|ok|dr|dra|por favor|pf|pfv) )*me (retorna|retorne|retornem|retornar|retornam)( (por favor|pf|pfv|pfvr|urgente|logo|rapido|assim que (puder|puderem|possivel|der|possivel)|quando (puder|puderem|der|possivel)|o quanto antes|o mais rapido possivel|obrigad[oa]|ok|pessoal|ai))*$" +
        // "essa vaga eu só fecho falando com alguém", "só confirmo depois de falar com uma pessoa".
        @"|\bso (fecho|fecharia|aceito|aceitaria|confirmo|confirmaria|pego|pegaria|topo|toparia|assino|assinaria|decido|fecho negocio)\b(?: \w+){0,3}? (falando|conversando|tratando|depois de falar|depois de conversar|se falar|se conversar|quando falar|quando conversar) com (alguem|uma pessoa|um humano|gente|um atendente|uma atendente|a coordenacao|o coordenador|a coordenadora|o responsavel|a responsavel)\b(?! (do|da|no|na) (hospital|clinica|upa|ubs|plantao)\b)" +
        // "prefiro acertar os detalhes com uma pessoa" — the matter settled with a person wanted.
        @"|\b(prefiro|preferia|preferiria|quero|queria|gostaria de|preciso) (acertar|combinar|alinhar|fechar|negociar|ver|tratar|decidir)\b(?: \w+){0,3}? com (uma pessoa|um humano|um ser humano|gente de verdade|um atendente|uma atendente|alguem de verdade|alguem da equipe|alguem de voces|alguem dai)\b" +
        // "hello? anyone there?", "is anybody there?".
        @"|\b(is )?(anyone|anybody|someone|somebody) (there|here|home|real|available|alive)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex AsksForPerson14();

    /// <summary>
    /// Fifty-fourth blind set: a short line cut where its sentence cannot end — on an article or a preposition ("quero falar com
    /// a" then "coordenadora") — or finished by a line of one word ("vou fazer" then "BO"), read with the next line.
    /// </summary>
    static bool CutBeforeTheNextLine(string line, string next)
    {
        var t = PtBrText.Normalise(line);
        var last = t.AsSpan(t.LastIndexOf(' ') + 1);
        if (last is "a" or "o" or "as" or "os" or "um" or "uma" or "com" or "para" or "no" or "na" or "ao" or "de" or "do" or "da" or "pelo" or "pela" or "meu" or "minha" or "seu" or "sua") return true;
        var n = PtBrText.Normalise(next);
        return n.Length > 0 && !n.Contains(' ', StringComparison.Ordinal) && next.AsSpan().IndexOfAny(".!…") < 0;
    }
}
