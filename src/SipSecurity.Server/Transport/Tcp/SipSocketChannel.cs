using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using SipSecurity.Server.Configuration;

namespace SipSecurity.Server.Transport.Tcp;

/// <summary>Plain TCP: the socket itself.</summary>
internal sealed class SipSocketChannel(Socket socket) : ISipStreamChannel
{
    public SipTransportKind Transport => SipTransportKind.Tcp;

    public X509Certificate2? PeerCertificate => null;

    public ValueTask<bool> OpenAsync() => ValueTask.FromResult(true);

    public async ValueTask WaitForDataAsync()
        => await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None).ConfigureAwait(false);

    public ValueTask<int> ReadAsync(Memory<byte> buffer) => socket.ReceiveAsync(buffer, SocketFlags.None);

    // A stream socket's SendAsync completes when every byte is handed to the OS: messages stay whole.
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data)
        => await socket.SendAsync(data, SocketFlags.None).ConfigureAwait(false);

    public void Dispose() => socket.Dispose();
}
