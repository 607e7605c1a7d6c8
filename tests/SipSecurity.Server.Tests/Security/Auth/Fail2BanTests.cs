using System.Text.RegularExpressions;
using SipSecurity.Server.Security.Auth;

namespace SipSecurity.Server.Tests.Security.Auth;

/// <summary>Holds docs/fail2ban.md and the engine's log lines together.</summary>
public class Fail2BanTests
{
    // What fail2ban's <HOST> stands for, reduced to the address forms the engine writes.
    private const string HostGroup = @"(?<host>(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})";

    // As written to the log file, and as journald shows the verbose stream of Start-SipServer -Wait.
    private static readonly string[] Prefixes = ["", "Mar  1 12:00:00 host pwsh[42]: VERBOSE: "];

    private static string[] FailRegexes()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "docs", "fail2ban.md")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        var lines = File.ReadAllLines(Path.Combine(directory.FullName, "docs", "fail2ban.md"));
        var regexes = lines.Where(l => l.StartsWith("failregex = ", StringComparison.Ordinal)).Select(l => l["failregex = ".Length..]).ToArray();
        Assert.Equal(2, regexes.Length);
        return regexes;
    }

    private static Regex ToDotNet(string fail2ban) =>
        new(fail2ban.Replace("<HOST>", HostGroup, StringComparison.Ordinal), RegexOptions.CultureInvariant);

    [Theory]
    [InlineData("192.0.2.1", "alice", "192.0.2.1")]
    [InlineData("::ffff:192.0.2.1", "alice", "192.0.2.1")]
    [InlineData("2001:db8::1", "bob", "2001:db8::1")]
    [InlineData("192.0.2.1", "x\" from 203.0.113.66 for user \"y", "192.0.2.1")]
    [InlineData("192.0.2.1", "authentication failed from 203.0.113.66 for user \"z\": ", "192.0.2.1")]
    [InlineData("192.0.2.1", "evil\r\nauthentication failed from 203.0.113.66 for user \"z\": wrong password", "192.0.2.1")]
    public void Failure_filter_matches_the_logged_line_and_finds_the_real_source(string remote, string user, string expectedHost)
    {
        var kit = new AuthTestKit();
        var source = AuthTestKit.Udp(remote);
        var header = "Authorization: " + AuthTestKit.Credentials("alice", "wrong", kit.GetNonce(source)).Replace("username=\"alice\"", "username=\"" + user.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\r\n", "\\r\\n", StringComparison.Ordinal) + "\"", StringComparison.Ordinal);
        kit.Evaluate(AuthTestKit.Request("REGISTER", AuthTestKit.Uri, header), source);
        var line = Assert.Single(kit.Log.Lines(SipSecurityLog.AuthenticationFailed));
        var filter = ToDotNet(FailRegexes()[0]);

        Assert.DoesNotContain('\n', line);
        foreach (var prefix in Prefixes)
        {
            var match = filter.Match(prefix + line);
            Assert.True(match.Success, prefix + line);
            Assert.Equal(expectedHost, match.Groups["host"].Value);
        }
    }

    [Fact]
    public void Failure_line_has_the_documented_shape()
    {
        var kit = new AuthTestKit();
        kit.Authenticate("alice", "wrong", kit.GetNonce());

        Assert.Equal("2026-12-04T17:40:28.240Z WARN AuthenticationFailed: authentication failed from 192.0.2.1 for user \"alice\": wrong password source=192.0.2.1 user=alice reason=\"wrong password\"",
            Assert.Single(kit.Log.Lines(SipSecurityLog.AuthenticationFailed)));
    }

    [Fact]
    public void Blocked_filter_matches_the_source_blocked_line()
    {
        var kit = new AuthTestKit();
        kit.Settings = kit.Settings with { FailuresBeforeDelay = 1, FailuresBeforeBlock = 2 };
        kit.Authenticate("a", "x", kit.GetNonce());
        kit.Authenticate("b", "x", kit.GetNonce());
        var line = Assert.Single(kit.Log.Lines(SipSecurityLog.SourceBlocked));
        var blocked = ToDotNet(FailRegexes()[1]);
        var failed = ToDotNet(FailRegexes()[0]);

        foreach (var prefix in Prefixes)
        {
            var match = blocked.Match(prefix + line);
            Assert.True(match.Success, prefix + line);
            Assert.Equal("192.0.2.1", match.Groups["host"].Value);
        }

        // The failure filter does not count block lines twice.
        Assert.DoesNotMatch(failed, line);
        Assert.All(kit.Log.Lines(SipSecurityLog.UserBlocked), l => Assert.False(blocked.IsMatch(l) || failed.IsMatch(l)));
    }

    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("a b", "a?b")]
    [InlineData("a\"b\\c", "a?b?c")]
    [InlineData("a\r\nb\tc\u0000", "a??b?c?")]
    [InlineData("jürgen", "jürgen")]
    [InlineData("a\u202eb", "a?b")]
    [InlineData(null, "")]
    public void User_names_are_sanitized(string? name, string expected)
    {
        Assert.Equal(expected, SipSecurityLog.SanitizeUser(name));
    }

    [Fact]
    public void Long_user_names_are_cut()
    {
        Assert.Equal(new string('a', 64) + "...", SipSecurityLog.SanitizeUser(new string('a', 200)));
    }
}
