using SipSecurity.Server.Transport;
using SipSecurity.Sip.Messages;

namespace SipSecurity.Server.Transactions;

/// <summary>
/// The transaction user (RFC 3261 §17): the server core that the transaction layer hands new requests to.
/// Called on the transport's receive thread: implementations must not block.
/// </summary>
public interface ISipTransactionUser
{
    /// <summary>A new request (never a retransmission, never ACK or CANCEL). Answer it with <see cref="SipServerTransaction.Respond"/>, now or later.</summary>
    void OnRequest(SipServerTransaction transaction);

    /// <summary>
    /// A CANCEL matched <paramref name="invite"/> while it had no final response (RFC 3261 §9.2). The layer has already
    /// answered the CANCEL with 200 and the INVITE with 487; a later final response from the TU is ignored.
    /// </summary>
    void OnCancel(SipServerTransaction invite, SipRequest cancel)
    {
    }

    /// <summary>An ACK that matches no server transaction: the ACK for a 2xx, which belongs to the dialog (RFC 3261 §17.2.1, §13.3.1.4). Never answer it.</summary>
    void OnAck(SipRequest ack, SipInboundContext source)
    {
    }
}
