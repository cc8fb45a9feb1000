using Julia.Conversations.Text;

namespace Julia.UnitTests.Conversations;

/// <summary>docs/decisions.md#agent, "Questions about what Júlia is": what is logged to metricas_deteccao_bot.</summary>
public sealed class BotQuestionDetectorTests
{
    [Theory]
    [InlineData("vc é robô?", "voce_e_robo")]
    [InlineData("Você é uma IA?", "voce_e_robo")]
    [InlineData("VC EH ROBO", "voce_e_robo")]
    [InlineData("vc é humana mesmo?", "voce_e_robo")]
    [InlineData("julia vc nao é robô né", "voce_e_robo")]
    [InlineData("é um bot?", "voce_e_robo")]
    [InlineData("afinal, é robô ou não?", "voce_e_robo")]
    [InlineData("vcs são pessoas de verdade?", "voce_e_robo")]
    [InlineData("é pessoa ou robô?", "pessoa_ou_robo")]
    [InlineData("vcs têm atendente humano ou é tudo bot?", "pessoa_ou_robo")]
    [InlineData("isso é inteligência artificial ou gente?", "pessoa_ou_robo")]
    [InlineData("tô falando com um robô?", "falando_com_robo")]
    [InlineData("estou conversando com uma pessoa de verdade?", "falando_com_robo")]
    [InlineData("to falando com o chatgpt kkkk", "falando_com_robo")]
    [InlineData("essa mensagem é automática?", "mensagem_automatica")]
    [InlineData("isso aqui é automático?", "mensagem_automatica")]
    [InlineData("suas respostas são geradas por ia?", "mensagem_automatica")]
    [InlineData("quem tá respondendo é robô?", "quem_responde")]
    [InlineData("quem escreve aqui é uma pessoa?", "quem_responde")]
    public void AQuestionAboutWhatSheIsIsFoundWithItsKind(string text, string pattern)
    {
        var found = BotQuestionDetector.Detect(text);
        Assert.NotNull(found);
        Assert.Equal(pattern, found.Value.Pattern);
        Assert.False(string.IsNullOrWhiteSpace(found.Value.Excerpt));
    }

    [Theory]
    [InlineData("tem plantão sábado?")]
    [InlineData("vc é uma pessoa muito atenciosa, obrigado")]
    [InlineData("você é gente boa demais")]
    [InlineData("não sou robô, só respondi rápido")]
    [InlineData("o robô da cirurgia do hospital quebrou")]
    [InlineData("é, gente, tô indo pro plantão")]
    [InlineData("qual o dia do plantão?")]
    [InlineData("a pessoa que me ligou era de vocês?")]
    [InlineData("o sistema do hospital é automático")]
    [InlineData("")]
    [InlineData(null)]
    public void OtherWordsAreNoQuestionAboutHer(string? text) => Assert.Null(BotQuestionDetector.Detect(text));
}
