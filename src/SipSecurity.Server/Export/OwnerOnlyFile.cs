using System.Text;

namespace SipSecurity.Server.Export;

/// <summary>
/// Writes files that hold credentials: created owner-only (0600 on Unix) as a temporary file in the
/// target's folder, flushed, then moved over the target, so a reader never sees half a file and an
/// existing file's wider permissions never apply.
/// </summary>
public static class OwnerOnlyFile
{
    /// <summary>Writes all <paramref name="files"/>; each target is replaced only after every temporary file is complete.</summary>
    public static void WriteAll(IReadOnlyList<(string Path, byte[] Content)> files, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var (path, _) in files)
        {
            if (!overwrite && File.Exists(path))
            {
                throw new SipSecurityException("ExportFileExists", SipErrorKind.ResourceExists,
                    $"{path}: the file exists. Nothing was written; use -Force to overwrite it.", path);
            }
        }

        var temps = new List<string>();
        try
        {
            foreach (var (path, content) in files)
            {
                temps.Add(WriteTemp(path, content));
            }

            for (var i = 0; i < files.Count; i++)
            {
                File.Move(temps[i], files[i].Path, overwrite: true);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new SipSecurityException("ExportWriteFailed", SipErrorKind.WriteError, $"Writing the export failed: {exception.Message}", files[0].Path, exception);
        }
        finally
        {
            foreach (var temp in temps.Where(File.Exists))
            {
                File.Delete(temp);
            }
        }
    }

    public static void Write(string path, string text, bool overwrite) => WriteAll([(path, new UTF8Encoding(false).GetBytes(text))], overwrite);

    private static string WriteTemp(string path, byte[] content)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(temp, options);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
        return temp;
    }
}
