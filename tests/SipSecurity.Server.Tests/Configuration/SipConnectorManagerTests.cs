using SipSecurity.Server.Configuration;

namespace SipSecurity.Server.Tests.Configuration;

public class SipConnectorManagerTests
{
    [Fact]
    public void Add_names_a_connector_after_its_transport_and_port_and_canonicalizes_the_address()
    {
        using var temp = new TempStore();
        var connectors = new SipConnectorManager(temp.Store);

        var added = connectors.Add(null, SipTransportKind.Udp, "::0", 5070);

        Assert.Equal(new SipConnector { Name = "udp-5070", Transport = SipTransportKind.Udp, Address = "::", Port = 5070 }, added);
        Assert.Equal(added, connectors.Find("udp-*").Single());
        Assert.Equal(["tcp", "udp", "udp-5070"], connectors.Find().Select(c => c.Name));
    }

    [Fact]
    public void Port_zero_is_allowed_for_an_os_chosen_port()
    {
        using var temp = new TempStore();
        var added = new SipConnectorManager(temp.Store).Add("test", SipTransportKind.Tcp, "127.0.0.1", 0);
        Assert.Equal(0, added.Port);
    }

    [Theory]
    [InlineData(SipTransportKind.Ws)]
    [InlineData(SipTransportKind.Wss)]
    public void Transports_not_built_yet_are_refused_naming_the_roadmap_item(SipTransportKind transport)
    {
        using var temp = new TempStore();
        var revision = temp.Store.ReadRevision();
        var error = Assert.Throws<SipSecurityException>(() => new SipConnectorManager(temp.Store).Add(null, transport, "0.0.0.0", 5061));

        Assert.Equal("TransportNotSupported", error.ErrorId);
        Assert.Equal(SipErrorKind.NotImplemented, error.Kind);
        Assert.Contains("roadmap item", error.Message, StringComparison.Ordinal);
        Assert.Equal(revision, temp.Store.ReadRevision());
    }

    [Theory]
    [InlineData(SipTransportKind.Tls, 5061)]
    [InlineData(SipTransportKind.Tcp, 5060)]
    [InlineData(SipTransportKind.Udp, 5060)]
    public void Without_a_port_tls_gets_5061_and_the_others_5060(SipTransportKind transport, int expected)
    {
        using var temp = new TempStore();
        var added = new SipConnectorManager(temp.Store).Add(null, transport, "127.0.0.1");

        Assert.Equal(expected, added.Port);
        Assert.Equal($"{transport.ToString().ToLowerInvariant()}-{expected}", added.Name);
        Assert.Contains(added, new SipConnectorManager(temp.Store).Find());
    }

    [Fact]
    public void A_tls_connector_takes_an_explicit_port()
    {
        using var temp = new TempStore();
        var added = new SipConnectorManager(temp.Store).Add("sips", SipTransportKind.Tls, "::", 5081);
        Assert.Equal(new SipConnector { Name = "sips", Transport = SipTransportKind.Tls, Address = "::", Port = 5081 }, added);
    }

    [Theory]
    [InlineData("example.com", 5060, "InvalidAddress")]
    [InlineData("10.1", 5060, "InvalidAddress")]
    [InlineData("256.0.0.1", 5060, "InvalidAddress")]
    [InlineData("0.0.0.0", -1, "InvalidPort")]
    [InlineData("0.0.0.0", 65536, "InvalidPort")]
    public void Bad_endpoints_are_refused(string address, int port, string errorId)
    {
        using var temp = new TempStore();
        var error = Assert.Throws<SipSecurityException>(() => new SipConnectorManager(temp.Store).Add("x", SipTransportKind.Udp, address, port));
        Assert.Equal(errorId, error.ErrorId);
    }

    [Theory]
    [InlineData("UDP", SipTransportKind.Tcp, "192.0.2.1", 5080)]
    [InlineData("other", SipTransportKind.Udp, "0.0.0.0", 5060)]
    public void A_duplicate_name_or_endpoint_is_refused(string name, SipTransportKind transport, string address, int port)
    {
        using var temp = new TempStore();
        var error = Assert.Throws<SipSecurityException>(() => new SipConnectorManager(temp.Store).Add(name, transport, address, port));
        Assert.Equal("ConnectorAlreadyExists", error.ErrorId);
    }

    [Fact]
    public void The_same_port_on_another_transport_or_address_is_fine()
    {
        using var temp = new TempStore();
        var connectors = new SipConnectorManager(temp.Store);
        connectors.Add("lan", SipTransportKind.Udp, "192.0.2.1", 5060);
        connectors.Add("v6", SipTransportKind.Tcp, "::", 5060);
        Assert.Equal(4, connectors.Find().Count);
    }

    [Fact]
    public void Remove_deletes_by_name_in_any_case_and_reports_a_missing_one()
    {
        using var temp = new TempStore();
        var connectors = new SipConnectorManager(temp.Store);
        connectors.Remove("UDP");

        Assert.Equal(["tcp"], connectors.Find().Select(c => c.Name));
        Assert.Equal("ConnectorNotFound", Assert.Throws<SipSecurityException>(() => connectors.Remove("udp")).ErrorId);
    }

    [Fact]
    public void An_invalid_name_is_refused()
    {
        using var temp = new TempStore();
        var error = Assert.Throws<SipSecurityException>(() => new SipConnectorManager(temp.Store).Add("a b", SipTransportKind.Udp, "0.0.0.0", 5090));
        Assert.Equal("InvalidConnectorName", error.ErrorId);
    }
}
