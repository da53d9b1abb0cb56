using System.Reflection;

[assembly: AssemblyTitle("RydBox.Box.Esp32")]
[assembly: AssemblyDescription("RydBox telematics box: ESP32 board layer around the firmware core")]
[assembly: AssemblyProduct("RydBox")]
[assembly: AssemblyVersion("0.1.0.0")]
