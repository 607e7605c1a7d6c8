using System.Security.Cryptography;
using System.Text;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Security.Auth;
using SipSecurity.Server.Security.Digest;
using SipSecurity.Server.Store;
using Xunit.Abstractions;

namespace SipSecurity.Server.Tests.Security.Auth;

public class DigestAuthenticationTests(ITestOutputHelper output)
{
    [Fact]
    public void Request_no_constraint_covers_is_allowed_anonymously()
    {
        var kit = new AuthTestKit();

        var decision = kit.Evaluate(AuthTestKit.Request("OPTIONS"));

        Assert.Equal(SipSecurityOutcome.Allowed, decision.Outcome);
        Assert.Null(decision.UserName);
        Assert.Null(decision.Response);
        Assert.Equal(0, kit.Counters.Challenges);
    }

    [Fact]
    public void Challenge_has_one_header_per_algorithm_in_configured_order()
    {
        var kit = new AuthTestKit([DigestAlgorithm.SHA256, DigestAlgorithm.MD5, DigestAlgorithm.SHA512_256]);

        var decision = kit.Evaluate(AuthTestKit.Request());

        Assert.Equal(SipSecurityOutcome.Challenge, decision.Outcome);
        Assert.Equal(401, decision.StatusCode);
        var challenges = decision.Response!.GetWwwAuthenticate();
        Assert.Equal(["SHA-256", "MD5", "SHA-512-256"], challenges.Select(c => c.Algorithm));
        Assert.All(challenges, c =>
        {
            Assert.Equal(AuthTestKit.Realm, c.Realm);
            Assert.Equal("auth", c.Qop);
            Assert.False(c.Stale);
            Assert.Equal(DigestNonceService.EncodedLength, c.Nonce!.Length);
        });
        Assert.Empty(decision.Response.GetProxyAuthenticate());
        Assert.Contains("qop=\"auth\"", Encoding.UTF8.GetString(decision.Response.RawBytes.Span), StringComparison.Ordinal);
        Assert.Equal(1, kit.Counters.Challenges);
        Assert.Equal(0, kit.Counters.AuthenticationFailures);
    }

    [Fact]
    public void Each_challenge_gets_a_new_nonce()
    {
        var kit = new AuthTestKit();

        Assert.NotEqual(kit.GetNonce(), kit.GetNonce());
    }

    [Theory]
    [InlineData(DigestAlgorithm.MD5)]
    [InlineData(DigestAlgorithm.SHA256)]
    [InlineData(DigestAlgorithm.SHA512_256)]
    public void Right_password_is_allowed_with_each_algorithm(DigestAlgorithm algorithm)
    {
        var kit = new AuthTestKit();
        var nonce = kit.GetNonce();

        var decision = kit.Authenticate("alice", "secret", nonce, algorithm);

        Assert.Equal(SipSecurityOutcome.Allowed, decision.Outcome);
        Assert.Equal("alice", decision.UserName);
        Assert.Equal(["caller"], decision.Roles);
        Assert.Null(decision.Response);
        Assert.Equal(0, kit.Counters.AuthenticationFailures);
    }

