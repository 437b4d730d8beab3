using System.ComponentModel.DataAnnotations;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>Settings of the final assembly (section "Assembly").</summary>
public sealed class AssemblyOptions
{
    public const string SectionName = "Assembly";

    /// <summary>
    /// Segments rendered at the same time. ffmpeg's decoder and filters (blur fill, drawtext, fades) run mostly on one
    /// thread per process, so two short renders side by side keep two cores busier than one (see BENCHMARKS.md).
    /// </summary>
    [Range(1, 16)]
    public int Parallelism { get; set; } = 2;
}
