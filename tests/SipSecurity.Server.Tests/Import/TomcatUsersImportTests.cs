using SipSecurity.Server.Configuration;
using SipSecurity.Server.Import;
using SipSecurity.Server.Security.Digest;

namespace SipSecurity.Server.Tests.Import;

public class TomcatUsersImportTests
{
    [Fact]
    public void Plaintext_passwords_are_hashed_into_all_three_algorithms()
    {
        using var fx = new ImportFixture();
        var path = fx.File("tomcat-users.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <tomcat-users xmlns="http://tomcat.apache.org/xml">
              <role rolename="caller"/>
              <user name="user" password="password" roles="caller"/>
              <user username="bob" password="pw" roles="caller, admin"/>
            </tomcat-users>
            """);
        using var source = TomcatUsersReader.Read(path);
        Assert.True(source.HadPlaintextPasswords);
        using var desired = new DesiredConfiguration { Source = path, Users = source.Users };
        fx.Importer.Apply(desired, new SipImportOptions { UsersMustBeNew = true });

        var credentials = new SipUserManager(fx.Temp.Store).GetCredentials("user")!;
        foreach (var algorithm in Enum.GetValues<DigestAlgorithm>())
        {
            Assert.Equal(DigestHash.ComputeA1(algorithm, "user", "sip-servlets", "password"), credentials.GetA1(algorithm));
        }

        Assert.Equal(["admin", "caller"], fx.Users.Single(u => u.Name == "bob").Roles);
    }

    [Fact]
    public void A_user_without_a_password_names_its_line()
    {
        using var fx = new ImportFixture();
        var path = fx.File("tomcat-users.xml", "<tomcat-users>\n  <user name=\"a\" password=\"x\"/>\n  <user name=\"b\"/>\n</tomcat-users>");
        var error = Assert.Throws<SipSecurityException>(() => TomcatUsersReader.Read(path));
        Assert.Equal("MissingPassword", error.ErrorId);
        Assert.StartsWith("tomcat-users.xml:3: ", error.Message, StringComparison.Ordinal);
    }
}
