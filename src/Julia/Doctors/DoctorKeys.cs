namespace Julia.Doctors;

/// <summary>Redis keys owned by Doctors (runbook families `medico:*` and `contexto:medico:*`).</summary>
internal static class DoctorKeys
{
    public static string ByPhone(string telefone) => $"medico:telefone:{telefone}";
    public static string ById(Guid id) => $"medico:id:{id}";
    public static string Context(Guid id) => $"contexto:medico:{id}";
}
