using SipSecurity.KeyStores.Internal;

namespace SipSecurity.KeyStores;

/// <summary>Writes files that may hold secrets: atomically (temporary file, then replace) and owner-only (0600).</summary>
public static class SecureFile
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>; the original file is untouched if the write fails.</summary>
    /// <exception cref="KeyStoreException"><c>IoError</c> when the file cannot be written.</exception>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] copy = content.ToArray();
        try
        {
            Write(path, stream => stream.Write(copy));
        }
        finally
        {
            Array.Clear(copy);
        }
    }

    internal static void Write(string path, Action<Stream> writeContent)
    {
        try
        {
            AtomicFile.Write(path, writeContent);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KeyStoreException(KeyStoreErrorIds.IoError, $"Cannot write '{path}': {ex.Message}", path, null, ex);
        }
    }
}
