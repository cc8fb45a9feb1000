namespace Julia.Shifts;

internal static class ShiftsExtensions
{
    public static void AddShifts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ShiftStore>();
        builder.Services.AddSingleton<ShiftCatalog>();
    }
}
