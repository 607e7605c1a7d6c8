using SipSecurity.Server.Configuration;
using SipSecurity.Server.Import;

namespace SipSecurity.Server.Tests.Import;

public class SipConfigurationRoundTripTests
{
    private static void Populate(ImportFixture fx)
    {
        fx.ImportSipXml(SipApplicationDescriptorImportTests.SeedSipXml);
        fx.ImportJBoss("admin=" + ImportFixture.AdminA1, "admin=caller,role1");
        new SipUserManager(fx.Temp.Store).Add("carol", SipUserSecret.FromPassword("pw".ToCharArray()), ["caller"], enabled: false);
    }

    private static SipImportResult ImportJson(ImportFixture fx, string json, bool replace = false)
    {
        using var desired = SipConfigurationReader.Read(fx.File("config.json", json));
        return fx.Importer.Apply(desired, new SipImportOptions { Replace = replace });
    }

    [Fact]
    public void Export_import_into_a_fresh_store_and_export_again_gives_identical_json()
    {
        using var source = new ImportFixture();
        Populate(source);
        var first = source.ExportJson();
        Assert.Contains("\"schemaVersion\": 1", first, StringComparison.Ordinal);
        Assert.DoesNotContain("created", first, StringComparison.OrdinalIgnoreCase);

        using var target = new ImportFixture();
        ImportJson(target, first, replace: true);
        Assert.Equal(first, target.ExportJson());

        using var merged = new ImportFixture();
        ImportJson(merged, first);
        Assert.Equal(first, merged.ExportJson());
    }

    [Fact]
    public void Without_credentials_existing_hashes_are_kept_and_new_users_are_refused()
    {
        using var fx = new ImportFixture();
        Populate(fx);
        var withHashes = fx.ExportJson();
        var json = fx.ExportJson(credentials: false);
        Assert.DoesNotContain(ImportFixture.AdminA1, json, StringComparison.Ordinal);

        var result = ImportJson(fx, json.Replace("\"role1\"", "\"role9\"", StringComparison.Ordinal));
        Assert.Equal(["admin"], result.UsersReplaced);
        Assert.Equal(withHashes.Replace("\"role1\"", "\"role9\"", StringComparison.Ordinal), fx.ExportJson());

        using var fresh = new ImportFixture();
        var error = Assert.Throws<SipSecurityException>(() => ImportJson(fresh, json));
        Assert.Equal("UserWithoutCredentials", error.ErrorId);
        Assert.Empty(fresh.Users);
    }

    [Fact]
    public void Replace_removes_what_the_file_lacks_and_merge_keeps_it()
    {
        using var fx = new ImportFixture();
        var empty = fx.ExportJson();
        Populate(fx);
        var before = fx.ExportJson();

        // Merging the fresh store's registrar takes REGISTER back from SimpleSipServlet, which a kept constraint names.
        Assert.Equal("ServletInUse", Assert.Throws<SipSecurityException>(() => ImportJson(fx, empty)).ErrorId);
        Assert.Equal(before, fx.ExportJson());
        ImportJson(fx, "{ \"schemaVersion\": 1, \"users\": [] }");
        Assert.Equal(before, fx.ExportJson());

        var result = ImportJson(fx, empty, replace: true);
        Assert.Equal(["admin", "carol"], result.UsersRemoved.Order(StringComparer.Ordinal));
        Assert.Equal(empty, fx.ExportJson());
    }

    [Fact]
    public void Unknown_schema_versions_and_members_are_refused()
    {
        using var fx = new ImportFixture();
        Assert.Equal("UnsupportedSchemaVersion", Assert.Throws<SipSecurityException>(() => ImportJson(fx, "{\"schemaVersion\": 2}")).ErrorId);
        var error = Assert.Throws<SipSecurityException>(() => ImportJson(fx, "{\n  \"schemaVersion\": 1,\n  \"userz\": []\n}"));
        Assert.Equal("InvalidConfigurationJson", error.ErrorId);
        Assert.StartsWith("config.json:3: ", error.Message, StringComparison.Ordinal);
    }
}
