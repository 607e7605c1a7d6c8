using System.Globalization;
using SipSecurity.Server.Configuration;

namespace SipSecurity.Server.Store.Sqlite;

/// <summary>
/// How each <see cref="SipServerSettings"/> property is kept as a 'server.*' meta row: integers as invariant
/// digits, durations in TimeSpan's constant ("c") format, so the rows stay readable with the sqlite3 CLI.
/// </summary>
internal static class ServerSettingKeys
{
    public const string Prefix = "server.";

    public static readonly IReadOnlyList<ServerSettingKey> All =
    [
        Duration("server.nonce_lifetime", s => s.NonceLifetime, (s, v) => s with { NonceLifetime = v }),
        Integer("server.failures_before_delay", s => s.FailuresBeforeDelay, (s, v) => s with { FailuresBeforeDelay = v }),
        Duration("server.failure_delay", s => s.FailureDelay, (s, v) => s with { FailureDelay = v }),
        Integer("server.failures_before_block", s => s.FailuresBeforeBlock, (s, v) => s with { FailuresBeforeBlock = v }),
        Duration("server.failure_window", s => s.FailureWindow, (s, v) => s with { FailureWindow = v }),
        Duration("server.block_duration", s => s.BlockDuration, (s, v) => s with { BlockDuration = v }),
        Integer("server.min_expires", s => s.MinExpires, (s, v) => s with { MinExpires = v }),
        Integer("server.max_expires", s => s.MaxExpires, (s, v) => s with { MaxExpires = v }),
        Integer("server.default_expires", s => s.DefaultExpires, (s, v) => s with { DefaultExpires = v }),
        Integer("server.max_bindings_per_aor", s => s.MaxBindingsPerAor, (s, v) => s with { MaxBindingsPerAor = v }),
        Integer("server.max_message_size", s => s.MaxMessageSize, (s, v) => s with { MaxMessageSize = v }),
        Integer("server.max_header_count", s => s.MaxHeaderCount, (s, v) => s with { MaxHeaderCount = v }),
        Integer("server.max_connections", s => s.MaxConnections, (s, v) => s with { MaxConnections = v }),
        Integer("server.max_connections_per_source", s => s.MaxConnectionsPerSource, (s, v) => s with { MaxConnectionsPerSource = v }),
        Duration("server.connection_idle_timeout", s => s.ConnectionIdleTimeout, (s, v) => s with { ConnectionIdleTimeout = v }),
    ];

    private static ServerSettingKey Integer(string key, Func<SipServerSettings, int> get, Func<SipServerSettings, int, SipServerSettings> set) =>
        new(key,
            s => get(s).ToString(CultureInfo.InvariantCulture),
            (s, text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? set(s, value) : null);

    private static ServerSettingKey Duration(string key, Func<SipServerSettings, TimeSpan> get, Func<SipServerSettings, TimeSpan, SipServerSettings> set) =>
        new(key,
            s => get(s).ToString("c", CultureInfo.InvariantCulture),
            (s, text) => TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var value) ? set(s, value) : null);
}

/// <summary>One setting's meta key, its text form, and how to apply stored text (null when the text is not valid).</summary>
internal sealed record ServerSettingKey(string Key, Func<SipServerSettings, string> Format, Func<SipServerSettings, string, SipServerSettings?> Apply);
