using System.Globalization;
using Microsoft.Data.Sqlite;

namespace WatchMonitor.State;

/// <summary>
/// Applies the numbered scripts of <c>State/Migrations/</c> (embedded, <c>NNN_name.sql</c>) that are newer than the
/// database's <c>PRAGMA user_version</c>, each in its own transaction with the version bump, so a crash mid-way
/// leaves the last complete version.
/// </summary>
internal static class SchemaMigrator
{
    private const string Prefix = "WatchMonitor.State.Migrations.";

    private static readonly Lazy<IReadOnlyList<(int Version, string Name)>> Scripts = new(FindScripts);

    public static int CurrentVersion => Scripts.Value[^1].Version;

    /// <returns>How many migrations were applied.</returns>
    public static int Migrate(SqliteConnection connection, int targetVersion = int.MaxValue)
    {
        var version = StateDatabase.Scalar<int>(connection, "PRAGMA user_version;");
        if (version > CurrentVersion)
        {
            throw new StateFileException(
                $"The state database is at schema version {version}, newer than this build knows ({CurrentVersion}). Run the newer watchmon, or restore a backup taken before it ran.");
        }

        var applied = 0;
        foreach (var (number, name) in Scripts.Value)
        {
            if (number <= version || number > targetVersion)
            {
                continue;
            }

            using var transaction = connection.BeginTransaction(deferred: false);
            StateDatabase.Execute(connection, ReadScript(name), transaction);
            StateDatabase.Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version={number};"), transaction);
            transaction.Commit();
            applied++;
        }

        return applied;
    }

    private static IReadOnlyList<(int, string)> FindScripts() =>
        [.. typeof(SchemaMigrator).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => (int.Parse(name.AsSpan(Prefix.Length, 3), CultureInfo.InvariantCulture), name))
            .OrderBy(script => script.Item1)];

    private static string ReadScript(string name)
    {
        using var stream = typeof(SchemaMigrator).Assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
