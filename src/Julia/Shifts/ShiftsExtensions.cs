using Julia.Jobs;
using Julia.Privacy;

namespace Julia.Shifts;

internal static class ShiftsExtensions
{
    public static void AddShifts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ShiftsOptions>().BindConfiguration(ShiftsOptions.Section);
        builder.Services.AddSingleton<ShiftStore>();
        builder.Services.AddSingleton<ShiftCatalog>();
        builder.Services.AddSingleton<ReservationQueries>();
        builder.Services.AddSingleton<ReservationDecisions>();
        builder.Services.AddSingleton<StaffReserving>();
        builder.Services.AddSingleton<IJob, ReservationExpiryJob>();
        builder.Services.AddSingleton<IPersonalDataOwner, ShiftPersonalData>();
    }
}
