namespace Catalog.DevelopmentDatabase.DemoData;

/// <summary>
/// Ids of generated rows: a per-table tag and the row number, laid out as an RFC 9562 version 8 UUID.
/// Sequential within a table (B-tree friendly loads) and never equal to an application id (version 7).
/// </summary>
internal static class DeterministicIds
{
    public const byte User = 0x01;
    public const byte Category = 0x02;
    public const byte Brand = 0x03;
    public const byte Product = 0x04;
    public const byte Review = 0x05;
    public const byte Audit = 0x06;

    public static Guid For(byte table, long index)
    {
        Span<byte> bytes = stackalloc byte[16];
        bytes[0] = 0xd0;
        bytes[1] = table;
        bytes[6] = 0x80; // version 8 (custom)
        bytes[8] = 0x80; // RFC 9562 variant
        for (var i = 0; i < 7; i++)
        {
            bytes[15 - i] = (byte)(index >> (8 * i));
        }

        return new Guid(bytes, bigEndian: true);
    }
}
