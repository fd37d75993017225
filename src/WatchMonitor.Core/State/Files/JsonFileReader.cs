using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace WatchMonitor.State;

/// <summary>
/// Reads a JSON file token by token through a small buffer, so loading a state file costs memory for what it holds,
/// not for its text. <see cref="JsonDocument"/> held the whole file plus a token table: a full companion file (12 MB)
/// took a 16 MB buffer and an 8 MB table from <c>ArrayPool.Shared</c>, which kept both after the load.
/// </summary>
/// <remarks>
/// Syntax errors surface as <see cref="JsonException"/> with the line and byte position, as from
/// <see cref="JsonDocument"/>. Not thread-safe; reads synchronously (state is loaded once, at start).
/// </remarks>
internal sealed class JsonFileReader : IDisposable
{
    private const int InitialBufferBytes = 64 * 1024;

    // A single token longer than this is not a state file: refuse it rather than grow without bound.
    private const int MaxTokenBytes = 16 * 1024 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer = new byte[InitialBufferBytes];
    private int _start;
    private int _end;
    private bool _isFinalBlock;
    private JsonReaderState _state;

    // The current token's own JSON text (a string keeps its quotes), so a one-token reader can decode it.
    private byte[] _token = new byte[256];
    private int _tokenLength;

    private readonly string _path;

    private JsonFileReader(Stream stream, string path)
    {
        _stream = stream;
        _path = path;
    }

    public JsonTokenType TokenType { get; private set; }

    public int Depth { get; private set; }

    /// <summary>
    /// The raw bytes of a string or property name without quotes; compare or parse them only when
    /// <see cref="ValueIsEscaped"/> is false.
    /// </summary>
    public ReadOnlySpan<byte> ValueSpan =>
        TokenType is JsonTokenType.String or JsonTokenType.PropertyName ? _token.AsSpan(1, _tokenLength - 2) : _token.AsSpan(0, _tokenLength);

    public bool ValueIsEscaped { get; private set; }

    /// <summary>Opens <paramref name="path"/>; null when it is missing or empty (both mean "no state").</summary>
    public static JsonFileReader? Open(string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            throw StateFileException.Unreadable(path, exception);
        }

        if (stream.Length == 0)
        {
            stream.Dispose();
            return null;
        }

        return new JsonFileReader(stream, path);
    }

    /// <summary>Advances to the next token; false at the end of the document.</summary>
    public bool Read()
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _isFinalBlock, _state);
            if (reader.Read())
            {
                Capture(ref reader);
                _start += (int)reader.BytesConsumed;
                _state = reader.CurrentState;
                return true;
            }

            _start += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
            if (_isFinalBlock)
            {
                return false;
            }

            Fill();
        }
    }

    /// <summary>Reads the next token and throws a shape error unless it is <paramref name="expected"/>.</summary>
    public void ReadExpecting(JsonTokenType expected, string what)
    {
        if (!Read() || TokenType != expected)
        {
            throw StateJson.Shape($"{what} is {Describe()}, expected {expected}");
        }
    }

    /// <summary>Skips the value whose first token is current (a whole object or array, or one scalar).</summary>
    public void Skip()
    {
        if (TokenType is JsonTokenType.PropertyName)
        {
            Read();
        }

        if (TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return;
        }

        var depth = Depth;
        while (Read() && !(TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray && Depth == depth))
        {
        }
    }

    public string GetString() => OneTokenReader().GetString()!;

    /// <summary>The current token as a string, or null for a JSON null; a shape error for anything else.</summary>
    public string? GetNullableString(string name) => TokenType switch
    {
        JsonTokenType.String => GetString(),
        JsonTokenType.Null => null,
        _ => throw StateJson.Shape($"'{name}' is not a string"),
    };

    public decimal? GetNullableDecimal(string name) => TokenType switch
    {
        JsonTokenType.Number => OneTokenReader().GetDecimal(),
        JsonTokenType.Null => null,
        _ => throw StateJson.Shape($"'{name}' is not a number"),
    };

    /// <summary>The current token as a UTC time; a time without an offset is taken as UTC.</summary>
    public DateTimeOffset GetUtcTime(string name)
    {
        if (TokenType != JsonTokenType.String)
        {
            throw StateJson.Shape($"'{name}' is not a string");
        }

        // The round-trip form the stores write parses without a string; anything else the lenient way.
        return !ValueIsEscaped && Utf8Parser.TryParse(ValueSpan, out DateTimeOffset time, out var consumed, 'O') && consumed == ValueSpan.Length
            ? time
            : DateTimeOffset.Parse(GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    public bool ValueTextEquals(ReadOnlySpan<byte> utf8Text) =>
        ValueIsEscaped ? OneTokenReader().ValueTextEquals(utf8Text) : ValueSpan.SequenceEqual(utf8Text);

    public void Dispose() => _stream.Dispose();

    private string Describe() => TokenType is JsonTokenType.None ? "missing" : TokenType.ToString();

    private void Capture(ref Utf8JsonReader reader)
    {
        TokenType = reader.TokenType;
        Depth = reader.CurrentDepth;
        ValueIsEscaped = reader.ValueIsEscaped;
        var value = reader.ValueSpan;
        var quoted = TokenType is JsonTokenType.String or JsonTokenType.PropertyName;
        _tokenLength = value.Length + (quoted ? 2 : 0);
        if (_token.Length < _tokenLength)
        {
            _token = new byte[Math.Max(_tokenLength, _token.Length * 2)];
        }

        if (quoted)
        {
            _token[0] = (byte)'"';
            value.CopyTo(_token.AsSpan(1));
            _token[_tokenLength - 1] = (byte)'"';
        }
        else
        {
            value.CopyTo(_token);
        }
    }

    private Utf8JsonReader OneTokenReader()
    {
        // A lone string or number is a whole JSON document, so the runtime's own decoding (escapes, number
        // formats) applies to the copy of the token.
        var reader = new Utf8JsonReader(_token.AsSpan(0, _tokenLength));
        reader.Read();
        return reader;
    }

    private void Fill()
    {
        var remaining = _end - _start;
        if (remaining == _buffer.Length)
        {
            if (_buffer.Length >= MaxTokenBytes)
            {
                throw StateJson.Shape($"a single value is longer than {MaxTokenBytes / (1024 * 1024)} MB");
            }

            var larger = new byte[_buffer.Length * 2];
            _buffer.AsSpan(_start, remaining).CopyTo(larger);
            _buffer = larger;
        }
        else if (_start > 0)
        {
            _buffer.AsSpan(_start, remaining).CopyTo(_buffer);
        }

        _start = 0;
        _end = remaining;
        while (_end < _buffer.Length)
        {
            int read;
            try
            {
                read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            }
            catch (IOException exception)
            {
                throw StateFileException.Unreadable(_path, exception);
            }

            if (read == 0)
            {
                _isFinalBlock = true;
                return;
            }

            _end += read;
        }
    }
}
