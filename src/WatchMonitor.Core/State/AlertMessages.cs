namespace WatchMonitor.State;

/// <summary>Where a listing's alert was posted on a destination that lets a later message edit it.</summary>
public readonly record struct AlertMessage(string MessageId, string? ThreadId);

/// <summary>
/// The <c>alert_message</c> table: the message that announced each listing per destination, keyed by the listing's
/// URL, so that a price change or sale edits it. Bounded by the listings: a row goes when the last listing with its
/// URL is trimmed.
/// </summary>
public sealed class AlertMessages(StateDatabase database, TimeProvider timeProvider)
{
    public AlertMessage? Find(string siteKey, string url, string destinationKey) => database.Read<AlertMessage?>(connection =>
    {
        using var command = SqlValues.Command(connection, null, "SELECT message_id, thread_id FROM alert_message WHERE site = $site AND url = $url AND destination = $destination;");
        command.Parameters.AddWithValue("$site", siteKey);
        command.Parameters.AddWithValue("$url", url);
        command.Parameters.AddWithValue("$destination", destinationKey);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new AlertMessage(reader.GetString(0), SqlValues.ReadText(reader, 1)) : null;
    });

    /// <summary>Keeps the first alert of a listing: later messages about it edit that one.</summary>
    public void Remember(string siteKey, string url, string destinationKey, AlertMessage message) => database.Write((connection, transaction) =>
    {
        using var command = SqlValues.Command(connection, transaction, """
            INSERT OR IGNORE INTO alert_message (site, url, destination, message_id, thread_id, posted_at)
                VALUES ($site, $url, $destination, $message, $thread, $now);
            """);
        command.Parameters.AddWithValue("$site", siteKey);
        command.Parameters.AddWithValue("$url", url);
        command.Parameters.AddWithValue("$destination", destinationKey);
        command.Parameters.AddWithValue("$message", message.MessageId);
        command.Parameters.AddWithValue("$thread", SqlValues.Text(message.ThreadId));
        command.Parameters.AddWithValue("$now", SqlValues.Time(timeProvider.GetUtcNow()));
        command.ExecuteNonQuery();
    });

    /// <summary>The alert was deleted on the destination: the next change posts a new one.</summary>
    public void Forget(string siteKey, string url, string destinationKey) => database.Write((connection, transaction) =>
    {
        using var command = SqlValues.Command(connection, transaction, "DELETE FROM alert_message WHERE site = $site AND url = $url AND destination = $destination;");
        command.Parameters.AddWithValue("$site", siteKey);
        command.Parameters.AddWithValue("$url", url);
        command.Parameters.AddWithValue("$destination", destinationKey);
        command.ExecuteNonQuery();
    });
}
