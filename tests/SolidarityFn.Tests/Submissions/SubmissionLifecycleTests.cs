using Microsoft.Extensions.Logging;
using SolidarityFn.Pipeline.Submissions;

namespace SolidarityFn.Tests.Submissions;

public class SubmissionLifecycleTests
{
    /// <summary>
    /// The specification, written apart from the code (README "Submission states"): every legal move, one a line,
    /// "from to by"; "new" is the creation of the row. Every triple not listed must be refused.
    /// </summary>
    private static readonly string[] Table =
    [
        "new        Issued      Intake",
        "Issued     Processing  Processor",
        "Uploaded   Processing  Processor",
        "Expired    Processing  Processor",
        "Processing Processing  Processor",
        "Processing Ready       Processor",
        "Processing Failed      Processor",
        "Processing Uploaded    Processor",
        "Issued     Expired     Sweep",
        "Issued     Expired     Contributor",
        "Ready      Approved    Organizer",
        "Ready      Rejected    Organizer",
        "Approved   Approved    Organizer",
        "Approved   Rejected    Organizer",
        "Rejected   Approved    Organizer",
        "Rejected   Rejected    Organizer",
        "Failed     Uploaded    Organizer",
        "Issued     Withdrawn   Contributor",
        "Uploaded   Withdrawn   Contributor",
        "Processing Withdrawn   Contributor",
        "Ready      Withdrawn   Contributor",
        "Approved   Withdrawn   Contributor",
        "Rejected   Withdrawn   Contributor",
        "Failed     Withdrawn   Contributor",
        "Expired    Withdrawn   Contributor",
    ];

    private static readonly HashSet<SubmissionMove> Expected = Table.Select(Parse).ToHashSet();

    private static SubmissionMove Parse(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        SubmissionStatus? from = parts[0] == "new" ? null : Enum.Parse<SubmissionStatus>(parts[0]);
        return new SubmissionMove(from, Enum.Parse<SubmissionStatus>(parts[1]), Enum.Parse<SubmissionActor>(parts[2]));
    }

