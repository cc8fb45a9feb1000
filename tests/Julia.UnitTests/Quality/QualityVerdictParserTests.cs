using Julia.Quality;

namespace Julia.UnitTests.Quality;

public sealed class QualityVerdictParserTests
{
    const string Valid = """{"naturalidade": 7, "persona": 8, "objetivo": 6, "satisfacao": 9, "pontos_positivos": ["direta"], "pontos_negativos": [], "sugestoes": "perguntar o período"}""";

    [Fact]
    public void ABareObjectGivesTheFourScoresAndTheDetails()
    {
        var (verdict, problem) = QualityVerdictParser.Parse(Valid);

        Assert.Null(problem);
        Assert.Equal(new QualityScores(7, 8, 6, 9), verdict!.Scores);
        Assert.Equal(["direta"], verdict.Details.PontosPositivos);
        Assert.Empty(verdict.Details.PontosNegativos);
        Assert.Equal(["perguntar o período"], verdict.Details.Sugestoes); // one phrase counts as a list of one
    }

    [Theory]
    [InlineData("```json\n" + Valid + "\n```")]
    [InlineData("Segue a avaliação:\n```\n" + Valid + "\n```\nQualquer dúvida, estou à disposição.")]
    [InlineData("Aqui está: " + Valid + " — fim.")]
    public void FencesAndSurroundingProseAreTolerated(string answer) =>
        Assert.Equal(new QualityScores(7, 8, 6, 9), QualityVerdictParser.Parse(answer).Verdict?.Scores);

    [Fact]
    public void TheModelsOwnOverallScoreIsIgnored()
    {
        var (verdict, _) = QualityVerdictParser.Parse("""{"naturalidade": 7, "persona": 8, "objetivo": 6, "satisfacao": 9, "score_geral": 2}""");

        Assert.Equal(8, verdict!.Scores.Overall);
    }

    [Fact]
    public void IntegralNumbersWrittenAsDecimalsOrTextAreAccepted() =>
        Assert.Equal(new QualityScores(7, 8, 6, 9),
            QualityVerdictParser.Parse("""{"naturalidade": 7.0, "persona": "8", "objetivo": 6, "satisfacao": 9}""").Verdict?.Scores);

    [Theory]
    [InlineData("", "resposta vazia")]
    [InlineData("Não consigo avaliar esta conversa.", "nenhum objeto JSON na resposta")]
    [InlineData("""{"naturalidade": 7, "persona": 8,, }""", "JSON malformado")]
    [InlineData("""{"naturalidade": 7, "persona": 8, "objetivo": 6}""", "satisfacao ausente")]
    [InlineData("""{"naturalidade": 11, "persona": 8, "objetivo": 6, "satisfacao": 9}""", "naturalidade precisa ser um inteiro de 1 a 10")]
    [InlineData("""{"naturalidade": 7, "persona": 0, "objetivo": 6, "satisfacao": 9}""", "persona precisa ser um inteiro de 1 a 10")]
    [InlineData("""{"naturalidade": 7, "persona": 8, "objetivo": 6.5, "satisfacao": 9}""", "objetivo não é um número inteiro")]
    [InlineData("""{"naturalidade": 7, "persona": 8, "objetivo": "bom", "satisfacao": 9}""", "objetivo não é um número inteiro")]
    [InlineData("""{"naturalidade": 7, "persona": 8, "objetivo": 6, "satisfacao": null}""", "satisfacao não é um número inteiro")]
    public void AnythingElseIsAProblemThatQuotesNothing(string answer, string expected)
    {
        var (verdict, problem) = QualityVerdictParser.Parse(answer);

        Assert.Null(verdict);
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void ListsAreCappedAndNonTextItemsDropped()
    {
        var many = string.Join(", ", Enumerable.Range(1, 9).Select(i => $"\"item {i}\""));
        var (verdict, _) = QualityVerdictParser.Parse($$$"""{"naturalidade": 5, "persona": 5, "objetivo": 5, "satisfacao": 5, "pontos_positivos": [{{{many}}}], "pontos_negativos": [1, " ", "curto"], "sugestoes": {"x": 1}}""");

        Assert.Equal(5, verdict!.Details.PontosPositivos.Count);
        Assert.Equal(["curto"], verdict.Details.PontosNegativos);
        Assert.Empty(verdict.Details.Sugestoes);
    }
}
