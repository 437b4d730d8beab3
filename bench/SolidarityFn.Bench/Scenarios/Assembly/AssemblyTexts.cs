namespace SolidarityFn.Bench.Scenarios.Assembly;

/// <summary>
/// What contributors type: captions of 40–90 characters (some accented, one Arabic, which drawtext shapes right to
/// left), and the union, sector and city of the meta line.
/// </summary>
public static class AssemblyTexts
{
    private static readonly string[] Captions =
    [
        "ICE out of MN: Solidarity from grocery workers in Vancouver!",
        "Toronto teachers support Minnesota workers, today and every day",
        "Abolish ICE: Defend migrant workers. From our picket line to yours.",
        "Solidarité de Montréal : les travailleuses et travailleurs sont avec vous !",
        "Transit workers stand with Minneapolis. No one rides alone.",
        "Nurses and care aides from Winnipeg: an injury to one is an injury to all.",
        "Halifax longshore workers say: ICE out of Minnesota, now.",
        "Auto workers in Windsor stand shoulder to shoulder with our Minnesota siblings",
        "Les enseignantes de Québec appuient les familles migrantes du Minnesota",
        "Steelworkers from Hamilton: we support Minnesota workers!",
        "تضامن العمال من تورونتو مع عمال مينيسوتا: لا للترحيل",
        "Public service workers in Victoria send love and solidarity to the Twin Cities",
        "Hospital cleaners from Regina: we keep you safe, you keep us safe.",
        "Grocery workers in Edmonton: no raids at our workplaces, ever.",
        "Cégep de Sherbrooke : solidarité avec les étudiantes et étudiants menacés",
        "Postal workers from Saskatoon: deliver justice, not deportations",
        "Construction trades in Calgary stand with Minnesota's migrant builders",
        "Librarians in Ottawa: knowledge is free and so should everyone be",
        "Brewery workers from Guelph raise a glass to solidarity across the border",
        "Syndicat des cols bleus de Gatineau : ICE hors du Minnesota !",
        "Flight attendants in Mississauga: we fly together, we fight together",
        "Farm workers from Leamington: our harvest feeds both sides of the border",
        "Education workers in Kingston support Minnesota families. Abolish ICE.",
        "Hotel workers in Niagara Falls: from our hotels to yours, solidarity!",
    ];

    private static readonly string[] Unions = ["UFCW Local 1518", "ETFO Local 12", "CUPE 3903", "Unifor Local 444", "ATU Local 113", "SEIU Healthcare", "USW Local 1005", "BCGEU", "FTQ-Construction", "CSN"];
    private static readonly string[] Sectors = ["Grocery retail", "Education", "Higher education", "Auto manufacturing", "Public transit", "Health care", "Steel", "Public service", "Construction", "Hospitality"];
    private static readonly string[] Cities = ["Vancouver, BC", "Toronto, ON", "Montréal, QC", "Windsor, ON", "Halifax, NS", "Winnipeg, MB", "Hamilton, ON", "Victoria, BC", "Québec, QC", "Edmonton, AB", "Sherbrooke, QC"];

    public static (string Caption, string Union, string Sector, string City) For(int i) =>
        (Captions[i % Captions.Length], Unions[i % Unions.Length], Sectors[(i / 2) % Sectors.Length], Cities[(i * 7) % Cities.Length]);

    /// <summary>The caption given to one clip for the re-assembly of <paramref name="round"/> (new in every round, so it must be rendered).</summary>
    public static string ChangedCaption(int round, int side) =>
        $"Round {round}.{side}: Toronto nurses say ICE out of Minnesota — solidarité totale!";
}
