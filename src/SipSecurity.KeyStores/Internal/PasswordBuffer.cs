namespace SipSecurity.KeyStores.Internal;

/// <summary>
/// A private copy of a password as the <c>char[]</c> some BouncyCastle APIs insist on, zeroed on dispose
/// so the copy does not outlive the call.
/// </summary>
internal sealed class PasswordBuffer : IDisposable
{
    private readonly char[] _chars;

    public PasswordBuffer(ReadOnlySpan<char> password)
    {
        _chars = password.ToArray();
    }

    public char[] Chars => _chars;

    public void Dispose() => Array.Clear(_chars);
}
