using Npgsql;

namespace Julia.Doctors;

/// <summary>
/// What a doctor's opt-out means to another feature (its pending campaign sends, …), written in the same transaction as
/// the opt-out itself. Register with <c>services.AddSingleton&lt;IOptOutEffect, …&gt;()</c> in the feature's own AddXxx.
/// </summary>
internal interface IOptOutEffect
{
    Task OnOptOutAsync(NpgsqlTransaction tx, Guid medicoId, CancellationToken ct);
}
