using Julia.Agent;
using Julia.Doctors;
using Julia.Shifts;
using Microsoft.Extensions.AI;

namespace Julia.UnitTests.Agent;

public sealed class AgentContextBuilderTests
{
    static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-25T13:30:00Z"); // quarta, 10:30 em São Paulo

    static Shift NewShift(string hospital, int day, Guid? hospitalId = null, string setor = "UTI", int valor = 2000) => new(
        Guid.NewGuid(), Guid.Empty, hospitalId ?? Guid.NewGuid(), hospital, "Santo André", "ABC", new DateOnly(2026, 11, day),
        new TimeOnly(7, 0), new TimeOnly(19, 0), "diurno", setor, Guid.NewGuid(), valor, "fixo", null, null, "normal", "aberta");

    static readonly DoctorProfile Profile = new(Guid.NewGuid(), "Dra.", "Camila", "Ferreira", "168493", "SP", "São Bernardo do Campo", "ABC",
        Guid.NewGuid(), "anestesista", "Plantões no centro cirúrgico.", "qualificado", true, """{"turnos":["noturno"],"valor_minimo":2500,"hospitais_bloqueados":[]}""");

    [Fact]
    public void SystemPromptCarriesNowProfileNotesAndEveryShiftWithItsFullId()
    {
        var shifts = new[] { NewShift("Hospital A", 27), NewShift("Hospital B", 28) };

        var prompt = AgentContextBuilder.SystemPrompt(Now, "Revoluna", Profile, shifts, firstContact: false, returnedFromHuman: false);

        Assert.Contains("quarta-feira, 25/11/2026 10:30", prompt);
        Assert.Contains("Revoluna", prompt);
        Assert.Contains("Dra. Camila Ferreira", prompt);
        Assert.Contains("CRM: 168493-SP", prompt);
        Assert.Contains("VIP", prompt);
        Assert.Contains("valor_minimo=2500", prompt);
        Assert.Contains("Plantões no centro cirúrgico.", prompt);
        Assert.All(shifts, s => Assert.Contains($"vaga_id={s.Id} |", prompt));
        Assert.Contains("sexta-feira 27/11 | diurno 07:00–19:00, UTI | R$ 2.000", prompt);
        Assert.Contains("Nunca negue ser uma IA", prompt);
        Assert.DoesNotContain("{empresa}", prompt);
    }

    /// <summary>
    /// A pause he asked for is in his profile while it holds, with the last day of it and why (docs/decisions.md#contact-pause);
    /// a past one is not.
    /// </summary>
    [Fact]
    public void APauseHeAskedForIsShownUntilItsLastDayAndNotOnceOver()
    {
        var until = new DateTime(2027, 3, 1, 3, 0, 0, DateTimeKind.Utc);   // 01/03/2027 00:00 in São Paulo
        var paused = Profile with { ContatoPausadoAte = until, ContatoPausadoMotivo = "só depois do carnaval" };

        var prompt = AgentContextBuilder.SystemPrompt(Now, "Revoluna", paused, [], firstContact: false, returnedFromHuman: false);
        var over = AgentContextBuilder.SystemPrompt(new DateTimeOffset(until).AddMinutes(1), "Revoluna", paused, [], firstContact: false, returnedFromHuman: false);

        Assert.Contains("Pausa pedida por ele: nada nosso por iniciativa própria até 28/02/2027 (só depois do carnaval)", prompt);
        Assert.Contains("retomar_contato", prompt);
        Assert.DoesNotContain("Pausa pedida por ele", over);
        Assert.Contains("pausar_contato", prompt);   // the persona says when to record one
    }

