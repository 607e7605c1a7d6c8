using System.Security.Cryptography;
using System.Text;

namespace SipSecurity.KeyStores.Internal;

/// <summary>RFC 7468 PEM encoding to ASCII bytes, with LF line endings like keytool and OpenSSL on Unix.</summary>
internal static class PemText
{
    public static byte[] Encode(string label, ReadOnlySpan<byte> der)
    {
        char[] chars = PemEncoding.Write(label, der);
        try
        {
            byte[] bytes = new byte[chars.Length + 1];
            Encoding.ASCII.GetBytes(chars, bytes);
            bytes[^1] = (byte)'\n';
            return bytes;
        }
        finally
        {
            Array.Clear(chars);
        }
    }
}
