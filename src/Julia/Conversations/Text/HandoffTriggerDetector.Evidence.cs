using System.Text.RegularExpressions;

namespace Julia.Conversations.Text;

/// <summary>
/// Fifty-sixth blind set (docs/detection-history.md#triggers): a legal step told by the evidence he keeps or the instrument he uses —
/// "tô printando tudo, vai servir de prova", "vou registrar ata notarial dessas conversas", "vou protestar o título" — not a
/// proof of something asked for a form ("…serve de prova de residência?").
/// </summary>
internal static partial class HandoffTriggerDetector
{
    [GeneratedRegex(
        // "vai servir de prova", "isso vai servir como prova" — evidence kept against someone (not "de prova de residência").
        @"\b(vai|vao|ira|irao|va) (me )?servir (de|como) provas?\b(?! (de|do|da) (residencia|endereco|vida|vinculo|conclusao|presenca|frequencia|hora|horas|plantao|pagamento|especialidade|titulacao)\b)" +
        // "ata notarial" — the notary's record of the conversations, made only to prove them.
        @"|\bata notarial\b" +
        // "vou protestar o título / a nota / a duplicata" — a debt protested (as "vou protestar vocês").
        @"|\bprotest(ar|o|arei|amos|ando) (o|os|a|as|esse|essa|esses|essas|meu|minha|meus|minhas|um|uma) (titulo|titulos|duplicata|duplicatas|nota|notas|boleto|boletos|cheque|cheques|divida|debito)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex LegalEvidence();

    static readonly System.Buffers.SearchValues<string> LegalEvidenceWords = System.Buffers.SearchValues.Create(
        ["servir", "notarial", "protest"], StringComparison.Ordinal);

    internal static bool MayBeLegalEvidence(string t) => t.AsSpan().ContainsAny(LegalEvidenceWords);

    internal static bool LegalEvidenceMatches(string t) => LegalEvidence().IsMatch(t);
}
