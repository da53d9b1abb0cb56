using Microsoft.Data.Sqlite;

namespace RydBox.Gateway.Events.Processing;

/// <summary>
/// The savepoint around one device's writes in a round, opened at its first write: most rounds
/// write nothing for most devices (their observations wait or move only the state in memory), and
/// a failure before the first write has nothing in the database to undo.
/// </summary>
internal sealed class DeviceSavepoint(SqliteTransaction transaction)
{
    private const string Name = "device";
    private bool _open;

    public void BeforeWrite()
    {
        if (!_open)
        {
            transaction.Save(Name);
            _open = true;
        }
    }

    public void Release()
    {
        if (_open)
        {
            transaction.Release(Name);
            _open = false;
        }
    }

    /// <summary>Undoes the device's writes of this round, if it made any.</summary>
    public void Undo()
    {
        if (_open)
        {
            transaction.Rollback(Name);
            transaction.Release(Name);
            _open = false;
        }
    }
}
