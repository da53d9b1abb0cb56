using System.Runtime.InteropServices;

namespace RydBox.Box.Host.Storage;

/// <summary>
/// fsync on a directory, which makes a rename inside it durable. .NET cannot open a directory as a
/// file, hence libc. Without it a power cut shortly after a rename may bring back the old file.
/// </summary>
internal static class DirectorySync
{
    // O_RDONLY; O_DIRECTORY is left out because its value differs between x86 and ARM.
    private const int ReadOnly = 0;

    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        int descriptor = open(directory, ReadOnly);
        if (descriptor < 0)
        {
            throw new IOException($"cannot open {directory} to sync it (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (fsync(descriptor) != 0)
            {
                throw new IOException($"fsync of {directory} failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            close(descriptor);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int fsync(int descriptor);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int descriptor);
}
