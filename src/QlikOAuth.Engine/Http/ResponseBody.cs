using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Http
{
    /// <summary>Reads an answer's body as UTF-8 text (JSON's encoding), refusing one larger than the connection allows.</summary>
    internal static class ResponseBody
    {
        public static async Task<string> ReadAsync(HttpContent? content, long maxBytes, string call, CancellationToken cancellationToken)
        {
            if (content is null)
            {
                return string.Empty;
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

            string text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            return text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
        }

        private static QlikOAuthException TooLarge(string call, long maxBytes) => new QlikOAuthException(
            HttpErrors.ResponseTooLarge,
            QlikErrorKind.InvalidResponse,
            $"{call} answered with a body larger than {maxBytes} bytes, which this session does not read. Ask for less (a smaller page, a filter), or raise the limit if the answer is expected to be this large.",
            call);
    }
}
