namespace SipSecurity.Sip.Parsing;

/// <summary>Limits that keep a hostile peer from making the parser work or allocate without bound.</summary>
public sealed class SipParserOptions
{
    /// <summary>The defaults: 64 KiB messages, 128 header fields, 8 KiB lines.</summary>
    public static SipParserOptions Default { get; } = new();

    /// <summary>Largest message (start line, headers and body) accepted, in bytes.</summary>
    public int MaxMessageSize { get; init; } = 65_535;

    /// <summary>Largest number of header fields (lines, not comma-separated values).</summary>
    public int MaxHeaderCount { get; init; } = 128;

    /// <summary>Longest start line or header field (with its folded continuation lines), in bytes.</summary>
    public int MaxLineLength { get; init; } = 8_192;

    /// <summary>Whether exception messages may quote the offending input (for diagnostics only: it may carry secrets).</summary>
    public bool IncludeRawInputInErrors { get; init; }
}
