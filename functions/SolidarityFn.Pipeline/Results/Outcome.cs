namespace SolidarityFn.Pipeline.Results;

/// <summary>Either a value or a <see cref="Problem"/>: what every pipeline entry point returns to its host.</summary>
public readonly record struct Outcome<T>
{
    private Outcome(T? value, Problem? problem)
    {
        Value = value;
        Problem = problem;
    }

    public T? Value { get; }

    public Problem? Problem { get; }

    public bool Succeeded => Problem is null;

    public static Outcome<T> Ok(T value) => new(value, null);

    public static Outcome<T> Fail(Problem problem) => new(default, problem);

    public static implicit operator Outcome<T>(Problem problem) => Fail(problem);
}
