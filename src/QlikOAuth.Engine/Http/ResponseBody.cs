using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Http
{
    /// <summary>Reads an answer's body as UTF-8 bytes (JSON's encoding), refusing one larger than the connection allows.</summary>
    internal static class ResponseBody
    {
        /// <summary>No body: an answer without content, or an attempt that got no answer.</summary>
        public static readonly ArraySegment<byte> None = new ArraySegment<byte>(Array.Empty<byte>());

        private static readonly byte[] ByteOrderMark = { 0xEF, 0xBB, 0xBF };

        /// <summary>
        /// The body's bytes without a UTF-8 byte order mark. Bytes, not text: JSON is parsed from UTF-8, so a body decoded
        /// to a string would only be encoded back (and the token answer, read on every uncached call, never needs text).
        /// </summary>
        public static async Task<ArraySegment<byte>> ReadAsync(HttpContent? content, long maxBytes, string call, CancellationToken cancellationToken)
        {
            if (content is null)
            {
                return None;
            }

            if (content.Headers.ContentLength is long declared && declared > maxBytes)
            {
                throw TooLarge(call, maxBytes);
            }

            using Stream stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
            using var buffer = new MemoryStream((int)(content.Headers.ContentLength ?? 0));
            // Pooled: a batch reads thousands of answers, and a fresh chunk each time showed in the allocation benchmarks.
            byte[] chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                int read;
                while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > maxBytes)
                    {
                        throw TooLarge(call, maxBytes);
                    }

                    buffer.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            byte[] bytes = buffer.GetBuffer();
            int length = (int)buffer.Length;
            int start = new ReadOnlySpan<byte>(bytes, 0, length).StartsWith(ByteOrderMark) ? ByteOrderMark.Length : 0;
            return new ArraySegment<byte>(bytes, start, length - start);
        }

        private static QlikOAuthException TooLarge(string call, long maxBytes) => new QlikOAuthException(
            HttpErrors.ResponseTooLarge,
            QlikErrorKind.InvalidResponse,
            $"{call} answered with a body larger than {maxBytes} bytes, which this session does not read. Ask for less (a smaller page, a filter), or raise the limit if the answer is expected to be this large.",
            call);
    }
}
