namespace RydBox.Simulator.Demo;

/// <summary>The demo cannot run as asked; the message says why and what to do.</summary>
public sealed class DemoException(string message) : Exception(message);
