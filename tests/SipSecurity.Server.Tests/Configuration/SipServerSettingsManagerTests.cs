using SipSecurity.Server.Configuration;

namespace SipSecurity.Server.Tests.Configuration;

public class SipServerSettingsManagerTests
{
    [Fact]
    public void Set_changes_what_it_is_given_describes_it_and_is_idempotent()
    {
        using var temp = new TempStore();
        var manager = new SipServerSettingsManager(temp.Store);

        var plan = manager.Plan(s => s with { MaxExpires = 7200, NonceLifetime = TimeSpan.FromMinutes(10) });
        Assert.Equal(new SipServerSettings(), manager.Get());
        var first = manager.Set(s => s with { MaxExpires = 7200, NonceLifetime = TimeSpan.FromMinutes(10) });
        var revision = temp.Store.ReadRevision();
        var second = manager.Set(s => s with { MaxExpires = 7200 });

        Assert.Equal(["NonceLifetime: 00:05:00 -> 00:10:00", "MaxExpires: 3600 -> 7200"], plan.Describe());
        Assert.True(first.Changed);
        Assert.False(second.Changed);
        Assert.Empty(second.Describe());
        Assert.Equal(revision, temp.Store.ReadRevision());
        Assert.Equal(new SipServerSettings { MaxExpires = 7200, NonceLifetime = TimeSpan.FromMinutes(10) }, manager.Get());
    }

    [Fact]
    public void An_invalid_combination_is_refused_and_nothing_is_stored()
    {
        using var temp = new TempStore();
        var manager = new SipServerSettingsManager(temp.Store);

        var error = Assert.Throws<SipSecurityException>(() => manager.Set(s => s with { MinExpires = 600, DefaultExpires = 300 }));

        Assert.Equal("InvalidSetting", error.ErrorId);
        Assert.Equal("DefaultExpires", error.Target);
        Assert.Equal(new SipServerSettings(), manager.Get());
    }
}
