using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Xunit;

namespace Spacegate.Tests.Scenes;

/// <summary>Reads an 8-bit RGB PNG back for tests, checking every chunk's CRC with an independent bitwise CRC-32.</summary>
internal sealed class PngFile
{
    public required IReadOnlyList<(string Type, byte[] Data)> Chunks { get; init; }
    public required int Width { get; init; }
    public required int Height { get; init; }
    public required byte[] Scanlines { get; init; }

    public static PngFile Parse(byte[] png)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png.AsSpan(0, 8).ToArray());
        var chunks = new List<(string, byte[])>();
        var at = 8;
        while (at < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var typeAndData = png.AsSpan(at + 4, 4 + length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length));
            var type = Encoding.ASCII.GetString(typeAndData[..4]);
            Assert.True(BitwiseCrc(typeAndData) == crc, $"CRC of chunk {type}");
            chunks.Add((type, typeAndData[4..].ToArray()));
            at += 12 + length;
        }
        Assert.Equal(png.Length, at);
        Assert.Equal("IHDR", chunks[0].Item1);
        Assert.Equal("IEND", chunks[^1].Item1);
        Assert.Empty(chunks[^1].Item2);

        var header = chunks[0].Item2;
        Assert.Equal(13, header.Length);
        Assert.Equal(8, header[8]);
        Assert.Equal(2, header[9]);

        var idat = chunks.Where(c => c.Item1 == "IDAT").SelectMany(c => c.Item2).ToArray();
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(idat), CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }
        return new PngFile
        {
            Chunks = chunks,
            Width = BinaryPrimitives.ReadInt32BigEndian(header),
            Height = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4)),
            Scanlines = inflated.ToArray(),
        };
    }

    /// <summary>The pixel at (x, y); valid for scanlines written with filter type 0, which the test asserts first.</summary>
    public (byte R, byte G, byte B) Pixel(int x, int y)
    {
        var i = y * (1 + Width * 3) + 1 + x * 3;
        return (Scanlines[i], Scanlines[i + 1], Scanlines[i + 2]);
    }

    public static uint BitwiseCrc(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
            }
        }
        return ~crc;
    }
}
