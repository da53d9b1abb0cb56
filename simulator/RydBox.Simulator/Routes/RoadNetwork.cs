namespace RydBox.Simulator.Routes;

/// <summary>
/// A road graph: nodes (intersections) and two-way edges (roads with shapes). Built by
/// <see cref="RoadNetworkGenerator"/> or by hand; immutable.
/// </summary>
public sealed class RoadNetwork
{
    private readonly int[][] _edgesAtNode;

    /// <exception cref="ArgumentException">A node id is not its index, or an edge names a missing node or has a shape that does not join its nodes.</exception>
    public RoadNetwork(IReadOnlyList<RoadNode> nodes, IReadOnlyList<RoadEdge> edges, NamedPlaces? places = null, IReadOnlyList<Town>? towns = null)
    {
        for (int i = 0; i < nodes.Count; i++)
        {
            if (nodes[i].Id != i)
            {
                throw new ArgumentException($"Node at index {i} has id {nodes[i].Id}; ids must be indexes.", nameof(nodes));
            }
        }

        var edgesAtNode = new List<int>[nodes.Count];
        for (int i = 0; i < nodes.Count; i++)
        {
            edgesAtNode[i] = [];
        }

        for (int e = 0; e < edges.Count; e++)
        {
            RoadEdge edge = edges[e];
            if ((uint)edge.From >= (uint)nodes.Count || (uint)edge.To >= (uint)nodes.Count)
            {
                throw new ArgumentException($"Edge {e} joins {edge.From} and {edge.To}, but there are {nodes.Count} nodes.", nameof(edges));
            }

            if (edge.Shape.Count < 2
                || GeoMath.DistanceMetres(edge.Shape[0], nodes[edge.From].Position) > 1
                || GeoMath.DistanceMetres(edge.Shape[^1], nodes[edge.To].Position) > 1)
            {
                throw new ArgumentException($"Edge {e}'s shape does not run from node {edge.From} to node {edge.To}.", nameof(edges));
            }

            edgesAtNode[edge.From].Add(e);
            edgesAtNode[edge.To].Add(e);
        }

        Nodes = nodes;
        Edges = edges;
        Places = places;
        Towns = towns ?? [];
        _edgesAtNode = [.. edgesAtNode.Select(list => list.ToArray())];
    }

    public IReadOnlyList<RoadNode> Nodes { get; }

    public IReadOnlyList<RoadEdge> Edges { get; }

    /// <summary>The places scenarios use; null for a network built by hand without them.</summary>
    public NamedPlaces? Places { get; }

    public IReadOnlyList<Town> Towns { get; }

    /// <summary>Indexes into <see cref="Edges"/> of the roads meeting at <paramref name="node"/>.</summary>
    public IReadOnlyList<int> EdgesAt(int node) => _edgesAtNode[node];
}
