using Julia.Agent;
using Julia.Agent.Tools;
using Julia.Doctors;
using Julia.UnitTests.Infrastructure.Logging;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Julia.UnitTests.Agent;

/// <summary>
/// A tool that throws logged "Tool reservar_plantao failed" and nothing else (an audit of what people read, 2026-12-05):
/// the operator could not tell what the doctor was told, nor whose conversation to open. The line now says both, with
/// the phone masked, and the model is told the tool failed and to promise nothing.
/// </summary>
public sealed class ToolFailureLogTests
{
    [Fact]
    public async Task AFailedToolSaysWhatTheModelWasToldAndWhoseConversationItWas()
    {
        var log = new ListLogger();
        var tool = new JuliaTool("reservar_plantao", "reserva", """{"type":"object","properties":{}}""",
            (_, _, _) => throw new InvalidOperationException("boom"), log);
        var doctor = new DoctorRecord(Guid.NewGuid(), "5511987654321", "5511987654321@s.whatsapp.net", null, "Ana", null, false, false, "novo");
        var turn = new AgentTurn(doctor, null, Guid.NewGuid(), 1, ["pode reservar"], []);

        ToolSession.Current = new ToolSession(turn, []);
        object? answer;
        try { answer = await tool.InvokeAsync(new AIFunctionArguments(), CancellationToken.None); }
        finally { ToolSession.Current = null; }

        Assert.Equal(JuliaTool.Failed, answer?.ToString());
        Assert.Contains("Não prometa nada", JuliaTool.Failed);
        var line = Assert.Single(log.All);
        Assert.Equal((LogLevel.Error, 2101), (line.Level, line.EventId));
        Assert.IsType<InvalidOperationException>(line.Exception);
        Assert.Contains($"conversa {turn.ConversaId}", line.Message);
        Assert.Contains($"medico {doctor.Id}", line.Message);
        Assert.Contains("the model was told it failed and to promise nothing", line.Message);
        Assert.DoesNotContain(doctor.Telefone!, line.Message); // the phone masked, never whole
        Assert.Contains("55119876*****", line.Message);
    }
}
