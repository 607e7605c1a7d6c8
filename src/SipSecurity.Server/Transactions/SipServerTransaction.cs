using SipSecurity.Server.Transport;
using SipSecurity.Sip.Headers;
using SipSecurity.Sip.Messages;

namespace SipSecurity.Server.Transactions;

/// <summary>
/// A server transaction as the TU sees it (RFC 3261 §17.2): the request, where it came from, and the one way to answer.
/// Retransmissions of the request never reach the TU; the layer answers them with the last response sent.
/// </summary>
public sealed class SipServerTransaction
{
    private readonly SipTransactionLayer _layer;
    private volatile bool _completed;

    internal SipServerTransaction(SipTransactionLayer layer, ServerTransactionEntry entry, SipRequest request, SipVia topVia, SipInboundContext source, long createdMs)
    {
        _layer = layer;
        Entry = entry;
        Request = request;
        TopVia = topVia;
        Source = source;
        CreatedMs = createdMs;
    }

    /// <summary>The request that created the transaction.</summary>
    public SipRequest Request { get; }

    /// <summary>Where the request came from, and the way back.</summary>
    public SipInboundContext Source { get; }

    /// <summary>The request's top Via (received/rport included), parsed once.</summary>
    public SipVia TopVia { get; }

    /// <summary>Whether a final response was sent (by the TU, or by the layer: 487 after CANCEL, 408 after <see cref="SipTimerSettings.InviteTimeout"/>).</summary>
    public bool IsCompleted => _completed;

    internal ServerTransactionEntry Entry { get; }

    internal long CreatedMs { get; }

    // INVITE only, guarded by lock(Entry): Timer G and H (RFC 3261 §17.2.1).
    internal long TimerGDeadlineMs { get; set; }

    internal long TimerGIntervalMs { get; set; }

    internal long TimerHDeadlineMs { get; set; }

    // INVITE only: the To tag of the TU's provisional responses, reused by the 487 the layer sends after CANCEL.
    internal string? ToTag { get; set; }

    /// <summary>
    /// Sends a provisional or final response, serialized once and kept for retransmissions. Thread-safe. A response after the
    /// final one is ignored and logged (the transaction may have been answered by the layer, e.g. 487 after CANCEL).
    /// </summary>
    public void Respond(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        _layer.Respond(this, response);
    }

    /// <summary>
    /// Ends the transaction without any answer (a request from a blocked source is dropped). Retransmissions of a
    /// non-INVITE over UDP are absorbed until Timer J, so they cost no more work; others simply end.
    /// </summary>
    public void Abandon() => _layer.Abandon(this);

    /// <summary>Marks the final response; true the first time.</summary>
    internal bool MarkCompleted()
    {
        if (_completed)
        {
            return false;
        }

        _completed = true;
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Request.Method} {TopVia.Branch} from {Source}";
}
