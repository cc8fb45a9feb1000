using System.Text.RegularExpressions;
using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// A doctor asking whether he talks to a bot, an AI or a person ("vc é robô?", "tô falando com uma IA?", "é gente ou
/// máquina?", "essa mensagem é automática?"). Not a handoff trigger by itself: the agent answers it honestly and offers a
/// person; the question is logged to `metricas_deteccao_bot` so the team sees how often doctors ask
/// (docs/decisions.md#agent, "Questions about what Júlia is"). A false match costs a metrics row, never a message.
/// </summary>
internal static partial class BotQuestionDetector
{
    /// <summary>The kind of question (`padrao`) and the words that matched (`trecho`), or null.</summary>
    public static (string Pattern, string Excerpt)? Detect(string? text)
    {
        var t = PtBrText.Normalise(text);
        if (t.Length == 0 || !MayAsk(t)) return null;
        foreach (var (pattern, regex) in Patterns)
            if (regex.Match(t) is { Success: true } m) return (pattern, m.Value.Trim());
        return null;
    }

    /// <summary>Cheap pre-check: one of the words such a question needs.</summary>
    static bool MayAsk(string t) =>
        t.Contains("robo", StringComparison.Ordinal) || t.Contains("bot", StringComparison.Ordinal) || t.Contains("ia", StringComparison.Ordinal)
        || t.Contains("maquina", StringComparison.Ordinal) || t.Contains("automat", StringComparison.Ordinal) || t.Contains("human", StringComparison.Ordinal)
        || t.Contains("pessoa", StringComparison.Ordinal) || t.Contains("gente", StringComparison.Ordinal) || t.Contains("inteligencia", StringComparison.Ordinal)
        || t.Contains("virtual", StringComparison.Ordinal) || t.Contains("real", StringComparison.Ordinal) || t.Contains("verdade", StringComparison.Ordinal) || t.Contains("gpt", StringComparison.Ordinal);

    const string Machine = @"(um |uma |o |a )?(robo|robozinho|robozinha|bot|chatbot|chat bot|ia|inteligencia artificial|maquina|assistente virtual|atendente virtual|sistema automatico|resposta automatica|gpt|chatgpt|chat gpt)";
    const string Person = @"(um |uma )?(pessoa|pessoas|humano|humanos|humana|humanas|gente|ser humano)( de verdade| real| mesmo| mesma)?";

    /// <summary>After "você é uma pessoa": a compliment or a description, not the question ("uma pessoa muito atenciosa").</summary>
    const string Described = @"(?! (que|muito|mt|mto|tao|boa|bom|legal|otima|otimo|atenciosa|atencioso|educada|educado|incrivel|especial|maravilhosa|maravilhoso|gentil|rapida|rapido|simpatica|simpatico)\b)";

    static readonly (string Pattern, Regex Regex)[] Patterns =
    [
        // "é pessoa ou robô?", "vcs têm atendente humano ou é tudo bot?": the either-or question.
        ("pessoa_ou_robo", EitherOr()),
        // "vc é robô?", "você é uma IA?", "vc é humana?", "vc não é robô né?", "é um bot?"
        ("voce_e_robo", YouAre()),
        // "tô falando com um robô?", "estou conversando com uma pessoa de verdade?"
        ("falando_com_robo", TalkingTo()),
        // "essa mensagem é automática?", "isso aqui é automático?", "essas msgs são de robô?"
        ("mensagem_automatica", Automatic()),
        // "quem tá respondendo é robô?", "quem escreve aqui é uma pessoa?"
        ("quem_responde", WhoAnswers()),
    ];

    [GeneratedRegex(@"\b(pessoa|humano|humana|gente|gente de verdade|pessoa de verdade|pessoa real|atendente|atendente humano)( ou | ou e | ou eh | ou sao | ou e tudo | ou e so )" + Machine + @"\b"
                    + @"|\b" + Machine + @"( ou | ou e | ou eh )" + Person + @"\b"
                    + @"|\bou (e |eh |sao |e so |e tudo )?(tudo |so )?(robo|robos|bot|bots|maquina|ia|inteligencia artificial|automatico)\b", RegexOptions.CultureInvariant)]
    private static partial Regex EitherOr();

    [GeneratedRegex(@"(^|\b(voce|voces|tu|julia|afinal|entao|serio)\b )(nao )?(e|sao|seria|sera que e|e mesmo|e mesma)( mesmo| mesma| real| de verdade)? " + Machine + @"\b"
                    + @"|\b(voce|voces|tu|julia)( nao)? (e|sao|seria|e mesmo|e mesma)( mesmo| mesma| real| de verdade)? " + Person + Described + @"\b", RegexOptions.CultureInvariant)]
    private static partial Regex YouAre();

    [GeneratedRegex(@"\b(to|tou|estou|estamos|ta|eu to|eu estou) (falando|conversando|teclando|batendo papo) (aqui )?com (" + Machine + @"|" + Person + @")\b", RegexOptions.CultureInvariant)]
    private static partial Regex TalkingTo();

    [GeneratedRegex(@"\b(essa|esta|essas|estas|sua|suas|tua) (mensagem|mensagens|msg|msgs|resposta|respostas) (e|eh|sao|foi|foram|vem|vieram) (automatica|automaticas|automatizada|automatizadas|gerada|geradas|de robo|de bot|de ia|por ia|por robo|por bot)\b"
                    + @"|\b(isso|isso aqui|aqui|esse atendimento|esse numero|esse whatsapp|esse zap) (e|eh) (automatico|automatizado|um robo|robo|bot|um bot|ia|uma ia)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Automatic();

    [GeneratedRegex(@"\bquem (ta|esta|e que esta|e que ta)? ?(respondendo|escrevendo|digitando|falando|responde|escreve) (aqui |comigo |aqui comigo )?(e|eh) (" + Machine + @"|" + Person + @")\b", RegexOptions.CultureInvariant)]
    private static partial Regex WhoAnswers();
}
