using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace QlikOAuth.Engine.Json
{
    /// <summary>Compact JSON text from a writer callback: request bodies, JWKs, the client answer without its secret.</summary>
    internal static class JsonText
    {
        public static string Write(Action<Utf8JsonWriter> write)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                write(writer);
            }

            return Encoding.UTF8.GetString(stream.ToArray());
        }
    }
}
