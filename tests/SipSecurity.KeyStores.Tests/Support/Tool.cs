using System.Diagnostics;

namespace SipSecurity.KeyStores.Tests.Support;

/// <summary>Runs keytool or openssl as a child process; passwords go through environment variables, never argv.</summary>
internal static class Tool
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string All => Output + Error;
    }

    public static Result Run(string fileName, IEnumerable<string> arguments, IDictionary<string, string>? environment = null, string? workingDirectory = null, byte[]? stdin = null, int timeoutMs = 60_000)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Keep keytool's output in English and its JVM small and quick to start.
        info.Environment["LC_ALL"] = "C";
        info.Environment["JAVA_TOOL_OPTIONS"] = "-Duser.language=en -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using Process process = Process.Start(info)!;
        if (stdin is not null)
        {
            process.StandardInput.BaseStream.Write(stdin);
            process.StandardInput.Close();
        }

        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutMs))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish in {timeoutMs} ms");
        }

        return new Result(process.ExitCode, output.Result, error.Result);
    }

    public static Result Keytool(params string[] arguments) => Run("keytool", arguments, Passwords.Environment);

    public static Result Openssl(params string[] arguments) => Run("openssl", arguments, Passwords.Environment);

    public static Result Ok(this Result result)
    {
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Output}\n{result.Error}");
        return result;
    }
}
