using System.Security.Cryptography.X509Certificates;
using SipSecurity.Server.Configuration;

namespace SipSecurity.Server.Transport.Tcp;

/// <summary>
/// The byte stream under a stream connection: a plain socket (TCP) or TLS over it. The connection frames, queues and
/// sweeps; the channel only opens, waits, reads, writes and closes. One read and one write may run at once.
/// </summary>
internal interface ISipStreamChannel : IDisposable
{
    SipTransportKind Transport { get; }

    /// <summary>The verified client certificate (TLS), once <see cref="OpenAsync"/> has succeeded; else null.</summary>
    X509Certificate2? PeerCertificate { get; }

    /// <summary>Makes the channel ready to carry SIP (the TLS handshake); false when the connection must close.</summary>
    ValueTask<bool> OpenAsync();

    /// <summary>Completes when data (or the end of the stream) can be read, without holding a receive buffer meanwhile.</summary>
    ValueTask WaitForDataAsync();

    /// <summary>Reads what is available into <paramref name="buffer"/>; 0 when the peer closed.</summary>
    ValueTask<int> ReadAsync(Memory<byte> buffer);

    /// <summary>Writes every byte of <paramref name="data"/>.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> data);
}
