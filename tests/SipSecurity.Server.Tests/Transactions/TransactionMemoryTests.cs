using System.Globalization;
using System.Text;
using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Parsing;
using SipSecurity.Server.Hosting;
using SipSecurity.Server.Transactions;
using SipSecurity.Server.Transport;
using SipSecurity.Sip.Headers;
using Xunit.Abstractions;
using static SipSecurity.Server.Tests.Transactions.TransactionTestHarness;

namespace SipSecurity.Server.Tests.Transactions;

[CollectionDefinition(nameof(TransactionMemoryTests), DisableParallelization = true)]
public class TransactionMemoryGroup
{
}

/// <summary>
/// What a completed REGISTER costs while Timer J holds it (20k/s × 32 s ≈ 600k live). Set SIPSECURITY_TX_MEMORY_COUNT
/// to measure another population (the report used 600000).
/// </summary>
[Collection(nameof(TransactionMemoryTests))]
public class TransactionMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public void A_completed_udp_register_costs_at_most_200_bytes_besides_its_response()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("SIPSECURITY_TX_MEMORY_COUNT"), CultureInfo.InvariantCulture, out var n) ? n : 100_000;
        var sender = new CountingSender();
        var user = new RespondingUser();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        using var layer = new SipTransactionLayer(sender, user, new RecordingLog(), new SipServerCounters(), time: time);

        // Warm up the paths once, then measure from a clean heap.
        layer.OnRequest(Register(-1), Udp);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < count; i++)
        {
            layer.OnRequest(Register(i), Udp);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.Equal(count + 1, layer.Count);
        Assert.Equal(count + 1, sender.Count);

        // A response array's own size: header and length (24 bytes on 64-bit) plus the octets, rounded to 8.
        var responseArray = (24 + (sender.Octets / sender.Count) + 7) / 8 * 8;
        var perTransaction = (after - before) / (double)count;
        output.WriteLine($"{count} completed REGISTER transactions: {perTransaction:F0} bytes each, of which {responseArray:F0} bytes " +
            $"are the serialized 200 response ({sender.Octets / sender.Count} octets), so {perTransaction - responseArray:F0} bytes of transaction state.");
        Assert.InRange(perTransaction - responseArray, 1, 200);
    }

    private sealed class CountingSender : ISipResponseSender
    {
        public long Count;
        public long Octets;

        public void SendResponse(ReadOnlyMemory<byte> response, SipVia requestTopVia, SipInboundContext source)
        {
            Count++;
            Octets += response.Length;
        }
    }

    private sealed class RespondingUser : ISipTransactionUser
    {
        public void OnRequest(SipServerTransaction transaction) => transaction.Respond(Response(transaction, 200, "registrar"));
    }

    private static SipRequest Register(int i)
    {
        var text =
            "REGISTER sip:example.com SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-{i}-1-0;rport\r\n" +
            "Max-Forwards: 70\r\n" +
            $"From: <sip:user{i}@example.com>;tag={i}SIPpTag001\r\n" +
            $"To: <sip:user{i}@example.com>\r\n" +
            $"Call-ID: {i}-reg@192.0.2.10\r\n" +
            "CSeq: 1 REGISTER\r\n" +
            $"Contact: <sip:user{i}@192.0.2.10:5060>\r\n" +
            "Expires: 3600\r\n" +
            "Content-Length: 0\r\n\r\n";
        return (SipRequest)SipParser.Parse(new ReadOnlyMemory<byte>(Encoding.ASCII.GetBytes(text)), SipParseMode.Datagram).Message!;
    }
}
