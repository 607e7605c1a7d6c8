using System.Text;
using Org.BouncyCastle.X509;

namespace SipSecurity.KeyStores.Internal;

/// <summary>Reads one or more certificates from PEM, DER or PKCS#7 (PEM or DER), the forms CAs send replies in.</summary>
internal static class CertificateReader
{
    public static List<X509Certificate> ReadAll(ReadOnlySpan<byte> content, string? sourceName)
    {
        var certificates = new List<X509Certificate>();
        try
        {
            if (LooksLikePem(content))
            {
                // Several PEM blocks (a chain) are read one by one; BouncyCastle's parser handles CERTIFICATE and PKCS7 blocks.
                using var reader = new StringReader(Encoding.ASCII.GetString(content));
                var pemReader = new Org.BouncyCastle.OpenSsl.PemReader(reader);
                object? item;
                while ((item = pemReader.ReadObject()) is not null)
                {
                    switch (item)
                    {
                        case X509Certificate certificate:
                            certificates.Add(certificate);
                            break;
                        case Org.BouncyCastle.Asn1.Cms.ContentInfo contentInfo:
                            certificates.AddRange(new X509CertificateParser().ReadCertificates(contentInfo.GetEncoded()));
                            break;
                        default:
                            // Keys or other blocks next to the certificates are not certificates; skip them.
                            break;
                    }
                }
            }
            else
            {
                certificates.AddRange(new X509CertificateParser().ReadCertificates(content.ToArray()));
            }
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidCastException or InvalidOperationException
            or Org.BouncyCastle.Security.Certificates.CertificateException or Org.BouncyCastle.Asn1.Asn1Exception)
        {
            throw Invalid(sourceName, ex);
        }

        return certificates.Count > 0 ? certificates : throw Invalid(sourceName, null);
    }

    private static bool LooksLikePem(ReadOnlySpan<byte> content) => content.IndexOf("-----BEGIN "u8) >= 0;

    private static KeyStoreException Invalid(string? sourceName, Exception? inner) =>
        new(KeyStoreErrorIds.InvalidInput, $"No certificate could be read from {sourceName ?? "the input"} (expected PEM, DER or PKCS#7).", sourceName, null, inner);
}
