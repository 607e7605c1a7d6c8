using SipSecurity.Server.Configuration;
using SipSecurity.Server.Registrar;
using SipSecurity.Sip.Messages;
using static SipSecurity.Server.Tests.Registrar.RegisterRequests;

namespace SipSecurity.Server.Tests.Registrar;

public class SipRegistrarTests
{
    private const string Aor = "sip:alice@example.com";
    private readonly ManualTime _time = new();
    private readonly SipLocationService _locations = new();
    private readonly SipServerSettings _settings = new();
    private readonly SipRegistrar _registrar;

    public SipRegistrarTests() => _registrar = new SipRegistrar(_locations, _time);

    private SipResponse Send(SipRequest request, string? user = null) => _registrar.Handle(request, Udp, user, _settings);

    private static string[] ContactsOf(SipResponse response) =>
        response.GetContacts().Select(c => c.Address!.Uri.OriginalString + ";expires=" + c.Expires).ToArray();

    [Fact]
    public void AddsABindingAndListsItWithItsExpiry()
    {
        var response = Send(Register(contacts: "<sip:alice@192.0.2.10:5062>"));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(["sip:alice@192.0.2.10:5062;expires=3600"], ContactsOf(response));
        var binding = Assert.Single(_locations.Lookup(Aor, _time.GetUtcNow()));
        Assert.Equal("call-1", binding.CallId);
        Assert.Equal("test-phone", binding.UserAgent);
        Assert.Equal("192.0.2.10:5062", binding.Source);
        Assert.NotNull(response.GetTo()!.Tag);
    }

    [Fact]
    public void ContactParameterOverridesExpiresHeaderAndLongRequestsAreShortened()
    {
        var response = Send(Register(expires: "7200", contacts: ["<sip:a@192.0.2.10>;expires=120", "<sip:b@192.0.2.10>"]));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(["sip:a@192.0.2.10;expires=120", "sip:b@192.0.2.10;expires=3600"], ContactsOf(response).Order().ToArray());
    }

    [Fact]
    public void TooBriefIsRefusedWith423AndMinExpires()
    {
        var response = Send(Register(expires: "30", contacts: "<sip:alice@192.0.2.10>"));

        Assert.Equal(423, response.StatusCode);
        Assert.Equal(60u, response.GetMinExpires());
        Assert.Equal(0, _locations.Count);
    }

    [Fact]
    public void RefreshUpdatesExpiryAndZeroRemoves()
    {
        Send(Register(cseq: 1, contacts: "<sip:alice@192.0.2.10:5062>"));
        _time.Advance(TimeSpan.FromSeconds(600));
        var refresh = Send(Register(cseq: 2, contacts: "<sip:alice@192.0.2.10:5062>"));
        Assert.Equal(["sip:alice@192.0.2.10:5062;expires=3600"], ContactsOf(refresh));

        var removal = Send(Register(cseq: 3, expires: "0", contacts: "<sip:alice@192.0.2.10:5062>"));
        Assert.Equal(200, removal.StatusCode);
        Assert.Empty(removal.GetContacts());
        Assert.Equal(0, _locations.Count);
    }

    [Fact]
    public void EquivalentUrisAreOneBinding()
    {
        Send(Register(cseq: 1, contacts: "<sip:alice@HOST.example:5062;transport=udp>"));
        var response = Send(Register(cseq: 2, contacts: "<sip:alice@host.example:5062;transport=UDP>"));

        Assert.Single(response.GetContacts());
        Assert.Equal(1, _locations.Count);
    }

    [Fact]
    public void WildcardWithExpiresZeroRemovesEverything()
    {
        Send(Register(cseq: 1, contacts: ["<sip:a@192.0.2.10>", "<sip:b@192.0.2.11>"]));
        Assert.Equal(2, _locations.Count);

        var response = Send(Register(cseq: 2, expires: "0", contacts: "*"));

        Assert.Equal(200, response.StatusCode);
        Assert.Empty(response.GetContacts());
        Assert.Equal(0, _locations.Count);
    }

    [Theory]
    [InlineData("3600")]
    [InlineData(null)]
    public void WildcardWithoutExpiresZeroIs400(string? expires)
    {
        Send(Register(cseq: 1, contacts: "<sip:a@192.0.2.10>"));

        var response = Send(Register(cseq: 2, expires: expires, contacts: "*"));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(1, _locations.Count);
    }

    [Fact]
    public void SameCallIdWithOldCSeqChangesNothing()
    {
        Send(Register(cseq: 5, contacts: "<sip:a@192.0.2.10>;expires=300"));

        var stale = Send(Register(cseq: 5, contacts: "<sip:a@192.0.2.10>;expires=0"));

        Assert.Equal(400, stale.StatusCode);
        Assert.Equal(1, _locations.Count);
        // Another Call-ID (the phone restarted) may replace it whatever its CSeq.
        Assert.Equal(200, Send(Register(callId: "call-2", cseq: 1, contacts: "<sip:a@192.0.2.10>;expires=0")).StatusCode);
        Assert.Equal(0, _locations.Count);
    }

    [Fact]
    public void NoContactIsAQuery()
    {
        Send(Register(cseq: 1, contacts: ["<sip:a@192.0.2.10>;q=0.5", "<sip:b@192.0.2.10>;q=1"]));

        var query = Send(Register(cseq: 2, expires: null));

        Assert.Equal(200, query.StatusCode);
        Assert.Equal([1.0, 0.5], query.GetContacts().Select(c => c.Q!.Value).ToArray());
    }

