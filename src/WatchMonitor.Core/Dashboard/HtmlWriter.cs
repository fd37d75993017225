using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace WatchMonitor.Dashboard;

/// <summary>
/// Writes HTML into a <see cref="StringBuilder"/>: markup the page controls goes in as is, every other string
/// (dealer titles, URLs, errors, configuration values) through <see cref="Text"/> or <see cref="Attribute"/>,
/// which encode it. A dealer's page is as untrusted as any web page.
/// </summary>
internal sealed class HtmlWriter(StringBuilder output)
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    public StringBuilder Output => output;

    public HtmlWriter Raw(string markup)
    {
        output.Append(markup);
        return this;
    }

    public HtmlWriter Text(string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            output.Append(Encoder.Encode(text));
        }

        return this;
    }

    public HtmlWriter Text(FormattableString text) => Text(text.ToString(CultureInfo.InvariantCulture));

    /// <summary><c> name="value"</c>, the value encoded.</summary>
    public HtmlWriter Attribute(string name, string? value)
    {
        output.Append(' ').Append(name).Append("=\"");
        Text(value);
        output.Append('"');
        return this;
    }

    /// <summary>An element holding only encoded text: <c>&lt;td class="x"&gt;text&lt;/td&gt;</c>.</summary>
    public HtmlWriter Element(string name, string? text, string? cssClass = null)
    {
        output.Append('<').Append(name);
        if (cssClass is not null)
        {
            Attribute("class", cssClass);
        }

        output.Append('>');
        Text(text);
        output.Append("</").Append(name).Append('>');
        return this;
    }

    /// <summary>Only http and https links and images: a <c>javascript:</c> URL from a dealer page must not become a link.</summary>
    public static string? SafeUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri.AbsoluteUri : null;
}
