using System.Text.RegularExpressions;

namespace Julia.Conversations.Text;

/// <summary>
/// Fifty-sixth blind set (docs/detection-history.md#triggers): one of ours named by what they are responsible for, then their contact asked
/// for — "quem é o responsável pelos repasses? me passa o contato" (not a hospital's: "…do plantão no hospital"); whom to talk to
/// about a matter of ours ("com quem eu falo sobre pagamento?"; not "…lá no hospital", "…quando chegar"); "ligue-me" as written
/// (the hyphen: "não me liga, me manda mensagem" normalises to the same words and refuses a call).
/// </summary>
internal static partial class HandoffTriggerDetector
{
    static bool RoleThenItsContact(string t) =>
        t.Contains("quem", StringComparison.Ordinal) && t.AsSpan().ContainsAny(RoleContactWords) && RoleContact().IsMatch(t);

    static readonly System.Buffers.SearchValues<string> RoleContactWords = System.Buffers.SearchValues.Create(
        ["contato", "numero", "telefone", "whats", "zap"], StringComparison.Ordinal);

    [GeneratedRegex(@"\bquem (e|eh|seria|cuida) (o |a )?(responsavel |encarregad[oa] )?(pelo|pela|pelos|pelas|do|da|dos|das) (repasse|repasses|pagamento|pagamentos|financeiro|escala|escalas|cadastro|credenciamento|contrato|contratos|nota|notas|meu cadastro|minha escala|meu pagamento|meus pagamentos)\b" +
        @"(?! (do|da|no|na) (hospital|clinica|upa|ubs|ps|pronto socorro|maternidade|santa casa))(?: \w+){0,3}? (me )?(passa|passe|manda|mande|da|de|envia|envie) (o|seu|o seu) (contato|numero|telefone|whats|whatsapp|zap)\b", RegexOptions.CultureInvariant)]
    private static partial Regex RoleContact();

    static bool WhomToTalkToAboutIt(string text, string t) =>
        (t.Contains("com quem", StringComparison.Ordinal) && WhomToTalkTo().IsMatch(t)) || (text.Contains("-me", StringComparison.OrdinalIgnoreCase) && CallMeHyphenated().IsMatch(text));

    [GeneratedRegex(@"\bcom quem (eu )?(falo|trato|resolvo|vejo|converso)( isso| essa questao| esse assunto)? (sobre|a respeito)\b(?!.*\b(hospital|hospitais|clinica|upa|ubs|ps|pronto socorro|uti|maternidade|santa casa|la|ali|chegar|chegada|paciente|pacientes)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex WhomToTalkTo();

    [GeneratedRegex(@"(?<![\p{L}])(?i:ligue|liga|liguem|telefone|telefonem)-me\b", RegexOptions.CultureInvariant)]
    private static partial Regex CallMeHyphenated();
}
