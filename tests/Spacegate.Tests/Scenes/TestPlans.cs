using Spacegate.Server.Models.Scenes;

namespace Spacegate.Tests.Scenes;

/// <summary>Small hand-made plans whose geometry the tests can reason about.</summary>
internal static class TestPlans
{
    public static readonly FloorPlanRoom Living = new("Living room", 0, 0, 5, 4);
    public static readonly FloorPlanRoom Kitchen = new("Kitchen", 5, 0, 3, 4);
    public static readonly FloorPlanRoom Bedroom = new("Bedroom", 0, 4, 4, 3.5);

    /// <summary>Living room (0..5 × 0..4) with a kitchen to the east and a bedroom to the south.</summary>
    public static FloorPlan Flat(bool doors = true) => new()
    {
        CeilingHeight = 2.6,
        Rooms = [Living, Kitchen, Bedroom],
        Doors = doors
            ?
            [
                new FloorPlanDoor("Living room", WallSide.East, 2.0, 0.9, "Kitchen"),
                new FloorPlanDoor("Living room", WallSide.South, 2.0, 0.9, "Bedroom"),
                new FloorPlanDoor("Living room", WallSide.North, 2.5, 1.0),
            ]
            : [],
    };
}
