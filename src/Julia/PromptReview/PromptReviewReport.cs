using System.Globalization;
using System.Text;
using Julia.Infrastructure.Time;

namespace Julia.PromptReview;

/// <summary>
/// The report of `julia avaliar-prompt`: one self-contained HTML page in pt-BR (no external asset), every piece of
/// recorded or generated text HTML-escaped, and the short summary printed on the console.
/// </summary>
internal static class PromptReviewReport
{
    static readonly CultureInfo PtBr = CultureInfo.GetCultureInfo("pt-BR");

    static readonly Dictionary<string, string> RowNames = new()
    {
        ["naturalidade"] = "Naturalidade", ["persona"] = "Persona", ["objetivo"] = "Objetivo", ["satisfacao"] = "Satisfação", ["score_geral"] = "score_geral",
    };

    const string Style = """
        body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#1d2433}
        h1{font-size:1.5rem}h2{margin-top:2.2rem;border-bottom:1px solid #d5dae3}h3{font-size:1.05rem;margin-top:1.8rem}
        table{border-collapse:collapse;width:100%;margin:.6rem 0}th,td{border:1px solid #d5dae3;padding:.4rem .6rem;vertical-align:top;text-align:left}
        th{background:#f1f4f8}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        .pior{color:#b3261e;font-weight:600}.melhor{color:#1b7f3b;font-weight:600}.msg{white-space:pre-wrap}
        .ferr{color:#5b6475;font-size:.85em;margin-top:.3rem}.auto{font-style:italic}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
        dt{color:#5b6475}dd{margin:0}.aviso{background:#fff4e5;border:1px solid #f0b35c;padding:.6rem}
        """;

    public static string Html(PromptReviewResult r)
    {
        var b = new StringBuilder();
        b.Append("<!DOCTYPE html>\n<html lang=\"pt-BR\">\n<head>\n<meta charset=\"utf-8\">\n<title>Avaliação de prompt — ")
            .Append(E(Path.GetFileName(r.PromptPath))).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        b.Append("<h1>Avaliação do prompt candidato</h1>\n<dl>\n");
        Item(b, "Prompt", r.PromptPath);
        Item(b, "Modelo da conversa", r.Model);
        Item(b, "Modelo do avaliador", r.JudgeModel);
        Item(b, "Gerado em", $"{SaoPaulo.ToLocal(r.StartedAt):dd'/'MM'/'yyyy HH':'mm} (horário de São Paulo)");
        Item(b, "Conversas pedidas", r.Requested.ToString(PtBr));
        b.Append("<dt>Conversas avaliadas</dt><dd id=\"avaliadas\">").Append(r.Judged.Count).Append("</dd>\n");
        b.Append("<dt>Conversas puladas</dt><dd id=\"puladas\">").Append(r.Skipped.Count).Append("</dd>\n");
        b.Append("<dt>Turnos reproduzidos</dt><dd id=\"turnos\">").Append(r.Judged.Sum(c => c.Turns.Count)).Append("</dd>\n</dl>\n");
        b.Append("<p>Cada mensagem do médico foi enviada de novo ao modelo com o prompt candidato, com o histórico e o perfil do médico. ")
            .Append("As ferramentas só leram o banco: nada foi reservado, gravado ou enviado. O avaliador da nota de qualidade deu notas à ")
            .Append("conversa gravada e à conversa com as respostas novas.</p>\n");
        if (r.StoppedBecause is { } why) b.Append("<p class=\"aviso\">Execução interrompida: ").Append(E(why)).Append(".</p>\n");

        b.Append("<h2>Médias por critério</h2>\n<table id=\"medias\">\n<tr><th>Critério</th><th>Prompt atual (gravado)</th><th>Prompt candidato</th><th>Diferença</th></tr>\n");
        foreach (var row in PromptReviewResult.Rows)
        {
            var mean = r.Mean(row);
            b.Append("<tr data-criterio=\"").Append(row).Append("\"><td>").Append(RowNames[row]).Append("</td>");
            if (mean is not { } m) { b.Append("<td class=\"n\">—</td><td class=\"n\">—</td><td class=\"n\">—</td></tr>\n"); continue; }
            b.Append("<td class=\"n\" data-lado=\"atual\">").Append(Number(m.Old)).Append("</td><td class=\"n\" data-lado=\"candidato\">")
                .Append(Number(m.New)).Append("</td><td class=\"n ").Append(Tone(m.New - m.Old)).Append("\" data-lado=\"diferenca\">")
                .Append(Signed(m.New - m.Old)).Append("</td></tr>\n");
        }
        b.Append("</table>\n");

        b.Append("<h2>Piores regressões</h2>\n<p>As conversas avaliadas que mais perderam score_geral primeiro (até ")
            .Append(PromptReviewResult.WorstShown).Append("), com cada mensagem do médico, a resposta gravada e a do prompt candidato.</p>\n");
        var worst = r.WorstRegressions;
        if (worst.Count == 0) b.Append("<p>").Append(r.Conversations.Count == 0 ? NothingToReplay + "." : "Nenhuma conversa avaliada.").Append("</p>\n");
        for (var i = 0; i < worst.Count; i++) Conversation(b, worst[i], i + 1);

        if (r.Skipped.Count > 0)
        {
            b.Append("<h2>Conversas puladas</h2>\n<ul id=\"puladas-lista\">\n");
            foreach (var s in r.Skipped) b.Append("<li>").Append(s.ConversaId).Append(": ").Append(E(s.Skipped ?? "")).Append("</li>\n");
            b.Append("</ul>\n");
        }
        return b.Append("</body>\n</html>\n").ToString();
    }

