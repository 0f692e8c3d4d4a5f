using System;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>Unsigned big-endian integers as keys carry them (DER INTEGER content, JWK base64url values).</summary>
    internal static class BigEndian
    {
        /// <summary>The value without leading zero bytes (one byte kept for zero); the same array when there are none.</summary>
        public static byte[] TrimLeadingZeros(byte[] value)
        {
            var skip = LeadingZeros(value);
            return skip == 0 ? value : value.AsSpan(skip).ToArray();
        }

        /// <summary>
        /// Left-pads with zeros to exactly <paramref name="length"/> bytes, dropping surplus leading zeros (.NET pads
        /// RSA's D and CRT values, some writers drop an EC scalar's); null when the number does not fit.
        /// </summary>
        public static byte[]? PadTo(ReadOnlySpan<byte> value, int length)
        {
            var significant = value.Slice(LeadingZeros(value));
            if (significant.Length > length || value.IsEmpty)
            {
                return null;
            }

            var result = new byte[length];
            significant.CopyTo(result.AsSpan(length - significant.Length));
            return result;
        }

        /// <summary>How many leading zero bytes a minimal encoding drops; a lone zero byte is kept.</summary>
        public static int LeadingZeros(ReadOnlySpan<byte> value)
        {
            var skip = 0;
            while (skip < value.Length - 1 && value[skip] == 0)
            {
                skip++;
            }

            return skip;
        }

        public static int BitLength(byte[] value)
        {
            var first = LeadingZeros(value);
            if (value.Length == 0 || value[first] == 0)
            {
                return 0;
            }

            var bits = (value.Length - first - 1) * 8;
            for (int top = value[first]; top > 0; top >>= 1)
            {
                bits++;
            }

            return bits;
        }
    }
}
