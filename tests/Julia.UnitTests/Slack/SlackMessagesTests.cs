using System.Text.Json.Nodes;
using Julia.Handoffs;
using Julia.Shifts;
using Julia.Slack;

namespace Julia.UnitTests.Slack;

public sealed class SlackMessagesTests
{
    static readonly Guid ConversationId = Guid.Parse("a1b2c3d4-0000-4000-8000-000000000001");
    static readonly Guid ReservationId = Guid.Parse("e5f6a7b8-0000-4000-8000-000000000002");

    // 17:23 UTC is 14:23 in São Paulo (UTC-3, no daylight saving since 2019).
    static readonly DateTimeOffset CreatedAt = new(2025, 12, 10, 17, 23, 0, TimeSpan.Zero);

    static readonly SlackFormat Masked = new(MaskPhone: true, ChatwootBaseUrl: "https://chatwoot.example.com/", ChatwootAccountId: 3);
    static readonly SlackFormat Plain = new(MaskPhone: false, ChatwootBaseUrl: "https://chatwoot.example.com", ChatwootAccountId: 3);
    static readonly SlackFormat NoChatwoot = new(MaskPhone: false, ChatwootBaseUrl: null, ChatwootAccountId: 1);

    static HandoffNotice Handoff(
        string? name = "Dra. Maria Silva", string? phone = "5511999990001", string trigger = "pedido_humano",
        string? reason = "Médica pediu para falar com uma pessoa", string? lastMessage = "Quero falar com uma pessoa, por favor",
        DateTimeOffset? resolvedAt = null, string? resolvedBy = null, string? notes = null, string? chatwootId = "1234") =>
        new(Guid.NewGuid(), ConversationId, Guid.NewGuid(), name, phone, trigger, reason, lastMessage,
            resolvedAt is null ? "pendente" : "resolvido", CreatedAt, resolvedAt, resolvedBy, notes, chatwootId);

    static ReservationNotice Reservation(Guid? conversationId = null, string? chatwootId = "77") =>
        new(ReservationId, Guid.NewGuid(), "Dr. João Souza", "5511988887777", "Hospital São Luiz", "São Paulo",
            new DateOnly(2025, 12, 13), "noturno", "UTI adulto", "R$ 1.800,00", CreatedAt, conversationId, chatwootId);

    static JsonObject Attachment(JsonObject payload) => payload["attachments"]!.AsArray().Single()!.AsObject();

    static List<JsonObject> Blocks(JsonObject payload) => [.. Attachment(payload)["blocks"]!.AsArray().Select(b => b!.AsObject())];

    static string Color(JsonObject payload) => Attachment(payload)["color"]!.GetValue<string>();

    static List<string> Fields(JsonObject payload) =>
        [.. Blocks(payload).Where(b => b["fields"] is not null).SelectMany(b => b["fields"]!.AsArray()).Select(f => f!["text"]!.GetValue<string>())];

    static List<string> Sections(JsonObject payload) =>
        [.. Blocks(payload).Where(b => (string?)b["type"] == "section" && b["text"] is not null).Select(b => b["text"]!["text"]!.GetValue<string>())];

    static string Header(JsonObject payload) => Blocks(payload).Single(b => (string?)b["type"] == "header")["text"]!["text"]!.GetValue<string>();

    static string Footer(JsonObject payload) =>
        Blocks(payload).Single(b => (string?)b["type"] == "context")["elements"]![0]!["text"]!.GetValue<string>();

    static string? ButtonUrl(JsonObject payload) =>
        Blocks(payload).SingleOrDefault(b => (string?)b["type"] == "actions")?["elements"]![0]!["url"]!.GetValue<string>();

