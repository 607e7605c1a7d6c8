using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace SipSecurity.Server.Security.Auth;

/// <summary>How a remote address is keyed for throttling and shown in the log.</summary>
internal static class SourceAddress
{
    /// <summary>
    /// IPv4 (plain or IPv4-mapped) keys as the mapped form of the address; IPv6 keys by its /64 prefix, since one
    /// host is routinely given a whole /64 and could otherwise rotate addresses to escape a block. No allocation.
    /// </summary>
    public static UInt128 Key(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        bytes.Clear();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            bytes[10] = 0xff;
            bytes[11] = 0xff;
            address.TryWriteBytes(bytes[12..], out _);
        }
        else
        {
            address.TryWriteBytes(bytes, out _);
            if (!address.IsIPv4MappedToIPv6)
            {
                bytes[8..].Clear();
            }
        }

        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    /// <summary>The address as text, IPv4-mapped addresses shown as IPv4 (what fail2ban and iptables expect).</summary>
    public static string Display(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : address.ToString();
}
