namespace Julia.Conversations;

/// <summary>
/// What a doctor's accepted message means to another feature (the Chatwoot copy of `CHATWOOT_ESPELHAMENTO=app`), written
/// in the webhook's one commit: a CTE that reads the relation <c>inserted</c> (id, medico_id, tipo, conteudo,
/// provider_message_id, created_at) and writes only tables its feature owns, or null when there is nothing to add.
/// Decided once at start-up, so the default path carries no extra SQL.
/// </summary>
internal interface IInboundEffect
{
    /// <summary>`name AS (…)`, or null.</summary>
    string? InsertedCte(string inserted);
}
