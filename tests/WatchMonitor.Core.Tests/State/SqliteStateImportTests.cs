using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using WatchMonitor.Notifications.Delivery;
using WatchMonitor.State;

namespace WatchMonitor.Core.Tests.State;

/// <summary>
/// <c>watchmon import</c>: a real SQLite state file (the old monitor's) copied into the suite's database on every
/// engine as the target.
/// </summary>
public sealed partial class SqliteStateImportTests : StateSuite
{
    private const string Rows = """
        INSERT INTO site (seq, key, first_scanned_at) VALUES (3, 'watch_out', 638700000000000000), (7, 'grimmeissen', NULL);
        INSERT INTO listing (seq, site, id, url, title, price, currency, first_seen, last_seen, last_price, alert) VALUES
            (5, 'watch_out', 'a', 'https://example.test/a', 'Rolex', '4200.00', 'EUR', 1, 2, '4500.00', 'queued'),
            (9, 'watch_out', 'b', 'https://example.test/b', 'Omega', NULL, NULL, 1, 3, NULL, 'sent'),
            (12, 'grimmeissen', 'c', 'https://example.test/c', 'Tudor', '1999.99', 'EUR', 2, 4, NULL, 'baseline');
        INSERT INTO price_history (seq, site, listing_id, old_price, new_price, currency, at) VALUES (4, 'watch_out', 'a', '4500.00', '4200.00', 'EUR', 2);
        INSERT INTO session (seq, session_id, started_at, ended_at, duration_seconds, sites_scraped, total_watches_found, total_new_watches,
            notifications_sent, errors_encountered, memory_usage_start_mb, memory_usage_end_mb, memory_delta_mb, site_stats)
            VALUES (2, 's1', 10, 20, 1.5, 2, 3, 1, 1, 0, 50.5, 51.0, 0.5, '{}');
        INSERT INTO site_health VALUES ('watch_out', 10, 0, 3, NULL, 20);
        INSERT INTO exchange_rate VALUES ('USD_EUR', '0.92', 10);
        INSERT INTO outbox (id, destination, site, composite_id, kind, dedup_key, payload, enqueued_at, attempts, next_attempt_at, format) VALUES
            (41, 'discord-aaaaaaaaaaaa', 'watch_out', 'a', 'NewListing', 'NewListing:a', '{"title":"Rolex"}', 1, 2, 3, 'event'),
            (44, 'discord-aaaaaaaaaaaa', 'watch_out', 'b', 'NewListing', 'NewListing:b', '{"title":"Omega"}', 1, 0, 1, 'event');
        INSERT INTO dead_letter (id, destination, site, composite_id, kind, payload, enqueued_at, attempts, reason, dead_at, format)
            VALUES (40, 'discord-aaaaaaaaaaaa', 'watch_out', 'z', 'NewListing', '{}', 1, 5, 'HTTP 404', 2, 'event');
        INSERT INTO delivery VALUES ('watch_out', 'b', 'discord-aaaaaaaaaaaa', 'NewListing', '111', 3);
        INSERT INTO alert_message VALUES ('watch_out', 'https://example.test/b', 'discord-aaaaaaaaaaaa', '111', NULL, 3);
        INSERT INTO digest_entry (id, route, dedup_key, payload, added_at) VALUES (6, 'daily', 'c', '{}', 4);
        INSERT INTO digest_schedule VALUES ('daily|discord-aaaaaaaaaaaa', 'daily 08:00', 638700000000000000, 638600000000000000);
        """;

