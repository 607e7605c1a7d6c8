using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using SipSecurity.Server.Transport.Tls;

namespace SipSecurity.Server.Hosting.Tls;

/// <summary>
/// What the transport holds: the current <see cref="SipTlsServerContext"/>, swapped atomically on rotation. A
/// handshake uses the context current when it starts; established connections are not touched.
/// </summary>
internal sealed class SipTlsContextHolder(SipTlsServerContext initial) : ISipTlsServerContext
{
    private SipTlsServerContext _current = initial;

    public SipTlsServerContext Current => Volatile.Read(ref _current);

    public TimeSpan HandshakeTimeout => Current.HandshakeTimeout;

    public int MaxConcurrentHandshakes => Current.MaxConcurrentHandshakes;

    public void Replace(SipTlsServerContext next) => Volatile.Write(ref _current, next);

    public SslServerAuthenticationOptions GetOptions() => Current.GetOptions();

    public X509Certificate2? GetVerifiedClientCertificate(SslStream stream, out string? problem) =>
        Current.GetVerifiedClientCertificate(stream, out problem);
}
