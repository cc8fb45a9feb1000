using Julia.Conversations;
using Julia.Doctors;
using Julia.WhatsApp;
using Npgsql;

namespace Julia.Cli;

/// <summary>
/// `julia chat --telefone 5511…`: talk with Júlia as that doctor through the real pipeline (intake, turn runner,
/// agent, queue, dispatcher). The console is the channel: sends go to the sandbox (never to a real WhatsApp) and are
/// printed here, and are recorded like real sends, so the next turn has them in its history.
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
        var db = app.Services.GetRequiredService<NpgsqlDataSource>();
        var sandbox = app.Services.GetRequiredService<SandboxChannel>();
        var doctors = app.Services.GetRequiredService<DoctorDirectory>();
        var (subscription, events) = sandbox.Subscribe();
        var jid = PhoneNumbers.Jid(canonical);
        Console.WriteLine($"Conversando como {name} ({canonical}). Escreva e tecle Enter; /sair para terminar.");

        while (Console.ReadLine() is { } line && line.Trim() != "/sair")
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            await intake.AcceptAsync(new InboundMessage($"CONSOLE-{Guid.NewGuid():N}", jid, jid, null, name, MessageKinds.Text, line,
                null, DateTimeOffset.UtcNow, null), CancellationToken.None);
            var doctor = await doctors.FindAsync(canonical, null, CancellationToken.None);
            if (doctor is null || !await WaitQuietAsync(db, doctor.Id)) Console.WriteLine("(sem resposta em 90 s)");
            while (events.TryRead(out var e))
                if (e.Type == "mensagem" && e.Number == jid) Console.WriteLine($"Júlia: {e.Text}");
        }
        sandbox.Unsubscribe(subscription);
        await app.StopAsync();
        return 0;
    }

    /// <summary>Until the turn has consumed the message and nothing for this doctor is left to send now.</summary>
    static async Task<bool> WaitQuietAsync(NpgsqlDataSource db, Guid medicoId)
    {
        for (var i = 0; i < 900; i++)
        {
            await Task.Delay(100);
            await using var cmd = db.CreateCommand("""
                SELECT (SELECT count(*) FROM interacoes WHERE medico_id = @m AND direcao = 'entrada' AND processado_em IS NULL)
                     + (SELECT count(*) FROM fila_mensagens WHERE medico_id = @m AND tipo IN ('resposta', 'sistema')
                          AND status IN ('pendente', 'processando') AND agendar_para <= now() + interval '1 second')
                """);
            cmd.Parameters.AddWithValue("m", medicoId);
            if ((long)(await cmd.ExecuteScalarAsync())! == 0) return true;
        }
        return false;
    }
}
