package dev.portcullis.iam.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Base32Test {
  @Test
  void encode_ofRfc4648TestVectors_matchesThemWithoutPadding() {
    assertThat(Base32.encode(bytes("f"))).isEqualTo("MY");
    assertThat(Base32.encode(bytes("fooba"))).isEqualTo("MZXW6YTB");
    assertThat(Base32.encode(bytes("foobar"))).isEqualTo("MZXW6YTBOI");
  }

  @Test
  void decode_ofEncoded_roundTripsAndIgnoresCaseAndPadding() {
    byte[] seed = MfaDevices.newSeed();

    assertThat(Base32.decode(Base32.encode(seed))).isEqualTo(seed);
    assertThat(Base32.decode("mzxw6ytboi======")).isEqualTo(bytes("foobar"));
    assertThat(Base32.encode(seed)).hasSize(32);
  }

  @Test
  void decode_ofANonBase32Character_isRejected() {
    assertThatThrownBy(() -> Base32.decode("MZ1W")).isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
