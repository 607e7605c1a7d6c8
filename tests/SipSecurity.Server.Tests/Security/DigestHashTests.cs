using SipSecurity.Server.Security.Digest;

namespace SipSecurity.Server.Tests.Security;

public class DigestHashTests
{
    [Fact]
    public void Rfc2617_section_3_5_worked_example()
    {
        var ha1 = DigestHash.ComputeA1(DigestAlgorithm.MD5, "Mufasa", "testrealm@host.com", "Circle Of Life");
        var ha2 = DigestHash.ComputeA2(DigestAlgorithm.MD5, "GET", "/dir/index.html");
        var response = DigestHash.ComputeResponse(DigestAlgorithm.MD5, ha1, "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth", ha2);

        Assert.Equal("6629fae49393a05397450978507c4ef1", response);
    }

    [Theory]
    [InlineData(DigestAlgorithm.MD5, "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData(DigestAlgorithm.SHA256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void Rfc7616_section_3_9_1_worked_example(DigestAlgorithm algorithm, string expected)
    {
        var ha1 = DigestHash.ComputeA1(algorithm, "Mufasa", "http-auth@example.org", "Circle of Life");
        var ha2 = DigestHash.ComputeA2(algorithm, "GET", "/dir/index.html");
        var response = DigestHash.ComputeResponse(algorithm, ha1, "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "00000001",
            "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth", ha2);

        Assert.Equal(expected, response);
    }

    [Fact]
    public void Sha512_256_A1_matches_openssl()
    {
        // echo -n "Mufasa:http-auth@example.org:Circle of Life" | openssl dgst -sha512-256
        Assert.Equal("fb174f5c3c7802721517cae13b98e2b8dae2e0118cb705d94ee29946319204ce",
            DigestHash.ComputeA1(DigestAlgorithm.SHA512_256, "Mufasa", "http-auth@example.org", "Circle of Life"));
    }

    [Fact]
    public void Rfc2069_form_without_qop()
    {
        var ha1 = DigestHash.ComputeA1(DigestAlgorithm.MD5, "Mufasa", "testrealm@host.com", "Circle Of Life");
        var ha2 = DigestHash.ComputeA2(DigestAlgorithm.MD5, "GET", "/dir/index.html");
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes($"{ha1}:abc:{ha2}")));

        Assert.Equal(expected, DigestHash.ComputeResponse(DigestAlgorithm.MD5, ha1, "abc", null, null, null, ha2));
    }

    [Fact]
    public void A1_of_the_bench_users_matches_the_harness_file()
    {
        // shared/bench/users.csv was computed by the Kamailio harness (md5sum), not by us.
        Assert.Equal("81c2aeb4f2fd13664c66164c61a24137", DigestHash.ComputeA1(DigestAlgorithm.MD5, "user0000", "bench.test", "secret-0000"));
    }

    [Fact]
    public void A1_encodes_non_ascii_as_utf8()
    {
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes("jörg:sip-servlets:pässwörd")));
        Assert.Equal(expected, DigestHash.ComputeA1(DigestAlgorithm.MD5, "jörg", "sip-servlets", "pässwörd"));
    }

    [Theory]
    [InlineData("6629fae49393a05397450978507c4ef1", "6629FAE49393A05397450978507C4EF1", true)]
    [InlineData("6629fae49393a05397450978507c4ef1", "6629fae49393a05397450978507c4ef0", false)]
    [InlineData("6629fae49393a05397450978507c4ef1", "6629fae49393a05397450978507c4ef", false)]
    [InlineData("6629fae49393a05397450978507c4ef1", "", false)]
    public void Fixed_time_comparison(string expected, string actual, bool equal) =>
        Assert.Equal(equal, DigestHash.FixedTimeEqualsHex(expected, actual));

    [Theory]
    [InlineData("MD5", DigestAlgorithm.MD5)]
    [InlineData("sha-256", DigestAlgorithm.SHA256)]
    [InlineData("SHA-512-256", DigestAlgorithm.SHA512_256)]
    public void Algorithm_tokens_parse(string token, DigestAlgorithm expected)
    {
        Assert.True(DigestAlgorithmNames.TryParse(token, out var algorithm));
        Assert.Equal(expected, algorithm);
        Assert.True(DigestAlgorithmNames.TryParse(algorithm.ToToken(), out _));
    }

    [Theory]
    [InlineData("MD5-sess")]
    [InlineData("SHA-1")]
    [InlineData("")]
    public void Unknown_algorithms_are_refused(string token) => Assert.False(DigestAlgorithmNames.TryParse(token, out _));
}
