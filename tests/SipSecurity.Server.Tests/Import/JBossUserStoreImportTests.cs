using SipSecurity.Server.Configuration;
using SipSecurity.Server.Security.Digest;

namespace SipSecurity.Server.Tests.Import;

public class JBossUserStoreImportTests
{
    private const string SeedUsers = "# A sample users.properties file, this line creates user \"admin\" with\n# password \"admin\" for \"sip-servlets-realm\"\nadmin=" + ImportFixture.AdminA1 + "\n";
    private const string SeedRoles = "# A sample roles.properties file for use with some roles\n# Each line in this file assigns roles to the users defined in\n# sip-servlets-users.properties\nadmin=caller,role1,role2\n";

    [Fact]
    public void The_seed_files_import_admin_with_the_md5_a1_and_roles()
    {
        using var fx = new ImportFixture();
        var result = fx.ImportJBoss(SeedUsers, SeedRoles);

        Assert.Equal(["admin"], result.UsersAdded);
        Assert.Equal(["caller", "role1", "role2"], result.Roles);
        var user = Assert.Single(fx.Users);
        Assert.Equal([DigestAlgorithm.MD5], user.Algorithms);
        Assert.Equal(["caller", "role1", "role2"], user.Roles);
        Assert.Equal(ImportFixture.AdminA1, new SipUserManager(fx.Temp.Store).GetCredentials("admin")!.GetA1(DigestAlgorithm.MD5));
    }

    [Fact]
    public void A_bad_line_at_the_end_leaves_the_store_unchanged_and_names_the_line()
    {
        using var fx = new ImportFixture();
        var users = "a=" + ImportFixture.AdminA1 + "\nb=" + ImportFixture.AdminA1 + "\n\nc=secret-password\n";
        var error = Assert.Throws<SipSecurityException>(() => fx.ImportJBoss(users, null));

        Assert.Equal("InvalidA1Hash", error.ErrorId);
        Assert.StartsWith("users.properties:4: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-password", error.Message, StringComparison.Ordinal);
        Assert.Empty(fx.Users);
    }

    [Fact]
    public void A_user_in_the_roles_file_only_is_an_error()
    {
        using var fx = new ImportFixture();
        var error = Assert.Throws<SipSecurityException>(() => fx.ImportJBoss(SeedUsers, "admin=caller\nghost=caller\n"));
        Assert.Equal("RoleUserNotFound", error.ErrorId);
        Assert.StartsWith("roles.properties:2: ", error.Message, StringComparison.Ordinal);
        Assert.Empty(fx.Users);
    }

    [Fact]
    public void Existing_users_are_refused_unless_forced_and_nothing_is_half_written()
    {
        using var fx = new ImportFixture();
        fx.ImportJBoss("zed=" + ImportFixture.AdminA1, null);
        var error = Assert.Throws<SipSecurityException>(() => fx.ImportJBoss("admin=" + ImportFixture.AdminA1 + "\nzed=" + ImportFixture.AdminA1, "zed=x"));
        Assert.Equal("UserAlreadyExists", error.ErrorId);
        Assert.StartsWith("users.properties:2: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(["zed"], fx.Users.Select(u => u.Name));

        var result = fx.ImportJBoss("admin=" + ImportFixture.AdminA1 + "\nzed=" + ImportFixture.AdminA1, "zed=x", force: true);
        Assert.Equal(["admin"], result.UsersAdded);
        Assert.Equal(["zed"], result.UsersReplaced);
        Assert.Equal(["x"], fx.Users.Single(u => u.Name == "zed").Roles);
    }

    [Fact]
    public void A_realm_other_than_the_store_realm_is_refused()
    {
        using var fx = new ImportFixture();
        var error = Assert.Throws<SipSecurityException>(() => fx.ImportJBoss(SeedUsers, null, realm: "sip-servlets-realm"));
        Assert.Equal("RealmMismatch", error.ErrorId);
        Assert.Contains("Set-SipLoginConfig", error.Message, StringComparison.Ordinal);
        Assert.Empty(fx.Users);
    }

    [Theory]
    [InlineData("a\\:b=" + ImportFixture.AdminA1, "InvalidUserName")]
    [InlineData("a:b=" + ImportFixture.AdminA1, "InvalidA1Hash")]
    [InlineData("a=" + ImportFixture.AdminA1 + "\nA=" + ImportFixture.AdminA1, "DuplicateUser")]
    public void Bad_names_and_duplicates_are_refused(string users, string errorId)
    {
        using var fx = new ImportFixture();
        Assert.Equal(errorId, Assert.Throws<SipSecurityException>(() => fx.ImportJBoss(users, null)).ErrorId);
    }

    [Fact]
    public void The_Roles_group_suffix_is_understood()
    {
        using var fx = new ImportFixture();
        fx.ImportJBoss(SeedUsers, "admin.Roles=caller\n");
        Assert.Equal(["caller"], Assert.Single(fx.Users).Roles);
    }
}
