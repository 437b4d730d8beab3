namespace SolidarityFn.Pipeline.Music;

/// <summary>
/// Recognises a music file from its first bytes (never its name or declared type) and names the ffmpeg demuxer to force:
/// MP3 (an ID3v2 tag or an MPEG audio layer II/III frame), AAC in ADTS, M4A/MP4 (ISO base media), WAV (RIFF/WAVE), Ogg
/// (Vorbis or Opus) and FLAC. Anything else is null: 415. The probe then checks that there is sound to use.
/// </summary>
public static class AudioSniffer
{
    public const int HeaderLength = 16;

    public static string? Demuxer(ReadOnlySpan<byte> header)
    {
        if (header.Length < 12)
        {
            return null;
        }

        if (header.StartsWith("ID3"u8))
        {
            return "mp3";
        }

        if (header[0] == 0xFF && (header[1] & 0xE0) == 0xE0)
        {
            var layer = (header[1] >> 1) & 0x3;
            return layer switch
            {
                0 when (header[1] & 0xF6) == 0xF0 => "aac", // ADTS: MPEG-4 or -2 AAC, layer bits 00
                1 or 2 => "mp3", // layer III or II
                _ => null,
            };
        }

        if (header.StartsWith("RIFF"u8) && header.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            return "wav";
        }

        if (header.StartsWith("OggS"u8))
        {
            return "ogg";
        }

        if (header.StartsWith("fLaC"u8))
        {
            return "flac";
        }

        return header.Slice(4, 4).SequenceEqual("ftyp"u8) ? Media.MediaSniffer.MovDemuxer : null;
    }
}
