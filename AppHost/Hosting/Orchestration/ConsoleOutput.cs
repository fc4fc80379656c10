namespace ClientPlatform.Hosting;

/// <summary>The AppHost's console: one line per state change, and the resources' own output.</summary>
internal static class ConsoleOutput
{
    private static readonly object Gate = new();

    public static bool Enabled { get; set; } = true;

    public static void Status(string text) => Write($"{DateTime.Now:HH:mm:ss} apphost | {text}", ConsoleColor.Cyan);

    public static void ResourceLine(string resource, string text) => Write($"{resource,-18} | {text}", null);

    public static void Error(string text) => Write(text, ConsoleColor.Red, error: true);

    private static void Write(string text, ConsoleColor? color, bool error = false)
    {
        if (!Enabled && !error)
            return;
        lock (Gate)
        {
            var useColor = color is not null && !Console.IsOutputRedirected;
            if (useColor) Console.ForegroundColor = color!.Value;
            (error ? Console.Error : Console.Out).WriteLine(text);
            if (useColor) Console.ResetColor();
        }
    }
}
