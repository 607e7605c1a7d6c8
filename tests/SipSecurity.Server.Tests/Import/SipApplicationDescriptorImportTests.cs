using SipSecurity.Server.Configuration;

namespace SipSecurity.Server.Tests.Import;

public class SipApplicationDescriptorImportTests
{
    /// <summary>The seed's security-constraint and login-config, verbatim, in a sip-app declaring the servlet.</summary>
    internal const string SeedSipXml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <sip-app xmlns="http://www.jcp.org/xml/ns/sipservlet">
        <app-name>org.example.simple</app-name>
        <servlet>
          <servlet-name>SimpleSipServlet</servlet-name>
          <servlet-class>org.example.SimpleSipServlet</servlet-class>
        </servlet>

        <security-constraint>
          <display-name>REGISTER Method Security Constraint</display-name>
          <resource-collection>
            <resource-name>SimpleSipServlet</resource-name>
            <description>Require authenticated REGISTER requests</description>
            <servlet-name>SimpleSipServlet</servlet-name>
            <sip-method>REGISTER</sip-method>
          </resource-collection>
          <auth-constraint>
            <role-name>caller</role-name>
          </auth-constraint>
        </security-constraint>

        <login-config>
          <auth-method>DIGEST</auth-method>
          <realm-name>sip-servlets</realm-name>
        </login-config>
        </sip-app>
        """;

    [Fact]
    public void The_seed_constraint_and_login_config_are_imported()
    {
        using var fx = new ImportFixture();
        var result = fx.ImportSipXml(SeedSipXml);

        var constraint = Assert.Single(new SipSecurityConstraintManager(fx.Temp.Store).Find());
        Assert.Equal("REGISTER Method Security Constraint", constraint.Name);
        Assert.Equal(["SimpleSipServlet"], constraint.Servlets);
        Assert.Equal(["REGISTER"], constraint.Methods);
        Assert.Equal(["caller"], constraint.Roles);
        Assert.False(constraint.ProxyAuthentication);
        var servlet = new SipServletManager(fx.Temp.Store).Find("SimpleSipServlet").Single();
        Assert.Equal(SipServletKind.Proxy, servlet.Kind);
        Assert.Equal(["REGISTER"], servlet.Methods);
        // REGISTER moved from the default registrar, which is left without methods and removed.
        Assert.Empty(new SipServletManager(fx.Temp.Store).Find("registrar"));
        Assert.Contains(result.Warnings, w => w.Contains("moves from servlet 'registrar'", StringComparison.Ordinal));
        Assert.Equal("sip-servlets", new SipLoginConfigManager(fx.Temp.Store).Get().Realm);
    }

    [Fact]
    public void Importing_the_same_file_twice_changes_nothing_the_second_time()
    {
        using var fx = new ImportFixture();
        fx.ImportSipXml(SeedSipXml);
        var revision = fx.Temp.Store.ReadRevision();
        var second = fx.ImportSipXml(SeedSipXml);
        Assert.False(second.Changed);
        Assert.Empty(second.Changes);
        Assert.Equal(revision, fx.Temp.Store.ReadRevision());
    }

    [Fact]
    public void Mappings_proxy_authentication_transport_guarantee_and_client_cert_are_read()
    {
        using var fx = new ImportFixture();
        fx.ImportSipXml("""
            <sip-app>
              <servlet><servlet-name>reg</servlet-name><servlet-class>org.example.MyRegistrarServlet</servlet-class></servlet>
              <servlet><servlet-name>calls</servlet-name><servlet-class>org.example.B2bua</servlet-class></servlet>
              <servlet-mapping><servlet-name>calls</servlet-name>
                <pattern><or><equal><var>request.method</var><value>INVITE</value></equal><equal><var>request.method</var><value>bye</value></equal></or></pattern>
              </servlet-mapping>
              <security-constraint>
                <display-name>calls</display-name>
                <resource-collection><resource-name>r</resource-name><servlet-name>calls</servlet-name></resource-collection>
                <auth-constraint><role-name>caller</role-name><role-name>admin</role-name></auth-constraint>
                <proxy-authentication/>
                <user-data-constraint><transport-guarantee>CONFIDENTIAL</transport-guarantee></user-data-constraint>
              </security-constraint>
              <login-config><auth-method>CLIENT-CERT</auth-method></login-config>
            </sip-app>
            """);

        var servlets = new SipServletManager(fx.Temp.Store).Find();
        Assert.Equal(["REGISTER"], servlets.Single(s => s.Name == "reg").Methods);
        Assert.Equal(SipServletKind.Registrar, servlets.Single(s => s.Name == "reg").Kind);
        Assert.Equal(["INVITE", "BYE"], servlets.Single(s => s.Name == "calls").Methods);
        var constraint = new SipSecurityConstraintManager(fx.Temp.Store).Find().Single();
        Assert.Empty(constraint.Methods);
        Assert.Equal(["caller", "admin"], constraint.Roles);
        Assert.True(constraint.ProxyAuthentication);
        Assert.Equal(SipTransportGuarantee.Confidential, constraint.TransportGuarantee);
        Assert.Equal(SipAuthMethod.ClientCert, new SipLoginConfigManager(fx.Temp.Store).Get().AuthMethod);
    }

    [Fact]
    public void A_realm_change_that_invalidates_users_is_refused_unless_forced()
    {
        using var fx = new ImportFixture();
        fx.ImportJBoss("admin=" + ImportFixture.AdminA1, null);
        var xml = SeedSipXml.Replace("<realm-name>sip-servlets</realm-name>", "<realm-name>sip-servlets-realm</realm-name>", StringComparison.Ordinal);
        var error = Assert.Throws<SipSecurityException>(() => fx.ImportSipXml(xml));
        Assert.Equal("RealmChangeInvalidatesUsers", error.ErrorId);
        Assert.StartsWith("sip.xml:22: ", error.Message, StringComparison.Ordinal);
        Assert.Empty(new SipSecurityConstraintManager(fx.Temp.Store).Find());

        fx.ImportSipXml(xml, force: true);
        Assert.True(Assert.Single(fx.Users).NeedsPasswordReset);
    }

    [Fact]
    public void An_undeclared_servlet_names_the_constraint_line()
    {
        using var fx = new ImportFixture();
        var xml = "<sip-app>\n<security-constraint>\n<display-name>x</display-name>\n<resource-collection><servlet-name>Nope</servlet-name></resource-collection>\n</security-constraint>\n</sip-app>";
        var error = Assert.Throws<SipSecurityException>(() => fx.ImportSipXml(xml));
        Assert.Equal("ServletNotFound", error.ErrorId);
        Assert.StartsWith("sip.xml:2: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?>\n<!DOCTYPE sip-app [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>\n<sip-app><app-name>&xxe;</app-name></sip-app>")]
    [InlineData("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [ <!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\"> ]>\n<sip-app>&lol2;</sip-app>")]
    [InlineData("<!DOCTYPE sip-app PUBLIC \"-//Java Community Process//DTD SIP Application 1.0//EN\" \"http://www.jcp.org/dtd/sip-app_1_0.dtd\">\n<sip-app/>")]
    public void Documents_with_a_dtd_or_entities_are_refused(string xml)
    {
        using var fx = new ImportFixture();
        var error = Assert.Throws<SipSecurityException>(() => fx.ImportSipXml(xml));
        Assert.Equal("XmlDtdProhibited", error.ErrorId);
        Assert.DoesNotContain("root:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_xml_names_the_line()
    {
        using var fx = new ImportFixture();
        var error = Assert.Throws<SipSecurityException>(() => fx.ImportSipXml("<sip-app>\n<servlet>\n</sip-app>"));
        Assert.Equal("InvalidXml", error.ErrorId);
        Assert.StartsWith("sip.xml:3: ", error.Message, StringComparison.Ordinal);
    }
}
