using System.Text;

namespace WatchMonitor.Demo.Rendering;

/// <summary>Markup helpers. Only the five syntax characters are escaped: the shops send UTF-8 ("Söhne"), not entities.</summary>
internal static class Html
{
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '"' => builder.Append("&quot;"),
                '\'' => builder.Append("&#39;"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    /// <summary>A complete document around <paramref name="body"/>, with the chrome every shop page has.</summary>
    public static string Page(string language, string title, string body, string head = "") =>
        $"""
        <!DOCTYPE html>
        <html lang="{language}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{Encode(title)}</title>
        <link rel="stylesheet" href="/assets/app.css">
        {head}
        </head>
        <body>
        <header class="site-header"><nav class="main-navigation"><a href="/">Home</a> <a href="#">Uhren</a> <a href="#">Kontakt</a></nav></header>
        <main>
        {body}
        </main>
        <footer class="site-footer"><p>Impressum · Datenschutz · AGB</p></footer>
        <script src="/assets/app.js" defer></script>
        </body>
        </html>
        """;
}
