using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace SipSecurity.KeyStores.Tests.Support;

/// <summary>Independent check (with .NET's own crypto, not BouncyCastle) that a PEM key belongs to a certificate.</summary>
internal static class KeyPairs
{
    public static bool Match(byte[] privateKeyPem, X509Certificate2 certificate, string? password = null)
    {
        string pem = Encoding.ASCII.GetString(privateKeyPem);
        if (certificate.GetRSAPublicKey() is { } rsaPublic)
        {
            using var rsa = RSA.Create();
            Import(rsa, pem, password);
            return rsa.ExportParameters(false).Modulus!.AsSpan().SequenceEqual(rsaPublic.ExportParameters(false).Modulus);
        }

        using ECDsa ecPublic = certificate.GetECDsaPublicKey()!;
        using var ec = ECDsa.Create();
        Import(ec, pem, password);
        return ec.ExportParameters(false).Q.X!.AsSpan().SequenceEqual(ecPublic.ExportParameters(false).Q.X);
    }

    private static void Import(AsymmetricAlgorithm key, string pem, string? password)
    {
        if (password is null)
        {
            key.ImportFromPem(pem);
        }
        else
        {
            key.ImportFromEncryptedPem(pem, password);
        }
    }
}
