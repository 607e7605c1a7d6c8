using SipSecurity.Server.Configuration;
using SipSecurity.Server.Security.Digest;

namespace SipSecurity.Server.Tests.Configuration;

public class SipUserManagerTests
{
    [Fact]
    public void A_password_user_gets_all_three_hashes_for_the_store_realm()
    {
        using var temp = new TempStore();
        var users = new SipUserManager(temp.Store);
        var user = users.Add("admin", SipUserSecret.FromPassword("admin".ToCharArray()), ["caller", "role1"]);
        var credentials = users.GetCredentials("admin")!;

        Assert.Equal([DigestAlgorithm.MD5, DigestAlgorithm.SHA256, DigestAlgorithm.SHA512_256], user.Algorithms);
        Assert.Equal(["caller", "role1"], user.Roles);
        Assert.Equal(DigestHash.ComputeA1(DigestAlgorithm.MD5, "admin", "sip-servlets", "admin"), credentials.GetA1(DigestAlgorithm.MD5));
        Assert.Equal(DigestHash.ComputeA1(DigestAlgorithm.SHA512_256, "admin", "sip-servlets", "admin"), credentials.GetA1(DigestAlgorithm.SHA512_256));
        Assert.DoesNotContain(credentials.GetA1(DigestAlgorithm.MD5)!, credentials.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_imported_with_an_md5_a1_can_only_use_md5()
    {
        using var temp = new TempStore();
        var user = new SipUserManager(temp.Store).Add("bob", SipUserSecret.FromA1(DigestAlgorithm.MD5, "81C2AEB4F2FD13664C66164C61A24137", "bob"));

        Assert.Equal([DigestAlgorithm.MD5], user.Algorithms);
        Assert.Equal("81c2aeb4f2fd13664c66164c61a24137", new SipUserManager(temp.Store).GetCredentials("bob")!.GetA1(DigestAlgorithm.MD5));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a:b")]
    [InlineData("a=b")]
    [InlineData("a b")]
    [InlineData("a\u0001b")]
    [InlineData("#comment")]
    [InlineData("a\"b")]
    public void Names_that_would_break_a1_or_properties_are_refused(string name)
    {
        using var temp = new TempStore();
        var error = Assert.Throws<SipSecurityException>(() => new SipUserManager(temp.Store).Add(name, SipUserSecret.FromPassword("pw".ToCharArray())));
        Assert.Equal("InvalidUserName", error.ErrorId);
        Assert.Equal(0, temp.Store.Read(r => r.CountUsers()));
    }

    [Fact]
    public void Duplicates_are_refused_unless_forced()
    {
        using var temp = new TempStore();
        var users = new SipUserManager(temp.Store);
        users.Add("alice", SipUserSecret.FromPassword("one".ToCharArray()), ["a"]);

        var error = Assert.Throws<SipSecurityException>(() => users.Add("ALICE", SipUserSecret.FromPassword("two".ToCharArray())));
        Assert.Equal("UserAlreadyExists", error.ErrorId);

        users.Add("alice", SipUserSecret.FromPassword("two".ToCharArray()), ["b"], force: true);
        Assert.Equal(["b"], users.Get("alice").Roles);
        Assert.Equal(DigestHash.ComputeA1(DigestAlgorithm.MD5, "alice", "sip-servlets", "two"), users.GetCredentials("alice")!.GetA1(DigestAlgorithm.MD5));
    }

    [Fact]
    public void Update_is_idempotent_and_changes_roles_and_state()
    {
        using var temp = new TempStore();
        var users = new SipUserManager(temp.Store);
        users.Add("alice", SipUserSecret.FromPassword("one".ToCharArray()), ["a"]);

        var (user, changed) = users.Update("alice", new SipUserUpdate { AddRoles = ["b"], RemoveRoles = ["a"], Enabled = false });
        var (_, again) = users.Update("alice", new SipUserUpdate { AddRoles = ["b"], RemoveRoles = ["a"], Enabled = false });

        Assert.True(changed);
        Assert.False(again);
        Assert.Equal(["b"], user.Roles);
        Assert.False(user.Enabled);
    }

    [Fact]
    public void Find_supports_wildcards_and_exact_names()
    {
        using var temp = new TempStore();
        var users = new SipUserManager(temp.Store);
        foreach (var name in new[] { "alice", "albert", "bob", "al_x" })
        {
            users.Add(name, SipUserSecret.FromPassword("pw".ToCharArray()));
        }

        Assert.Equal(["al_x", "albert", "alice"], users.Find("al*").Select(u => u.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["bob"], users.Find("BOB").Select(u => u.Name));
        Assert.Equal(["al_x"], users.Find("al`_x").Select(u => u.Name));
        Assert.Equal(["albert", "alice"], users.Find("al[a-i]*").Select(u => u.Name));
        Assert.Empty(users.Find("nobody"));
    }

    [Fact]
    public void A_realm_given_with_a_user_must_match_the_store()
    {
        using var temp = new TempStore();
        var error = Assert.Throws<SipSecurityException>(() =>
            new SipUserManager(temp.Store).Add("u", SipUserSecret.FromA1(DigestAlgorithm.MD5, new string('0', 32), "u"), realm: "bench.test"));
        Assert.Equal("RealmMismatch", error.ErrorId);
    }
}
