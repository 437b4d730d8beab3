namespace SolidarityFn.Pipeline.Organizers;

/// <summary>Who is acting on the organizer API. <see cref="Method"/> is "key" or "entra".</summary>
public sealed record Organizer(string Id, string DisplayName, string Method)
{
    public const string KeyMethod = "key";
    public const string EntraMethod = "entra";

    /// <summary>Everyone holding the shared key is the same organizer: the key names nobody.</summary>
    public static Organizer KeyHolder { get; } = new("key", "Organizer (key)", KeyMethod);
}

public enum OrganizerAuthFailure
{
    None,

    /// <summary>No credentials at all: 401.</summary>
    MissingCredentials,

    /// <summary>Credentials that are wrong or unreadable: 401.</summary>
    InvalidCredentials,

    /// <summary>A known identity without the organizer role: 403.</summary>
    MissingRole,
}

public sealed record OrganizerAuthResult(Organizer? Organizer, OrganizerAuthFailure Failure)
{
    public bool Succeeded => Organizer is not null && Failure == OrganizerAuthFailure.None;

    public static OrganizerAuthResult Success(Organizer organizer) => new(organizer, OrganizerAuthFailure.None);

    public static OrganizerAuthResult Fail(OrganizerAuthFailure failure) => new(null, failure);
}
