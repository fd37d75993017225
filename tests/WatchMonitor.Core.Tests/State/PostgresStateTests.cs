using System.Net;
using System.Net.Sockets;
using Npgsql;
using WatchMonitor.Configuration;
using WatchMonitor.State;

namespace WatchMonitor.Core.Tests.State;

public sealed class StateLocationTests
{
    [Theory]
    [InlineData("watchmon.db")]
    [InlineData("/var/lib/watchmon/state.db")]
    [InlineData("data/host=1.db")]
    public void Parse_Path_IsSqliteAtTheFullPath(string setting)
    {
        var location = StateLocation.Parse(setting);

        Assert.False(location.IsPostgres);
        Assert.Equal(Path.GetFullPath(setting), location.SqlitePath);
        Assert.Equal(Path.GetFullPath(setting), location.DisplayName);
    }

    [Theory]
    [InlineData("Host=db.internal;Database=watchmon;Username=monitor;Password=s3cret")]
    [InlineData("Server=db.internal;Database=watchmon;Username=monitor;Password=s3cret")]
    public void Parse_ConnectionString_IsPostgresWithThePasswordMasked(string setting)
    {
        var location = StateLocation.Parse(setting);

        Assert.True(location.IsPostgres);
        var settings = new NpgsqlConnectionStringBuilder(location.PostgresConnectionString);
        Assert.Equal(("db.internal", "watchmon", "monitor", "s3cret"), (settings.Host, settings.Database, settings.Username, settings.Password));
        Assert.DoesNotContain("s3cret", location.DisplayName, StringComparison.Ordinal);
        Assert.Contains("db.internal", location.DisplayName, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Url_BecomesAnNpgsqlConnectionStringWithTheDecodedPassword()
    {
        var location = StateLocation.Parse("postgresql://monitor:p%40ss%3Aw%2Frd@db.internal:6432/watch%20state?sslmode=require&application_name=watchmon");

        var settings = new NpgsqlConnectionStringBuilder(location.PostgresConnectionString);
        Assert.Equal(("db.internal", 6432, "watch state", "monitor", "p@ss:w/rd"), (settings.Host, settings.Port, settings.Database, settings.Username, settings.Password));
        Assert.Equal(SslMode.Require, settings.SslMode);
        Assert.Equal("watchmon", settings.ApplicationName);
        Assert.DoesNotContain("p@ss", location.DisplayName, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UrlWithoutPort_KeepsTheDefaultPort()
    {
        var settings = new NpgsqlConnectionStringBuilder(StateLocation.Parse("postgres://monitor@localhost/watchmon").PostgresConnectionString);

        Assert.Equal(("localhost", 5432, "watchmon", "monitor"), (settings.Host, settings.Port, settings.Database, settings.Username));
    }

    [Theory]
    [InlineData("postgres://monitor:hunter2@/watchmon")]
    [InlineData("postgres://monitor:hunter2@db.internal/watchmon?no_such_setting=1")]
    [InlineData("postgres://monitor:hunter2@db.internal/watchmon?sslmode=sometimes")]
    public void Parse_BadUrl_ThrowsNamingTheSettingWithoutThePassword(string setting)
    {
        var exception = Assert.Throws<FormatException>(() => StateLocation.Parse(setting));

        Assert.Contains("STATE_DATABASE", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MonitorOptions_Postgres_TakesNoDirectoryFromTheSettingAndMasksThePassword()
    {
        var options = new MonitorOptions { StateDatabase = "postgres://monitor:hunter2@db.internal/watchmon" };

        Assert.True(options.UsesPostgres);
        Assert.Equal(Environment.CurrentDirectory, options.StateDirectory);
        Assert.DoesNotContain("hunter2", options.StateDatabaseDisplayName, StringComparison.Ordinal);
        options.StateDirectorySetting = Path.Combine(Path.GetTempPath(), "watchmon-state");
        Assert.Equal(Path.Combine(Path.GetTempPath(), "watchmon-state"), options.StateDirectory);
        Assert.False(new MonitorOptions { StateDatabase = "state/watchmon.db" }.UsesPostgres);
    }

    [Fact]
    public void Validate_BadPostgresUrl_ReportsStateDatabaseWithoutThePassword()
    {
        var errors = MonitorOptionsValidator.Validate(new MonitorOptions { StateDatabase = "postgres://monitor:hunter2@/watchmon" });

        var error = Assert.Single(errors, error => error.Contains("STATE_DATABASE", StringComparison.Ordinal));
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Migrations_EveryEngine_HasTheSameNumberedScripts()
    {
        Assert.Equal(SchemaMigrator.Versions(SchemaMigrator.SqliteFolder), SchemaMigrator.Versions(SchemaMigrator.PostgresFolder));
        Assert.Equal(Enumerable.Range(1, SchemaMigrator.CurrentVersion), SchemaMigrator.Versions(SchemaMigrator.PostgresFolder));
    }
}

public sealed class PostgresStateTests : StateSuite
{
    [PostgresFact]
    public void Open_EmptySchema_MigratesToTheCurrentVersionOnce()
    {
        var context = On(StateEngine.Postgres);
        var database = context.NewDatabase();
        Assert.False(database.Exists);

        Assert.True(database.Open());

        Assert.True(database.Exists);
        Assert.Equal(SchemaMigrator.CurrentVersion, database.Read(connection => StateDatabase.Scalar<int>(connection, "SELECT version FROM schema_version;")));
        Assert.Equal(1, database.Read(connection => StateDatabase.Scalar<int>(connection, "SELECT count(*) FROM schema_version;")));
        Assert.False(context.NewDatabase().Open());
        Assert.Contains(context.Logs, entry => entry.Message.Contains($"{SchemaMigrator.CurrentVersion} migration(s) applied", StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task Open_TwoInstancesAtOnce_OneMigratesAndBothUseTheSchema()
    {
        var context = On(StateEngine.Postgres);
        var first = context.NewDatabase();
        var second = context.NewDatabase();

        var created = await Task.WhenAll(Task.Run(first.Open), Task.Run(second.Open));

        Assert.Single(created, wasCreated => wasCreated);
        Assert.Equal(SchemaMigrator.CurrentVersion, second.Read(connection => StateDatabase.Scalar<int>(connection, "SELECT version FROM schema_version;")));
        new SeenListings(first, new SqliteOutbox(first, context.Time, 10), 100).Commit(new ScanCommit("watch_out", StateTestContext.Start));
        Assert.True(new SeenListings(second, new SqliteOutbox(second, context.Time, 10), 100).HasState("watch_out"));
    }

    [PostgresFact]
    public async Task Open_ThreeFirstStartsAtOnce_RepeatedOnFreshSchemas_EveryOneReachesTheCurrentVersionAndOneMigrates()
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            using var context = new StateTestContext(StateEngine.Postgres);
            StateDatabase[] databases = [context.NewDatabase(), context.NewDatabase(), context.NewDatabase()];

            var created = await Task.WhenAll(databases.Select(database => Task.Run(database.Open)));

            Assert.Single(created, wasCreated => wasCreated);
            Assert.All(databases, database => Assert.Equal(SchemaMigrator.CurrentVersion, database.Read(connection => StateDatabase.Scalar<int>(connection, "SELECT version FROM schema_version;"))));
        }
    }

    [PostgresFact]
    public void Delete_AfterAFailedImport_DropsTheTablesSoTheNextStartBeginsAgain()
    {
        var context = On(StateEngine.Postgres);
        var database = context.Database;

        database.Delete();

        Assert.False(database.Exists);
        using (var connection = new NpgsqlConnection(context.Options.StateDatabase))
        {
            connection.Open();
            Assert.Equal(0, StateDatabase.Scalar<int>(connection, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema();"));
        }

        Assert.True(context.NewDatabase().Open());
    }

    [PostgresFact]
    public void Open_ServerNotListening_SaysSoWithoutThePassword()
    {
        var context = On(StateEngine.Postgres);
        var settings = new NpgsqlConnectionStringBuilder(context.Options.StateDatabase) { Port = UnusedPort(), Password = "hunter2-secret", Timeout = 5 };
        var database = context.NewDatabase(settings.ConnectionString);

        var exception = Assert.Throws<StateFileException>(() => database.Open());

        Assert.Contains("cannot connect to the PostgreSQL server", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", database.DisplayName, StringComparison.Ordinal);
    }

    [PostgresFact]
    public void Open_DatabaseMissing_SaysHowToCreateItWithoutThePassword()
    {
        var context = On(StateEngine.Postgres);
        var settings = new NpgsqlConnectionStringBuilder(context.Options.StateDatabase) { Database = "wm_missing_" + Guid.NewGuid().ToString("N")[..8], Password = "hunter2-secret" };
        var database = context.NewDatabase(settings.ConnectionString);

        var exception = Assert.Throws<StateFileException>(() => database.Open());

        Assert.Contains("does not exist", exception.Message, StringComparison.Ordinal);
        Assert.Contains("createdb", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", exception.Message, StringComparison.Ordinal);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