    /// <summary>Every (from, to, by) there is: 10 × 9 × 5 triples.</summary>
    public static TheoryData<string, SubmissionStatus, SubmissionActor> EveryTriple()
    {
        var data = new TheoryData<string, SubmissionStatus, SubmissionActor>();
        foreach (var from in new[] { "new" }.Concat(Enum.GetNames<SubmissionStatus>()))
        {
            foreach (var to in Enum.GetValues<SubmissionStatus>())
            {
                foreach (var by in Enum.GetValues<SubmissionActor>())
                {
                    data.Add(from, to, by);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryTriple))]
    public void A_move_is_allowed_exactly_when_the_table_lists_it(string from, SubmissionStatus to, SubmissionActor by)
    {
        SubmissionStatus? fromStatus = from == "new" ? null : Enum.Parse<SubmissionStatus>(from);
        var legal = Expected.Contains(new SubmissionMove(fromStatus, to, by));

        Assert.Equal(legal, SubmissionLifecycle.Allows(fromStatus, to, by));

        if (fromStatus is { } status)
        {
            var row = Row(status);
            var logger = new RecordingLogger();
            if (legal)
            {
                SubmissionLifecycle.Move(row, to, by, logger);
                Assert.Equal(to, row.StatusValue);
                Assert.Empty(logger.Entries);
            }
            else
            {
                Assert.Throws<SubmissionMoveRefusedException>(() => SubmissionLifecycle.Move(row, to, by, logger));
                Assert.Equal(status, row.StatusValue);
                Assert.Single(logger.Entries);
            }
        }
    }

    [Fact]
    public void The_code_lists_the_same_moves_as_the_table()
    {
        Assert.Equal(
            Expected.Select(m => m.ToString()).Order(StringComparer.Ordinal),
            SubmissionLifecycle.LegalMoves.Select(m => m.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_refused_move_is_logged_with_ids_and_states_and_nothing_the_contributor_typed()
    {
        var row = Row(SubmissionStatus.Approved);
        row.Caption = "Solidarité from Local 1234";
        row.DisplayName = "Jo Worker";
        var logger = new RecordingLogger();

        var refused = Assert.Throws<SubmissionMoveRefusedException>(
            () => SubmissionLifecycle.Move(row, SubmissionStatus.Processing, SubmissionActor.Processor, logger));

        Assert.Equal((SubmissionStatus.Approved, SubmissionStatus.Processing, SubmissionActor.Processor), (refused.From!.Value, refused.To, refused.By));
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Equal("sub-1", entry.State["SubmissionId"]);
        Assert.Equal("camp", entry.State["CampaignId"]);
        Assert.Equal("Approved", entry.State["From"]);
        Assert.Equal(SubmissionStatus.Processing, entry.State["To"]);
        Assert.Equal(SubmissionActor.Processor, entry.State["Actor"]);
        foreach (var text in new[] { entry.Message, refused.Message })
        {
            Assert.DoesNotContain("Local 1234", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Jo Worker", text, StringComparison.Ordinal);
        }

        Assert.Equal("Solidarité from Local 1234", row.Caption);
    }

    [Fact]
    public void Only_intake_issues_a_new_row()
    {
        var row = new SubmissionEntity { PartitionKey = "camp", RowKey = "sub-1" };
        SubmissionLifecycle.Issue(row, SubmissionActor.Intake, new RecordingLogger());
        Assert.Equal(SubmissionStatus.Issued, row.StatusValue);

        var logger = new RecordingLogger();
        Assert.Throws<SubmissionMoveRefusedException>(() => SubmissionLifecycle.Issue(row, SubmissionActor.Organizer, logger));
        Assert.Equal("new", Assert.Single(logger.Entries).State["From"]);
    }

    [Theory]
    [InlineData(SubmissionStatus.Issued)]
    [InlineData(SubmissionStatus.Processing)]
    [InlineData(SubmissionStatus.Approved)]
    [InlineData(SubmissionStatus.Rejected)]
    [InlineData(SubmissionStatus.Failed)]
    [InlineData(SubmissionStatus.Expired)]
    public void Withdrawal_erases_what_the_contributor_typed_and_ends_the_claim(SubmissionStatus status)
    {
        var row = Row(status);
        (row.DisplayName, row.Union, row.Sector, row.City, row.Caption, row.OriginalCaption, row.RejectionReason) =
            ("Jo", "CUPE 1234", "Transit", "Winnipeg", "edited", "mine", "blurry");
        (row.Position, row.ClaimId, row.ClaimedAt, row.NextAttemptAt, row.Reason, row.Message) = (3, "claim", Now, Now, "processing_failed", "m");

        SubmissionLifecycle.Withdraw(row, Now, SubmissionActor.Contributor, new RecordingLogger());

        Assert.Equal(SubmissionStatus.Withdrawn, row.StatusValue);
        Assert.Equal(Now, row.WithdrawnAt);
        Assert.Equal(
            (null, "", "", "", "", null, null),
            (row.DisplayName, row.Union, row.Sector, row.City, row.Caption, row.OriginalCaption, row.RejectionReason));
        Assert.Equal((null, null, null, null, null, null), ((int?)row.Position, row.ClaimId, row.ClaimedAt, row.NextAttemptAt, row.Reason, row.Message));
    }

    [Fact]
    public void A_second_withdrawal_is_refused_and_leaves_the_first_one_as_it_was()
    {
        var row = Row(SubmissionStatus.Ready);
        SubmissionLifecycle.Withdraw(row, Now, SubmissionActor.Contributor, new RecordingLogger());

        Assert.Throws<SubmissionMoveRefusedException>(
            () => SubmissionLifecycle.Withdraw(row, Now.AddDays(1), SubmissionActor.Contributor, new RecordingLogger()));
        Assert.Equal(Now, row.WithdrawnAt);
    }

    [Fact]
    public void Expiry_says_why_and_is_refused_once_the_upload_is_in_processing()
    {
        var row = Row(SubmissionStatus.Issued);
        SubmissionLifecycle.Expire(row, SubmissionActor.Sweep, new RecordingLogger());
        Assert.Equal((SubmissionStatus.Expired, SubmissionLifecycle.ExpiredReason), (row.StatusValue, row.Reason));
        Assert.NotNull(row.Message);

        var processing = Row(SubmissionStatus.Processing);
        Assert.Throws<SubmissionMoveRefusedException>(() => SubmissionLifecycle.Expire(processing, SubmissionActor.Sweep, new RecordingLogger()));
        Assert.Equal((SubmissionStatus.Processing, null), (processing.StatusValue, processing.Reason));
    }

    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static SubmissionEntity Row(SubmissionStatus status) =>
        new() { PartitionKey = "camp", RowKey = "sub-1", StatusValue = status };

    private sealed record Entry(LogLevel Level, string Message, IReadOnlyDictionary<string, object?> State);

    /// <summary>Keeps each entry's level, rendered message and structured values.</summary>
    private sealed class RecordingLogger : ILogger
    {
        public List<Entry> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
            Entries.Add(new Entry(logLevel, formatter(state, exception), values.ToDictionary(kv => kv.Key, kv => kv.Value)));
        }
    }
}
