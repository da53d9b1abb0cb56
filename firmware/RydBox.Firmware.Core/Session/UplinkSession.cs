using System;
using RydBox.Firmware.Hardware;
using RydBox.Firmware.Outbox;

namespace RydBox.Firmware.Session
{
    /// <summary>
    /// The box's side of the MQTT conversation. The caller runs <see cref="Step"/> in a loop on its
    /// own thread and waits the returned milliseconds between calls. Each step either waits out the
    /// reconnect backoff, connects (device id as client id and user name, persistent session, offline
    /// status as retained last will, online status retained, subscription to the cmd topic), or does
    /// a bounded amount of work: handle incoming commands and drain the outbox oldest first, removing
    /// an entry only once the broker acknowledged it. Any failure drops the connection and backs off.
    /// </summary>
    public sealed class UplinkSession
    {
        private readonly IMqttLink _link;
        private readonly PersistentOutbox _outbox;
        private readonly ICommandHandler _commands;
        private readonly IClock _clock;
        private readonly SessionOptions _options;
        private readonly ReconnectBackoff _backoff;
        private readonly MqttConnectOptions _connect = new MqttConnectOptions();
        private readonly OutboxEntry _entry;
        private readonly MqttMessage _message = new MqttMessage();
        private readonly byte[] _ack;
        private readonly object _statusLock = new object();
        private byte[]? _online;
        private byte[]? _offline;
        private bool _onlineUnpublished;
        private bool _connected;
        private long _nextAttemptAt;
        private long _failingSequence = -1;
        private int _failedAttempts;

        public UplinkSession(
            IMqttLink link,
            PersistentOutbox outbox,
            ICommandHandler commands,
            IClock clock,
            string deviceId,
            string secret,
            SessionOptions options,
            Random random)
        {
            _link = link;
            _outbox = outbox;
            _commands = commands;
            _clock = clock;
            _options = options;
            _backoff = new ReconnectBackoff(options.InitialReconnectDelayMilliseconds, options.MaxReconnectDelayMilliseconds, random);
            _entry = new OutboxEntry(outbox.MaxPayloadBytes);
            _ack = new byte[options.AckBufferBytes];
            Topics = new DeviceTopics(deviceId);

            _connect.ClientId = deviceId;
            _connect.Username = deviceId;
            _connect.Password = secret;
            _connect.CleanSession = false;
            _connect.KeepAliveSeconds = options.KeepAliveSeconds;
            _connect.WillTopic = Topics.Status;
            _connect.WillRetain = true;
        }

        public DeviceTopics Topics { get; private set; }

        public bool IsConnected
        {
            get { return _connected; }
        }

        /// <summary>Successful connections (status published and cmd subscribed).</summary>
        public int Connects { get; private set; }

        /// <summary>Successful connections after the first.</summary>
        public int Reconnects
        {
            get { return Connects > 0 ? Connects - 1 : 0; }
        }

        /// <summary>Connection attempts the broker refused or that failed on the network.</summary>
        public int FailedConnects { get; private set; }

        /// <summary>Outbox entries the broker acknowledged.</summary>
        public int Published { get; private set; }

        public int CommandsHandled { get; private set; }

        /// <summary>Commands whose handler threw; they get no acknowledgement.</summary>
        public int CommandFailures { get; private set; }

        /// <summary>
        /// Entries given up after <see cref="SessionOptions.MaxPublishAttemptsPerEntry"/> failed publishes
        /// on otherwise working connections (e.g. larger than the broker accepts), so one entry cannot block the rest.
        /// </summary>
        public int Undeliverable { get; private set; }

        /// <summary>What went wrong last; empty until something did.</summary>
        public string LastError { get; private set; } = string.Empty;

        public int PendingEntries
        {
            get { return _outbox.Count; }
        }

        public int PendingBytes
        {
            get { return _outbox.StoredBytes; }
        }

        public long DroppedSinceStart
        {
            get { return _outbox.DroppedSinceStart; }
        }

        /// <summary>
        /// The encoded status messages (online: firmware, VIN, PIDs; offline: the last will). The session
        /// does not connect before these are set. Calling again republishes the online status (e.g. once
        /// the VIN is known); a new offline status takes effect at the next connection, since MQTT fixes
        /// the will when connecting. Safe to call from any thread; the bytes are copied.
        /// </summary>
        public void SetStatusPayloads(byte[] online, int onlineLength, byte[] offline, int offlineLength)
        {
            var onlineCopy = new byte[onlineLength];
            var offlineCopy = new byte[offlineLength];
            Array.Copy(online, onlineCopy, onlineLength);
            Array.Copy(offline, offlineCopy, offlineLength);
            lock (_statusLock)
            {
                _online = onlineCopy;
                _offline = offlineCopy;
                _onlineUnpublished = true;
            }
        }

