using System.Diagnostics;
using System.Globalization;

namespace RydBox.Benchmarks.Gateway;

/// <summary>CPU, memory and limits of this process and others, as Linux's /proc reports them.</summary>
internal static class ProcessStats
{
    /// <summary>The soft limit on open files ("ulimit -n"), or null where /proc/self/limits is missing.</summary>
    public static long? OpenFileLimit()
    {
        try
        {
            string? line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            string[]? parts = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts is { Length: >= 4 } && long.TryParse(parts[3], CultureInfo.InvariantCulture, out long soft) ? soft : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Processes named <paramref name="name"/> whose parent is this process (influxd started by InfluxServer).</summary>
    public static int? ChildNamed(string name)
    {
        int self = Environment.ProcessId;
        foreach (Process process in Process.GetProcessesByName(name))
        {
            using (process)
            {
                try
                {
                    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
                    string stat = File.ReadAllText($"/proc/{process.Id}/stat");
                    string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    if (int.Parse(fields[1], CultureInfo.InvariantCulture) == self)
                    {
                        return process.Id;
                    }
                }
                catch (IOException)
                {
                    // gone meanwhile
                }
            }
        }

        return null;
    }

    /// <summary>A process's user + system CPU so far, or null once it has gone.</summary>
    public static TimeSpan? Cpu(Process? process)
    {
        if (process is null)
        {
            return null;
        }

        try
        {
            process.Refresh();
            return process.HasExited ? null : process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A process's resident memory now, or null once it has gone.</summary>
    public static long? WorkingSet(Process? process)
    {
        if (process is null)
        {
            return null;
        }

        try
        {
            process.Refresh();
            return process.HasExited ? null : process.WorkingSet64;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>This process's memory after a full, compacting collection.</summary>
    public static (long Managed, long WorkingSet) SettledMemory()
    {
        for (int i = 0; i < 2; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using Process self = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: false), self.WorkingSet64);
    }
}
