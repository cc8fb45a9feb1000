using Julia.Quality;

namespace Julia.UnitTests.Quality;

public sealed class QualityTranscriptTests
{
    [Fact]
    public void EachMessageIsLabelledByWhoWroteIt()
    {
        TranscriptLine[] lines =
        [
            new("entrada", "medico", "texto", "Oi, tem plantão sábado?"),
            new("saida", "julia", "texto", "Tenho sim!\nUm diurno no Hospital ABC."),
            new("saida", "sistema", "texto", "Vou chamar alguém da equipe."),
            new("saida", "humano", "texto", "Oi Dr., aqui é a Carla."),
            new("entrada", "medico", "imagem", null),
        ];

        var text = QualityTranscript.Build(lines, omitted: 3);

        Assert.Equal("""
            (3 mensagens anteriores omitidas)
            Médico: Oi, tem plantão sábado?
            Júlia: Tenho sim! / Um diurno no Hospital ABC.
            Júlia (mensagem automática): Vou chamar alguém da equipe.
            Equipe: Oi Dr., aqui é a Carla.
            Médico: [imagem]

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void OneOmittedMessageIsSingular()
    {
        var text = QualityTranscript.Build([new("entrada", "medico", "texto", "Oi")], omitted: 1);

        Assert.Equal("(1 mensagem anterior omitida)\nMédico: Oi\n", text);
    }
}
