using SolidarityFn.Pipeline.Media;

namespace SolidarityFn.Tests.Media;

/// <summary>How a source shape becomes each output frame (pure plans and filter text; no ffmpeg runs here).</summary>
public class FramingTests
{
    [Theory]
    [InlineData(1920, 1080, 1920, 1080)]
    [InlineData(3840, 2160, 1920, 1080)]
    [InlineData(1080, 1920, 1080, 1920)]
    [InlineData(720, 1280, 1080, 1920)]
    [InlineData(1080, 1080, 1080, 1080)]
    [InlineData(1920, 1088, 1920, 1080)]
    public void A_source_of_the_frame_s_shape_fills_it_whole(int width, int height, int frameWidth, int frameHeight)
    {
        var plan = Framing.Plan(width, height, frameWidth, frameHeight);
        Assert.Equal(FramingMode.Fill, plan.Mode);
        Assert.Equal((frameWidth, frameHeight), (plan.PictureWidth, plan.PictureHeight));
        Assert.Equal(1, plan.Coverage);
        Assert.DoesNotContain("boxblur", Framing.Filter("[0:v:0]", string.Empty, string.Empty, "[v]", plan), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1920, 1200, 1920, 1080)] // 16:10 phone screen recording in 16:9
    [InlineData(1080, 1350, 1080, 1080)] // 4:5 portrait in 1:1
    [InlineData(1080, 2340, 1080, 1920)] // 19.5:9 phone screen in 9:16
    [InlineData(1200, 1080, 1080, 1080)] // nearly square in 1:1
    public void A_shape_close_to_the_frame_s_fills_it_with_a_small_centred_crop(int width, int height, int frameWidth, int frameHeight)
    {
        var plan = Framing.Plan(width, height, frameWidth, frameHeight);
        Assert.Equal(FramingMode.Fill, plan.Mode);
        var kept = (double)plan.CropWidth * plan.CropHeight / ((double)width * height);
        Assert.InRange(kept, 1 - Framing.MaxCropArea - 0.01, 1);
        var filter = Framing.Filter("[0:v:0]", string.Empty, string.Empty, "[v]", plan);
        Assert.Equal($"[0:v:0]crop={plan.CropWidth}:{plan.CropHeight},scale={frameWidth}:{frameHeight},setsar=1[v]", filter);
    }

    [Fact]
    public void A_vertical_phone_clip_in_the_landscape_video_is_whole_width_over_its_own_blur()
    {
        var plan = Framing.Plan(1080, 1920, 1920, 1080);
        Assert.Equal(FramingMode.OverBlur, plan.Mode);
        Assert.Equal((1080, 1536), (plan.CropWidth, plan.CropHeight));
        Assert.Equal((758, 1080), (plan.PictureWidth, plan.PictureHeight));
        Assert.Equal(
            "[0:v:0]split=2[fill_bg][fill_fg];" +
            "[fill_bg]scale=480:854,crop=480:270,boxblur=luma_radius=7:luma_power=2,scale=1920:1080,setsar=1,format=yuv420p[fill_blur];" +
            "[fill_fg]crop=1080:1536,scale=758:1080,setsar=1,format=yuv420p[fill_pic];" +
            "[fill_blur][fill_pic]overlay=x=(W-w)/2:y=(H-h)/2,setsar=1,format=yuv420p[v]",
            Framing.Filter("[0:v:0]", string.Empty, ",format=yuv420p", "[v]", plan));
    }

    [Fact]
    public void A_landscape_clip_in_the_vertical_video_is_full_width_over_its_own_blur()
    {
        var plan = Framing.Plan(1920, 1080, 1080, 1920);
        Assert.Equal(FramingMode.OverBlur, plan.Mode);
        Assert.Equal((1536, 1080), (plan.CropWidth, plan.CropHeight));
        Assert.Equal((1080, 758), (plan.PictureWidth, plan.PictureHeight));
    }

    [Fact]
    public void Four_by_three_in_16_9_loses_at_most_a_fifth_and_covers_most_of_the_frame()
    {
        var plan = Framing.Plan(1440, 1080, 1920, 1080);
        Assert.Equal(FramingMode.OverBlur, plan.Mode);
        Assert.Equal((1440, 864), (plan.CropWidth, plan.CropHeight));
        Assert.Equal((1800, 1080), (plan.PictureWidth, plan.PictureHeight));
        Assert.True(plan.Coverage > 0.9);
    }

