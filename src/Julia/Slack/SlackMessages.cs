using System.Globalization;
using System.Text.Json.Nodes;
using Julia.Handoffs;
using Julia.Infrastructure.Logging;
using Julia.Infrastructure.Time;
using Julia.Shifts;

namespace Julia.Slack;

/// <summary>
/// How notices are rendered: <see cref="MaskPhone"/> (SLACK_MASCARAR_TELEFONE) and where Chatwoot is, for the
/// "Abrir no Chatwoot" button (no button without <see cref="ChatwootBaseUrl"/>).
/// </summary>
internal sealed record SlackFormat(bool MaskPhone, string? ChatwootBaseUrl, int ChatwootAccountId);

/// <summary>
/// Staff notices as Slack incoming-webhook payloads (tests/fixtures/README.md, "3. Slack incoming webhook"): a fallback
/// <c>text</c> for the push notification, and the Block Kit blocks inside one attachment so the notice gets a coloured bar.
/// The fallback text carries no name or phone: it shows up on lock screens. See docs/decisions.md#handoff.
/// </summary>
internal static partial class SlackMessages
{
    // Block Kit limits: beyond them Slack answers invalid_blocks and the whole notice is lost.
    const int MaxHeader = 150, MaxField = 2000, MaxSection = 3000, MaxFields = 10, MaxBlocks = 50;
    const int MaxLastMessage = 500;

    const string ResolvedColor = "#4CAF50", ReservedColor = "#3F51B5", ExpiredColor = "#795548", ConfirmedColor = "#2E7D32",
        CancelledColor = "#E64A19", OptOutColor = "#FF9800", OtherColor = "#607D8B";

    static readonly CultureInfo PtBr = CultureInfo.GetCultureInfo("pt-BR");

    public static JsonObject HandoffOpened(HandoffNotice n, SlackFormat f)
    {
        const string title = "🚨 Handoff necessário";
        var blocks = new List<JsonObject> { Header(title), Fields(HandoffFields(n, f)) };
        if (!string.IsNullOrWhiteSpace(n.LastMessage)) blocks.Add(Section($"*Última mensagem:*\n{Quote(n.LastMessage)}"));
        blocks.Add(WhatToDo(n));
        AddChatwootButton(blocks, n.ChatwootConversationId, f);
        blocks.Add(HandoffFooter(n, n.CreatedAt));
        return Payload(title, TriggerColor(n.TriggerType), blocks);
    }

    public static JsonObject HandoffReminder(HandoffNotice n, TimeSpan waiting, SlackFormat f)
    {
        // "há 14 h 05 min", not "há 845 min" for a handoff left overnight (an audit of what people read, 2026-12-04).
        var title = $"⏰ Handoff aguardando há {(waiting < TimeSpan.FromMinutes(1) ? "0 min" : Duration(waiting))}";
        var blocks = new List<JsonObject> { Header(title), Fields(HandoffFields(n, f)), WhatToDo(n) };
        AddChatwootButton(blocks, n.ChatwootConversationId, f);
        blocks.Add(HandoffFooter(n, n.CreatedAt));
        return Payload(title, TriggerColor(n.TriggerType), blocks);
    }

    public static JsonObject HandoffResolved(HandoffNotice n, SlackFormat f)
    {
        const string title = "✅ Handoff resolvido";
        var blocks = new List<JsonObject>
        {
            Header(title),
            Fields(
                Field("Médico", DoctorName(n.DoctorName)),
                Field("Telefone", Phone(n.Phone, f)),
                Field("Tipo", TriggerType(n.TriggerType)),
                Field("Duração", n.ResolvedAt is { } resolvedAt ? Duration(resolvedAt - n.CreatedAt) : "-"),
                Field("Resolvido por", ResolvedBy(n.ResolvedBy))),
        };
        if (!string.IsNullOrWhiteSpace(n.Notes)) blocks.Add(Section($"*Notas:*\n{Escape(n.Notes.Trim())}"));
        blocks.Add(HandoffFooter(n, n.ResolvedAt ?? n.CreatedAt));
        return Payload(title, ResolvedColor, blocks);
    }

