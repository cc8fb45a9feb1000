namespace Julia.Queue;

/// <summary>
/// Where a doctor's sends go, kept by the feature that owns the doctor (Doctors): the queue stores the JID Evolution
/// verified for a number (docs/decisions.md#queue, "Never-seen numbers").
/// </summary>
internal interface ISendAddressBook
{
    /// <summary>
    /// This doctor's send address from now on, unless a message of his set a LID address meanwhile (his own address wins
    /// over a lookup). Drops his cached views.
    /// </summary>
    Task RememberVerifiedJidAsync(Guid medicoId, string jid, CancellationToken ct);
}
