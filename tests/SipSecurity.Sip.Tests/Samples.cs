namespace SipSecurity.Sip.Tests;

internal static class Samples
{
    public const string Options =
        "OPTIONS sip:bob@biloxi.example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bf9\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n" +
        "To: Bob <sip:bob@biloxi.example.com>\r\n" +
        "Call-ID: 3848276298220188511@atlanta.example.com\r\n" +
        "CSeq: 1 OPTIONS\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n";

    public const string Register =
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
}
