using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace WatchMonitor.FakeSites.Discord;

/// <summary>
/// Reads and validates an execute-webhook payload against Discord's documented limits, answering the way Discord
/// does: 400 with <c>{"code":50035,"message":"Invalid Form Body","errors":{…}}</c> naming each offending path.
/// Lengths are counted in UTF-16 code units, which is never fewer than Discord's count, so what passes here passes
/// there.
/// </summary>
internal static class DiscordPayload
{
    public const int ContentLength = 2000;
    public const int EmbedCount = 10;
    public const int TitleLength = 256;
    public const int DescriptionLength = 4096;
    public const int FieldCount = 25;
    public const int FieldNameLength = 256;
    public const int FieldValueLength = 1024;
    public const int FooterTextLength = 2048;
    public const int AuthorNameLength = 256;
    public const int TotalEmbedCharacters = 6000;
    public const long MaxColor = 0xFFFFFF;

    public static PayloadResult Read(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException)
        {
            return PayloadResult.Failed(Error(50109, "The request body contains invalid JSON."));
        }

        using (document)
        {
            var root = document.RootElement;
            var errors = new ErrorNode();
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add("DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
                return PayloadResult.Failed(InvalidFormBody(errors));
            }

            var content = OptionalString(root, "content", ContentLength, errors);
            var embeds = new List<ReceivedEmbed>();
            var embedsJson = "[]";
            if (root.TryGetProperty("embeds", out var embedArray) && embedArray.ValueKind != JsonValueKind.Null)
            {
                if (embedArray.ValueKind != JsonValueKind.Array)
                {
                    errors.Child("embeds").Add("LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
                }
                else if (embedArray.GetArrayLength() > EmbedCount)
                {
                    errors.Child("embeds").Add("BASE_TYPE_MAX_LENGTH", $"Must be {EmbedCount} or fewer in length.");
                }
                else
                {
                    var index = 0;
                    var total = 0;
                    foreach (var embed in embedArray.EnumerateArray())
                    {
                        var (parsed, characters) = ReadEmbed(embed, errors.Child("embeds").Child(Index(index)));
                        embeds.Add(parsed);
                        total += characters;
                        index++;
                    }

                    if (total > TotalEmbedCharacters)
                    {
                        errors.Child("embeds").Add("MAX_EMBED_SIZE_EXCEEDED", $"Embed size exceeds maximum size of {TotalEmbedCharacters}");
                    }

                    embedsJson = embedArray.GetRawText();
                }
            }

            if (!errors.IsEmpty)
            {
                return PayloadResult.Failed(InvalidFormBody(errors));
            }

            if (string.IsNullOrEmpty(content) && embeds.Count == 0)
            {
                return PayloadResult.Failed(Error(50006, "Cannot send an empty message"));
            }

            IReadOnlyList<string>? mentions = null;
            if (root.TryGetProperty("allowed_mentions", out var allowed) && allowed.ValueKind == JsonValueKind.Object
                && allowed.TryGetProperty("parse", out var parse) && parse.ValueKind == JsonValueKind.Array)
            {
                mentions = [.. parse.EnumerateArray().Select(item => item.GetString() ?? "")];
            }

            var threadName = root.TryGetProperty("thread_name", out var thread) && thread.ValueKind == JsonValueKind.String ? thread.GetString() : null;
            return new PayloadResult(null, content, embeds, embedsJson) { AllowedMentions = mentions, ThreadName = threadName };
        }
    }

