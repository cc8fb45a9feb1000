namespace Julia.Shifts;

internal sealed class ShiftsOptions
{
    public const string Section = "Shifts";
    /// <summary>RESERVA_EXPIRA_HORAS: an unconfirmed hold goes back to `aberta` after this long.</summary>
    public int ReservationExpiryHours { get; set; } = 24;
}