    [Fact]
    public void AnOpenedHandoffShowsWhoWhyAndTheLastMessage()
    {
        var payload = SlackMessages.HandoffOpened(Handoff(), Plain);

        Assert.Equal("🚨 Handoff necessário", payload["text"]!.GetValue<string>());
        Assert.Equal("🚨 Handoff necessário", Header(payload));
        Assert.Equal(
            ["*Médico:*\nDra. Maria Silva", "*Telefone:*\n5511999990001", "*Motivo:*\nMédica pediu para falar com uma pessoa", "*Tipo:*\nPedido de uma pessoa (pedido_humano)"],
            Fields(payload));
        Assert.Equal(["*Última mensagem:*\n> Quero falar com uma pessoa, por favor",
            "*O que fazer:* Responda ao médico: ele pediu para falar com uma pessoa."], Sections(payload));
        Assert.Equal("#2196F3", Color(payload));
    }

    [Fact]
    public void MissingNameReasonAndLastMessageHavePlaceholders()
    {
        var payload = SlackMessages.HandoffOpened(Handoff(name: null, reason: " ", lastMessage: null), Plain);

        Assert.Contains("*Médico:*\nsem nome", Fields(payload));
        Assert.Contains("*Motivo:*\n-", Fields(payload));
        Assert.DoesNotContain(Sections(payload), s => s.Contains("Última mensagem"));
    }

    [Theory]
    [InlineData("pedido_humano", "#2196F3")]
    [InlineData("juridico", "#F44336")]
    [InlineData("sentimento_negativo", "#FF9800")]
    [InlineData("baixa_confianca", "#9C27B0")]
    [InlineData("manual", "#4CAF50")]
    [InlineData("erro_sistema", "#607D8B")]
    [InlineData("qualquer_outro", "#607D8B")]
    public void TheColourFollowsTheTriggerType(string trigger, string color)
    {
        Assert.Equal(color, Color(SlackMessages.HandoffOpened(Handoff(trigger: trigger), Plain)));
        Assert.Equal(color, Color(SlackMessages.HandoffReminder(Handoff(trigger: trigger), TimeSpan.FromMinutes(30), Plain)));
    }

    [Fact]
    public void ThePhoneIsMaskedAfterTheEighthDigitWhenAsked()
    {
        Assert.Contains("*Telefone:*\n55119999*****", Fields(SlackMessages.HandoffOpened(Handoff(), Masked)));
        Assert.Contains("*Telefone:*\n5511999990001", Fields(SlackMessages.HandoffOpened(Handoff(), Plain)));
    }

    [Fact]
    public void AContactWithoutPhoneSaysSo()
    {
        Assert.Contains("*Telefone:*\nsem telefone", Fields(SlackMessages.HandoffOpened(Handoff(phone: null), Masked)));
        Assert.Contains("*Telefone:*\nsem telefone", Fields(SlackMessages.HandoffResolved(Handoff(phone: null), Plain)));
    }

    [Fact]
    public void TheChatwootButtonOpensTheConversationWithoutADoubleSlash()
    {
        var button = Blocks(SlackMessages.HandoffOpened(Handoff(), Masked)).Single(b => (string?)b["type"] == "actions")["elements"]![0]!;

        Assert.Equal("https://chatwoot.example.com/app/accounts/3/conversations/1234", button["url"]!.GetValue<string>());
        Assert.Equal("Abrir no Chatwoot", button["text"]!["text"]!.GetValue<string>());
        Assert.Equal("button", button["type"]!.GetValue<string>());
    }

    [Fact]
    public void ThereIsNoButtonWithoutChatwootUrlOrConversationId()
    {
        Assert.Null(ButtonUrl(SlackMessages.HandoffOpened(Handoff(), NoChatwoot)));
        Assert.Null(ButtonUrl(SlackMessages.HandoffOpened(Handoff(chatwootId: null), Plain)));
        Assert.Null(ButtonUrl(SlackMessages.HandoffReminder(Handoff(chatwootId: null), TimeSpan.FromMinutes(20), Plain)));
        Assert.Null(ButtonUrl(SlackMessages.ShiftReserved(Reservation(chatwootId: null), Plain)));
        Assert.Null(ButtonUrl(SlackMessages.ShiftReserved(Reservation(), NoChatwoot)));
    }

    [Fact]
    public void TheFooterHasTheShortConversationIdAndSaoPauloTime()
    {
        Assert.Equal("Conversa a1b2c3d4 • 10/12/2025 14:23", Footer(SlackMessages.HandoffOpened(Handoff(), Plain)));
        Assert.Equal("Conversa a1b2c3d4 • 10/12/2025 14:23", Footer(SlackMessages.HandoffResolved(Handoff(), Plain)));
    }

