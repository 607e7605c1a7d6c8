using SipSecurity.Server.Transactions;
using static SipSecurity.Server.Tests.Transactions.TransactionTestHarness;

namespace SipSecurity.Server.Tests.Transactions;

public class TransactionLayerTests
{
    [Fact]
    public void Concurrent_final_responses_send_exactly_one()
    {
        using var h = new TransactionTestHarness();
        h.Receive(Request("INVITE", transport: "TCP"), Tcp);
        var transaction = h.User.Requests.Single();
        var responses = Enumerable.Range(0, 16).Select(i => Response(transaction, i % 2 == 0 ? 180 : 400 + i)).ToArray();
        using var start = new Barrier(responses.Length);

        var threads = responses.Select(r => new Thread(() =>
        {
            start.SignalAndWait();
            transaction.Respond(r);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        var finals = h.Sender.Statuses.Where(s => s >= 200).ToList();
        Assert.Single(finals);
        Assert.True(transaction.IsCompleted);
        Assert.Equal(1, h.Counters.Responses4xx);
        Assert.Equal(h.Sender.Sent.Count, h.Counters.Responses1xx + h.Counters.Responses4xx);
        Assert.Equal(0, h.Layer.PendingCount);
    }

    [Fact]
    public void Concurrent_retransmissions_create_one_transaction()
    {
        using var h = new TransactionTestHarness(t => t.Respond(Response(t, 200)));
        var copies = Enumerable.Range(0, 8).Select(_ => Request("REGISTER")).ToArray();
        using var start = new Barrier(copies.Length);

        var threads = copies.Select(r => new Thread(() =>
        {
            start.SignalAndWait();
            h.Receive(r);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Single(h.User.Requests);
        Assert.Equal(1, h.Counters.Responses2xx);
    }

    [Fact]
    public async Task DrainAsync_waits_for_pending_final_responses()
    {
        using var h = new TransactionTestHarness();
        h.Receive(Request("REGISTER"));
        h.Receive(Request("INVITE", branch: "z9hG4bK-2"));
        var register = h.User.Requests.First();
        var invite = h.User.Requests.Last();

        var timedOut = h.Layer.DrainAsync(TimeSpan.FromSeconds(1));
        Assert.False(timedOut.IsCompleted);
        h.Advance(1_000);
        Assert.False(await timedOut);

        var drained = h.Layer.DrainAsync(TimeSpan.FromSeconds(10));
        register.Respond(Response(register, 200));
        Assert.False(drained.IsCompleted);
        invite.Respond(Response(invite, 180));
        Assert.False(drained.IsCompleted);
        invite.Respond(Response(invite, 603));
        Assert.True(await drained);

        // Completed transactions still absorb retransmissions, but do not hold the drain.
        Assert.Equal(2, h.Layer.Count);
        Assert.True(await h.Layer.DrainAsync(TimeSpan.Zero));

        // A later drain waits for the requests that arrived after the first one finished.
        h.Receive(Request("OPTIONS", branch: "z9hG4bK-3"));
        var again = h.Layer.DrainAsync(TimeSpan.FromMilliseconds(100));
        h.Advance(100);
        Assert.False(await again);
    }

    [Fact]
    public void Received_responses_are_counted_and_dropped()
    {
        using var h = new TransactionTestHarness();
        h.Receive(Request("OPTIONS"));
        var transaction = h.User.Requests.Single();

        h.Layer.OnResponse(Response(transaction, 200), Udp);

        Assert.Equal(1, h.Counters.ResponsesReceived);
        Assert.Empty(h.Sender.Sent);
    }

    [Fact]
    public void Responses_go_back_with_the_request_top_via_and_source()
    {
        using var h = new TransactionTestHarness(t => t.Respond(Response(t, 200)));

        h.Receive(Request("OPTIONS", sentBy: "198.51.100.7:5070"));

        var sent = Assert.Single(h.Sender.Sent);
        Assert.Equal("198.51.100.7", sent.Via.Host);
        Assert.Equal(5070, sent.Via.Port);
        Assert.Same(Udp, sent.Source);
    }

    [Fact]
    public void Timer_settings_are_validated()
    {
        var bad = new SipTimerSettings { T1 = TimeSpan.FromSeconds(5), T2 = TimeSpan.FromSeconds(1) };
        Assert.Throws<ArgumentOutOfRangeException>(() => new SipTransactionLayer(
            new RecordingSender(TimeProvider.System), new RecordingUser(null), new RecordingLog(), new(), bad));
    }
}
