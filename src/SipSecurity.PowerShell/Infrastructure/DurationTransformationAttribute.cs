using System.Globalization;
using System.Management.Automation;

namespace SipSecurity.PowerShell;

/// <summary>
/// Lets a TimeSpan parameter take a number of seconds (300) or a string ("00:05:00", "300"): PowerShell's own
/// conversion would read a number as ticks, turning "-NonceLifetime 300" into 30 microseconds.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class DurationTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value switch
        {
            TimeSpan span => span,
            int or long or short or byte or sbyte or uint or ushort or ulong => TimeSpan.FromSeconds(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
            double or float or decimal => TimeSpan.FromSeconds(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
            string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) => TimeSpan.FromSeconds(seconds),
            string text when TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) => span,
            string text => throw new ArgumentTransformationMetadataException(
                $"'{text}' is not a duration: use a TimeSpan, a string like 00:05:00, or a number of seconds."),
            _ => inputData,
        };
    }
}
