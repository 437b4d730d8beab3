namespace SolidarityFn.Pipeline.Media;

/// <summary>One ffmpeg input: the options that apply to it (they come before its -i) and its absolute path.</summary>
public sealed record FfmpegInput(IReadOnlyList<string> Options, string Path);

/// <summary>
/// An ffmpeg command line as separate arguments, in the order ffmpeg needs them: global options, then each input's
/// options followed by "-i path", then the output options and the output path. Builders return these; nothing is
/// joined into a shell string until <see cref="CommandLine"/> quotes each argument for the process start.
/// </summary>
public sealed record FfmpegCommand(
    IReadOnlyList<string> Global,
    IReadOnlyList<FfmpegInput> Inputs,
    IReadOnlyList<string> Output,
    string OutputPath)
{
    /// <summary>The whole argument vector, exactly as ffmpeg receives it.</summary>
    public IReadOnlyList<string> ToArguments()
    {
        var arguments = new List<string>(Global);
        foreach (var input in Inputs)
        {
            arguments.AddRange(input.Options);
            arguments.Add("-i");
            arguments.Add(input.Path);
        }

        arguments.AddRange(Output);
        arguments.Add(OutputPath);
        return arguments;
    }
}
