using System.Net;
using SipSecurity.Server.Configuration;

namespace SipSecurity.Server.Hosting;

public enum SipServerState
{
    Starting,
    Running,
    Stopping,
    Stopped,
}

/// <summary>An endpoint the server listens on, with the port the OS gave when the connector asked for 0.</summary>
public sealed record SipServerEndpoint(string Connector, SipTransportKind Transport, IPEndPoint EndPoint)
{
    public override string ToString() => $"{Transport.ToString().ToUpperInvariant()} {EndPoint}";
}

/// <summary>How to start a server.</summary>
public sealed record SipServerOptions
{
    /// <summary>The store file; its folder also receives the log file.</summary>
    public required string StorePath { get; init; }

    public string Name { get; init; } = "default";

    /// <summary>Null: sipsecurity.log beside the store.</summary>
    public string? LogPath { get; init; }

    public SipLogLevel LogLevel { get; init; } = SipLogLevel.Information;

    /// <summary>How often the store's revision is polled for changes.</summary>
    public TimeSpan ConfigPollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often the location service is written to the store.</summary>
    public TimeSpan BindingFlushInterval { get; init; } = TimeSpan.FromSeconds(1);
}
