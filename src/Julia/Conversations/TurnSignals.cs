using System.Threading.Channels;

namespace Julia.Conversations;

/// <summary>Wakes the turn runner when a doctor's message is durable. Losing a signal loses nothing: the sweeper finds the row.</summary>
internal sealed class TurnSignals
{
    readonly Channel<Guid> channel = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public void Notify(Guid medicoId) => channel.Writer.TryWrite(medicoId);

    public ChannelReader<Guid> Reader => channel.Reader;
}
