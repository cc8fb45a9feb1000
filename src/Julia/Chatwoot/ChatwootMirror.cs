using Julia.Conversations;
using Julia.Notifications;
using Julia.Queue;
using Microsoft.Extensions.Options;

namespace Julia.Chatwoot;

/// <summary>
/// `CHATWOOT_ESPELHAMENTO=app`: Júlia, not Evolution, copies WhatsApp traffic into Chatwoot — each accepted doctor message
/// and each message that went out becomes a `copia` notice in the same commit, delivered by <see cref="ChatwootNotes"/>.
/// Staff messages are not copied back (they were written in Chatwoot). With `evolution` (default) this adds nothing.
/// </summary>
internal sealed class ChatwootMirror(IOptions<ChatwootOptions> options) : ISendEffect, IInboundEffect
{
    bool On => options.Value.Enabled && options.Value.AppMirrors;

    public string? SentSql(IReadOnlyList<SentMessage> batch) => On
        ? NotificationOutbox.InsertFromSql($"""
            (SELECT 'chatwoot' AS canal, 'copia' AS tipo, 'chatwoot:copia:saida:' || s.id AS chave, s.conversa_id,
                    jsonb_build_object('medico_id', s.medico_id, 'texto', s.conteudo, 'tipo', 'outgoing', 'source_id', s.provider_message_id) AS payload
             FROM {SendOutcomeSql.Sent} s WHERE NOT (s.metadata ? '{ConversationStore.StaffMessageKey}')
               AND NOT EXISTS (SELECT 1 FROM medicos m WHERE m.id = s.medico_id AND m.apagado_em IS NOT NULL))
            """)
        : null;

    public const string StaffNotSentKind = "aviso_falha_envio";

    /// <summary>
    /// A staff message that ended without reaching the doctor (`erro` after its attempts, not on WhatsApp, `bloqueada`
    /// by an opt-out…): the staff saw it as sent in Chatwoot, so a private note in the conversation says it was not.
    /// A cancel (a newer message superseded it, the conversation ended) is not a failure.
    /// </summary>
    public string? EndedSql(EndedMessage ended) =>
        On && ended.Message.SystemKind == ConversationControl.StaffTextKind && ended.Status != "cancelada"
            ? NotificationOutbox.InsertFromSql($$"""
                (SELECT 'chatwoot' AS canal, '{{StaffNotSentKind}}' AS tipo, 'chatwoot:{{StaffNotSentKind}}:' || f.id AS chave, f.conversa_id,
                        jsonb_build_object('texto', CASE WHEN {{SendOutcomeSql.EndedReason}}::text = '{{DispatchStore.UnknownOutcome}}'
                            THEN 'Júlia: o envio desta mensagem da equipe foi interrompido e não dá para saber se chegou ao médico: "' ||
                                 left(f.conteudo, 200) || '". Não foi reenviada (para não duplicar); confira com ele se precisar.'
                            ELSE 'Júlia: esta mensagem da equipe NÃO chegou ao médico (' ||
                                 left({{SendOutcomeSql.EndedReason}}::text, 200) || '): "' || left(f.conteudo, 200) ||
                                 '". Tente de novo mais tarde ou fale com ele por outro canal.' END) AS payload
                 FROM fila_mensagens f WHERE f.id = {{SendOutcomeSql.EndedId}} AND f.conversa_id IS NOT NULL)
                """)
            : null;

    public string? InsertedCte(string inserted)
    {
        if (!On) return null;
        var copies = NotificationOutbox.InsertFromSql($"""
            (SELECT 'chatwoot' AS canal, 'copia' AS tipo, 'chatwoot:copia:entrada:' || i.id AS chave, NULL::uuid AS conversa_id,
                    jsonb_build_object('medico_id', i.medico_id, 'texto', i.conteudo, 'tipo', 'incoming', 'source_id', i.provider_message_id) AS payload
             FROM {inserted} i WHERE i.conteudo IS NOT NULL)
            """);
        return $"chatwoot_copies AS ({copies} RETURNING id)";
    }
}
