using System.Globalization;
using System.Text;
using System.Xml;
using Spacegate.Server.Models.Scenes;

namespace Spacegate.Server.Models.Bundles;

/// <summary>
/// Draws a floor plan as SVG: rooms in their colormap colours, walls, door leaves with their swing, and
/// each room's name, size and area. Written through <see cref="XmlWriter"/>, so names are always escaped
/// and the document is well-formed. One user unit is one centimetre.
/// </summary>
public static class SchematicRenderer
{
    private const double Margin = 60;
    private const double TitleHeight = 80;
    private const double LevelGap = 120;
    private const double PixelsPerUnit = 0.4;

    public static byte[] RenderSvg(FloorPlan plan, string title)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var levels = plan.Levels.ToList();
        var minX = plan.Rooms.Min(r => r.X) * 100;
        var minZ = plan.Rooms.Min(r => r.Z) * 100;
        var panel = plan.Rooms.Max(r => r.MaxX) * 100 - minX;
        var width = 2 * Margin + levels.Count * panel + (levels.Count - 1) * LevelGap;
        var height = 2 * Margin + TitleHeight + (levels.Count > 1 ? 50 : 0) + plan.Rooms.Max(r => r.MaxZ) * 100 - minZ;

        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartElement("svg", "http://www.w3.org/2000/svg");
            Attr(xml, "width", width * PixelsPerUnit, "height", height * PixelsPerUnit);
            xml.WriteAttributeString("viewBox", $"0 0 {N(width)} {N(height)}");
            xml.WriteAttributeString("font-family", "sans-serif");
            xml.WriteElementString("title", $"{title}: floor plan");
            xml.WriteStartElement("rect");
            xml.WriteAttributeString("width", "100%");
            xml.WriteAttributeString("height", "100%");
            xml.WriteAttributeString("fill", "#ffffff");
            xml.WriteEndElement();
            Text(xml, Margin, Margin + 40, title, 44, "start", bold: true);

            for (var i = 0; i < levels.Count; i++)
            {
                xml.WriteStartElement("g");
                xml.WriteAttributeString("id", $"level-{levels[i] + 1}");
                var top = Margin + TitleHeight + (levels.Count > 1 ? 50 : 0);
                xml.WriteAttributeString("transform", $"translate({N(Margin + i * (panel + LevelGap) - minX)} {N(top - minZ)})");
                if (levels.Count > 1)
                {
                    Text(xml, minX, minZ - 20, levels[i] == 0 ? "Ground floor" : $"Level {levels[i] + 1}", 30, "start", bold: true);
                }
                DrawLevel(xml, plan, levels[i]);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return stream.ToArray();
    }

    private static void DrawLevel(XmlWriter xml, FloorPlan plan, int level)
    {
        var rooms = plan.Rooms.Where(r => r.Level == level).ToList();
        foreach (var room in rooms)
        {
            Rect(xml, room.X, room.Z, room.MaxX, room.MaxZ, ColormapRenderer.RoomColor(plan, room).Hex);
        }
        foreach (var wall in rooms.SelectMany(r => WallLayout.Walls(plan, r)))
        {
            var (a0, a1) = wall.Across;
            foreach (var (start, end) in wall.SolidSpans())
            {
                if (wall.Side.RunsAlongX())
                {
                    Rect(xml, start, a0, end, a1, ColormapRenderer.WallColor.Hex);
                }
                else
                {
                    Rect(xml, a0, start, a1, end, ColormapRenderer.WallColor.Hex);
                }
            }
        }
        foreach (var door in plan.Doors)
        {
            if (plan.FindRoom(door.Room) is { } room && room.Level == level)
            {
                DrawDoor(xml, room, door);
            }
        }
        foreach (var room in rooms)
        {
            var (cx, cz) = ((room.X + room.MaxX) * 50, (room.Z + room.MaxZ) * 50);
            Text(xml, cx, cz - 6, room.Name, 26, "middle", bold: true);
            Text(xml, cx, cz + 26, string.Create(CultureInfo.InvariantCulture, $"{room.Width:0.0#} m × {room.Depth:0.0#} m ({room.Area:0.#} m²)"), 20, "middle", bold: false);
        }
    }

    /// <summary>The open leaf and a quarter circle from its tip to where it closes, centred on the hinge.</summary>
    private static void DrawDoor(XmlWriter xml, FloorPlanRoom room, FloorPlanDoor door)
    {
        var (start, end) = door.Span(room);
        var face = room.Side(door.Wall).Line + door.Wall.Inward() * FloorPlan.HalfWall;
        var leaf = end - start - 0.1;
        var hingeAlong = start + 0.05;
        var tip = face + door.Wall.Inward() * leaf;
        var alongX = door.Wall.RunsAlongX();
        (double X, double Y) P(double along, double across) => alongX ? (along * 100, across * 100) : (across * 100, along * 100);
        var hinge = P(hingeAlong, face);
        var open = P(hingeAlong, tip);
        var closed = P(hingeAlong + leaf, face);
        var cross = (open.X - hinge.X) * (closed.Y - hinge.Y) - (open.Y - hinge.Y) * (closed.X - hinge.X);

        xml.WriteStartElement("path");
        xml.WriteAttributeString("d", $"M {N(hinge.X)} {N(hinge.Y)} L {N(open.X)} {N(open.Y)} " +
            $"A {N(leaf * 100)} {N(leaf * 100)} 0 0 {(cross > 0 ? 1 : 0)} {N(closed.X)} {N(closed.Y)}");
        xml.WriteAttributeString("fill", "none");
        xml.WriteAttributeString("stroke", ColormapRenderer.DoorColor.Hex);
        xml.WriteAttributeString("stroke-width", "4");
        xml.WriteEndElement();
    }

    private static void Rect(XmlWriter xml, double x0, double z0, double x1, double z1, string fill)
    {
        xml.WriteStartElement("rect");
        Attr(xml, "x", x0 * 100, "y", z0 * 100);
        Attr(xml, "width", (x1 - x0) * 100, "height", (z1 - z0) * 100);
        xml.WriteAttributeString("fill", fill);
        xml.WriteEndElement();
    }

    private static void Text(XmlWriter xml, double x, double y, string content, int size, string anchor, bool bold)
    {
        xml.WriteStartElement("text");
        Attr(xml, "x", x, "y", y);
        xml.WriteAttributeString("font-size", size.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("text-anchor", anchor);
        if (bold)
        {
            xml.WriteAttributeString("font-weight", "bold");
        }
        xml.WriteAttributeString("fill", "#1f2228");
        xml.WriteString(content);
        xml.WriteEndElement();
    }

    private static void Attr(XmlWriter xml, string name1, double value1, string name2, double value2)
    {
        xml.WriteAttributeString(name1, N(value1));
        xml.WriteAttributeString(name2, N(value2));
    }

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
