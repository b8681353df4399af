namespace PartnerCenter.Observability.Cli;

/// <summary>A strict parse of <c>--name value</c> pairs and positional arguments.</summary>
internal sealed class ArgumentList
{
    public Dictionary<string, string> Named { get; } = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    public static bool TryParse(ReadOnlySpan<string> args, out ArgumentList parsed, out string? error)
    {
        parsed = new ArgumentList();
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                parsed.Positional.Add(arg);
                continue;
            }

            string name;
            string value;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                name = arg[..equals];
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                name = arg;
                value = args[++i];
            }
            else
            {
                error = $"{arg} needs a value";
                return false;
            }

            if (!parsed.Named.TryAdd(name, value))
            {
                error = $"{name} given twice";
                return false;
            }
        }

        return true;
    }

    /// <summary>Checks that only the given flags were used.</summary>
    public bool Only(string[] allowed, out string? error)
    {
        foreach (var name in Named.Keys)
        {
            if (Array.IndexOf(allowed, name) < 0)
            {
                error = $"unknown option '{name}'";
                return false;
            }
        }

        error = null;
        return true;
    }
}
