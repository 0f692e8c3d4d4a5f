using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace QlikOAuth.Engine.Json
{
    /// <summary>Compact JSON text from a writer callback: request bodies, JWKs, the client answer without its secret.</summary>
    internal static class JsonText
    {
        public static string Write(Action<Utf8JsonWriter> write) => Write(write, new JsonWriterOptions());

        /// <summary>Two-space indented JSON with LF line ends on every platform (the writer would use the platform's).</summary>
        public static string WriteIndented(Action<Utf8JsonWriter> write) =>
            Write(write, new JsonWriterOptions { Indented = true }).Replace(Environment.NewLine, "\n");

        private static string Write(Action<Utf8JsonWriter> write, JsonWriterOptions options)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, options))
            {
                write(writer);
            }

            return Encoding.UTF8.GetString(stream.ToArray());
        }
    }
}
