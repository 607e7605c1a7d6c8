namespace SipSecurity.Server.Configuration;

/// <summary>The transport a connector listens on. TLS, WS and WSS arrive with their own issues.</summary>
public enum SipTransportKind
{
    Udp,
    Tcp,
    Tls,
    Ws,
    Wss,
}
