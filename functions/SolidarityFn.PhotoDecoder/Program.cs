using SolidarityFn.Pipeline.Media;

// One photo, then exit: the host (PhotoPreparer) reads the JSON lines on stdout and the exit code, and kills this
// process when it takes too long or too much memory. The decode itself is PhotoDecoding, in the Pipeline.
PhotoDecodeRequest request;
try
{
    request = PhotoDecodeRequest.Parse(args);
}
catch (FormatException exception)
{
    Console.Error.WriteLine("Usage error: " + exception.Message);
    return PhotoDecoderExit.Usage;
}

// ImageMagick's own time limit only bounds a decoder whose host died (nobody left to kill it): the host's limits
// (CPU budget, and its wall-clock backstop of at most an hour) always come first.
PhotoDecoding.ApplyLimits(request, TimeSpan.FromHours(1) + TimeSpan.FromMinutes(5));
try
{
    var prepared = PhotoDecoding.Decode(request, (width, height) => Console.Out.WriteLine(PhotoDecoderReport.Header(width, height).ToJsonLine()));
    Console.Out.WriteLine(prepared.ToJsonLine());
    return PhotoDecoderExit.Prepared;
}
catch (PhotoRefusedException refused)
{
    Console.Out.WriteLine(PhotoDecoderReport.Refused(refused.Reason, refused.Message, refused.Detail).ToJsonLine());
    return PhotoDecoderExit.Refused;
}
