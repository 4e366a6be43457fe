package dev.portcullis.iam.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class OtpAuthQrTest {
  @Test
  void uri_followsTheKeyUriFormat() {
    assertThat(OtpAuthQr.uri("my phone", "123456789012", "ABCDEF"))
        .isEqualTo("otpauth://totp/Portcullis%3Amy%20phone%40123456789012?secret=ABCDEF"
            + "&issuer=Portcullis");
  }

  @Test
  void png_isAPngThatAQrReaderDecodesToTheText() throws Exception {
    String text = OtpAuthQr.uri("a-rather-long-device-name@example.com", "123456789012",
        Base32.encode(MfaDevices.newSeed()));

    byte[] png = OtpAuthQr.png(text);

    assertThat(png).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    int[] pixels = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
        new RGBLuminanceSource(img.getWidth(), img.getHeight(), pixels)));
    assertThat(new QRCodeReader().decode(bitmap).getText()).isEqualTo(text);
  }
}