    /// <summary>
    /// A handoff's footer carries its full id, for `POST /admin/handoffs/{id}/resolver`; a resolution's footer has the
    /// time it was resolved (an outside walk, 2026-12-03: neither did).
    /// </summary>
    [Fact]
    public void AHandoffsFooterHasItsFullIdAndAResolutionItsTime()
    {
        var n = Handoff(resolvedAt: CreatedAt.AddMinutes(12));
        static string Second(JsonObject payload) =>
            Blocks(payload).Single(b => (string?)b["type"] == "context")["elements"]![1]!["text"]!.GetValue<string>();

        Assert.Equal($"Handoff {n.HandoffId}", Second(SlackMessages.HandoffOpened(n, Plain)));
        Assert.Equal($"Handoff {n.HandoffId}", Second(SlackMessages.HandoffReminder(n, TimeSpan.FromMinutes(30), Plain)));
        Assert.Equal($"Handoff {n.HandoffId}", Second(SlackMessages.HandoffResolved(n, Plain)));
        Assert.Equal("Conversa a1b2c3d4 • 10/12/2025 14:35", Footer(SlackMessages.HandoffResolved(n, Plain)));
    }

    [Fact]
    public void TheFooterUsesTheSaoPauloDateAcrossUtcMidnight()
    {
        var lateEvening = Handoff() with { CreatedAt = new DateTimeOffset(2025, 12, 11, 1, 5, 0, TimeSpan.Zero) };

        Assert.Equal("Conversa a1b2c3d4 • 10/12/2025 22:05", Footer(SlackMessages.HandoffOpened(lateEvening, Plain)));
    }

    /// <summary>A handoff closed by the doctor's opt-out said "Resolvido por: opt_out" (an audit of what people read, 2026-12-04).</summary>
    [Fact]
    public void AnOptOutResolutionIsSaidInWords()
    {
        var fields = Fields(SlackMessages.HandoffResolved(Handoff(resolvedAt: CreatedAt.AddMinutes(5), resolvedBy: "opt_out"), Plain));
        Assert.Contains("*Resolvido por:*\no médico (opt-out: pediu para não receber mais mensagens)", fields);
        Assert.Contains("*Resolvido por:*\nCarla", Fields(SlackMessages.HandoffResolved(Handoff(resolvedAt: CreatedAt.AddMinutes(5), resolvedBy: "Carla"), Plain)));
    }

    [Theory]
    [InlineData(845.5, "⏰ Handoff aguardando há 14 h 05 min")]
    [InlineData(60, "⏰ Handoff aguardando há 1 h 00 min")]
    [InlineData(59.9, "⏰ Handoff aguardando há 59 min")]
    public void ALongWaitIsSaidInHours(double minutes, string title) =>
        Assert.Equal(title, SlackMessages.HandoffReminder(Handoff(), TimeSpan.FromMinutes(minutes), Masked)["text"]!.GetValue<string>());

    [Fact]
    public void AReminderSaysHowLongTheHandoffHasWaited()
    {
        var payload = SlackMessages.HandoffReminder(Handoff(trigger: "juridico"), TimeSpan.FromMinutes(45.8), Masked);

        Assert.Equal("⏰ Handoff aguardando há 45 min", payload["text"]!.GetValue<string>());
        Assert.Equal("⏰ Handoff aguardando há 45 min", Header(payload));
        Assert.Equal(
            ["*Médico:*\nDra. Maria Silva", "*Telefone:*\n55119999*****", "*Motivo:*\nMédica pediu para falar com uma pessoa", "*Tipo:*\nAssunto jurídico (juridico)"],
            Fields(payload));
        Assert.Equal("https://chatwoot.example.com/app/accounts/3/conversations/1234", ButtonUrl(payload));
        Assert.Equal("#F44336", Color(payload));
    }

