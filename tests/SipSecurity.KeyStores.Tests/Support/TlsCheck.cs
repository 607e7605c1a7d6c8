using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SipSecurity.KeyStores.Tests.Support;

/// <summary>
/// The seed's test: <c>openssl s_server</c> with our exported certificate and key, <c>openssl s_client</c> connects.
/// A handshake only completes when the key matches the certificate.
/// </summary>
internal static class TlsCheck
{
    public static void AssertHandshake(string certificate, string key)
    {
        int port = FreePort();
        var info = new ProcessStartInfo("openssl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "s_server", "-accept", $"127.0.0.1:{port}", "-cert", certificate, "-key", key, "-pass", "env:EP", "-naccept", "1" })
        {
            info.ArgumentList.Add(a);
        }

        foreach ((string k, string v) in Passwords.Environment)
        {
            info.Environment[k] = v;
        }

        using Process server = Process.Start(info)!;
        try
        {
            WaitForAccept(server);
            Tool.Result client = Tool.Run("openssl", ["s_client", "-connect", $"127.0.0.1:{port}", "-servername", "localhost", "-brief"], stdin: [], timeoutMs: 15_000);
            Assert.True(client.ExitCode == 0, client.All);
            Assert.Contains("CONNECTION ESTABLISHED", client.All, StringComparison.Ordinal);
        }
        finally
        {
            if (!server.WaitForExit(5_000))
            {
                server.Kill();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void WaitForAccept(Process server)
    {
        // s_server prints "ACCEPT" once it listens; probing the port instead would use up its single accept.
        Task<string?> line = server.StandardOutput.ReadLineAsync();
        while (line.Wait(TimeSpan.FromSeconds(10)) && line.Result is { } text)
        {
            if (text.StartsWith("ACCEPT", StringComparison.Ordinal))
            {
                return;
            }

            line = server.StandardOutput.ReadLineAsync();
        }

        throw new TimeoutException("s_server did not start listening");
    }
}