    public static JsonObject ShiftReserved(ReservationNotice n, SlackFormat f)
    {
        const string title = "📅 Plantão reservado";
        var blocks = new List<JsonObject>
        {
            Header(title),
            ReservationFields(n, f,
                Field("Setor", OrDash(n.Sector)),
                Field("Valor", Escape(n.PayText))),
            Section((n.Origin == ReservationOrigin.Staff
                    ? (string.IsNullOrWhiteSpace(n.ReservedBy) ? "Pré-reserva feita pela equipe" : $"Pré-reserva feita pela equipe ({Escape(n.ReservedBy.Trim())})")
                    : "Pré-reserva feita pela Júlia") +
                ": confirme com o médico e registre com a nota privada `/confirmar` no Chatwoot " +
                $"(ou `/cancelar motivo`) — reserva `{ShortId(n.ReservationId)}`."),
        };
        AddChatwootButton(blocks, n.ChatwootConversationId, f);
        blocks.Add(ReservationFooter(n, n.ReservedAt));
        return Payload(title, ReservedColor, blocks);
    }

    public static JsonObject ReservationExpired(ReservationNotice n, TimeSpan heldFor, SlackFormat f)
    {
        const string title = "⌛ Reserva expirada";
        var blocks = new List<JsonObject>
        {
            Header(title),
            ReservationFields(n, f),
            Section(n.ShiftStartsAt is { } start && start <= n.ReservedAt + heldFor
                // Reopened, a started shift is offered to nobody and `/reservar` refuses it (docs/decisions.md#reservations).
                ? $"A pré-reserva ficou {Duration(heldFor)} sem confirmação e o plantão já começou: ele não volta a ser oferecido. " +
                  $"{NobodyToldHim} Se ele foi ao plantão, registre no sistema da equipe (a Júlia não confirma uma reserva expirada)."
                : $"A pré-reserva ficou {Duration(heldFor)} sem confirmação. O plantão voltou a ficar aberto. {NobodyToldHim} " +
                  "Se ele ainda quer o plantão, reserve de novo com `/reservar` no Chatwoot."),
        };
        // The footer dates the expiry, the event this notice reports.
        blocks.Add(ReservationFooter(n, n.ReservedAt + heldFor));
        return Payload(title, ExpiredColor, blocks);
    }

    /// <param name="reservedNow">Staff reserved and confirmed it in one request: this is the only notice about it, so it says
    /// both (the hold sent no "Plantão reservado").</param>
    public static JsonObject ShiftConfirmed(ReservationNotice n, SlackFormat f, bool reservedNow = false)
    {
        const string title = "✅ Plantão confirmado";
        var blocks = new List<JsonObject>
        {
            Header(title),
            ReservationFields(n, f,
                Field("Setor", OrDash(n.Sector)),
                Field("Valor", Escape(n.PayText)),
                Field("Confirmado por", StaffName(n.ConfirmedBy))),
        };
        if (reservedNow) blocks.Add(Section($"Reservado e confirmado pela equipe ({StaffName(n.ConfirmedBy ?? n.ReservedBy)}) de uma vez, sem pré-reserva."));
        if (!string.IsNullOrWhiteSpace(n.Notes)) blocks.Add(Section($"*Notas:*\n{Escape(n.Notes.Trim())}"));
        AddChatwootButton(blocks, n.ChatwootConversationId, f);
        blocks.Add(ReservationFooter(n, n.ConfirmedAt ?? n.ReservedAt));
        return Payload(title, ConfirmedColor, blocks);
    }

