using System.Net;

namespace SolidarityFn.Pipeline.Security;

/// <summary>Which address a request came from, for rate limiting only.</summary>
public static class ClientAddress
{
    /// <summary>
    /// The connection's address, or behind a trusted front end the last X-Forwarded-For hop (the one that front end
    /// added; earlier hops are whatever the client chose to send).
    /// </summary>
    public static IPAddress? Resolve(IPAddress? remote, string? forwardedFor, bool trustForwardedFor)
    {
        if (!trustForwardedFor || string.IsNullOrWhiteSpace(forwardedFor))
        {
            return remote;
        }

        var last = forwardedFor.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (last is null)
        {
            return remote;
        }

        // Azure's front end writes "address:port"; IPv6 may come as "[address]:port".
        if (IPEndPoint.TryParse(last, out var endpoint))
        {
            return endpoint.Address;
        }

        return IPAddress.TryParse(last, out var address) ? address : remote;
    }
}
