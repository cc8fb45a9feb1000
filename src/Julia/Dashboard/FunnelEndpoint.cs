namespace Julia.Dashboard;

/// <summary>`GET /metricas/funil?dias=N` (bearer ADMIN_API_TOKEN): the offer funnel of <see cref="OfferFunnel"/>.</summary>
internal static class FunnelEndpoint
{
    /// <summary>A funnel runs over days (contact, reply, offer, reservation), so the default window is longer than the summary's.</summary>
    public const int DefaultDays = 30;

    /// <summary>The last <c>dias</c> São Paulo days up to now, today included (1–90, default 30).</summary>
    public static async Task<IResult> GetAsync(string? dias, FunnelStore store, TimeProvider time, CancellationToken ct)
    {
        if (!DashboardEndpoints.TryDays(dias, DefaultDays, out var n, out var problem)) return problem;
        var days = SaoPauloDays.EndingNow(n, time.GetUtcNow());
        return TypedResults.Ok(OfferFunnel.Build(days, await store.ReadAsync(days, ct)));
    }
}
