using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.X509;

namespace SipSecurity.KeyStores.Internal;

/// <summary>One PKCS#12 entry held in memory: a key with its chain, or a trusted certificate (Key is null).</summary>
internal sealed record Pkcs12Entry(string Alias, AsymmetricKeyParameter? Key, X509Certificate[] Chain);
