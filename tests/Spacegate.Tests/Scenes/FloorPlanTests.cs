using Spacegate.Server.Models.Scenes;
using Xunit;

namespace Spacegate.Tests.Scenes;

public sealed class FloorPlanTests
{
    [Fact]
    public void Json_RoundTrip_KeepsRoomsDoorsAndHeights()
    {
        var plan = TestPlans.Flat();
        var json = plan.ToJson();
        Assert.Contains("\"wall\":\"east\"", json);
        Assert.Contains("\"toRoom\":\"Kitchen\"", json);
        Assert.DoesNotContain("maxX", json); // derived values are not stored

        var back = FloorPlan.Parse(json);
        Assert.Equal(plan.Rooms, back.Rooms);
        Assert.Equal(plan.Doors, back.Doors);
        Assert.Equal(plan.CeilingHeight, back.CeilingHeight);
        Assert.Empty(back.Validate());
    }

    [Theory]
    [InlineData("{\"rooms\": [")]
    [InlineData("null")]
    [InlineData("{\"rooms\": [{\"name\": \"A\", \"x\": 0, \"z\": 0, \"width\": 3, \"depth\": 3}], \"doors\": [{\"room\": \"A\", \"wall\": \"up\", \"center\": 1, \"width\": 1}]}")]
    public void Parse_MalformedJson_IsFormatException(string json) => Assert.Throws<FormatException>(() => FloorPlan.Parse(json));

    public static TheoryData<string, string> InvalidPlans => new()
    {
        { "negative width", "width and depth must be between" },
        { "zero rooms", "1 to 200 rooms" },
        { "duplicate name", "named twice" },
        { "overlap", "overlap" },
        { "door beyond the wall", "is not on that wall" },
        { "door into a room that is not next to it", "does not open into 'Bedroom'" },
        { "outside door that opens into a room", "opens into 'Kitchen'; name it in toRoom" },
        { "door to an unknown room", "'Cellar', which is not in the plan" },
        { "door in an unknown room", "'Attic', which is not in the plan" },
        { "doors overlapping", "overlaps the door" },
        { "low ceiling", "ceilingHeight must be between" },
        { "door taller than the ceiling", "doorHeight must be at least" },
    };

    [Theory]
    [MemberData(nameof(InvalidPlans))]
    public void Validate_InvalidPlan_SaysWhatIsWrong(string problem, string expected)
    {
        var plan = TestPlans.Flat();
        var rooms = plan.Rooms;
        plan = problem switch
        {
            "negative width" => plan with { Rooms = [rooms[0] with { Width = -5 }, rooms[1], rooms[2]] },
            "zero rooms" => plan with { Rooms = [], Doors = [] },
            "duplicate name" => plan with { Rooms = [.. rooms, rooms[1] with { X = 20 }] },
            "overlap" => plan with { Rooms = [.. rooms, new FloorPlanRoom("Closet", 4, 3, 2, 2)] },
            "door beyond the wall" => plan with { Doors = [new FloorPlanDoor("Living room", WallSide.East, 3.9, 0.9, "Kitchen")] },
            "door into a room that is not next to it" => plan with { Doors = [new FloorPlanDoor("Kitchen", WallSide.West, 2, 0.9, "Bedroom")] },
            "outside door that opens into a room" => plan with { Doors = [new FloorPlanDoor("Living room", WallSide.East, 2, 0.9)] },
            "door to an unknown room" => plan with { Doors = [new FloorPlanDoor("Living room", WallSide.East, 2, 0.9, "Cellar")] },
            "door in an unknown room" => plan with { Doors = [new FloorPlanDoor("Attic", WallSide.East, 2, 0.9)] },
            "doors overlapping" => plan with { Doors = [.. plan.Doors, new FloorPlanDoor("Kitchen", WallSide.West, 2.3, 0.9, "Living room")] },
            "low ceiling" => plan with { CeilingHeight = 1.5 },
            "door taller than the ceiling" => plan with { DoorHeight = 2.7 },
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };
        var errors = plan.Validate();
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_DoorAcrossANeighboursCorner_IsRejected()
    {
        // The bedroom's north wall ends at x = 4; a door at 3.5..4.5 in the living room's south wall straddles its corner.
        var plan = TestPlans.Flat() with { Doors = [new FloorPlanDoor("Living room", WallSide.South, 4.0, 1.0, "Bedroom")] };
        Assert.Contains(plan.Validate(), e => e.Contains("crosses a corner of 'Bedroom'"));
    }

    [Fact]
    public void Generate_AnyRoomCount_GivesValidConnectedPlansWithOneFrontDoor()
    {
        for (var rooms = 1; rooms <= 12; rooms++)
        {
            for (var seed = 1; seed <= 15; seed++)
            {
                var plan = FloorPlanGenerator.Generate(rooms, seed);
                Assert.Empty(plan.Validate());
                Assert.Equal(rooms, plan.Rooms.Count);
                Assert.Equal(FloorPlanGenerator.HomeRoomNames.Take(rooms), plan.Rooms.Select(r => r.Name));
                Assert.Single(plan.Doors, d => d.ToRoom is null);
                Assert.Equal(rooms, Reachable(plan, plan.Rooms[0].Name).Count);
                Assert.True(plan.Rooms.Zip(plan.Rooms.Skip(1)).All(p => p.First.Area >= p.Second.Area), "names go from the largest room down");
            }
        }
    }

    [Fact]
    public void Generate_SameSeed_SamePlan_OtherSeed_OtherPlan()
    {
        Assert.Equal(FloorPlanGenerator.Generate(6, 7).ToJson(), FloorPlanGenerator.Generate(6, 7).ToJson());
        Assert.NotEqual(FloorPlanGenerator.Generate(6, 7).ToJson(), FloorPlanGenerator.Generate(6, 8).ToJson());
    }

    [Fact]
    public void Generate_TwoLevels_EachLevelConnectedOnOneFootprint()
    {
        var plan = FloorPlanGenerator.Generate(["Living room", "Kitchen", "Hall", "Bedroom", "Bedroom 2", "Bathroom"], seed: 3, levels: 2);
        Assert.Empty(plan.Validate());
        Assert.Equal([0, 1], plan.Levels);
        foreach (var level in plan.Levels)
        {
            var rooms = plan.Rooms.Where(r => r.Level == level).ToList();
            Assert.Equal(3, rooms.Count);
            Assert.Equal(3, Reachable(plan, rooms[0].Name).Count);
        }
        Assert.Equal(plan.Rooms.Where(r => r.Level == 0).Max(r => r.MaxX), plan.Rooms.Where(r => r.Level == 1).Max(r => r.MaxX), 6);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(25)]
    public void Generate_RoomCountOutOfRange_Throws(int rooms) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FloorPlanGenerator.Generate(rooms, 1));

    private static HashSet<string> Reachable(FloorPlan plan, string start)
    {
        var seen = new HashSet<string> { start };
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var room))
        {
            foreach (var door in plan.Doors.Where(d => d.ToRoom is not null && (d.Room == room || d.ToRoom == room)))
            {
                var other = door.Room == room ? door.ToRoom! : door.Room;
                if (seen.Add(other))
                {
                    queue.Enqueue(other);
                }
            }
        }
        return seen;
    }
}