    [Fact]
    public void Rfc2617_section_3_5_user_with_an_independently_computed_response()
    {
        // RFC 2617 §3.5: Mufasa / testrealm@host.com / "Circle Of Life"; HA1 as printed there, the response computed
        // here with MD5 directly, not with DigestHash, over a nonce the engine issued.
        var kit = new AuthTestKit([DigestAlgorithm.MD5], realm: "testrealm@host.com");
        kit.Users.Users["Mufasa"] = new StoredUser
        {
            Name = "Mufasa",
            Realm = "testrealm@host.com",
            A1 = new Dictionary<DigestAlgorithm, string> { [DigestAlgorithm.MD5] = "939e7578ed9e3c518a452acee763bce9" },
            Roles = ["caller"],
        };
        var nonce = kit.GetNonce();
        static string Md5(string s) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(s)));
        var ha2 = Md5("REGISTER:sip:example.com");
        var response = Md5($"939e7578ed9e3c518a452acee763bce9:{nonce}:00000001:0a4f113b:auth:{ha2}");
        var header = $"Authorization: Digest username=\"Mufasa\", realm=\"testrealm@host.com\", nonce=\"{nonce}\", uri=\"sip:example.com\", qop=auth, nc=00000001, cnonce=\"0a4f113b\", response=\"{response}\"";

        var decision = kit.Evaluate(AuthTestKit.Request("REGISTER", AuthTestKit.Uri, header));

        Assert.Equal(SipSecurityOutcome.Allowed, decision.Outcome);
        Assert.Equal("Mufasa", decision.UserName);
    }

    [Fact]
    public void Wrong_password_is_challenged_again_counted_and_logged()
    {
        var kit = new AuthTestKit();
        var nonce = kit.GetNonce();

        var decision = kit.Authenticate("alice", "wrong", nonce);

        Assert.Equal(SipSecurityOutcome.Challenge, decision.Outcome);
        Assert.Equal(401, decision.StatusCode);
        Assert.Null(decision.UserName);
        Assert.Equal(3, decision.Response!.GetWwwAuthenticate().Count);
        Assert.Equal(1, kit.Counters.AuthenticationFailures);
        Assert.Equal(2, kit.Counters.Challenges);
        var line = Assert.Single(kit.Log.Lines(SipSecurityLog.AuthenticationFailed));
        Assert.StartsWith("2026-12-04T17:40:28.240Z WARN AuthenticationFailed: authentication failed from 192.0.2.1 for user \"alice\": wrong password", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_user_gets_the_same_answer_as_a_wrong_password()
    {
        var kit = new AuthTestKit();

        var wrong = kit.Authenticate("alice", "wrong", kit.GetNonce());
        var unknown = kit.Authenticate("mallory", "secret", kit.GetNonce());

        Assert.Equal(wrong.Outcome, unknown.Outcome);
        Assert.Equal(wrong.StatusCode, unknown.StatusCode);
        Assert.Equal(wrong.Response!.ReasonPhrase, unknown.Response!.ReasonPhrase);
        Assert.Equal(wrong.Delay, unknown.Delay);
        static string Shape(SipSecurityDecision d) => string.Join("\n", d.Response!.GetWwwAuthenticate().Select(c => $"{c.Realm} {c.Algorithm} {c.Qop} {c.Stale} {c.Opaque}"));
        Assert.Equal(Shape(wrong), Shape(unknown));
        Assert.Equal(wrong.Response.Headers.Select(h => h.GetName()), unknown.Response.Headers.Select(h => h.GetName()));
        Assert.Contains(kit.Log.Lines(SipSecurityLog.AuthenticationFailed), l => l.Contains("\"mallory\": unknown user", StringComparison.Ordinal));
    }

    [Fact]
    public void Disabled_user_fails()
    {
        var kit = new AuthTestKit();
        kit.Users.Add("bob", "pw", AuthTestKit.Realm, ["caller"], enabled: false);

        var decision = kit.Authenticate("bob", "pw", kit.GetNonce());

        Assert.Equal(SipSecurityOutcome.Challenge, decision.Outcome);
        Assert.Equal(1, kit.Counters.AuthenticationFailures);
        Assert.Contains("user disabled", Assert.Single(kit.Log.Lines(SipSecurityLog.AuthenticationFailed)), StringComparison.Ordinal);
    }

    [Fact]
    public void User_whose_hash_is_for_another_realm_fails_even_with_a_matching_response()
    {
        var kit = new AuthTestKit();

        // The client computes with our realm name and the stored hash is for "old-realm": refused on the realm check.
        kit.Users.Add("carol", "pw", "old-realm", ["caller"]);
        var nonce = kit.GetNonce();
        var a1 = kit.Users.Users["carol"].A1[DigestAlgorithm.MD5];
        var ha2 = DigestHash.ComputeA2(DigestAlgorithm.MD5, "REGISTER", AuthTestKit.Uri);
        var response = DigestHash.ComputeResponse(DigestAlgorithm.MD5, a1, nonce, "00000001", "c", "auth", ha2);
        var header = $"Authorization: Digest username=\"carol\", realm=\"sip-servlets\", nonce=\"{nonce}\", uri=\"{AuthTestKit.Uri}\", response=\"{response}\", cnonce=\"c\", qop=auth, nc=00000001";

        var decision = kit.Evaluate(AuthTestKit.Request("REGISTER", AuthTestKit.Uri, header));

        Assert.Equal(SipSecurityOutcome.Challenge, decision.Outcome);
        Assert.Contains("password set for another realm", Assert.Single(kit.Log.Lines(SipSecurityLog.AuthenticationFailed)), StringComparison.Ordinal);
    }

    [Fact]
    public void Algorithm_not_enabled_is_refused_even_when_the_user_has_its_hash()
    {
        var kit = new AuthTestKit([DigestAlgorithm.SHA256]);
        var nonce = kit.GetNonce();

        var decision = kit.Authenticate("alice", "secret", nonce, DigestAlgorithm.MD5);

        Assert.Equal(SipSecurityOutcome.Challenge, decision.Outcome);
        Assert.Contains("algorithm not enabled", Assert.Single(kit.Log.Lines(SipSecurityLog.AuthenticationFailed)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MD5-sess")]
    [InlineData("SHA-1")]
    [InlineData("md6")]
    public void Unknown_algorithm_is_refused_never_downgraded(string token)
    {
        var kit = new AuthTestKit();
        var nonce = kit.GetNonce();
        var header = "Authorization: " + AuthTestKit.Credentials("alice", "secret", nonce).Replace("algorithm=MD5", "algorithm=" + token, StringComparison.Ordinal);

        var decision = kit.Evaluate(AuthTestKit.Request("REGISTER", AuthTestKit.Uri, header));

        Assert.Equal(SipSecurityOutcome.Challenge, decision.Outcome);
        Assert.Equal(1, kit.Counters.AuthenticationFailures);
    }

    [Fact]
    public void Absent_algorithm_means_MD5()
    {
        var kit = new AuthTestKit();
        var nonce = kit.GetNonce();
        var header = "Authorization: " + AuthTestKit.Credentials("alice", "secret", nonce).Replace(", algorithm=MD5", "", StringComparison.Ordinal);

        Assert.Equal(SipSecurityOutcome.Allowed, kit.Evaluate(AuthTestKit.Request("REGISTER", AuthTestKit.Uri, header)).Outcome);
    }

    [Fact]
    public void Absent_algorithm_is_refused_when_MD5_is_not_enabled()
    {
        var kit = new AuthTestKit([DigestAlgorithm.SHA256]);
        var nonce = kit.GetNonce();
        var header = "Authorization: " + AuthTestKit.Credentials("alice", "secret", nonce).Replace(", algorithm=MD5", "", StringComparison.Ordinal);

        Assert.Equal(SipSecurityOutcome.Challenge, kit.Evaluate(AuthTestKit.Request("REGISTER", AuthTestKit.Uri, header)).Outcome);
        Assert.Equal(1, kit.Counters.AuthenticationFailures);
    }

    [Fact]
    public void Uri_other_than_the_request_uri_is_refused()
    {
        var kit = new AuthTestKit();
        var nonce = kit.GetNonce();
        var header = "Authorization: " + AuthTestKit.Credentials("alice", "secret", nonce, uri: "sip:other.example.com");

        var decision = kit.Evaluate(AuthTestKit.Request("REGISTER", AuthTestKit.Uri, header));

        Assert.Equal(SipSecurityOutcome.Challenge, decision.Outcome);
        Assert.Contains("uri does not match", Assert.Single(kit.Log.Lines(SipSecurityLog.AuthenticationFailed)), StringComparison.Ordinal);
    }

    [Fact]
    public void Rfc2069_response_without_qop_is_refused()
    {
        var kit = new AuthTestKit();
        var nonce = kit.GetNonce();
        var header = "Authorization: " + AuthTestKit.Credentials("alice", "secret", nonce, qop: null);

        var decision = kit.Evaluate(AuthTestKit.Request("REGISTER", AuthTestKit.Uri, header));

        Assert.Equal(SipSecurityOutcome.Challenge, decision.Outcome);
        Assert.Contains("qop=auth required", Assert.Single(kit.Log.Lines(SipSecurityLog.AuthenticationFailed)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nc=00000001", "nc=1")]
    [InlineData("nc=00000001", "nc=00000000")]
    [InlineData("nc=00000001", "nc=0000000g")]
    [InlineData(", cnonce=\"0a4f113b\"", "")]
    public void Malformed_digest_fields_fail(string from, string to)
    {
        var kit = new AuthTestKit();
        var header = "Authorization: " + AuthTestKit.Credentials("alice", "secret", kit.GetNonce()).Replace(from, to, StringComparison.Ordinal);

        var decision = kit.Evaluate(AuthTestKit.Request("REGISTER", AuthTestKit.Uri, header));

        Assert.Equal(SipSecurityOutcome.Challenge, decision.Outcome);
        Assert.Equal(1, kit.Counters.AuthenticationFailures);
    }

    [Fact]
    public void Unparseable_credentials_fail_without_throwing()
    {
        var kit = new AuthTestKit();

        // RFC 7616 §3.4: a repeated directive makes the credentials malformed.
        var decision = kit.Evaluate(AuthTestKit.Request("REGISTER", AuthTestKit.Uri,
            "Authorization: Digest username=\"alice\", username=\"bob\", realm=\"sip-servlets\""));

        Assert.Equal(SipSecurityOutcome.Challenge, decision.Outcome);
        Assert.Contains("malformed credentials", Assert.Single(kit.Log.Lines(SipSecurityLog.AuthenticationFailed)), StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_for_another_realm_only_are_answered_with_a_plain_challenge()
    {
        var kit = new AuthTestKit();
        var nonce = kit.GetNonce();
        var header = "Authorization: " + AuthTestKit.Credentials("alice", "secret", nonce, realm: "elsewhere");

        var decision = kit.Evaluate(AuthTestKit.Request("REGISTER", AuthTestKit.Uri, header));

        Assert.Equal(SipSecurityOutcome.Challenge, decision.Outcome);
        Assert.Equal(0, kit.Counters.AuthenticationFailures);
    }

    [Fact]
    public void Our_credentials_are_found_among_several_Authorization_values()
    {
        var kit = new AuthTestKit();
        var nonce = kit.GetNonce();

        var decision = kit.Evaluate(AuthTestKit.Request("REGISTER", AuthTestKit.Uri,
            "Authorization: Basic YWxpY2U6c2VjcmV0",
            "Authorization: " + AuthTestKit.Credentials("alice", "wrong", nonce, realm: "elsewhere"),
            "Authorization: " + AuthTestKit.Credentials("alice", "secret", nonce)));

        Assert.Equal(SipSecurityOutcome.Allowed, decision.Outcome);
    }

    [Fact]
    public void Proxy_authentication_challenges_with_407_and_reads_Proxy_Authorization()
    {
        var kit = new AuthTestKit(constraints: [AuthTestKit.RegisterConstraint(proxy: true)]);

        var challenge = kit.Evaluate(AuthTestKit.Request());
        Assert.Equal(407, challenge.StatusCode);
        Assert.Equal(3, challenge.Response!.GetProxyAuthenticate().Count);
        Assert.Empty(challenge.Response.GetWwwAuthenticate());
        var nonce = challenge.Response.GetProxyAuthenticate()[0].Nonce!;

        // An Authorization header is not what a 407 asks for.
        var wrongHeader = kit.Evaluate(AuthTestKit.Request("REGISTER", AuthTestKit.Uri, "Authorization: " + AuthTestKit.Credentials("alice", "secret", nonce)));
        Assert.Equal(407, wrongHeader.StatusCode);

        // RFC 3261 §22.3: several Proxy-Authorization values, one per realm; ours is the last.
        var decision = kit.Evaluate(AuthTestKit.Request("REGISTER", AuthTestKit.Uri,
            "Proxy-Authorization: " + AuthTestKit.Credentials("alice", "other", "abc", realm: "upstream"),
            "Proxy-Authorization: " + AuthTestKit.Credentials("alice", "other", "def", realm: "downstream"),
            "Proxy-Authorization: " + AuthTestKit.Credentials("alice", "secret", nonce, DigestAlgorithm.SHA256)));
        Assert.Equal(SipSecurityOutcome.Allowed, decision.Outcome);
        Assert.Equal("alice", decision.UserName);
    }

    [Fact]
    public void Proxy_authentication_failure_is_answered_with_407()
    {
        var kit = new AuthTestKit(constraints: [AuthTestKit.RegisterConstraint(proxy: true)]);
        var nonce = kit.GetNonce(proxy: true);

        var decision = kit.Evaluate(AuthTestKit.Request("REGISTER", AuthTestKit.Uri, "Proxy-Authorization: " + AuthTestKit.Credentials("alice", "bad", nonce)));

        Assert.Equal(407, decision.StatusCode);
        Assert.Equal(1, kit.Counters.AuthenticationFailures);
    }

    [Fact]
    public void Userhash_credentials_are_refused()
    {
        var kit = new AuthTestKit();
        var header = "Authorization: " + AuthTestKit.Credentials("alice", "secret", kit.GetNonce()) + ", userhash=true";

        Assert.Equal(SipSecurityOutcome.Challenge, kit.Evaluate(AuthTestKit.Request("REGISTER", AuthTestKit.Uri, header)).Outcome);
        Assert.Equal(1, kit.Counters.AuthenticationFailures);
    }

    [Fact]
    public void Many_authentications_with_increasing_nc_are_all_allowed_and_timed()
    {
        var kit = new AuthTestKit();
        var nonce = kit.GetNonce();
        const int n = 5_000;
        const int warmup = 500;
        var requests = Enumerable.Range(1, n + warmup)
            .Select(i => AuthTestKit.Request("REGISTER", AuthTestKit.Uri, "Authorization: " + AuthTestKit.Credentials("alice", "secret", nonce, nc: i.ToString("x8", System.Globalization.CultureInfo.InvariantCulture))))
            .ToArray();
        var source = AuthTestKit.Udp();

        var allowed = 0;
        foreach (var request in requests.Take(warmup))
        {
            allowed += kit.Engine.Evaluate(request, source, "registrar", kit.Policy, kit.Settings).Outcome == SipSecurityOutcome.Allowed ? 1 : 0;
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var request in requests.Skip(warmup))
        {
            allowed += kit.Engine.Evaluate(request, source, "registrar", kit.Policy, kit.Settings).Outcome == SipSecurityOutcome.Allowed ? 1 : 0;
        }

        watch.Stop();
        Assert.Equal(n + warmup, allowed);
        output.WriteLine($"SipSecurityEngine.Evaluate (MD5, success): {watch.Elapsed.TotalMicroseconds / n:F2} µs per request");
    }
}
