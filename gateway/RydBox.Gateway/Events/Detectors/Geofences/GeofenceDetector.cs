using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Detectors.Geofences;

/// <summary>
/// Geofence enter/exit for one device's fences. A usable fix (HDOP at most
/// <see cref="GeofenceOptions.MaximumHdop"/>) counts as inside a fence when it lies at least
/// <see cref="GeofenceOptions.MarginMetres"/> inside the boundary and as outside when that far
/// outside; in between it changes nothing, so a vehicle parked on the boundary does not flap. A
/// transition needs <see cref="GeofenceOptions.MinimumFixes"/> consecutive fixes on the new side
/// (and <see cref="GeofenceOptions.MinimumDwell"/>), and is dated and placed at the first of them.
/// The first usable fix clear of the boundary only sets the side: nothing is emitted, because the
/// detector does not know where the vehicle was before.
/// </summary>
public sealed class GeofenceDetector : IEventDetector<GeofenceState>
{
    private readonly IReadOnlyList<Geofence> _fences;
    private readonly GeofenceOptions _options;
    private readonly double[] _margins;

    /// <exception cref="ArgumentException">A fence is invalid, two fences share an id, or an option is out of range.</exception>
    public GeofenceDetector(IReadOnlyList<Geofence> fences, GeofenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(fences);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (Geofence fence in fences)
        {
            ArgumentNullException.ThrowIfNull(fence, nameof(fences));
            fence.Validate();
            if (!ids.Add(fence.Id))
            {
                throw new ArgumentException($"Two geofences have the id '{fence.Id}'.", nameof(fences));
            }
        }

        _fences = fences.ToArray();
        _options = options;
        _margins = _fences
            .Select(f => f.Shape == GeofenceShape.Circle ? Math.Min(options.MarginMetres, f.RadiusMetres / 2) : options.MarginMetres)
            .ToArray();
    }

    public GeofenceState Initial => GeofenceState.Initial;

    public GeofenceState Observe(GeofenceState state, Observation observation, ICollection<VehicleEvent> emitted)
    {
        if (observation is not SampleObservation { Position: Place position } sample
            || !double.IsFinite(position.Latitude) || !double.IsFinite(position.Longitude)
            || (sample.Hdop is double hdop && !(hdop <= _options.MaximumHdop)))
        {
            return state;
        }

        bool changed = state.Fences.Count != _fences.Count;
        var tracks = new GeofenceTrack[_fences.Count];
        for (int i = 0; i < _fences.Count; i++)
        {
            GeofenceTrack before = Find(state, i) ?? new GeofenceTrack(_fences[i].Id, GeofenceSide.Unknown);
            tracks[i] = Step(_fences[i], _margins[i], before, sample.UnixMilliseconds, position, emitted);
            changed |= i >= state.Fences.Count || !ReferenceEquals(state.Fences[i], tracks[i]);
        }

        return changed ? new GeofenceState(tracks) : state;
    }

    /// <summary>The track of fence <paramref name="index"/>: usually at the same index, else looked up by id (fences changed).</summary>
    private GeofenceTrack? Find(GeofenceState state, int index)
    {
        string id = _fences[index].Id;
        if (index < state.Fences.Count && string.Equals(state.Fences[index].FenceId, id, StringComparison.Ordinal))
        {
            return state.Fences[index];
        }

        foreach (GeofenceTrack track in state.Fences)
        {
            if (string.Equals(track.FenceId, id, StringComparison.Ordinal))
            {
                return track;
            }
        }

        return null;
    }

    private GeofenceTrack Step(Geofence fence, double margin, GeofenceTrack track, long now, Place position, ICollection<VehicleEvent> emitted)
    {
        double distance = fence.SignedDistanceMetres(position);
        GeofenceSide clear = distance <= -margin ? GeofenceSide.Inside
            : distance >= margin ? GeofenceSide.Outside
            : GeofenceSide.Unknown;

        if (clear == GeofenceSide.Unknown || clear == track.Side)
        {
            // Within the margin, or back on the decided side: any run towards the other side is broken.
            return track.CandidateFixes == 0 ? track : new GeofenceTrack(track.FenceId, track.Side);
        }

        if (track.Side == GeofenceSide.Unknown)
        {
            return new GeofenceTrack(track.FenceId, clear);
        }

        int fixes = track.CandidateFixes + 1;
        long since = track.CandidateSinceUnixMs ?? now;
        Place first = track.CandidatePosition ?? position;
        if (fixes >= _options.MinimumFixes && now - since >= (long)_options.MinimumDwell.TotalMilliseconds)
        {
            GeofenceTransition transition = clear == GeofenceSide.Inside ? GeofenceTransition.Enter : GeofenceTransition.Exit;
            emitted.Add(new GeofenceEvent(since, fence.Id, fence.Name, transition, first));
            return new GeofenceTrack(track.FenceId, clear);
        }

        return new GeofenceTrack(track.FenceId, track.Side, fixes, since, first);
    }
}
