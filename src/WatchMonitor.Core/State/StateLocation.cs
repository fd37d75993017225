using System.Data.Common;
using Npgsql;

namespace WatchMonitor.State;

/// <summary>
/// What STATE_DATABASE names: a PostgreSQL server (an Npgsql connection string with <c>Host=</c> or <c>Server=</c>, or a
/// <c>postgres://</c> / <c>postgresql://</c> URL) or, anything else, the path of a SQLite file.
/// </summary>
public sealed record StateLocation
{
    private const string Setting = "STATE_DATABASE";

    private StateLocation(string? sqlitePath, string? postgresConnectionString, string displayName)
    {
        SqlitePath = sqlitePath;
        PostgresConnectionString = postgresConnectionString;
        DisplayName = displayName;
    }

    public bool IsPostgres => PostgresConnectionString is not null;

    /// <summary>The full path of the SQLite file; null for PostgreSQL.</summary>
    public string? SqlitePath { get; }

    /// <summary>The Npgsql connection string (with its password); null for SQLite. Never log it: use <see cref="DisplayName"/>.</summary>
    public string? PostgresConnectionString { get; }

    /// <summary>What may be printed or logged: the file's path, or the connection string with the password masked.</summary>
    public string DisplayName { get; }

    /// <exception cref="FormatException">A PostgreSQL URL or connection string that cannot be read; the message names STATE_DATABASE and never the password.</exception>
    public static StateLocation Parse(string setting)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(setting);
        var trimmed = setting.Trim();
        if (trimmed.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return Postgres(FromUrl(trimmed));
        }

        if (LooksLikeConnectionString(trimmed))
        {
            NpgsqlConnectionStringBuilder builder;
            try
            {
                builder = new NpgsqlConnectionStringBuilder(trimmed);
            }
            catch (ArgumentException exception)
            {
                throw new FormatException($"{Setting} looks like a PostgreSQL connection string but cannot be read. Write it as Host=…;Port=…;Database=…;Username=…;Password=…, or as postgres://user:password@host:port/database.", exception);
            }

            return Postgres(builder);
        }

        return new StateLocation(Path.GetFullPath(trimmed), null, Path.GetFullPath(trimmed));
    }

    /// <summary>As <see cref="Parse"/>, or null when the setting is blank or cannot be read.</summary>
    public static StateLocation? TryParse(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            return null;
        }

        try
        {
            return Parse(setting);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static StateLocation Postgres(NpgsqlConnectionStringBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new FormatException($"{Setting} is a PostgreSQL connection string without a host: add Host=<server>.");
        }

        var connectionString = builder.ConnectionString;
        var masked = new NpgsqlConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(masked.Password))
        {
            masked.Password = "***";
        }

        return new StateLocation(null, connectionString, masked.ConnectionString);
    }

    private static bool LooksLikeConnectionString(string setting)
    {
        if (!setting.Contains('=', StringComparison.Ordinal))
        {
            return false;
        }

        var parts = new DbConnectionStringBuilder();
        try
        {
            parts.ConnectionString = setting;
        }
        catch (ArgumentException)
        {
            return setting.Contains("Host=", StringComparison.OrdinalIgnoreCase) || setting.Contains("Server=", StringComparison.OrdinalIgnoreCase);
        }

        return parts.ContainsKey("Host") || parts.ContainsKey("Server");
    }

    private static NpgsqlConnectionStringBuilder FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException($"{Setting} is not a valid PostgreSQL URL: write it as postgres://user:password@host:port/database?sslmode=require (URL-encode special characters of the password).");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host.Trim('[', ']') };
        if (!uri.IsDefaultPort && uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        if (uri.UserInfo.Length > 0)
        {
            var separator = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(separator < 0 ? uri.UserInfo : uri.UserInfo[..separator]);
            if (separator >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(separator + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            try
            {
                builder[QueryKey(key)] = value;
            }
            catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException or OverflowException)
            {
                throw new FormatException($"{Setting}: the URL parameter '{key}' is not a PostgreSQL connection setting Npgsql knows, or its value is invalid.", exception);
            }
        }

        return builder;
    }

    // libpq's URL parameter names where they differ from Npgsql's.
    private static string QueryKey(string key) => key.ToLowerInvariant() switch
    {
        "sslmode" => "SSL Mode",
        "sslrootcert" => "Root Certificate",
        "sslcert" => "SSL Certificate",
        "sslkey" => "SSL Key",
        "application_name" => "Application Name",
        "connect_timeout" => "Timeout",
        "target_session_attrs" => "Target Session Attributes",
        "options" => "Options",
        "user" => "Username",
        "dbname" => "Database",
        _ => key,
    };

    public override string ToString() => DisplayName;
}
