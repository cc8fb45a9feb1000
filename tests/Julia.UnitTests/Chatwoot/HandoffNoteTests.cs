using Julia.Chatwoot;
using Julia.Handoffs;

namespace Julia.UnitTests.Chatwoot;

/// <summary>
/// The private note a handoff leaves in Chatwoot tells staff how to give the conversation back in a way that works for
/// that handoff: only a `manual` one can have the `humano` label to remove (an outside audit, 2026-12-03: every note
/// said "remova a label humano", which trigger handoffs never had).
/// </summary>
public sealed class HandoffNoteTests
{
    static HandoffNotice Notice(string type) => new(Guid.Parse("0b9f5c1e-0000-4000-8000-000000000001"), Guid.NewGuid(), Guid.NewGuid(), "Dr. Ana",
        "5511999990001", type, "pediu uma pessoa", "quero falar com alguém", "pendente", DateTimeOffset.UtcNow, null, null, null, "42");

    [Theory]
    [InlineData("pedido_humano")]
    [InlineData("juridico")]
    [InlineData("sentimento_negativo")]
    [InlineData("baixa_confianca")]
    public void ATriggerHandoffSaysToResolveOrUseTheAdminEndpointNotToRemoveALabel(string type)
    {
        var note = ChatwootNotes.NoteText(Notice(type));

        Assert.Contains("resolva a conversa", note);
        Assert.Contains("/admin/handoffs/0b9f5c1e-0000-4000-8000-000000000001/resolver", note);
        Assert.DoesNotContain("etiqueta", note);
        Assert.DoesNotContain("label", note);
    }

    [Fact]
    public void AManualHandoffAlsoMentionsTheLabel()
    {
        var note = ChatwootNotes.NoteText(Notice("manual"));

        Assert.Contains("resolva a conversa", note);
        // Chatwoot in pt-BR names labels "etiquetas": the English word leaked into a note staff read.
        Assert.Contains("remova a etiqueta humano", note);
        Assert.DoesNotContain("label", note);
    }

    /// <summary>
    /// A doctor known only by his LID has no number: the note says "sem telefone", as the Slack notice does (a conformance
    /// pass, 2026-12-06: the note said nothing, and staff looked for a number to call); one with a number gets no line.
    /// </summary>
    [Fact]
    public void ALidOnlyDoctorsNoteSaysSemTelefone()
    {
        var lidOnly = ChatwootNotes.NoteText(Notice("pedido_humano") with { Phone = null });
        Assert.Contains("\nTelefone: sem telefone (contato só com o identificador LID do WhatsApp", lidOnly);
        Assert.DoesNotContain("Telefone:", ChatwootNotes.NoteText(Notice("pedido_humano")));
    }

    [Fact]
    public void TheNoteSaysAJuliaWithItsArticleAsTheOtherNotesDo()
    {
        Assert.Contains("\nA Júlia parou de responder nesta conversa.", ChatwootNotes.NoteText(Notice("pedido_humano")));
    }

    [Fact]
    public void AResolutionByNobodyNamedIsByTheTeamWithItsArticle()
    {
        var resolved = new HandoffResolved(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "pedido_humano", null, null);

        Assert.Equal("✅ Handoff resolvido pela equipe fora do Chatwoot. A Júlia voltou a responder a este médico; "
                     + "se você escrever aqui de novo, a conversa volta para a equipe.", ChatwootNotes.ResolvedText(resolved));
        Assert.StartsWith("✅ Handoff resolvido por Carla fora do Chatwoot (ligou pra ele).",
            ChatwootNotes.ResolvedText(resolved with { ResolvedBy = "Carla", Notes = "ligou pra ele" }));
    }

    /// <summary>A doctor who holds nothing: the note has no reservation part at all.</summary>
    [Fact]
    public void ANoteOfADoctorWithNoReservationsSaysNothingOfThem()
    {
        Assert.Equal(ChatwootNotes.NoteText(Notice("pedido_humano")), ChatwootNotes.NoteText(Notice("pedido_humano"), []));
        Assert.Empty(ChatwootNotes.HoldingLines([], DateTimeOffset.UtcNow, 24));
        Assert.DoesNotContain("Reservas", ChatwootNotes.NoteText(Notice("pedido_humano"), []));
    }

    /// <summary>At most five lines, the nearest shifts first, none of a shift before today.</summary>
    [Fact]
    public void TheNoteShowsAtMostTheFiveNearestReservationsFromToday()
    {
        var today = new DateOnly(2026, 12, 5);
        var inForce = Enumerable.Range(-1, 8).Select(d => new Julia.Shifts.StaffReservation
        {
            Id = Guid.NewGuid(), Status = "confirmada", Hospital = $"Hospital {d + 10}", Cidade = "Santo André", Data = today.AddDays(d),
        }).Reverse().ToList();

        var lines = ChatwootNotes.HoldingLines(inForce, new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.FromHours(-3)), 24);

        Assert.Equal(["Hospital 10", "Hospital 11", "Hospital 12", "Hospital 13", "Hospital 14"], lines.Select(l => l[2..13]));
    }
}
