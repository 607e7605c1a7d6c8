using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.X509;

namespace SipSecurity.KeyStores.Internal;

/// <summary>
/// What the <see cref="KeyStore"/> facade needs from a file format. Aliases compare case-insensitively in both
/// formats, as Java's keystores do.
/// </summary>
internal interface IKeyStoreBackend
{
    KeyStoreType Type { get; }

    IReadOnlyList<string> Aliases { get; }

    bool Contains(string alias);

    bool IsKeyEntry(string alias);

    /// <summary>Leaf first; a trusted entry returns its one certificate.</summary>
    X509Certificate[] GetChain(string alias);

    DateTime? GetCreationDate(string alias);

    /// <summary>Throws <see cref="InvalidKeyPasswordException"/> when the key password is wrong.</summary>
    AsymmetricKeyParameter GetKey(string alias, ReadOnlySpan<char> keyPassword);

    void SetKeyEntry(string alias, AsymmetricKeyParameter key, ReadOnlySpan<char> keyPassword, X509Certificate[] chain);

    void SetCertificateEntry(string alias, X509Certificate certificate);

    void Delete(string alias);

    void Save(Stream stream, ReadOnlySpan<char> storePassword);
}

/// <summary>Raised by a backend when a key password does not decrypt an entry; the facade adds file and alias.</summary>
internal sealed class InvalidKeyPasswordException : Exception
{
    public InvalidKeyPasswordException()
    {
    }

    public InvalidKeyPasswordException(string message)
        : base(message)
    {
    }

    public InvalidKeyPasswordException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
