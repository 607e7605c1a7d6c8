using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SipSecurity.Server.Diagnostics;

namespace SipSecurity.Server.Tests.Diagnostics;

public sealed class SipTlsProbeTests : IDisposable
{
    private readonly X509Certificate2 _root = TestCertificates.CreateCa("Probe Test Root");
    private readonly X509Certificate2 _intermediate;
    private readonly X509Certificate2 _server;
    private readonly X509Certificate2 _client;
    private readonly X509Certificate2 _otherRoot = TestCertificates.CreateCa("Some Other Root");

    public SipTlsProbeTests()
    {
        _intermediate = TestCertificates.CreateCa("Probe Test Intermediate", _root);
        _server = TestCertificates.CreateLeaf("localhost", _intermediate, server: true);
        _client = TestCertificates.CreateLeaf("probe-client", _root, server: false);
    }

    public void Dispose()
    {
        _root.Dispose();
        _intermediate.Dispose();
        _server.Dispose();
        _client.Dispose();
        _otherRoot.Dispose();
    }

    private TestTlsServer Server(bool requireClientCertificate = false, SslProtocols protocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        TestServerMode mode = TestServerMode.Sip, X509Certificate2? certificate = null) =>
        new(certificate ?? _server, [_intermediate], requireClientCertificate, protocols, mode);