    /// <summary>The doctor asked Júlia to stop writing while he holds this shift (a hold or a confirmed one).</summary>
    public static JsonObject OptOutWithReservation(ReservationNotice n, SlackFormat f)
    {
        const string title = "⚠️ Opt-out com plantão reservado";
        var blocks = new List<JsonObject>
        {
            Header(title),
            ReservationFields(n, f,
                Field("Setor", OrDash(n.Sector)),
                Field("Reserva", n.ConfirmedAt is null ? "pré-reserva (a confirmar)" : "confirmada")),
            Section("O médico pediu para não receber mais mensagens da Júlia, mas segura este plantão. Fale com ele por outro " +
                $"canal e confirme ou cancele a reserva (`/cancelar motivo` no Chatwoot) — reserva `{ShortId(n.ReservationId)}`."),
        };
        AddChatwootButton(blocks, n.ChatwootConversationId, f);
        blocks.Add(ReservationFooter(n, n.ReservedAt));
        return Payload(title, OptOutColor, blocks);
    }

    /// <summary>
    /// The doctor who holds this shift (a hold or a confirmed one) was erased at his request (LGPD): no doctor, phone or
    /// Chatwoot link — the record is anonymised and nobody can reach him through it; staff free or reassign the shift.
    /// </summary>
    public static JsonObject ErasedWithReservation(ReservationNotice n)
    {
        const string title = "🗑️ Plantão de médico apagado (LGPD)";
        var blocks = new List<JsonObject>
        {
            Header(title),
            Fields(
                Field("Hospital", HospitalAndCity(n)),
                Field("Data", DateWithWeekday(n.Date)),
                Field("Período", OrDash(n.Period)),
                Field("Setor", OrDash(n.Sector)),
                Field("Reserva", n.ConfirmedAt is null ? "pré-reserva (a confirmar)" : "confirmada")),
            Section("Os dados do médico que segura este plantão foram apagados a pedido dele (LGPD): a Júlia não fala mais com " +
                "ele e o cadastro não tem mais telefone. Cancele a reserva e ofereça o plantão a outro médico " +
                $"(`POST /admin/reservas/{n.ReservationId}/cancelar`) — reserva `{ShortId(n.ReservationId)}`."),
            Context($"Reserva {ShortId(n.ReservationId)} • {LocalTime(n.ReservedAt)}"),
        };
        return Payload(title, OptOutColor, blocks);
    }

    /// <summary>A hold or a confirmed shift cancelled by staff; <paramref name="reopened"/>: the shift is open again.</summary>
    public static JsonObject ReservationCancelled(ReservationNotice n, bool reopened, SlackFormat f)
    {
        const string title = "🚫 Reserva cancelada";
        var blocks = new List<JsonObject>
        {
            Header(title),
            ReservationFields(n, f,
                Field("Cancelada por", StaffName(n.EndedBy))),
            Section($"*Motivo:*\n{OrDash(n.Reason)}"),
        };
        if (reopened) blocks.Add(Section("O plantão voltou a ficar aberto."));
        blocks.Add(Section($"{NobodyToldHim} Avise-o você."));
        AddChatwootButton(blocks, n.ChatwootConversationId, f);
        blocks.Add(ReservationFooter(n, n.EndedAt ?? n.ReservedAt));
        return Payload(title, CancelledColor, blocks);
    }

    /// <summary>
    /// An expired or cancelled reservation sends the doctor nothing (docs/decisions.md#reservations): the notice says so,
    /// and what to do — it read as if someone had already told him (docs/decisions.md#staff-texts).
    /// </summary>
    const string NobodyToldHim = "A Júlia não manda aviso ao médico (só conta se ele perguntar).";

    /// <summary>"1 h 05 min", "12 min", "menos de 1 min": how long staff took, rounded down to the minute.</summary>
    public static string Duration(TimeSpan span)
    {
        var minutes = (long)Math.Floor(span.TotalMinutes);
        if (minutes < 1) return "menos de 1 min";
        if (minutes < 60) return $"{minutes} min";
        return $"{minutes / 60} h {minutes % 60:00} min";
    }

