using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace SipSecurity.Server.Transport.Tls;

/// <summary>
/// What a TLS listener needs for each handshake. The server implements it over the configured keystore and
/// truststore and swaps the certificate when they change (rotation without restart): every call to
/// <see cref="GetOptions"/> returns the options for the next handshake.
/// </summary>
public interface ISipTlsServerContext
{
    /// <summary>A handshake not finished within this time is abandoned and the connection closed.</summary>
    TimeSpan HandshakeTimeout { get; }

    /// <summary>Most handshakes in progress at once; further accepted connections wait (and time out) rather than pile up.</summary>
    int MaxConcurrentHandshakes { get; }

    /// <summary>Options for the next server handshake: certificate context, client certificate mode and its validation, protocols, cipher suites, no renegotiation.</summary>
    SslServerAuthenticationOptions GetOptions();

    /// <summary>
    /// After a completed handshake: the client certificate, when one was sent and it verified against the truststore;
    /// null otherwise, with <paramref name="problem"/> saying why when one was sent but did not verify (Want mode).
    /// </summary>
    X509Certificate2? GetVerifiedClientCertificate(SslStream stream, out string? problem);
}
