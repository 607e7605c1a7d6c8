using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Parsing;
using SipSecurity.Sip.Writing;

namespace SipSecurity.Sip.Tests.Properties;

public class RoundTripProperties
{
    [Property(MaxTest = 300)]
    public Property Parse_of_serialize_is_the_same_message() =>
        Prop.ForAll(Arb.From(MessageGenerators.Message), message =>
        {
            var bytes = SipMessageWriter.ToArray(message);
            var result = SipParser.Parse(bytes.AsSpan(), SipParseMode.Stream);
            Assert.Equal(SipParseStatus.Complete, result.Status);
            Assert.Equal(bytes.Length, result.Consumed);
            MessageAssert.Equivalent(message, result.Message!);
            SipMessageValidator.Validate(result.Message!);
        });

    [Property(MaxTest = 100)]
    public Property Two_messages_back_to_back_frame_on_a_stream() =>
        Prop.ForAll(Arb.From(MessageGenerators.Message), Arb.From(MessageGenerators.Message), (first, second) =>
        {
            var bytes = SipMessageWriter.ToArray(first).Concat(SipMessageWriter.ToArray(second)).ToArray();
            var one = SipParser.Parse(bytes.AsMemory(), SipParseMode.Stream);
            var two = SipParser.Parse(bytes.AsMemory((int)one.Consumed), SipParseMode.Stream);
            MessageAssert.Equivalent(first, one.Message!);
            MessageAssert.Equivalent(second, two.Message!);
            Assert.Equal(bytes.Length, one.Consumed + two.Consumed);
        });

    [Property(MaxTest = 200)]
    public Property Generated_uris_equal_themselves_reparsed() =>
        Prop.ForAll(Arb.From(MessageGenerators.SipUri), text =>
        {
            var a = SipSecurity.Sip.Uri.SipUri.Parse(text);
            var b = SipSecurity.Sip.Uri.SipUri.Parse(a.ToString());
            Assert.Equal(a, b);
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
        });
}
