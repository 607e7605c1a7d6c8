using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace SipSecurity.PowerShell;

/// <summary>
/// Loads third-party assemblies (SQLite, BouncyCastle) from the module's dependencies folder into a
/// private load context, so the module coexists with other modules that ship other versions of them,
/// and resolves the native SQLite library for this platform from there.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string s_dependencyFolder =
        Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!, "dependencies");

    private static readonly DependencyLoadContext s_context = new(s_dependencyFolder);

    public void OnImport() => AssemblyLoadContext.Default.Resolving += ResolveDependency;

    public void OnRemove(PSModuleInfo psModuleInfo) => AssemblyLoadContext.Default.Resolving -= ResolveDependency;

    private static Assembly? ResolveDependency(AssemblyLoadContext context, AssemblyName name)
    {
        // Only what we ship: anything else is someone else's business.
        return File.Exists(Path.Combine(s_dependencyFolder, name.Name + ".dll")) ? s_context.LoadFromAssemblyName(name) : null;
    }

    private sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private readonly string _folder;

        public DependencyLoadContext(string folder)
            : base("SipSecurity.Dependencies")
        {
            _folder = folder;
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = Path.Combine(_folder, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
        {
            var native = Path.Combine(_folder, "runtimes", RuntimeInformation.RuntimeIdentifier, "native");
            foreach (var candidate in new[] { unmanagedDllName, "lib" + unmanagedDllName + ".so", "lib" + unmanagedDllName + ".dylib", unmanagedDllName + ".dll" })
            {
                var path = Path.Combine(native, candidate);
                if (File.Exists(path))
                {
                    return LoadUnmanagedDllFromPath(path);
                }
            }

            foreach (var rid in FallbackRuntimeIdentifiers())
            {
                var dir = Path.Combine(_folder, "runtimes", rid, "native");
                foreach (var candidate in new[] { "lib" + unmanagedDllName + ".so", "lib" + unmanagedDllName + ".dylib", unmanagedDllName + ".dll" })
                {
                    var path = Path.Combine(dir, candidate);
                    if (File.Exists(path))
                    {
                        return LoadUnmanagedDllFromPath(path);
                    }
                }
            }

            return IntPtr.Zero;
        }

        private static IEnumerable<string> FallbackRuntimeIdentifiers()
        {
            // RuntimeIdentifier can be distro-specific (e.g. "debian.12-x64"); the packages use portable RIDs.
            var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
            if (OperatingSystem.IsWindows())
            {
                yield return "win-" + arch;
            }
            else if (OperatingSystem.IsMacOS())
            {
                yield return "osx-" + arch;
            }
            else
            {
                yield return "linux-" + arch;
                yield return "linux-musl-" + arch;
            }
        }
    }
}
