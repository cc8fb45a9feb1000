namespace Julia.Infrastructure.Hosting;

/// <summary>Which half of Júlia this process runs (ARCHITECTURE.md "Roles").</summary>
internal enum HostRole { All, Api, Worker }

internal sealed record HostRoleInfo(HostRole Role)
{
    public bool RunsApi => Role is HostRole.All or HostRole.Api;
    public bool RunsWorker => Role is HostRole.All or HostRole.Worker;
    public string Name => Role.ToString().ToLowerInvariant();
}
