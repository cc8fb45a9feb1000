using System.Reflection;

namespace Julia.Infrastructure.Hosting;

internal static class JuliaVersion
{
    public static readonly string Value =
        typeof(JuliaVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
