using System;
using System.Globalization;
using System.Text.Json;
using QlikOAuth.Engine.Http;

namespace QlikOAuth.Engine.Tokens
{
    /// <summary>
    /// The members of a token answer this module uses, read in one forward pass over the body's bytes: every uncached
    /// token pays for this read, and a document of the whole answer cost more than the members it kept.
    /// Read defensively: a member of another shape (an array, a number where text belongs) counts as absent, so the
    /// caller reports the tenant's fault instead of crashing; a repeated member counts as its last occurrence.
    /// </summary>
    internal sealed class TokenAnswer
    {
        private const string BearerType = "bearer";

        private TokenAnswer(string? scope) => Scope = scope;

        public string? AccessToken { get; private set; }

        /// <summary>"bearer" (one shared string) unless the tenant named another type.</summary>
        public string TokenType { get; private set; } = BearerType;

        /// <summary>The scope granted; the requested scope (the same string) when the tenant granted just that or said nothing.</summary>
        public string? Scope { get; private set; }

        public int? ExpiresIn { get; private set; }

        /// <summary>Present only for a person's sign-in with offline_access (section 8.2); never for client grants.</summary>
        public string? RefreshToken { get; private set; }

        /// <summary>expires_at on the tenant's clock.</summary>
        public DateTimeOffset? ExpiresAt { get; private set; }

        /// <exception cref="Errors.QlikOAuthException">The body is not valid JSON (QlikApi.InvalidResponse).</exception>
        public static TokenAnswer Read(QlikResponse response, string? requestedScope)
        {
            var answer = new TokenAnswer(requestedScope);
            ArraySegment<byte> body = response.Utf8Body;
            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(body.Array, body.Offset, body.Count));
            try
            {
                if (!reader.Read())
                {
                    throw new JsonException("The answer is empty.");
                }

                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    answer.ReadMembers(ref reader, requestedScope);
                }
                else
                {
                    reader.Skip();
                }

                // Nothing may follow the answer: as with any JSON document, trailing text makes it invalid.
                if (reader.Read())
                {
                    throw new JsonException("Text follows the answer.");
                }
            }
            catch (JsonException exception)
            {
                throw response.NotJson(exception);
            }

            return answer;
        }

        private void ReadMembers(ref Utf8JsonReader reader, string? requestedScope)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("access_token"))
                {
                    reader.Read();
                    AccessToken = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("token_type"))
                {
                    reader.Read();
                    TokenType = reader.TokenType == JsonTokenType.String && !reader.ValueTextEquals(BearerType) ? reader.GetString()! : BearerType;
                }
                else if (reader.ValueTextEquals("scope"))
                {
                    reader.Read();
                    Scope = reader.TokenType != JsonTokenType.String ? requestedScope
                        : requestedScope != null && reader.ValueTextEquals(requestedScope) ? requestedScope
                        // Shared text instead of a copy per token: a cache of thousands keeps the same few values.
                        : string.Intern(reader.GetString()!);
                }
                else if (reader.ValueTextEquals("refresh_token"))
                {
                    reader.Read();
                    RefreshToken = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("expires_in"))
                {
                    reader.Read();
                    ExpiresIn = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int seconds) ? seconds : (int?)null;
                }
                else if (reader.ValueTextEquals("expires_at"))
                {
                    reader.Read();
                    ExpiresAt = reader.TokenType == JsonTokenType.String
                        && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at)
                        ? at
                        : (DateTimeOffset?)null;
                }
                else
                {
                    reader.Read();
                }

                // Past the member's value: an object or array is skipped whole, a single value is already read.
                reader.Skip();
            }
        }
    }
}
