using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SipSecurity.Server.Store;

namespace SipSecurity.Server.Configuration;

/// <summary>
/// The connectors the server listens on. A connector is a transport, an IP literal and a port; its name and its
/// endpoint are both unique. UDP, TCP and TLS are accepted; WebSocket transports are not built yet.
/// </summary>
public sealed class SipConnectorManager
{
    /// <summary>The port a UDP or TCP connector gets when none is given (RFC 3261 §19.1.2: 5060 for sip).</summary>
    public const int DefaultPort = 5060;

    /// <summary>The port a TLS connector gets when none is given (RFC 3261 §19.1.2: 5061 for sips).</summary>
    public const int DefaultTlsPort = 5061;

    public const string DefaultAddress = "0.0.0.0";

    private readonly IConfigStore _store;

    public SipConnectorManager(IConfigStore store) => _store = store ?? throw new ArgumentNullException(nameof(store));

    public IReadOnlyList<SipConnector> Find(string? pattern = null)
    {
        var connectors = _store.Read(reader => reader.GetConnectors());
        if (string.IsNullOrEmpty(pattern))
        {
            return connectors;
        }

        var wildcard = new SipWildcard(pattern);
        return connectors.Where(c => wildcard.IsMatch(c.Name)).ToArray();
    }

    /// <summary>
    /// The connector <see cref="Add"/> would store, validated but not written (for -WhatIf): the address in its
    /// canonical spelling, the default port of the transport when <paramref name="port"/> is null, and the default
    /// name "transport-port" when <paramref name="name"/> is null or empty.
    /// </summary>
    public static SipConnector Describe(string? name, SipTransportKind transport, string? address = DefaultAddress, int? port = null)
    {
        if (transport is not (SipTransportKind.Udp or SipTransportKind.Tcp or SipTransportKind.Tls))
        {
            throw new SipSecurityException("TransportNotSupported", SipErrorKind.NotImplemented,
                $"{transport.ToString().ToUpperInvariant()} connectors are not supported yet: they arrive with the WebSocket transport (roadmap item 5, 'WebSocket/WSS, HTTPS connector'). Use Udp, Tcp or Tls.", transport);
        }

        var chosen = port ?? DefaultPortFor(transport);

        // 0 lets the OS choose a free port when the server starts (useful for tests); the store keeps 0.
        if (chosen is < 0 or > 65535)
        {
            throw new SipSecurityException("InvalidPort", SipErrorKind.InvalidArgument,
                $"The port {chosen.ToString(CultureInfo.InvariantCulture)} is not valid: use 1 to 65535, or 0 to let the OS choose one.", chosen);
        }

        var canonical = CanonicalAddress(address);
        name = string.IsNullOrEmpty(name)
            ? string.Create(CultureInfo.InvariantCulture, $"{transport}-{chosen}").ToLowerInvariant()
            : name;
        NameRules.ValidateConnectorName(name);
        return new SipConnector { Name = name, Transport = transport, Address = canonical, Port = chosen };
    }

    /// <summary>5061 for TLS, 5060 for the others (RFC 3261 §19.1.2).</summary>
    public static int DefaultPortFor(SipTransportKind transport) => transport == SipTransportKind.Tls ? DefaultTlsPort : DefaultPort;

    public SipConnector Add(string? name, SipTransportKind transport, string? address = DefaultAddress, int? port = null)
    {
        var connector = Describe(name, transport, address, port);
        return _store.Write(writer =>
        {
            foreach (var existing in writer.GetConnectors())
            {
                if (string.Equals(existing.Name, connector.Name, StringComparison.OrdinalIgnoreCase))
                {
                    throw new SipSecurityException("ConnectorAlreadyExists", SipErrorKind.ResourceExists,
                        $"A connector named '{existing.Name}' already exists ({existing}). Choose another -Name.", connector.Name);
                }

                if (existing.Transport == connector.Transport && existing.Port == connector.Port
                    && string.Equals(existing.Address, connector.Address, StringComparison.Ordinal))
                {
                    throw new SipSecurityException("ConnectorAlreadyExists", SipErrorKind.ResourceExists,
                        $"The connector '{existing.Name}' already listens on {existing}.", connector.Name);
                }
            }

            writer.PutConnector(connector);
            return connector;
        });
    }

    public void Remove(string name)
    {
        _store.Write(writer => writer.DeleteConnector(name) ? true : throw NotFound(name));
    }

    public static SipSecurityException NotFound(string name) =>
        new("ConnectorNotFound", SipErrorKind.ObjectNotFound,
            $"No connector named '{NameRules.Printable(name)}' exists. Get-SipConnector lists them; Add-SipConnector adds one.", name);

    /// <summary>An IP literal in one spelling ("::0" is "::"); host names are refused because a listener binds an address.</summary>
    private static string CanonicalAddress(string? address)
    {
        var text = string.IsNullOrWhiteSpace(address) ? DefaultAddress : address.Trim();
        var literal = text.Length > 2 && text[0] == '[' && text[^1] == ']' ? text[1..^1] : text;
        // IPAddress.TryParse also takes "10.1" and "167772161" as IPv4; only the dotted quad is a literal here.
        if (!IPAddress.TryParse(literal, out var ip)
            || (ip.AddressFamily == AddressFamily.InterNetwork && literal.Count(c => c == '.') != 3))
        {
            throw new SipSecurityException("InvalidAddress", SipErrorKind.InvalidArgument,
                $"'{NameRules.Printable(text)}' is not an IP address. Use an IP literal: 0.0.0.0 (every IPv4 address), :: (every IPv6 address) or one address of this machine.", text);
        }

        return ip.ToString();
    }
}
