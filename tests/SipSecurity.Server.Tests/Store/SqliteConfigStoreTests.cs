using Microsoft.Data.Sqlite;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Store.Sqlite;

namespace SipSecurity.Server.Tests.Store;

public class SqliteConfigStoreTests
{
    [Fact]
    public void A_new_store_has_the_seed_defaults()
    {
        using var temp = new TempStore();
        var login = temp.Store.Read(r => r.GetLoginConfig());
        var servlets = temp.Store.Read(r => r.GetServlets());

        Assert.Equal("sip-servlets", login.Realm);
        Assert.Equal(SipAuthMethod.Digest, login.AuthMethod);
        Assert.Equal(["proxy", "registrar"], servlets.Select(s => s.Name));
        Assert.Equal(["REGISTER"], servlets.Single(s => s.Name == "registrar").Methods);
        Assert.Equal(["*"], servlets.Single(s => s.Name == "proxy").Methods);
    }

    [Fact]
    public void The_store_file_is_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var temp = new TempStore();
        new SipUserManager(temp.Store).Add("alice", SipUserSecret.FromPassword("pw".ToCharArray()));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(temp.Path_));
        foreach (var sidecar in new[] { "-wal", "-shm" })
        {
            if (File.Exists(temp.Path_ + sidecar))
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(temp.Path_ + sidecar));
            }
        }
    }

    [Fact]
    public void The_password_is_not_in_the_file()
    {
        using var temp = new TempStore();
        new SipUserManager(temp.Store).Add("alice", SipUserSecret.FromPassword("Correct-Horse-Battery".ToCharArray()));
        temp.Store.Dispose();

        var bytes = File.ReadAllBytes(temp.Path_).Concat(File.Exists(temp.Path_ + "-wal") ? File.ReadAllBytes(temp.Path_ + "-wal") : []).ToArray();
        Assert.Equal(-1, bytes.AsSpan().IndexOf("Correct-Horse-Battery"u8));
        Assert.Equal(-1, bytes.AsSpan().IndexOf(System.Text.Encoding.Unicode.GetBytes("Correct-Horse-Battery")));
    }

    [Fact]
    public void Every_write_raises_the_revision_and_a_failed_one_does_not()
    {
        using var temp = new TempStore();
        var users = new SipUserManager(temp.Store);
        var before = temp.Store.ReadRevision();
        users.Add("alice", SipUserSecret.FromPassword("pw".ToCharArray()));
        var afterAdd = temp.Store.ReadRevision();
        Assert.Throws<SipSecurityException>(() => users.Add("alice", SipUserSecret.FromPassword("pw".ToCharArray())));

        Assert.Equal(before + 1, afterAdd);
        Assert.Equal(afterAdd, temp.Store.ReadRevision());
    }

    [Fact]
    public void An_exception_inside_a_write_rolls_everything_back()
    {
        using var temp = new TempStore();
        Assert.Throws<InvalidOperationException>(() => temp.Store.Write<bool>(w =>
        {
            w.PutServlet(new SipServlet("half", SipServletKind.Proxy, ["MESSAGE"]));
            throw new InvalidOperationException("boom");
        }));

        Assert.DoesNotContain(temp.Store.Read(r => r.GetServlets()), s => s.Name == "half");
    }

    [Fact]
    public void A_store_from_a_newer_schema_is_refused_and_left_alone()
    {
        using var temp = new TempStore();
        temp.Store.Dispose();
        SetUserVersion(temp.Path_, 99);
        var before = File.ReadAllBytes(temp.Path_);

        var error = Assert.Throws<SipSecurityException>(() => SqliteConfigStore.Open(temp.Path_));

        Assert.Equal("StoreSchemaTooNew", error.ErrorId);
        Assert.Contains(temp.Path_, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(temp.Path_));
        SetUserVersion(temp.Path_, SqliteSchema.CurrentVersion);
        temp.Reopen();
    }

    [Fact]
    public void A_corrupt_file_is_refused_and_left_alone()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sipsec-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "sipsecurity.db");
        var garbage = new byte[8192];
        new Random(42).NextBytes(garbage);
        File.WriteAllBytes(path, garbage);

        var error = Assert.Throws<SipSecurityException>(() => SqliteConfigStore.Open(path));

        Assert.Equal("StoreCorrupt", error.ErrorId);
        Assert.Equal(garbage, File.ReadAllBytes(path));
        Directory.Delete(folder, true);
    }

    [Fact]
    public void An_unwritable_location_gives_a_clear_error()
    {
        var error = Assert.Throws<SipSecurityException>(() => SqliteConfigStore.Open("/proc/sipsecurity-test/sipsecurity.db"));
        Assert.Equal("StoreReadOnly", error.ErrorId);
        Assert.Contains("/proc/sipsecurity-test", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_writers_on_separate_connections_lose_nothing()
    {
        using var temp = new TempStore();
        var tasks = Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            using var store = SqliteConfigStore.Open(temp.Path_);
            var users = new SipUserManager(store);
            for (var i = 0; i < 100; i++)
            {
                users.Add($"w{worker}-u{i}", SipUserSecret.FromA1(SipSecurity.Server.Security.Digest.DigestAlgorithm.MD5, new string('a', 32), "x"));
            }
        })).ToArray();
        await Task.WhenAll(tasks);

        Assert.Equal(400, temp.Store.Read(r => r.CountUsers()));
    }

    private static void SetUserVersion(string path, int version)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA user_version = {version};";
        command.ExecuteNonQuery();
    }
}
