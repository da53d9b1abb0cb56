using System.Runtime.InteropServices;
using System.Text;

namespace RydBox.Simulator.Terminals;

/// <summary>
/// A Linux pseudo-terminal pair: a client opens <see cref="SlavePath"/> as if it were a serial
/// adapter, and the owner of this object plays the adapter on the master side (the ELM327
/// emulator, or a test's scripted adapter).
/// </summary>
public sealed partial class PseudoTerminal : IDisposable
{
    private const int ReadWrite = 2;
    private const int NoControllingTerminal = 0x100;
    private const short PollIn = 0x001;
    private const short PollHangUp = 0x010;
    private const int TermiosSize = 64;
    private const int InputOutputError = 5;
    private const int TryAgain = 11;
    private const int Interrupted = 4;

    private readonly int _master;
    private bool _disposed;

    public PseudoTerminal()
    {
        _master = posix_openpt(ReadWrite | NoControllingTerminal);
        if (_master < 0 || grantpt(_master) != 0 || unlockpt(_master) != 0)
        {
            throw new IOException($"cannot create a pseudo-terminal (errno {Marshal.GetLastPInvokeError()})");
        }

        var name = new byte[128];
        if (ptsname_r(_master, name, (nuint)name.Length) != 0)
        {
            throw new IOException("ptsname_r failed");
        }

        SlavePath = Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));
        var termios = new byte[TermiosSize];
        tcgetattr(_master, termios);
        cfmakeraw(termios);
        tcsetattr(_master, 0, termios);

        // The master reports a hang-up only once the slave has been opened and closed again, so
        // do that once: from then on a hang-up means exactly "no client has it open".
        int slave = open(SlavePath, ReadWrite | NoControllingTerminal);
        if (slave < 0)
        {
            throw new IOException($"cannot open {SlavePath} (errno {Marshal.GetLastPInvokeError()})");
        }

        close(slave);
    }

    public string SlavePath { get; }

    /// <summary>The bit rate the slave side was last set to, in bits per second.</summary>
    public int SlaveBaudRate
    {
        get
        {
            var termios = new byte[TermiosSize];
            tcgetattr(_master, termios);
            return cfgetospeed(termios) switch
            {
                0xD => 9600,
                0xE => 19200,
                0xF => 38400,
                0x1001 => 57600,
                0x1002 => 115200,
                0x1003 => 230400,
                0x1005 => 500000,
                var code => -(int)code,
            };
        }
    }

    /// <summary>
    /// True while a client has the slave side open; false before the first open and after the
    /// last close (the master then reports a hang-up).
    /// </summary>
    public bool IsPeerOpen
    {
        get
        {
            var poll = new PollFd { Fd = _master, Events = PollIn };
            poll_(ref poll, 1, 0);
            return (poll.Revents & PollHangUp) == 0;
        }
    }

    /// <summary>Reads what the slave side wrote; 0 when nothing arrived within the timeout or no one has the slave open.</summary>
    public int Read(byte[] buffer, int timeoutMilliseconds)
    {
        var poll = new PollFd { Fd = _master, Events = PollIn };
        if (poll_(ref poll, 1, timeoutMilliseconds) <= 0 || (poll.Revents & PollIn) == 0)
        {
            if (poll.Revents != 0)
            {
                Thread.Sleep(Math.Min(timeoutMilliseconds, 20)); // slave closed: wait for it to reopen
            }

            return 0;
        }

        long n = read(_master, buffer, (nuint)buffer.Length);
        if (n < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            return errno is InputOutputError or TryAgain or Interrupted ? 0 : throw new IOException($"pty read failed (errno {errno})");
        }

        return (int)n;
    }

    public void Write(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            long n = write(_master, data.ToArray(), (nuint)data.Length);
            if (n <= 0)
            {
                throw new IOException($"pty write failed (errno {Marshal.GetLastPInvokeError()})");
            }

            data = data[(int)n..];
        }
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            close(_master);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int posix_openpt(int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int grantpt(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int unlockpt(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int ptsname_r(int fd, [Out] byte[] buffer, nuint length);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int tcgetattr(int fd, [Out] byte[] termios);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int tcsetattr(int fd, int optionalActions, [In] byte[] termios);

    [LibraryImport("libc")]
    private static partial void cfmakeraw([In, Out] byte[] termios);

    [LibraryImport("libc")]
    private static partial uint cfgetospeed([In] byte[] termios);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int poll_(ref PollFd fds, nuint count, int timeout);

    [LibraryImport("libc", SetLastError = true)]
    private static partial long read(int fd, [Out] byte[] buffer, nuint count);

    [LibraryImport("libc", SetLastError = true)]
    private static partial long write(int fd, [In] byte[] buffer, nuint count);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);
}
