using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;

namespace SipSecurity.KeyStores.Internal;

/// <summary>
/// Reads a PEM private key: PKCS#1 "RSA PRIVATE KEY", SEC1 "EC PRIVATE KEY" (also OpenSSL's legacy encrypted
/// form), PKCS#8 "PRIVATE KEY" and "ENCRYPTED PRIVATE KEY".
/// </summary>
internal static class PrivateKeyReader
{
    public static AsymmetricKeyParameter Read(ReadOnlySpan<byte> pem, ReadOnlySpan<char> password, string? sourceName)
    {
        char[] text = Encoding.ASCII.GetChars(pem.ToArray());
        var finder = new PasswordFinder(password);
        try
        {
            using var reader = new CharArrayReader(text);
            var pemReader = new PemReader(reader, finder);
            object? item;
            while ((item = pemReader.ReadObject()) is not null)
            {
                switch (item)
                {
                    case AsymmetricCipherKeyPair pair:
                        return pair.Private;
                    case AsymmetricKeyParameter { IsPrivate: true } key:
                        return key;
                    default:
                        // "EC PARAMETERS" from `openssl ecparam -genkey` precedes the key: skip it.
                        break;
                }
            }
        }
        catch (Org.BouncyCastle.OpenSsl.PasswordException ex)
        {
            throw new KeyStoreException(KeyStoreErrorIds.WrongPassword, $"The private key in {sourceName ?? "the input"} is encrypted; a password is required.", sourceName, null, ex);
        }
        catch (Exception ex) when (ex is InvalidCipherTextException or PemException or IOException or ArgumentException
            or InvalidCastException or InvalidOperationException or Org.BouncyCastle.Asn1.Asn1Exception)
        {
            // A wrong password usually shows as bad padding or garbage ASN.1 after decryption.
            string errorId = finder.WasAsked ? KeyStoreErrorIds.WrongPassword : KeyStoreErrorIds.InvalidInput;
            string reason = finder.WasAsked ? "the password is wrong or the key is damaged" : "it is not a PEM private key";
            throw new KeyStoreException(errorId, $"The private key in {sourceName ?? "the input"} cannot be read: {reason}.", sourceName, null, ex);
        }
        finally
        {
            Array.Clear(text);
            finder.Clear();
        }

        throw new KeyStoreException(KeyStoreErrorIds.InvalidInput, $"No private key found in {sourceName ?? "the input"}.", sourceName);
    }

    /// <summary>Hands BouncyCastle copies of the password and remembers them so they can be zeroed afterwards.</summary>
    private sealed class PasswordFinder : IPasswordFinder
    {
        private readonly char[] _password;
        private readonly List<char[]> _copies = [];

        public PasswordFinder(ReadOnlySpan<char> password)
        {
            _password = password.ToArray();
        }

        public bool WasAsked => _copies.Count > 0;

        public char[] GetPassword()
        {
            char[] copy = (char[])_password.Clone();
            _copies.Add(copy);
            return copy;
        }

        public void Clear()
        {
            Array.Clear(_password);
            _copies.ForEach(c => Array.Clear(c));
        }
    }
}