    /// <summary>
    /// Slack's mrkdwn control characters as the entities Slack expects, so text a doctor wrote cannot become a link,
    /// a mention (&lt;!channel&gt;) or a broken message.
    /// </summary>
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    static JsonObject[] HandoffFields(HandoffNotice n, SlackFormat f) =>
    [
        Field("Médico", DoctorName(n.DoctorName)),
        Field("Telefone", Phone(n.Phone, f)),
        Field("Motivo", OrDash(n.Reason)),
        Field("Tipo", TriggerType(n.TriggerType)),
    ];

    /// <summary>
    /// "Pedido de uma pessoa (pedido_humano)": the type in words with its stored word beside it, as the alerts' severity
    /// (docs/decisions.md#staff-texts); a type this version does not know, as stored.
    /// </summary>
    static string TriggerType(string type)
    {
        var label = HandoffTriggers.Label(type);
        return label == type ? Escape(type) : $"{Capitalised(label)} ({Escape(type)})";
    }

    /// <summary>What the person who takes the conversation does, before the button that opens it (docs/decisions.md#staff-texts).</summary>
    static JsonObject WhatToDo(HandoffNotice n) => Section($"*O que fazer:* {Capitalised(HandoffTriggers.StaffAction(n.TriggerType))}");

    static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpper(text[0], PtBr) + text[1..];

    /// <summary>Attachment colour by trigger type: the kind of trouble is visible before anyone reads.</summary>
    static string TriggerColor(string triggerType) => triggerType switch
    {
        HandoffTriggers.PersonRequested => "#2196F3",
        HandoffTriggers.Legal => "#F44336",
        HandoffTriggers.NegativeSentiment => "#FF9800",
        HandoffTriggers.LowConfidence => "#9C27B0",
        HandoffTriggers.Manual => "#4CAF50",
        _ => OtherColor,
    };

    static string DoctorName(string? name) => string.IsNullOrWhiteSpace(name) ? "sem nome" : Escape(name.Trim());

    static string Phone(string? phone, SlackFormat f) =>
        string.IsNullOrWhiteSpace(phone) ? "sem telefone" : Escape(f.MaskPhone ? PhoneMask.Mask(phone) : phone);

    /// <summary>Who resolved it; the stored word of an opt-out (`handoffs.resolvido_por = 'opt_out'`) said in words.</summary>
    static string ResolvedBy(string? by) => string.IsNullOrWhiteSpace(by) ? "equipe"
        : by.Trim() == "opt_out" ? "o médico (opt-out: pediu para não receber mais mensagens)"
        : Escape(by.Trim());

    static string StaffName(string? name) => string.IsNullOrWhiteSpace(name) ? "equipe" : Escape(name.Trim());

    static string OrDash(string? text) => string.IsNullOrWhiteSpace(text) ? "-" : Escape(text.Trim());

    static string HospitalAndCity(ReservationNotice n) => Escape(HospitalPlace.Of(n.Hospital, n.City));

    static string DateWithWeekday(DateOnly date) =>
        $"{date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)} ({PtBr.DateTimeFormat.GetDayName(date.DayOfWeek)})";

    /// <summary>The doctor's last message as a block quote: every line quoted, cut at 500 characters before escaping.</summary>
    static string Quote(string message)
    {
        var text = Truncate(message.Trim().Replace("\r\n", "\n"), MaxLastMessage);
        return "> " + Escape(text).Replace("\n", "\n> ");
    }

    static void AddChatwootButton(List<JsonObject> blocks, string? chatwootConversationId, SlackFormat f)
    {
        if (string.IsNullOrWhiteSpace(f.ChatwootBaseUrl) || string.IsNullOrWhiteSpace(chatwootConversationId)) return;
        var url = $"{f.ChatwootBaseUrl.Trim().TrimEnd('/')}/app/accounts/{f.ChatwootAccountId}/conversations/{Uri.EscapeDataString(chatwootConversationId.Trim())}";
        blocks.Add(new JsonObject
        {
            ["type"] = "actions",
            ["elements"] = new JsonArray(new JsonObject
            {
                ["type"] = "button",
                ["text"] = PlainText("Abrir no Chatwoot"),
                ["url"] = url,
                ["style"] = "primary",
                ["action_id"] = "open_chatwoot",
            }),
        });
    }

