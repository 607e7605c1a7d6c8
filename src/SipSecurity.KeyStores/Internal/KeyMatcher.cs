using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Multiplier;

namespace SipSecurity.KeyStores.Internal;

/// <summary>Derives public keys from private keys and decides whether a private key belongs to a certificate.</summary>
internal static class KeyMatcher
{
    public static AsymmetricKeyParameter PublicKeyOf(AsymmetricKeyParameter privateKey) => privateKey switch
    {
        RsaPrivateCrtKeyParameters rsa => new RsaKeyParameters(false, rsa.Modulus, rsa.PublicExponent),
        // Keep the named-curve OID so certificates encode the curve by name, as every TLS peer expects.
        ECPrivateKeyParameters { Parameters: ECNamedDomainParameters named } ec => new ECPublicKeyParameters(
            "EC", new FixedPointCombMultiplier().Multiply(ec.Parameters.G, ec.D).Normalize(), named.Name),
        ECPrivateKeyParameters ec => new ECPublicKeyParameters(
            "EC", new FixedPointCombMultiplier().Multiply(ec.Parameters.G, ec.D).Normalize(), ec.Parameters),
        _ => throw new KeyStoreException(KeyStoreErrorIds.UnsupportedAlgorithm, $"Keys of type {privateKey.GetType().Name} are not supported."),
    };

    public static bool Matches(AsymmetricKeyParameter privateKey, AsymmetricKeyParameter publicKey)
    {
        switch (privateKey, publicKey)
        {
            case (RsaKeyParameters rsaPrivate, RsaKeyParameters rsaPublic):
                // The modulus identifies the pair; a private key without CRT values still carries it.
                return rsaPrivate.Modulus.Equals(rsaPublic.Modulus);
            case (ECPrivateKeyParameters ecPrivate, ECPublicKeyParameters ecPublic):
                var q = new FixedPointCombMultiplier().Multiply(ecPrivate.Parameters.G, ecPrivate.D).Normalize();
                return ecPrivate.Parameters.Curve.Equals(ecPublic.Parameters.Curve) && q.Equals(ecPublic.Q.Normalize());
            default:
                return false;
        }
    }
}
