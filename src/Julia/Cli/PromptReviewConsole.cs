using Julia.Infrastructure.Time;
using Julia.PromptReview;
using Spectre.Console;

namespace Julia.Cli;

/// <summary>What `julia avaliar-prompt` was asked: the candidate persona (already read), how many conversations, where the report goes.</summary>
internal sealed record PromptReviewRequest(string PromptPath, string Persona, int Conversations, string ReportPath);

/// <summary>
/// `julia avaliar-prompt --prompt persona.md [--conversas 50] [--saida relatorio.html]`: a progress bar on a terminal
/// and plain lines otherwise, then the HTML report and a short summary. Exit 0 done, 1 agent off or the run stopped
/// by failures or nothing compared, 2 bad usage (no readable prompt, no folder for the report).
/// </summary>
internal static class PromptReviewConsole
{
    /// <summary>The request, or null after printing why it cannot run (exit 2). Nothing is built before this passes.</summary>
    public static async Task<PromptReviewRequest?> PrepareAsync(IReadOnlyDictionary<string, string> options, TimeProvider time)
    {
        var path = options["--prompt"];
        string persona;
        try { persona = await File.ReadAllTextAsync(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            await Console.Error.WriteLineAsync($"julia: não consegui ler o prompt {path}: {UnreadableBecause(path, ex)}");
            return null;
        }
        if (string.IsNullOrWhiteSpace(persona))
        {
            await Console.Error.WriteLineAsync($"julia: o prompt {path} está vazio");
            return null;
        }
        var count = options.TryGetValue("--conversas", out var n) ? int.Parse(n) : PromptReviewRunner.DefaultConversations;
        var given = options.GetValueOrDefault("--saida") ?? $"avaliacao-prompt-{SaoPaulo.ToLocal(time.GetUtcNow()):yyyyMMdd-HHmm}.html";
        // Checked before the first (paid) model call: a report that cannot be written would waste the whole run.
        var (report, problem) = OutputFile.Check(given, "avaliacao.html");
        if (report is null)
        {
            await Console.Error.WriteLineAsync($"julia: {problem}");
            return null;
        }
        return new PromptReviewRequest(path, persona, count, report);
    }

    /// <summary>
    /// Why a file could not be read, in pt-BR: .NET's own message is English and, for a folder, wrong ("Access to the path
    /// '/tmp' is denied." — an audit of what people read, 2026-12-05).
    /// </summary>
    internal static string UnreadableBecause(string path, Exception ex) => ex switch
    {
        _ when Directory.Exists(path) => "é uma pasta; dê o arquivo do prompt (ex.: persona.md)",
        FileNotFoundException or DirectoryNotFoundException => "o arquivo não existe (confira o caminho)",
        UnauthorizedAccessException => "sem permissão de leitura",
        ArgumentException or NotSupportedException or PathTooLongException => "caminho inválido",
        _ => $"erro de leitura ({ex.GetType().Name})",
    };

    public static async Task<int> RunAsync(PromptReviewRunner runner, PromptReviewRequest request)
    {
        if (!runner.IsEnabled)
        {
            await Console.Error.WriteLineAsync($"julia: {runner.OffReason}: nada a avaliar");
            return 1;
        }
        PromptReviewResult result;
        if (RetentionConsole.Interactive)
        {
            result = await AnsiConsole.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("Reproduzindo conversas", autoStart: true);
                    var progress = new SyncProgress<PromptReviewProgress>(p =>
                    {
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done;
                        task.Description = Markup.Escape($"Conversas {p.Done}/{p.Total}");
                    });
                    return await runner.RunAsync(request.PromptPath, request.Persona, request.Conversations, progress, CancellationToken.None);
                });
        }
        else
        {
            var progress = new SyncProgress<PromptReviewProgress>(p => Console.WriteLine(p.Done == 0 ? p.Line : $"[{p.Done}/{p.Total}] {p.Line}"));
            result = await runner.RunAsync(request.PromptPath, request.Persona, request.Conversations, progress, CancellationToken.None);
        }
        var html = PromptReviewReport.Html(result);
        var written = await TryWriteAsync(request.ReportPath, html);
        if (written is null)
        {
            // Disk full or permissions changed during the run: the temp folder instead, so the tokens spent are not lost —
            // under a name of its own, which neither overwrites a file there nor collides with a folder of the same name.
            var fallback = Path.Combine(Path.GetTempPath(),
                $"{Path.GetFileNameWithoutExtension(request.ReportPath)}-{Guid.NewGuid().ToString("N")[..8]}.html");
            if (await TryWriteAsync(fallback, html) is not null) await Console.Error.WriteLineAsync($"julia: relatório gravado em {fallback}");
            else fallback = "(não gravado)";
            foreach (var line in PromptReviewReport.Summary(result, fallback)) Console.WriteLine(line);
            return 1;
        }
        foreach (var line in PromptReviewReport.Summary(result, written)) Console.WriteLine(line);
        return result.Failed ? 1 : 0;
    }

    /// <summary>The path written, or null after saying on stderr why it could not be.</summary>
    static async Task<string?> TryWriteAsync(string path, string html)
    {
        try
        {
            await File.WriteAllTextAsync(path, html);
            return path;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"julia: não consegui gravar o relatório em {path}: {ex.Message}");
            return null;
        }
    }

    /// <summary>Reports on the caller's thread, in order.</summary>
    sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
