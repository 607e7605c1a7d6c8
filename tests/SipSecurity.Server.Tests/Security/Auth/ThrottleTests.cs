using SipSecurity.Server.Security.Auth;

namespace SipSecurity.Server.Tests.Security.Auth;

public class ThrottleTests
{
    private static AuthTestKit Kit(int capacity = 1_000)
    {
        var kit = new AuthTestKit(throttleCapacity: capacity);
        kit.Settings = kit.Settings with
        {
            FailuresBeforeDelay = 2,
            FailuresBeforeBlock = 4,
            FailureDelay = TimeSpan.FromSeconds(2),
            FailureWindow = TimeSpan.FromMinutes(10),
            BlockDuration = TimeSpan.FromMinutes(15),
        };
        return kit;
    }

    [Fact]
    public void Failures_are_slowed_then_the_source_is_blocked_and_dropped()
    {
        var kit = Kit();

        // Different user names, so that only the source counter reaches the thresholds.
        Assert.Equal(TimeSpan.Zero, kit.Authenticate("u1", "x", kit.GetNonce()).Delay);
        var second = kit.Authenticate("u2", "x", kit.GetNonce());
        Assert.Equal(SipSecurityOutcome.Challenge, second.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(2), second.Delay);
        Assert.Equal(TimeSpan.FromSeconds(2), kit.Authenticate("u3", "x", kit.GetNonce()).Delay);
        var fourth = kit.Authenticate("u4", "x", kit.GetNonce());

        Assert.Equal(SipSecurityOutcome.Dropped, fourth.Outcome);
        Assert.Null(fourth.Response);
        Assert.Equal(1, kit.Engine.BlockedCount);
        Assert.Equal(1, kit.Counters.BlockedSources);
        var blocked = Assert.Single(kit.Log.Lines(SipSecurityLog.SourceBlocked));
        Assert.StartsWith("2026-12-04T17:40:28.240Z WARN SourceBlocked: source 192.0.2.1 blocked for 900 s after 4 authentication failures", blocked, StringComparison.Ordinal);

        // Everything from the source is dropped, unprotected requests included, without digest work or more log lines.
        var lookups = kit.Users.Lookups;
        Assert.Equal(SipSecurityOutcome.Dropped, kit.Evaluate(AuthTestKit.Request()).Outcome);
        Assert.Equal(SipSecurityOutcome.Dropped, kit.Evaluate(AuthTestKit.Request("OPTIONS")).Outcome);
        Assert.Equal(SipSecurityOutcome.Dropped, kit.Authenticate("alice", "secret", "x").Outcome);
        Assert.Equal(lookups, kit.Users.Lookups);
        Assert.Single(kit.Log.Lines(SipSecurityLog.SourceBlocked));
        Assert.Equal(4, kit.Counters.AuthenticationFailures);

        // Other sources are unaffected; the block ends after BlockDuration.
        Assert.Equal(SipSecurityOutcome.Challenge, kit.Evaluate(AuthTestKit.Request(), AuthTestKit.Udp("192.0.2.2")).Outcome);
        kit.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(SipSecurityOutcome.Allowed, kit.Authenticate("alice", "secret", kit.GetNonce()).Outcome);
        Assert.Equal(0, kit.Engine.BlockedCount);
        Assert.Equal(0, kit.Counters.BlockedSources);
    }

    [Fact]
    public void Ipv6_sources_are_blocked_by_their_64_prefix()
    {
        var kit = Kit();
        for (var i = 1; i <= 4; i++)
        {
            var source = AuthTestKit.Udp($"2001:db8:1:2::{i}");
            kit.Authenticate("u" + i, "x", kit.GetNonce(source), source: source);
        }

        Assert.Equal(SipSecurityOutcome.Dropped, kit.Evaluate(AuthTestKit.Request(), AuthTestKit.Udp("2001:db8:1:2::99")).Outcome);
        Assert.Equal(SipSecurityOutcome.Challenge, kit.Evaluate(AuthTestKit.Request(), AuthTestKit.Udp("2001:db8:1:3::1")).Outcome);
    }

    [Fact]
    public void Ipv4_mapped_source_is_the_same_source_as_ipv4()
    {
        var kit = Kit();
        for (var i = 1; i <= 4; i++)
        {
            kit.Authenticate("u" + i, "x", kit.GetNonce());
        }

        Assert.Equal(SipSecurityOutcome.Dropped, kit.Evaluate(AuthTestKit.Request(), AuthTestKit.Udp("::ffff:192.0.2.1")).Outcome);
    }

