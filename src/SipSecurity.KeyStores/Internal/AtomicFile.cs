namespace SipSecurity.KeyStores.Internal;

/// <summary>
/// Replaces a file in one step: a temporary sibling created owner-only, flushed, then moved over the target,
/// so a crash or a failed write never leaves a half-written keystore behind.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<Stream> writeContent)
    {
        string fullPath = System.IO.Path.GetFullPath(path);
        string directory = System.IO.Path.GetDirectoryName(fullPath) ?? ".";
        string temp = System.IO.Path.Combine(directory, "." + System.IO.Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            // Created 0600 from the start: there is no window in which another user can open the key material.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            {
                writeContent(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original error matters more than a stray temporary file.
        }
        catch (UnauthorizedAccessException)
        {
            // Same: report the write failure, not the clean-up failure.
        }
    }
}
