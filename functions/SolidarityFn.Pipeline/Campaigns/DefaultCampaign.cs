namespace SolidarityFn.Pipeline.Campaigns;

/// <summary>The campaign `./dev up` seeds: the call this product was first made for.</summary>
public static class DefaultCampaign
{
    public const string Id = "minnesota-solidarity";

    public static Campaign Create() => new()
    {
        Id = Id,
        Title = "Workers across Canada stand with Minnesota",
        Subtitle = "Solidarity from coast to coast",
        Prompt = "Send a 5–10 second clip or a photo of you and your co-workers holding a sign. Say who you are: your union or local, your sector or workplace, and your city.",
        Slogans =
        [
            "Abolish ICE: Defend migrant workers",
            "ICE out of MN: Solidarity from ____",
            "We support Minnesota workers!",
        ],
        Hashtags = ["#AbolishICE", "#MPLS"],
        ConsentText =
            "I agree that the organizers may use my clip or photo, with the union, sector, city and caption I typed, in a public solidarity video. " +
            "Only what I typed is shown: location and device information are removed from my file. " +
            "I can withdraw at any time with my receipt link, and my media will be deleted.",
        ConsentVersion = 1,
    };
}
