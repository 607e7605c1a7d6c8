using System.Globalization;
using SipSecurity.Sip.Parsing;

namespace SipSecurity.Sip.Headers;

/// <summary>One Contact value (RFC 3261 §20.10): an address with parameters, or the wildcard "*" (§10.2.2).</summary>
public sealed class SipContact
{
    /// <summary>Whether this is "Contact: *" (remove all bindings, RFC 3261 §10.2.2).</summary>
    public bool IsWildcard { get; init; }

    /// <summary>The address; null only for the wildcard.</summary>
    public SipNameAddress? Address { get; init; }

    /// <summary>contact-params in order (for the wildcard, none).</summary>
    public IReadOnlyList<SipParameter> Parameters => Address?.Parameters ?? [];

    /// <summary>The expires parameter in seconds (RFC 3261 §10.2.1.1), or null when absent.</summary>
    public uint? Expires { get; init; }

    /// <summary>The q parameter, 0..1 (RFC 3261 §20.10), or null when absent.</summary>
    public double? Q { get; init; }

    /// <summary>Parses one Contact element (a comma-separated piece).</summary>
    public static SipContact Parse(ReadOnlySpan<byte> value)
    {
        var trimmed = SipChars.TrimLws(value);
        if (trimmed.Length == 1 && trimmed[0] == '*')
        {
            return new SipContact { IsWildcard = true };
        }

        var address = SipNameAddress.Parse(value, "Contact");
        uint? expires = null;
        double? q = null;
        if (address.Parameters.Get("expires") is { } e)
        {
            expires = SipNumbers.ParseDeltaSeconds(e, "Contact");
        }

        if (address.Parameters.Get("q") is { } qText)
        {
            // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
            if (qText.Length > 5 || !double.TryParse(qText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var qv) || qv > 1)
            {
                throw new SipParseException(SipParseError.InvalidHeaderValue, "Malformed Contact header: bad q value.", "Contact");
            }

            q = qv;
        }

        return new SipContact { Address = address, Expires = expires, Q = q };
    }
}