    [Fact]
    public void ACrmWithoutStateIsTheNumberAloneWithoutATrailingDash()
    {
        var prompt = AgentContextBuilder.SystemPrompt(Now, "Revoluna", Profile with { Estado = null }, [], firstContact: false, returnedFromHuman: false);

        Assert.Contains("CRM: 168493\n", prompt.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("CRM: 168493-", prompt);
    }

    [Fact]
    public void ActiveDirectivesCloseThePromptOneLineEachWithWhatTheyAreAbout()
    {
        var shift = Guid.NewGuid();
        var profile = Profile with
        {
            Diretrizes = $$"""
                [{"tipo":"margem","conteudo":"pode negociar até R$ 2.800\nno noturno","vaga_id":"{{shift}}","do_medico":false},
                 {"tipo":"vip","conteudo":"médica antiga da casa: atender com prioridade","vaga_id":null,"do_medico":true},
                 {"tipo":"foco","conteudo":"   ","vaga_id":null,"do_medico":false},
                 {"tipo":"tom","conteudo":"mais formal esta semana","vaga_id":null,"do_medico":false}]
                """,
        };

        var prompt = AgentContextBuilder.SystemPrompt(Now, "Revoluna", profile, [], firstContact: false, returnedFromHuman: false);

        var section = prompt[prompt.IndexOf("## Diretrizes da gestão", StringComparison.Ordinal)..];
        Assert.Equal(
            [$"- margem (vaga_id {shift}): pode negociar até R$ 2.800 no noturno", "- vip (este médico): médica antiga da casa: atender com prioridade",
             "- tom: mais formal esta semana"],
            section.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.TrimEnd('\r')).ToArray());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("not json")]
    [InlineData("""{"tipo":"foco"}""")]
    [InlineData("""[42, {"tipo":"foco"}]""")]
    public void NoUsableDirectiveMeansNoSection(string? directives) =>
        Assert.DoesNotContain("Diretrizes", AgentContextBuilder.SystemPrompt(Now, "X", Profile with { Diretrizes = directives }, [], true, false));

    [Fact]
    public void NoShiftsIsSaidExplicitly() =>
        Assert.Contains("Nenhum plantão aberto compatível agora", AgentContextBuilder.SystemPrompt(Now, "X", Profile, [], true, false));

    /// <summary>A doctor whose specialty is unknown is asked for it, not told there is nothing (an audit, 2026-12-03).</summary>
    [Fact]
    public void AnUnknownSpecialtyIsAskedForNotAnsweredWithNothing()
    {
        foreach (var profile in new[] { null, Profile with { EspecialidadeId = null, Especialidade = null } })
        {
            var prompt = AgentContextBuilder.SystemPrompt(Now, "X", profile, [], true, false);
            Assert.Contains("Ainda não sabemos a especialidade dele: pergunte qual é e use buscar_vagas", prompt);
            Assert.DoesNotContain("Nenhum plantão aberto compatível agora", prompt);
        }
    }

    /// <summary>
    /// The shifts he holds are in the context, so a turn regenerated after its own reservation knows it (an audit,
    /// 2026-12-03: it told him the shift was "reservado por outra pessoa"); one already over is not.
    /// </summary>
    [Fact]
    public void HisHeldShiftsAreInTheContextWithTheirState()
    {
        var held = NewShift("Hospital Reservado", 27) with { Status = "reservada" };
        var confirmed = NewShift("Hospital Confirmado", 28) with { Status = "confirmada" };
        var over = NewShift("Hospital Passado", 24) with { Status = "confirmada" };

        var prompt = AgentContextBuilder.SystemPrompt(Now, "X", Profile, [], false, false, holdings: [held, confirmed, over]);

        Assert.Contains("## Plantões que ele já tem", prompt);
        Assert.Contains($"vaga_id={held.Id} |", prompt);
        Assert.Contains("pré-reserva: a equipe vai confirmar", prompt);
        Assert.Contains("confirmado pela equipe", prompt);
        Assert.DoesNotContain("Hospital Passado", prompt);
        Assert.DoesNotContain("Plantões que ele já tem", AgentContextBuilder.SystemPrompt(Now, "X", Profile, [], false, false));
    }

    [Fact]
    public void HistoryAlternatesRolesMergesNeighboursPrefixesStaffAndEndsWithTheTurnOnce()
    {
        HistoryItem[] history =
        [
            new("saida", "julia", "Oi Dra, tudo bem? Sou a Júlia"),
            new("entrada", "medico", "oi"),
            new("entrada", "medico", "tudo sim"),
            new("saida", "julia", "Tenho um plantão sexta"),
            new("saida", "humano", "Aqui é a Carla da equipe"),
        ];

        var messages = AgentContextBuilder.Messages("sistema", history, ["e o valor?", "é PJ?"]);

        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.User, ChatRole.Assistant, ChatRole.User], messages.Select(m => m.Role));
        Assert.Equal("oi\ntudo sim", messages[3].Text);
        Assert.Equal("Tenho um plantão sexta\n[equipe] Aqui é a Carla da equipe", messages[4].Text);
        Assert.Equal("e o valor?\né PJ?", messages[^1].Text);
        Assert.Single(messages, m => m.Text.Contains("e o valor?"));
        Assert.DoesNotContain("tudo sim", messages[0].Text);
    }
}
