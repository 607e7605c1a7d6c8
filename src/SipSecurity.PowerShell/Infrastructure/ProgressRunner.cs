using System.Management.Automation;

namespace SipSecurity.PowerShell;

/// <summary>
/// Runs slow work (key generation) off the pipeline thread and reports Write-Progress while it takes
/// longer than a second; cmdlet output must stay on the pipeline thread, so this thread waits.
/// </summary>
internal static class ProgressRunner
{
    public static T Run<T>(Cmdlet cmdlet, string activity, string status, Func<T> work)
    {
        var task = Task.Run(work);
        if (task.Wait(TimeSpan.FromSeconds(1)))
        {
            return task.GetAwaiter().GetResult();
        }

        var record = new ProgressRecord(Math.Abs(activity.GetHashCode(StringComparison.Ordinal)) % 100000, activity, status);
        var started = DateTime.UtcNow;
        while (!task.Wait(TimeSpan.FromMilliseconds(250)))
        {
            record.StatusDescription = $"{status} ({(DateTime.UtcNow - started).TotalSeconds:0}s)";
            cmdlet.WriteProgress(record);
        }

        record.RecordType = ProgressRecordType.Completed;
        cmdlet.WriteProgress(record);
        return task.GetAwaiter().GetResult();
    }
}
