using SipSecurity.Server.Configuration;

namespace SipSecurity.Server.Registrar;

/// <summary>
/// One binding of the location service (RFC 3261 §10.3): an address of record to a contact.
/// <see cref="Aor"/> is canonical ("sip:alice@example.com": scheme, user, lower-case host, no port
/// or parameters) so that lookups and the store agree.
/// </summary>
public sealed record SipRegistration
{
    public required string Aor { get; init; }

    /// <summary>The Contact URI exactly as the client sent it (inside the angle brackets).</summary>
    public required string Contact { get; init; }

    public required DateTimeOffset Expires { get; init; }

    /// <summary>The contact's q-value (0 to 1), null when the client gave none.</summary>
    public double? Q { get; init; }

    public required string CallId { get; init; }

    public required long CSeq { get; init; }

    /// <summary>Where the REGISTER came from: the transport and the remote address, e.g. "UDP 192.0.2.1:5060".</summary>
    public required SipTransportKind Transport { get; init; }

    public required string Source { get; init; }

    public string? UserAgent { get; init; }

    public required DateTimeOffset Updated { get; init; }

    public TimeSpan Remaining(DateTimeOffset now) => Expires > now ? Expires - now : TimeSpan.Zero;
}

/// <summary>Identifies one binding for removal.</summary>
public readonly record struct SipRegistrationKey(string Aor, string Contact);
