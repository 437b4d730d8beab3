namespace SolidarityFn.Pipeline.Media;

/// <summary>One ffmpeg input: the options that apply to it (they come before its -i) and its absolute path.</summary>
public sealed record FfmpegInput(IReadOnlyList<string> Options, string Path);

/// <summary>A further output of the same run: its options (maps, codecs, muxer) and its absolute path.</summary>
public sealed record FfmpegOutput(IReadOnlyList<string> Options, string Path);

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
    /// <summary>
    /// Outputs written by the same run after the first (the preview, split off the clip's own frames so the source is
    /// decoded and filtered once).
    /// </summary>
    public IReadOnlyList<FfmpegOutput> MoreOutputs { get; init; } = [];

    /// <summary>Every file the run writes, the first output first.</summary>
    public IReadOnlyList<string> OutputPaths => [OutputPath, .. MoreOutputs.Select(o => o.Path)];

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
        foreach (var output in MoreOutputs)
        {
            arguments.AddRange(output.Options);
            arguments.Add(output.Path);
        }

        return arguments;
    }
}
