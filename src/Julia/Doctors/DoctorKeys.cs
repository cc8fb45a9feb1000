namespace Julia.Doctors;

/// <summary>Redis keys owned by Doctors (runbook family `medico:*`).</summary>
internal static class DoctorKeys
{
    public static string ByPhone(string telefone) => $"medico:telefone:{telefone}";
    public static string ById(Guid id) => $"medico:id:{id}";
}