    [Fact]
    public void ExpiredBindingsDisappear()
    {
        Send(Register(contacts: "<sip:a@192.0.2.10>;expires=60"));
        _time.Advance(TimeSpan.FromSeconds(61));

        Assert.Empty(_locations.Lookup(Aor, _time.GetUtcNow()));
        Assert.Equal(1, _locations.Sweep(_time.GetUtcNow()));
        Assert.Equal(0, _locations.Count);
        Assert.Null(Assert.Single(_locations.DrainChanges(), c => c.Value is null).Value);
    }

    [Fact]
    public void AuthenticatedUserMayOnlyRegisterTheirOwnAor()
    {
        Assert.Equal(403, Send(Register(user: "alice", contacts: "<sip:a@192.0.2.10>"), user: "bob").StatusCode);
        Assert.Equal(200, Send(Register(user: "alice", contacts: "<sip:a@192.0.2.10>"), user: "Alice").StatusCode);
    }

    [Fact]
    public void AFullAorDropsItsOldestBinding()
    {
        var settings = _settings with { MaxBindingsPerAor = 2 };
        _registrar.Handle(Register(callId: "c1", contacts: "<sip:a@192.0.2.10>"), Udp, null, settings);
        _time.Advance(TimeSpan.FromSeconds(1));
        _registrar.Handle(Register(callId: "c2", contacts: "<sip:b@192.0.2.10>"), Udp, null, settings);
        _time.Advance(TimeSpan.FromSeconds(1));
        var response = _registrar.Handle(Register(callId: "c3", contacts: "<sip:c@192.0.2.10>"), Udp, null, settings);

        Assert.Equal(["sip:b@192.0.2.10", "sip:c@192.0.2.10"], response.GetContacts().Select(c => c.Address!.Uri.OriginalString).Order().ToArray());
    }

    [Fact]
    public void UnsupportedExtensionIs420()
    {
        var response = Send(Register(extraHeader: "Require: outbound, path", contacts: "<sip:a@192.0.2.10>"));

        Assert.Equal(420, response.StatusCode);
        Assert.True(response.Headers.TryGetFirst("Unsupported", out var unsupported));
        Assert.Equal("outbound, path", unsupported.GetValue());
        Assert.Equal(0, _locations.Count);
    }

    [Fact]
    public void ChangesAreQueuedForTheStoreAndReconcileDropsRemovedOnes()
    {
        Send(Register(contacts: ["<sip:a@192.0.2.10>", "<sip:b@192.0.2.10>"]));
        var changes = _locations.DrainChanges();
        Assert.Equal(2, changes.Count(c => c.Value is not null));
        Assert.Empty(_locations.DrainChanges());
        _locations.MarkPersisted(changes);

        // An operator removed "a" from the store in another process.
        _locations.Reconcile(new HashSet<SipRegistrationKey> { new(Aor, "sip:b@192.0.2.10") });

        Assert.Equal(["sip:b@192.0.2.10"], _locations.Lookup(Aor, _time.GetUtcNow()).Select(r => r.Contact).ToArray());
    }

    [Fact]
    public void ReconcileDropsARemovedBindingWithItsPendingRefreshButKeepsNewOnes()
    {
        Send(Register(cseq: 1, contacts: "<sip:a@192.0.2.10>"));
        _locations.MarkPersisted(_locations.DrainChanges());
        // Refreshed (the refresh not written yet), then removed by an operator; meanwhile a new contact arrives.
        Send(Register(cseq: 2, contacts: ["<sip:a@192.0.2.10>", "<sip:new@192.0.2.10>"]));

        Assert.Equal(1, _locations.Reconcile(new HashSet<SipRegistrationKey>()));

        Assert.Equal(["sip:new@192.0.2.10"], _locations.Lookup(Aor, _time.GetUtcNow()).Select(r => r.Contact).ToArray());
        Assert.Equal(["sip:new@192.0.2.10"], _locations.DrainChanges().Keys.Select(k => k.Contact).ToArray());
    }

    [Fact]
    public void ChangesThatCouldNotBeWrittenAreRequeuedAndNewerOnesWin()
    {
        Send(Register(cseq: 1, contacts: "<sip:a@192.0.2.10>;expires=100"));
        var failed = _locations.DrainChanges();
        Send(Register(cseq: 2, contacts: "<sip:a@192.0.2.10>;expires=200"));

        _locations.Requeue(failed);

        var pending = Assert.Single(_locations.DrainChanges());
        Assert.Equal(2, pending.Value!.CSeq);
        // Never written: a store without it is no reason to drop it.
        Assert.Equal(0, _locations.Reconcile(new HashSet<SipRegistrationKey>()));
    }

    [Fact]
    public void LoadRestoresOnlyUnexpiredBindings()
    {
        var now = _time.GetUtcNow();
        SipRegistration Binding(string contact, int seconds) => new()
        {
            Aor = Aor, Contact = contact, Expires = now.AddSeconds(seconds), CallId = "c", CSeq = 1,
            Transport = SipTransportKind.Tcp, Source = "192.0.2.10:5060", Updated = now,
        };

        _locations.Load([Binding("sip:a@192.0.2.10", 100), Binding("sip:b@192.0.2.10", -1)], now);

        Assert.Equal(1, _locations.Count);
        Assert.Empty(_locations.DrainChanges());
    }
}
