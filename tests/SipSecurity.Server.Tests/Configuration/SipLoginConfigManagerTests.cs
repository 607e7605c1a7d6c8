using SipSecurity.Server.Configuration;
using SipSecurity.Server.Security.Digest;

namespace SipSecurity.Server.Tests.Configuration;

public class SipLoginConfigManagerTests
{
    [Fact]
    public void A_realm_change_that_invalidates_users_is_refused_without_force()
    {
        using var temp = new TempStore();
        new SipUserManager(temp.Store).Add("alice", SipUserSecret.FromPassword("pw".ToCharArray()));
        var login = new SipLoginConfigManager(temp.Store);

        var error = Assert.Throws<SipSecurityException>(() => login.Set(null, "example.com", null, force: false));

        Assert.Equal("RealmChangeInvalidatesUsers", error.ErrorId);
        Assert.Contains("alice", error.Message, StringComparison.Ordinal);
        Assert.Equal("sip-servlets", login.Get().Realm);
    }

    [Fact]
    public void A_forced_realm_change_marks_users_for_a_new_password()
    {
        using var temp = new TempStore();
        var users = new SipUserManager(temp.Store);
        users.Add("alice", SipUserSecret.FromPassword("pw".ToCharArray()));

        var change = new SipLoginConfigManager(temp.Store).Set(null, "example.com", null, force: true);

        Assert.Equal(["alice"], change.AffectedUsers);
        Assert.True(users.Get("alice").NeedsPasswordReset);
        users.Update("alice", new SipUserUpdate { Secret = SipUserSecret.FromPassword("new".ToCharArray()) });
        Assert.False(users.Get("alice").NeedsPasswordReset);
        Assert.Equal(DigestHash.ComputeA1(DigestAlgorithm.MD5, "alice", "example.com", "new"), users.GetCredentials("alice")!.GetA1(DigestAlgorithm.MD5));
    }

    [Fact]
    public void Algorithms_keep_their_order_and_setting_the_same_twice_changes_nothing()
    {
        using var temp = new TempStore();
        var login = new SipLoginConfigManager(temp.Store);
        var first = login.Set(null, null, [DigestAlgorithm.SHA256, DigestAlgorithm.MD5], false);
        var revision = temp.Store.ReadRevision();
        var second = login.Set(null, null, [DigestAlgorithm.SHA256, DigestAlgorithm.MD5], false);

        Assert.True(first.Changed);
        Assert.False(second.Changed);
        Assert.Equal(revision, temp.Store.ReadRevision());
        Assert.Equal([DigestAlgorithm.SHA256, DigestAlgorithm.MD5], login.Get().Algorithms);
    }
}
