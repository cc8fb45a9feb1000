namespace Julia.Queue;

/// <summary>A message that left: its claimed row, the id the gateway gave it and the address it went to.</summary>
internal sealed record SentMessage(ClaimedMessage Message, string? ProviderMessageId, string Address);

/// <summary>
/// The send-started mark's answer: made; not made because the row is no longer claimed (a cancel ended it); or not made
/// because the doctor wrote since the follow-up or campaign opening was queued (the caller ends it).
/// </summary>
internal enum SendMark { Marked, Ended, Answered }

/// <summary>A message that ended without leaving: `bloqueada`, `cancelada` or `erro`, with its reason code or error.</summary>
internal sealed record EndedMessage(ClaimedMessage Message, string Status, string Reason);

/// <summary>
/// What a send means, contributed by the features that give it a meaning (docs/architecture.md, "Send outcomes"). Queue
/// sends and marks rows and knows nothing more: it runs each effect's SQL in the same command batch as its own mark — one
/// round trip and one transaction, whatever the number of effects. The SQL reads the batch from
/// <see cref="SendOutcomeSql.Sent"/>, writes only tables its own feature owns (or calls their owners' SQL builders), and
/// must not depend on the order of the effects. Register with <c>services.AddSingleton&lt;ISendEffect, …&gt;()</c>.
/// </summary>
internal interface ISendEffect
{
    /// <summary>Statements to run with the `enviada` mark of a batch, or null when no message of it concerns this feature.</summary>
    string? SentSql(IReadOnlyList<SentMessage> batch) => null;

    /// <summary>Statements to run with the end of a message that was not sent (<see cref="SendOutcomeSql.EndedId"/> etc.), or null.</summary>
    string? EndedSql(EndedMessage ended) => null;

    /// <summary>In-process reaction once the end is committed (wake a worker, drop a cache). Must not throw.</summary>
    void AfterEnded(EndedMessage ended) { }

    /// <summary>In-process reaction once the batch's `enviada` mark is committed (drop a cache). Must not throw.</summary>
    Task AfterSentAsync(IReadOnlyList<SentMessage> batch) => Task.CompletedTask;
}

/// <summary>The relations and parameters effects read: defined here because Queue owns fila_mensagens.</summary>
internal static class SendOutcomeSql
{
    /// <summary>
    /// The sent batch: id, medico_id, conversa_id, tipo, conteudo, metadata (jsonb), provider_message_id, remote_jid (the
    /// address it went to), llm (the agent's accounting as jsonb text, or NULL) and answer_basis: the moment a message
    /// of the doctor after which is an answer to this one (`metadata.ultima_saida`, else the row's creation — the same
    /// basis as the send's own re-check, DispatchStore's InboundSinceEnqueue).
    /// </summary>
    public const string Sent = $"""
        (SELECT f.id, f.medico_id, f.conversa_id, f.tipo, f.conteudo, f.metadata, b.provider AS provider_message_id,
                b.address AS remote_jid, {QueueStore.LlmAccounting} AS llm,
                COALESCE((f.metadata->>'{QueueStore.AnswerBasisKey}')::timestamptz, f.created_at) AS answer_basis
         FROM fila_mensagens f JOIN unnest(@sent_ids, @sent_providers, @sent_addresses) AS b (id, provider, address) ON b.id = f.id
         WHERE f.id = ANY(@sent_ids))
        """;

    /// <summary>Parameters of an ended message: its fila_mensagens id, final status and reason.</summary>
    public const string EndedId = "@ended_id", EndedStatus = "@ended_status", EndedReason = "@ended_reason";
}
