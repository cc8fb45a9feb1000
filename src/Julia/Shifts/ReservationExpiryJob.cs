using Julia.Jobs;
using Microsoft.Extensions.Options;

namespace Julia.Shifts;

/// <summary>
/// `reservas-expiracao` — every 10 min: reservations whose shift staff cancelled end `cancelada`, and holds nobody
/// confirmed within RESERVA_EXPIRA_HORAS expire and their shifts are open again (docs/decisions.md#reservations);
/// notifiers learn of each through <see cref="IReservationEffect"/>.
/// </summary>
internal sealed class ReservationExpiryJob(ShiftStore store, ShiftCatalog catalog, IOptions<ShiftsOptions> options) : IJob
{
    public string Name => "reservas-expiracao";
    public JobSchedule Schedule => new(Every: TimeSpan.FromMinutes(10));

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var (expired, ended, specialties) = await store.ExpireHoldsAsync(TimeSpan.FromHours(options.Value.ReservationExpiryHours), ct);
        foreach (var specialty in specialties) await catalog.InvalidateSpecialtyAsync(specialty);
        var result = Infrastructure.Text.PtBrCount.Of(expired, "reserva expirada", "reservas expiradas");
        return ended == 0 ? result : $"{result}, {Infrastructure.Text.PtBrCount.Of(ended, "reserva encerrada", "reservas encerradas")} (plantão cancelado)";
    }
}
