using System.Buffers.Binary;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;

namespace SipSecurity.KeyStores.Internal;

/// <summary>Tells JKS from PKCS#12 by content, never by file name: a ".jks" file may well hold PKCS#12.</summary>
internal static class StoreTypeDetector
{
    private const uint JksMagic = 0xFEEDFEED;
    private const uint JceksMagic = 0xCECECECE;

    /// <summary>The type, or an error message explaining why the content is neither.</summary>
    public static (KeyStoreType? Type, string? Problem) Detect(ReadOnlySpan<byte> content)
    {
        if (content.Length < 4)
        {
            return (null, content.Length == 0 ? "the file is empty" : "the file is too short to be a keystore");
        }

        uint magic = BinaryPrimitives.ReadUInt32BigEndian(content);
        if (magic == JksMagic)
        {
            return (KeyStoreType.Jks, null);
        }

        if (magic == JceksMagic)
        {
            return (null, "it is a JCEKS keystore, which is not supported; convert it with keytool -importkeystore");
        }

        if (content[0] == 0x30)
        {
            try
            {
                Pfx.GetInstance(Asn1Object.FromByteArray(content.ToArray()));
                return (KeyStoreType.Pkcs12, null);
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or InvalidCastException or InvalidOperationException or Asn1Exception)
            {
                return (null, "it looks like DER but is not a complete PKCS#12 structure (truncated or damaged)");
            }
        }

        return (null, "it is neither a JKS nor a PKCS#12 keystore");
    }
}