    private static (ReceivedEmbed Embed, int Characters) ReadEmbed(JsonElement embed, ErrorNode errors)
    {
        if (embed.ValueKind != JsonValueKind.Object)
        {
            errors.Add("DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
            return (new ReceivedEmbed(), 0);
        }

        var title = OptionalString(embed, "title", TitleLength, errors);
        var description = OptionalString(embed, "description", DescriptionLength, errors);
        var url = OptionalUrl(embed, "url", errors);
        var color = OptionalColor(embed, errors);
        var timestamp = OptionalString(embed, "timestamp", 64, errors);
        var footer = NestedObject(embed, "footer", errors, out var footerErrors);
        var footerText = footer is { } f ? RequiredString(f, "text", 1, FooterTextLength, footerErrors!) : null;
        if (footer is { } withIcon)
        {
            OptionalUrl(withIcon, "icon_url", footerErrors!);
        }

        var image = NestedObject(embed, "image", errors, out var imageErrors);
        var imageUrl = image is { } i ? RequiredUrl(i, "url", imageErrors!) : null;
        var thumbnail = NestedObject(embed, "thumbnail", errors, out var thumbnailErrors);
        var thumbnailUrl = thumbnail is { } t ? RequiredUrl(t, "url", thumbnailErrors!) : null;
        var author = NestedObject(embed, "author", errors, out var authorErrors);
        var authorName = author is { } a ? RequiredString(a, "name", 1, AuthorNameLength, authorErrors!) : null;
        if (author is { } withLinks)
        {
            OptionalUrl(withLinks, "url", authorErrors!);
            OptionalUrl(withLinks, "icon_url", authorErrors!);
        }

        var fields = new List<ReceivedField>();
        var characters = (title?.Length ?? 0) + (description?.Length ?? 0) + (footerText?.Length ?? 0) + (authorName?.Length ?? 0);
        if (embed.TryGetProperty("fields", out var fieldArray) && fieldArray.ValueKind != JsonValueKind.Null)
        {
            if (fieldArray.ValueKind != JsonValueKind.Array)
            {
                errors.Child("fields").Add("LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
            }
            else if (fieldArray.GetArrayLength() > FieldCount)
            {
                errors.Child("fields").Add("BASE_TYPE_MAX_LENGTH", $"Must be {FieldCount} or fewer in length.");
            }
            else
            {
                var index = 0;
                foreach (var field in fieldArray.EnumerateArray())
                {
                    var fieldErrors = errors.Child("fields").Child(Index(index++));
                    if (field.ValueKind != JsonValueKind.Object)
                    {
                        fieldErrors.Add("DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
                        continue;
                    }

                    var name = RequiredString(field, "name", 1, FieldNameLength, fieldErrors) ?? "";
                    var value = RequiredString(field, "value", 1, FieldValueLength, fieldErrors) ?? "";
                    var inline = false;
                    if (field.TryGetProperty("inline", out var inlineElement) && inlineElement.ValueKind != JsonValueKind.Null)
                    {
                        if (inlineElement.ValueKind is JsonValueKind.True or JsonValueKind.False)
                        {
                            inline = inlineElement.GetBoolean();
                        }
                        else
                        {
                            fieldErrors.Child("inline").Add("BASE_TYPE_BAD_TYPE", "Must be either true or false.");
                        }
                    }

                    characters += name.Length + value.Length;
                    fields.Add(new ReceivedField(name, value, inline));
                }
            }
        }

        var parsed = new ReceivedEmbed
        {
            Title = title,
            Description = description,
            Url = url,
            Color = color,
            Timestamp = timestamp,
            FooterText = footerText,
            ImageUrl = imageUrl,
            ThumbnailUrl = thumbnailUrl,
            AuthorName = authorName,
            Fields = fields,
        };
        return (parsed, characters);
    }

    private static string? OptionalString(JsonElement parent, string name, int maxLength, ErrorNode errors)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Child(name).Add("BASE_TYPE_BAD_TYPE", "Must be a string.");
            return null;
        }

        var value = element.GetString()!;
        if (value.Length > maxLength)
        {
            errors.Child(name).Add("BASE_TYPE_MAX_LENGTH", $"Must be {maxLength} or fewer in length.");
        }

        return value;
    }

    private static string? RequiredString(JsonElement parent, string name, int minLength, int maxLength, ErrorNode errors)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            errors.Child(name).Add("BASE_TYPE_REQUIRED", "This field is required");
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Child(name).Add("BASE_TYPE_BAD_TYPE", "Must be a string.");
            return null;
        }

