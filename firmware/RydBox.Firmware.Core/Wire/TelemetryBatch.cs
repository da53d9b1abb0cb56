using System;

namespace RydBox.Firmware.Wire
{
    /// <summary>
    /// The samples of one telemetry message: rows at increasing timestamps, one column per signal,
    /// integer values (raw PID integers, fixed-point GNSS). A signal may be missing from a row
    /// (not due in its tier, not read); the presence mask records that. Preallocated and reused.
    /// </summary>
    public sealed class TelemetryBatch
    {
        /// <summary>Rows are tracked in one 64-bit presence mask per column.</summary>
        public const int MaxRowLimit = 64;

        private readonly long[] _rowTimes;
        private readonly int[] _signalIds;
        private readonly ulong[] _presence;
        private readonly long[] _values;
        private readonly int _maxRows;

        public TelemetryBatch(int maxRows, int maxColumns)
        {
            if (maxRows < 1 || maxRows > MaxRowLimit)
            {
                throw new ArgumentOutOfRangeException("maxRows");
            }

            _maxRows = maxRows;
            _rowTimes = new long[maxRows];
            _signalIds = new int[maxColumns];
            _presence = new ulong[maxColumns];
            _values = new long[maxRows * maxColumns];
        }

        public int RowCount { get; private set; }

        public int ColumnCount { get; private set; }

        public int MaxRows
        {
            get { return _maxRows; }
        }

        public int MaxColumns
        {
            get { return _signalIds.Length; }
        }

        public bool IsFull
        {
            get { return RowCount == _maxRows; }
        }

        /// <summary>Signals dropped because every column was taken; non-zero means MaxColumns is too small.</summary>
        public int RejectedValues { get; private set; }

        public void Clear()
        {
            RowCount = 0;
            ColumnCount = 0;
            RejectedValues = 0;
        }

        /// <summary>Starts a row; false when the batch is full or the time does not increase.</summary>
        public bool BeginRow(long unixMilliseconds)
        {
            if (RowCount == _maxRows || (RowCount > 0 && unixMilliseconds <= _rowTimes[RowCount - 1]))
            {
                return false;
            }

            _rowTimes[RowCount] = unixMilliseconds;
            RowCount++;
            return true;
        }

        /// <summary>Puts a value into the current row; false when no row is open or no column is free.</summary>
        public bool Set(int signalId, long value)
        {
            if (RowCount == 0)
            {
                return false;
            }

            int column = ColumnOf(signalId);
            if (column < 0)
            {
                if (ColumnCount == _signalIds.Length)
                {
                    RejectedValues++;
                    return false;
                }

                column = ColumnCount++;
                _signalIds[column] = signalId;
                _presence[column] = 0;
            }

            int row = RowCount - 1;
            _presence[column] |= 1UL << row;
            _values[column * _maxRows + row] = value;
            return true;
        }

        public long RowTime(int row)
        {
            return _rowTimes[row];
        }

        public int SignalIdAt(int column)
        {
            return _signalIds[column];
        }

        /// <summary>Bit n set when the column has a value in row n.</summary>
        public ulong PresenceAt(int column)
        {
            return _presence[column];
        }

        public bool Has(int column, int row)
        {
            return (_presence[column] & (1UL << row)) != 0;
        }

        public long ValueAt(int column, int row)
        {
            return _values[column * _maxRows + row];
        }

        /// <summary>Column of <paramref name="signalId"/>, or -1.</summary>
        public int ColumnOf(int signalId)
        {
            for (int i = 0; i < ColumnCount; i++)
            {
                if (_signalIds[i] == signalId)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
