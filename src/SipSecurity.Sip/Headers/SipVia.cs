using System.Text;
using SipSecurity.Sip.Parsing;
using SipSecurity.Sip.Uri;

namespace SipSecurity.Sip.Headers;

/// <summary>One Via value (RFC 3261 §20.42, §18.2.1, RFC 3581 rport).</summary>
public sealed class SipVia
{
    /// <summary>Protocol name and version, e.g. "SIP/2.0".</summary>
    public required string Protocol { get; init; }

    /// <summary>The transport in upper case, e.g. "UDP", "TCP", "TLS", "WS" (unknown transports are kept, RFC 4475 §3.1.1.10).</summary>
    public required string Transport { get; init; }

    /// <summary>sent-by host; an IPv6 reference keeps its brackets.</summary>
    public required string Host { get; init; }

    /// <summary>What <see cref="Host"/> is.</summary>
    public SipHostKind HostKind { get; init; }

    /// <summary>sent-by port, or null when absent.</summary>
    public int? Port { get; init; }

    /// <summary>All via-params in order.</summary>
    public required IReadOnlyList<SipParameter> Parameters { get; init; }

    /// <summary>The branch parameter (RFC 3261 §8.1.1.7), or null.</summary>
    public string? Branch => Parameters.Get("branch");

    /// <summary>Whether the branch has the RFC 3261 magic cookie "z9hG4bK" and something after it (§17.2.3 matching applies only then; RFC 4475 §3.2.1).</summary>
    public bool HasRfc3261Branch => Branch is { Length: > 7 } b && b.StartsWith("z9hG4bK", StringComparison.Ordinal);

    /// <summary>The received parameter (RFC 3261 §18.2.1), or null.</summary>
    public string? Received => Parameters.Get("received");

    /// <summary>The maddr parameter, or null.</summary>
    public string? MAddr => Parameters.Get("maddr");

    /// <summary>Whether rport is present, with or without a value (RFC 3581 §3-4).</summary>
    public bool HasRPort => Parameters.Has("rport");

    /// <summary>The rport value, or null when absent or valueless.</summary>
    public int? RPort => int.TryParse(Parameters.Get("rport"), out var p) ? p : null;

    /// <summary>Parses one via-parm (a single comma-separated element).</summary>
    public static SipVia Parse(ReadOnlySpan<byte> value)
    {
        // via-parm = sent-protocol LWS sent-by *( SEMI via-params ); SLASH = SWS "/" SWS (RFC 3261 §25.1).
        var r = new ValueReader(value, "Via");
        var name = r.ReadToken();
        r.Expect((byte)'/');
        var version = r.ReadToken();
        r.Expect((byte)'/');
        var transport = r.ReadToken();
        var host = r.ReadHost();
        int? port = null;
        if (r.TryConsume((byte)':'))
        {
            var portRange = r.ReadToken();
            if (!int.TryParse(r.Slice(portRange), out var p) || p is < 0 or > 65535 || !IsDigits(r.Slice(portRange)))
            {
                throw r.Error("bad port");
            }

            port = p;
        }

        var parameters = r.ReadParameters();
        r.ExpectEnd();
        var hostText = r.GetString(host);
        return new SipVia
        {
            Protocol = r.GetString(name).ToUpperInvariant() + "/" + r.GetString(version),
            Transport = r.GetString(transport).ToUpperInvariant(),
            Host = hostText,
            HostKind = hostText[0] == '[' ? SipHostKind.IPv6 : SipUriParser.ClassifyHost(Encoding.ASCII.GetBytes(hostText)) ?? SipHostKind.DomainName,
            Port = port,
            Parameters = parameters,
        };
    }

    private static bool IsDigits(ReadOnlySpan<byte> span)
    {
        foreach (var b in span)
        {
            if (!SipChars.IsDigit(b))
            {
                return false;
            }
        }

        return true;
    }
}
