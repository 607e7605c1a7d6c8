using SipSecurity.Server.Configuration;
using SipSecurity.Server.Tests.Store;

namespace SipSecurity.Server.Tests.Configuration;

public class SipRegistrationManagerTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static TempStore Seeded()
    {
        var temp = new TempStore();
        temp.Store.SaveBindings(
            [
                ServerStoreTests.Binding("sip:alice@example.com", "sip:alice@192.0.2.1", s_now.AddMinutes(5)),
                ServerStoreTests.Binding("sip:alice@example.com", "sip:alice@192.0.2.2", s_now.AddMinutes(-5)),
                ServerStoreTests.Binding("sip:alice@other.example", "sip:alice@198.51.100.1", s_now.AddMinutes(5)),
                ServerStoreTests.Binding("sip:bob@example.com", "sip:bob@192.0.2.3", s_now.AddMinutes(5)),
                ServerStoreTests.Binding("sip:carol@[2001:db8::1]", "sip:carol@[2001:db8::1]:5062", s_now.AddMinutes(5)),
            ],
            []);
        return temp;
    }

    [Theory]
    [InlineData(null, 5)]
    [InlineData("alice", 3)]
    [InlineData("ALICE", 3)]
    [InlineData("sip:alice@EXAMPLE.com", 2)]
    [InlineData("alice@example.com", 2)]
    [InlineData("*@example.com", 3)]
    [InlineData("b*", 1)]
    [InlineData("sip:carol@[2001:DB8::1]", 1)]
    [InlineData("dave", 0)]
    public void Find_matches_an_aor_a_user_name_or_a_wildcard(string? pattern, int count)
    {
        using var temp = Seeded();
        Assert.Equal(count, new SipRegistrationManager(temp.Store).Find(pattern).Count);
    }

    [Fact]
    public void Find_leaves_out_expired_bindings_when_given_the_time()
    {
        using var temp = Seeded();
        var found = new SipRegistrationManager(temp.Store).Find("sip:alice@example.com", s_now);
        Assert.Equal(["sip:alice@192.0.2.1"], found.Select(r => r.Contact));
    }

    [Fact]
    public void Remove_takes_one_contact_or_every_binding_and_raises_the_revision()
    {
        using var temp = Seeded();
        var manager = new SipRegistrationManager(temp.Store);
        var revision = temp.Store.ReadRevision();

        Assert.Equal(1, manager.Remove("sip:alice@example.com", "sip:alice@192.0.2.2"));
        Assert.Equal(revision + 1, temp.Store.ReadRevision());
        Assert.Equal(2, manager.Remove("alice"));
        Assert.Equal(["sip:bob@example.com", "sip:carol@[2001:db8::1]"], manager.Find().Select(r => r.Aor));
    }

    [Fact]
    public void Remove_reports_a_missing_binding_and_refuses_wildcards()
    {
        using var temp = Seeded();
        var manager = new SipRegistrationManager(temp.Store);
        var revision = temp.Store.ReadRevision();

        Assert.Equal("RegistrationNotFound", Assert.Throws<SipSecurityException>(() => manager.Remove("sip:bob@example.com", "sip:nobody@192.0.2.9")).ErrorId);
        Assert.Equal("RegistrationNotFound", Assert.Throws<SipSecurityException>(() => manager.Remove("dave")).ErrorId);
        Assert.Equal("WildcardNotAllowed", Assert.Throws<SipSecurityException>(() => manager.Remove("*")).ErrorId);
        Assert.Equal(revision, temp.Store.ReadRevision());
        Assert.Equal(5, manager.Find().Count);
    }
}
