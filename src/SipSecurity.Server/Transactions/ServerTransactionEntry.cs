namespace SipSecurity.Server.Transactions;

/// <summary>
/// What the table keeps per server transaction, for as long as it lives. Small on purpose: a completed non-INVITE keeps
/// only its key and its serialized final response (~600k of them live at 20k REGISTER/s, Timer J 32 s). The request,
/// its Via and its source live in <see cref="Handle"/>, released once nothing needs them. Guarded by lock(this).
/// </summary>
internal sealed class ServerTransactionEntry : TimedEntry
{
    public ServerTransactionEntry(byte[] key, bool isInvite, bool isReliable)
    {
        Key = key;
        IsInvite = isInvite;
        IsReliable = isReliable;
    }

    public byte[] Key { get; }

    public bool IsInvite { get; }

    public bool IsReliable { get; }

    /// <summary>While the TU owes a final response, or Timer G needs the request's Via and source.</summary>
    public SipServerTransaction? Handle { get; set; }

    /// <summary>The last response sent, serialized once: what a retransmitted request gets.</summary>
    public byte[]? LastResponse { get; set; }

    public ServerTransactionState State { get; set; }
}
