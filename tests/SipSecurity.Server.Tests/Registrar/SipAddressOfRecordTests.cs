using SipSecurity.Server.Registrar;

namespace SipSecurity.Server.Tests.Registrar;

public class SipAddressOfRecordTests
{
    [Theory]
    [InlineData("sip:alice@example.com", null, "sip:alice@example.com")]
    [InlineData("SIP:alice@Example.COM", null, "sip:alice@example.com")]
    [InlineData("<sip:alice@example.com:5060;transport=tcp?subject=x>", null, "sip:alice@example.com")]
    [InlineData("sip:alice:secret@example.com", null, "sip:alice@example.com")]
    [InlineData("sip:%61lice@example.com", null, "sip:alice@example.com")]
    [InlineData("sip:a%3bb@example.com", null, "sip:a%3Bb@example.com")]
    [InlineData("sips:Alice@EXAMPLE.com", null, "sips:Alice@example.com")]
    [InlineData("alice@Example.com", null, "sip:alice@example.com")]
    [InlineData("alice", "Example.COM", "sip:alice@example.com")]
    [InlineData("  +15551234  ", "example.com", "sip:+15551234@example.com")]
    [InlineData("sip:alice@[2001:DB8:0::1]:5060", null, "sip:alice@[2001:db8::1]")]
    [InlineData("sip:alice@192.0.2.1", null, "sip:alice@192.0.2.1")]
    public void Canonicalizes(string input, string? domain, string expected) =>
        Assert.Equal(expected, SipAddressOfRecord.Canonicalize(input, domain));

    [Theory]
    [InlineData("")]
    [InlineData("alice")]
    [InlineData("tel:+15551234")]
    [InlineData("http://example.com")]
    [InlineData("sip:alice smith@example.com")]
    [InlineData("sip:")]
    public void Refuses_what_is_not_an_address_of_record(string input)
    {
        var error = Assert.Throws<SipSecurityException>(() => SipAddressOfRecord.Canonicalize(input, defaultDomain: null));
        Assert.Equal("InvalidAddressOfRecord", error.ErrorId);
    }

    [Fact]
    public void The_password_of_a_refused_uri_is_not_needed_to_canonicalize_and_never_kept()
    {
        Assert.DoesNotContain("secret", SipAddressOfRecord.Canonicalize("sip:alice:secret@example.com;lr", null), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sip:alice@example.com", "alice")]
    [InlineData("sip:a%3Bb@example.com", "a;b")]
    [InlineData("sip:example.com", null)]
    public void GetUser_returns_the_unescaped_user(string aor, string? user) =>
        Assert.Equal(user, SipAddressOfRecord.GetUser(aor));
}
