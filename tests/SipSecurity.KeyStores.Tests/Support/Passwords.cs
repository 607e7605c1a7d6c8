namespace SipSecurity.KeyStores.Tests.Support;

/// <summary>Test passwords, handed to the tools as environment variables (<c>-storepass:env</c>, <c>-passin env:</c>).</summary>
internal static class Passwords
{
    public const string Store = "St0re-Secret-9";
    public const string Key = "K3y-Secret-7";
    public const string Export = "Exp0rt-Secret-5";
    public const string Wrong = "Wr0ng-Guess-1";

    public static readonly IDictionary<string, string> Environment = new Dictionary<string, string>
    {
        ["SP"] = Store,
        ["KP"] = Key,
        ["EP"] = Export,
    };

    public static void AssertAbsent(string? message)
    {
        Assert.NotNull(message);
        foreach (string secret in new[] { Store, Key, Export, Wrong })
        {
            Assert.DoesNotContain(secret, message, StringComparison.Ordinal);
        }
    }
}
