using System;
using System.Collections;
using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;
using RydBox.Firmware.Hardware;

namespace RydBox.Box.Esp32.Bindings
{
    /// <summary>
    /// <see cref="IMqttLink"/> over MqttClient from the nanoFramework.M2Mqtt package. M2Mqtt's
    /// Publish and Subscribe only queue the packet and return its message id; the broker's answer
    /// arrives later as the MqttMsgPublished / MqttMsgSubscribed event, so each call here waits
    /// for the event that carries its id.
    /// </summary>
    public sealed class M2MqttLink : IMqttLink
    {
        // M2Mqtt retries an unacknowledged publish by itself and then reports IsPublished = false;
        // this is only the bound for when no event comes at all (the connection died).
        private const int AckTimeoutMs = 45000;
        private const int MaxQueuedMessages = 16;

        private readonly string _host;
        private readonly int _port;
        private readonly X509Certificate? _caCertificate;
        private readonly object _gate = new object();
        private readonly AutoResetEvent _answered = new AutoResetEvent(false);
        private readonly ArrayList _inbox = new ArrayList();

        private MqttClient? _client;
        private ushort _awaitedId;
        private bool _answerArrived;
        private bool _answerPositive;

        /// <param name="caCertificate">The broker's CA for TLS; null for plain MQTT.</param>
        public M2MqttLink(string host, int port, X509Certificate? caCertificate)
        {
            _host = host;
            _port = port;
            _caCertificate = caCertificate;
        }

        public bool IsConnected
        {
            get
            {
                MqttClient? client = _client;
                return client != null && client.IsConnected;
            }
        }

        public bool Connect(MqttConnectOptions options)
        {
            Disconnect();
            bool secure = _caCertificate != null;
            try
            {
                var client = new MqttClient(_host, _port, secure, _caCertificate, null, secure ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
                client.MqttMsgPublished += OnPublished;
                client.MqttMsgSubscribed += OnSubscribed;
                client.MqttMsgPublishReceived += OnReceived;

                string? willMessage = WillText(options);
                bool hasWill = willMessage != null && options.WillTopic != null;
                MqttReasonCode code = client.Connect(
                    options.ClientId,
                    options.Username,
                    options.Password,
                    hasWill && options.WillRetain,
                    MqttQoSLevel.AtLeastOnce,
                    hasWill,
                    hasWill ? options.WillTopic : null,
                    hasWill ? willMessage : null,
                    options.CleanSession,
                    (ushort)options.KeepAliveSeconds);
                if (code != MqttReasonCode.Success)
                {
                    Debug.WriteLine("MQTT: broker refused the connection, reason " + ((int)code).ToString());
                    client.Close();
                    return false;
                }

                _client = client;
                return true;
            }
            catch (Exception e)
            {
                Debug.WriteLine("MQTT: connecting to " + _host + " failed: " + e.Message);
                return false;
            }
        }

        public void Disconnect()
        {
            MqttClient? client = _client;
            _client = null;
            if (client == null)
            {
                return;
            }

            try
            {
                if (client.IsConnected)
                {
                    client.Disconnect();
                }

                client.Close();
            }
            catch (Exception e)
            {
                Debug.WriteLine("MQTT: closing failed: " + e.Message);
            }
        }

        public bool Publish(string topic, byte[] payload, int offset, int count, bool retain)
        {
            MqttClient? client = _client;
            if (client == null || !client.IsConnected)
            {
                return false;
            }

            // M2Mqtt keeps the array for retransmission after this call may have given up, so it
            // gets its own copy: the caller's buffer is reused for the next batch.
            byte[] message = new byte[count];
            Array.Copy(payload, offset, message, 0, count);
            try
            {
                lock (_gate)
                {
                    _answerArrived = false;
                    _awaitedId = client.Publish(topic, message, null, null, MqttQoSLevel.AtLeastOnce, retain);
                }

                return AwaitAnswer(client);
            }
            catch (Exception e)
            {
                Debug.WriteLine("MQTT: publish to " + topic + " failed: " + e.Message);
                return false;
            }
        }

        public bool Subscribe(string topicFilter)
        {
            MqttClient? client = _client;
            if (client == null || !client.IsConnected)
            {
                return false;
            }

            try
            {
                lock (_gate)
                {
                    _answerArrived = false;
                    _awaitedId = client.Subscribe(new string[] { topicFilter }, new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce });
                }

                return AwaitAnswer(client);
            }
            catch (Exception e)
            {
                Debug.WriteLine("MQTT: subscribe to " + topicFilter + " failed: " + e.Message);
                return false;
            }
        }

        public bool TryTakeMessage(MqttMessage into)
        {
            lock (_inbox)
            {
                if (_inbox.Count == 0)
                {
                    return false;
                }

                var received = (MqttMsgPublishEventArgs)_inbox[0]!;
                _inbox.RemoveAt(0);
                into.Topic = received.Topic;
                into.Payload = received.Message;
                return true;
            }
        }

        private bool AwaitAnswer(MqttClient client)
        {
            long deadline = Environment.TickCount64 + AckTimeoutMs;
            while (true)
            {
                lock (_gate)
                {
                    if (_answerArrived)
                    {
                        return _answerPositive;
                    }
                }

                long remaining = deadline - Environment.TickCount64;
                if (remaining <= 0 || !client.IsConnected)
                {
                    return false;
                }

                _answered.WaitOne(remaining < 1000 ? (int)remaining : 1000, false);
            }
        }

        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            Answer(e.MessageId, e.IsPublished);
        }

        private void OnSubscribed(object sender, MqttMsgSubscribedEventArgs e)
        {
            // SUBACK grants 0, 1 or 2 per filter; anything else (0x80) is a refusal.
            MqttQoSLevel[] granted = e.GrantedQoSLevels;
            Answer(e.MessageId, granted != null && granted.Length > 0 && (int)granted[0] <= 2);
        }

        private void Answer(ushort messageId, bool positive)
        {
            lock (_gate)
            {
                if (messageId != _awaitedId || _answerArrived)
                {
                    return;
                }

                _answerArrived = true;
                _answerPositive = positive;
            }

            _answered.Set();
        }

        private void OnReceived(object sender, MqttMsgPublishEventArgs e)
        {
            lock (_inbox)
            {
                if (_inbox.Count >= MaxQueuedMessages)
                {
                    Debug.WriteLine("MQTT: inbox full, dropping a message on " + e.Topic);
                    return;
                }

                _inbox.Add(e);
            }
        }

        /// <summary>
        /// M2Mqtt takes the will as a string and sends it UTF-8 encoded, so only an ASCII payload
        /// arrives unchanged. The wire contract's offline will ("offline" as CBOR text) is ASCII for
        /// exactly this reason; any other payload is left out rather than sent altered.
        /// </summary>
        private static string? WillText(MqttConnectOptions options)
        {
            byte[]? payload = options.WillPayload;
            if (payload == null || payload.Length == 0)
            {
                return null;
            }

            char[] chars = new char[payload.Length];
            for (int i = 0; i < payload.Length; i++)
            {
                if (payload[i] >= 0x80)
                {
                    Debug.WriteLine("MQTT: the last will is not ASCII and M2Mqtt can only send text; connecting without it");
                    return null;
                }

                chars[i] = (char)payload[i];
            }

            return new string(chars, 0, chars.Length);
        }
    }
}
