package dev.portcullis.iam.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The digest signing keys in CloudTrail's forms. */
class DigestKeysTest {
  /** The key and fingerprint of the AWS CLI's {@code list-public-keys} example. */
  private static final String AWS_EXAMPLE_KEY = "MIIBCgKCAQEAlSS3cl92HDycr/MTj0moOhas8habjrraXw+"
      + "KzlWF0axSI2tcF+3iJ9BKQAVSKxGwxwu3m0wG3J+kUl1xboEcEPHYoIYMbgfSw7KGnuDKwkLzsQWhUJ0cIbOHAS"
      + "ox1vv/5fNXkrHhGbDCHeVXm804c83nvHUEFYThr1PfyP/8HwrCtR3FX5OANtQCP61C1nJtSSkC8JSQUOrIP4Cuw"
      + "Jjc+4WGDk+BGH5m9iuiAKkipEHWmUl8/P7XpfpWQuk4h8g3pXZOrNXr08lbh4d39svj7UqdhvOXoBISp9t/EXYu"
      + "ePGEtBdrKD9Dz+VHwyUPtBQvYr9BnkF88qBnaPNhS44rzwIDAQAB";

  @Test
  void fingerprint_whenGivenAwsExampleKey_isTheFingerprintAwsListsForIt() {
    byte[] der = Base64.getDecoder().decode(AWS_EXAMPLE_KEY);

    assertThat(DigestKeys.fingerprint(der)).isEqualTo("7f3f401420072e50a65a141430817ab3");
    assertThat(DigestKeys.pkcs1(DigestKeys.fromPkcs1(der))).isEqualTo(der);
  }

  @Test
  void pem_whenReadBack_isTheSameKey() {
    KeyPair pair = DigestKeys.generate();
    byte[] pkcs1 = DigestKeys.pkcs1(pair.getPublic());

    String pem = DigestKeys.pem(pkcs1);

    assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n");
    assertThat(DigestKeys.fromPem(pem)).isEqualTo(pkcs1);
    assertThat(DigestKeys.fromPem("-----BEGIN RSA PUBLIC KEY-----\n"
        + Base64.getEncoder().encodeToString(pkcs1) + "\n-----END RSA PUBLIC KEY-----\n"))
        .isEqualTo(pkcs1);
  }

  @Test
  void verify_whenTheSignedStringChanged_isFalse() {
    KeyPair pair = DigestKeys.generate();
    String signed = TrailLayout.stringToSign("2026-12-04T21:00:00Z", "AWSLogs/x.json.gz",
        "ab".repeat(32), null);

    String signature = DigestKeys.sign(pair.getPrivate(), signed);

    assertThat(signed).endsWith("\nnull").contains("\nportcullis/AWSLogs/x.json.gz\n");
    assertThat(DigestKeys.verify(pair.getPublic(), signed, signature)).isTrue();
    assertThat(DigestKeys.verify(pair.getPublic(), signed + "x", signature)).isFalse();
  }
}
