using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using SipSecurity.KeyStores.Internal;
using X509Certificate = Org.BouncyCastle.X509.X509Certificate;

namespace SipSecurity.KeyStores;

public sealed partial class KeyStore
{
    private static readonly int[] s_strongRsaSizes = [2048, 3072, 4096];

    /// <summary>
    /// <c>keytool -genkeypair</c>: generates a key pair and a self-signed certificate and adds them as a new
    /// PrivateKey entry. Call <see cref="Save"/> to persist.
    /// </summary>
    /// <param name="alias">The new entry's alias.</param>
    /// <param name="options">Algorithm, size, subject, validity and SANs.</param>
    /// <param name="keyPassword">JKS: protects the key. PKCS#12: ignored (the store password is used).</param>
    /// <param name="overwrite">Replace an existing entry with this alias instead of failing.</param>
    /// <exception cref="KeyStoreException"><c>AliasExists</c>, <c>UnsupportedAlgorithm</c>, <c>InvalidInput</c> (subject).</exception>
    public KeyStoreEntryInfo GenerateKeyPair(string alias, SelfSignedCertificateOptions options, ReadOnlySpan<char> keyPassword, bool overwrite = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequireNewAlias(alias, overwrite);
        ValidateKeyOptions(options);
        if (options.ValidityDays < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "ValidityDays must be at least 1.");
        }

        X509Name subject = DistinguishedNameParser.Parse(options.Subject);
        AsymmetricCipherKeyPair keyPair = KeyPairFactory.Generate(options.Algorithm, options.RsaKeySize, options.Curve);
        X509Certificate certificate = CertificateFactory.CreateSelfSigned(keyPair, subject, options);
        _backend.SetKeyEntry(alias, keyPair.Private, keyPassword, [certificate]);
        return Describe(alias);
    }

    private static void ValidateKeyOptions(SelfSignedCertificateOptions options)
    {
        if (options.Algorithm == KeyAlgorithm.Ec)
        {
            if (!Enum.IsDefined(options.Curve))
            {
                throw new KeyStoreException(KeyStoreErrorIds.UnsupportedAlgorithm, $"The curve '{options.Curve}' is not supported; use P256 or P384.");
            }

            return;
        }

        if (options.Algorithm != KeyAlgorithm.Rsa)
        {
            throw new KeyStoreException(KeyStoreErrorIds.UnsupportedAlgorithm, $"The key algorithm '{options.Algorithm}' is not supported.");
        }

        int size = options.RsaKeySize;
        if (size < SelfSignedCertificateOptions.MinimumStrongRsaKeySize)
        {
            // The seed's RSA 1024 keeps working, but only when the caller says so (and warns the user).
            if (!options.AllowWeakKey || size < 512 || size % 256 != 0)
            {
                throw new KeyStoreException(KeyStoreErrorIds.UnsupportedAlgorithm,
                    $"An RSA key of {size} bits is too weak; use 2048 or more, or allow weak keys explicitly (a multiple of 256, at least 512).");
            }
        }
        else if (Array.IndexOf(s_strongRsaSizes, size) < 0)
        {
            throw new KeyStoreException(KeyStoreErrorIds.UnsupportedAlgorithm, $"RSA key size {size} is not offered; use 2048, 3072 or 4096.");
        }
    }
}
