using SipSecurity.Server.Hosting;
using static SipSecurity.Server.Tests.Transactions.TransactionTestHarness;

namespace SipSecurity.Server.Tests.Transactions;

public class NonInviteServerTransactionTests
{
    [Fact]
    public void Retransmitted_register_before_the_final_response_is_absorbed()
    {
        using var h = new TransactionTestHarness();

        h.Receive(Request("REGISTER"));
        h.Receive(Request("REGISTER"));
        h.Receive(Request("REGISTER"));

        Assert.Single(h.User.Requests);
        Assert.Empty(h.Sender.Sent);
        Assert.Equal(1, h.Layer.Count);
        Assert.Equal(3, h.Counters.RequestsReceived);
    }

    [Fact]
    public void Retransmitted_register_after_the_final_response_gets_the_stored_bytes()
    {
        using var h = new TransactionTestHarness(t => t.Respond(Response(t, 200)));

        h.Receive(Request("REGISTER"));
        h.Receive(Request("REGISTER"));
        h.Receive(Request("REGISTER"));

        Assert.Single(h.User.Requests);
        var sent = h.Sender.Sent.ToArray();
        Assert.Equal(3, sent.Length);
        Assert.All(sent, s => Assert.Equal(sent[0].Bytes, s.Bytes));
        Assert.Equal(200, sent[0].Status);
        Assert.Equal(1, h.Counters.Responses2xx);
        Assert.Equal(2, h.Counters.Retransmissions);
    }

    [Fact]
    public void Retransmission_in_Proceeding_gets_the_last_provisional()
    {
        using var h = new TransactionTestHarness(t => t.Respond(Response(t, 100)));

        h.Receive(Request("OPTIONS"));
        h.Receive(Request("OPTIONS"));

        Assert.Equal([100, 100], h.Sender.Statuses);
        Assert.Equal(1, h.Counters.Responses1xx);
        Assert.Equal(1, h.Counters.Retransmissions);
        Assert.False(h.User.Requests.Single().IsCompleted);
    }

    [Fact]
    public void Timer_J_keeps_a_udp_transaction_64_T1_then_removes_it()
    {
        using var h = new TransactionTestHarness(t => t.Respond(Response(t, 200)));
        h.Receive(Request("REGISTER"));

        h.Advance(31_980);
        Assert.Equal(1, h.Layer.Count);
        h.Receive(Request("REGISTER"));
        Assert.Single(h.User.Requests);
        Assert.Equal(1, h.Counters.Retransmissions);

        h.Advance(20);
        Assert.Equal(0, h.Layer.Count);

        // Past Timer J, the same branch is a new request for the TU.
        h.Receive(Request("REGISTER"));
        Assert.Equal(2, h.User.Requests.Count);
    }

    [Fact]
    public void Reliable_transport_terminates_at_the_final_response()
    {
        using var h = new TransactionTestHarness(t => t.Respond(Response(t, 200)));

        h.Receive(Request("REGISTER", transport: "TCP"), Tcp);

        Assert.Equal(0, h.Layer.Count);
        Assert.Equal(0, h.Layer.PendingCount);
        Assert.Single(h.Sender.Sent);
    }

    [Fact]
    public void A_final_response_the_TU_sends_later_is_sent_once_and_retransmitted_from_storage()
    {
        using var h = new TransactionTestHarness();
        h.Receive(Request("REGISTER"));
        var transaction = h.User.Requests.Single();
        h.Advance(300);

        transaction.Respond(Response(transaction, 401));
        transaction.Respond(Response(transaction, 200));
        h.Receive(Request("REGISTER"));

        Assert.Equal([401, 401], h.Sender.Statuses);
        Assert.True(transaction.IsCompleted);
        Assert.Contains(h.Log.Events, e => e.EventId == "TransactionResponseIgnored");
    }

    [Fact]
    public void A_request_the_TU_never_answers_is_dropped_after_64_T1()
    {
        using var h = new TransactionTestHarness();
        h.Receive(Request("REGISTER"));

        h.Advance(31_980);
        Assert.Equal(1, h.Layer.PendingCount);
        h.Advance(20);

        Assert.Equal(0, h.Layer.Count);
        Assert.Equal(0, h.Layer.PendingCount);
        Assert.Contains(h.Log.Events, e => e.EventId == "TransactionAbandoned" && e.Level == SipLogLevel.Warning);
        Assert.Empty(h.Sender.Sent);
    }

    [Fact]
    public void A_TU_that_throws_gets_its_client_a_500()
    {
        using var h = new TransactionTestHarness(_ => throw new InvalidOperationException("boom"));

        h.Receive(Request("REGISTER"));

        Assert.Equal([500], h.Sender.Statuses);
        Assert.Contains(h.Log.Events, e => e.EventId == "TransactionUserFailed");
    }
}
