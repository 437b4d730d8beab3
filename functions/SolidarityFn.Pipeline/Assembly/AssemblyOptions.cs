using System.ComponentModel.DataAnnotations;

namespace SolidarityFn.Pipeline.Assembly;

/// <summary>Settings of the final assembly (section "Assembly").</summary>
public sealed class AssemblyOptions : IValidatableObject
{
    public const string SectionName = "Assembly";

    /// <summary>
    /// Segments rendered at the same time. ffmpeg's decoder and filters (blur fill, drawtext, fades) run mostly on one
    /// thread per process, so two short renders side by side keep two cores busier than one (see BENCHMARKS.md).
    /// </summary>
    [Range(1, 16)]
    public int Parallelism { get; set; } = 2;

    /// <summary>
    /// After a successful assembly, cached segments it did not use are deleted once nothing wrote them for this long
    /// (default 2 days), so a re-assembly right after an edit still finds the segments of the version before.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan KeepUnusedSegmentsFor { get; set; } = TimeSpan.FromDays(2);

    /// <summary>
    /// How long a pump holds an assembly item per claim; renewed at half-time while it renders. A host that dies
    /// mid-assembly holds it until this runs out, then another pump takes it over (the Faults tests shorten it).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Approving a clip queues a "prerender" of the campaign's current plan (DESIGN.md §5).</summary>
    public bool PrerenderOnApproval { get; set; } = true;

    /// <summary>
    /// Approvals within one such window share one prerender item, run when the window ends (so a review session of
    /// many approvals costs one pass); zero gives every approval its own item at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan PrerenderDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Formats pre-rendered, comma-separated (landscape, vertical, square, portrait): by default the ones the Make-the-video
    /// panel checks, so "Make the video" after a review session only joins cached segments in every format.
    /// </summary>
    public string PrerenderFormats { get; set; } = DefaultPrerenderFormats;

    public const string DefaultPrerenderFormats = "landscape,vertical,square";

    /// <summary>
    /// Folder holding the font files of <see cref="AssemblyFonts.FileNames"/> (Noto, see README "Text on the video");
    /// default: fonts/ beside the app, where the build and the publish put the shipped ones.
    /// </summary>
    public string? FontsPath { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var missing = AssemblyFonts.Resolve(FontsPath).MissingFiles().ToList();
        if (missing.Count > 0)
        {
            yield return new ValidationResult(
                $"Assembly:FontsPath: the font files {string.Join(", ", missing)} do not exist (set Assembly:FontsPath to a folder holding {string.Join(", ", AssemblyFonts.FileNames)}).",
                [nameof(FontsPath)]);
        }

        if (!AssemblyFormats.TryParseList(PrerenderFormats, out _))
        {
            yield return new ValidationResult("A comma-separated list of landscape, vertical, square, portrait.", [nameof(PrerenderFormats)]);
        }
    }
}
