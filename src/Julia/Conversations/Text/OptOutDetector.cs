using Julia.Infrastructure.Text;
using System.Text.RegularExpressions;

namespace Julia.Conversations.Text;

/// <summary>
/// "Stop messaging me" in the many ways doctors write it (docs/decisions.md#opt-out). Works on <see cref="PtBrText.Normalise"/>d
/// text. Bare "para" is a preposition and never matches alone; "bloqueia minha agenda" is about a calendar.
/// </summary>
internal static partial class OptOutDetector
{
    public static bool IsOptOut(string? text)
    {
        var normalised = PtBrText.Normalise(text);
        return normalised.Length > 0 && Pattern().IsMatch(normalised);
    }

    const string Send = @"(mandar|enviar|mandando|enviando|me mandar|me enviar|me mandando|me enviando|escrever|me escrever|me chamar|chamar|contatar|me contatar|me contactar|contactar|me procurar|procurar|me ligar|ligar|importunar|me importunar|encher|me encher|perturbar|me perturbar|incomodar|me incomodar)";
    const string Messages = @"(mensagem|mensagens|essas mensagens|estas mensagens|isso|nada|spam|propaganda|oferta|ofertas|contato|vagas|plantoes|whatsapp|zap)";
    const string AboutOneShift = @"(nesse|neste|nessa|nesta|desse|deste|dessa|desta|no|na|do|da|nesses|nessas) (plantao|plantoes|vaga|vagas|horario|dia|hospital|turno|valor)";

    [GeneratedRegex(
        @"^(pare|parem|parar|stop|chega|descadastrar|descadastra|remover|unsubscribe)( por favor| ja| agora)?$" +
        @"|\b(pare|parem|para|parar|paro) (de|com) (" + Send + @"|" + Messages + @"|isso|essas|esses)\b" +
        @"|\bnao (quero|desejo|gostaria de|preciso) (mais )?(receber|ser contatado|ser contactado|ser incomodado|contato)( mais)?( (de )?" + Messages + @"| (de )?voces| (de )?voce|$)" +
        @"|\bnao (me )?(mande|mandem|manda|envie|envia|enviem|escreva|escrevam|chame|chamem|contate|contatem|procure|procurem|ligue|liguem|perturbe|perturbem|incomode|incomodem)( nada| nenhuma mensagem)? mais\b" +
        @"|\bnao (me )?(mande|mandem|manda|envie|envia|enviem) (mais )?(" + Messages + @")\b" +
        @"|\b(me )?(tire|tira|tirem|remova|remove|removam|retire|retira|exclua|exclui|excluam|apague|apaga|deleta|delete)( o| meu)?( numero| contato| nome| telefone)? (da|dessa|desta|de sua|da sua|de|dos|das) (lista|listas|cadastro|base|contatos|grupo de envio|envios)\b" +
        @"|\bunsubscribe\b|\bstop\b|\bdescadastr|\bme descadastra" +
        @"|\bcancel(ar|a|e|em) (o |os |as |a |meus |minhas )?(envio|envios|mensagem|mensagens|inscricao|cadastro|assinatura|contatos)\b" +
        @"|\bvou (te |lhe |the )?bloquear\b(?! (a |minha |o |meu |essa |esta |esse |este )?(agenda|data|dia|horario|semana|plantao|escala|vaga))" +
        @"|\bbloque(ar|ando|ei) (esse|este|seu|o seu|teu|o teu|o) (numero|contato|whatsapp|zap)\b" +
        @"|\b(nao tenho|sem|nao tenho mais|nenhum) interesse\b(?! (" + AboutOneShift + @"))" +
        @"|\bnao (estou|to|sou|fico) interessad[oa]s?\b(?! (" + AboutOneShift + @"))" +
        @"|\bnao me interessa(m)? mais\b" +
        @"|^chega\b|\bchega de (" + Messages + @"|mensagem|voces|insistir|mandar)\b" +
        @"|\bdesisto\b(?! (" + AboutOneShift + @"|do plantao|da vaga|da reserva))" +
        @"|\bme (esquece|esquecam|deixa em paz|deixem em paz|deixe em paz)\b" +
        @"|\bsai(a|am)? do meu (pe|whatsapp|zap)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
