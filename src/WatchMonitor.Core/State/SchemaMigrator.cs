using System.Data.Common;
using System.Globalization;

namespace WatchMonitor.State;

/// <summary>
/// Applies the numbered scripts of <c>State/Migrations/&lt;engine&gt;/</c> (embedded, <c>NNN_name.sql</c>, the same
/// numbers for every engine) that are newer than the database's schema version, each in its own transaction with the
/// version bump, so a crash mid-way leaves the last complete version. The version is read again inside each
/// transaction after the provider's migration lock, so two processes starting together migrate once.
/// </summary>
internal static class SchemaMigrator
{
    private const string Prefix = "WatchMonitor.State.Migrations.";

    private const int MaxConcurrentMigrationRetries = 5;

    public const string SqliteFolder = "Sqlite";
    public const string PostgresFolder = "Postgres";

    private static readonly Lazy<Dictionary<string, IReadOnlyList<(int Version, string Name)>>> Scripts = new(FindScripts);

    public static int CurrentVersion => Scripts.Value[SqliteFolder][^1].Version;

    /// <summary>The script numbers of an engine's folder, in order.</summary>
    public static IReadOnlyList<int> Versions(string folder) => [.. Scripts.Value[folder].Select(script => script.Version)];

    public static IEnumerable<string> ScriptTexts(string folder) => Scripts.Value[folder].Select(script => ReadScript(script.Name));

    /// <returns>The version found before, and how many migrations were applied.</returns>
    public static (int From, int Applied) Migrate(StateProvider provider, DbConnection connection, int targetVersion = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(provider);
        int? from = null;
        var applied = 0;
        var conflicts = 0;
        while (true)
        {
            using var transaction = provider.BeginWrite(connection);
            provider.LockForMigration(connection, transaction);
            var version = provider.ReadVersion(connection, transaction);
            from ??= version;
            if (version > CurrentVersion)
            {
                throw new StateFileException(
                    $"The state database is at schema version {version}, newer than this build knows ({CurrentVersion}). Run the newer watchmon, or restore a backup taken before it ran.");
            }

            var next = Scripts.Value[provider.MigrationFolder].FirstOrDefault(script => script.Version > version && script.Version <= targetVersion);
            if (next.Name is null)
            {
                transaction.Commit();
                return (from.Value, applied);
            }

            try
            {
                StateDatabase.Execute(connection, ReadScript(next.Name), transaction);
                provider.WriteVersion(connection, transaction, next.Version);
                transaction.Commit();
                applied++;
            }
            catch (DbException exception) when (provider.IsConcurrentMigration(exception) && ++conflicts <= MaxConcurrentMigrationRetries)
            {
                transaction.Rollback();
                from = applied == 0 ? null : from;
            }
        }
    }

    private static Dictionary<string, IReadOnlyList<(int, string)>> FindScripts()
    {
        var names = typeof(SchemaMigrator).Assembly.GetManifestResourceNames();
        return new[] { SqliteFolder, PostgresFolder }.ToDictionary(
            folder => folder,
            folder =>
            {
                var prefix = Prefix + folder + ".";
                return (IReadOnlyList<(int, string)>)[.. names
                    .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
                    .Select(name => (int.Parse(name.AsSpan(prefix.Length, 3), CultureInfo.InvariantCulture), name))
                    .OrderBy(script => script.Item1)];
            },
            StringComparer.Ordinal);
    }

    private static string ReadScript(string name)
    {
        using var stream = typeof(SchemaMigrator).Assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
