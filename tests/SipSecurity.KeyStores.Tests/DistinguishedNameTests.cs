using Org.BouncyCastle.Asn1.X509;
using SipSecurity.KeyStores.Internal;

namespace SipSecurity.KeyStores.Tests;

public sealed class DistinguishedNameTests
{
    [Fact]
    public void SeedDnameParsesWithStateAsStAndCountryEncodedFirst()
    {
        X509Name name = DistinguishedNameParser.Parse(Support.Samples.ServerDname);

        Assert.Equal(X509Name.C, name.GetOidList()[0]);
        Assert.Equal(X509Name.CN, name.GetOidList()[^1]);
        Assert.Equal("CN=James Smith, OU=Engineering, O=My Company, L=My City, ST=My State, C=US", EntryInfoFactory.FormatName(name));
    }

    [Theory]
    [InlineData("CN=Smith\\, James, O=Acme", "CN=Smith\\, James, O=Acme")]
    [InlineData("CN=\"Smith, James\"; O=Acme", "CN=Smith\\, James, O=Acme")]
    [InlineData("cn=host, st=Bavaria, c=DE", "CN=host, ST=Bavaria, C=DE")]
    [InlineData("CN=x, OID.2.5.4.5=1234", "CN=x, SERIALNUMBER=1234")]
    public void EscapesQuotesAndKeywordsAreHandled(string dname, string expected)
    {
        Assert.Equal(expected, EntryInfoFactory.FormatName(DistinguishedNameParser.Parse(dname)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("James Smith")]
    [InlineData("CN=")]
    [InlineData("XX=foo")]
    [InlineData("CN=a+OU=b")]
    public void InvalidNamesAreInvalidInput(string dname)
    {
        KeyStoreException ex = Assert.Throws<KeyStoreException>(() => DistinguishedNameParser.Parse(dname));
        Assert.Equal(KeyStoreErrorIds.InvalidInput, ex.ErrorId);
    }
}
