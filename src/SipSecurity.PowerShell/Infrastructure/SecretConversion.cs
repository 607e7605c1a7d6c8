using System.Runtime.InteropServices;
using System.Security;

namespace SipSecurity.PowerShell;

/// <summary>Turns SecureStrings into char arrays the caller clears; never into strings.</summary>
internal static class SecretConversion
{
    public static char[] ToCharArray(SecureString secure)
    {
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
        try
        {
            var chars = new char[secure.Length];
            Marshal.Copy(pointer, chars, 0, chars.Length);
            return chars;
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }
}
