namespace RydBox.Simulator.Routes;

/// <summary>Fastest routes through a <see cref="RoadNetwork"/> (Dijkstra on expected travel time).</summary>
public static class RoutePlanner
{
    /// <summary>
    /// The route with the least expected travel time from <paramref name="fromNode"/> to
    /// <paramref name="toNode"/>: each road costs its length at its speed limit, each intersection
    /// passed through or arrived at its expected stop delay (<see cref="RoutePlannerOptions"/>).
    /// </summary>
    /// <exception cref="ArgumentException">Unknown or identical nodes.</exception>
    /// <exception cref="InvalidOperationException">The destination cannot be reached.</exception>
    public static PlannedRoute Plan(RoadNetwork network, int fromNode, int toNode, RoutePlannerOptions? options = null)
    {
        options ??= new RoutePlannerOptions();
        int n = network.Nodes.Count;
        if ((uint)fromNode >= (uint)n || (uint)toNode >= (uint)n)
        {
            throw new ArgumentException($"Nodes {fromNode} and {toNode} must both be below {n}.");
        }

        if (fromNode == toNode)
        {
            throw new ArgumentException($"Start and destination are the same node ({fromNode}).");
        }

        var seconds = new double[n];
        var viaEdge = new int[n];
        Array.Fill(seconds, double.PositiveInfinity);
        Array.Fill(viaEdge, -1);
        seconds[fromNode] = 0;
        var queue = new PriorityQueue<int, double>();
        queue.Enqueue(fromNode, 0);
        while (queue.TryDequeue(out int node, out double reached))
        {
            if (node == toNode)
            {
                break;
            }

            if (reached > seconds[node])
            {
                continue;
            }

            foreach (int e in network.EdgesAt(node))
            {
                RoadEdge edge = network.Edges[e];
                int next = edge.Other(node);
                double cost = reached + edge.LengthMetres / (edge.SpeedLimitKmh / 3.6) + StopDelay(network.Nodes[next], options);
                if (cost < seconds[next])
                {
                    seconds[next] = cost;
                    viaEdge[next] = e;
                    queue.Enqueue(next, cost);
                }
            }
        }

        if (double.IsPositiveInfinity(seconds[toNode]))
        {
            throw new InvalidOperationException($"Node {toNode} cannot be reached from node {fromNode}.");
        }

        var nodes = new List<int> { toNode };
        var edges = new List<int>();
        for (int node = toNode; node != fromNode;)
        {
            int e = viaEdge[node];
            edges.Add(e);
            node = network.Edges[e].Other(node);
            nodes.Add(node);
        }

        nodes.Reverse();
        edges.Reverse();
        return new PlannedRoute(BuildRoute(network, nodes, edges), nodes, edges, seconds[toNode]);
    }

    private static double StopDelay(RoadNode node, RoutePlannerOptions options) => node.Control switch
    {
        StopControl.StopSign => options.StopSignDelaySeconds,
        StopControl.TrafficLight => node.StopProbability * options.RedLightDelaySeconds,
        _ => 0,
    };

    /// <summary>Concatenates the edge shapes, each in the direction travelled; intersections carry their stop control.</summary>
    private static Route BuildRoute(RoadNetwork network, List<int> nodes, List<int> edges)
    {
        var points = new List<RoutePoint>();
        for (int k = 0; k < edges.Count; k++)
        {
            RoadEdge edge = network.Edges[edges[k]];
            bool forward = edge.From == nodes[k];
            int count = edge.Shape.Count;
            for (int j = k == 0 ? 0 : 1; j < count; j++)
            {
                GeoPoint position = edge.Shape[forward ? j : count - 1 - j];
                points.Add(new RoutePoint(position, edge.SpeedLimitKmh, edge.IsTunnel));
            }

            // The point that ends this edge starts the next one: it takes the next edge's road.
            RoadNode reached = network.Nodes[nodes[k + 1]];
            if (k + 1 < edges.Count)
            {
                RoadEdge next = network.Edges[edges[k + 1]];
                points[^1] = points[^1] with
                {
                    SpeedLimitKmh = next.SpeedLimitKmh,
                    IsTunnel = next.IsTunnel,
                    Stop = reached.Control,
                    StopProbability = reached.StopProbability,
                };
            }
        }

        return new Route(points);
    }
}
