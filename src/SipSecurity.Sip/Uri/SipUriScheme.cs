namespace SipSecurity.Sip.Uri;

/// <summary>URI schemes the parser understands (RFC 3261 §19.1, RFC 3966); others are kept opaque.</summary>
public enum SipUriScheme
{
    /// <summary>sip: (RFC 3261 §19.1).</summary>
    Sip,

    /// <summary>sips: (RFC 3261 §19.1).</summary>
    Sips,

    /// <summary>tel: (RFC 3966).</summary>
    Tel,

    /// <summary>Any other absoluteURI: only <see cref="SipUri.SchemeName"/> and <see cref="SipUri.Opaque"/> are set.</summary>
    Other,
}
