package dev.portcullis.iam.mfa;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The QR code an authenticator app scans to learn a virtual MFA device: a PNG of the
 * {@code otpauth://totp/} URI (Google Authenticator's key-URI format) holding the seed.
 */
public final class OtpAuthQr {
  /** The issuer an authenticator app shows beside the account. */
  public static final String ISSUER = "Portcullis";
  private static final int PIXELS_PER_MODULE = 4;
  private static final int QUIET_ZONE_MODULES = 4;

  private OtpAuthQr() {}

  /** The key URI of a device named {@code deviceName} in {@code accountId}. */
  public static String uri(String deviceName, String accountId, String base32Seed) {
    String label = encode(ISSUER + ":" + deviceName + "@" + accountId);
    return "otpauth://totp/" + label + "?secret=" + base32Seed + "&issuer=" + encode(ISSUER);
  }

  /** A black-on-white PNG of {@code text} as a QR code (error correction level M). */
  public static byte[] png(String text) {
    BitMatrix m;
    try {
      m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
          EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
          EncodeHintType.MARGIN, QUIET_ZONE_MODULES,
          EncodeHintType.CHARACTER_SET, "UTF-8"));
    } catch (WriterException e) {
      throw new IllegalArgumentException("too long for a QR code", e);
    }
    int size = m.getWidth() * PIXELS_PER_MODULE;
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        boolean dark = m.get(x / PIXELS_PER_MODULE, y / PIXELS_PER_MODULE);
        img.setRGB(x, y, dark ? 0xff000000 : 0xffffffff);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
