using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Detectors;

/// <summary>
/// One event type's detector: a pure step from its state and a device's next observation (in
/// timestamp order) to its next state, adding what it found to <c>emitted</c>. It holds no
/// fields that change: everything it remembers is in <typeparamref name="TState"/>, an immutable
/// record that round-trips through System.Text.Json, so the gateway persists it per device and
/// a restart (or a replay from a saved state) continues exactly where it stopped.
/// </summary>
public interface IEventDetector<TState>
    where TState : class
{
    /// <summary>The state before a device's first observation.</summary>
    TState Initial { get; }

    TState Observe(TState state, Observation observation, ICollection<VehicleEvent> emitted);
}
