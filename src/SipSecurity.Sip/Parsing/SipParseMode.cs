namespace SipSecurity.Sip.Parsing;

/// <summary>How message boundaries are found (RFC 3261 §18.3).</summary>
public enum SipParseMode
{
    /// <summary>UDP, WebSocket frame: the whole input is one message; Content-Length, when present, bounds the body and extra octets are ignored.</summary>
    Datagram,

    /// <summary>TCP, TLS: messages follow each other; Content-Length is required and frames the body.</summary>
    Stream,
}
