using WatchMonitor.Listings;

namespace WatchMonitor.Monitoring;

/// <summary>
/// Identical watches: listings of one page that share a composite id under different URLs. One keeps the plain
/// id, each other one becomes a twin with its URL-qualified id, so every watch is announced once. Which one keeps
/// the plain id depends on what was seen before, never on page order, so a reordered page re-alerts nothing. The
/// rules and their limits are in docs/ids.md.
/// </summary>
internal static class ListingTwins
{
    /// <summary>The page's listings in page order, one per id and URL, twins with their URL-qualified ids.</summary>
    /// <param name="listings">The parsed page.</param>
    /// <param name="isSeen">Whether one of the listing's own ids (plain or legacy) is recorded as seen.</param>
    /// <param name="isSeenId">Whether an id is recorded as seen.</param>
    /// <param name="isKnownUrl">Whether a URL was recorded with any seen id of the site.</param>
    public static List<Listing> Resolve(IReadOnlyList<Listing> listings, Func<Listing, bool> isSeen, Func<string, bool> isSeenId, Func<string, bool> isKnownUrl)
    {
        var unique = new List<Listing>(listings.Count);
        Dictionary<string, List<Listing>>? groups = null;
        var byId = new Dictionary<string, Listing>(StringComparer.Ordinal);
        foreach (var listing in listings)
        {
            if (byId.TryAdd(listing.CompositeId, listing))
            {
                unique.Add(listing);
                continue;
            }

            groups ??= new(StringComparer.Ordinal);
            if (!groups.TryGetValue(listing.CompositeId, out var group))
            {
                groups[listing.CompositeId] = group = [byId[listing.CompositeId]];
            }

            // The same URL twice is the same watch shown twice (a teaser strip and the grid), not a twin.
            if (!group.Exists(member => string.Equals(member.Url, listing.Url, StringComparison.Ordinal)))
            {
                group.Add(listing);
                unique.Add(listing);
            }
        }

        foreach (var group in groups?.Values ?? Enumerable.Empty<List<Listing>>())
        {
            if (group.Count > 1)
            {
                Assign(group, isSeen, isSeenId, isKnownUrl);
            }
        }

        return unique;
    }

    private static void Assign(List<Listing> group, Func<Listing, bool> isSeen, Func<string, bool> isSeenId, Func<string, bool> isKnownUrl)
    {
        // A member already recorded under its twin id stays a twin.
        var open = new List<Listing>(group.Count);
        foreach (var member in group)
        {
            if (isSeenId(member.TwinId))
            {
                member.BecomeTwin();
            }
            else
            {
                open.Add(member);
            }
        }

        var owner = Owner(open, everyMemberOpen: open.Count == group.Count, isSeen, isKnownUrl);
        foreach (var member in open)
        {
            if (!ReferenceEquals(member, owner))
            {
                member.BecomeTwin();
            }
        }
    }

    private static Listing? Owner(List<Listing> open, bool everyMemberOpen, Func<Listing, bool> isSeen, Func<string, bool> isKnownUrl)
    {
        if (open.Count == 0)
        {
            return null;
        }

        // A pair that is new as a whole: the URL that sorts first keeps the plain id, whatever the page order.
        if (!open.Exists(member => isSeen(member)))
        {
            return FirstByUrl(open);
        }

        // The plain id is seen: it belongs to the member whose page was recorded before; a newcomer becomes the twin.
        var known = open.FindAll(member => isKnownUrl(member.Url));
        if (known.Count > 0)
        {
            return FirstByUrl(known);
        }

        // No member's URL is on record: seen ids imported from the Python version (which kept no URLs) give the plain
        // id to the first URL; when twins exist already, the plain id's owner has gone and every newcomer is new.
        return everyMemberOpen ? FirstByUrl(open) : null;
    }

    private static Listing FirstByUrl(List<Listing> members) =>
        members.MinBy(member => member.Url, StringComparer.Ordinal)!;
}
