using System;
using System.Globalization;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>
    /// A minimal DER writer. Elements form a tree that points at the caller's arrays; <see cref="Encode"/> sizes
    /// the tree and writes it once into a single buffer, so private key bytes end up in exactly one new array
    /// that the caller clears.
    /// </summary>
    internal sealed class DerWriter
    {
        private readonly byte _tag;
        private readonly byte[]? _content;
        private readonly int _offset;
        private readonly byte? _prefix;
        private readonly DerWriter[]? _children;

        private DerWriter(byte tag, byte[]? content, byte? prefix = null, DerWriter[]? children = null, int offset = 0)
        {
            _tag = tag;
            _content = content;
            _offset = offset;
            _prefix = prefix;
            _children = children;
        }

        public static DerWriter Sequence(params DerWriter[] children) => new DerWriter(DerReader.Sequence, null, children: children);

        public static DerWriter Explicit(int contextNumber, DerWriter child) =>
            new DerWriter(DerReader.ContextTag(contextNumber), null, children: new[] { child });

        /// <summary>A positive INTEGER from unsigned big-endian bytes; adds the 0x00 that keeps it positive.</summary>
        public static DerWriter UnsignedInteger(byte[] value)
        {
            var skip = 0;
            while (skip < value.Length - 1 && value[skip] == 0)
            {
                skip++;
            }

            // Leading zeros are not DER (.NET pads D and the CRT values to fixed lengths): skip them in place
            // rather than copy private bytes into another array.
            return new DerWriter(DerReader.Integer, value, prefix: (value[skip] & 0x80) != 0 ? (byte)0 : null, offset: skip);
        }

        public static DerWriter Integer(int value)
        {
            var bytes = BitConverter.GetBytes(value);
            if (BitConverter.IsLittleEndian)
            {
                Array.Reverse(bytes);
            }

            return UnsignedInteger(bytes);
        }

        public static DerWriter OctetString(byte[] value) => new DerWriter(DerReader.OctetString, value);

        /// <summary>An OCTET STRING wrapping DER (PKCS#8's privateKey).</summary>
        public static DerWriter OctetString(DerWriter inner) => new DerWriter(DerReader.OctetString, null, children: new[] { inner });

        public static DerWriter BitString(byte[] value) => new DerWriter(DerReader.BitString, value, prefix: 0);

        public static DerWriter Null() => new DerWriter(DerReader.Null, Array.Empty<byte>());

        public static DerWriter Oid(string dotted)
        {
            var arcs = dotted.Split('.');
            var first = (long.Parse(arcs[0], CultureInfo.InvariantCulture) * 40) + long.Parse(arcs[1], CultureInfo.InvariantCulture);
            var buffer = new byte[arcs.Length * 10];
            var length = WriteArc(buffer, 0, first);
            for (var i = 2; i < arcs.Length; i++)
            {
                length = WriteArc(buffer, length, long.Parse(arcs[i], CultureInfo.InvariantCulture));
            }

            var content = new byte[length];
            Buffer.BlockCopy(buffer, 0, content, 0, length);
            return new DerWriter(DerReader.ObjectIdentifier, content);
        }

        public byte[] Encode()
        {
            var output = new byte[TotalLength()];
            var position = 0;
            WriteTo(output, ref position);
            return output;
        }

        private int ContentLength()
        {
            if (_children is null)
            {
                return _content!.Length - _offset + (_prefix.HasValue ? 1 : 0);
            }

            var sum = 0;
            foreach (var child in _children)
            {
                sum += child.TotalLength();
            }

            return sum;
        }

        private int TotalLength()
        {
            var content = ContentLength();
            return 1 + LengthOfLength(content) + content;
        }

        private void WriteTo(byte[] output, ref int position)
        {
            output[position++] = _tag;
            var content = ContentLength();
            var lengthBytes = LengthOfLength(content) - 1;
            if (lengthBytes == 0)
            {
                output[position++] = (byte)content;
            }
            else
            {
                output[position++] = (byte)(0x80 | lengthBytes);
                for (var i = lengthBytes - 1; i >= 0; i--)
                {
                    output[position++] = (byte)(content >> (8 * i));
                }
            }

            if (_children is null)
            {
                if (_prefix.HasValue)
                {
                    output[position++] = _prefix.Value;
                }

                Buffer.BlockCopy(_content!, _offset, output, position, _content!.Length - _offset);
                position += _content.Length - _offset;
                return;
            }

            foreach (var child in _children)
            {
                child.WriteTo(output, ref position);
            }
        }

        private static int LengthOfLength(int length) =>
            length < 0x80 ? 1 : length <= 0xFF ? 2 : length <= 0xFFFF ? 3 : length <= 0xFFFFFF ? 4 : 5;

        private static int WriteArc(byte[] buffer, int position, long arc)
        {
            var groups = 1;
            for (var rest = arc >> 7; rest > 0; rest >>= 7)
            {
                groups++;
            }

            for (var i = groups - 1; i >= 0; i--)
            {
                var b = (byte)((arc >> (7 * i)) & 0x7F);
                buffer[position++] = i > 0 ? (byte)(b | 0x80) : b;
            }

            return position;
        }
    }
}
