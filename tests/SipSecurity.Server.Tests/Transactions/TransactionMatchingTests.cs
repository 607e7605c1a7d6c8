using static SipSecurity.Server.Tests.Transactions.TransactionTestHarness;

namespace SipSecurity.Server.Tests.Transactions;

public class TransactionMatchingTests
{
    [Fact]
    public void Same_branch_from_a_different_sent_by_is_a_different_transaction()
    {
        using var h = new TransactionTestHarness();

        h.Receive(Request("REGISTER", sentBy: "192.0.2.10:5060"));
        h.Receive(Request("REGISTER", sentBy: "192.0.2.11:5060"));
        h.Receive(Request("REGISTER", sentBy: "192.0.2.10"));

        Assert.Equal(3, h.User.Requests.Count);
        Assert.Equal(3, h.Layer.Count);
    }

    [Fact]
    public void Same_branch_and_sent_by_with_another_method_is_a_different_transaction()
    {
        using var h = new TransactionTestHarness();

        h.Receive(Request("REGISTER"));
        h.Receive(Request("OPTIONS"));

        Assert.Equal(2, h.User.Requests.Count);
    }

    [Fact]
    public void Branch_and_host_compare_case_insensitively()
    {
        using var h = new TransactionTestHarness();

        h.Receive(Request("REGISTER", branch: "z9hG4bKabc", sentBy: "client.example.com:5060"));
        h.Receive(Request("REGISTER", branch: "z9hG4bKABC", sentBy: "Client.Example.COM:5060"));

        Assert.Single(h.User.Requests);
    }

    [Fact]
    public void Rfc2543_requests_match_on_call_id_cseq_tags_uri_and_via()
    {
        using var h = new TransactionTestHarness(t => t.Respond(Response(t, 200)));

        h.Receive(Request("REGISTER", branch: null));
        h.Receive(Request("REGISTER", branch: null));
        h.Receive(Request("REGISTER", branch: "1234"));
        h.Receive(Request("REGISTER", branch: null, cseq: 2));
        h.Receive(Request("REGISTER", branch: null, callId: "other@client"));
        h.Receive(Request("REGISTER", branch: null, fromTag: "other"));
        h.Receive(Request("REGISTER", branch: null, uri: "sip:other.example.com"));
        h.Receive(Request("REGISTER", branch: null, sentBy: "192.0.2.99:5060"));

        Assert.Equal(7, h.User.Requests.Count);
        Assert.Equal(1, h.Counters.Retransmissions);
    }

    [Fact]
    public void Rfc2543_ACK_matches_its_INVITE_and_stops_Timer_G()
    {
        using var h = new TransactionTestHarness(t => t.Respond(Response(t, 486)));
        h.Receive(Request("INVITE", branch: null));

        h.Receive(Request("ACK", branch: null, cseqMethod: "ACK", toTag: "server-tag"));
        h.Advance(2_000);

        Assert.Single(h.Sender.Sent);
        Assert.Empty(h.User.Acks);
    }

    [Fact]
    public void Rfc2543_CANCEL_matches_its_INVITE()
    {
        using var h = new TransactionTestHarness();
        h.Receive(Request("INVITE", branch: null));

        h.Receive(Request("CANCEL", branch: null, cseqMethod: "CANCEL"));

        Assert.Equal([200, 487], h.Sender.Statuses);
    }

    [Fact]
    public void A_request_without_via_is_dropped_and_counted_as_malformed()
    {
        using var h = new TransactionTestHarness();
        var text = "OPTIONS sip:example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK-1;=bad\r\nFrom: <sip:a@example.com>;tag=1\r\nTo: <sip:a@example.com>\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        var request = (SipSecurity.Sip.Messages.SipRequest)SipSecurity.Sip.Parsing.SipParser.Parse(
            new ReadOnlyMemory<byte>(System.Text.Encoding.ASCII.GetBytes(text)), SipSecurity.Sip.Parsing.SipParseMode.Datagram).Message!;

        h.Receive(request);

        Assert.Empty(h.User.Requests);
        Assert.Equal(1, h.Counters.MalformedMessages);
    }
}
