using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Spacegate.Server.Models.Scenes;

/// <summary>
/// Encodes 8-bit RGB pixels as PNG: signature, IHDR, one zlib-compressed IDAT (every scanline with
/// filter type 0) and IEND, each chunk closed by its CRC-32.
/// </summary>
public static class PngEncoder
{
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <param name="rgb">Rows top to bottom, 3 bytes per pixel.</param>
    public static byte[] EncodeRgb(int width, int height, ReadOnlySpan<byte> rgb)
    {
        if (width <= 0 || height <= 0 || rgb.Length != width * height * 3)
        {
            throw new ArgumentException($"Expected {width}×{height} RGB pixels ({(long)width * height * 3} bytes), got {rgb.Length} bytes.");
        }
        using var png = new MemoryStream();
        png.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: truecolour
        header[10] = 0; // compression: deflate
        header[11] = 0; // filter method 0
        header[12] = 0; // no interlace
        WriteChunk(png, "IHDR", header);

        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                var stride = width * 3;
                for (var y = 0; y < height; y++)
                {
                    zlib.WriteByte(0);
                    zlib.Write(rgb.Slice(y * stride, stride));
                }
            }
            WriteChunk(png, "IDAT", compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        }
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, data.Length);
        png.Write(buffer);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        // The CRC covers the chunk type and data, not the length.
        var crc = Crc32.Append(Crc32.Append(Crc32.Initial, typeBytes), data);
        BinaryPrimitives.WriteUInt32BigEndian(buffer, Crc32.Finish(crc));
        png.Write(buffer);
    }
}
