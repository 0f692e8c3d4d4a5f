using System;
using System.Text;

namespace QlikOAuth.Engine.Http
{
    /// <summary>Text of UTF-8 bytes held in part of an array (netstandard2.0 has no span overload of GetString).</summary>
    internal static class Utf8Text
    {
        public static string Decode(ArraySegment<byte> bytes) =>
            bytes.Count == 0 ? string.Empty : Encoding.UTF8.GetString(bytes.Array!, bytes.Offset, bytes.Count);
    }
}