    [Fact]
    public void AResolvedHandoffShowsDurationResolverAndNotes()
    {
        var n = Handoff(resolvedAt: CreatedAt.AddMinutes(65).AddSeconds(40), resolvedBy: "Ana (Chatwoot)", notes: "Valor combinado por telefone.");
        var payload = SlackMessages.HandoffResolved(n, Masked);

        Assert.Equal("✅ Handoff resolvido", payload["text"]!.GetValue<string>());
        Assert.Equal(
            ["*Médico:*\nDra. Maria Silva", "*Telefone:*\n55119999*****", "*Tipo:*\nPedido de uma pessoa (pedido_humano)", "*Duração:*\n1 h 05 min", "*Resolvido por:*\nAna (Chatwoot)"],
            Fields(payload));
        Assert.Equal(["*Notas:*\nValor combinado por telefone."], Sections(payload));
        Assert.Equal("#4CAF50", Color(payload));
    }

    [Fact]
    public void AResolvedHandoffWithoutResolverOrNotesCreditsTheTeam()
    {
        var payload = SlackMessages.HandoffResolved(Handoff(resolvedAt: CreatedAt.AddMinutes(12)), Plain);

        Assert.Contains("*Resolvido por:*\nequipe", Fields(payload));
        Assert.Contains("*Duração:*\n12 min", Fields(payload));
        Assert.Empty(Sections(payload));
    }

