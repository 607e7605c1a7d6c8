using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SipSecurity.Server.Transport;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Security.Auth;

namespace SipSecurity.Server.Tests.Security.Auth;

public class AuthorizationTests
{
    [Fact]
    public void Authenticated_user_without_the_role_is_forbidden()
    {
        var kit = new AuthTestKit(constraints: [AuthTestKit.RegisterConstraint(roles: ["admin"])]);

        var decision = kit.Authenticate("alice", "secret", kit.GetNonce());

        Assert.Equal(SipSecurityOutcome.Forbidden, decision.Outcome);
        Assert.Equal(403, decision.StatusCode);
        Assert.Equal("Role Required", decision.Response!.ReasonPhrase);
        Assert.Null(decision.UserName);
        Assert.Equal(0, kit.Counters.AuthenticationFailures);
        Assert.Single(kit.Log.Lines(SipSecurityLog.AuthorizationDenied));
    }

    [Fact]
    public void User_needs_a_role_of_every_covering_constraint()
    {
        var callers = AuthTestKit.RegisterConstraint(roles: ["caller", "admin"]);
        var operators = AuthTestKit.RegisterConstraint(roles: ["operator"]) with { Name = "operators", Methods = [] };
        var kit = new AuthTestKit(constraints: [callers, operators]);
        kit.Users.Add("dave", "pw", AuthTestKit.Realm, ["caller", "operator"]);

        Assert.Equal(SipSecurityOutcome.Forbidden, kit.Authenticate("alice", "secret", kit.GetNonce()).Outcome);
        var dave = kit.Authenticate("dave", "pw", kit.GetNonce());
        Assert.Equal(SipSecurityOutcome.Allowed, dave.Outcome);
        Assert.Equal(["caller", "operator"], dave.Roles);
    }

    [Fact]
    public void Star_role_admits_any_authenticated_user()
    {
        var kit = new AuthTestKit(constraints: [AuthTestKit.RegisterConstraint(roles: ["*"])]);
        kit.Users.Add("erin", "pw", AuthTestKit.Realm, []);

        var decision = kit.Authenticate("erin", "pw", kit.GetNonce());

        Assert.Equal(SipSecurityOutcome.Allowed, decision.Outcome);
        Assert.Equal("erin", decision.UserName);
        Assert.Empty(decision.Roles);
    }

    [Fact]
    public void Star_role_still_requires_authentication()
    {
        var kit = new AuthTestKit(constraints: [AuthTestKit.RegisterConstraint(roles: ["*"])]);

        Assert.Equal(SipSecurityOutcome.Challenge, kit.Evaluate(AuthTestKit.Request()).Outcome);
        Assert.Equal(SipSecurityOutcome.Challenge, kit.Authenticate("erin", "pw", kit.GetNonce()).Outcome);
    }

    [Fact]
    public void Constraint_without_roles_forbids_before_any_challenge()
    {
        var kit = new AuthTestKit(constraints: [AuthTestKit.RegisterConstraint(roles: [])]);

        var decision = kit.Evaluate(AuthTestKit.Request());

        Assert.Equal(403, decision.StatusCode);
        Assert.Equal(0, kit.Counters.Challenges);
    }

    [Fact]
    public void Confidential_over_udp_is_forbidden_before_any_challenge()
    {
        var kit = new AuthTestKit(constraints: [AuthTestKit.RegisterConstraint(guarantee: SipTransportGuarantee.Confidential)]);

        var decision = kit.Evaluate(AuthTestKit.Request(), AuthTestKit.From("192.0.2.1", SipTransportKind.Udp));

        Assert.Equal(SipSecurityOutcome.Forbidden, decision.Outcome);
        Assert.Equal(403, decision.StatusCode);
        Assert.Equal("Confidential Transport Required", decision.Response!.ReasonPhrase);
        Assert.Equal(0, kit.Counters.Challenges);
        Assert.Equal(SipSecurityOutcome.Forbidden, kit.Evaluate(AuthTestKit.Request(), AuthTestKit.From("192.0.2.1", SipTransportKind.Tcp)).Outcome);
        Assert.Equal(SipSecurityOutcome.Forbidden, kit.Evaluate(AuthTestKit.Request(), AuthTestKit.From("192.0.2.1", SipTransportKind.Ws)).Outcome);
    }

    [Theory]
    [InlineData(SipTransportKind.Tls)]
    [InlineData(SipTransportKind.Wss)]
    public void Confidential_over_tls_is_challenged_and_allowed(SipTransportKind transport)
    {
        var kit = new AuthTestKit(constraints: [AuthTestKit.RegisterConstraint(guarantee: SipTransportGuarantee.Confidential)]);
        var source = AuthTestKit.From("192.0.2.1", transport);

        var nonce = kit.GetNonce(source);

        Assert.Equal(SipSecurityOutcome.Allowed, kit.Authenticate("alice", "secret", nonce, source: source).Outcome);
    }