        /// <summary>Does one unit of work; returns how many milliseconds to wait before the next call.</summary>
        public int Step()
        {
            if (_connected && !_link.IsConnected)
            {
                return Fail("connection lost");
            }

            if (!_connected)
            {
                long wait = _nextAttemptAt - _clock.NowMilliseconds;
                if (wait > 0)
                {
                    return wait > int.MaxValue ? int.MaxValue : (int)wait;
                }

                if (_online == null)
                {
                    LastError = "status payloads not set";
                    return _options.IdleWaitMilliseconds;
                }

                return Connect() ? 0 : Fail(LastError);
            }

            if (!PublishOnlineIfChanged())
            {
                return Fail("status publish failed");
            }

            int commands = ServeCommands();
            if (commands < 0)
            {
                return Fail("command ack publish failed");
            }

            int published = Drain();
            if (published < 0)
            {
                return Fail("publish failed");
            }

            bool moreWork = commands == _options.MaxCommandsPerStep || published == _options.MaxPublishesPerStep;
            return moreWork ? 0 : _options.IdleWaitMilliseconds;
        }

        /// <summary>
        /// Leaves cleanly: publishes the offline status (a clean disconnect suppresses the will) and
        /// disconnects. A later <see cref="Step"/> connects again.
        /// </summary>
        public void Close()
        {
            if (_connected && _link.IsConnected)
            {
                byte[]? offline;
                lock (_statusLock)
                {
                    offline = _offline;
                }

                if (offline != null)
                {
                    _link.Publish(Topics.Status, offline, 0, offline.Length, true);
                }
            }

            _link.Disconnect();
            _connected = false;
        }

        private bool Connect()
        {
            lock (_statusLock)
            {
                _connect.WillPayload = _offline;
                _onlineUnpublished = true;
            }

            if (!_link.Connect(_connect))
            {
                FailedConnects++;
                LastError = "connect refused or failed";
                return false;
            }

            _connected = true;
            if (!PublishOnlineIfChanged())
            {
                LastError = "status publish failed";
                return false;
            }

            if (!_link.Subscribe(Topics.Command))
            {
                LastError = "cmd subscribe failed";
                return false;
            }

            Connects++;
            _backoff.Reset();
            return true;
        }

        private bool PublishOnlineIfChanged()
        {
            byte[]? online;
            lock (_statusLock)
            {
                if (!_onlineUnpublished)
                {
                    return true;
                }

                online = _online;
                _onlineUnpublished = false;
            }

            if (online != null && !_link.Publish(Topics.Status, online, 0, online.Length, true))
            {
                lock (_statusLock)
                {
                    _onlineUnpublished = true;
                }

                return false;
            }

            return true;
        }

        /// <summary>Handles waiting commands; returns how many, or -1 when an acknowledgement could not be sent.</summary>
        private int ServeCommands()
        {
            int served = 0;
            while (served < _options.MaxCommandsPerStep && _link.TryTakeMessage(_message))
            {
                served++;
                if (_message.Topic != Topics.Command)
                {
                    continue;
                }

                int ackLength;
                try
                {
                    ackLength = _commands.Handle(_message.Payload, _message.Payload.Length, _ack);
                }
                catch (Exception)
                {
                    CommandFailures++;
                    LastError = "command handler failed";
                    continue;
                }

                CommandsHandled++;
                if (ackLength > 0 && ackLength <= _ack.Length &&
                    !_link.Publish(Topics.CommandAck, _ack, 0, ackLength, false))
                {
                    return -1;
                }
            }

            return served;
        }

        /// <summary>Publishes outbox entries oldest first; returns how many, or -1 when a publish failed.</summary>
        private int Drain()
        {
            int published = 0;
            while (published < _options.MaxPublishesPerStep && _outbox.TryPeekOldest(_entry))
            {
                string topic = _entry.Kind == OutboxEntryKind.Event ? Topics.Event : Topics.Telemetry;
                if (!_link.Publish(topic, _entry.Buffer, _entry.PayloadOffset, _entry.PayloadLength, false))
                {
                    CountFailedAttempt();
                    return -1;
                }

                _outbox.RemoveOldest(_entry.Sequence);
                Published++;
                published++;
            }

            return published;
        }

        private void CountFailedAttempt()
        {
            if (_entry.Sequence != _failingSequence)
            {
                _failingSequence = _entry.Sequence;
                _failedAttempts = 0;
            }

            _failedAttempts++;
            if (_failedAttempts >= _options.MaxPublishAttemptsPerEntry && _outbox.RemoveOldest(_entry.Sequence))
            {
                Undeliverable++;
                _failedAttempts = 0;
            }
        }

        private int Fail(string error)
        {
            LastError = error;
            _link.Disconnect();
            _connected = false;
            int delay = _backoff.NextDelay();
            _nextAttemptAt = _clock.NowMilliseconds + delay;
            return delay;
        }
    }
}
