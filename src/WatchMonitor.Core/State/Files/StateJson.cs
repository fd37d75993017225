using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace WatchMonitor.State;

/// <summary>JSON conventions shared by the state files.</summary>
internal static class StateJson
{
    /// <summary>Flush the writer to the file whenever this much is buffered, so no file is held in memory whole.</summary>
    public const int FlushThreshold = 16 * 1024;

    /// <summary>Python's <c>json.dump(indent=2, ensure_ascii=False)</c>: two spaces, LF, non-ASCII unescaped.</summary>
    public static readonly JsonWriterOptions Indented = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>For files only this program reads: no whitespace.</summary>
    public static readonly JsonWriterOptions Compact = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Parses a state file; null when it is missing or empty (both mean "no state", as for the Python monitor).</summary>
    public static async Task<JsonDocument?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FlushThreshold, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            throw StateFileException.Unreadable(path, exception);
        }

        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return stream.Length == 0 ? null : await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException exception)
            {
                throw StateFileException.Unreadable(path, exception);
            }
        }
    }

    public static async ValueTask FlushIfFullAsync(Utf8JsonWriter writer, CancellationToken cancellationToken)
    {
        if (writer.BytesPending >= FlushThreshold)
        {
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes a double as Python's <c>repr</c> does: <c>60.0</c>, <c>0.5</c>, <c>1e-05</c>; null when missing or not finite.</summary>
    public static void WritePythonFloat(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is not { } number || !double.IsFinite(number))
        {
            writer.WriteNull(name);
            return;
        }

        writer.WritePropertyName(name);
        writer.WriteRawValue(PythonFloat(number), skipInputValidation: true);
    }

    public static string PythonFloat(double value) =>
        double.IsInteger(value) && Math.Abs(value) < 1e16
            ? value.ToString("F0", CultureInfo.InvariantCulture) + ".0"
            : value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');

    public static int GetInt(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.TryGetInt32(out var whole) ? whole : checked((int)value.GetDouble())
            : value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? 0 : throw Shape($"'{name}' is not a number");

    public static double? GetDouble(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? null : throw Shape($"'{name}' is not a number");

    public static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? null : throw Shape($"'{name}' is not a string");

    public static string GetRequiredString(JsonElement element, string name) =>
        GetString(element, name) ?? throw Shape($"'{name}' is missing");

    public static DateTimeOffset GetUtcTime(JsonElement element, string name) =>
        DateTimeOffset.Parse(GetRequiredString(element, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static JsonElement Expect(JsonElement element, JsonValueKind kind, string what) =>
        element.ValueKind == kind ? element : throw Shape($"{what} is {element.ValueKind}, expected {kind}");

    /// <summary>Exceptions that mean the file's content is unusable, as opposed to the file being unreachable.</summary>
    public static bool IsCorruption(Exception exception) =>
        exception is JsonException or FormatException or OverflowException or InvalidOperationException or DecoderFallbackException;

    public static JsonException Shape(string message) => new(message);
}