    public static TheoryData<int, int> Shapes()
    {
        var data = new TheoryData<int, int>();
        int[][] shapes = [[1920, 1080], [1080, 1920], [1080, 1080], [1440, 1080], [1080, 1440], [2560, 1080], [1080, 2560], [720, 1280], [640, 480], [1080, 1350], [1280, 1024], [3000, 1000], [1000, 3000], [1081, 1921], [2, 2000]];
        foreach (var shape in shapes)
        {
            data.Add(shape[0], shape[1]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_plan_crops_at_most_a_fifth_never_stretches_and_stays_inside_the_frame(int width, int height)
    {
        foreach (var (frameWidth, frameHeight) in new[] { (1920, 1080), (1080, 1920), (1080, 1080), (1080, 1350), (480, 270), (640, 360) })
        {
            var plan = Framing.Plan(width, height, frameWidth, frameHeight);
            var why = plan.Describe();
            Assert.True(plan.CropWidth <= width && plan.CropHeight <= height, why);
            Assert.True(plan.PictureWidth <= frameWidth && plan.PictureHeight <= frameHeight, why);
            Assert.True(plan.PictureWidth % 2 == 0 && plan.PictureHeight % 2 == 0 && plan.CropWidth % 2 == 0 && plan.CropHeight % 2 == 0, why);
            if (plan.Mode == FramingMode.OverBlur)
            {
                // At most a fifth of the picture is cropped (whole pixels, even sizes: a few pixels of slack).
                var kept = (double)plan.CropWidth * plan.CropHeight / ((double)width * height);
                Assert.True(kept >= 1 - Framing.MaxCropArea - (4.0 / Math.Min(width, height)), why);

                // The picture has the crop's shape (no stretch beyond the rounding to even pixels)...
                var crop = (double)plan.CropWidth / plan.CropHeight;
                var picture = (double)plan.PictureWidth / plan.PictureHeight;
                Assert.True(Math.Abs((picture / crop) - 1) < 0.02 || Math.Min(plan.PictureWidth, plan.PictureHeight) <= 4, why);

                // ...and touches two opposite edges of the frame: the fill shows only on the other two sides.
                Assert.True(plan.PictureWidth >= frameWidth - 1 || plan.PictureHeight >= frameHeight - 1, why);
            }
            else
            {
                var frame = (double)frameWidth / frameHeight;
                var crop = (double)plan.CropWidth / plan.CropHeight;
                Assert.True(Math.Abs((crop / frame) - 1) < 0.02 || Math.Min(plan.CropWidth, plan.CropHeight) <= 4, why);
            }
        }
    }

    [Theory]
    [InlineData(1080, 1920, 1080, 1920)]
    [InlineData(3840, 2160, 1920, 1080)]
    [InlineData(4032, 3024, 1920, 1440)]
    [InlineData(8064, 6048, 1920, 1440)]
    [InlineData(640, 480, 640, 480)]
    [InlineData(481, 641, 480, 640)]
    [InlineData(1920, 1920, 1920, 1920)]
    [InlineData(4000, 4000, 1920, 1920)]
    public void Clips_are_stored_at_their_shape_scaled_down_to_1920_square_never_up_in_even_pixels(int width, int height, int clipWidth, int clipHeight)
    {
        Assert.Equal((clipWidth, clipHeight), MezzanineFormat.ClipSize(width, height));
    }

    [Fact]
    public void Two_framings_in_one_graph_use_their_own_pad_names()
    {
        var plan = Framing.Plan(1080, 1920, 640, 360);
        var filter = Framing.Filter("[preview_in]", string.Empty, string.Empty, "[preview_v]", plan, "preview");
        Assert.Contains("[preview_bg]", filter, StringComparison.Ordinal);
        Assert.DoesNotContain("[fill_", filter, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_square_pixels_are_scaled_to_the_display_shape_in_even_pixels()
    {
        var geometry = new VideoGeometry(720, 480, 40, 33);
        Assert.Equal((872, 480), Framing.SquareSize(geometry));
        Assert.Equal("scale=872:480,setsar=1,", Framing.SquarePixels(geometry));
        Assert.Equal(string.Empty, Framing.SquarePixels(new VideoGeometry(1920, 1080)));
        Assert.Equal((1920, 1080), Framing.SquareSize(new VideoGeometry(1920, 1080, 1, 1)));
    }

    [Fact]
    public void Plan_descriptions_differ_for_every_input_that_changes_the_picture()
    {
        string[] descriptions =
        [
            Framing.Plan(1080, 1920, 1920, 1080).Describe(),
            Framing.Plan(1080, 1920, 1080, 1920).Describe(),
            Framing.Plan(1920, 1080, 1920, 1080).Describe(),
            Framing.Plan(1080, 1918, 1920, 1080).Describe(),
        ];
        Assert.Equal(descriptions.Length, descriptions.Distinct().Count());
    }
}
