using System.Text.RegularExpressions;
using Julia.Handoffs;

namespace Julia.Conversations.Text;

/// <summary>
/// Fifty-second blind set (docs/detection-history.md#triggers): the words of a request for a person in another sense — "ligar" as
/// linking one thing to another ("me liga o nome da vaga com o hospital": the object is a thing, not him), "call me" before a
/// title ("call me Dr. John": what to call him), "ser humano" as humankind ("ser humano precisa dormir né"), the head of his own unit
/// ("falar com o chefe do meu setor antes de aceitar", his own people as "meu chefe") — and "processo"
/// as his registration asked about ("como tá o andamento do meu processo?"). Each only when, blanked out, nothing else of the
/// message asks for a person or takes a legal step.
/// </summary>
internal static partial class HandoffTriggerDetector
{
    /// <summary>The message's request for a person is only one of the other senses above.</summary>
    static bool ARequestsWordInAnotherSense(string t)
    {
        if (!t.Contains("me lig", StringComparison.Ordinal) && !t.Contains("call me", StringComparison.Ordinal) && !t.Contains("ser humano", StringComparison.Ordinal)
            && !t.Contains("do meu ", StringComparison.Ordinal) && !t.Contains("da minha ", StringComparison.Ordinal)) return false;
        var m = OtherSense().Match(t);
        return OnlyInside(m, t, HandoffTriggers.PersonRequested);
    }

    [GeneratedRegex(
        // "me liga o nome da vaga com o hospital", "me liga a vaga com o endereço" — a thing linked, not a call ("me liga",
        // "me liga quando puder", "me liga o quanto antes", "me liga à tarde" still ask).
        @"\bme (liga|ligue|liguem) (o|a|os|as|esse|essa|este|esta|meu|minha) (nome|nomes|vaga|vagas|endereco|enderecos|numero|numeros|plantao|plantoes|hospital|hospitais|link|links|valor|valores|escala|escalas|lista|dados|informacao|informacoes|info|local|locais|localizacao|setor|setores|codigo|codigos|documento|documentos|arquivo|arquivos|contrato|contratos|planilha|mapa|pix|conta|cadastro|alarme|ar|luz|tv|som|wifi|computador|sistema|paciente|pacientes|prontuario|cpf|crm)\b" +
        // "call me Dr. John", "call me by my first name".
        @"|\bcall me (dr|dra|doctor|doc|doutor|doutora|by|mister|mr|mrs|ms|miss)\b" +
        // Fifty-fourth blind set: "call me maybe kkkk" — the song quoted as a joke.
        @"|\bcall me maybe\b" +
        // "ser humano precisa dormir", "todo ser humano erra" — humankind as the subject. Sixty-seventh blind set: not "um ser
        // humano" as an object ("preciso de um ser humano, é sobre o pagamento": the comma gone, "é" read as its verb).
        @"|(?:^|\b(todo|o|qualquer|nenhum) |(?<!\b(de|com|por|para|a) )\bum )ser humano (precisa|precisam|tem|e|nao|merece|erra|cansa|dorme|come|sente|aguenta)\b" +
        // "preciso falar com o chefe do meu setor antes de aceitar" — a role of his own unit, his own people (as "meu chefe").
        @"|\b(falar|conversar|ver|tratar|resolver) com (o|a) (chefe|coordenador|coordenadora|gerente|gestor|gestora|supervisor|supervisora|responsavel|diretor|diretora) (do|da) (meu|minha) (setor|departamento|servico|equipe|time|unidade|area)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex OtherSense();

    /// <summary>"como tá o andamento do meu processo?": his registration's progress asked, with no legal word besides.</summary>
    static bool RegistrationProgressOnly(string t)
    {
        if (!t.Contains("meu processo", StringComparison.Ordinal)) return false;
        var m = ProgressOfMyProcess().Match(t);
        return OnlyInside(m, t, HandoffTriggers.Legal);
    }

    [GeneratedRegex(@"\b(andamento|status|situacao|etapa|fase|prazo|previsao|resultado)( atual)? (do|de) meu processo\b(?! (contra|judicial|trabalhista|juridico|na justica|no tribunal|no trt|no crm|no procon))" +
        // Fifty-fourth blind set: "meu processo no CRM de SP já saiu, posso trabalhar lá" — his registration granted (not a case).
        @"|\bmeu processo (de inscricao |de registro |de transferencia |de inscricao secundaria |secundario )?(no|do|junto ao) (crm|cremesp|cremerj|conselho)( de \w+| d[oa] \w+)? (ja )?(saiu|foi aprovado|foi deferido|foi concluido|ficou pronto|ta pronto|esta pronto)\b(?! (contra|a favor|e (fui|sai) (absolvido|condenado)))",
        RegexOptions.CultureInvariant)]
    private static partial Regex ProgressOfMyProcess();
}
