using System.Text.RegularExpressions;

namespace Julia.Conversations.Text;

/// <summary>
/// Fifty-second blind set (docs/detection-history.md#triggers): a person of ours asked for in the forms the earlier sets missed — a call
/// asked through someone ("pede pra me ligarem", "pede pra eles me ligarem"), a call returned by phone ("me retorna por telefone", "liguei aí e ninguém
/// atendeu, me retornem"), a call by its noun for him ("pode fazer uma chamada pra mim?"), the one who served him asked after
/// ("a moça que me atendeu antes tá aí?"), one of a team of ours by what the team does ("a moça do cadastro"), a role "de
/// vocês" named by its shift ("o supervisor de plantão de vocês"), and the e-mail register's "um membro da equipe".
/// </summary>
internal static partial class HandoffTriggerDetector
{
    [GeneratedRegex(
        // "pede pra me ligarem", "fala pra me retornarem": the personal infinitive asks "them", the team, to call.
        @"\b(pede|peca|pecam|pedir|manda|mande|fala|falar|avisa|avise|diz|diga) (para|a)( eles| elas| o pessoal| a equipe| a escala| o financeiro| o rh)? me (ligarem|retornarem|telefonarem)\b" +
        // "me retorna por telefone", "me retornem no celular": a call back asked.
        @"|\bme (retorna|retorne|retornem|retornar)( de volta)? (por|pelo|no|via|com uma) (telefone|celular|ligacao|fone)\b" +
        // "liguei aí e ninguém atendeu, me retornem": the call he made, returned.
        @"|\b(liguei|ligo|tentei ligar|tentei te ligar|tentei falar)\b(?: \w+){0,8}? me (retorna|retorne|retornem)\b" +
        // "pode fazer uma chamada pra mim?", "me faz uma ligação".
        @"|\b(fazer|faz|faca|facam|fazem) (uma |um )?(chamada|ligacao|telefonema) (para mim|comigo)\b|\bme (faz|faca|facam|fazer) (uma |um )(chamada|ligacao|telefonema)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex AsksForPerson12();

    [GeneratedRegex(
        // "a moça que me atendeu antes tá aí?" — the one who served him, asked after (not "…que me atendeu no PS").
        @"\b(a|o) (pessoa|moca|menina|rapaz|moco|senhora|senhor|atendente|consultora?|recrutadora?) que( ja)? me (atendeu|atendia|ligou|ligava|chamou|cadastrou|contratou|indicou|mandou|passou|escreveu)\b(?: \w+){0,3}? (ainda )?(ta|esta|continua) (ai|por ai)\b" +
        // "quero falar com a moça do cadastro": one of a team of ours by what the team does.
        @"|\b(falar|conversar|tratar) com (a|o) (moca|moco|rapaz|menina|pessoal|galera|turma) (do|da|de) (rh|financeiro|escala|escalas|pagamento|pagamentos|cadastro|comercial|coordenacao|recrutamento|credenciamento|contrato|contratos|documentacao|administrativo)\b(?! (do|da|de) (hospital|clinica|upa|ubs|maternidade|prefeitura)\b)" +
        // "me passa pro supervisor de plantão de vocês": the role named by its shift, said to be ours.
        @"|\b(falar com|passa para|passe para|transfere para|transfira para|chama|chame) (o |a )?(seu |sua )?(supervisor|supervisora|coordenador|coordenadora|gerente|responsavel|gestor|gestora|chefe|escalista) (de|do|da) (plantao|escala|turno) (de voces|dai)\b" +
        // "solicito atendimento por um membro da equipe".
        @"|\b(atendimento|atendid[oa]|atender) (por|de|com) (um|uma|algum|alguma) (membro|integrante|colaborador|colaboradora|funcionario|funcionaria|representante) (da|de|do) (equipe|empresa|voces|time|escala)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex AsksForPerson13();
}