        var value = element.GetString()!;
        if (value.Length < minLength || value.Length > maxLength)
        {
            errors.Child(name).Add("BASE_TYPE_BAD_LENGTH", $"Must be between {minLength} and {maxLength} in length.");
        }

        return value;
    }

    private static string? OptionalUrl(JsonElement parent, string name, ErrorNode errors)
    {
        var value = OptionalString(parent, name, 2048, errors);
        if (value is not null && !IsWellFormedUrl(value))
        {
            errors.Child(name).Add("URL_TYPE_INVALID_URL", "Not a well formed URL.");
        }

        return value;
    }

    private static string? RequiredUrl(JsonElement parent, string name, ErrorNode errors)
    {
        var value = RequiredString(parent, name, 1, 2048, errors);
        if (value is not null && !IsWellFormedUrl(value))
        {
            errors.Child(name).Add("URL_TYPE_INVALID_URL", "Not a well formed URL.");
        }

        return value;
    }

    // Discord takes http(s) and attachment:// URLs; a relative or schemeless URL is refused.
    private static bool IsWellFormedUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == "attachment");

    private static long? OptionalColor(JsonElement embed, ErrorNode errors)
    {
        if (!embed.TryGetProperty("color", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var color))
        {
            var raw = element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
            errors.Child("color").Add("NUMBER_TYPE_COERCE", $"Value \"{raw}\" is not int.");
            return null;
        }

        if (color < 0)
        {
            errors.Child("color").Add("NUMBER_TYPE_MIN", "int value should be greater than or equal to 0.");
        }
        else if (color > MaxColor)
        {
            errors.Child("color").Add("NUMBER_TYPE_MAX", $"int value should be less than or equal to {MaxColor}.");
        }

        return color;
    }

    private static JsonElement? NestedObject(JsonElement parent, string name, ErrorNode errors, out ErrorNode? childErrors)
    {
        childErrors = null;
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        childErrors = errors.Child(name);
        if (element.ValueKind != JsonValueKind.Object)
        {
            childErrors.Add("DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
            return null;
        }

        return element;
    }

    private static string Index(int index) => index.ToString(CultureInfo.InvariantCulture);

    private static string Error(int code, string message) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["message"] = message, ["code"] = code });

    private static string InvalidFormBody(ErrorNode errors)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("code", 50035);
            writer.WriteString("message", "Invalid Form Body");
            writer.WritePropertyName("errors");
            errors.Write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Discord's error tree: nested objects per path segment, leaves under <c>_errors</c>.</summary>
    private sealed class ErrorNode
    {
        private readonly List<KeyValuePair<string, ErrorNode>> _children = [];
        private readonly List<(string Code, string Message)> _errors = [];

        public bool IsEmpty => _errors.Count == 0 && _children.TrueForAll(child => child.Value.IsEmpty);

        public ErrorNode Child(string name)
        {
            foreach (var child in _children)
            {
                if (child.Key == name)
                {
                    return child.Value;
                }
            }

            var node = new ErrorNode();
            _children.Add(new(name, node));
            return node;
        }

        public void Add(string code, string message) => _errors.Add((code, message));

        public void Write(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            foreach (var (name, child) in _children)
            {
                if (!child.IsEmpty)
                {
                    writer.WritePropertyName(name);
                    child.Write(writer);
                }
            }

            if (_errors.Count > 0)
            {
                writer.WriteStartArray("_errors");
                foreach (var (code, message) in _errors)
                {
                    writer.WriteStartObject();
                    writer.WriteString("code", code);
                    writer.WriteString("message", message);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }
    }
}

/// <summary>The outcome of reading a payload: an error body for a 400, or the message's parts.</summary>
internal sealed record PayloadResult(string? ErrorJson, string? Content, IReadOnlyList<ReceivedEmbed> Embeds, string EmbedsJson)
{
    public IReadOnlyList<string>? AllowedMentions { get; init; }

    public string? ThreadName { get; init; }

    public static PayloadResult Failed(string errorJson) => new(errorJson, null, [], "[]");
}
