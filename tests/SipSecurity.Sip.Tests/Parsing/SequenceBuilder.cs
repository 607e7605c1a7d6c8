using System.Buffers;

namespace SipSecurity.Sip.Tests.Parsing;

/// <summary>Builds multi-segment sequences, as a pipe hands over data received in pieces.</summary>
internal sealed class SequenceBuilder : ReadOnlySequenceSegment<byte>
{
    private SequenceBuilder(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    public static ReadOnlySequence<byte> OneBytePerSegment(byte[] bytes)
    {
        var first = new SequenceBuilder(bytes.AsMemory(0, 1), 0);
        var last = first;
        for (var i = 1; i < bytes.Length; i++)
        {
            var next = new SequenceBuilder(bytes.AsMemory(i, 1), i);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, 1);
    }
}
