using SipSecurity.Server.Store;

namespace SipSecurity.Server.Import;

/// <summary>
/// Applies a <see cref="DesiredConfiguration"/> (from JBoss/Tomcat user files, sip.xml or a configuration
/// JSON file) to the store in one transaction, after checking every rule; on any error nothing changes.
/// </summary>
public sealed class SipConfigurationImporter
{
    private readonly IConfigStore _store;
    private readonly TimeProvider _time;

    public SipConfigurationImporter(IConfigStore store, TimeProvider? time = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>What <see cref="Apply"/> would do, without writing (for -WhatIf).</summary>
    public SipImportResult Plan(DesiredConfiguration desired, SipImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(options);
        return _store.Read(reader => ConfigurationPlanner.Plan(reader, desired, options, _time.GetUtcNow()));
    }

    public SipImportResult Apply(DesiredConfiguration desired, SipImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(options);
        return _store.Write(writer =>
        {
            var result = ConfigurationPlanner.Plan(writer, desired, options, _time.GetUtcNow());
            result.ApplyTo(writer);
            return result;
        });
    }
}
