using SipSecurity.Server.Configuration;
using SipSecurity.Server.Export;
using SipSecurity.Server.Import;

namespace SipSecurity.Server.Tests.Import;

/// <summary>A temp store plus a folder for import files.</summary>
internal sealed class ImportFixture : IDisposable
{
    public const string AdminA1 = "81c2aeb4f2fd13664c66164c61a24137";

    public TempStore Temp { get; } = new();

    public string File(string name, string text)
    {
        var path = Path.Combine(Temp.Folder, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public SipConfigurationImporter Importer => new(Temp.Store);

    public SipImportResult ImportJBoss(string users, string? roles, bool force = false, string? realm = null)
    {
        using var source = JBossUserStoreReader.Read(File("users.properties", users), roles is null ? null : File("roles.properties", roles));
        using var desired = new DesiredConfiguration { Source = source.Description, Users = source.Users };
        return Importer.Apply(desired, new SipImportOptions { UsersMustBeNew = true, ReplaceExistingUsers = force, ExpectedRealm = realm });
    }

    public SipImportResult ImportSipXml(string xml, bool force = false)
    {
        using var desired = SipApplicationDescriptorReader.Read(File("sip.xml", xml));
        return Importer.Apply(desired, new SipImportOptions { AllowRealmChange = force });
    }

    public string ExportJson(bool credentials = true) => SipConfigurationExporter.ToJson(SipConfigurationExporter.Export(Temp.Store, credentials));

    public IReadOnlyList<SipUser> Users => new SipUserManager(Temp.Store).Find();

    public void Dispose() => Temp.Dispose();
}