    static string ConversationLine(Guid conversationId, DateTimeOffset at) => $"Conversa {ShortId(conversationId)} • {LocalTime(at)}";

    /// <summary>
    /// A handoff's footer also carries its full id: the 8 characters of the conversation are for reading, and
    /// `POST /admin/handoffs/{id}/resolver` needs the whole UUID (an outside walk, 2026-12-03: no Slack message had it).
    /// </summary>
    static JsonObject HandoffFooter(HandoffNotice n, DateTimeOffset at) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(Mrkdwn(ConversationLine(n.ConversationId, at)), Mrkdwn($"Handoff {n.HandoffId}")),
    };

    static JsonObject ReservationFooter(ReservationNotice n, DateTimeOffset at) =>
        Context(n.ConversationId is { } conversationId
            ? ConversationLine(conversationId, at)
            : $"Reserva {ShortId(n.ReservationId)} • {LocalTime(at)}");

    static string ShortId(Guid id) => id.ToString("N")[..8];

    static string LocalTime(DateTimeOffset at) => SaoPaulo.ToLocal(at).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    static JsonObject Payload(string text, string color, List<JsonObject> blocks) => new()
    {
        ["text"] = text,
        ["attachments"] = new JsonArray(new JsonObject
        {
            ["color"] = color,
            ["blocks"] = new JsonArray([.. blocks.Take(MaxBlocks)]),
        }),
    };

    static JsonObject Header(string text) => new() { ["type"] = "header", ["text"] = PlainText(Truncate(text, MaxHeader)) };

    static JsonObject Section(string mrkdwn) => new() { ["type"] = "section", ["text"] = Mrkdwn(TruncateEscaped(mrkdwn, MaxSection)) };

    /// <summary>The fields every reservation notice starts with: who, where, when.</summary>
    static JsonObject ReservationFields(ReservationNotice n, SlackFormat f, params JsonObject[] more) => Fields(
    [
        Field("Médico", DoctorName(n.DoctorName)),
        Field("Telefone", Phone(n.Phone, f)),
        Field("Hospital", HospitalAndCity(n)),
        Field("Data", DateWithWeekday(n.Date)),
        Field("Período", OrDash(n.Period)),
        .. more,
    ]);

    static JsonObject Fields(params JsonObject[] fields) =>
        new() { ["type"] = "section", ["fields"] = new JsonArray([.. fields.Take(MaxFields)]) };

    /// <summary>A "*Label:*\nvalue" field; <paramref name="value"/> is already escaped.</summary>
    static JsonObject Field(string label, string value) => Mrkdwn(TruncateEscaped($"*{label}:*\n{value}", MaxField));

    static JsonObject Context(string mrkdwn) => new() { ["type"] = "context", ["elements"] = new JsonArray(Mrkdwn(mrkdwn)) };

    static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };

    /// <summary>At most <paramref name="max"/> characters, ending in "…" when cut, never splitting a surrogate pair.</summary>
    static string Truncate(string text, int max)
    {
        if (text.Length <= max) return text;
        return string.Concat(Infrastructure.Text.TextPrefix.Of(text, max - 1), "…");
    }

    /// <summary><see cref="Truncate"/> for escaped text: a cut entity ("&amp;a…") would show as garbage, so it goes whole.</summary>
    static string TruncateEscaped(string text, int max)
    {
        if (text.Length <= max) return text;
        var cut = Truncate(text, max)[..^1];
        var amp = cut.LastIndexOf('&');
        if (amp >= 0 && cut.IndexOf(';', amp) < 0) cut = cut[..amp];
        return cut + "…";
    }
}
