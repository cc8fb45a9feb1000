namespace Julia.Doctors;

/// <summary>How Júlia names a doctor at the start of a message she sends on her own: "Dr. André", "Dra. Ana", "André".</summary>
internal static class DoctorSalutation
{
    /// <summary>The title (`medicos.titulo`) and first name, or null without a first name.</summary>
    public static string? Of(string? title, string? firstName) =>
        string.IsNullOrWhiteSpace(firstName) ? null
        : string.IsNullOrWhiteSpace(title) ? firstName.Trim()
        : $"{title.Trim()} {firstName.Trim()}";
}
