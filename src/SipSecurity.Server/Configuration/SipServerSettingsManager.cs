using System.Globalization;
using SipSecurity.Server.Store;

namespace SipSecurity.Server.Configuration;

/// <summary>Reads and changes the server-wide settings; a change is validated as a whole before it is stored.</summary>
public sealed class SipServerSettingsManager
{
    private readonly IConfigStore _store;

    public SipServerSettingsManager(IConfigStore store) => _store = store ?? throw new ArgumentNullException(nameof(store));

    public SipServerSettings Get() => _store.Read(reader => reader.GetServerSettings());

    /// <summary>What <see cref="Set"/> would store, validated but not written (for -WhatIf).</summary>
    public SipServerSettingsChange Plan(Func<SipServerSettings, SipServerSettings> change) => _store.Read(reader => Plan(reader, change));

    /// <summary>Applies <paramref name="change"/> to the stored settings; writes (and raises the revision) only when something differs.</summary>
    public SipServerSettingsChange Set(Func<SipServerSettings, SipServerSettings> change)
    {
        return _store.Write(writer =>
        {
            var plan = Plan(writer, change);
            if (plan.Changed)
            {
                writer.PutServerSettings(plan.After);
            }

            return plan;
        });
    }

    private static SipServerSettingsChange Plan(IConfigReader reader, Func<SipServerSettings, SipServerSettings> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var before = reader.GetServerSettings();
        var after = change(before) ?? throw new ArgumentException("The change returned no settings.", nameof(change));
        after.Validate();
        return new SipServerSettingsChange(before, after);
    }
}

/// <summary>Server settings before and after a change.</summary>
public sealed record SipServerSettingsChange(SipServerSettings Before, SipServerSettings After)
{
    public bool Changed => Before != After;

    /// <summary>One line per changed setting ("MaxExpires: 3600 -> 7200"), for -WhatIf.</summary>
    public IEnumerable<string> Describe()
    {
        foreach (var property in typeof(SipServerSettings).GetProperties())
        {
            var before = property.GetValue(Before);
            var after = property.GetValue(After);
            if (!Equals(before, after))
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"{property.Name}: {before} -> {after}");
            }
        }
    }
}
