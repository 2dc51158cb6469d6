using QRCoder;

namespace Appraisal.PartyBuilding.Web.Features.Surveys;

/// <summary>QR codes of invitation links, drawn on the server (no script, nothing sent elsewhere).</summary>
public static class SurveyQrCode
{
    /// <summary>An SVG drawing, put inline into the printable sheet; sized by its viewBox so CSS can scale it.</summary>
    public static string Svg(string link)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4, "#000000", "#FFFFFF", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    /// <summary>A PNG image, for downloading.</summary>
    public static byte[] Png(string link)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }
}