    [Fact]
    public void Failures_for_one_user_from_many_sources_block_the_user_with_403()
    {
        var kit = Kit();
        for (var i = 1; i <= 4; i++)
        {
            var source = AuthTestKit.Udp($"198.51.100.{i}");
            var decision = kit.Authenticate("ALICE", "guess" + i, kit.GetNonce(source), source: source);
            Assert.Equal(i >= 2 ? TimeSpan.FromSeconds(2) : TimeSpan.Zero, decision.Delay);
            Assert.Equal(SipSecurityOutcome.Challenge, decision.Outcome);
        }

        Assert.Single(kit.Log.Lines(SipSecurityLog.UserBlocked));
        Assert.Equal(1, kit.Engine.BlockedCount);
        Assert.Equal(0, kit.Counters.BlockedSources);

        // The right password from a clean source: refused while the name is blocked, without checking it.
        var fresh = AuthTestKit.Udp("203.0.113.7");
        var lookups = kit.Users.Lookups;
        var blocked = kit.Authenticate("alice", "secret", kit.GetNonce(fresh), source: fresh);
        Assert.Equal(SipSecurityOutcome.Forbidden, blocked.Outcome);
        Assert.Equal(403, blocked.StatusCode);
        Assert.Equal(lookups, kit.Users.Lookups);

        kit.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(SipSecurityOutcome.Allowed, kit.Authenticate("alice", "secret", kit.GetNonce(fresh), source: fresh).Outcome);
    }

    [Fact]
    public void Unknown_user_names_are_blocked_like_known_ones()
    {
        var kit = Kit();
        for (var i = 1; i <= 4; i++)
        {
            var source = AuthTestKit.Udp($"198.51.100.{i}");
            kit.Authenticate("nobody", "x", kit.GetNonce(source), source: source);
        }

        var fresh = AuthTestKit.Udp("203.0.113.7");
        Assert.Equal(403, kit.Authenticate("nobody", "x", kit.GetNonce(fresh), source: fresh).StatusCode);
    }

    [Fact]
    public void Success_clears_the_user_counter_but_not_the_source_counter()
    {
        var kit = Kit();
        var a = AuthTestKit.Udp("198.51.100.1");
        var b = AuthTestKit.Udp("198.51.100.2");
        kit.Authenticate("alice", "bad", kit.GetNonce(a), source: a);
        Assert.Equal(TimeSpan.FromSeconds(2), kit.Authenticate("alice", "bad", kit.GetNonce(b), source: b).Delay);

        Assert.Equal(SipSecurityOutcome.Allowed, kit.Authenticate("alice", "secret", kit.GetNonce(a), source: a).Outcome);

        // The user starts again at zero; source a still has its one failure, so its next one is slowed.
        var c = AuthTestKit.Udp("198.51.100.3");
        Assert.Equal(TimeSpan.Zero, kit.Authenticate("alice", "bad", kit.GetNonce(c), source: c).Delay);
        Assert.Equal(TimeSpan.FromSeconds(2), kit.Authenticate("zed", "bad", kit.GetNonce(a), source: a).Delay);
    }

    [Fact]
    public void Failures_outside_the_window_do_not_accumulate()
    {
        var kit = Kit();
        for (var i = 0; i < 6; i++)
        {
            var decision = kit.Authenticate("u" + i, "x", kit.GetNonce());
            Assert.Equal(SipSecurityOutcome.Challenge, decision.Outcome);
            Assert.Equal(TimeSpan.Zero, decision.Delay);
            kit.Time.Advance(TimeSpan.FromMinutes(11));
        }
    }

    [Fact]
    public void Idle_records_are_swept_and_full_tables_stop_growing()
    {
        var kit = Kit(capacity: 3);
        for (var i = 1; i <= 5; i++)
        {
            var source = AuthTestKit.Udp($"198.51.100.{i}");
            kit.Authenticate("u" + i, "x", kit.GetNonce(source), source: source);
        }

        Assert.Equal(6, kit.Engine.Throttle.TrackedCount);

        kit.Time.Advance(TimeSpan.FromMinutes(11));
        var last = AuthTestKit.Udp("198.51.100.9");
        kit.Authenticate("v", "x", kit.GetNonce(last), source: last);
        Assert.Equal(2, kit.Engine.Throttle.TrackedCount);
    }
}
