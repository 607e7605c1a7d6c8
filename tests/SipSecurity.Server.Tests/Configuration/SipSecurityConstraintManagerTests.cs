using SipSecurity.Server.Configuration;

namespace SipSecurity.Server.Tests.Configuration;

public class SipSecurityConstraintManagerTests
{
    [Fact]
    public void Set_creates_then_is_idempotent()
    {
        using var temp = new TempStore();
        var constraints = new SipSecurityConstraintManager(temp.Store);
        var spec = new SipConstraintSpec { Name = "REGISTER Method Security Constraint", Servlets = ["registrar"], Methods = ["register"], Roles = ["caller"] };

        var first = constraints.Set(spec);
        var revision = temp.Store.ReadRevision();
        var second = constraints.Set(spec);

        Assert.True(first.Changed);
        Assert.False(second.Changed);
        Assert.Equal(revision, temp.Store.ReadRevision());
        Assert.Equal(["REGISTER"], constraints.Find().Single().Methods);
    }

    [Fact]
    public void Unspecified_values_are_kept_and_changes_are_described()
    {
        using var temp = new TempStore();
        var constraints = new SipSecurityConstraintManager(temp.Store);
        constraints.Set(new SipConstraintSpec { Name = "c", Servlets = ["registrar"], Methods = ["REGISTER"], Roles = ["caller"] });

        var plan = constraints.Plan(new SipConstraintSpec { Name = "c", ProxyAuthentication = true });

        Assert.Equal(["ProxyAuthentication: False -> True"], plan.Describe());
        Assert.Equal(["caller"], plan.After.Roles);
    }

    [Fact]
    public void A_servlet_that_does_not_exist_is_an_error()
    {
        using var temp = new TempStore();
        var error = Assert.Throws<SipSecurityException>(() =>
            new SipSecurityConstraintManager(temp.Store).Set(new SipConstraintSpec { Name = "c", Servlets = ["SimpleSipServlet"] }));
        Assert.Equal("ServletNotFound", error.ErrorId);
    }

    [Theory]
    [InlineData("REG ISTER")]
    [InlineData("INVITE;")]
    [InlineData("")]
    public void Methods_must_be_tokens(string method)
    {
        using var temp = new TempStore();
        var error = Assert.Throws<SipSecurityException>(() =>
            new SipSecurityConstraintManager(temp.Store).Set(new SipConstraintSpec { Name = "c", Servlets = ["registrar"], Methods = [method] }));
        Assert.Equal("InvalidSipMethod", error.ErrorId);
    }

    [Fact]
    public void Unknown_extension_methods_that_are_tokens_are_accepted()
    {
        using var temp = new TempStore();
        var change = new SipSecurityConstraintManager(temp.Store).Set(new SipConstraintSpec { Name = "c", Servlets = ["proxy"], Methods = ["PUBLISH", "x-custom"] });
        Assert.Equal(["PUBLISH", "X-CUSTOM"], change.After.Methods);
    }

    [Fact]
    public void Removing_a_servlet_in_use_needs_force()
    {
        using var temp = new TempStore();
        new SipSecurityConstraintManager(temp.Store).Set(new SipConstraintSpec { Name = "c", Servlets = ["registrar"] });
        var servlets = new SipServletManager(temp.Store);

        Assert.Equal("ServletInUse", Assert.Throws<SipSecurityException>(() => servlets.Remove("registrar")).ErrorId);
        servlets.Remove("registrar", force: true);
        Assert.Empty(new SipSecurityConstraintManager(temp.Store).Find());
    }
}
