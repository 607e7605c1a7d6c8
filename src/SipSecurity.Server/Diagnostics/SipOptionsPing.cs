using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace SipSecurity.Server.Diagnostics;

/// <summary>The minimal OPTIONS request the probe sends (RFC 3261 §11) and the status line of its answer (§7.2).</summary>
internal static class SipOptionsPing
{
    private const int MaxStatusLineBytes = 4096;

    public static byte[] BuildRequest(string serverName, int port, IPEndPoint? local)
    {
        var uriHost = UriHost(serverName);
        var localHost = local is null ? "invalid" : UriHost(local.Address.ToString());
        var localPort = local?.Port ?? 0;
        var callId = RandomHex(16);

        // RFC 3261 §8.1.1: Request-URI, To, From (with tag), Call-ID, CSeq, Max-Forwards, Via (with the magic cookie branch).
        var request = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"OPTIONS sip:{uriHost}:{port};transport=tls SIP/2.0\r\n")
            .Append(CultureInfo.InvariantCulture, $"Via: SIP/2.0/TLS {localHost}:{localPort};branch=z9hG4bK{RandomHex(16)};rport\r\n")
            .Append("Max-Forwards: 70\r\n")
            .Append(CultureInfo.InvariantCulture, $"From: <sip:probe@{localHost}>;tag={RandomHex(8)}\r\n")
            .Append(CultureInfo.InvariantCulture, $"To: <sip:{uriHost}:{port}>\r\n")
            .Append(CultureInfo.InvariantCulture, $"Call-ID: {callId}@{localHost}\r\n")
            .Append("CSeq: 1 OPTIONS\r\n")
            .Append("Accept: application/sdp\r\n")
            .Append("User-Agent: SipSecurity Test-SipTlsConnection\r\n")
            .Append("Content-Length: 0\r\n")
            .Append("\r\n");
        return Encoding.ASCII.GetBytes(request.ToString());
    }

    /// <summary>
    /// Reads up to the end of the first line, skipping CRLF keep-alives (RFC 5626 §3.5.1). Returns null when the peer closed
    /// the stream first; throws <see cref="InvalidDataException"/> when the line is too long.
    /// </summary>
    public static async Task<string?> ReadFirstLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var line = new List<byte>(128);
        var buffer = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) == 0)
            {
                return null;
            }

            var b = buffer[0];
            if (b == (byte)'\n')
            {
                if (line.Count == 0)
                {
                    continue;
                }

                return Encoding.ASCII.GetString(line.ToArray()).TrimEnd('\r');
            }

            if (b == (byte)'\r' && line.Count == 0)
            {
                continue;
            }

            line.Add(b);
            if (line.Count > MaxStatusLineBytes)
            {
                throw new InvalidDataException($"The first line of the answer is longer than {MaxStatusLineBytes} bytes.");
            }
        }
    }

    /// <summary>Status-Line = SIP-Version SP Status-Code SP Reason-Phrase (RFC 3261 §7.2).</summary>
    public static bool TryParseStatusLine(string line, out int status, out string reason)
    {
        status = 0;
        reason = string.Empty;
        var parts = line.Split(' ', 3);
        if (parts.Length < 2 || !parts[0].Equals("SIP/2.0", StringComparison.OrdinalIgnoreCase) || parts[1].Length != 3 ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out status) || status < 100 || status > 699)
        {
            status = 0;
            return false;
        }

        reason = parts.Length == 3 ? parts[2] : string.Empty;
        return true;
    }

    /// <summary>A line from the peer made safe to show: printable ASCII only, at most 80 characters.</summary>
    public static string Printable(string line)
    {
        var clean = new string(line.Select(c => c is >= ' ' and <= '~' ? c : '?').Take(80).ToArray());
        return line.Length > 80 ? clean + "..." : clean;
    }

    private static string UriHost(string host) =>
        IPAddress.TryParse(host, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{address}]"
            : host;

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
