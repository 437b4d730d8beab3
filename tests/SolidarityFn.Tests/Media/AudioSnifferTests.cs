using System.Text;
using SolidarityFn.Pipeline.Music;

namespace SolidarityFn.Tests.Media;

/// <summary>Music files are recognised by their first bytes, whatever their name or declared type.</summary>
public class AudioSnifferTests
{
    private static byte[] Pad(params byte[] head) => [.. head, .. new byte[16]];

    private static byte[] Text(string text) => Pad(Encoding.ASCII.GetBytes(text));

    [Fact]
    public void Each_accepted_kind_of_music_names_the_demuxer_to_force()
    {
        Assert.Equal("mp3", AudioSniffer.Demuxer(Text("ID3\u0004\u0000")));
        Assert.Equal("mp3", AudioSniffer.Demuxer(Pad(0xFF, 0xFB, 0x90, 0x64))); // MPEG-1 layer III
        Assert.Equal("aac", AudioSniffer.Demuxer(Pad(0xFF, 0xF1, 0x50, 0x80))); // ADTS
        Assert.Equal("wav", AudioSniffer.Demuxer(Text("RIFF\u0024\u0000\u0000\u0000WAVEfmt ")));
        Assert.Equal("ogg", AudioSniffer.Demuxer(Text("OggS\u0000\u0002")));
        Assert.Equal("flac", AudioSniffer.Demuxer(Text("fLaC\u0000\u0000\u0000\u0022")));
        Assert.Equal("mov", AudioSniffer.Demuxer(Pad(0, 0, 0, 0x20, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'M', (byte)'4', (byte)'A', (byte)' ')));
    }

    [Fact]
    public void Anything_else_is_not_music()
    {
        Assert.Null(AudioSniffer.Demuxer(Text("#EXTM3U\nfile:///etc/passwd")));
        Assert.Null(AudioSniffer.Demuxer(Text("ffconcat version 1.0\n")));
        Assert.Null(AudioSniffer.Demuxer(Text("RIFF\u0024\u0000\u0000\u0000WEBPVP8 "))); // a WebP photo
        Assert.Null(AudioSniffer.Demuxer(Pad(0xFF, 0xD8, 0xFF, 0xE0))); // a JPEG
        Assert.Null(AudioSniffer.Demuxer(Pad(0xFF, 0xE1))); // MPEG audio sync with the reserved layer
        Assert.Null(AudioSniffer.Demuxer([0xFF, 0xFB]));
    }
}
