namespace SipSecurity.Server.Configuration;

/// <summary>
/// Server-wide tunables kept in the store. Defaults are the safe values a new store starts with;
/// every value is validated by <see cref="Validate"/> before it is stored.
/// </summary>
public sealed record SipServerSettings
{
    /// <summary>A nonce older than this is answered with a new challenge and stale=true.</summary>
    public TimeSpan NonceLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Failures (per source address and per user) within <see cref="FailureWindow"/> before answers are slowed.</summary>
    public int FailuresBeforeDelay { get; init; } = 5;

    /// <summary>How long a slowed answer waits.</summary>
    public TimeSpan FailureDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Failures within <see cref="FailureWindow"/> after which the source or user is blocked.</summary>
    public int FailuresBeforeBlock { get; init; } = 20;

    public TimeSpan FailureWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a blocked source or user stays blocked.</summary>
    public TimeSpan BlockDuration { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Registrar: shortest registration accepted (423 Interval Too Brief below it, RFC 3261 §10.3 step 7).</summary>
    public int MinExpires { get; init; } = 60;

    /// <summary>Registrar: longer requests are shortened to this.</summary>
    public int MaxExpires { get; init; } = 3600;

    /// <summary>Registrar: used when neither the Contact nor the request gives an expiry.</summary>
    public int DefaultExpires { get; init; } = 3600;

    /// <summary>Registrar: most contacts one address of record may have.</summary>
    public int MaxBindingsPerAor { get; init; } = 32;

    /// <summary>Largest SIP message accepted on any transport, in bytes.</summary>
    public int MaxMessageSize { get; init; } = 65_535;

    /// <summary>Most header fields in one message.</summary>
    public int MaxHeaderCount { get; init; } = 128;

    /// <summary>Most concurrent stream connections in all.</summary>
    public int MaxConnections { get; init; } = 16_384;

    /// <summary>Most concurrent stream connections from one IP address.</summary>
    public int MaxConnectionsPerSource { get; init; } = 1_024;

    /// <summary>A stream connection with no traffic for this long is closed.</summary>
    public TimeSpan ConnectionIdleTimeout { get; init; } = TimeSpan.FromSeconds(3605);

    /// <summary>Throws <see cref="SipSecurityException"/> (InvalidSetting) naming the first value out of range.</summary>
    public void Validate()
    {
        static void Require(bool ok, string name, string rule)
        {
            if (!ok)
            {
                throw new SipSecurityException("InvalidSetting", SipErrorKind.InvalidArgument, $"{name} {rule}.", name);
            }
        }

        Require(NonceLifetime >= TimeSpan.FromSeconds(10) && NonceLifetime <= TimeSpan.FromDays(1), nameof(NonceLifetime), "must be between 10 seconds and 1 day");
        Require(FailuresBeforeDelay >= 1, nameof(FailuresBeforeDelay), "must be at least 1");
        Require(FailureDelay >= TimeSpan.Zero && FailureDelay <= TimeSpan.FromSeconds(30), nameof(FailureDelay), "must be between 0 and 30 seconds");
        Require(FailuresBeforeBlock >= FailuresBeforeDelay, nameof(FailuresBeforeBlock), "must be at least FailuresBeforeDelay");
        Require(FailureWindow >= TimeSpan.FromSeconds(1), nameof(FailureWindow), "must be at least 1 second");
        Require(BlockDuration >= TimeSpan.Zero, nameof(BlockDuration), "must not be negative");
        Require(MinExpires >= 1, nameof(MinExpires), "must be at least 1");
        Require(MaxExpires >= MinExpires, nameof(MaxExpires), "must be at least MinExpires");
        Require(DefaultExpires >= MinExpires && DefaultExpires <= MaxExpires, nameof(DefaultExpires), "must be between MinExpires and MaxExpires");
        Require(MaxBindingsPerAor >= 1, nameof(MaxBindingsPerAor), "must be at least 1");
        Require(MaxMessageSize >= 1_024 && MaxMessageSize <= 1_048_576, nameof(MaxMessageSize), "must be between 1024 and 1048576 bytes");
        Require(MaxHeaderCount >= 16 && MaxHeaderCount <= 1_024, nameof(MaxHeaderCount), "must be between 16 and 1024");
        Require(MaxConnections >= 1, nameof(MaxConnections), "must be at least 1");
        Require(MaxConnectionsPerSource >= 1 && MaxConnectionsPerSource <= MaxConnections, nameof(MaxConnectionsPerSource), "must be between 1 and MaxConnections");
        Require(ConnectionIdleTimeout >= TimeSpan.FromSeconds(1), nameof(ConnectionIdleTimeout), "must be at least 1 second");
    }
}
