namespace SipSecurity.Server.Transactions;

/// <summary>Server transaction states (RFC 3261 §17.2.1 Figure 7, §17.2.2 Figure 8).</summary>
internal enum ServerTransactionState : byte
{
    /// <summary>Non-INVITE, nothing sent yet: retransmissions are discarded.</summary>
    Trying,

    /// <summary>A provisional response was sent (an INVITE starts here): retransmissions get it again.</summary>
    Proceeding,

    /// <summary>A final response was sent: retransmissions get it again; INVITE waits for ACK.</summary>
    Completed,

    /// <summary>INVITE only: the ACK arrived; absorb retransmissions until Timer I.</summary>
    Confirmed,

    /// <summary>Gone from the table.</summary>
    Terminated,
}
