namespace Julia.Shifts;

/// <summary>
/// The stored status words (`vagas.status`, `reservas_vaga.status`) as a recruiter reads them in a Chatwoot note: in words,
/// never the column's value. `/reservar` on a legacy status answered "o plantão não está aberto (pendente_confirmacao)"
/// (an audit of what people read, 2026-12-05). The admin API keeps the stored words: they are its contract.
/// </summary>
internal static class StatusWords
{
    /// <summary>Why a shift cannot be held, after "o plantão …": "foi cancelado", "está fechado"…</summary>
    public static string ShiftNotReservable(string? status) => status switch
    {
        "cancelada" => "foi cancelado",
        "fechada" => "está fechado",
        "pendente_confirmacao" => "está aguardando confirmação de outro médico",
        "reservada" => "já está reservado",
        "confirmada" => "já está confirmado",
        "realizada" => "já foi realizado",
        null or "" => "não está aberto",
        // A word added to the table after this code: said as what it is, not guessed.
        _ => $"não está aberto (situação \"{status}\" no cadastro)",
    };

    /// <summary>A reservation's status in a list a recruiter reads: "pré-reserva ativa", "confirmada", "expirada"…</summary>
    public static string Reservation(string? status) => status switch
    {
        "ativa" => "pré-reserva ativa",
        "confirmada" => "confirmada",
        "cancelada" => "cancelada",
        "expirada" => "expirada sem confirmação",
        null or "" => "sem situação",
        _ => $"situação \"{status}\"",
    };
}
