using System;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>Unsigned big-endian integers as keys carry them (DER INTEGER content, JWK base64url values).</summary>
    internal static class BigEndian
    {
        /// <summary>The value without leading zero bytes (one byte kept for zero); the same array when there are none.</summary>
        public static byte[] TrimLeadingZeros(byte[] value)
        {
            var skip = 0;
            while (skip < value.Length - 1 && value[skip] == 0)
            {
                skip++;
            }

            if (skip == 0)
            {
                return value;
            }

            var trimmed = new byte[value.Length - skip];
            Buffer.BlockCopy(value, skip, trimmed, 0, trimmed.Length);
            return trimmed;
        }

        public static int BitLength(byte[] value)
        {
            var first = 0;
            while (first < value.Length && value[first] == 0)
            {
                first++;
            }

            if (first == value.Length)
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
