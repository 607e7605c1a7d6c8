using SipSecurity.Server.Configuration;
using SipSecurity.Sip.Parsing;

namespace SipSecurity.Server.Transport;

/// <summary>The settings a transport reads per message or connection, with the parser options derived from them.</summary>
internal sealed class SipTransportLimits
{
    public SipTransportLimits(SipServerSettings settings)
    {
        Settings = settings;
        ParserOptions = new SipParserOptions { MaxMessageSize = settings.MaxMessageSize, MaxHeaderCount = settings.MaxHeaderCount };

        // Re-parsing a request after received/rport were added: the Via grew, so allow the growth.
        ReparseOptions = new SipParserOptions { MaxMessageSize = settings.MaxMessageSize + 1_024, MaxHeaderCount = settings.MaxHeaderCount };
        SendQueueBytes = Math.Max(4 * settings.MaxMessageSize, 256 * 1024);
    }

    public SipServerSettings Settings { get; }

    public SipParserOptions ParserOptions { get; }

    public SipParserOptions ReparseOptions { get; }

    /// <summary>Most bytes waiting in one connection's send queue.</summary>
    public int SendQueueBytes { get; }
}
