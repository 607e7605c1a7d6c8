using System.Text;
using SipSecurity.Server.Hosting;
using SipSecurity.Server.Security.Auth;
using SipSecurity.Server.Security.Digest;

namespace SipSecurity.Server.Tests.Security.Auth;

public class NonceTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Nonce_is_valid_then_stale_after_its_lifetime()
    {
        var service = new DigestNonceService(null);
        var nonce = Encoding.ASCII.GetBytes(service.Create(T0));

        Assert.Equal(NonceStatus.Valid, service.Check(nonce, T0.AddMinutes(4), TimeSpan.FromMinutes(5), out var id1, out var issued));
        Assert.Equal(T0.ToUnixTimeMilliseconds(), issued);
        Assert.Equal(NonceStatus.Stale, service.Check(nonce, T0.AddMinutes(6), TimeSpan.FromMinutes(5), out var id2, out _));
        Assert.Equal(id1, id2);
    }

    [Fact]
    public void Nonce_of_another_key_or_altered_is_invalid()
    {
        var service = new DigestNonceService(null);
        var other = new DigestNonceService(null);
        var nonce = service.Create(T0);

        Assert.Equal(NonceStatus.Invalid, service.Check(Encoding.ASCII.GetBytes(other.Create(T0)), T0, TimeSpan.FromMinutes(5), out _, out _));
        for (var i = 0; i < nonce.Length; i++)
        {
            var altered = nonce.ToCharArray();
            altered[i] = altered[i] == 'A' ? 'B' : 'A';
            Assert.Equal(NonceStatus.Invalid, service.Check(Encoding.ASCII.GetBytes(altered), T0, TimeSpan.FromMinutes(5), out _, out _));
        }

        Assert.Equal(NonceStatus.Invalid, service.Check("dcd98b7102dd2f0e8b11d0f600bfb0c093"u8, T0, TimeSpan.FromMinutes(5), out _, out _));
        Assert.Equal(NonceStatus.Invalid, service.Check(Encoding.ASCII.GetBytes(nonce[..^1] + "!"), T0, TimeSpan.FromMinutes(5), out _, out _));
        Assert.Equal(NonceStatus.Invalid, service.Check([], T0, TimeSpan.FromMinutes(5), out _, out _));
    }

    [Fact]
    public void Shared_key_lets_another_engine_accept_the_nonce()
    {
        var key = new byte[32];
        key[0] = 7;
        var nonce = new DigestNonceService(key).Create(T0);

        Assert.Equal(NonceStatus.Valid, new DigestNonceService(key).Check(Encoding.ASCII.GetBytes(nonce), T0, TimeSpan.FromMinutes(5), out _, out _));
        Assert.Throws<ArgumentException>(() => new DigestNonceService(new byte[8]));
    }

    [Fact]
    public void Expired_nonce_with_right_credentials_gets_stale_true_on_every_challenge()
    {
        var kit = new AuthTestKit();
        var nonce = kit.GetNonce();
        kit.Time.Advance(kit.Settings.NonceLifetime + TimeSpan.FromSeconds(1));

        var decision = kit.Authenticate("alice", "secret", nonce);

        Assert.Equal(SipSecurityOutcome.Challenge, decision.Outcome);
        var challenges = decision.Response!.GetWwwAuthenticate();
        Assert.Equal(3, challenges.Count);
        Assert.All(challenges, c => Assert.True(c.Stale));
        Assert.NotEqual(nonce, challenges[0].Nonce);
        Assert.Equal(0, kit.Counters.AuthenticationFailures);

        // The fresh nonce works.
        Assert.Equal(SipSecurityOutcome.Allowed, kit.Authenticate("alice", "secret", challenges[0].Nonce!).Outcome);
    }

    [Fact]
    public void Expired_nonce_with_wrong_password_is_an_ordinary_failure()
    {
        var kit = new AuthTestKit();
        var nonce = kit.GetNonce();
        kit.Time.Advance(kit.Settings.NonceLifetime + TimeSpan.FromSeconds(1));

        var decision = kit.Authenticate("alice", "wrong", nonce);

        Assert.All(decision.Response!.GetWwwAuthenticate(), c => Assert.False(c.Stale));
        Assert.Equal(1, kit.Counters.AuthenticationFailures);
    }

    [Fact]
    public void Forged_nonce_is_an_ordinary_failure_not_stale()
    {
        var kit = new AuthTestKit();
        var forged = new DigestNonceService(null).Create(kit.Time.Now);

        var decision = kit.Authenticate("alice", "secret", forged);

        Assert.Equal(SipSecurityOutcome.Challenge, decision.Outcome);
        Assert.All(decision.Response!.GetWwwAuthenticate(), c => Assert.False(c.Stale));
        Assert.Contains("invalid nonce", Assert.Single(kit.Log.Lines(SipSecurityLog.AuthenticationFailed)), StringComparison.Ordinal);
        Assert.Equal(0, kit.Users.Lookups);
    }

    [Fact]
    public void Repeated_nonce_count_is_a_replay()
    {
        var kit = new AuthTestKit();
        var nonce = kit.GetNonce();

        Assert.Equal(SipSecurityOutcome.Allowed, kit.Authenticate("alice", "secret", nonce, nc: "00000001").Outcome);
        var replay = kit.Authenticate("alice", "secret", nonce, nc: "00000001");

        Assert.Equal(SipSecurityOutcome.Challenge, replay.Outcome);
        Assert.Equal(1, kit.Counters.AuthenticationFailures);
        Assert.Contains("nonce count replayed", Assert.Single(kit.Log.Lines(SipSecurityLog.AuthenticationFailed)), StringComparison.Ordinal);
    }

    [Fact]
    public void Increasing_nonce_counts_are_accepted_and_lower_or_repeated_ones_refused()
    {
        var kit = new AuthTestKit();
        var nonce = kit.GetNonce();

        Assert.Equal(SipSecurityOutcome.Allowed, kit.Authenticate("alice", "secret", nonce, nc: "00000001").Outcome);
        Assert.Equal(SipSecurityOutcome.Allowed, kit.Authenticate("alice", "secret", nonce, nc: "00000002").Outcome);
        Assert.Equal(SipSecurityOutcome.Allowed, kit.Authenticate("alice", "secret", nonce, nc: "00000005").Outcome);

        Assert.Equal(SipSecurityOutcome.Challenge, kit.Authenticate("alice", "secret", nonce, nc: "00000004").Outcome);
        Assert.Equal(SipSecurityOutcome.Challenge, kit.Authenticate("alice", "secret", nonce, nc: "00000005").Outcome);
        Assert.Equal(SipSecurityOutcome.Challenge, kit.Authenticate("alice", "secret", nonce, nc: "00000002").Outcome);
        Assert.Equal(3, kit.Counters.AuthenticationFailures);
    }

    [Fact]
    public void Parallel_requests_never_accept_a_nonce_count_twice()
    {
        var kit = new AuthTestKit();
        var nonce = kit.GetNonce();
        var requests = Enumerable.Range(1, 64).SelectMany(i => new[] { i, i })
            .Select(i => AuthTestKit.Request("REGISTER", AuthTestKit.Uri, "Authorization: " + AuthTestKit.Credentials("alice", "secret", nonce, nc: i.ToString("x8", System.Globalization.CultureInfo.InvariantCulture))))
            .ToArray();
        var allowed = 0;

        // Throttling would otherwise block the source after the replays.
        kit.Settings = kit.Settings with { FailuresBeforeDelay = 1_000, FailuresBeforeBlock = 1_000 };
        Parallel.ForEach(requests, new ParallelOptions { MaxDegreeOfParallelism = 4 }, request =>
        {
            if (kit.Evaluate(request).Outcome == SipSecurityOutcome.Allowed)
            {
                Interlocked.Increment(ref allowed);
            }
        });

        // Each nc is sent twice: at most one of the two can pass, whatever the interleaving.
        Assert.InRange(allowed, 1, 64);
        Assert.Equal(128 - allowed, kit.Counters.AuthenticationFailures);
    }

    [Fact]
    public void A_nonce_older_than_the_tracker_window_gets_stale()
    {
        var kit = new AuthTestKit(nonceCapacity: 1);
        var first = kit.GetNonce();
        var second = kit.GetNonce();

        Assert.Equal(SipSecurityOutcome.Allowed, kit.Authenticate("alice", "secret", second).Outcome);
        var decision = kit.Authenticate("alice", "secret", first);

        Assert.Equal(SipSecurityOutcome.Challenge, decision.Outcome);
        Assert.All(decision.Response!.GetWwwAuthenticate(), c => Assert.True(c.Stale));
        Assert.Equal(0, kit.Counters.AuthenticationFailures);
    }

    [Fact]
    public void Tracker_slots_are_reused_by_newer_nonces_in_fixed_memory()
    {
        var tracker = new NonceCountTracker(4);

        for (var sequence = 1; sequence <= 4; sequence++)
        {
            Assert.Equal(NonceCountResult.Accepted, tracker.TryAccept(sequence, newest: 4, nonceCount: 1));
        }

        Assert.Equal(NonceCountResult.Replay, tracker.TryAccept(4, newest: 4, nonceCount: 1));
        // Nonce 5 takes nonce 1's slot; nonce 1 is out of the window from then on.
        Assert.Equal(NonceCountResult.Accepted, tracker.TryAccept(5, newest: 5, nonceCount: 1));
        Assert.Equal(NonceCountResult.Full, tracker.TryAccept(1, newest: 5, nonceCount: 2));
        Assert.Equal(NonceCountResult.Accepted, tracker.TryAccept(5, newest: 5, nonceCount: 2));
        Assert.Equal(4, tracker.Count);
    }

    [Fact]
    public void Engine_never_puts_the_response_or_A1_in_the_log()
    {
        var kit = new AuthTestKit();
        var nonce = kit.GetNonce();
        var credentials = AuthTestKit.Credentials("alice", "wrong", nonce);
        var response = credentials.Split("response=\"")[1].Split('"')[0];

        kit.Evaluate(AuthTestKit.Request("REGISTER", AuthTestKit.Uri, "Authorization: " + credentials));

        var all = string.Join("\n", kit.Log.Entries.Select(CapturingLog.Render));
        Assert.DoesNotContain(response, all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(nonce, all, StringComparison.Ordinal);
        Assert.DoesNotContain(kit.Users.Users["alice"].A1[DigestAlgorithm.MD5], all, StringComparison.OrdinalIgnoreCase);
        Assert.True(kit.Log.IsEnabled(SipLogLevel.Debug));
    }
}
