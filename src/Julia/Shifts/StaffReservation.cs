namespace Julia.Shifts;

/// <summary>A reservation as staff review it (GET /admin/reservas, the Chatwoot commands): the hold, its shift and its doctor.</summary>
internal sealed class StaffReservation
{
    public Guid Id { get; set; }
    public string Status { get; set; } = "";
    public string Origem { get; set; } = "";
    /// <summary>The staff member who made a reservation of origin `humano`, when said.</summary>
    public string? ReservadaPor { get; set; }
    public string? Confirmacao { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ConfirmadaEm { get; set; }
    public string? ConfirmadaPor { get; set; }
    public string? Notas { get; set; }
    public DateTime? EncerradaEm { get; set; }
    public string? EncerradaPor { get; set; }
    public string? Motivo { get; set; }
    public Guid? ConversaId { get; set; }

    public Guid VagaId { get; set; }
    public string VagaStatus { get; set; } = "";
    public Guid EspecialidadeId { get; set; }
    public string Hospital { get; set; } = "";
    public string Cidade { get; set; } = "";
    public DateOnly Data { get; set; }
    public TimeOnly? HoraInicio { get; set; }
    public TimeOnly? HoraFim { get; set; }
    public string? Periodo { get; set; }
    public string? Setor { get; set; }
    public int? Valor { get; set; }
    public string ValorTipo { get; set; } = "fixo";
    public int? ValorMinimo { get; set; }
    public int? ValorMaximo { get; set; }
    public DateTime? RealizadaEm { get; set; }

    public Guid MedicoId { get; set; }
    public string? MedicoNome { get; set; }
    public string? Telefone { get; set; }
    /// <summary>
    /// Not blocked or removed, and not opted out — or he asked Júlia for this hold after his opt-out
    /// (<see cref="AskedSinceOptOutSql"/>): the confirmation reaches him on WhatsApp.
    /// </summary>
    public bool Contactable { get; set; }

    /// <summary>The SELECT list for this class over `reservas_vaga r`, `vagas v`, `hospitais h`, `periodos p`, `setores s`, `medicos m`.</summary>
    public const string Columns = $"""
        r.id AS Id, r.status AS Status, r.origem AS Origem, r.reservada_por AS ReservadaPor, r.confirmacao AS Confirmacao, r.created_at AS CreatedAt,
        r.confirmada_em AS ConfirmadaEm, r.confirmada_por AS ConfirmadaPor, r.notas AS Notas, r.encerrada_em AS EncerradaEm,
        r.encerrada_por AS EncerradaPor, r.motivo AS Motivo, r.conversa_id AS ConversaId,
        v.id AS VagaId, v.status AS VagaStatus, v.especialidade_id AS EspecialidadeId, h.nome AS Hospital, h.cidade AS Cidade,
        v.data AS Data, v.hora_inicio AS HoraInicio, v.hora_fim AS HoraFim, p.nome AS Periodo, s.nome AS Setor, v.valor AS Valor,
        v.valor_tipo AS ValorTipo, v.valor_minimo AS ValorMinimo, v.valor_maximo AS ValorMaximo, v.realizada_em AS RealizadaEm,
        m.id AS MedicoId, NULLIF(concat_ws(' ', m.titulo, m.primeiro_nome, m.sobrenome), '') AS MedicoNome, m.telefone AS Telefone,
        (NOT (m.bloqueado OR m.deleted_at IS NOT NULL) AND (NOT m.opted_out OR {AskedSinceOptOutSql})) AS Contactable
        """;

    /// <summary>
    /// The hold over `reservas_vaga r` / `medicos m` was asked of Júlia by the doctor himself after his (last) opt-out: he
    /// came back and reserved, so telling him it is confirmed answers him (docs/decisions.md#reservations). A hold staff
    /// made (`origem = 'humano'`) or one from before the opt-out does not count; an opt-out without a date neither.
    /// </summary>
    public const string AskedSinceOptOutSql = "COALESCE(r.origem = 'julia' AND r.created_at > m.opted_out_at, false)";

    public const string From = """
        FROM reservas_vaga r JOIN vagas v ON v.id = r.vaga_id JOIN hospitais h ON h.id = v.hospital_id
             LEFT JOIN periodos p ON p.id = v.periodo_id LEFT JOIN setores s ON s.id = v.setor_id
             JOIN medicos m ON m.id = r.medico_id
        """;

    /// <summary>When the job `reservas-expiracao` releases this hold if nobody confirms it (RESERVA_EXPIRA_HORAS after it was made).</summary>
    public DateTimeOffset ExpiresAtUtc(int expiryHours) => Utc(CreatedAt).AddHours(expiryHours);

    /// <summary>The first 8 hex digits of the id: what staff type after /confirmar or /cancelar.</summary>
    public string ShortId => Id.ToString("N")[..8];

    Shift AsShift => new(VagaId, EspecialidadeId, Guid.Empty, Hospital, Cidade, null, Data, HoraInicio, HoraFim, Periodo, Setor,
        null, Valor, ValorTipo, ValorMinimo, ValorMaximo, "normal", VagaStatus);

    public string PayText => AsShift.PayText;

    /// <summary>The staff notices' "Período" (<see cref="Shift.PeriodText"/>).</summary>
    public string? PeriodText => AsShift.PeriodText;

    /// <summary>What the staff notices (Slack, Chatwoot) show of this reservation.</summary>
    public ReservationNotice ToNotice(string? chatwootConversationId) =>
        new(Id, VagaId, MedicoNome, Telefone, Hospital, Cidade, Data, PeriodText, Setor, PayText, Utc(CreatedAt), ConversaId,
            chatwootConversationId, ConfirmadaEm is { } confirmed ? Utc(confirmed) : null, ConfirmadaPor, Notas,
            EncerradaEm is { } ended ? Utc(ended) : null, EncerradaPor, Motivo, Origem, ReservadaPor, AsShift.StartsAt);

    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
