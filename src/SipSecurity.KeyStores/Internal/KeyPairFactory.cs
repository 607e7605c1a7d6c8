using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;

namespace SipSecurity.KeyStores.Internal;

/// <summary>
/// Generates key pairs with the platform's native crypto (OpenSSL on Linux), several times faster than
/// BouncyCastle's managed RSA generator, and hands them over as BouncyCastle keys through PKCS#8.
/// </summary>
internal static class KeyPairFactory
{
    public static AsymmetricCipherKeyPair Generate(KeyAlgorithm algorithm, int rsaKeySize, EcCurve curve)
    {
        using AsymmetricAlgorithm native = algorithm switch
        {
            KeyAlgorithm.Rsa => RSA.Create(rsaKeySize),
            KeyAlgorithm.Ec => ECDsa.Create(curve == EcCurve.P384 ? ECCurve.NamedCurves.nistP384 : ECCurve.NamedCurves.nistP256),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
        };

        byte[] pkcs8 = native.ExportPkcs8PrivateKey();
        try
        {
            AsymmetricKeyParameter privateKey = PrivateKeyFactory.CreateKey(pkcs8);
            return new AsymmetricCipherKeyPair(KeyMatcher.PublicKeyOf(privateKey), privateKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }
}
