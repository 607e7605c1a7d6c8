using static SipSecurity.Server.Tests.Transactions.TransactionTestHarness;

namespace SipSecurity.Server.Tests.Transactions;

public class InviteServerTransactionTests
{
    [Fact]
    public void The_layer_sends_100_Trying_when_the_TU_is_silent_for_200_ms()
    {
        using var h = new TransactionTestHarness();
        h.Receive(Request("INVITE"));

        h.Advance(180);
        Assert.Empty(h.Sender.Sent);
        h.Advance(20);

        var trying = Assert.Single(h.Sender.Sent);
        Assert.Equal(100, trying.Status);
        Assert.Equal(200, trying.AtMs);
        Assert.Equal(1, h.Counters.Responses1xx);

        // The INVITE retransmission now gets the 100 again; the TU still owes its answer.
        h.Receive(Request("INVITE"));
        Assert.Equal([100, 100], h.Sender.Statuses);
        Assert.False(h.User.Requests.Single().IsCompleted);
    }

    [Fact]
    public void No_100_Trying_when_the_TU_answers_within_200_ms()
    {
        using var h = new TransactionTestHarness(t => t.Respond(Response(t, 180, "callee")));
        h.Receive(Request("INVITE"));

        h.Advance(1_000);

        Assert.Equal([180], h.Sender.Statuses);
    }

    [Fact]
    public void Timer_G_retransmits_at_500_1000_2000_4000_4000_ms_intervals()
    {
        using var h = new TransactionTestHarness(t => t.Respond(Response(t, 486)));
        h.Receive(Request("INVITE"));

        h.Advance(16_000);

        var times = h.Sender.Sent.Select(s => s.AtMs).ToArray();
        Assert.Equal([0L, 500, 1_500, 3_500, 7_500, 11_500, 15_500], times);
        Assert.All(h.Sender.Sent, s => Assert.Equal(486, s.Status));
        Assert.Equal(6, h.Counters.Retransmissions);
        Assert.Equal(1, h.Counters.Responses4xx);
    }

    [Fact]
    public void Timer_H_ends_the_transaction_when_no_ACK_comes()
    {
        using var h = new TransactionTestHarness(t => t.Respond(Response(t, 486)));
        h.Receive(Request("INVITE"));

        h.Advance(31_980);
        Assert.Equal(1, h.Layer.Count);
        h.Advance(20);

        Assert.Equal(0, h.Layer.Count);
        Assert.Contains(h.Log.Events, e => e.EventId == "TransactionAckTimeout");
        var sent = h.Sender.Sent.Count;
        h.Advance(10_000);
        Assert.Equal(sent, h.Sender.Sent.Count);
    }

    [Fact]
    public void ACK_confirms_stops_Timer_G_absorbs_retransmissions_and_Timer_I_ends_it()
    {
        using var h = new TransactionTestHarness(t => t.Respond(Response(t, 486)));
        h.Receive(Request("INVITE"));
        h.Advance(600);
        Assert.Equal(2, h.Sender.Sent.Count);

        h.Receive(Request("ACK", cseqMethod: "ACK", toTag: "x"));
        h.Receive(Request("ACK", cseqMethod: "ACK", toTag: "x"));
        h.Receive(Request("INVITE"));
        h.Advance(4_980);

        Assert.Equal(2, h.Sender.Sent.Count);
        Assert.Empty(h.User.Acks);
        Assert.Single(h.User.Requests);
        Assert.Equal(1, h.Layer.Count);

        // Timer I = T4 = 5 s after the ACK.
        h.Advance(20);
        Assert.Equal(0, h.Layer.Count);
    }

    [Fact]
    public void On_TCP_there_is_no_Timer_G_and_the_ACK_ends_the_transaction()
    {
        using var h = new TransactionTestHarness(t => t.Respond(Response(t, 486)));
        h.Receive(Request("INVITE", transport: "TCP"), Tcp);

        h.Advance(5_000);
        Assert.Single(h.Sender.Sent);
        Assert.Equal(1, h.Layer.Count);

        h.Receive(Request("ACK", cseqMethod: "ACK", transport: "TCP"), Tcp);
        Assert.Equal(0, h.Layer.Count);
    }

    [Fact]
    public void A_2xx_terminates_and_its_ACK_goes_to_the_TU_unanswered()
    {
        using var h = new TransactionTestHarness(t => t.Respond(Response(t, 200)));
        h.Receive(Request("INVITE"));
        Assert.Equal(0, h.Layer.Count);

        h.Receive(Request("ACK", branch: "z9hG4bK-ack2xx", cseqMethod: "ACK", toTag: "x"));

        Assert.Single(h.User.Acks);
        Assert.Equal([200], h.Sender.Statuses);
    }

    [Fact]
    public void CANCEL_gets_200_and_the_pending_INVITE_487()
    {
        using var h = new TransactionTestHarness(t =>
        {
            if (t.Request.Method == "INVITE")
            {
                t.Respond(Response(t, 180, "callee-tag"));
            }
        });
        h.Receive(Request("INVITE"));

        h.Receive(Request("CANCEL", cseqMethod: "CANCEL"));

        var sent = h.Sender.Sent.ToArray();
        Assert.Equal([180, 200, 487], sent.Select(s => s.Status));
        Assert.Equal("CANCEL", sent[1].CSeqMethod);
        Assert.Equal("INVITE", sent[2].CSeqMethod);
        Assert.Equal("callee-tag", sent[2].Parsed.GetTo()!.Tag);
        var (invite, cancel) = Assert.Single(h.User.Cancels);
        Assert.True(invite.IsCompleted);
        Assert.Equal("CANCEL", cancel.Method);

        // The TU's late answer is ignored; the CANCEL never reached it.
        invite.Respond(Response(invite, 200));
        Assert.Equal(3, h.Sender.Sent.Count);
        Assert.Single(h.User.Requests);

        // A retransmitted CANCEL gets its 200 again; the 487 waits for its ACK with Timer G.
        h.Receive(Request("CANCEL", cseqMethod: "CANCEL"));
        Assert.Equal(200, h.Sender.Sent.Last().Status);
        h.Advance(500);
        Assert.Equal(487, h.Sender.Sent.Last().Status);
    }

    [Fact]
    public void CANCEL_after_the_final_response_gets_200_only_and_unmatched_CANCEL_gets_481()
    {
        using var h = new TransactionTestHarness(t =>
        {
            if (t.Request.Method == "INVITE")
            {
                t.Respond(Response(t, 486));
            }
        });
        h.Receive(Request("INVITE"));
        h.Receive(Request("CANCEL", cseqMethod: "CANCEL"));
        h.Receive(Request("CANCEL", branch: "z9hG4bK-other", cseqMethod: "CANCEL"));

        Assert.Equal([486, 200, 481], h.Sender.Statuses);
        Assert.Empty(h.User.Cancels);
    }
}
