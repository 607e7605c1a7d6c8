using System.Text;
using BenchmarkDotNet.Attributes;
using SipSecurity.Sip.Parsing;

namespace SipSecurity.Sip.Benchmarks;

/// <summary>Parses a typical REGISTER with digest credentials from bytes and reads the digest fields a registrar hashes.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class ParseRegisterBenchmark
{
    private const string Register =
        "REGISTER sip:registrar.biloxi.example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP bobspc.biloxi.example.com:5060;branch=z9hG4bKnashds7;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: Bob <sip:bob@biloxi.example.com>\r\n" +
        "From: Bob <sip:bob@biloxi.example.com>;tag=456248\r\n" +
        "Call-ID: 843817637684230@998sdasdh09\r\n" +
        "CSeq: 1826 REGISTER\r\n" +
        "Contact: <sip:bob@192.0.2.4>;expires=7200\r\n" +
        "Authorization: Digest username=\"bob\", realm=\"biloxi.example.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"sip:registrar.biloxi.example.com\", response=\"245f23415f11432b3434341c022\", algorithm=MD5, cnonce=\"0a4f113b\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", qop=auth, nc=00000001\r\n" +
        "User-Agent: SipSecurity-Bench/1.0\r\n" +
        "Expires: 7200\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n";

    private readonly byte[] _bytes = Encoding.ASCII.GetBytes(Register);

    /// <summary>Framing + start line + header boundaries + digest credentials (no copy: the datagram buffer is the message).</summary>
    [Benchmark]
    public int ParseAndReadDigest()
    {
        var message = SipParser.Parse(_bytes.AsMemory(), SipParseMode.Datagram).Message!;
        var auth = message.GetAuthorization()!;
        return auth.Username.Length + auth.Realm.Length + auth.Nonce.Length + auth.Uri.Length + auth.Response.Length
            + auth.CNonce.Length + auth.NonceCount.Length + auth.Qop.Length + auth.Algorithm.Length + auth.Opaque.Length;
    }

    /// <summary>The same from a span, as a transport that reuses its buffer would call it (the message copies its bytes).</summary>
    [Benchmark]
    public int ParseCopyAndReadDigest()
    {
        var message = SipParser.Parse(_bytes.AsSpan(), SipParseMode.Stream).Message!;
        var auth = message.GetAuthorization()!;
        return auth.Username.Length + auth.Response.Length + auth.Nonce.Length;
    }
}
