package io.veltrix.query.join;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a QR code SVG of {@link QrSvg} back: its rectangles become pixels, ZXing's reader decodes them. */
public final class QrCodes {

    private static final int PIXELS_PER_MODULE = 8;

    private QrCodes() {
    }

    public static String decode(String svg) throws Exception {
        Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        assertThat(box.find()).as("an SVG with a viewBox").isTrue();
        int width = Integer.parseInt(box.group(1)) * PIXELS_PER_MODULE;
        int height = Integer.parseInt(box.group(2)) * PIXELS_PER_MODULE;
        int[] pixels = new int[width * height];
        Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\d+z").matcher(svg);
        while (run.find()) {
            int x0 = Integer.parseInt(run.group(1)) * PIXELS_PER_MODULE;
            int y0 = Integer.parseInt(run.group(2)) * PIXELS_PER_MODULE;
            int length = Integer.parseInt(run.group(3)) * PIXELS_PER_MODULE;
            for (int y = y0; y < y0 + PIXELS_PER_MODULE; y++) {
                Arrays.fill(pixels, y * width + x0, y * width + x0 + length, 0xFF000000);
            }
        }
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }
}
