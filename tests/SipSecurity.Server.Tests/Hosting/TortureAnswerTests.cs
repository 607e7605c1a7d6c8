using SipSecurity.Sip.Tests.Vectors;

namespace SipSecurity.Server.Tests.Hosting;

/// <summary>
/// RFC 4475 end to end: each message sent to a running server over TCP gets the answer the RFC
/// expects (or none, for responses), and the server goes on answering.
/// </summary>
public sealed class TortureAnswerTests : IAsyncLifetime
{
    // Vectors about datagram framing (trailing octets, a Content-Length beyond the datagram) mean something else on a stream.
    private static readonly HashSet<string> s_datagramOnly = ["valid/dblreq.dat", "invalid/clerr.dat", "unclassified/baddn.sipsorcery-variant.dat"];

    private TestServer _server = null!;

    public static TheoryData<string> Mandated()
    {
        var data = new TheoryData<string>();
        foreach (var vector in Rfc4475Vectors.All.Where(v => v.ServerStatus != Rfc4475Expectation.Process && !s_datagramOnly.Contains(v.File)))
        {
            data.Add(vector.File);
        }

        return data;
    }

    public Task InitializeAsync()
    {
        _server = TestServer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [MemberData(nameof(Mandated))]
    public async Task Gets_the_answer_the_RFC_expects(string file)
    {
        var expected = Rfc4475Vectors.ExpectedServerStatus(file);

        var status = await _server.SendOverTcpAsync(VectorLocator.Read(file), TimeSpan.FromMilliseconds(expected is null ? 300 : 5000));

        Assert.Equal(expected, status);
    }
}
