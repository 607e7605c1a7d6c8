using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Pkcs;
using SipSecurity.KeyStores.Internal;
using X509Certificate = Org.BouncyCastle.X509.X509Certificate;

namespace SipSecurity.KeyStores;

public sealed partial class KeyStore
{
    /// <summary>
    /// <c>keytool -certreq</c>: a PKCS#10 request (PEM "CERTIFICATE REQUEST") signed by the entry's key, asking for
    /// the subject and SANs of the entry's certificate unless <paramref name="options"/> say otherwise, plus TLS
    /// server and client key usages.
    /// </summary>
    /// <exception cref="KeyStoreException"><c>AliasNotFound</c>, <c>NotKeyEntry</c>, <c>WrongPassword</c>, <c>InvalidInput</c>.</exception>
    public byte[] CreateCertificateRequest(string alias, ReadOnlySpan<char> keyPassword, CertificateRequestOptions? options = null)
    {
        AsymmetricKeyParameter key = GetPrivateKey(alias, keyPassword);
        X509Certificate leaf = _backend.GetChain(alias)[0];
        X509Name subject = options?.Subject is { } dname ? DistinguishedNameParser.Parse(dname) : leaf.SubjectDN;
        AsymmetricKeyParameter publicKey = leaf.GetPublicKey();

        var extensions = new X509ExtensionsGenerator();
        bool overrideNames = options?.DnsNames is not null || options?.IPAddresses is not null;
        foreach ((DerObjectIdentifier oid, X509Extension extension) in CertificateFactory.EndEntityExtensions(
            publicKey, options?.DnsNames ?? [], options?.IPAddresses ?? [], includeKeyIdentifier: true))
        {
            extensions.AddExtension(oid, extension.IsCritical, extension.Value.GetOctets());
        }

        if (!overrideNames && leaf.GetExtensionValue(X509Extensions.SubjectAlternativeName) is { } existingNames)
        {
            extensions.AddExtension(X509Extensions.SubjectAlternativeName, false, existingNames.GetOctets());
        }

        // RFC 2985 §5.4.2: requested extensions travel in the extensionRequest attribute.
        var attribute = new AttributePkcs(PkcsObjectIdentifiers.Pkcs9AtExtensionRequest, new DerSet(extensions.Generate()));
        var request = new Pkcs10CertificationRequest(CertificateFactory.SignatureFactory(key), subject, publicKey, new DerSet(attribute));
        return PemText.Encode("CERTIFICATE REQUEST", request.GetEncoded());
    }

    /// <summary>
    /// <c>keytool -importcert</c> of a CA reply: the signed certificate (alone, a chain, or PKCS#7; PEM or DER) replaces
    /// the entry's certificate after checking that it carries the entry's public key. Issuers missing from the reply
    /// are taken from this store's trusted entries when present.
    /// </summary>
    /// <param name="alias">The key entry that made the request.</param>
    /// <param name="reply">The reply file's content.</param>
    /// <param name="keyPassword">JKS: the entry's key password (the key is re-protected with it). PKCS#12: ignored.</param>
    /// <param name="sourceName">The reply file name, for error messages.</param>
    /// <param name="allowExpired">Accept an expired certificate.</param>
    /// <exception cref="KeyStoreException"><c>AliasNotFound</c>, <c>NotKeyEntry</c>, <c>WrongPassword</c>, <c>InvalidInput</c>, <c>KeyCertificateMismatch</c>, <c>CertificateExpired</c>, <c>InvalidChain</c>.</exception>
    public KeyStoreEntryInfo ImportCertificateReply(string alias, ReadOnlySpan<byte> reply, ReadOnlySpan<char> keyPassword, string? sourceName = null, bool allowExpired = false)
    {
        AsymmetricKeyParameter key = GetPrivateKey(alias, keyPassword);
        List<X509Certificate> certificates = CertificateReader.ReadAll(reply, sourceName);
        X509Certificate[] chain = ChainForKey(alias, key, certificates, sourceName, allowExpired);
        _backend.SetKeyEntry(alias, key, keyPassword, chain);
        return Describe(alias);
    }
}
