using System.Text;
using SipSecurity.Sip.Parsing;
using SipSecurity.Sip.Uri;

namespace SipSecurity.Sip.Headers;

/// <summary>
/// A name-addr or addr-spec with header parameters: From, To, Contact, Route, Record-Route, Reply-To (RFC 3261 §20.10, §20.20, §20.39).
/// Without angle brackets, ";" starts header parameters, never URI parameters (§20.10).
/// </summary>
public sealed class SipNameAddress
{
    /// <summary>The display name with quotes and escapes removed, or null when absent.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The URI (any scheme; unknown schemes are opaque, RFC 4475 §3.3.4).</summary>
    public required SipUri Uri { get; init; }

    /// <summary>Whether the URI was written in angle brackets.</summary>
    public bool IsNameAddr { get; init; }

    /// <summary>Header parameters (after the URI) in order.</summary>
    public required IReadOnlyList<SipParameter> Parameters { get; init; }

    /// <summary>The tag parameter (RFC 3261 §19.3), or null.</summary>
    public string? Tag => Parameters.Get("tag");

    /// <summary>Parses a name-addr / addr-spec with parameters; <paramref name="header"/> names the field in errors.</summary>
    public static SipNameAddress Parse(ReadOnlySpan<byte> value, string header)
    {
        var r = new ValueReader(value, header);
        var address = ReadAddress(ref r);
        var parameters = r.ReadParameters();
        r.ExpectEnd();
        return new SipNameAddress { DisplayName = address.DisplayName, Uri = address.Uri, IsNameAddr = address.IsNameAddr, Parameters = parameters };
    }

    internal static (string? DisplayName, SipUri Uri, bool IsNameAddr) ReadAddress(ref ValueReader r)
    {
        r.SkipLws();
        if (r.AtEnd)
        {
            throw r.Error("empty value");
        }

        if (r.Peek == '"')
        {
            var quoted = r.ReadQuotedString();
            var display = Encoding.UTF8.GetString(ValueReader.Unescape(r.Slice(quoted).ToArray()).Span);
            r.Expect((byte)'<');
            return (display, ReadBracketedUri(ref r), true);
        }

        var rest = r.Remaining;
        var angle = rest.IndexOf((byte)'<');
        var uriEnd = rest.IndexOfAny((byte)';', (byte)'"');
        if (angle >= 0 && (uriEnd < 0 || angle < uriEnd))
        {
            // display-name = *(token LWS) (RFC 3261 §25.1); anything else before '<' is malformed (RFC 4475 §3.1.2.15).
            var display = SipChars.TrimLws(rest[..angle]);
            foreach (var b in display)
            {
                if (!SipChars.IsToken(b) && !SipChars.IsLws(b))
                {
                    throw r.Error("display name is neither tokens nor a quoted string");
                }
            }

            var displayName = display.IsEmpty ? null : Encoding.UTF8.GetString(display);
            r.Position += angle + 1;
            return (displayName, ReadBracketedUri(ref r), true);
        }

        // addr-spec: the URI runs to the first ';' or whitespace; it may not contain ',', '?' or ';' (RFC 3261 §20.10).
        var end = 0;
        while (end < rest.Length && rest[end] != ';' && !SipChars.IsLws(rest[end]))
        {
            end++;
        }

        var uriBytes = rest[..end];
        if (uriBytes.IndexOfAny((byte)'?', (byte)',') >= 0)
        {
            throw r.Error("an addr-spec with '?' or ',' must be enclosed in <>");
        }

        var uri = ParseUri(ref r, uriBytes);
        r.Position += end;
        return (null, uri, false);
    }

    private static SipUri ParseUri(ref ValueReader r, ReadOnlySpan<byte> uriBytes)
    {
        try
        {
            return SipUri.Parse(uriBytes);
        }
        catch (SipParseException e)
        {
            throw r.Error(e.Message.TrimEnd('.'));
        }
    }

    private static SipUri ReadBracketedUri(ref ValueReader r)
    {
        // No LWS is allowed inside <> (RFC 4475 §3.1.2.14): the URI parser rejects it.
        var rest = r.Remaining;
        var close = rest.IndexOf((byte)'>');
        if (close < 0)
        {
            throw r.Error("missing '>'");
        }

        var uri = ParseUri(ref r, rest[..close]);
        r.Position += close + 1;
        return uri;
    }
}
