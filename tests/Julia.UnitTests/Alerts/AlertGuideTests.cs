using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Julia.Alerts;
using Julia.Slack;

namespace Julia.UnitTests.Alerts;

/// <summary>
/// Every alert says what to do first and where the runbook goes on (docs/decisions.md#alert-guide): a Slack
/// alert said what happened and how bad, never where to look (an audit of what people read, 2026-12-05).
/// </summary>
public sealed class AlertGuideTests
{
    static readonly string[] Severities = [AlertTypes.Info, AlertTypes.Warning, AlertTypes.Error, AlertTypes.Critical];

    /// <summary>Every `tipo` the alert table knows, read from the constants so a new one cannot be left out.</summary>
    public static TheoryData<string> Types()
    {
        var data = new TheoryData<string>();
        foreach (var f in typeof(AlertTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
                     .Where(f => f.IsLiteral && f.FieldType == typeof(string)))
            if (f.GetRawConstantValue() is string value && !Severities.Contains(value)) data.Add(value);
        return data;
    }

    static readonly HashSet<string> RunbookHeadings = [.. File.ReadLines(Path.Combine(ArchitectureDocument.RepositoryRoot(), "docs", "runbook.md"))
        .Where(l => l.StartsWith('#')).Select(l => l.TrimStart('#').Trim())];

    [Theory]
    [MemberData(nameof(Types))]
    public void EveryAlertNamesAFirstStepAndARunbookSectionThatExists(string tipo)
    {
        var guide = AlertGuide.For(tipo);

        if (tipo == AlertTypes.WhatsAppReconectado)
        {
            // The end of an outage: news, nothing to do.
            Assert.StartsWith("Nada a fazer", guide);
            return;
        }
        var mark = guide.IndexOf(AlertGuide.RunbookMark, StringComparison.Ordinal);
        Assert.True(mark > 0, $"{tipo}: no runbook section in \"{guide}\"");
        var section = guide[(mark + AlertGuide.RunbookMark.Length)..].TrimEnd('.');
        Assert.True(RunbookHeadings.Contains(section), $"{tipo}: docs/runbook.md has no heading \"{section}\"");
        Assert.True(char.IsUpper(guide[0]), guide);
        Assert.DoesNotContain("  ", guide);
    }

    [Fact]
    public void AnUnknownTypeIsSentToTheAlertTable() =>
        Assert.EndsWith(AlertGuide.RunbookMark + "Alertas.", AlertGuide.For("tipo_novo"));

    static List<string> Fields(JsonObject message) =>
        [.. message["attachments"]![0]!["blocks"]![1]!["fields"]!.AsArray().Select(f => f!["text"]!.GetValue<string>())];

    [Fact]
    public void SlackShowsWhatToDoAfterTheTime()
    {
        var payload = JsonSerializer.SerializeToElement(new
        {
            tipo = AlertTypes.SemRespostas, severidade = AlertTypes.Critical, mensagem = "Nenhuma mensagem da Júlia nos últimos 30 min",
            criado_em = "2026-12-05T06:00:00Z", o_que_fazer = AlertGuide.For(AlertTypes.SemRespostas),
        });

        var fields = Fields(SlackAlertMessage.Render(payload)!);

        Assert.Equal(4, fields.Count);
        Assert.Equal("*O que fazer:*\n" + AlertGuide.For(AlertTypes.SemRespostas), fields[3]);
        Assert.Contains("7. Mensagens de médicos não são respondidas", fields[3]);
    }

    [Fact]
    public void AnAlertQueuedBeforeTheFieldExistedStillRendersItsThreeFields()
    {
        var payload = JsonSerializer.SerializeToElement(new
        {
            tipo = AlertTypes.FilaCongestionada, severidade = AlertTypes.Warning, mensagem = "Fila congestionada", criado_em = "2026-12-05T06:00:00Z",
        });

        var fields = Fields(SlackAlertMessage.Render(payload)!);

        Assert.Equal(["*Descrição:*\nFila congestionada", "*Severidade:*\nAtenção (warning)", "*Horário:*\n03:00"], fields);
    }
}
