using System.Threading.Channels;

namespace Julia.Conversations;

/// <summary>
/// Wakes the turn runner when a doctor's message is durable, with the words of that message when there are any (the
/// runner does not let a debounce hold an opt-out or a handoff trigger: docs/decisions.md#inbound). Losing a signal loses nothing: the
/// sweeper finds the row.
/// </summary>
internal sealed class TurnSignals
{
    readonly Channel<TurnSignal> channel = Channel.CreateUnbounded<TurnSignal>(new UnboundedChannelOptions { SingleReader = true });

    public void Notify(Guid medicoId, string? words = null) => channel.Writer.TryWrite(new TurnSignal(medicoId, words));

    public ChannelReader<TurnSignal> Reader => channel.Reader;
}

/// <summary>A doctor to run a turn for, and the text or caption of the message that caused it (null: none, or not a message).</summary>
internal readonly record struct TurnSignal(Guid MedicoId, string? Words);
