namespace Spacegate.Server.Models.Scenes;

/// <summary>A side of a room, as seen on the plan from above with north at the top (smaller z).</summary>
public enum WallSide
{
    North,
    East,
    South,
    West,
}

public static class WallSides
{
    public static IReadOnlyList<WallSide> All { get; } = [WallSide.North, WallSide.East, WallSide.South, WallSide.West];

    public static WallSide Opposite(this WallSide side) => side switch
    {
        WallSide.North => WallSide.South,
        WallSide.South => WallSide.North,
        WallSide.East => WallSide.West,
        _ => WallSide.East,
    };

    /// <summary>True when the wall runs east-west (its line is a z value and its extent is along x).</summary>
    public static bool RunsAlongX(this WallSide side) => side is WallSide.North or WallSide.South;

    /// <summary>+1 or -1: the direction, across the wall's line, that points into the room owning the side.</summary>
    public static int Inward(this WallSide side) => side is WallSide.North or WallSide.West ? 1 : -1;
}