    [Theory]
    [InlineData(0, "menos de 1 min")]
    [InlineData(59, "menos de 1 min")]
    [InlineData(60, "1 min")]
    [InlineData(12 * 60 + 30, "12 min")]
    [InlineData(59 * 60 + 59, "59 min")]
    [InlineData(60 * 60, "1 h 00 min")]
    [InlineData(65 * 60, "1 h 05 min")]
    [InlineData(26 * 3600 + 7 * 60, "26 h 07 min")]
    [InlineData(-30, "menos de 1 min")]
    public void DurationsAreWrittenInPortuguese(int seconds, string expected) =>
        Assert.Equal(expected, SlackMessages.Duration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void AReservedShiftShowsWhereWhenAndHowMuch()
    {
        var payload = SlackMessages.ShiftReserved(Reservation(conversationId: ConversationId), Masked);

        Assert.Equal("📅 Plantão reservado", payload["text"]!.GetValue<string>());
        Assert.Equal(
            [
                "*Médico:*\nDr. João Souza", "*Telefone:*\n55119888*****", "*Hospital:*\nHospital São Luiz (São Paulo)",
                "*Data:*\n13/12/2025 (sábado)", "*Período:*\nnoturno", "*Setor:*\nUTI adulto", "*Valor:*\nR$ 1.800,00",
            ],
            Fields(payload));
        Assert.Equal(["Pré-reserva feita pela Júlia: confirme com o médico e registre com a nota privada `/confirmar` no Chatwoot " +
                      "(ou `/cancelar motivo`) — reserva `e5f6a7b8`."], Sections(payload));
        Assert.Equal("https://chatwoot.example.com/app/accounts/3/conversations/77", ButtonUrl(payload));
        Assert.Equal("Conversa a1b2c3d4 • 10/12/2025 14:23", Footer(payload));
        Assert.Equal("#3F51B5", Color(payload));
    }

    [Fact]
    public void AReservationWithoutConversationIsNamedByItsOwnId() =>
        Assert.Equal("Reserva e5f6a7b8 • 10/12/2025 14:23", Footer(SlackMessages.ShiftReserved(Reservation(), Plain)));

    [Fact]
    public void AnExpiredReservationSaysTheShiftIsOpenAgain()
    {
        var payload = SlackMessages.ReservationExpired(Reservation(conversationId: ConversationId), TimeSpan.FromHours(2), Plain);

        Assert.Equal("⌛ Reserva expirada", payload["text"]!.GetValue<string>());
        Assert.Equal(
            [
                "*Médico:*\nDr. João Souza", "*Telefone:*\n5511988887777", "*Hospital:*\nHospital São Luiz (São Paulo)",
                "*Data:*\n13/12/2025 (sábado)", "*Período:*\nnoturno",
            ],
            Fields(payload));
        var section = Assert.Single(Sections(payload));
        Assert.Contains("O plantão voltou a ficar aberto.", section);
        // Nobody told the doctor: the notice says so and what to do (docs/decisions.md#staff-texts).
        Assert.Contains("A Júlia não manda aviso ao médico", section);
        Assert.EndsWith("reserve de novo com `/reservar` no Chatwoot.", section);
        Assert.Equal("Conversa a1b2c3d4 • 10/12/2025 16:23", Footer(payload));
        Assert.Equal("#795548", Color(payload));
    }

    [Theory]
    [InlineData(-1, true)]    // started an hour before the expiry: reopened, it is offered to nobody
    [InlineData(0, true)]     // started at the expiry's minute
    [InlineData(1, false)]    // starts an hour after it: open again for real
    public void AnExpiredHoldOnAShiftThatHadStartedDoesNotSayItIsOpenAgain(int startHoursAfterExpiry, bool started)
    {
        var heldFor = TimeSpan.FromHours(24);
        var notice = Reservation(conversationId: ConversationId) with { ShiftStartsAt = CreatedAt + heldFor + TimeSpan.FromHours(startHoursAfterExpiry) };

        var section = Assert.Single(Sections(SlackMessages.ReservationExpired(notice, heldFor, Plain)));

        Assert.Contains("A Júlia não manda aviso ao médico", section);
        if (started)
        {
            Assert.Contains("o plantão já começou: ele não volta a ser oferecido", section);
            Assert.DoesNotContain("voltou a ficar aberto", section);
            Assert.DoesNotContain("/reservar", section);
        }
        else
        {
            Assert.Contains("O plantão voltou a ficar aberto.", section);
            Assert.EndsWith("reserve de novo com `/reservar` no Chatwoot.", section);
        }
    }

    [Fact]
    public void AConfirmedShiftSaysWhoConfirmedWithTheirNotesEscaped()
    {
        var notice = Reservation(conversationId: ConversationId) with
        {
            ConfirmedAt = CreatedAt.AddHours(3), ConfirmedBy = "Carla <!here>", Notes = "ligou & confirmou",
        };

        var payload = SlackMessages.ShiftConfirmed(notice, Masked);

        Assert.Equal("✅ Plantão confirmado", payload["text"]!.GetValue<string>());
        Assert.Contains("*Confirmado por:*\nCarla &lt;!here&gt;", Fields(payload));
        Assert.Contains("*Telefone:*\n55119888*****", Fields(payload));
        Assert.Equal(["*Notas:*\nligou &amp; confirmou"], Sections(payload));
        Assert.Equal("https://chatwoot.example.com/app/accounts/3/conversations/77", ButtonUrl(payload));
        Assert.Equal("Conversa a1b2c3d4 • 10/12/2025 17:23", Footer(payload));   // when it was confirmed
        Assert.Contains("*Confirmado por:*\nequipe", Fields(SlackMessages.ShiftConfirmed(Reservation(), Plain)));
    }

    /// <summary>Staff reserved and confirmed in one request: the one notice says both (no "Plantão reservado" was sent).</summary>
    [Fact]
    public void AShiftReservedAndConfirmedAtOnceSaysSoInItsOneNotice()
    {
        var notice = Reservation() with
        {
            ConfirmedAt = CreatedAt, ConfirmedBy = "Bruno <!here>", Origin = ReservationOrigin.Staff, ReservedBy = "Bruno <!here>",
        };

        Assert.Contains("Reservado e confirmado pela equipe (Bruno &lt;!here&gt;) de uma vez, sem pré-reserva.",
            Sections(SlackMessages.ShiftConfirmed(notice, Plain, reservedNow: true)));
        Assert.DoesNotContain(Sections(SlackMessages.ShiftConfirmed(notice, Plain)), t => t.Contains("de uma vez"));
    }

    [Fact]
    public void ACancelledReservationShowsTheReasonAndWhetherTheShiftIsOpenAgain()
    {
        var notice = Reservation() with { EndedAt = CreatedAt.AddMinutes(30), EndedBy = "Bruno", Reason = "hospital <remanejou>" };

        var reopened = SlackMessages.ReservationCancelled(notice, reopened: true, Plain);
        var kept = SlackMessages.ReservationCancelled(notice with { EndedBy = null }, reopened: false, Plain);

        Assert.Equal("🚫 Reserva cancelada", reopened["text"]!.GetValue<string>());
        Assert.Contains("*Cancelada por:*\nBruno", Fields(reopened));
        const string tellHim = "A Júlia não manda aviso ao médico (só conta se ele perguntar). Avise-o você.";
        Assert.Equal(["*Motivo:*\nhospital &lt;remanejou&gt;", "O plantão voltou a ficar aberto.", tellHim], Sections(reopened));
        Assert.Equal("Reserva e5f6a7b8 • 10/12/2025 14:53", Footer(reopened));
        Assert.Equal(["*Motivo:*\nhospital &lt;remanejou&gt;", tellHim], Sections(kept));
        Assert.Contains("*Cancelada por:*\nequipe", Fields(kept));
    }

    [Fact]
    public void DoctorTextCannotInjectLinksOrMentions()
    {
        var n = Handoff(
            name: "<!channel> Zé & Cia", reason: "<https://evil.example|clique aqui>", lastMessage: "oi <@U123> & <!here>",
            resolvedAt: CreatedAt.AddMinutes(3), notes: "<!everyone>");

        var opened = SlackMessages.HandoffOpened(n, Plain);
        var resolved = SlackMessages.HandoffResolved(n, Plain);

        Assert.Contains("*Médico:*\n&lt;!channel&gt; Zé &amp; Cia", Fields(opened));
        Assert.Contains("*Motivo:*\n&lt;https://evil.example|clique aqui&gt;", Fields(opened));
        Assert.Contains("*Última mensagem:*\n> oi &lt;@U123&gt; &amp; &lt;!here&gt;", Sections(opened));
        Assert.Contains("*Notas:*\n&lt;!everyone&gt;", Sections(resolved));
        var everyText = string.Concat(Fields(opened).Concat(Sections(opened)).Concat(Fields(resolved)).Concat(Sections(resolved)));
        Assert.DoesNotContain('<', everyText);
        Assert.DoesNotContain('>', everyText.Replace("\n> ", ""));
    }

    [Fact]
    public void EveryLineOfAMultiLineLastMessageIsQuoted() =>
        Assert.Contains("*Última mensagem:*\n> primeira\n> segunda",
            Sections(SlackMessages.HandoffOpened(Handoff(lastMessage: "primeira\r\nsegunda"), Plain)));

    [Fact]
    public void AHugeReasonIsCutToSlackLimits()
    {
        var n = Handoff(reason: new string('a', 10_000), lastMessage: new string('b', 10_000),
            resolvedAt: CreatedAt.AddHours(1), notes: new string('c', 10_000));

        var opened = SlackMessages.HandoffOpened(n, Plain);
        var resolved = SlackMessages.HandoffResolved(n, Plain);

        var reason = Assert.Single(Fields(opened), f => f.StartsWith("*Motivo:*", StringComparison.Ordinal));
        Assert.Equal(2000, reason.Length);
        Assert.EndsWith("a…", reason);
        var last = Assert.Single(Sections(opened), s => s.StartsWith("*Última mensagem:*", StringComparison.Ordinal));
        Assert.Equal("*Última mensagem:*\n> ".Length + 500, last.Length);
        Assert.EndsWith("b…", last);
        var notes = Assert.Single(Sections(resolved));
        Assert.Equal(3000, notes.Length);
        Assert.EndsWith("c…", notes);
        Assert.All(new[] { opened, resolved }, p =>
        {
            Assert.True(Header(p).Length <= 150);
            Assert.All(Blocks(p).Where(b => b["fields"] is not null), b => Assert.True(b["fields"]!.AsArray().Count <= 10));
            Assert.All(Fields(p), f => Assert.True(f.Length <= 2000));
            Assert.All(Sections(p), s => Assert.True(s.Length <= 3000));
        });
    }

    [Theory]
    [InlineData(1984)]
    [InlineData(1985)]
    [InlineData(1986)]
    [InlineData(1987)]
    [InlineData(1988)]
    public void ACutNeverLeavesHalfAnEntity(int letters)
    {
        var reason = new string('a', letters) + new string('&', 20);
        var field = Assert.Single(Fields(SlackMessages.HandoffOpened(Handoff(reason: reason), Plain)), f => f.StartsWith("*Motivo:*", StringComparison.Ordinal));

        Assert.True(field.Length <= 2000);
        Assert.Matches("(a|&amp;)…$", field);
        Assert.Equal(field.Count(c => c == '&'), field.Split("&amp;").Length - 1);
    }

    [Fact]
    public void ThePayloadIsTextPlusOneColouredAttachment()
    {
        var payload = SlackMessages.HandoffOpened(Handoff(), Plain);

        Assert.Equal(["text", "attachments"], payload.Select(p => p.Key));
        // Header, fields, last message, what to do, the Chatwoot button, the footer.
        Assert.Equal(["header", "section", "section", "section", "actions", "context"], Blocks(payload).Select(b => b["type"]!.GetValue<string>()));
        Assert.NotNull(JsonNode.Parse(payload.ToJsonString()));
    }

    /// <summary>
    /// The erasure's notice names the shift and the reservation, never who held it: even rendered from a row that still
    /// had his name, phone and Chatwoot conversation, none of them shows (docs/decisions.md#lgpd).
    /// </summary>
    [Fact]
    public void AShiftOfAnErasedDoctorNamesTheShiftAndTheReservationButNeverHim()
    {
        var payload = SlackMessages.ErasedWithReservation(Reservation(ConversationId) with { ConfirmedAt = CreatedAt.AddHours(1) });

        Assert.Equal("🗑️ Plantão de médico apagado (LGPD)", Header(payload));
        Assert.Equal(["*Hospital:*\nHospital São Luiz (São Paulo)", "*Data:*\n13/12/2025 (sábado)", "*Período:*\nnoturno", "*Setor:*\nUTI adulto", "*Reserva:*\nconfirmada"],
            Fields(payload));
        Assert.Contains($"/admin/reservas/{ReservationId}/cancelar", Sections(payload).Single());
        Assert.Equal("Reserva e5f6a7b8 • 10/12/2025 14:23", Footer(payload));
        Assert.Null(ButtonUrl(payload));
        var text = payload.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.DoesNotContain("João", text);
        Assert.DoesNotContain("7777", text);
        Assert.DoesNotContain(ConversationId.ToString("N")[..8], text);
    }
}

public sealed class SlackDailyReportTests
{
    static List<string> AllText(System.Text.Json.Nodes.JsonObject payload) =>
        [.. payload["attachments"]![0]!["blocks"]!.AsArray().SelectMany(b => b!["fields"]?.AsArray().Select(f => f!["text"]!.GetValue<string>())
            ?? [b["text"] is System.Text.Json.Nodes.JsonObject t ? t["text"]!.GetValue<string>() : b["elements"]?[0]?["text"]?.GetValue<string>() ?? ""])];

