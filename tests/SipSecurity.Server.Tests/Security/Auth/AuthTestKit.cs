using System.Net;
using System.Text;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Hosting;
using SipSecurity.Server.Security.Auth;
using SipSecurity.Server.Security.Digest;
using SipSecurity.Server.Store;
using SipSecurity.Server.Transport;
using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Parsing;

namespace SipSecurity.Server.Tests.Security.Auth;

internal sealed class FakeTime : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}

internal sealed class UserDirectory : ISipUserDirectory
{
    public Dictionary<string, StoredUser> Users { get; } = new(StringComparer.OrdinalIgnoreCase);

    public int Lookups;

    public StoredUser? FindUser(string name)
    {
        Interlocked.Increment(ref Lookups);
        return Users.GetValueOrDefault(name);
    }

    public void Add(string name, string password, string realm, IReadOnlyList<string> roles, bool enabled = true, DigestAlgorithm[]? algorithms = null)
    {
        var a1 = (algorithms ?? [DigestAlgorithm.MD5, DigestAlgorithm.SHA256, DigestAlgorithm.SHA512_256])
            .ToDictionary(a => a, a => DigestHash.ComputeA1(a, name, realm, password));
        Users[name] = new StoredUser { Name = name, Realm = realm, Enabled = enabled, A1 = a1, Roles = roles };
    }
}

internal sealed class CapturingLog : ISipServerLog
{
    public List<(SipLogLevel Level, string EventId, string Message, (string Key, object? Value)[] Fields)> Entries { get; } = [];

    public bool IsEnabled(SipLogLevel level) => true;

    public void Write(SipLogLevel level, string eventId, string message, params ReadOnlySpan<(string Key, object? Value)> fields)
    {
        lock (Entries)
        {
            Entries.Add((level, eventId, message, fields.ToArray()));
        }
    }

    public IEnumerable<string> Lines(string eventId) => Entries.Where(e => e.EventId == eventId).Select(Render);

    /// <summary>The line the server's log file gets (SipLogLine), at a fixed time.</summary>
    public static string Render((SipLogLevel Level, string EventId, string Message, (string Key, object? Value)[] Fields) entry) =>
        SipLogLine.Format(new DateTimeOffset(2026, 12, 4, 17, 40, 28, 240, TimeSpan.Zero), entry.Level, entry.EventId, entry.Message, entry.Fields);
}

/// <summary>An engine with a fake clock, a user directory and a policy; builds requests and answers challenges.</summary>
internal sealed class AuthTestKit
{
    public const string Realm = "sip-servlets";
    public const string Uri = "sip:example.com";

    public FakeTime Time { get; } = new();

    public UserDirectory Users { get; } = new();

    public CapturingLog Log { get; } = new();

    public SipServerCounters Counters { get; } = new();

    public SipServerSettings Settings { get; set; } = new();

    public SipSecurityEngine Engine { get; }

    public SipSecurityPolicy Policy { get; set; }

    public AuthTestKit(IReadOnlyList<DigestAlgorithm>? algorithms = null, IReadOnlyList<SipSecurityConstraint>? constraints = null,
        int nonceCapacity = 1_000, int throttleCapacity = 1_000, string realm = Realm)
    {
        Engine = new SipSecurityEngine(Users, Log, Counters, Time, null, nonceCapacity, throttleCapacity);
        Policy = SipSecurityPolicy.Create(
            new SipLoginConfig { Realm = realm, Algorithms = algorithms ?? [DigestAlgorithm.MD5, DigestAlgorithm.SHA256, DigestAlgorithm.SHA512_256] },
            constraints ?? [RegisterConstraint()]);
        Users.Add("alice", "secret", realm, ["caller"]);
    }

    public static SipSecurityConstraint RegisterConstraint(string[]? roles = null, bool proxy = false, SipTransportGuarantee guarantee = SipTransportGuarantee.None) => new()
    {
        Name = "register",
        Servlets = ["registrar"],
        Methods = ["REGISTER"],
        Roles = roles ?? ["caller"],
        ProxyAuthentication = proxy,
        TransportGuarantee = guarantee,
    };

    public static SipInboundContext Udp(string address = "192.0.2.1") => From(address, SipTransportKind.Udp);

    public static SipInboundContext From(string address, SipTransportKind transport) => new()
    {
        Transport = transport,
        ConnectorName = "test",
        LocalEndPoint = new IPEndPoint(IPAddress.Parse("198.51.100.1"), 5060),
        RemoteEndPoint = new IPEndPoint(IPAddress.Parse(address), 5060),
    };

    public static SipRequest Request(string method = "REGISTER", string uri = Uri, params string[] extraHeaders)
    {
        var text = new StringBuilder()
            .Append($"{method} {uri} SIP/2.0\r\n")
            .Append("Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds\r\n")
            .Append("Max-Forwards: 70\r\n")
            .Append("To: <sip:alice@example.com>\r\n")
            .Append("From: <sip:alice@example.com>;tag=1928301774\r\n")
            .Append("Call-ID: a84b4c76e66710@192.0.2.1\r\n")
            .Append($"CSeq: 1 {method}\r\n")
            .Append("Contact: <sip:alice@192.0.2.1>\r\n");
        foreach (var header in extraHeaders)
        {
            text.Append(header).Append("\r\n");
        }

        text.Append("Content-Length: 0\r\n\r\n");
        var result = SipParser.Parse(Encoding.UTF8.GetBytes(text.ToString()).AsMemory(), SipParseMode.Datagram);
        return Assert.IsType<SipRequest>(result.Message);
    }

    public SipSecurityDecision Evaluate(SipRequest request, SipInboundContext? source = null, string servlet = "registrar") =>
        Engine.Evaluate(request, source ?? Udp(), servlet, Policy, Settings);

    /// <summary>Sends an unauthenticated request and returns the nonce of the challenge.</summary>
    public string GetNonce(SipInboundContext? source = null, bool proxy = false)
    {
        var decision = Evaluate(Request(), source);
        Assert.Equal(SipSecurityOutcome.Challenge, decision.Outcome);
        var challenges = proxy ? decision.Response!.GetProxyAuthenticate() : decision.Response!.GetWwwAuthenticate();
        return challenges[0].Nonce!;
    }

    public static string Credentials(string user, string password, string nonce, DigestAlgorithm algorithm = DigestAlgorithm.MD5,
        string nc = "00000001", string realm = Realm, string method = "REGISTER", string uri = Uri, string cnonce = "0a4f113b", string? qop = "auth")
    {
        var ha1 = DigestHash.ComputeA1(algorithm, user, realm, password);
        var ha2 = DigestHash.ComputeA2(algorithm, method, uri);
        var response = DigestHash.ComputeResponse(algorithm, ha1, nonce, qop is null ? null : nc, qop is null ? null : cnonce, qop, ha2);
        var text = $"Digest username=\"{user}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", response=\"{response}\", algorithm={algorithm.ToToken()}";
        return qop is null ? text : text + $", cnonce=\"{cnonce}\", qop={qop}, nc={nc}";
    }

    public SipSecurityDecision Authenticate(string user, string password, string nonce, DigestAlgorithm algorithm = DigestAlgorithm.MD5,
        string nc = "00000001", SipInboundContext? source = null) =>
        Evaluate(Request("REGISTER", Uri, "Authorization: " + Credentials(user, password, nonce, algorithm, nc)), source);
}
