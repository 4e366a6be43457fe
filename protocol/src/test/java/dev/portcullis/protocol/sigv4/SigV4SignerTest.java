package dev.portcullis.protocol.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.protocol.AwsException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SigV4SignerTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private static final byte[] BODY =
      "Action=GetUser&Version=2010-05-08".getBytes(StandardCharsets.UTF_8);

  @Test
  void signedRequest_verifies_andFailsWithAnotherSecret() {
    Map<String, String> headers = SigV4Signer.sign("POST", "/", null, Map.of("Host",
        "127.0.0.1:9400", "Content-Type", "application/x-www-form-urlencoded"), BODY, "AKIAEXAMPLE",
        "secret", "us-east-1", "iam", NOW);
    Map<String, List<String>> received = new HashMap<>();
    headers.forEach((k, v) -> received.put(k.toLowerCase(), List.of(v)));
    SignedRequest request = new SignedRequest("POST", "/", null, received, BODY);
    SigV4Verifier verifier = new SigV4Verifier(Clock.fixed(NOW, ZoneOffset.UTC));

    SigV4Identity id = verifier.verify(request, Map.of(), "iam", (key, token) -> "secret");

    assertThat(id.accessKeyId()).isEqualTo("AKIAEXAMPLE");
    assertThatThrownBy(() -> verifier.verify(request, Map.of(), "iam", (key, token) -> "other"))
        .isInstanceOfSatisfying(AwsException.class, e ->
            assertThat(e.code().code()).isEqualTo("SignatureDoesNotMatch"));
  }

  @Test
  void verify_whenHostIsNotASignedHeader_isSignatureDoesNotMatch() {
    Map<String, String> headers = SigV4Signer.sign("POST", "/", null, Map.of("Content-Type",
        "application/x-www-form-urlencoded"), BODY, "AKIAEXAMPLE", "secret", "us-east-1", "iam",
        NOW);
    Map<String, List<String>> received = new HashMap<>();
    headers.forEach((k, v) -> received.put(k.toLowerCase(), List.of(v)));
    received.put("host", List.of("127.0.0.1:9400"));
    SignedRequest request = new SignedRequest("POST", "/", null, received, BODY);
    SigV4Verifier verifier = new SigV4Verifier(Clock.fixed(NOW, ZoneOffset.UTC));

    assertThatThrownBy(() -> verifier.verify(request, Map.of(), "iam", (key, token) -> "secret"))
        .isInstanceOfSatisfying(AwsException.class, e -> {
          assertThat(e.code().code()).isEqualTo("SignatureDoesNotMatch");
          assertThat(e.getMessage()).contains("'Host' must be a 'SignedHeader'");
        });
  }
}