    [Fact]
    public void TheReportShowsEachNumberInPortuguese()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("""
            {"dia": "2025-12-09", "conversas_total": 1234, "conversas_novas": 56, "mensagens_recebidas": 3000, "mensagens_enviadas": 3100,
             "handoffs_total": 3, "taxa_handoff": 0.1234, "score_qualidade_medio": 7.25, "avaliacoes": 4, "plantoes_reservados": 2,
             "opt_outs": 1, "envios_proativos": 80, "erros": 5, "erros_fila": 4, "erros_notificacoes": 1}
            """);

        var payload = Julia.Slack.SlackMessages.DailyReport(doc.RootElement);
        var text = AllText(payload);

        Assert.Equal("📊 Relatório diário — 09/12/2025 (terça-feira)", payload["text"]!.GetValue<string>());
        Assert.Contains("*Conversas:*\n1.234 (56 novas)", text);
        Assert.Contains("*Mensagens:*\n3.000 recebidas / 3.100 enviadas", text);
        Assert.Contains("*Handoffs:*\n3 (12,3% das conversas)", text);
        Assert.Contains("*Qualidade:*\n7,25/10 em 4 avaliações", text);
        Assert.Contains("*Erros:*\n5 (fila 4, avisos 1)", text);
    }

    /// <summary>A day whose report did not go out on time says so, and which day its numbers are (docs/decisions.md#dashboard).</summary>
    [Fact]
    public void AReportSentLateSaysItsOwnDayAndWhenItWent()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("""{"dia": "2025-12-09", "conversas_total": 2, "enviado_com_atraso_em": "2025-12-11"}""");