    private static SipTlsProbeOptions Options(TestTlsServer server, Func<SipTlsProbeOptions, SipTlsProbeOptions>? change = null)
    {
        var options = new SipTlsProbeOptions { Host = "127.0.0.1", Port = server.Port, ServerName = "localhost", Timeout = TimeSpan.FromSeconds(10) };
        return change is null ? options : change(options);
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Reports_protocol_cipher_and_the_chain_as_sent_without_judging_it(SslProtocols protocol)
    {
        await using var server = Server(protocols: protocol);

        var result = await SipTlsProbe.ProbeAsync(Options(server));

        Assert.True(result.Succeeded, result.Error);
        Assert.True(result.HandshakeCompleted);
        Assert.True(result.Accepted);
        Assert.Equal(protocol, result.Protocol);
        Assert.NotNull(result.CipherSuite);
        Assert.NotEqual(default, result.CipherSuite);
        Assert.Null(result.Validated);
        Assert.Empty(result.ValidationErrors);
        Assert.Equal(2, result.ServerCertificates.Count);
        var leaf = result.ServerCertificates[0];
        Assert.Equal("CN=localhost", leaf.Subject);
        Assert.Equal("CN=Probe Test Intermediate", leaf.Issuer);
        Assert.Equal(TestCertificates.Fingerprint(_server, HashAlgorithmName.SHA256), leaf.Sha256Fingerprint);
        Assert.Equal(TestCertificates.Fingerprint(_server, HashAlgorithmName.SHA1), leaf.Sha1Fingerprint);
        Assert.Matches("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", leaf.Sha256Fingerprint);
        Assert.Contains("DNS:localhost", leaf.SubjectAlternativeNames);
        Assert.Contains("IP:127.0.0.1", leaf.SubjectAlternativeNames);
        Assert.Equal(TestCertificates.Fingerprint(_intermediate, HashAlgorithmName.SHA256), result.ServerCertificates[1].Sha256Fingerprint);
        Assert.False(result.ClientCertificateRequested);
        Assert.False(result.ClientCertificateSent);
    }

    [Fact]
    public async Task Validates_against_the_right_root()
    {
        await using var server = Server();

        var result = await SipTlsProbe.ProbeAsync(Options(server, o => new SipTlsProbeOptions
        {
            Host = o.Host, Port = o.Port, ServerName = o.ServerName, TrustAnchors = [_root],
        }));

        Assert.True(result.Validated, string.Join("; ", result.ValidationErrors));
        Assert.Empty(result.ValidationErrors);
    }

    [Fact]
    public async Task Validates_an_IP_address_against_the_IP_SAN()
    {
        await using var server = Server();

        var result = await SipTlsProbe.ProbeAsync(new SipTlsProbeOptions { Host = "127.0.0.1", Port = server.Port, TrustAnchors = [_root] });

        Assert.Equal("127.0.0.1", result.ServerName);
        Assert.True(result.Validated, string.Join("; ", result.ValidationErrors));
    }

    [Fact]
    public async Task Reports_a_chain_to_another_root_as_not_validated_but_still_completes_the_handshake()
    {
        await using var server = Server();

        var result = await SipTlsProbe.ProbeAsync(new SipTlsProbeOptions { Host = "127.0.0.1", Port = server.Port, ServerName = "localhost", TrustAnchors = [_otherRoot] });

        Assert.True(result.Succeeded, result.Error);
        Assert.False(result.Validated);
        Assert.Contains(result.ValidationErrors, e => e.StartsWith("PartialChain:", StringComparison.Ordinal) || e.StartsWith("UntrustedRoot:", StringComparison.Ordinal));
        Assert.DoesNotContain(result.ValidationErrors, e => e.StartsWith("NameMismatch:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reports_a_name_mismatch_with_the_SNI_name()
    {
        await using var server = Server();

        var result = await SipTlsProbe.ProbeAsync(new SipTlsProbeOptions { Host = "127.0.0.1", Port = server.Port, ServerName = "sip.example.org", TrustAnchors = [_root] });

        Assert.Equal("sip.example.org", result.ServerName);
        Assert.False(result.Validated);
        var error = Assert.Single(result.ValidationErrors);
        Assert.StartsWith("NameMismatch:", error, StringComparison.Ordinal);
        Assert.Contains("sip.example.org", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_an_expired_certificate()
    {
        using var expired = TestCertificates.CreateLeaf("localhost", _intermediate, server: true,
            notAfter: DateTimeOffset.UtcNow.AddDays(-2), notBefore: DateTimeOffset.UtcNow.AddDays(-10));
        await using var server = Server(certificate: expired);

        var result = await SipTlsProbe.ProbeAsync(new SipTlsProbeOptions { Host = "127.0.0.1", Port = server.Port, ServerName = "localhost", TrustAnchors = [_root] });

        Assert.True(result.HandshakeCompleted, result.Error);
        Assert.False(result.Validated);
        Assert.Contains(result.ValidationErrors, e => e.StartsWith("Expired: 'CN=localhost'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Sends_the_client_certificate_when_the_server_requires_one(SslProtocols protocol)
    {
        await using var server = Server(requireClientCertificate: true, protocols: protocol);

        var result = await SipTlsProbe.ProbeAsync(new SipTlsProbeOptions { Host = "127.0.0.1", Port = server.Port, ClientCertificate = _client });

        Assert.True(result.Succeeded, result.Error);
        Assert.True(result.ClientCertificateRequested);
        Assert.True(result.ClientCertificateSent);
        Assert.True(result.Accepted);
        Assert.Equal("CN=probe-client", server.ClientCertificateSubject);
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Reports_the_refusal_when_the_server_requires_a_certificate_and_none_is_sent(SslProtocols protocol)
    {
        await using var server = Server(requireClientCertificate: true, protocols: protocol);

        var result = await SipTlsProbe.ProbeAsync(Options(server));

        Assert.False(result.Succeeded);
        Assert.True(result.ClientCertificateRequested);
        Assert.False(result.ClientCertificateSent);
        Assert.False(result.Accepted);
        Assert.Contains("none was sent", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sends_intermediates_of_the_client_certificate_through_a_certificate_context()
    {
        using var issuing = TestCertificates.CreateCa("Client Issuing CA", _root);
        using var client = TestCertificates.CreateLeaf("chained-client", issuing, server: false);
        await using var server = Server(requireClientCertificate: true);

        var result = await SipTlsProbe.ProbeAsync(new SipTlsProbeOptions
        {
            Host = "127.0.0.1", Port = server.Port, ClientCertificate = client, ClientIntermediates = [issuing],
        });

        Assert.True(result.Succeeded, result.Error);
        Assert.True(result.ClientCertificateRequested);
        Assert.True(result.ClientCertificateSent);
        Assert.Equal("CN=chained-client", server.ClientCertificateSubject);
    }

    [Fact]
    public async Task Does_not_send_the_certificate_when_the_server_does_not_ask()
    {
        await using var server = Server();

        var result = await SipTlsProbe.ProbeAsync(new SipTlsProbeOptions { Host = "127.0.0.1", Port = server.Port, ClientCertificate = _client });

        Assert.True(result.Succeeded, result.Error);
        Assert.False(result.ClientCertificateRequested);
        Assert.False(result.ClientCertificateSent);
        Assert.Null(server.ClientCertificateSubject);
    }

    [Fact]
    public async Task Sends_a_valid_OPTIONS_and_reads_the_status_line()
    {
        await using var server = Server();

        var result = await SipTlsProbe.ProbeAsync(new SipTlsProbeOptions { Host = "127.0.0.1", Port = server.Port, ServerName = "localhost", SendOptions = true });

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(200, result.OptionsStatus);
        Assert.Equal("OK", result.OptionsReason);
        var request = Assert.Single(server.Requests);
        Assert.Equal("OPTIONS", request.Method);
        var via = request.GetTopVia()!;
        Assert.Equal("TLS", via.Transport);
        Assert.True(via.HasRfc3261Branch);
        Assert.Equal(70, request.GetMaxForwards());
        Assert.False(string.IsNullOrEmpty(request.GetFrom()!.Tag));
        Assert.False(string.IsNullOrEmpty(request.GetCallId()));
        Assert.Equal(new SipSecurity.Sip.Headers.SipCSeq(1, "OPTIONS"), request.GetCSeq());
    }

    [Fact]
    public async Task Reports_a_refused_connection()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await SipTlsProbe.ProbeAsync(new SipTlsProbeOptions { Host = "127.0.0.1", Port = port, Timeout = TimeSpan.FromSeconds(5) });

        Assert.False(result.Succeeded);
        Assert.False(result.HandshakeCompleted);
        Assert.StartsWith($"Could not connect to 127.0.0.1:{port}", result.Error, StringComparison.Ordinal);
        Assert.Contains(nameof(SocketError.ConnectionRefused), result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_a_handshake_that_does_not_complete_in_time()
    {
        await using var server = Server(mode: TestServerMode.Silent);

        var result = await SipTlsProbe.ProbeAsync(new SipTlsProbeOptions { Host = "127.0.0.1", Port = server.Port, Timeout = TimeSpan.FromMilliseconds(700) });

        Assert.False(result.Succeeded);
        Assert.Contains("did not complete within 0.7 s", result.Error, StringComparison.Ordinal);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Reports_a_protocol_mismatch_as_a_handshake_failure()
    {
        await using var server = Server(protocols: SslProtocols.Tls13);

        var result = await SipTlsProbe.ProbeAsync(new SipTlsProbeOptions { Host = "127.0.0.1", Port = server.Port, Protocols = SslProtocols.Tls12, TrustAnchors = [_root] });

        Assert.False(result.Succeeded);
        Assert.False(result.HandshakeCompleted);
        Assert.Null(result.Protocol);
        Assert.StartsWith($"The TLS handshake with 127.0.0.1:{server.Port} failed (offered Tls12):", result.Error, StringComparison.Ordinal);
        Assert.False(result.Validated);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_throws()
    {
        await using var server = Server(mode: TestServerMode.Silent);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            SipTlsProbe.ProbeAsync(new SipTlsProbeOptions { Host = "127.0.0.1", Port = server.Port, Timeout = TimeSpan.FromSeconds(30) }, cancel.Token));
    }

    [Fact]
    public void Rejects_a_client_certificate_without_its_key()
    {
        using var publicOnly = X509CertificateLoader.LoadCertificate(_client.RawData);

        Assert.Throws<ArgumentException>(() =>
            SipTlsProbe.ProbeAsync(new SipTlsProbeOptions { Host = "127.0.0.1", ClientCertificate = publicOnly }).GetAwaiter().GetResult());
    }

    [Theory]
    [InlineData("SIP/2.0 200 OK", 200, "OK")]
    [InlineData("SIP/2.0 403 Client certificate required", 403, "Client certificate required")]
    [InlineData("SIP/2.0 100 ", 100, "")]
    public void Parses_status_lines(string line, int status, string reason)
    {
        Assert.True(SipOptionsPing.TryParseStatusLine(line, out var parsedStatus, out var parsedReason));
        Assert.Equal(status, parsedStatus);
        Assert.Equal(reason, parsedReason);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK")]
    [InlineData("SIP/2.0 99 Low")]
    [InlineData("SIP/2.0 2000 Long")]
    [InlineData("0.2/PIS SNOITPO")]
    public void Refuses_what_is_not_a_status_line(string line) =>
        Assert.False(SipOptionsPing.TryParseStatusLine(line, out _, out _));

    [Fact]
    public async Task Reads_the_first_line_after_keep_alives()
    {
        using var stream = new MemoryStream("\r\n\r\nSIP/2.0 200 OK\r\nVia: x\r\n"u8.ToArray());

        Assert.Equal("SIP/2.0 200 OK", await SipOptionsPing.ReadFirstLineAsync(stream, CancellationToken.None));
    }
}
