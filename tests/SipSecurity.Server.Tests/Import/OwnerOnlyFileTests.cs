using SipSecurity.Server.Export;

namespace SipSecurity.Server.Tests.Import;

public class OwnerOnlyFileTests
{
    [Fact]
    public void Files_are_owner_only_and_not_overwritten_without_force()
    {
        using var fx = new ImportFixture();
        var path = Path.Combine(fx.Temp.Folder, "out.json");
        File.WriteAllText(path, "old");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        }

        Assert.Equal("ExportFileExists", Assert.Throws<SipSecurityException>(() => OwnerOnlyFile.Write(path, "new", overwrite: false)).ErrorId);
        Assert.Equal("old", File.ReadAllText(path));

        OwnerOnlyFile.Write(path, "new", overwrite: true);
        Assert.Equal("new", File.ReadAllText(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Single(Directory.GetFiles(fx.Temp.Folder, "*out.json*"));
    }

    [Fact]
    public void Exported_properties_import_back_to_the_same_users()
    {
        using var source = new ImportFixture();
        source.ImportJBoss("admin=" + ImportFixture.AdminA1 + "\nbob=" + ImportFixture.AdminA1.ToUpperInvariant(), "admin=caller,role1");
        var export = JBossUserStoreExporter.Build(source.Temp.Store);
        Assert.Equal(["admin", "bob"], export.Exported);

        using var target = new ImportFixture();
        target.ImportJBoss(export.UsersText, export.RolesText);
        Assert.Equal(source.ExportJson(), target.ExportJson());
    }
}