    static void Conversation(StringBuilder b, ConversationReview c, int rank)
    {
        b.Append("<section class=\"regressao\" data-conversa=\"").Append(c.ConversaId).Append("\" data-posicao=\"").Append(rank).Append("\">\n<h3>")
            .Append(rank).Append(". Conversa ").Append(c.ConversaId).Append(": score_geral ").Append(c.Old!.Overall).Append(" → ").Append(c.New!.Overall)
            .Append(" <span class=\"").Append(Tone(c.Delta)).Append("\">(").Append(c.Delta.ToString("+0;-0;0", PtBr)).Append(")</span></h3>\n<p>");
        foreach (var row in Julia.Quality.QualityScores.Criteria)
            b.Append(RowNames[row]).Append(' ').Append(PromptReviewResult.Score(c.Old, row)).Append(" → ").Append(PromptReviewResult.Score(c.New, row)).Append("; ");
        b.Length -= 2;
        b.Append("</p>\n<table>\n<tr><th>Médico</th><th>Resposta gravada</th><th>Resposta do prompt candidato</th></tr>\n");
        foreach (var t in c.Turns)
        {
            b.Append("<tr><td class=\"msg\">").Append(E(string.Join('\n', t.Doctor))).Append("</td><td class=\"msg antiga\">").Append(E(t.OldReply))
                .Append("</td><td class=\"msg nova").Append(t.NewReply.Automatic ? " auto" : "").Append("\">").Append(E(t.NewReply.Text));
            if (t.NewReply.Tools.Count > 0) b.Append("<div class=\"ferr\">ferramentas: ").Append(E(string.Join(", ", t.NewReply.Tools))).Append("</div>");
            b.Append("</td></tr>\n");
        }
        b.Append("</table>\n</section>\n");
    }

    /// <summary>A few lines for the console: counts, the means old → new, the worst regression and where the report is.</summary>
    public static IEnumerable<string> Summary(PromptReviewResult r, string reportPath)
    {
        yield return $"Prompt {r.PromptPath}: {Infrastructure.Text.PtBrCount.Of(r.Judged.Count, "conversa avaliada", "conversas avaliadas")}, {Infrastructure.Text.PtBrCount.Of(r.Skipped.Count, "pulada", "puladas")}";
        if (r.StoppedBecause is { } why) yield return $"Interrompido: {why}";
        else if (r.Conversations.Count == 0) yield return NothingToReplay;
        foreach (var row in PromptReviewResult.Rows)
            if (r.Mean(row) is { } m) yield return $"{row}: {Number(m.Old)} → {Number(m.New)} ({Signed(m.New - m.Old)})";
        if (r.WorstRegressions.FirstOrDefault() is { } worst && worst.Delta < 0)
            yield return $"Pior regressão: conversa {worst.ConversaId} (score_geral {worst.Old!.Overall} → {worst.New!.Overall})";
        yield return $"Relatório: {reportPath}";
    }

    /// <summary>Said when the database has no conversation to replay (a new installation, everything erased).</summary>
    public const string NothingToReplay = "Nenhuma conversa gravada em que o médico escreveu e a Júlia respondeu: nada a comparar";

    static void Item(StringBuilder b, string name, string value) => b.Append("<dt>").Append(name).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");

    /// <summary>HTML-escapes the five special characters only (WebUtility would also turn every accent into &amp;#NNN;).</summary>
    static string E(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;");
    static string Number(double v) => v.ToString("0.00", PtBr);
    static string Signed(double v) => Math.Round(v, 2) == 0 ? "0,00" : v.ToString("+0.00;-0.00", PtBr);
    static string Tone(double delta) => delta < 0 ? "pior" : delta > 0 ? "melhor" : "";
}