    [Fact]
    public void Tables_EveryTableOfTheSchema_IsCopiedOrRuntimeOnly()
    {
        var created = SchemaMigrator.ScriptTexts(SchemaMigrator.SqliteFolder)
            .SelectMany(script => CreatedTable().Matches(script).Select(match => match.Groups[1].Value));

        Assert.Equal(
            created.Where(table => !StateTables.RuntimeOnly.Contains(table)).Order(StringComparer.Ordinal),
            StateTables.Copied.Select(table => table.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Import_EveryTable_CopiesEachRowWithItsIdAndLeavesTheSourceByteIdentical(StateEngine engine)
    {
        On(engine);
        var source = CreateSource(Rows);
        var files = SourceFiles();
        var hash = Hash(source);

        var report = Import(source);

        Assert.Equal(hash, Hash(source));
        Assert.Equal(files, SourceFiles());
        Assert.Equal(Counts(source), Counts(Context.Database));
        Assert.Equal(report.Tables.Select(table => (table.Table, table.Copied)), Counts(source));
        Assert.Equal(0, report.AlreadyThere);
        Assert.Equal(SchemaMigrator.CurrentVersion, report.SourceVersion);
        Assert.Equal([5L, 9L, 12L], Ids(Context.Database, "SELECT seq FROM listing ORDER BY seq;"));
        Assert.Equal([3L, 7L], Ids(Context.Database, "SELECT seq FROM site ORDER BY seq;"));
        Assert.Equal(Dump(source, "listing"), Dump(Context.Database, "listing"));
        Assert.Equal(Dump(source, "session"), Dump(Context.Database, "session"));
        Assert.Equal(Dump(source, "digest_schedule"), Dump(Context.Database, "digest_schedule"));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Import_ThenScanAndExport_ImportedListingsAreSeenNotNew(StateEngine engine)
    {
        On(engine);
        var source = CreateSource(Rows);

        Import(source);

        var seen = Context.Seen();
        Assert.True(seen.HasState("watch_out"));
        Assert.True(seen.HasState("grimmeissen"));
        Assert.Equal(["a", "b"], seen.FindSeen("watch_out", ["a", "b", "new"]).Order(StringComparer.Ordinal));
        Assert.Equal(4200.00m, seen.LastKnownPriceForUrl("watch_out", "https://example.test/a")?.Price);
        Assert.Equal(3, await Context.Exporter().ExportSeenAsync(Context.PathOf("seen.json"), CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Import_QueuedMessages_StayQueuedWithTheirIdsAndNewOnesFollow(StateEngine engine)
    {
        On(engine);
        var source = CreateSource(Rows);

        Import(source);

        var outbox = Context.Outbox();
        Assert.Equal([41L, 44L], outbox.Pending().Select(message => message.Id));
        Assert.Equal(40L, Assert.Single(outbox.DeadLetters()).Message.Id);
        outbox.EnqueueUnbounded([OutgoingMessage.ForListing("discord-aaaaaaaaaaaa", "watch_out", "d", NotificationKind.NewListing, "{}")]);
        Assert.Equal(45L, outbox.Pending()[^1].Id);
        Context.Seen().Commit(new ScanCommit("watch_out", StateTestContext.Start) { Added = { new NewSeenListing(new ListingRecord("e", null, "https://example.test/e", "Rolex", "Rolex", null, null, 1m, "EUR", null), "logged") } });
        Assert.Equal(13L, Ids(Context.Database, "SELECT seq FROM listing WHERE id = 'e';").Single());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Import_TargetHoldsListings_RefusesNamingWhatItHoldsAndWritesNothing(StateEngine engine)
    {
        On(engine);
        var source = CreateSource(Rows);
        Context.Database.Write((connection, transaction) => StateDatabase.Execute(connection,
            "INSERT INTO site (key) VALUES ('tropicalwatch'); INSERT INTO listing (site, id, alert) VALUES ('tropicalwatch', 'x', 'sent'), ('tropicalwatch', 'y', 'sent');", transaction));
        var before = Counts(Context.Database);

        var exception = Assert.Throws<StateImportException>(() => Import(source));

        Assert.Contains("already holds 2 listing(s) of 1 site(s); nothing was imported", exception.Message, StringComparison.Ordinal);
        Assert.Contains("--merge", exception.Message, StringComparison.Ordinal);
        Assert.Equal(before, Counts(Context.Database));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Import_Merge_AddsOnlyTheMissingRowsAndOverwritesNone(StateEngine engine)
    {
        On(engine);
        var source = CreateSource(Rows);
        Context.Database.Write((connection, transaction) => StateDatabase.Execute(connection, """
            INSERT INTO site (seq, key) VALUES (3, 'tropicalwatch'), (4, 'watch_out');
            INSERT INTO listing (seq, site, id, alert) VALUES (9, 'tropicalwatch', 'x', 'sent'), (6, 'watch_out', 'a', 'mine');
            INSERT INTO exchange_rate VALUES ('USD_EUR', '0.95', 99);
            """, transaction));

        var report = Import(source, merge: true);

        Assert.Equal((2L, 1L), Of(report, "listing"));
        Assert.Equal((1L, 1L), Of(report, "site"));
        Assert.Equal((0L, 1L), Of(report, "exchange_rate"));
        Assert.Equal(["a|mine", "b|sent", "c|baseline", "x|sent"], Dump(Context.Database, "listing", "id, alert").Order(StringComparer.Ordinal));
        Assert.Equal(["USD_EUR|0.95"], Dump(Context.Database, "exchange_rate", "pair, rate"));
        Assert.Equal(["10|b", "12|c", "6|a", "9|x"], Dump(Context.Database, "listing", "seq, id").Order(StringComparer.Ordinal));
        Assert.Equal(Counts(source).Single(count => count.Table == "outbox").Rows, Context.Outbox().Count());
        Assert.Equal(0, Import(source, merge: true).Copied);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Import_FailsMidWay_RollsBackEverything(StateEngine engine)
    {
        On(engine);
        var source = CreateSource(Rows);
        Context.RefuseInserts("digest_entry");

        var exception = Assert.Throws<StateImportException>(() => Import(source));

        Assert.Contains("rolled back, nothing was written", exception.Message, StringComparison.Ordinal);
        Assert.All(Counts(Context.Database), count => Assert.Equal(0, count.Rows));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Import_SourceOfAnOlderSchema_IsMigratedInItsCopyOnly(StateEngine engine)
    {
        On(engine);
        var path = Path.Combine(Context.Directory, "old", "watchmon.db");
        var old = Context.NewDatabase(path);
        old.MigrateTo(2);
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            StateDatabase.Execute(connection, "INSERT INTO site (key) VALUES ('watch_out'); INSERT INTO listing (site, id, alert) VALUES ('watch_out', 'a', 'sent');");
            StateDatabase.Execute(connection, "INSERT INTO outbox (destination, site, composite_id, kind, dedup_key, payload, enqueued_at, next_attempt_at) VALUES ('watch_out', 'watch_out', 'a', 'NewListing', 'NewListing:a', '{}', 1, 1);");
        }

        old.Dispose();
        SqliteConnection.ClearAllPools();
        var hash = Hash(path);

        var report = Import(path);

        Assert.Equal(2, report.SourceVersion);
        Assert.Equal("discord-embed", Assert.Single(Context.Outbox().Pending()).Format);
        Assert.Equal(hash, Hash(path));
    }

    [Fact]
    public void Import_SourceOfANewerSchema_RefusesSayingSo()
    {
        var source = CreateSource("PRAGMA user_version = 99;");

        var exception = Assert.Throws<StateImportException>(() => Import(source));

        Assert.Contains("is at schema version 99, newer than this build knows", exception.Message, StringComparison.Ordinal);
        Assert.False(Context.NewDatabase().Exists);
    }

    [Fact]
    public void Import_NotAStateFile_RefusesSayingSo()
    {
        var path = Path.Combine(Context.Directory, "old", "notes.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "just some text, long enough to be read as a header by SQLite when it opens the file...........");

        var exception = Assert.Throws<StateImportException>(() => Import(path));

        Assert.Contains("it is not a SQLite database", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Import_MonitorRunsOnTheSource_RefusedWithTheLocksMessage(StateEngine engine)
    {
        On(engine);
        var source = CreateSource(Rows);
        using var running = InstanceLock.Acquire(Path.GetDirectoryName(source)!);

        var exception = Assert.Throws<InstanceLockException>(() => Import(source));

        Assert.Contains("another watchmon", exception.Message, StringComparison.Ordinal);
        Assert.False(Context.NewDatabase().Exists);
    }

    [Fact]
    public void Import_SourceIsTheTarget_Refused()
    {
        var exception = Assert.Throws<StateImportException>(() => new SqliteStateImport(Context.Database).Run(Context.Options.StateDatabase, merge: false));

        Assert.Contains("is both the source and STATE_DATABASE", exception.Message, StringComparison.Ordinal);
    }

    private StateImportReport Import(string source, bool merge = false) =>
        new SqliteStateImport(Context.NewDatabase()).Run(source, merge, Context.Directory);

    private string CreateSource(string sql)
    {
        var path = Path.Combine(Context.Directory, "old", "watchmon.db");
        using (var database = new StateDatabase(path, Context.Logger<StateDatabase>()))
        {
            database.Open();
            database.Maintain(connection =>
            {
                StateDatabase.Execute(connection, sql);
                return 0;
            });
        }

        SqliteConnection.ClearAllPools();
        return path;
    }

    private IReadOnlyList<string> SourceFiles() =>
        [.. Directory.GetFiles(Path.Combine(Context.Directory, "old")).Select(Path.GetFileName).Where(name => name != InstanceLock.FileName).Order(StringComparer.Ordinal)!];

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private List<(string Table, long Rows)> Counts(string sqlitePath)
    {
        using var database = new StateDatabase(sqlitePath, Context.Logger<StateDatabase>());
        database.OpenReadOnly();
        return Counts(database);
    }

    private static List<(string Table, long Rows)> Counts(StateDatabase database) =>
        [.. StateTables.Copied.Select(table => (table.Name, database.Read(connection => StateDatabase.Scalar<long>(connection, $"SELECT COUNT(*) FROM {table.Name};"))))];

    private static (long, long) Of(StateImportReport report, string table) =>
        report.Tables.Single(entry => entry.Table == table) is var found ? (found.Copied, found.AlreadyThere) : default;

    private static List<long> Ids(StateDatabase database, string sql) => database.Read(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }

        return ids;
    });

    private List<string> Dump(string sqlitePath, string table)
    {
        using var database = new StateDatabase(sqlitePath, Context.Logger<StateDatabase>());
        database.OpenReadOnly();
        return Dump(database, table);
    }

    private static List<string> Dump(StateDatabase database, string table, string columns = "*") => database.Read(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {columns} FROM {table} ORDER BY 1;";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(ordinal => reader.IsDBNull(ordinal) ? "null"
                : Convert.ToString(reader.GetValue(ordinal) is int or long ? Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture) : reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    });

    [GeneratedRegex(@"CREATE TABLE (?:IF NOT EXISTS )?(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex CreatedTable();
}
