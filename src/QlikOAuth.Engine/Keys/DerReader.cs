using System;
using System.Text;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>Thrown on anything that is not the DER structure expected; callers turn it into a key error.</summary>
    internal sealed class DerFormatException : Exception
    {
        public DerFormatException(string message) : base(message)
        {
        }
    }

    /// <summary>
    /// A minimal DER (X.690) reader over a byte range: definite lengths only, the universal types keys use, and
    /// context-specific explicit tags. Nested readers share the buffer; nothing is copied until a value is read.
    /// </summary>
    internal sealed class DerReader
    {
        public const byte Integer = 0x02;
        public const byte BitString = 0x03;
        public const byte OctetString = 0x04;
        public const byte Null = 0x05;
        public const byte ObjectIdentifier = 0x06;
        public const byte Sequence = 0x30;

        private readonly byte[] _data;
        private readonly int _end;
        private int _position;

        public DerReader(byte[] data) : this(data, 0, data.Length)
        {
        }

        private DerReader(byte[] data, int start, int end)
        {
            _data = data;
            _position = start;
            _end = end;
        }

        public bool HasData => _position < _end;

        public byte PeekTag() => HasData ? _data[_position] : throw new DerFormatException("unexpected end of data");

        /// <summary>Explicit context tag [n], constructed: 0xA0 + n.</summary>
        public static byte ContextTag(int number) => (byte)(0xA0 + number);

        public void ThrowIfNotEnd()
        {
            if (HasData)
            {
                throw new DerFormatException("unexpected data after the structure");
            }
        }

        public DerReader ReadSequence() => ReadNested(Sequence);

        public DerReader ReadExplicit(int contextNumber) => ReadNested(ContextTag(contextNumber));

        /// <summary>A positive INTEGER as unsigned big-endian bytes without leading zeros (zero gives one 0 byte).</summary>
        public byte[] ReadUnsignedInteger()
        {
            var (start, length) = ReadHeader(Integer);
            if (length == 0 || (_data[start] & 0x80) != 0)
            {
                throw new DerFormatException("negative or empty integer");
            }

            var skip = 0;
            while (skip < length - 1 && _data[start + skip] == 0)
            {
                skip++;
            }

            return Copy(start + skip, length - skip);
        }

        /// <summary>A small non-negative INTEGER such as a version or an iteration count.</summary>
        public int ReadInt32()
        {
            var value = ReadUnsignedInteger();
            if (value.Length > 4 || (value.Length == 4 && value[0] >= 0x80))
            {
                throw new DerFormatException("integer too large");
            }

            var result = 0;
            foreach (var b in value)
            {
                result = (result << 8) | b;
            }

            return result;
        }

        public byte[] ReadOctetString()
        {
            var (start, length) = ReadHeader(OctetString);
            return Copy(start, length);
        }

        /// <summary>An OCTET STRING whose content is itself DER (PKCS#8's privateKey), read in place.</summary>
        public DerReader ReadOctetStringContent()
        {
            var (start, length) = ReadHeader(OctetString);
            return new DerReader(_data, start, start + length);
        }

        /// <summary>A BIT STRING of whole bytes (keys never have unused bits).</summary>
        public byte[] ReadBitString()
        {
            var (start, length) = ReadHeader(BitString);
            if (length == 0 || _data[start] != 0)
            {
                throw new DerFormatException("bit string with unused bits");
            }

            return Copy(start + 1, length - 1);
        }

        /// <summary>An OBJECT IDENTIFIER in dotted form, e.g. "1.2.840.113549.1.1.1".</summary>
        public string ReadOid()
        {
            var (start, length) = ReadHeader(ObjectIdentifier);
            if (length == 0 || (_data[start + length - 1] & 0x80) != 0)
            {
                throw new DerFormatException("malformed object identifier");
            }

            var text = new StringBuilder();
            long arc = 0;
            var first = true;
            for (var i = start; i < start + length; i++)
            {
                if (arc > (long.MaxValue >> 7))
                {
                    throw new DerFormatException("object identifier arc too large");
                }

                arc = (arc << 7) | (uint)(_data[i] & 0x7F);
                if ((_data[i] & 0x80) != 0)
                {
                    continue;
                }

                if (first)
                {
                    // The first subidentifier packs two arcs: 40 * X + Y, X in 0..2.
                    var x = Math.Min(arc / 40, 2);
                    text.Append(x).Append('.').Append(arc - (40 * x));
                    first = false;
                }
                else
                {
                    text.Append('.').Append(arc);
                }

                arc = 0;
            }

            return text.ToString();
        }

        private DerReader ReadNested(byte tag)
        {
            var (start, length) = ReadHeader(tag);
            return new DerReader(_data, start, start + length);
        }

        private (int Start, int Length) ReadHeader(byte expectedTag)
        {
            if (PeekTag() != expectedTag)
            {
                throw new DerFormatException("unexpected element");
            }

            _position++;
            if (!HasData)
            {
                throw new DerFormatException("truncated length");
            }

            int length = _data[_position++];
            if (length >= 0x80)
            {
                // Long form: 0x81..0x84 then that many length bytes. 0x80 (indefinite, BER only) is refused.
                var count = length & 0x7F;
                if (count == 0 || count > 4 || _end - _position < count)
                {
                    throw new DerFormatException("unsupported length");
                }

                long longLength = 0;
                for (var i = 0; i < count; i++)
                {
                    longLength = (longLength << 8) | _data[_position++];
                }

                if (longLength > int.MaxValue)
                {
                    throw new DerFormatException("length too large");
                }

                length = (int)longLength;
            }

            if (length > _end - _position)
            {
                throw new DerFormatException("length beyond the data");
            }

            var start = _position;
            _position += length;
            return (start, length);
        }

        private byte[] Copy(int start, int length)
        {
            var result = new byte[length];
            Buffer.BlockCopy(_data, start, result, 0, length);
            return result;
        }
    }
}