        var payload = Julia.Slack.SlackMessages.DailyReport(doc.RootElement);

        Assert.Equal("📊 Relatório diário — 09/12/2025 (terça-feira) — atrasado, enviado em 11/12", payload["text"]!.GetValue<string>());
        Assert.Contains(AllText(payload), t => t.Contains("não saiu no dia certo") && t.Contains("números são de 09/12/2025 (terça-feira)"));
    }

    /// <summary>A quiet day read "1 (1 novas)", "1 recebidas / 1 enviadas", "em 1 avaliações" (an audit of what people read, 2026-12-04).</summary>
    [Fact]
    public void OneOfSomethingIsSingular()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("""
            {"dia": "2025-12-09", "conversas_total": 1, "conversas_novas": 1, "mensagens_recebidas": 1, "mensagens_enviadas": 1,
             "handoffs_total": 0, "taxa_handoff": 0, "score_qualidade_medio": 8, "avaliacoes": 1}
            """);

        var text = AllText(Julia.Slack.SlackMessages.DailyReport(doc.RootElement));

        Assert.Contains("*Conversas:*\n1 (1 nova)", text);
        Assert.Contains("*Mensagens:*\n1 recebida / 1 enviada", text);
        Assert.Contains("*Qualidade:*\n8/10 em 1 avaliação", text);
    }

    [Fact]
    public void MissingNumbersShowAsDashesAndNoScoreIsSaid()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("""{"dia": "2025-12-09", "conversas_total": 0, "taxa_handoff": null, "score_qualidade_medio": null, "avaliacoes": 0}""");

        var text = AllText(Julia.Slack.SlackMessages.DailyReport(doc.RootElement));

        Assert.Contains("*Handoffs:*\n- (- das conversas)", text);
        Assert.Contains("*Qualidade:*\nsem nota (0 avaliações)", text);
    }

    [Fact]
    public void TheErrorReportEscapesTheError()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("""{"dia": "2025-12-09", "erro": "falha <!channel> & cia"}""");

        var payload = Julia.Slack.SlackMessages.DailyReportFailed(doc.RootElement);

        Assert.Equal("⚠️ Relatório diário de 09/12/2025 (terça-feira) falhou", payload["text"]!.GetValue<string>());
        Assert.Contains("falha &lt;!channel&gt; &amp; cia", AllText(payload).Single(t => t.Contains("Erro")));
    }
}

/// <summary>The alert's severity field said "warning", "critical" to staff reading pt-BR (an audit of what people read, 2026-12-04).</summary>
public sealed class SlackAlertSeverityTests
{
    [Theory]
    [InlineData("info", "Informativo (info)")]
    [InlineData("warning", "Atenção (warning)")]
    [InlineData("error", "Erro (error)")]
    [InlineData("critical", "Crítico (critical)")]
    public void TheSeverityIsInPortugueseWithItsStoredWord(string severity, string expected)
    {
        using var doc = System.Text.Json.JsonDocument.Parse($$"""{"tipo": "fila_congestionada", "severidade": "{{severity}}", "mensagem": "x", "criado_em": "2026-12-04T02:30:00Z"}""");
        var fields = Julia.Slack.SlackAlertMessage.Render(doc.RootElement)!["attachments"]![0]!["blocks"]![1]!["fields"]!.AsArray()
            .Select(f => f!["text"]!.GetValue<string>()).ToList();
        Assert.Equal($"*Severidade:*\n{expected}", fields[1]);
        // 02:30 UTC is 23:30 of the day before in São Paulo.
        Assert.Equal("*Horário:*\n23:30", fields[2]);
    }
}
