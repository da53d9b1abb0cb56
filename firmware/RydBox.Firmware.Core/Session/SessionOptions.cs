namespace RydBox.Firmware.Session
{
    /// <summary>Tuning of <see cref="UplinkSession"/>; the defaults suit a box on a cellular link.</summary>
    public sealed class SessionOptions
    {
        /// <summary>MQTT keep-alive; the broker publishes the last will after 1.5 times this without a packet.</summary>
        public int KeepAliveSeconds = 60;

        /// <summary>First wait after a failed or lost connection.</summary>
        public int InitialReconnectDelayMilliseconds = 1000;

        /// <summary>Longest wait between connection attempts.</summary>
        public int MaxReconnectDelayMilliseconds = 60000;

        /// <summary>Wait returned by <see cref="UplinkSession.Step"/> when there is nothing to send.</summary>
        public int IdleWaitMilliseconds = 200;

        /// <summary>Outbox entries published per step, so commands are served during a long drain.</summary>
        public int MaxPublishesPerStep = 16;

        /// <summary>Incoming commands handled per step.</summary>
        public int MaxCommandsPerStep = 4;

        /// <summary>Failed publishes of one outbox entry, each on a fresh connection, before it is given up.</summary>
        public int MaxPublishAttemptsPerEntry = 8;

        /// <summary>Room for one command acknowledgement.</summary>
        public int AckBufferBytes = 512;
    }
}
