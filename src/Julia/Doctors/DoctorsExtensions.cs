using Julia.Jobs;
using Julia.Privacy;

namespace Julia.Doctors;

internal static class DoctorsExtensions
{
    public static void AddDoctors(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DoctorStore>();
        builder.Services.AddSingleton<DoctorDirectory>();
        builder.Services.AddSingleton<Queue.ISendAddressBook>(sp => sp.GetRequiredService<DoctorDirectory>());
        builder.Services.AddSingleton<DoctorProfileStore>();
        builder.Services.AddSingleton<DoctorContext>();
        builder.Services.AddSingleton<ContactPauses>();
        builder.Services.AddSingleton<IJob, PressureDecayJob>();
        builder.Services.AddSingleton<IPersonalDataOwner, DoctorPersonalData>();
    }
}
