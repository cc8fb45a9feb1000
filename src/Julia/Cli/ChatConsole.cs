using Julia.Conversations;
using Julia.Doctors;
using Julia.Queue;
using Julia.WhatsApp;

namespace Julia.Cli;

/// <summary>
/// `julia chat --telefone 5511…`: talk with Júlia as that doctor through the real pipeline (intake, turn runner,
/// agent, queue). Replies are shown as they are queued and recorded as sent by the console (`provider_message_id`
/// `console:*`), so the next turn has them in its history. Without ANTHROPIC_API_KEY it shows the fallback.
/// </summary>
internal static class ChatConsole
{
    public static async Task<int> RunAsync(WebApplication app, string phone, string name)
    {
        var canonical = PhoneNumbers.Canonical(phone);
        if (canonical is null)
        {
            await Console.Error.WriteLineAsync("julia: --telefone precisa ter DDD e número (ex.: 5511999990001)");
            return 2;
        }
        await app.StartAsync();
        var intake = app.Services.GetRequiredService<InboundIntake>();
        var conversations = app.Services.GetRequiredService<ConversationStore>();
        var queue = app.Services.GetRequiredService<QueueStore>();
        var doctors = app.Services.GetRequiredService<DoctorDirectory>();
        Console.WriteLine($"Conversando como {name} ({canonical}). Escreva e tecle Enter; /sair para terminar.");

        while (Console.ReadLine() is { } line && line.Trim() != "/sair")
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var jid = PhoneNumbers.Jid(canonical);
            await intake.AcceptAsync(new InboundMessage($"CONSOLE-{Guid.NewGuid():N}", jid, jid, null, name, MessageKinds.Text, line,
                null, DateTimeOffset.UtcNow, null), CancellationToken.None);
            var doctor = await doctors.FindAsync(canonical, null, CancellationToken.None);
            if (doctor is null) continue;
            if (!await WaitForTurnAsync(conversations, doctor.Id)) Console.WriteLine("(sem resposta em 90 s)");
            foreach (var (id, conversaId, tipo, text, llm) in await queue.PendingRepliesAsync(conversations.DataSource, doctor.Id, CancellationToken.None))
            {
                Console.WriteLine($"Júlia{(tipo == QueueKinds.Sistema ? " (sistema)" : "")}: {text}");
                await using var connection = await conversations.DataSource.OpenConnectionAsync();
                await using var tx = await connection.BeginTransactionAsync();
                await queue.MarkSentAsync(tx, id, $"console:{id:N}", CancellationToken.None);
                await conversations.RecordOutboundAsync(tx, doctor.Id, conversaId, tipo == QueueKinds.Sistema ? "sistema" : "julia",
                    $"fila:{tipo}", text, $"console:{id:N}", jid, llm, CancellationToken.None);
                await tx.CommitAsync();
            }
        }
        await app.StopAsync();
        return 0;
    }

    static async Task<bool> WaitForTurnAsync(ConversationStore conversations, Guid medicoId)
    {
        for (var i = 0; i < 900; i++)
        {
            await Task.Delay(100);
            await using var c = await conversations.DataSource.OpenConnectionAsync();
            await using var cmd = new Npgsql.NpgsqlCommand(
                "SELECT count(*) FROM interacoes WHERE medico_id = @m AND direcao = 'entrada' AND processado_em IS NULL", c);
            cmd.Parameters.AddWithValue("m", medicoId);
            if ((long)(await cmd.ExecuteScalarAsync())! == 0) return true;
        }
        return false;
    }
}
