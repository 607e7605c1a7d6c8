using SipSecurity.Sip.Parsing;

namespace SipSecurity.Sip.Headers;

/// <summary>A media type, m-type "/" m-subtype *( SEMI m-parameter ) (RFC 3261 §20.15).</summary>
public sealed class SipMediaType
{
    /// <summary>The type in lower case, e.g. "application".</summary>
    public required string Type { get; init; }

    /// <summary>The subtype in lower case, e.g. "sdp".</summary>
    public required string SubType { get; init; }

    /// <summary>Parameters in order.</summary>
    public required IReadOnlyList<SipParameter> Parameters { get; init; }

    /// <summary>"type/subtype", lower case.</summary>
    public string MediaType => Type + "/" + SubType;

    /// <summary>Parses a media type.</summary>
    public static SipMediaType Parse(ReadOnlySpan<byte> value, string header)
    {
        var r = new ValueReader(value, header);
        var type = r.ReadToken();
        r.Expect((byte)'/');
        var subType = r.ReadToken();
        var parameters = r.ReadParameters();
        r.ExpectEnd();
        return new SipMediaType
        {
            Type = r.GetString(type).ToLowerInvariant(),
            SubType = r.GetString(subType).ToLowerInvariant(),
            Parameters = parameters,
        };
    }

    /// <inheritdoc/>
    public override string ToString() => MediaType;
}
