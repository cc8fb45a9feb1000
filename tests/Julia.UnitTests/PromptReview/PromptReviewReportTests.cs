using Julia.PromptReview;
using Julia.Quality;

namespace Julia.UnitTests.PromptReview;

public sealed class PromptReviewReportTests
{
    static ConversationReview Judged(int old, int @new, string doctor = "oi") => new(Guid.NewGuid(),
        [new TurnComparison([doctor], "resposta gravada", new ReplayReply("resposta nova", false, ["buscar_vagas"]))],
        new QualityScores(old, old, old, old), new QualityScores(@new, @new, @new, @new), null);

    [Fact]
    public void WorstRegressionsComeFirstAndStopAtTen()
    {
        var reviews = Enumerable.Range(0, 12).Select(i => Judged(8, i % 2 == 0 ? 9 : 8)).Append(Judged(9, 3)).Append(Judged(7, 5)).ToList();
        var result = new PromptReviewResult("p.md", "m", "j", 50, DateTimeOffset.UnixEpoch, reviews, null);

        var worst = result.WorstRegressions;

        Assert.Equal(PromptReviewResult.WorstShown, worst.Count);
        Assert.Equal([-6, -2, 0], worst.Take(3).Select(c => c.Delta));
    }

    [Fact]
    public void ARunFailsWhenItStoppedOrComparedNothing()
    {
        var skipped = new ConversationReview(Guid.NewGuid(), [], null, null, "sem resposta do agente");
        PromptReviewResult Run(string? stopped, params ConversationReview[] reviews) => new("p.md", "m", "j", 5, DateTimeOffset.UnixEpoch, reviews, stopped);

        Assert.False(Run(null).Failed);                       // no conversation to replay: done
        Assert.False(Run(null, Judged(7, 7), skipped).Failed); // some skipped: done
        Assert.True(Run(null, skipped, skipped).Failed);
        Assert.True(Run("circuito claude aberto", Judged(7, 7)).Failed);
    }

    [Fact]
    public void EveryRecordedOrGeneratedTextIsEscaped()
    {
        var skipped = new ConversationReview(Guid.NewGuid(), [], null, null, "avaliador indisponível: <erro>");
        var result = new PromptReviewResult("pasta/<persona>.md", "m", "j", 2, DateTimeOffset.UnixEpoch,
            [Judged(8, 6, "<img src=x onerror=alert(1)> & 'aspas'"), skipped], null);

        var html = PromptReviewReport.Html(result);

        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt; &amp; &#39;aspas&#39;", html);
        Assert.Contains("pasta/&lt;persona&gt;.md", html);
        Assert.Contains("avaliador indisponível: &lt;erro&gt;", html);
        Assert.DoesNotContain("http", html); // self-contained: no external asset
    }

    [Fact]
    public void WithNothingJudgedTheMeansAreDashesAndTheSummarySaysSo()
    {
        var result = new PromptReviewResult("p.md", "m", "j", 5, DateTimeOffset.UnixEpoch, [], "circuito claude aberto");

        var html = PromptReviewReport.Html(result);
        var summary = PromptReviewReport.Summary(result, "/tmp/r.html").ToList();

        Assert.Contains("<tr data-criterio=\"score_geral\"><td>score_geral</td><td class=\"n\">—</td>", html);
        Assert.Contains("Execução interrompida: circuito claude aberto.", html);
        Assert.Equal(["Prompt p.md: 0 conversas avaliadas, 0 puladas", "Interrompido: circuito claude aberto", "Relatório: /tmp/r.html"], summary);
    }

    [Fact]
    public void WithNoConversationToReplayTheSummaryAndTheReportSaySo()
    {
        var result = new PromptReviewResult("p.md", "m", "j", 50, DateTimeOffset.UnixEpoch, [], null);

        Assert.Contains(PromptReviewReport.NothingToReplay, PromptReviewReport.Summary(result, "/tmp/r.html"));
        Assert.Contains(PromptReviewReport.NothingToReplay, PromptReviewReport.Html(result));
    }
}
