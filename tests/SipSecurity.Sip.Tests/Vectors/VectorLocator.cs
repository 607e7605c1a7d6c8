namespace SipSecurity.Sip.Tests.Vectors;

/// <summary>Finds the shared RFC 4475 vectors at run time; never skips, fails loudly when they are missing.</summary>
internal static class VectorLocator
{
    private const string Relative = "shared/vectors/rfc4475";

    public static string Root { get; } = Find();

    public static byte[] Read(string file) => File.ReadAllBytes(Path.Combine(Root, file));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, Relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            // CI clones the repository next to a copy of shared/: accept ../shared beside the repository root.
            if (File.Exists(Path.Combine(dir.FullName, "SipSecurity.sln")))
            {
                var sibling = Path.GetFullPath(Path.Combine(dir.FullName, "..", Relative));
                if (Directory.Exists(sibling))
                {
                    return sibling;
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"RFC 4475 vectors not found: looked for '{Relative}' in every folder above '{AppContext.BaseDirectory}' and beside the repository root.");
    }
}
