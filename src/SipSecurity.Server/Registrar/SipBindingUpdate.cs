using SipSecurity.Server.Configuration;
using SipSecurity.Sip.Uri;

namespace SipSecurity.Server.Registrar;

/// <summary>One contact of a REGISTER, with its expiry already decided (0 = remove).</summary>
public sealed record SipContactChange(SipUri Uri, string Text, int ExpiresSeconds, double? Q);

/// <summary>What one REGISTER asks of the location service.</summary>
public sealed record SipBindingUpdate
{
    public required string CallId { get; init; }

    public required long CSeq { get; init; }

    /// <summary>"Contact: *" with Expires: 0 (RFC 3261 §10.2.2).</summary>
    public bool RemoveAll { get; init; }

    public IReadOnlyList<SipContactChange> Contacts { get; init; } = [];

    public required SipTransportKind Transport { get; init; }

    public required string Source { get; init; }

    public string? UserAgent { get; init; }

    public int MaxBindings { get; init; } = int.MaxValue;
}

public enum SipBindingUpdateStatus
{
    Applied,

    /// <summary>Same Call-ID with a CSeq not higher than a stored binding's: nothing changed (RFC 3261 §10.3 step 6).</summary>
    OutOfOrder,
}

/// <summary>The outcome and the AOR's bindings after it.</summary>
public sealed record SipBindingUpdateResult(SipBindingUpdateStatus Status, IReadOnlyList<SipRegistration> Bindings);