    [Fact]
    public void Client_cert_auth_method_without_a_certificate_is_forbidden_with_a_reason()
    {
        var kit = new AuthTestKit();
        kit.Policy = SipSecurityPolicy.Create(new SipLoginConfig { AuthMethod = SipAuthMethod.ClientCert }, [AuthTestKit.RegisterConstraint()]);

        var decision = kit.Evaluate(AuthTestKit.Request());

        Assert.Equal(403, decision.StatusCode);
        Assert.Equal("Client Certificate Required", decision.Response!.ReasonPhrase);
        Assert.Equal(SipSecurityOutcome.Allowed, kit.Evaluate(AuthTestKit.Request("OPTIONS")).Outcome);
    }

    [Theory]
    [InlineData("CN=alice, OU=Engineering, O=Some Work", 0, "alice")]
    [InlineData("CN=ALICE", 0, "alice")]
    [InlineData("CN=nobody", 403, "Certificate Not Mapped")]
    [InlineData("O=No Common Name", 403, "Certificate Not Mapped")]
    [InlineData("CN=guest", 403, "Role Required")]
    public void Client_cert_auth_maps_the_common_name_to_a_user_and_applies_roles(string subject, int status, string expected)
    {
        var kit = new AuthTestKit();
        kit.Users.Add("guest", "pw", AuthTestKit.Realm, ["visitor"]);
        kit.Policy = SipSecurityPolicy.Create(new SipLoginConfig { AuthMethod = SipAuthMethod.ClientCert }, [AuthTestKit.RegisterConstraint()]);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest(subject, key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var tls = AuthTestKit.From("192.0.2.1", SipTransportKind.Tls);
        var source = new SipInboundContext
        {
            Transport = tls.Transport,
            ConnectorName = tls.ConnectorName,
            LocalEndPoint = tls.LocalEndPoint,
            RemoteEndPoint = tls.RemoteEndPoint,
            Connection = new CertificateConnection(tls.RemoteEndPoint, certificate),
        };

        var decision = kit.Evaluate(AuthTestKit.Request(), source);

        if (status == 0)
        {
            Assert.Equal(SipSecurityOutcome.Allowed, decision.Outcome);
            Assert.Equal(expected, decision.UserName);
        }
        else
        {
            Assert.Equal(status, decision.StatusCode);
            Assert.Equal(expected, decision.Response!.ReasonPhrase);
        }
    }

    private sealed class CertificateConnection(IPEndPoint remote, X509Certificate2 certificate) : ISipConnection
    {
        public long Id => 1;

        public bool IsOpen => true;

        public IPEndPoint RemoteEndPoint => remote;

        public X509Certificate2? PeerCertificate => certificate;

        public bool TrySend(ReadOnlyMemory<byte> message) => true;
    }

    [Fact]
    public void Policy_matches_servlet_and_method_case_insensitively_and_empty_methods_mean_all()
    {
        var all = new SipSecurityConstraint { Name = "all", Servlets = ["proxy"], Roles = ["caller"] };
        var policy = SipSecurityPolicy.Create(new SipLoginConfig(), [AuthTestKit.RegisterConstraint(), all]);

        Assert.Single(policy.GetApplicableConstraints("registrar", "REGISTER"));
        Assert.Single(policy.GetApplicableConstraints("Registrar", "register"));
        Assert.Empty(policy.GetApplicableConstraints("registrar", "OPTIONS"));
        Assert.Empty(policy.GetApplicableConstraints("other", "REGISTER"));
        Assert.Single(policy.GetApplicableConstraints("proxy", "INVITE"));
        Assert.Single(policy.GetApplicableConstraints("proxy", "FOO"));
    }

    [Fact]
    public void Constraint_naming_no_servlet_covers_every_servlet()
    {
        var odd = new SipSecurityConstraint { Name = "odd", Methods = ["INVITE"], Roles = ["caller"] };
        var policy = SipSecurityPolicy.Create(new SipLoginConfig(), [odd]);

        Assert.Single(policy.GetApplicableConstraints("anything", "INVITE"));
        Assert.Empty(policy.GetApplicableConstraints("anything", "BYE"));
    }

    [Fact]
    public void Policy_refuses_a_login_config_without_realm_or_algorithms()
    {
        Assert.Throws<ArgumentException>(() => SipSecurityPolicy.Create(new SipLoginConfig { Realm = "" }, []));
        Assert.Throws<ArgumentException>(() => SipSecurityPolicy.Create(new SipLoginConfig { Algorithms = [] }, []));
    }
}
