using System.Collections.Concurrent;
using SipSecurity.Server.Hosting;

namespace SipSecurity.PowerShell;

/// <summary>The servers started in this process, by name: what Get-SipServer and Stop-SipServer find.</summary>
internal static class SipServerRegistry
{
    private static readonly ConcurrentDictionary<string, SipServer> s_servers = new(StringComparer.OrdinalIgnoreCase);

    public static IEnumerable<SipServer> All => s_servers.Values.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase);

    public static bool TryAdd(SipServer server) => s_servers.TryAdd(server.Name, server);

    public static bool IsRunning(string name) => s_servers.TryGetValue(name, out var server) && server.State != SipServerState.Stopped;

    /// <summary>Forgets a stopped server (and one whose name was taken by a server that has since stopped).</summary>
    public static void Remove(SipServer server) => s_servers.TryRemove(new KeyValuePair<string, SipServer>(server.Name, server));

    public static void RemoveStopped()
    {
        foreach (var server in s_servers.Values.Where(s => s.State == SipServerState.Stopped))
        {
            Remove(server);
        }
    }
}
