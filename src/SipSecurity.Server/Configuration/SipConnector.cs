namespace SipSecurity.Server.Configuration;

/// <summary>
/// A listening endpoint of the server. <see cref="Address"/> is an IP literal; "0.0.0.0" listens on
/// every IPv4 address, "::" on every IPv6 address and, where the OS allows dual-stack sockets, IPv4 too.
/// </summary>
public sealed record SipConnector
{
    public required string Name { get; init; }

    public required SipTransportKind Transport { get; init; }

    public string Address { get; init; } = "0.0.0.0";

    public required int Port { get; init; }

    public override string ToString() => $"{Transport.ToString().ToUpperInvariant()} {Address}:{Port}";
}
